/**
 * export: the streaming CSV export (GET /export/csv over HTTP) next to hand-written SQL producing the
 * same CSV, at two sizes, in the same run on the same database; and the heap while each export runs.
 *
 *   seed      SMALL and then LARGE attributes (100 per event, 80% ip-dst, 10% domain, 10% sha256) of one
 *             organisation, published COMMUNITY_ONLY, written with raw multi-row INSERTs.
 *   hub       `GET /export/csv` as a USER of another organisation (so the visibility rules are applied),
 *             read as a stream by a client that only counts bytes and lines.
 *   baseline  in the same process: keyset pages (primary key) of 1,000 attribute rows and their events
 *             (`… where id in (…)`), formatted to the same CSV lines with the hub's own csvCell, through the
 *             hub's own connection pool (no HTTP, no access rules, no tags).
 *   memory    in a second run of each: the live heap (after a forced GC) every 25 chunks the client receives, minus the heap before
 *             the run: its peak at both sizes. Flat memory = the LARGE/SMALL ratio of the peaks stays near
 *             1 while the output grows LARGE/SMALL times (needs --expose-gc).
 *
 * Prints times, rates, hub/baseline and the heap peaks. A report, not a test: exits 0 whatever it finds.
 *
 *   npx tsc -p . && node --expose-gc dist/bench/export.js     (BENCH_MYSQL_URL=mariadb://… to add MariaDB)
 */
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CSV_COLUMNS, csvCell } from '../src/modules/export/export-lines';
import { ok, orgWithUser, startTestHub, TestHub } from '../test/support/hub';
import type { TestDatabase } from '../test/support/databases';
import { ATTRIBUTE_COLUMNS, attributeRow, benchAttribute, EVENT_COLUMNS, eventRow, benchDatabases, fmtInt, fmtRatio, nowMs, printTable, profiled, RawSql } from './support';
import { MeDocument } from '../src/generated/graphql';

const { values: argv } = parseArgs({
  options: {
    small: { type: 'string', default: '20000' },
    large: { type: 'string', default: '200000' },
    'sql-profile': { type: 'boolean', default: false },
    /** A V8 CPU profile (node --cpu-prof format) of the timed hub export at the large size. */
    profile: { type: 'string' },
  },
  strict: true,
});
const SMALL = Number(argv.small);
const LARGE = Number(argv.large);
const PER_EVENT = 100;
/** Goal (issue 16): the hub's export takes at most this many times the hand-written SQL's. */
const GOAL_RATIO = 2;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * --sql-profile: the hub's statements during one LARGE export, by shape, with their summed time (where
 * the export waits for the database), and MariaDB's EXPLAIN of the slowest shape's last statement.
 */
const sqlLog = { on: false, lines: [] as string[] };


async function seed(raw: RawSql, orgId: number, from: number, to: number): Promise<void> {
  const now = new Date();
  const events = Array.from({ length: (to - from) / PER_EVENT }, (_, e) =>
    eventRow(raw, { uuid: randomUUID(), info: `bench export event ${from / PER_EVENT + e + 1}`, distribution: 1, ownerOrgId: orgId, time: now }),
  );
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await raw.run(RawSql.insertSql('events', EVENT_COLUMNS, chunk.length), chunk.flat());
  }
  const ids = (await raw.query<{ id: number }>('select id from events where owner_org_id = ? order by id', [orgId])).map((r) => Number(r.id)).slice(from / PER_EVENT);
  const EVENTS_PER_STATEMENT = 10;
  const sql = RawSql.insertSql('attributes', ATTRIBUTE_COLUMNS, EVENTS_PER_STATEMENT * PER_EVENT);
  await raw.transaction(async (trx) => {
    for (let e = 0; e < ids.length; e += EVENTS_PER_STATEMENT) {
      const params: unknown[] = [];
      for (let k = e; k < e + EVENTS_PER_STATEMENT; k++) {
        for (let j = 0; j < PER_EVENT; j++) params.push(...attributeRow(raw, randomUUID(), ids[k], benchAttribute(from + k * PER_EVENT + j), now));
      }
      await raw.run(sql, params, trx);
    }
  });
}

const gc = (globalThis as { gc?: () => void }).gc;
/** Every this many chunks (hub) or thousand rows (baseline), the live heap is measured after a GC. */
const SAMPLE_EVERY = 25;
/** Memory still referenced (garbage collected first when --expose-gc): what a leak or a buffer would grow. */
const liveHeap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

interface Run {
  ms: number;
  bytes: number;
  lines: number;
  heapPeak: number;
}

/** The hub's export, read by a client that keeps nothing but counts. */
function hubExport(hub: TestHub, key: string, sample: boolean): Promise<Run> {
  gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const t = nowMs();
  return new Promise((resolve, reject) => {
    // A fresh connection per run (agent: false): no race with the server closing an idle keep-alive socket.
    get(`${hub.url.replace(/\/graphql$/, '')}/export/csv`, { agent: false, headers: { authorization: key } }, (res) => {
      let bytes = 0;
      let lines = 0;
      let chunks = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
        if (sample && ++chunks % SAMPLE_EVERY === 0) peak = Math.max(peak, liveHeap());
      });
      res.on('end', () => resolve({ ms: nowMs() - t, bytes, lines, heapPeak: peak - start }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Hand-written SQL for the same CSV: keyset pages by (event, id), formatted with the same cell rule. */
async function baseline(raw: RawSql, sample: boolean): Promise<Run> {
  gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const t = nowMs();
  let bytes = Buffer.byteLength(`${CSV_COLUMNS.join(',')}\r\n`);
  let lines = 1;
  let after = 0;
  for (;;) {
    // Index-friendly hand-written reads of the same rows: a primary-key keyset page, then its events.
    const rows = await raw.query<Record<string, unknown>>(
      `select id, event_id, uuid, category, type, value, comment, to_ids, timestamp, object_relation
         from attributes where deleted = 0 and id > ? order by id limit 1000`,
      [after],
    );
    const eventIds = [...new Set(rows.map((r) => Number(r.event_id)))];
    const events = new Map(
      (eventIds.length
        ? await raw.query<{ id: number; uuid: string; info: string }>(`select id, uuid, info from events where id in (${eventIds.map(() => '?').join(',')})`, eventIds)
        : []
      ).map((e) => [Number(e.id), e]),
    );
    for (const r of rows) Object.assign(r, { event_uuid: events.get(Number(r.event_id))!.uuid, info: events.get(Number(r.event_id))!.info });
    if (!rows.length) break;
    let out = '';
    for (const r of rows) {
      const ts = new Date(raw.sqlite ? Number(r.timestamp) : `${String(r.timestamp).replace(' ', 'T')}Z`);
      out += [r.uuid, r.event_uuid, r.category, r.type, r.value, r.comment ?? '', Number(r.to_ids) ? '1' : '0', ts.toISOString().slice(0, 10).replace(/-/g, ''), r.object_relation ?? '', '', r.info]
        .map((v) => csvCell(String(v)))
        .join(',') + '\r\n';
    }
    bytes += Buffer.byteLength(out);
    lines += rows.length;
    if (sample && (lines - 1) % (SAMPLE_EVERY * 1000) < rows.length) peak = Math.max(peak, liveHeap());
    after = Number(rows[rows.length - 1].id);
  }
  return { ms: nowMs() - t, bytes, lines, heapPeak: peak - start };
}

async function sqlProfile(hub: TestHub, key: string, raw: RawSql): Promise<void> {
  sqlLog.lines = [];
  // The statements with their values too (the log has placeholders), for EXPLAIN below.
  type Exec = (q: unknown, params?: unknown[], ...rest: unknown[]) => Promise<unknown>;
  const conn = hub.app.orm.em.getConnection() as unknown as { execute: Exec };
  const execute = conn.execute;
  const withValues = new Map<string, { sql: string; params: unknown[] }>();
  conn.execute = function (this: unknown, q, params, ...rest) {
    const x = typeof q === 'string' ? { sql: q, params: params ?? [] } : (q as { toSQL(): { sql: string; bindings: unknown[] } }).toSQL();
    const sql = 'sql' in x ? x.sql : '';
    withValues.set(sql.replace(/\s+/g, ' ').slice(0, 120), { sql, params: 'params' in x ? (x.params as unknown[]) : (x as { bindings: unknown[] }).bindings });
    return execute.call(this, q, params, ...rest);
  };
  sqlLog.on = true;
  const run = await hubExport(hub, key, false);
  sqlLog.on = false;
  conn.execute = execute;
  const shapes = new Map<string, { n: number; ms: number; last: string }>();
  for (const line of sqlLog.lines) {
    const plain = line.replace(/\u001b\[[0-9;]*m/g, '').replace(/^\[query\]\s*/, '');
    const took = Number(/\[took (\d+(?:\.\d+)?) ms/.exec(plain)?.[1] ?? 0);
    const sql = plain.replace(/\s*\[took [^\]]*\]\s*$/, '');
    const shape = sql.replace(/'(?:[^'\\]|\\.)*'/g, '?').replace(/\b\d+(\.\d+)?\b/g, '?').replace(/\?(\s*,\s*\?)+/g, '?…').replace(/\s+/g, ' ');
    const s = shapes.get(shape) ?? { n: 0, ms: 0, last: sql };
    shapes.set(shape, { n: s.n + 1, ms: s.ms + took, last: sql });
  }
  const sorted = [...shapes].sort((a, b) => b[1].ms - a[1].ms);
  console.log(`\nsql profile (${hub.db.url.split(':')[0]}): one export of ${fmtInt(LARGE)} in ${fmtInt(run.ms)} ms, ${sqlLog.lines.length} statements; by summed time:`);
  for (const [shape, x] of sorted.slice(0, 8)) console.log(`  ${String(x.n).padStart(5)} x  ${fmtInt(x.ms).padStart(7)} ms  ${shape.slice(0, 220)}`);
  if (!raw.sqlite && sorted.length) {
    for (const [, x] of sorted.slice(0, 2)) {
      const stmt = withValues.get(x.last.replace(/\s+/g, ' ').slice(0, 120));
      if (!stmt) continue;
      try {
        const plan = await raw.query<Record<string, unknown>>(`explain ${stmt.sql}`, stmt.params);
        console.log(`  EXPLAIN ${x.last.slice(0, 160)}…`);
        for (const r of plan) console.log(`    ${JSON.stringify(r)}`);
      } catch (e) {
        console.log(`  (EXPLAIN failed: ${(e as Error).message.slice(0, 200)})`);
      }
    }
  }
}

async function runOn(database: TestDatabase): Promise<string[][]> {
  const hub = await startTestHub(database, {}, argv['sql-profile'] ? { onQuery: (sql) => sqlLog.on && sqlLog.lines.push(sql) } : {});
  const rows: string[][] = [];
  try {
    const owner = await orgWithUser(hub, 'PUBLISHER');
    const reader = await orgWithUser(hub, 'USER');
    ok(await reader.client.request(MeDocument, {}));
    const raw = new RawSql(hub);
    const ownerId = await raw.idOf('organisations', owner.orgId);
    let seeded = 0;
    const peaks: number[] = [];
    for (const size of [SMALL, LARGE]) {
      await seed(raw, ownerId, seeded, size);
      seeded = size;
      await hubExport(hub, reader.key, false); // warm-up
      // Times without heap sampling (its forced GCs would be timed too), then the heap in a second run.
      const h = await (size === LARGE ? profiled(argv.profile, () => hubExport(hub, reader.key, false)) : hubExport(hub, reader.key, false));
      const b = await baseline(raw, false);
      h.heapPeak = (await hubExport(hub, reader.key, true)).heapPeak;
      b.heapPeak = (await baseline(raw, true)).heapPeak;
      if (h.lines !== size + 1 || b.lines !== size + 1) throw new Error(`expected ${size + 1} lines, hub ${h.lines}, baseline ${b.lines}`);
      peaks.push(h.heapPeak);
      if (argv['sql-profile'] && size === LARGE) await sqlProfile(hub, reader.key, raw);
      rows.push([
        database.name,
        fmtInt(size),
        `${(h.bytes / 1e6).toFixed(1)} MB`,
        `${fmtInt(h.ms)} ms`,
        `${fmtInt((size / h.ms) * 1000)}/s`,
        `${fmtInt(b.ms)} ms`,
        fmtRatio(h.ms / b.ms),
        `<= ${GOAL_RATIO} ${h.ms / b.ms <= GOAL_RATIO ? 'met' : 'MISSED'}`,
        `${(h.heapPeak / 1e6).toFixed(1)} MB`,
        `${(b.heapPeak / 1e6).toFixed(1)} MB`,
      ]);
    }
    rows.push([database.name, `${LARGE / SMALL}x rows`, '', '', '', '', '', '', `peak ratio ${fmtRatio(peaks[1] / Math.max(peaks[0], 1))}`, '']);
  } finally {
    await hub.stop();
  }
  return rows;
}

async function main() {
  if (!gc) console.log('(run with node --expose-gc for steadier heap figures)');
  const rows: string[][] = [];
  console.log(`export: loadavg at start ${load()}`);
  for (const database of benchDatabases()) rows.push(...(await runOn(database)));
  console.log(`\nexport: loadavg at end ${load()}`);
  printTable(['database', 'attributes', 'csv', 'hub', 'hub rate', 'baseline', 'hub/base', 'goal', 'hub live heap', 'base live heap'], rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
