/**
 * sync: pulling from a peer hub over the sync protocol (issue 4, "Benchmark"), in one run, on one kind of
 * database: MariaDB/MySQL when BENCH_MYSQL_URL (or TEST_MYSQL_URL) is set, else SQLite (the output says
 * which). Two hubs in this process, each on its own scratch database, HTTP on 127.0.0.1 port 0:
 *
 *   S (source)  holds the data. Its host organisation is known on P, and P's host organisation is known on
 *               S with a SYNC_USER and an API key, as an administrator sets a peer up (createOrganisation
 *               with the other hub's organisation uuid, local: false).
 *   P (puller)  `createPeer(… pull: true)` for S, then `pullFromPeer(id)` through its own GraphQL API
 *               (the answer gives created/updated/skipped/failed and the requests made to S).
 *
 *   seed        5,000 published ALL_COMMUNITIES events x 20 attributes (80% ip-dst, 10% domain, 10%
 *               sha256) of one organisation of S, written with raw multi-row INSERTs in the ORM's
 *               representation: events, attributes, and the change-log rows the API writes for them (per
 *               event: EVENT CREATED, 20 x ATTRIBUTE CREATED, EVENT UPDATED, EVENT PUBLISHED, as
 *               createEvent + addAttributes + publishEvent do; checked against P's API import below). S's
 *               `syncIndex`, walked as a sync user, must then list exactly these events.
 *   import      the baseline, "a local bulk import of the same events": on P, a PUBLISHER of a local
 *               organisation creates the same events through the hub's API over HTTP, one after the
 *               other: createEvent (ALL_COMMUNITIES) + addAttributes (the same 20 values) + publishEvent,
 *               3 requests per event. Runs before the pull (the pull then finds the larger database).
 *               The raw seeding rate of S is shown next to it for reference (no goal).
 *   full pull   P pulls everything from S: events/s and attributes/s next to the import's (goal: pull >=
 *               0.5 x import), requests to S. Afterwards P must hold the same events and attributes as S
 *               (uuid, type, value hash, deleted; digest compared). The wall time is split into S
 *               answering syncIndex, S answering syncEvents (measured at P's HTTP client, up to the
 *               response headers) and the rest (P: index comparison, applying the events); the process's
 *               CPU time (both hubs, not the database) is shown per event for the pull and the import.
 *   incremental `rounds` times: 10 events of S change (updateEvent info + publishEvent by their
 *               publisher, not timed), then P pulls (timed); the median of the rounds, with S holding
 *               5,000 events and again with S holding 50,000 (goal: time ratio <= 1.3, same requests).
 *   grow        45,000 more events (same shape, raw, uuids increasing — see orderedUuid) on S. Then P's
 *               pull cursor is set to S's last change, which is what a pull that skipped them all leaves
 *               behind, and the changed events of the 50,000 rounds are taken from the first 5,000 (the
 *               ones P holds). With --catch-up, P instead gets copies of the 45,000 as a pull would have
 *               written them (locked, owned by S's organisation, same uuids and timestamps) and really
 *               pulls once over the grown index (every entry skipped); slower (several minutes).
 *   no-op       `rounds` pulls with nothing new after each incremental phase (goal: 1 request).
 *   tail        not timed: after a change that is not about an event (a new organisation on S), what S's
 *               index answers P's cursor; a pull ends only if the cursor moves or hasMore is false.
 *   census      not timed: a third hub, P2, pulls the last 50 of the grown events with its SQL log on:
 *               SQL statements per pulled event, by statement shape (where the receiving side goes).
 *
 * A report, not a test: exits 0 whatever the figures (1 only when the benchmark itself fails).
 *
 *   npx tsc -p . && BENCH_MYSQL_URL=mariadb://root@127.0.0.1:3306/test node dist/bench/sync.js
 *
 * Options (for exploring; the defaults are the issue's): --events=5000 --big=50000 (0: skip the grown
 * phase) --attributes=20 --rounds=5 --import=N (import only the first N events; rate extrapolated)
 * --page-size=N (SYNC_PAGE_SIZE of the hubs) --catch-up --profile=FILE (V8 CPU profile, the format of
 * node --cpu-prof, of the full pull only) --source-sql (S's SQL during the full pull by summed time per
 * statement shape; S logs its statements, so the pull's figures are not comparable with runs without it).
 */
import 'reflect-metadata'; // before the hub's decorated classes (pagination's encodeCursor)
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Agent } from 'undici';
import { encodeCursor } from '../src/graphql/pagination';
import { AddAttributesDocument, CreateEventDocument, PublishEventDocument, SyncEventsDocument, SyncIndexDocument, UpdateEventDocument } from '../src/generated/graphql';
import { fromGraphql } from '../src/modules/peer/sync-client';
import { createGraphqlClient, GraphqlClient } from '../src/shared/graphql-client';
import type { TestDatabase } from '../test/support/databases';
import { ok, orgWithUser, startTestHub, TestHub, userIn } from '../test/support/hub';
import { ATTRIBUTE_COLUMNS, attributeRow, benchAttribute, EVENT_COLUMNS, eventRow, benchDatabases, fmtInt, fmtMs, fmtRatio, nowMs, percentile, printTable, profiled, RawSql, sha256 } from './support';

const { values: argv } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    big: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '5' },
    attributes: { type: 'string', default: '20' },
    import: { type: 'string' },
    'page-size': { type: 'string' },
    'catch-up': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'profile-source': { type: 'string' },
    'auth-cache': { type: 'string' },
    'source-sql': { type: 'boolean', default: false },
  },
  strict: true,
});
const EVENTS = Number(argv.events);
const BIG = Number(argv.big);
const ROUNDS = Number(argv.rounds);
const ATTRS = Number(argv.attributes);
const IMPORT = Math.min(EVENTS, Number(argv.import ?? EVENTS));
const CATCH_UP = argv['catch-up'];
const CHANGED = 10;
const CENSUS = 50;
const SEED_CHUNK = 500; // events per seeding transaction
const ROWS_PER_INSERT = 1000;

const GOAL_PULL_VS_IMPORT = 0.5;
/** Issue 16: the full pull at least 0.3 x the rate of raw multi-row INSERTs of the same rows (same database, same run). */
const GOAL_PULL_VS_RAW = 0.3;
/** Issue 16: SQL statements per pulled event on the receiving side (census). */
const GOAL_STATEMENTS_PER_EVENT = 4;
const GOAL_INCREMENTAL_RATIO = 1.3;
const GOAL_NOOP_REQUESTS = 1;

const ALL_COMMUNITIES = 3;
const INHERIT_EVENT = 5;


const CHANGE_COLUMNS = [
  'kind',
  'op',
  'uuid',
  'event_uuid',
  'owner_org_id',
  'event_distribution',
  'event_sharing_group_id',
  'distribution',
  'sharing_group_id',
  'published',
  'at',
] as const;

/** What createEvent + addAttributes + publishEvent append to the change log for one event, in order. */
const API_CHANGE_PATTERN = (attrs: number) => ['EVENT CREATED 0', ...Array(attrs).fill('ATTRIBUTE CREATED 0'), 'EVENT UPDATED 0', 'EVENT PUBLISHED 1'];

// ---- GraphQL not covered by the generated documents (peer administration) ------------------------

const Q_HUB_INFO = `query { hubInfo { id organisation { id name } } }`;
const Q_CREATE_ORG = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`;
const Q_CREATE_PEER = `mutation ($input: CreatePeerInput!) { createPeer(input: $input) { id name } }`;
const Q_PULL = `mutation ($id: ID!) { pullFromPeer(id: $id) { created updated deleted skipped failed requests error } }`;
const Q_INDEX = `query ($since: String, $first: Int) { syncIndex(since: $since, first: $first) { cursor hasMore entries { id deleted } } }`;

interface PullResult {
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
  failed: number;
  requests: number;
  error: string | null;
}

interface HubInfo {
  id: string;
  organisation: { id: string; name: string };
}

async function hubInfo(hub: TestHub): Promise<HubInfo> {
  return ok(await hub.admin.raw<{ hubInfo: HubInfo }>(Q_HUB_INFO)).hubInfo;
}

async function createOrg(hub: TestHub, input: Record<string, unknown>): Promise<string> {
  return ok(await hub.admin.raw<{ createOrganisation: { id: string } }>(Q_CREATE_ORG, { input })).createOrganisation.id;
}

// ---- timing of the requests P's sync client makes to S --------------------------------------------

/** P's SyncClient uses the global fetch: wrapped to time syncIndex / syncEvents (until response headers). */
const wireStats = { on: false, index: { n: 0, ms: 0 }, events: { n: 0, ms: 0 }, other: { n: 0, ms: 0 } };
function resetWire() {
  for (const k of ['index', 'events', 'other'] as const) wireStats[k] = { n: 0, ms: 0 };
}
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const body = init?.body;
  if (!wireStats.on || typeof body !== 'string' || body.includes('pullFromPeer')) return realFetch(input, init);
  const kind = body.includes('syncIndex') ? 'index' : body.includes('syncEvents') ? 'events' : 'other';
  const t = nowMs();
  const res = await realFetch(input, init);
  wireStats[kind].n++;
  wireStats[kind].ms += nowMs() - t;
  return res;
}) as typeof fetch;

/** Runs `work` with fetch's headers timeout raised to an hour (the pull mutation answers when the pull is done). */
const patient = new Agent({ headersTimeout: 3_600_000, bodyTimeout: 3_600_000 });
async function longRequests<T>(work: () => Promise<T>): Promise<T> {
  const inner = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    inner(input, { ...init, dispatcher: patient } as Parameters<typeof fetch>[1])) as typeof fetch;
  try {
    return await work();
  } finally {
    globalThis.fetch = inner;
  }
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

type TimedPull = PullResult & { ms: number; cpuMs: number };

/** A pull through P's API; `cpuMs` is this process's CPU time (both hubs run in it; the database does not). */
async function pull(p: TestHub, peerId: string): Promise<TimedPull> {
  const cpu = process.cpuUsage();
  const t = nowMs();
  // The test client gives up after 60 s, fetch's default agent after 300 s without response headers; a
  // full pull may take longer (on a loaded machine).
  const admin = createGraphqlClient(p.url, p.adminKey, { timeoutMs: 3_600_000 });
  const r = ok(await longRequests(() => admin.raw<{ pullFromPeer: PullResult }>(Q_PULL, { id: peerId }))).pullFromPeer;
  const ms = nowMs() - t;
  const cpuMs = cpuMsSince(cpu);
  if (r.error) throw new Error(`pull failed: ${r.error}`);
  if (r.failed) throw new Error(`pull: ${r.failed} events failed`);
  return { ...r, ms, cpuMs };
}

// ---- raw seeding ----------------------------------------------------------------------------------

interface SeedIds {
  /** Organisation (numeric id) owning and creating the events on S. */
  sOrg: number;
  /** On P (copies): owner = S's host organisation, creator = the copy of S's data organisation. */
  pOwner?: number;
  pCreator?: number;
  sHubUuid: string;
}

/** One event of the bench set, generated deterministically from its index (uuids random). */
interface SeedEvent {
  uuid: string;
  index: number;
  attributes: { uuid: string; index: number }[];
}

/**
 * Random uuids as the API makes them, or (`ordered`, for the 45,000 filler events) v4-shaped uuids that
 * increase within the run: a random prefix and a counter. The uuid indexes then grow at their right edge
 * instead of at random pages (MariaDB's default 128 MB buffer pool would make seeding I/O-bound); what the
 * benchmark measures looks uuids up one by one and does not depend on their order.
 */
const UUID_PREFIX = randomBytes(6).toString('hex');
let uuidCounter = 0;
function orderedUuid(): string {
  const c = (++uuidCounter).toString(16).padStart(18, '0');
  return `${UUID_PREFIX.slice(0, 8)}-${UUID_PREFIX.slice(8, 12)}-4${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6)}`;
}

function newSeedEvents(from: number, count: number, ordered: boolean): SeedEvent[] {
  const uuid = ordered ? orderedUuid : randomUUID;
  return Array.from({ length: count }, (_, k) => ({
    uuid: uuid(),
    index: from + k,
    attributes: Array.from({ length: ATTRS }, (_, j) => ({ uuid: uuid(), index: (from + k) * ATTRS + j })),
  }));
}

async function insertChunked(raw: RawSql, table: string, columns: readonly string[], rows: unknown[][], trx: Parameters<RawSql['run']>[2]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await raw.run(RawSql.insertSql(table, columns, chunk.length), chunk.flat(), trx);
  }
}

/**
 * Writes `events` on S (published, with change-log rows) and, when `copy` is given, their copies on P as
 * a pull would have left them (locked, owner = S's host organisation, origin = S).
 */
async function seedChunk(s: RawSql, copy: RawSql | null, ids: SeedIds, events: SeedEvent[], now: Date): Promise<void> {
  const write = async (raw: RawSql, side: 'S' | 'P') => {
    const t = raw.dateTime(now);
    const owner = side === 'S' ? ids.sOrg : ids.pOwner!;
    await raw.transaction(async (trx) => {
      const eventRows = events.map((e) =>
        eventRow(raw, {
          uuid: e.uuid,
          info: `bench sync event ${e.index + 1}`,
          distribution: ALL_COMMUNITIES,
          ownerOrgId: owner,
          creatorOrgId: side === 'S' ? ids.sOrg : ids.pCreator!,
          time: now,
          locked: side === 'P',
          originHubUuid: side === 'S' ? null : ids.sHubUuid,
        }),
      );
      await insertChunked(raw, 'events', EVENT_COLUMNS, eventRows, trx);
      const idRows = await raw.query<{ id: number; uuid: string }>(
        `select id, uuid from events where uuid in (${events.map(() => '?').join(',')})`,
        events.map((e) => e.uuid),
        trx,
      );
      const idOf = new Map(idRows.map((r) => [r.uuid, Number(r.id)]));
      const attrRows = events.flatMap((e) => e.attributes.map((a) => attributeRow(raw, a.uuid, idOf.get(e.uuid)!, benchAttribute(a.index, '-sync'), now)));
      await insertChunked(raw, 'attributes', ATTRIBUTE_COLUMNS, attrRows, trx);
      if (side === 'S') {
        // prettier-ignore
        const change = (kind: string, op: string, uuid: string, e: SeedEvent, attr: boolean, published: number) =>
          [kind, op, uuid, e.uuid, owner, ALL_COMMUNITIES, null, attr ? INHERIT_EVENT : null, null, published, t];
        const changeRows = events.flatMap((e) => [
          change('EVENT', 'CREATED', e.uuid, e, false, 0),
          ...e.attributes.map((a) => change('ATTRIBUTE', 'CREATED', a.uuid, e, true, 0)),
          change('EVENT', 'UPDATED', e.uuid, e, false, 0),
          change('EVENT', 'PUBLISHED', e.uuid, e, false, 1),
        ]);
        await insertChunked(raw, 'changes', CHANGE_COLUMNS, changeRows, trx);
      }
    });
  };
  await write(s, 'S');
  if (copy) await write(copy, 'P');
}

async function seed(s: RawSql, copy: RawSql | null, ids: SeedIds, from: number, count: number, ordered = false): Promise<SeedEvent[]> {
  const all: SeedEvent[] = [];
  for (let i = 0; i < count; i += SEED_CHUNK) {
    const events = newSeedEvents(from + i, Math.min(SEED_CHUNK, count - i), ordered);
    await seedChunk(s, copy, ids, events, new Date());
    // Only the event uuids are kept (memory: 50,000 x 20 attribute uuids are not needed afterwards).
    all.push(...events.map((e) => ({ ...e, attributes: [] })));
  }
  return all;
}

// ---- checks ---------------------------------------------------------------------------------------

/** Every entry of S's sync index as P's sync user sees it, from the start. */
async function walkIndex(client: GraphqlClient): Promise<{ ids: Set<string>; pages: number }> {
  const ids = new Set<string>();
  let since: string | null = null;
  let pages = 0;
  for (;;) {
    const page: { syncIndex: { cursor: string; hasMore: boolean; entries: { id: string; deleted: boolean }[] } } = ok(
      await client.raw(Q_INDEX, { since, first: 10_000 }),
    );
    pages++;
    for (const e of page.syncIndex.entries) if (!e.deleted) ids.add(e.id.toLowerCase());
    if (!page.syncIndex.hasMore) return { ids, pages };
    since = page.syncIndex.cursor;
  }
}

/**
 * What S alone costs in the full pull: P's index pages (its SYNC_PAGE_SIZE change rows) and event requests
 * (100 uuids, as the sync runner fetches them), converted to the wire form, in sequence, applied nowhere.
 */
async function sourceAlone(client: GraphqlClient, pageSize: number): Promise<{ ms: number; cpuMs: number; requests: number }> {
  const cpu = process.cpuUsage();
  const t = nowMs();
  let since: string | null = null;
  let requests = 0;
  for (;;) {
    const page: { cursor: string; hasMore: boolean; entries: { id: string; deleted: boolean }[] } = ok(await client.request(SyncIndexDocument, { since, first: pageSize })).syncIndex;
    requests++;
    const ids = page.entries.filter((e) => !e.deleted).map((e) => e.id);
    for (let i = 0; i < ids.length; i += 100) {
      ok(await client.request(SyncEventsDocument, { ids: ids.slice(i, i + 100) })).syncEvents.map(fromGraphql);
      requests++;
    }
    if (!page.hasMore) break;
    since = page.cursor;
  }
  return { ms: nowMs() - t, cpuMs: cpuMsSince(cpu), requests };
}

/** sha256 over (event uuid, attribute uuid, type, value hash, deleted) of the given events, in uuid order. */
async function contentDigest(raw: RawSql, where: string, params: unknown[]): Promise<{ events: number; attributes: number; digest: string }> {
  const rows = await raw.query<{ e: string; a: string; type: string; h: string; d: number }>(
    `select e.uuid as e, a.uuid as a, a.type as type, a.value_hash as h, a.deleted as d
       from attributes a join events e on e.id = a.event_id where ${where}`,
    params,
  );
  const lines = rows.map((r) => `${r.e}|${r.a}|${r.type}|${r.h}|${Number(r.d)}`).sort();
  const events = new Set(rows.map((r) => r.e)).size;
  return { events, attributes: rows.length, digest: sha256(lines.join('\n')) };
}

// ---- the run --------------------------------------------------------------------------------------

interface Incremental {
  sourceEvents: number;
  ms: number[];
  /** Per round: S answering syncIndex + syncEvents (at P's client), the rest is P's side. */
  sMs: number[];
  requests: number[];
  updated: number[];
  noopMs: number[];
  noopRequests: number[];
}

interface Report {
  database: string;
  seedMs: number;
  importMs: number;
  importRequests: number;
  fullPull: TimedPull;
  importCpuMs: number;
  wire: { indexN: number; indexMs: number; eventsN: number; eventsMs: number };
  small: Incremental;
  big: Incremental | null;
  growSeedMs: number;
  catchUp: TimedPull | null;
  census: { events: number; statements: number; shapes: [string, number][] } | null;
  tail: TailCheck;
}

interface TailCheck {
  entries: number;
  cursorMoved: boolean;
  hasMore: boolean;
}

/**
 * Not timed, and without pulling: after a change that is not about an event (a new organisation on S),
 * what S's index answers P's cursor. A pull ends only when the index stops saying hasMore; if the cursor
 * does not move and hasMore stays true, the pull would ask again with the same cursor forever.
 */
async function tailCheck(s: TestHub, pRaw: RawSql, syncClient: GraphqlClient): Promise<TailCheck> {
  await createOrg(s, { name: `tail check ${randomBytes(3).toString('hex')}`, local: false });
  const [{ pc: cursor }] = await pRaw.query<{ pc: string }>('select pull_cursor as pc from peers');
  const page: { syncIndex: { cursor: string; hasMore: boolean; entries: unknown[] } } = ok(await syncClient.raw(Q_INDEX, { since: cursor, first: 500 }));
  const r = { entries: page.syncIndex.entries.length, cursorMoved: page.syncIndex.cursor !== cursor, hasMore: page.syncIndex.hasMore };
  console.log(`  tail check: after a new organisation on S, syncIndex(since: P's cursor) answers ${JSON.stringify(r)}`);
  return r;
}

async function incrementalRounds(
  p: TestHub,
  peerId: string,
  publisher: GraphqlClient,
  pick: (round: number) => string[],
  sourceEvents: number,
  label: string,
): Promise<Incremental> {
  const out: Incremental = { sourceEvents, ms: [], sMs: [], requests: [], updated: [], noopMs: [], noopRequests: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const id of pick(round)) {
      ok(await publisher.request(UpdateEventDocument, { input: { id, info: `bench sync changed (${label}, round ${round + 1})` } }));
      ok(await publisher.request(PublishEventDocument, { id }));
    }
    resetWire();
    wireStats.on = true;
    const r = await pull(p, peerId);
    wireStats.on = false;
    out.sMs.push(wireStats.index.ms + wireStats.events.ms);
    if (r.updated !== CHANGED) console.warn(`  WARNING incremental ${label} round ${round + 1}: updated ${r.updated}, expected ${CHANGED}`);
    out.ms.push(r.ms);
    out.requests.push(r.requests);
    out.updated.push(r.updated);
  }
  for (let i = 0; i < ROUNDS; i++) {
    const r = await pull(p, peerId);
    if (r.created + r.updated + r.skipped) console.warn(`  WARNING no-op pull (${label}) did something: ${JSON.stringify(r)}`);
    out.noopMs.push(r.ms);
    out.noopRequests.push(r.requests);
  }
  const med = percentile(out.ms, 50);
  console.log(
    `  incremental (${label}): ${CHANGED} changed events, median ${fmtMs(med)} over ${ROUNDS} rounds ` +
      `[${out.ms.map((m) => m.toFixed(0)).join(', ')}] ms (of which S answering [${out.sMs.map((m) => m.toFixed(0)).join(', ')}] ms), ` +
      `requests [${out.requests.join(', ')}]; ` +
      `no-op median ${fmtMs(percentile(out.noopMs, 50))}, requests [${out.noopRequests.join(', ')}]`,
  );
  return out;
}

/** A spread of CHANGED events per round out of `events`, different in every round. */
function spread(events: SeedEvent[], offset: number) {
  return (round: number) => {
    const stride = Math.floor(events.length / (CHANGED * ROUNDS));
    return Array.from({ length: CHANGED }, (_, k) => events[((k * ROUNDS + round) * stride + offset) % events.length].uuid);
  };
}

async function setUpPeer(s: TestHub, p: TestHub, sInfo: HubInfo, name: string): Promise<string> {
  const pInfo = await hubInfo(p);
  const pOrgOnS = await createOrg(s, { name: `${name} host org ${randomBytes(3).toString('hex')}`, uuid: pInfo.organisation.id, local: false });
  const syncUser = await userIn(s, pOrgOnS, 'SYNC_USER');
  const sOrgOnP = await createOrg(p, { name: `source host org ${randomBytes(3).toString('hex')}`, uuid: sInfo.organisation.id, local: false });
  return ok(
    await p.admin.raw<{ createPeer: { id: string } }>(Q_CREATE_PEER, {
      input: { name: `source-${randomBytes(3).toString('hex')}`, url: s.url, apiKey: syncUser.key, organisationId: sOrgOnP, pull: true },
    }),
  ).createPeer.id;
}

/**
 * --page-size: the hubs' SYNC_PAGE_SIZE (change rows per index page; the hub's default otherwise).
 * --auth-cache=on|off|auto: the hubs' AUTH_CACHE (default: the hub's default, auto, which is off here
 * without Redis; `on` is how a hub with REDIS_URL runs).
 */
const hubEnv = (): Record<string, string> => ({
  PEER_SECRET_KEY: randomBytes(32).toString('base64url'),
  ...(argv['page-size'] ? { SYNC_PAGE_SIZE: argv['page-size'] } : {}),
  ...(argv['auth-cache'] ? { AUTH_CACHE: argv['auth-cache'] } : {}),
});

async function benchOne(database: TestDatabase): Promise<Report> {
  const sLog = { on: false, lines: [] as string[] };
  const s = await startTestHub(database, hubEnv(), argv['source-sql'] ? { onQuery: (sql) => sLog.on && sLog.lines.push(sql) } : {});
  const p = await startTestHub(database, hubEnv());
  const stops = [p, s];
  try {
    const sRaw = new RawSql(s);
    const pRaw = new RawSql(p);
    if (!sRaw.sqlite) {
      const [v] = await sRaw.query<{ version: string; pool: number }>('select version() as version, @@innodb_buffer_pool_size as pool');
      console.log(`  server ${v.version}, innodb_buffer_pool_size ${fmtInt(Number(v.pool) / 2 ** 20)} MB (shared by the hubs' databases)`);
    }
    const sInfo = await hubInfo(s);
    const sHubUuid = sInfo.id.toLowerCase();
    const dataOrg = await orgWithUser(s, 'PUBLISHER');
    const peerId = await setUpPeer(s, p, sInfo, 'puller');
    const syncUserForChecks = await userIn(s, await createOrg(s, { name: `checker ${randomBytes(3).toString('hex')}`, local: false }), 'SYNC_USER');
    const ids: SeedIds = { sOrg: await sRaw.idOf('organisations', dataOrg.orgId), sHubUuid };

    // 1. seed S
    let t = nowMs();
    const events = await seed(sRaw, null, ids, 0, EVENTS);
    const seedMs = nowMs() - t;
    const listed = await walkIndex(syncUserForChecks.client);
    const missing = events.filter((e) => !listed.ids.has(e.uuid)).length;
    if (missing || listed.ids.size !== EVENTS) throw new Error(`S's syncIndex lists ${listed.ids.size} events, ${missing} of the seeded missing`);
    console.log(
      `  seeded S: ${fmtInt(EVENTS)} events x ${ATTRS} attributes in ${(seedMs / 1000).toFixed(1)} s; ` +
        `syncIndex lists all ${fmtInt(listed.ids.size)} (${listed.pages} pages of 10,000 change rows)`,
    );

    // 2a. baseline: the same events through P's own API
    const importer = await orgWithUser(p, 'PUBLISHER');
    const importCpu = process.cpuUsage();
    t = nowMs();
    let importRequests = 0;
    let firstImported = '';
    for (const e of events.slice(0, IMPORT)) {
      const id = ok(await importer.client.request(CreateEventDocument, { input: { info: `bench sync import ${e.index + 1}`, distribution: 'ALL_COMMUNITIES' } }))
        .createEvent.id;
      const attributes = Array.from({ length: ATTRS }, (_, j) => benchAttribute(e.index * ATTRS + j, '-sync'));
      const added = ok(await importer.client.request(AddAttributesDocument, { eventId: id, attributes })).addAttributes;
      if (added.length !== ATTRS) throw new Error(`import stored ${added.length} of ${ATTRS} attributes`);
      ok(await importer.client.request(PublishEventDocument, { id }));
      importRequests += 3;
      firstImported ||= id;
    }
    const importMs = nowMs() - t;
    const importCpuMs = cpuMsSince(importCpu);
    console.log(`  import on P (API): ${fmtInt(IMPORT)} events in ${(importMs / 1000).toFixed(1)} s (${fmtInt(importRequests)} requests)`);
    // The raw seeding must write the change rows the API writes.
    const pattern = (
      await pRaw.query<{ kind: string; op: string; published: number }>('select kind, op, published from changes where event_uuid = ? order by seq', [firstImported])
    ).map((r) => `${r.kind} ${r.op} ${Number(r.published)}`);
    if (JSON.stringify(pattern) !== JSON.stringify(API_CHANGE_PATTERN(ATTRS))) {
      console.warn(`  WARNING the API writes other change rows per event than the seeding: ${pattern.join(', ')}`);
    }

    // 2b. full pull
    resetWire();
    wireStats.on = true;
    sLog.on = true;
    const fullPull = await profiled(argv.profile, () => pull(p, peerId), 500);
    if (argv.profile) console.log(`  cpu profile of the full pull written to ${argv.profile}`);
    sLog.on = false;
    if (argv['source-sql']) printSqlTime("S's SQL during the full pull", sLog.lines);
    wireStats.on = false;
    const wire = { indexN: wireStats.index.n, indexMs: wireStats.index.ms, eventsN: wireStats.events.n, eventsMs: wireStats.events.ms };
    if (fullPull.created !== EVENTS) console.warn(`  WARNING full pull created ${fullPull.created}, expected ${EVENTS}`);
    // S alone: the same index pages and event chunks, fetched and converted as P's client does, applied nowhere.
    const sAlone = await profiled(argv['profile-source'], () => sourceAlone(syncUserForChecks.client, p.app.config.syncPageSize), 500);
    console.log(
      `  S alone (P's requests without applying them): ${fmtInt(sAlone.requests)} requests in ${(sAlone.ms / 1000).toFixed(1)} s, ` +
        `CPU of this process ${fmtMs(sAlone.cpuMs / EVENTS)} per event`,
    );
    const inS = await contentDigest(sRaw, 'e.owner_org_id = ?', [ids.sOrg]);
    const inP = await contentDigest(pRaw, 'e.origin_hub_uuid = ?', [sHubUuid]);
    if (inS.digest !== inP.digest) {
      throw new Error(`P's copies differ from S: S ${inS.events} events/${inS.attributes} attributes, P ${inP.events}/${inP.attributes}`);
    }
    console.log(
      `  full pull: ${fmtInt(fullPull.created)} created in ${(fullPull.ms / 1000).toFixed(1)} s, ${fmtInt(fullPull.requests)} requests ` +
        `(syncIndex ${wire.indexN} = ${(wire.indexMs / 1000).toFixed(1)} s, syncEvents ${wire.eventsN} = ${(wire.eventsMs / 1000).toFixed(1)} s at S); ` +
        `P holds the same ${fmtInt(inP.events)} events / ${fmtInt(inP.attributes)} attributes`,
    );

    // 3. incremental and no-op, S holding EVENTS
    const small = await incrementalRounds(p, peerId, dataOrg.client, spread(events, 0), EVENTS, `${fmtInt(EVENTS)} events at S`);

    let big: Incremental | null = null;
    let catchUp: Report['catchUp'] = null;
    let census: Report['census'] = null;
    let growSeedMs = 0;
    if (BIG > EVENTS) {
      // 4. grow S to BIG events. --catch-up: P gets the copies a pull would have written and pulls
      // once over the grown index (skipping all); else P's cursor is advanced past them directly.
      const sOrgOnP = await pRaw.idOf('organisations', sInfo.organisation.id);
      Object.assign(ids, { pOwner: sOrgOnP, pCreator: await pRaw.idOf('organisations', dataOrg.orgId) });
      // The census hub and its peer are set up before the seeding, so that the census pull covers
      // exactly the last CENSUS seeded events.
      const censusHub = await startCensusHub(database, s, sInfo);
      stops.unshift(censusHub.hub);
      t = nowMs();
      const more = await seed(sRaw, CATCH_UP ? pRaw : null, ids, EVENTS, BIG - EVENTS, true);
      growSeedMs = nowMs() - t;
      console.log(
        `  grown: ${fmtInt(BIG - EVENTS)} more events on S${CATCH_UP ? ' (and copies on P)' : ''} in ${(growSeedMs / 1000).toFixed(1)} s`,
      );

      census = await runCensus(censusHub, sRaw, more.slice(-CENSUS));
      await censusHub.hub.stop();
      stops.shift();

      if (CATCH_UP) {
        catchUp = await pull(p, peerId);
        if (catchUp.created + catchUp.updated) console.warn(`  WARNING catch-up pull wrote: ${JSON.stringify(catchUp)}`);
        console.log(
          `  catch-up pull over the grown index: ${fmtInt(catchUp.skipped)} index entries skipped in ${(catchUp.ms / 1000).toFixed(1)} s, ` +
            `${fmtInt(catchUp.requests)} requests`,
        );
      } else {
        // What a pull that skipped every grown event leaves behind: the cursor at S's last change.
        const [{ seq }] = await sRaw.query<{ seq: number }>('select max(seq) as seq from changes');
        await pRaw.run('update peers set pull_cursor = ? where uuid = ?', [encodeCursor('change', Number(seq)), peerId.toLowerCase()]);
      }
      // With --catch-up P holds copies of all BIG events and any may change; else only the first EVENTS.
      big = await incrementalRounds(p, peerId, dataOrg.client, spread(CATCH_UP ? [...events, ...more] : events, 1), BIG, `${fmtInt(BIG)} events at S`);
    }
    const tail = await tailCheck(s, pRaw, syncUserForChecks.client);
    return { database: database.name, seedMs, importMs, importCpuMs, importRequests, fullPull, wire, small, big, growSeedMs, catchUp, census, tail };
  } finally {
    for (const h of stops) await h.stop();
  }
}

interface CensusHub {
  hub: TestHub;
  peerId: string;
  statements: string[];
  logging: { on: boolean };
}

/** P2, with its SQL log collected while `logging.on`, and a peer for S. */
async function startCensusHub(database: TestDatabase, s: TestHub, sInfo: HubInfo): Promise<CensusHub> {
  const statements: string[] = [];
  const logging = { on: false };
  const hub = await startTestHub(database, hubEnv(), { onQuery: (sql) => logging.on && statements.push(sql) });
  return { hub, peerId: await setUpPeer(s, hub, sInfo, 'census'), statements, logging };
}

/** P2 pulls the given (last seeded) events of S: SQL statements per pulled event, by statement shape. */
async function runCensus(c: CensusHub, sRaw: RawSql, tail: SeedEvent[]): Promise<Report['census']> {
  const [{ seq }] = await sRaw.query<{ seq: number }>(
    `select min(seq) as seq from changes where event_uuid in (${tail.map(() => '?').join(',')})`,
    tail.map((e) => e.uuid),
  );
  await new RawSql(c.hub).run('update peers set pull_cursor = ?', [encodeCursor('change', Number(seq) - 1)]);
  c.logging.on = true;
  const r = await pull(c.hub, c.peerId);
  c.logging.on = false;
  if (r.created !== tail.length) console.warn(`  WARNING census pull created ${r.created}, expected ${tail.length}`);
  const shapes = new Map<string, number>();
  for (const line of c.statements) {
    const sql = shapeOf(line);
    shapes.set(sql, (shapes.get(sql) ?? 0) + 1);
  }
  console.log(`  census: P2 pulled ${r.created} events, ${c.statements.length} SQL statements on P2`);
  return { events: r.created, statements: c.statements.length, shapes: [...shapes].sort((a, b) => b[1] - a[1]) };
}

/** A logged statement with its values, numbers and the logger's decoration taken out. */
function shapeOf(line: string): string {
  return line
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/^\[query\]\s*/, '')
    .replace(/\s*\[took [^\]]*\]\s*$/, '')
    .replace(/'(?:[^'\\]|\\.)*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, '?')
    .replace(/\?(\s*,\s*\?)+/g, '?…')
    .replace(/\(\?…?\)(\s*,\s*\(\?…?\))+/g, '(?…), …')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Logged statements by summed time ("[took N ms]": until the driver's answer was handled) per shape. */
function printSqlTime(title: string, lines: readonly string[]) {
  const byShape = new Map<string, { n: number; ms: number }>();
  let total = 0;
  for (const line of lines) {
    const ms = Number(/\[took (\d+(?:\.\d+)?) ms/.exec(line.replace(/\u001b\[[0-9;]*m/g, ''))?.[1] ?? 0);
    const k = shapeOf(line);
    const e = byShape.get(k) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += ms;
    total += ms;
    byShape.set(k, e);
  }
  console.log(`  ${title}: ${fmtInt(lines.length)} statements, ${(total / 1000).toFixed(1)} s summed; by shape:`);
  for (const [k, e] of [...byShape].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.log(`    ${(e.ms / 1000).toFixed(2).padStart(7)} s ${String(e.n).padStart(6)}x  ${k.slice(0, 160)}`);
  }
}

// ---- report ---------------------------------------------------------------------------------------

function summary(r: Report) {
  const attrs = EVENTS * ATTRS;
  const pullSec = r.fullPull.ms / 1000;
  const importSec = r.importMs / 1000;
  const importRate = IMPORT / importSec;
  const pullRate = r.fullPull.created / pullSec;
  const pullRatio = pullRate / importRate;
  const seedSec = r.seedMs / 1000;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    `\nsync on ${r.database}: ${fmtInt(EVENTS)} events x ${ATTRS} attributes at S` +
      `${r.big ? `, grown to ${fmtInt(r.big.sourceEvents)}` : ''}; ${ROUNDS} rounds of ${CHANGED} changed events per size; loadavg ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  printTable(
    ['measure', 'time', 'events/s', 'attributes/s', 'requests', 'figure', 'goal'],
    [
      [`import on P, API (${fmtInt(IMPORT)} x createEvent+addAttributes+publishEvent)`, `${importSec.toFixed(1)} s`, fmtInt(importRate), fmtInt(importRate * ATTRS), fmtInt(r.importRequests), 'baseline', ''],
      [
        'raw multi-row INSERT of the same rows on S (the seeding)',
        `${seedSec.toFixed(1)} s`,
        fmtInt(EVENTS / seedSec),
        fmtInt(attrs / seedSec),
        '',
        `pull ${fmtRatio(pullRate / (EVENTS / seedSec))} x raw`,
        `>= ${GOAL_PULL_VS_RAW} ${met(pullRate / (EVENTS / seedSec) >= GOAL_PULL_VS_RAW)}`,
      ],
      ['full pull P <- S', `${pullSec.toFixed(1)} s`, fmtInt(pullRate), fmtInt(attrs / pullSec), fmtInt(r.fullPull.requests), `${fmtRatio(pullRatio)} x import`, `>= ${GOAL_PULL_VS_IMPORT} ${met(pullRatio >= GOAL_PULL_VS_IMPORT)}`],
      ...incrementalRows(r),
    ],
  );
  const other = r.fullPull.ms - r.wire.indexMs - r.wire.eventsMs;
  console.log(
    `\nfull pull, where the time goes (P's client, until response headers): S answering ${r.wire.indexN} syncIndex ${(r.wire.indexMs / 1000).toFixed(1)} s ` +
      `(${fmtMs(r.wire.indexMs / Math.max(1, r.wire.indexN))} each), S answering ${r.wire.eventsN} syncEvents ${(r.wire.eventsMs / 1000).toFixed(1)} s ` +
      `(${fmtMs(r.wire.eventsMs / Math.max(1, r.wire.eventsN))} each); P's side ${(other / 1000).toFixed(1)} s = ${fmtMs(other / Math.max(1, r.fullPull.created))} per event ` +
      `(${Math.round((other / r.fullPull.ms) * 100)}%)`,
  );
  console.log(
    `CPU time of this process (both hubs; not the database): import ${fmtMs(r.importCpuMs / IMPORT)} per event ` +
      `(${Math.round((r.importCpuMs / r.importMs) * 100)}% of its wall time), full pull ${fmtMs(r.fullPull.cpuMs / Math.max(1, r.fullPull.created))} per event ` +
      `(${Math.round((r.fullPull.cpuMs / r.fullPull.ms) * 100)}% of its wall time)`,
  );
  if (r.big) {
    console.log(
      `grow: ${fmtInt(r.big.sourceEvents - EVENTS)} events seeded raw on S in ${(r.growSeedMs / 1000).toFixed(1)} s; ` +
        (r.catchUp
          ? `copies on P, catch-up pull (all skipped) ${(r.catchUp.ms / 1000).toFixed(1)} s, ${fmtInt(r.catchUp.requests)} requests`
          : `P's cursor advanced past them directly (--catch-up: copies on P and a real catch-up pull)`),
    );
  }
  if (r.census) {
    const per = (n: number) => (n / r.census!.events).toFixed(1);
    const perEvent = r.census.statements / r.census.events;
    console.log(
      `\ncensus: P2 pulled ${r.census.events} events with ${fmtInt(r.census.statements)} SQL statements = ${per(r.census.statements)} per event ` +
        `(goal <= ${GOAL_STATEMENTS_PER_EVENT} ${perEvent <= GOAL_STATEMENTS_PER_EVENT ? 'met' : 'MISSED'}); top shapes per event:`,
    );
    // Every shape that runs at least once per ten events (the per-page and per-group costs show too).
    for (const [shape, n] of r.census.shapes.filter(([, n]) => n >= r.census!.events / 10)) console.log(`  ${per(n).padStart(6)}  ${shape.slice(0, 150)}`);
  }
}

function incrementalRows(r: Report): string[][] {
  const rows: string[][] = [];
  const inc = (i: Incremental) => [
    `incremental, ${CHANGED} changed, S holds ${fmtInt(i.sourceEvents)}`,
    fmtMs(percentile(i.ms, 50)),
    '',
    '',
    [...new Set(i.requests)].join('/'),
  ];
  const s = r.small;
  rows.push([...inc(s), '', '']);
  if (r.big) {
    const b = r.big;
    const ratio = percentile(b.ms, 50) / percentile(s.ms, 50);
    const sameRequests = [...new Set([...s.requests, ...b.requests])].length === 1;
    rows.push([...inc(b), `${fmtRatio(ratio)} x ${fmtInt(s.sourceEvents)}`, `<= ${GOAL_INCREMENTAL_RATIO} ${ratio <= GOAL_INCREMENTAL_RATIO ? 'met' : 'MISSED'}`]);
    rows.push([`  requests ${fmtInt(b.sourceEvents)} vs ${fmtInt(s.sourceEvents)}`, '', '', '', `${[...new Set(b.requests)].join('/')} vs ${[...new Set(s.requests)].join('/')}`, '', `same ${sameRequests ? 'met' : 'MISSED'}`]);
  }
  const stuck = !r.tail.cursorMoved && r.tail.hasMore && r.tail.entries === 0;
  rows.push([
    'pull after a non-event change (new org on S)',
    '',
    '',
    '',
    stuck ? 'unbounded' : '1',
    stuck ? 'index: same cursor, hasMore' : '',
    `terminates ${stuck ? 'MISSED' : 'met'}`,
  ]);
  for (const i of [s, r.big].filter((x): x is Incremental => !!x)) {
    const n = Math.max(...i.noopRequests);
    rows.push([
      `no-op pull, S holds ${fmtInt(i.sourceEvents)}`,
      fmtMs(percentile(i.noopMs, 50)),
      '',
      '',
      [...new Set(i.noopRequests)].join('/'),
      '',
      `${GOAL_NOOP_REQUESTS} ${n <= GOAL_NOOP_REQUESTS ? 'met' : 'MISSED'}`,
    ]);
  }
  return rows;
}

async function main() {
  const all = benchDatabases();
  const database = all.find((d) => d.name === 'mysql') ?? all[0];
  console.log(`sync: on ${database.name}${database.name === 'sqlite' ? ' (set BENCH_MYSQL_URL for MariaDB)' : ''}; SYNC_PAGE_SIZE ${argv['page-size'] ?? 'default'}, AUTH_CACHE ${argv['auth-cache'] ?? 'auto (default)'}; loadavg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const t = nowMs();
  try {
    summary(await benchOne(database));
    console.log(`\ntotal run time ${((nowMs() - t) / 1000).toFixed(0)} s`);
    process.exitCode = 0;
  } catch (e) {
    console.error(`sync ${database.name}: FAILED`, e);
    process.exitCode = 1;
  }
}

void main();
