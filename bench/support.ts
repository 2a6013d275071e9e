import type { Knex } from '@mikro-orm/knex';
import { AbstractSqlConnection, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashApiKey } from '../src/auth/api-key-secret';
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { getAttributeType } from '../src/modules/attribute/attribute-types';
import { attributeKeys } from '../src/modules/attribute/attribute-keys';
import { databaseList, TestDatabase } from '../test/support/migrated-template';
import type { TestHub } from '../test/support/hub';
import { benchEnv } from './env';

/** SQLite always; MariaDB/MySQL when BENCH_MYSQL_URL (or TEST_MYSQL_URL) is set. */
export function benchDatabases(): TestDatabase[] {
  const { mysqlUrl, only } = benchEnv();
  const list = databaseList(mysqlUrl);
  return only ? list.filter((d) => d.name === only) : list;
}

/**
 * Raw SQL on the hub's own database, through the hub's own MikroORM connection (same driver, same pool).
 * Values are written in the representation the ORM uses: SQLite datetimes are epoch milliseconds,
 * MariaDB/MySQL datetime(3) are UTC 'YYYY-MM-DD HH:MM:SS.mmm' (the ORM runs with forceUtcTimezone).
 */
export class RawSql {
  readonly conn: AbstractSqlConnection;
  readonly sqlite: boolean;

  constructor(hub: TestHub) {
    this.conn = (hub.app.orm.em.fork() as unknown as SqlEntityManager).getConnection();
    this.sqlite = hub.db.url.startsWith('sqlite:');
  }

  dateTime(d: Date): number | string {
    return this.sqlite ? d.getTime() : d.toISOString().slice(0, 23).replace('T', ' ');
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], trx?: Knex.Transaction): Promise<T[]> {
    return this.conn.execute(sql, params, 'all', trx) as Promise<T[]>;
  }

  run(sql: string, params: unknown[] = [], trx?: Knex.Transaction): Promise<unknown> {
    return this.conn.execute(sql, params, 'run', trx);
  }

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.conn.transactional(work);
  }

  /** `insert into table (cols) values (?,…),(?,…)…` for `rows` rows. */
  static insertSql(table: string, columns: readonly string[], rows: number): string {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    return `insert into ${table} (${columns.join(',')}) values ${Array(rows).fill(tuple).join(',')}`;
  }

  async idOf(table: 'organisations' | 'events', uuid: string): Promise<number> {
    const [row] = await this.query<{ id: number }>(`select id from ${table} where uuid = ?`, [uuid]);
    if (!row) throw new Error(`no ${table} row with uuid ${uuid}`);
    return Number(row.id);
  }
}

export const ATTRIBUTE_COLUMNS = [
  'uuid',
  'created_at',
  'updated_at',
  'event_id',
  'type',
  'category',
  'value',
  'value_hash',
  'to_ids',
  'comment',
  'distribution',
  'sharing_group_id',
  'timestamp',
  'deleted',
  'disable_correlation',
  'first_seen',
  'last_seen',
  'object_relation',
  'correlation_key',
  'correlation_key2',
  'ip_start',
  'ip_end',
] as const;

export const EVENT_COLUMNS = [
  'uuid', 'created_at', 'updated_at', 'info', 'date', 'threat_level', 'analysis', 'distribution', 'sharing_group_id',
  'owner_org_id', 'creator_org_id', 'published', 'published_at', 'timestamp', 'locked', 'disable_correlation', 'extends_uuid',
  'origin_hub_uuid',
] as const; // prettier-ignore

export interface BenchEvent {
  uuid: string;
  info: string;
  distribution: number;
  ownerOrgId: number;
  /** Default: the owner. */
  creatorOrgId?: number;
  /** Creation, publication and last-change time; the event date is its day. */
  time: Date;
  /** A received copy (default false). */
  locked?: boolean;
  /** The hub a received copy came from (default none). */
  originHubUuid?: string | null;
}

/** The event row values the hub writes for a published event without a sharing group (threat level 4, analysis 0). */
export function eventRow(raw: RawSql, e: BenchEvent): unknown[] {
  const t = raw.dateTime(e.time);
  // prettier-ignore
  return [e.uuid, t, t, e.info, e.time.toISOString().slice(0, 10), 4, 0, e.distribution, null, e.ownerOrgId,
    e.creatorOrgId ?? e.ownerOrgId, 1, t, t, e.locked ? 1 : 0, 0, null, e.originHubUuid ?? null];
}

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export interface BenchAttribute {
  type: 'ip-dst' | 'domain' | 'sha256';
  value: string;
}

/**
 * The i-th attribute of a deterministic mix, unique for i < 16M, already in the hub's normal form: 80%
 * ip-dst 10.x.y.z, 10% domain, 10% sha256.
 */
export function benchAttribute(i: number, salt = ''): BenchAttribute {
  switch (i % 10) {
    case 8:
      return { type: 'domain', value: `host-${i}${salt}.bench.example.com` };
    case 9:
      return { type: 'sha256', value: sha256(`bench-${salt}-${i}`) };
    default:
      return { type: 'ip-dst', value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
  }
}

/** The attribute row values the hub writes for an input without options (default category, IDS flag, INHERIT_EVENT). */
export function attributeRow(raw: RawSql, uuid: string, eventId: number, a: BenchAttribute, now: Date): unknown[] {
  const info = getAttributeType(a.type);
  const t = raw.dateTime(now);
  // prettier-ignore
  const k = attributeKeys(a.type, a.value);
  // prettier-ignore
  return [uuid, t, t, eventId, a.type, info.defaultCategory, a.value, sha256(a.value), info.toIdsDefault ? 1 : 0,
    null, 5, null, t, 0, 0, null, null, null, k.correlationKey, k.correlationKey2, k.ipStart, k.ipEnd];
}

// ---- numbers -------------------------------------------------------------------------------------

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const fmtRatio = (n: number) => n.toFixed(2);

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median of samples (the mean of the middle two for an even count). */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const nowMs = () => performance.now();

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** The machine's load average (1, 5, 15 min) and core count, printed next to every figure. */
export function loadAverage(): string {
  const [a, b, c] = loadavg();
  return `load average ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)} on ${cpus().length} cores`;
}

/**
 * A CPU profile of this process (node:inspector) from now until the returned function is called, which
 * writes it to `path` (open it in Chrome DevTools or speedscope). Null when `path` is undefined.
 */
export async function startProfile(path: string | undefined, intervalUs = 100): Promise<(() => Promise<void>) | null> {
  if (!path) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}

/** `work`, with a CPU profile of it written to `path` when one is given (sampling every `intervalUs` µs). */
export async function profiled<T>(path: string | undefined, work: () => Promise<T>, intervalUs = 100): Promise<T> {
  const stop = await startProfile(path, intervalUs);
  try {
    return await work();
  } finally {
    await stop?.();
  }
}

/** The org of an API key: the baselines' authentication (one indexed query). */
export const KEY_SQL = 'select u.organisation_id as org from api_keys k join users u on u.id = k.user_id where k.key_hash = ?';

/**
 * The second baseline: a bare node:http endpoint in this process that parses the same request body,
 * checks the same API key with one indexed query, runs the hand-written SQL and answers JSON. Hub vs
 * this is the cost of the hub's search over a minimal service answering the same question over the
 * same transport; hub vs the in-process SQL also counts HTTP and authentication.
 */
export async function bareServer(raw: RawSql): Promise<{ url: string; setHandler(h: () => Promise<unknown>): void; close(): Promise<void> }> {
  let handler: () => Promise<unknown> = async () => null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const key = String(req.headers.authorization ?? '');
        const [k] = await raw.query<{ org: number }>(KEY_SQL, [hashApiKey(key)]);
        if (!k) {
          res.writeHead(401).end();
          return;
        }
        const data = await handler();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      })().catch((e) => res.writeHead(500).end(String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    setHandler: (h) => (handler = h),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
