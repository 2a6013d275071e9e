import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MeDocument } from '../../src/generated/graphql';
import { scratchSqlite } from '../support/scratch-database';
import { createGraphqlClient } from '../../src/shared/graphql-client';
import { REPO_ROOT } from '../support/paths';

const CLI = join(REPO_ROOT, 'dist/src/cli.js');

interface LogLine {
  msg: string;
  level: number;
  url?: string;
  apiKey?: string;
}

/**
 * Starts `threatmesh serve` as a real process (stdout and stderr are pipes, not terminals); resolves with
 * its URL (from its "threatmesh listening" log line) and everything it printed.
 */
function serve(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string; out: () => string; err: () => string; lines: () => LogLine[] }> {
  const proc = spawn(process.execPath, [CLI, 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  // Every stdout line is a JSON log line (JSON.parse throws on anything else).
  const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${out}${err}`)), 30_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ proc, url, out: () => out, err: () => err, lines });
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    proc.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}${err}`)));
  });
}

const stop = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    proc.removeAllListeners('exit');
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGTERM');
  });

/** The key of bootstrap's banner. */
const keyIn = (out: string) => /API key \(shown once, store it now\):\s+(\S+)/.exec(out)?.[1];
/** The key of serve's log line (stderr is no terminal here, so no banner). */
const loggedKey = (lines: LogLine[]) => lines.find((l) => l.apiKey)?.apiKey;

describe('first start, restart and bootstrap of the real binary', () => {
  const db = scratchSqlite();
  after(() => db.drop());

  test('first start prints a working admin key once; restart keeps it; bootstrap issues a new one', async () => {
    const first = await serve({ DATABASE_URL: db.url });
    const key = loggedKey(first.lines());
    assert.ok(key, `no key logged:\n${first.out()}`);
    // Shown once, in one log line at warn level (it shows with LOG_LEVEL=warn too); no banner anywhere.
    assert.equal(first.lines().filter((l) => l.apiKey).length, 1);
    assert.equal(first.lines().find((l) => l.apiKey)!.level, 40);
    assert.equal(first.err(), '', 'nothing on stderr when it is no terminal');
    assert.ok(!first.out().includes('====='), 'no banner in the log');
    const me = await createGraphqlClient(first.url, key).request(MeDocument, {});
    assert.equal(me.data?.me.role, 'ADMIN');
    assert.equal(me.data?.me.organisation.name, 'Host organisation');
    assert.equal(await stop(first.proc), 0, 'SIGTERM stops cleanly');

    const second = await serve({ DATABASE_URL: db.url });
    assert.equal(loggedKey(second.lines()), undefined, 'the key is shown only on first start');
    assert.ok(second.lines().some((l) => l.msg === 'threatmesh starting'), 'stdout is JSON lines only (parsed above)');
    assert.equal((await createGraphqlClient(second.url, key).request(MeDocument, {})).data?.me.role, 'ADMIN');

    const boot = spawnSync(process.execPath, [CLI, 'bootstrap'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    assert.equal(boot.status, 0, boot.stderr);
    const fresh = keyIn(boot.stdout);
    assert.ok(fresh && fresh !== key);
    assert.equal((await createGraphqlClient(second.url, fresh).request(MeDocument, {})).data?.me.role, 'ADMIN');
    assert.equal(await stop(second.proc), 0);
  });

  test('ADMIN_API_KEY is used as the admin key', async () => {
    const other = scratchSqlite();
    const chosen = 'k'.repeat(40);
    const hub = await serve({ DATABASE_URL: other.url, ADMIN_API_KEY: chosen, HUB_ORG_NAME: 'CERT Example' });
    try {
      assert.equal(loggedKey(hub.lines()), undefined);
      const me = await createGraphqlClient(hub.url, `Bearer ${chosen}`).request(MeDocument, {});
      assert.equal(me.data?.me.organisation.name, 'CERT Example');
    } finally {
      await stop(hub.proc);
      await other.drop();
    }
  });

  test('invalid settings are all listed at once and the process exits 2', () => {
    const res = spawnSync(process.execPath, [CLI, 'serve'], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'postgres://x/y' },
      encoding: 'utf8',
    });
    assert.equal(res.status, 2);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) assert.ok(res.stderr.includes(name), `${name} missing in:\n${res.stderr}`);
    assert.ok(res.stderr.includes('"eighty"'), res.stderr);
  });
});
