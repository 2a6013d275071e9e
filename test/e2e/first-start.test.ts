import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MeDocument } from '../../src/generated/graphql';
import { scratchSqlite } from '../support/scratch-database';
import { createGraphqlClient } from '../../src/shared/graphql-client';
import { REPO_ROOT } from '../support/paths';

const CLI = join(REPO_ROOT, 'dist/src/cli.js');

/** Starts `threatmesh serve` as a real process; resolves with its URL and everything it printed. */
function serve(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string; out: () => string }> {
  const proc = spawn(process.execPath, [CLI, 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+\/graphql)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], out: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

const stop = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    proc.removeAllListeners('exit');
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGTERM');
  });

const keyIn = (out: string) => /API key \(shown once, store it now\):\s+(\S+)/.exec(out)?.[1];

describe('first start, restart and bootstrap of the real binary', () => {
  const db = scratchSqlite();
  after(() => db.drop());

  test('first start prints a working admin key once; restart keeps it; bootstrap issues a new one', async () => {
    const first = await serve({ DATABASE_URL: db.url });
    const key = keyIn(first.out());
    assert.ok(key, `no key printed:\n${first.out()}`);
    const me = await createGraphqlClient(first.url, key).request(MeDocument, {});
    assert.equal(me.data?.me.role, 'ADMIN');
    assert.equal(me.data?.me.organisation.name, 'Host organisation');
    assert.equal(await stop(first.proc), 0, 'SIGTERM stops cleanly');

    const second = await serve({ DATABASE_URL: db.url });
    assert.equal(keyIn(second.out()), undefined, 'the key is printed only on first start');
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
      assert.equal(keyIn(hub.out()), undefined);
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
