import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchSqlite } from '../support/scratch-database';
import { runCli } from '../support/cli';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('threatmesh feeds … (the real binary)', () => {
  const db = scratchSqlite();
  const dir = mkdtempSync(join(tmpdir(), 'threatmesh-cli-feeds-'));
  const listPath = join(dir, 'iocs.txt');
  const missingPath = join(dir, 'missing.txt');
  const name = 'Local IOC list';
  const env = { DATABASE_URL: db.url, LOG_LEVEL: 'info', HUB_ORG_NAME: 'CLI Org', OUTBOUND_ALLOW_PRIVATE: 'true', FEED_FILE_ROOT: tmpdir() };
  const run = (...args: string[]) => runCli(env, args);
  const listText = '# local list\n192.0.2.201\nhxxp://bad[.]example/x\n192.0.2.201\nnot-an-ioc\n';
  writeFileSync(listPath, listText);
  const size = Buffer.byteLength(listText);

  after(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('add (one feed per URL, the API\'s checks), list with filters, load-defaults, enable, fetch, fetch --all, disable', async () => {
    let r = await run('feeds', 'add', '--name', name, '--url', listPath, '--format', 'freetext', '--fixed-event', '--tag', 'tlp:white');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^added feed Local IOC list \([0-9a-f-]{36}\), disabled\n$/);
    assert.equal(r.stderr, '');

    // The same URL again: refused naming the feed that has it, one error line, nothing stored.
    r = await run('feeds', 'add', '--name', 'Copy', '--url', listPath, '--format', 'CSV');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.deepEqual(lines(r.stderr), [`error: The URL "${listPath}" is already configured as feed "${name}" (CONFLICT)`]);
    // The createFeed input rules (class-validator) and the service's checks apply as they are.
    r = await run('feeds', 'add', '--name', 'Bad', '--url', join(dir, 'b.csv'), '--format', 'CSV', '--delimiter', ';;;;;;;;;');
    assert.equal(r.code, 2);
    assert.deepEqual(lines(r.stderr), ['error: invalid input: delimiter must be shorter than or equal to 8 characters']);
    r = await run('feeds', 'add', '--name', 'Bad', '--url', join(dir, 'b.csv'), '--format', 'CSV', '--schedule', 'every day');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: .*every day.* \(BAD_USER_INPUT\)\n$/);
    r = await run('feeds', 'add', '--name', 'Bad', '--url', join(dir, 'b.csv'), '--format', 'XML');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /"XML" is not a feed format: expected one of MISP, CSV, FREETEXT/);
    assert.ok(!(await run('feeds', 'list')).stdout.includes('Bad'), 'refused feeds were not stored');

    r = await run('feeds', 'add', '--name', 'Missing file', '--url', missingPath, '--format', 'FREETEXT');
    assert.equal(r.code, 0, r.stderr);

    r = await run('feeds', 'list');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout).map((l) => l.replace(/\([0-9a-f-]{36}\)/, '(id)')), [
      'off FREETEXT Local IOC list (id)  never fetched',
      'off FREETEXT Missing file (id)  never fetched',
    ]);

    r = await run('feeds', 'load-defaults');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added 84 default feeds \(all disabled\)/);
    assert.match((await run('feeds', 'load-defaults')).stdout, /added 0 default feeds/);

    // Filters: one line per feed; --enabled, --format, JSON output.
    assert.equal(lines((await run('feeds', 'list')).stdout).length, 86);
    assert.equal((await run('feeds', 'list', '--enabled')).stdout, 'no feeds match\n');
    const misp = lines((await run('feeds', 'list', '--format', 'misp')).stdout);
    assert.ok(misp.length > 0 && misp.every((l) => /^off MISP {5}/.test(l)), misp.join('\n'));

    r = await run('feeds', 'enable', name);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^enabled Local IOC list \(/m);
    const enabled = JSON.parse((await run('feeds', 'list', '--enabled', '--output', 'json')).stdout) as Array<{ name: string; enabled: boolean; url: string }>;
    assert.deepEqual(enabled.map((f) => [f.name, f.enabled, f.url]), [[name, true, listPath]]);
    assert.deepEqual(lines((await run('feeds', 'list', '--long', '--enabled')).stdout).slice(1), [`    ${listPath}`]);

    // --progress draws the bar although stderr is a pipe: the size is known (a file), so a percentage.
    r = await run('feeds', 'fetch', name, '--progress');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(String.raw`^Local IOC list \[=+\] 100% \| ${size} B\/${size} B \| \d+(\.\d)? (B|KiB|MiB)\/s \| ETA 0s \| values 3 \(\d+\/s\), new 2, invalid 0$`, 'm'));
    assert.deepEqual(lines(r.stdout).map((l) => l.replace(/in \d+\.\d s$/, 'in T')), ['Local IOC list: new 2, updated 0, deleted 0, skipped 1, invalid 0 in T']);

    // Not a terminal: one summary line on stdout, nothing else anywhere.
    r = await run('feeds', 'fetch', '--all');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(lines(r.stdout).map((l) => l.replace(/in \d+\.\d s$/, 'in T')), ['Local IOC list: not modified, new 0, updated 0, deleted 0, skipped 0, invalid 0 in T']);
    assert.match((await run('feeds', 'list', '--enabled')).stdout, /last fetch .*: new 0/);

    // A failing feed: exactly one error line on stderr, no summary, exit code 1; recorded on the feed.
    r = await run('feeds', 'fetch', 'Missing file');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /^error: feed "Missing file": feed file .*missing\.txt could not be read/);
    assert.match((await run('feeds', 'list')).stdout, /Missing file .*last error: feed file .*missing\.txt/);
    // The same with --progress: the bar's lines, then the one error line; no JSON log line.
    r = await run('feeds', 'fetch', 'Missing file', '--progress');
    assert.equal(r.code, 1);
    assert.ok(!/^\{/m.test(r.stderr), r.stderr);
    assert.match(lines(r.stderr).at(-1)!, /^error: feed "Missing file": feed file/);

    r = await run('feeds', 'disable', (/\(([0-9a-f-]{36})\)/.exec((await run('feeds', 'list', '--enabled')).stdout) ?? [])[1] ?? 'none');
    assert.match(r.stdout, /^disabled Local IOC list/m);
    assert.equal((await run('feeds', 'fetch', '--all')).stdout, 'no enabled feeds\n');

    r = await run('feeds', 'fetch', 'nope');
    assert.equal(r.code, 2);
    assert.deepEqual(lines(r.stderr), ['error: no feed named or with id "nope" (see: threatmesh feeds list)']);
    r = await run('feeds', 'fetch');
    assert.equal(r.code, 2);
    assert.deepEqual(lines(r.stderr), ['error: give either a feed (name or id) or --all']);
  });
});
