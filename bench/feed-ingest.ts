/**
 * feed-ingest: how fast and how lean the hub ingests feeds, next to the database's own speed for the same
 * rows, in the same run on the same database.
 *
 *   CSV   a generated CSV feed of 200,000 URLs (one per line, value column 1), served by a local HTTP server
 *         that streams it (ETag, answers If-None-Match with 304). Hub: one fetchFeed (runFeedFetch, as the
 *         mutation and the schedules run it): download, parse, type, validate, duplicate check, batched
 *         inserts of 1,000 through the bulk attribute path with change-log rows.
 *   MISP  a generated MISP feed of 500 events × 200 attributes (manifest.json + <uuid>.json). Hub: one
 *         fetchFeed: manifest, 500 event downloads, validation, groups of events per transaction (the
 *         receivers' apply code, apply-batch.ts), change-log rows.
 *   raw   the same attribute rows (same columns and values) inserted with multi-row INSERTs through the
 *         hub's own connection pool: CSV in transactions of 1,000 rows, MISP in transactions of 200 rows
 *         (one per event). Building the rows (uuids, sha256 of the values) is inside the timing; the raw
 *         side writes no change-log rows and no event rows.
 *   memory  peak heap (heapUsed) and peak RSS, sampled every 20 ms, while the hub ingests 100,000 and
 *         1,000,000 CSV rows (SQLite; fresh feed each; GC before each when run with --expose-gc).
 *   again  a second fetch of each unchanged source: requests, response body bytes and rows written
 *         (attributes + events + change-log rows; the feed's own status row is updated).
 *   diagnostic  the CSV ingest once more with the replica's live-stream reader (change feed) stopped: the
 *         same writes, without the reader that loads every new change for subscribers.
 *
 * Prints hub rows/s, raw rows/s and hub/raw (goal >= 0.5), the memory ratio 1M/100k (goal <= 1.3) and the
 * second-fetch figures (goal: no download, no write). A report, not a test: exits 0 whatever the ratios.
 *
 *   npm run bench:feed-ingest          (BENCH_MYSQL_URL=mariadb://… to add MariaDB; BENCH_ONLY=sqlite|mysql
 *                                       for one database; BENCH_FEED_MEMORY=0 skips the memory part)
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CreateEventDocument, CreateFeedDocument, CreateFeedInput } from '../src/generated/graphql';
import { getAttributeType } from '../src/modules/attribute/attribute-types';
import { Feed } from '../src/modules/feed/feed.entity';
import { FeedFetchResult } from '../src/modules/feed/feed.types';
import { runFeedFetch } from '../src/modules/feed/feed-run';
import type { TestDatabase } from '../test/support/databases';
import { ok, startTestHub, TestHub, unique } from '../test/support/hub';
import { benchEnv } from './env';
import { ATTRIBUTE_COLUMNS, attributeRow, BenchAttribute, benchAttribute, benchDatabases, fmtInt, fmtRatio, nowMs, printTable, RawSql } from './support';

const CSV_ROWS = 200_000;
const MISP_EVENTS = 500;
const MISP_ATTRIBUTES = 200;
const MEMORY_ROWS = [100_000, 1_000_000] as const;
const RATE_GOAL = 0.5;
const MEMORY_GOAL = 1.3;

// ---- the generated sources -----------------------------------------------------------------------------

const csvUrl = (i: number) => `http://host-${i}.bench.example/path/${i}.php`;
const eventUuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const attributeUuid = (e: number, j: number) => `00000000-${String(e).padStart(4, '0')}-4000-9000-${String(j).padStart(12, '0')}`;
const mispAttribute = (e: number, j: number): BenchAttribute => benchAttribute(e * MISP_ATTRIBUTES + j, '-misp');

function mispEvent(e: number) {
  return {
    Event: {
      uuid: eventUuid(e),
      info: `bench event ${e}`,
      date: '2024-05-01',
      threat_level_id: '2',
      analysis: '1',
      timestamp: '1714000000',
      published: true,
      distribution: '3',
      Orgc: { uuid: '11111111-1111-4111-8111-111111111111', name: 'Bench Feed Org' },
      Tag: [{ name: 'tlp:white' }],
      Attribute: Array.from({ length: MISP_ATTRIBUTES }, (_, j) => {
        const a = mispAttribute(e, j);
        return { uuid: attributeUuid(e, j), type: a.type, category: getAttributeType(a.type).defaultCategory, value: a.value, to_ids: true, timestamp: '1714000000', distribution: '5' };
      }),
    },
  };
}

/** Streams generated bodies; ETag per path; counts requests and response body bytes. */
class SourceServer {
  requests = 0;
  bodyBytes = 0;
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private send(res: ServerResponse, body: string, etag: string) {
    this.bodyBytes += Buffer.byteLength(body);
    res.writeHead(200, { etag, 'content-type': 'application/json' }).end(body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    this.requests++;
    const path = req.url ?? '';
    const etag = `"${path}-v1"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    const csv = /^\/csv\/(\d+)\.csv(\?.*)?$/.exec(path); // a query string names another feed on the same data (one feed per URL)
    if (csv) {
      const n = Number(csv[1]);
      res.writeHead(200, { etag, 'content-type': 'text/csv' });
      res.write('# generated bench feed\n');
      for (let i = 0; i < n; ) {
        let chunk = '';
        for (const end = Math.min(n, i + 2000); i < end; i++) chunk += `${csvUrl(i)}\n`;
        this.bodyBytes += chunk.length;
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      }
      return void res.end();
    }
    if (path === '/misp/manifest.json') {
      const manifest: Record<string, unknown> = {};
      for (let e = 0; e < MISP_EVENTS; e++) {
        manifest[eventUuid(e)] = { info: `bench event ${e}`, timestamp: 1714000000, Orgc: { uuid: '11111111-1111-4111-8111-111111111111', name: 'Bench Feed Org' }, Tag: [{ name: 'tlp:white' }] };
      }
      return this.send(res, JSON.stringify(manifest), etag);
    }
    const ev = /^\/misp\/00000000-0000-4000-8000-(\d{12})\.json$/.exec(path);
    if (ev) return this.send(res, JSON.stringify(mispEvent(Number(ev[1]))), etag);
    res.writeHead(404).end();
  }

  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

// ---- measuring -----------------------------------------------------------------------------------------

async function createFeed(hub: TestHub, input: Partial<CreateFeedInput> & Pick<CreateFeedInput, 'url' | 'format'>): Promise<number> {
  const f = ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('bench'), ...input } })).createFeed;
  return (await hub.app.orm.em.fork().findOneOrFail(Feed, { uuid: f.id })).id;
}

async function fetchTimed(hub: TestHub, feedId: number): Promise<{ ms: number; result: FeedFetchResult }> {
  const t = nowMs();
  const result = await runFeedFetch(hub.app.hub, feedId);
  const ms = nowMs() - t;
  if (result.error) throw new Error(`fetch failed: ${result.error}`);
  return { ms, result };
}

async function rawInsert(raw: RawSql, eventId: number, list: BenchAttribute[], perTransaction: number, uuids?: (i: number) => string) {
  for (let i = 0; i < list.length; i += perTransaction) {
    const batch = list.slice(i, i + perTransaction);
    const now = new Date();
    const params = batch.flatMap((a, k) => attributeRow(raw, uuids ? uuids(i + k) : randomUUID(), eventId, a, now));
    await raw.transaction((trx) => raw.run(RawSql.insertSql('attributes', ATTRIBUTE_COLUMNS, batch.length), params, trx));
  }
}

async function rowCount(raw: RawSql): Promise<number> {
  let total = 0;
  for (const table of ['attributes', 'events', 'changes']) {
    const [{ n }] = await raw.query<{ n: number }>(`select count(*) as n from ${table}`);
    total += Number(n);
  }
  return total;
}

async function rawEvent(hub: TestHub, raw: RawSql, info: string): Promise<number> {
  const id = ok(await hub.admin.request(CreateEventDocument, { input: { info, distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
  return raw.idOf('events', id);
}

interface Again {
  what: string;
  notModified: boolean;
  requests: number;
  bytes: number;
  rowsWritten: number;
}

interface Rates {
  database: string;
  csvHub: number;
  csvHubQuiet: number;
  csvRaw: number;
  mispHub: number;
  mispRaw: number;
  again: Again[];
}

async function secondFetch(hub: TestHub, raw: RawSql, server: SourceServer, feedId: number, what: string): Promise<Again> {
  const [requests, bytes, rows] = [server.requests, server.bodyBytes, await rowCount(raw)];
  const { result } = await fetchTimed(hub, feedId);
  return { what, notModified: result.notModified, requests: server.requests - requests, bytes: server.bodyBytes - bytes, rowsWritten: (await rowCount(raw)) - rows };
}

async function benchRates(database: TestDatabase, server: SourceServer): Promise<Rates> {
  const hub = await startTestHub(database, { FEED_TIMEOUT_MS: '3600000' });
  try {
    const raw = new RawSql(hub);
    // Warm-up: a small feed of each kind and a small raw insert.
    await fetchTimed(hub, await createFeed(hub, { url: `${server.url}/csv/2000.csv`, format: 'CSV' }));
    await rawInsert(raw, await rawEvent(hub, raw, 'warm-up raw'), Array.from({ length: 2000 }, (_, i) => benchAttribute(i, '-warm')), 1000);

    const csvFeed = await createFeed(hub, { url: `${server.url}/csv/${CSV_ROWS}.csv`, format: 'CSV' });
    const csv = await fetchTimed(hub, csvFeed);
    if (csv.result.new !== CSV_ROWS) throw new Error(`CSV: hub stored ${csv.result.new} of ${CSV_ROWS}`);
    console.log(`  ${database.name}: CSV hub ${fmtInt((CSV_ROWS / csv.ms) * 1000)} rows/s`);
    const csvRows: BenchAttribute[] = Array.from({ length: CSV_ROWS }, (_, i) => ({ type: 'url', value: csvUrl(i) }) as unknown as BenchAttribute);
    let t = nowMs();
    await rawInsert(raw, await rawEvent(hub, raw, 'raw csv'), csvRows, 1000);
    const csvRawMs = nowMs() - t;

    const mispFeed = await createFeed(hub, { url: `${server.url}/misp/`, format: 'MISP' });
    const misp = await fetchTimed(hub, mispFeed);
    const total = MISP_EVENTS * MISP_ATTRIBUTES;
    if (misp.result.new !== total || misp.result.eventsCreated !== MISP_EVENTS) throw new Error(`MISP: hub stored ${misp.result.new} of ${total} (${misp.result.error ?? ''})`);
    const mispRows = Array.from({ length: total }, (_, i) => mispAttribute(Math.floor(i / MISP_ATTRIBUTES), i % MISP_ATTRIBUTES));
    const target = await rawEvent(hub, raw, 'raw misp');
    t = nowMs();
    await rawInsert(raw, target, mispRows, MISP_ATTRIBUTES);
    const mispRawMs = nowMs() - t;

    const again = [await secondFetch(hub, raw, server, csvFeed, 'CSV'), await secondFetch(hub, raw, server, mispFeed, 'MISP')];

    // Diagnostic: the same CSV ingest with this replica's live-stream reader (change feed) stopped, to show
    // what the change-log delivery side costs (the writes, change-log rows included, are the same).
    hub.app.hub.changeLog.stop();
    const quiet = await fetchTimed(hub, await createFeed(hub, { url: `${server.url}/csv/${CSV_ROWS}.csv?quiet`, format: 'CSV' }));
    return {
      csvHubQuiet: (CSV_ROWS / quiet.ms) * 1000,
      database: database.name,
      csvHub: (CSV_ROWS / csv.ms) * 1000,
      csvRaw: (CSV_ROWS / csvRawMs) * 1000,
      mispHub: (total / misp.ms) * 1000,
      mispRaw: (total / mispRawMs) * 1000,
      again,
    };
  } finally {
    await hub.stop();
  }
}

interface Memory {
  rows: number;
  seconds: number;
  heapBefore: number;
  heapPeak: number;
  rssBefore: number;
  rssPeak: number;
}

async function benchMemory(database: TestDatabase, server: SourceServer): Promise<Memory[]> {
  const hub = await startTestHub(database, { FEED_TIMEOUT_MS: '3600000' });
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    const out: Memory[] = [];
    for (const rows of MEMORY_ROWS) {
      const feedId = await createFeed(hub, { url: `${server.url}/csv/${rows}.csv`, format: 'CSV' });
      gc?.();
      const before = process.memoryUsage();
      const m: Memory = { rows, seconds: 0, heapBefore: before.heapUsed, heapPeak: before.heapUsed, rssBefore: before.rss, rssPeak: before.rss };
      const timer = setInterval(() => {
        const u = process.memoryUsage();
        m.heapPeak = Math.max(m.heapPeak, u.heapUsed);
        m.rssPeak = Math.max(m.rssPeak, u.rss);
      }, 20);
      const { ms, result } = await fetchTimed(hub, feedId);
      clearInterval(timer);
      if (result.new !== rows) throw new Error(`memory: hub stored ${result.new} of ${rows}`);
      m.seconds = ms / 1000;
      out.push(m);
    }
    return out;
  } finally {
    await hub.stop();
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const server = new SourceServer();
  await server.start();
  let failed = false;
  const rates: Rates[] = [];
  let memory: Memory[] = [];
  try {
    for (const database of benchDatabases()) {
      try {
        const r = await benchRates(database, server);
        rates.push(r);
        console.log(`feed-ingest ${r.database}: CSV hub ${fmtInt(r.csvHub)} rows/s raw ${fmtInt(r.csvRaw)} (${fmtRatio(r.csvHub / r.csvRaw)}); MISP hub ${fmtInt(r.mispHub)} rows/s raw ${fmtInt(r.mispRaw)} (${fmtRatio(r.mispHub / r.mispRaw)})`);
      } catch (e) {
        failed = true;
        console.error(`feed-ingest ${database.name}: FAILED`, e);
      }
    }
    if (benchEnv().feedMemory) {
      try {
        memory = await benchMemory(benchDatabases()[0], server);
      } catch (e) {
        failed = true;
        console.error('feed-ingest memory: FAILED', e);
      }
    }
  } finally {
    await server.stop();
  }

  if (rates.length) {
    console.log(`\nfeed-ingest: ${fmtInt(CSV_ROWS)} CSV URLs; MISP ${MISP_EVENTS} events × ${MISP_ATTRIBUTES} attributes (hub: fetchFeed; raw: multi-row INSERT of the same attribute rows)`);
    const goal = (x: number) => (x >= RATE_GOAL ? `>= ${RATE_GOAL} met` : `>= ${RATE_GOAL} MISSED`);
    printTable(
      ['database', 'source', 'hub rows/s', 'raw rows/s', 'ratio', 'goal'],
      rates.flatMap((r) => [
        [r.database, 'CSV', fmtInt(r.csvHub), fmtInt(r.csvRaw), fmtRatio(r.csvHub / r.csvRaw), goal(r.csvHub / r.csvRaw)],
        [r.database, 'MISP', fmtInt(r.mispHub), fmtInt(r.mispRaw), fmtRatio(r.mispHub / r.mispRaw), goal(r.mispHub / r.mispRaw)],
        [r.database, 'CSV, live-stream reader off (diagnostic)', fmtInt(r.csvHubQuiet), fmtInt(r.csvRaw), fmtRatio(r.csvHubQuiet / r.csvRaw), ''],
      ]),
    );
    console.log('\nsecond fetch of the unchanged sources (goal: no download, no write)');
    printTable(
      ['database', 'source', 'not modified', 'requests', 'body bytes', 'rows written'],
      rates.flatMap((r) => r.again.map((a) => [r.database, a.what, String(a.notModified), String(a.requests), fmtInt(a.bytes), fmtInt(a.rowsWritten)])),
    );
  }
  if (memory.length === 2) {
    const [small, big] = memory;
    const heapRatio = big.heapPeak / small.heapPeak;
    const rssRatio = big.rssPeak / small.rssPeak;
    console.log(`\nmemory while ingesting CSV (${benchDatabases()[0].name}; sampled every 20 ms${(globalThis as { gc?: unknown }).gc ? ', GC before each' : ''})`);
    printTable(
      ['rows', 'seconds', 'heap before', 'heap peak', 'RSS before', 'RSS peak'],
      memory.map((m) => [fmtInt(m.rows), m.seconds.toFixed(1), mb(m.heapBefore), mb(m.heapPeak), mb(m.rssBefore), mb(m.rssPeak)]),
    );
    console.log(
      `peak ratio 1M/100k: heap ${fmtRatio(heapRatio)}, RSS ${fmtRatio(rssRatio)} (goal <= ${MEMORY_GOAL}: ${Math.max(heapRatio, rssRatio) <= MEMORY_GOAL ? 'met' : 'MISSED'})`,
    );
  }
  // A report, not a test: the goals do not decide the exit code; only a crash does.
  process.exitCode = failed ? 1 : 0;
}

void main();
