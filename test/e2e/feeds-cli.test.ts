import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config/config';
import { scratchSqlite, ScratchDatabase } from '../support/scratch-database';
import { createScope } from '../../src/server/scope-factory';
import { FeedFormat } from '../../src/modules/feed/feed.entity';
import { createFeed } from '../../src/modules/feed/feed.service';
import { createLogger } from '../../src/shared/logger';
import { REPO_ROOT } from '../support/paths';

const CLI = join(REPO_ROOT, 'dist/src/cli.js');

/** Runs the real binary to its end; resolves with its exit code and output. */
function run(db: ScratchDatabase, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, LOG_LEVEL: 'warn', HUB_ORG_NAME: 'CLI Org', OUTBOUND_ALLOW_PRIVATE: 'true', FEED_FILE_ROOT: tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('threatmesh feeds … (the real binary)', () => {
  const db = scratchSqlite();
  const dir = mkdtempSync(join(tmpdir(), 'threatmesh-cli-feeds-'));
  const listPath = join(dir, 'iocs.txt');
  const name = 'Local IOC list';

  before(async () => {
    writeFileSync(listPath, '# local list\n192.0.2.201\nhxxp://bad[.]example/x\n192.0.2.201\nnot-an-ioc\n');
    // The feed is created through the service on the same database (there is no `feeds add` command).
    const app = await createApp(parseConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', HUB_ORG_NAME: 'CLI Org', FEED_FILE_ROOT: tmpdir() }), { logger: createLogger('silent'), feedSchedules: false });
    try {
      const scope = createScope(app.hub, { kind: 'system', orgId: app.bootstrap.hostOrg.id }, 'test');
      await createFeed(scope, { name, url: listPath, format: FeedFormat.FREETEXT, fixedEvent: true });
      await createFeed(scope, { name: 'Missing file', url: join(dir, 'missing.txt'), format: FeedFormat.FREETEXT });
    } finally {
      await app.stop();
    }
  });
  after(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('list, load-defaults, enable, fetch (summary line; progress line on demand), fetch --all, disable, errors', async () => {
    let r = await run(db, 'feeds', 'list');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^off FREETEXT Local IOC list \(/m);
    assert.match(r.stdout, /never fetched/);

    r = await run(db, 'feeds', 'load-defaults');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added 84 default feeds \(all disabled\)/);
    assert.match((await run(db, 'feeds', 'load-defaults')).stdout, /added 0 default feeds/);

    r = await run(db, 'feeds', 'enable', name);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^enabled Local IOC list \(/m);

    // Not a terminal: one summary line, no progress line.
    r = await run(db, 'feeds', 'fetch', name);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('\r'));
    assert.match(r.stdout, /^Local IOC list: new 2, updated 0, deleted 0, skipped 1, invalid 0 in \d+\.\d s$/m);

    // --all fetches the enabled feeds only (the missing file is disabled); --progress forces the progress line.
    r = await run(db, 'feeds', 'fetch', '--all', '--progress');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\rLocal IOC list: started/);
    assert.match(r.stdout, /Local IOC list: not modified, new 0/);
    assert.ok(!r.stdout.includes('Missing file'));

    r = await run(db, 'feeds', 'list');
    assert.match(r.stdout, /^on  FREETEXT Local IOC list/m);
    assert.match(r.stdout, /last fetch .*: new 0/);

    // A failing feed: exit code 1, error on stderr, recorded on the feed.
    r = await run(db, 'feeds', 'fetch', 'Missing file');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: feed file .*missing\.txt could not be read/);
    assert.match((await run(db, 'feeds', 'list')).stdout, /last error: feed file .*missing\.txt/);

    const id = /Local IOC list \(([0-9a-f-]{36})\)/.exec(r.stdout + (await run(db, 'feeds', 'list')).stdout)![1];
    r = await run(db, 'feeds', 'disable', id);
    assert.match(r.stdout, /^disabled Local IOC list/m);
    assert.match((await run(db, 'feeds', 'fetch', '--all')).stdout, /no enabled feeds/);

    r = await run(db, 'feeds', 'fetch', 'nope');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No feed named or with id "nope"/);
    assert.equal((await run(db, 'feeds', 'fetch')).code, 2);
  });
});
