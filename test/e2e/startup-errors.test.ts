import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mariadb';
import { testEnv } from '../../src/config/config';
import { scratchMysql, scratchSqlite } from '../support/scratch-database';
import { REPO_ROOT } from '../support/paths';

/**
 * The real binary, started with a setting it cannot use: one line on stderr naming the setting and the
 * address tried (password masked), no stack trace, a non-zero exit code; and the first migration on
 * MariaDB without knex's "Transaction was implicitly committed … (#805)" warnings.
 */

const CLI = join(REPO_ROOT, 'dist/src/cli.js');

function run(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The single line on stderr; fails on a stack trace or on more lines. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr, got:\n${stderr}`);
  assert.ok(!/\n\s+at /.test(stderr), `no stack trace:\n${stderr}`);
  return lines[0];
}

/** Every stdout line is JSON; the fatal one names the setting. */
function fatalLine(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const fatal = lines.find((l) => l.level === 60);
  assert.ok(fatal, `a fatal log line:\n${stdout}`);
  return fatal;
}

describe('start-up errors of `threatmesh serve`', () => {
  test('DATABASE_URL unreachable: the setting, the address (password masked) and "connection refused"; exit 1', async () => {
    const port = await closedPort();
    const r = await run(['serve'], { DATABASE_URL: `mariadb://hub:s3cret-pw@127.0.0.1:${port}/threatmesh`, PORT: '0' });
    assert.equal(r.code, 1, r.stderr);
    const line = oneLine(r.stderr);
    assert.match(line, /DATABASE_URL/);
    assert.ok(line.includes(`127.0.0.1:${port}`), line);
    assert.match(line, /connection refused/);
    assert.ok(!r.stderr.includes('s3cret-pw') && !r.stdout.includes('s3cret-pw'), 'the password is masked');
    assert.equal(fatalLine(r.stdout).setting, 'DATABASE_URL');
  });

  test('DATABASE_URL: a SQLite file that cannot be created names the setting and the reason', async () => {
    // Its folder would be below a plain file (root may create files anywhere else).
    const file = join(tmpdir(), `threatmesh-not-a-dir-${process.pid}`);
    writeFileSync(file, '');
    try {
      const r = await run(['serve'], { DATABASE_URL: `sqlite:${file}/sub/hub.sqlite`, PORT: '0' });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(oneLine(r.stderr), `threatmesh: cannot start: DATABASE_URL sqlite:${file}/sub/hub.sqlite: a part of the path is not a directory`);
    } finally {
      rmSync(file, { force: true });
    }
  });

  test('REDIS_URL unreachable: the setting and the address; exit 1', async () => {
    const port = await closedPort();
    const db = scratchSqlite();
    try {
      const r = await run(['serve'], { DATABASE_URL: db.url, REDIS_URL: `redis://:redis-pw@127.0.0.1:${port}`, PORT: '0' });
      assert.equal(r.code, 1, r.stderr);
      const line = oneLine(r.stderr);
      assert.match(line, /REDIS_URL/);
      assert.ok(line.includes(`127.0.0.1:${port}`), line);
      assert.match(line, /connection refused/);
      assert.ok(!r.stderr.includes('redis-pw'), 'the password is masked');
    } finally {
      await db.drop();
    }
  });

  test('PORT in use: the setting and the address; exit 1', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as AddressInfo;
    const db = scratchSqlite();
    try {
      const r = await run(['serve'], { DATABASE_URL: db.url, PORT: String(port) });
      assert.equal(r.code, 1, r.stderr);
      const line = oneLine(r.stderr);
      assert.equal(line, `threatmesh: cannot start: PORT 127.0.0.1:${port}: address already in use (another process listens on this port)`);
    } finally {
      taken.close();
      await db.drop();
    }
  });

  test('bad values of settings: every one named at once, exit 2, no stack trace', async () => {
    const r = await run(['serve'], { PORT: '70000', METRICS_TOKEN: 'short', REDIS_URL: 'http://x' });
    assert.equal(r.code, 2);
    for (const name of ['PORT=', 'METRICS_TOKEN=', 'REDIS_URL=']) assert.ok(r.stderr.includes(name), `${name} in:\n${r.stderr}`);
    assert.ok(!r.stderr.includes('short'), 'a token value is not echoed');
    assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
  });

  const mysqlUrl = testEnv().testMysqlUrl;
  const skip = mysqlUrl ? false : 'TEST_MYSQL_URL is not set (CI sets it)';

  test('DATABASE_URL with a user MariaDB refuses: "access denied" in the server\'s words; exit 1', { skip }, async () => {
    const u = new URL(mysqlUrl!);
    u.username = 'threatmesh_nobody';
    u.password = 'wrong-pw';
    u.pathname = '/threatmesh_nowhere';
    const r = await run(['serve'], { DATABASE_URL: u.toString(), PORT: '0' });
    assert.equal(r.code, 1, r.stderr);
    const line = oneLine(r.stderr);
    assert.match(line, /DATABASE_URL mariadb:\/\/threatmesh_nobody:\*\*\*@/);
    assert.match(line, /access denied/i);
    assert.ok(!line.includes('wrong-pw'));
  });

  test('the first migration on a scratch MariaDB: no "#805" warnings, every migration applied and recorded', { skip }, async () => {
    const db = await scratchMysql(mysqlUrl!);
    try {
      const r = await run(['migrate'], { DATABASE_URL: db.url });
      assert.equal(r.code, 0, r.stderr);
      const all = r.stdout + r.stderr;
      assert.ok(!/#805|implicitly committed/.test(all), `no implicit-commit warnings:\n${all}`);
      const applied = /^applied: (.+)$/m.exec(r.stdout)?.[1].split(', ') ?? [];
      assert.ok(applied.length > 1, r.stdout);
      const u = new URL(db.url);
      const conn = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password), database: u.pathname.slice(1) });
      try {
        const rows: { name: string }[] = await conn.query('select name from mikro_orm_migrations order by id');
        assert.deepEqual(rows.map((x) => x.name), applied);
      } finally {
        await conn.end();
      }
      const again = await run(['migrate'], { DATABASE_URL: db.url });
      assert.equal(again.code, 0);
      assert.match(again.stdout, /database is up to date/);
    } finally {
      await db.drop();
    }
  });
});
