import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mariadb';

/**
 * Throw-away databases for tests, benchmarks and migration generation: a fresh SQLite file, or a fresh
 * database on the MySQL-family server named by `serverUrl` (dropped again by `drop`).
 */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export function scratchSqlite(): ScratchDatabase {
  const file = join(tmpdir(), `threatmesh-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  return {
    url: `sqlite:${file}`,
    drop: async () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
    },
  };
}

export async function scratchMysql(serverUrl: string): Promise<ScratchDatabase> {
  const u = new URL(serverUrl);
  const name = `tm_${process.pid}_${randomBytes(5).toString('hex')}`;
  const admin = () =>
    createConnection({
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password || ''),
      connectTimeout: 10_000, // the connector's default second is too short on a loaded machine
    });
  const conn = await admin();
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await admin();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
