import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import { systemEm } from '../../src/auth/visibility-filter';
import { parseConfig } from '../../src/config/config';
import { Event } from '../../src/modules/event/event.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { createLogger } from '../../src/shared/logger';
import { scratchSqlite } from '../support/scratch-database';
import { REPO_ROOT } from '../support/paths';

const CLI = join(REPO_ROOT, 'dist/src/cli.js');

describe('threatmesh import (the real binary)', () => {
  const db = scratchSqlite();
  const dir = mkdtempSync(join(tmpdir(), 'threatmesh-cli-import-'));
  const good = randomUUID();
  const second = randomUUID();
  const objectUuid = randomUUID();
  const config = () => parseConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', HUB_ORG_NAME: 'CLI Org' });
  const run = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    const proc = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, LOG_LEVEL: 'warn', HUB_ORG_NAME: 'CLI Org' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })));
  };

  before(async () => {
    const app = await createApp(config(), { logger: createLogger('silent'), feedSchedules: false }); // migrates, creates the host org
    await app.stop();
    const event = (uuid: string, info: string, extra: object = {}) => ({
      Event: { uuid, info, timestamp: '1700000000', Orgc: { uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f', name: 'CIRCL' }, ...extra },
    });
    mkdirSync(join(dir, 'feed'));
    writeFileSync(
      join(dir, 'feed', 'a.json'),
      JSON.stringify(
        event(good, 'with an object', {
          Object: [{ uuid: objectUuid, name: 'domain-ip', 'meta-category': 'network', Attribute: [{ type: 'domain', object_relation: 'domain', value: 'example.net' }] }],
        }),
      ),
    );
    writeFileSync(join(dir, 'feed', 'b.json'), JSON.stringify([event(second, 'second'), { Event: { uuid: 'nope', info: 'bad' } }]));
    writeFileSync(join(dir, 'feed', 'c.json'), '{ not json');
    writeFileSync(join(dir, 'feed', 'manifest.json'), '{}');
  });
  after(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a directory: one import per file, per-event lines, exit 1 when anything failed; again: skipped; options checked', async () => {
    let r = await run('import', join(dir, 'feed'), '--org', 'CLI Org', '--distribution', 'COMMUNITY_ONLY');
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /a\.json: created 1, updated 0, skipped 0, failed 0/);
    assert.match(r.stdout, new RegExp(`\\[0\\] created ${good} "with an object"`));
    assert.match(r.stdout, /b\.json: created 1, updated 0, skipped 0, failed 1/);
    assert.match(r.stdout, /\[1\] failed \(no uuid\)\n\s+Event\.uuid: expected a UUID \(got "nope"\)/);
    assert.match(r.stderr, /c\.json: not imported: data is not valid JSON/);
    assert.ok(!r.stdout.includes('manifest.json'));

    const app = await createApp(config(), { logger: createLogger('silent'), feedSchedules: false });
    try {
      const em = systemEm(app.orm.em.fork());
      const e = await em.findOneOrFail(Event, { uuid: good }, { populate: ['ownerOrg', 'creatorOrg'] });
      assert.equal(e.ownerOrg.name, 'CLI Org');
      assert.equal(e.creatorOrg.name, 'CIRCL');
      assert.equal(e.distribution, 1);
      assert.equal(await em.count(MispObject, { uuid: objectUuid }), 1);
    } finally {
      await app.stop();
    }

    r = await run('import', join(dir, 'feed', 'a.json'), '--org', 'CLI Org');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /a\.json: created 0, updated 0, skipped 1, failed 0/);

    r = await run('import', join(dir, 'feed', 'a.json'), '--org', 'Nobody');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: no organisation named or with id "Nobody"/);
    r = await run('import', join(dir, 'feed', 'a.json'), '--org', 'CLI Org', '--distribution', 'SHARING_GROUP');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--distribution SHARING_GROUP: expected/);
    r = await run('import', join(dir, 'missing'), '--org', 'CLI Org');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing: ENOENT/);
  });
});
