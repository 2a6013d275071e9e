/**
 * search: latency of four searches through the hub's HTTP GraphQL API next to hand-written indexed SQL
 * for the same answer, in the same run on the same database, at two sizes (cost growth).
 *
 *   seed      N attributes in N/100 events (MariaDB 1,000,000, SQLite 200,000; `--attributes=N` to
 *             scale), written with raw multi-row INSERTs into the hub's own schema (migrations ran) in the
 *             representation the hub writes, derived columns included (value hash, correlation keys, IP
 *             range). Events: 10% owned by the searching org A (ORGANISATION_ONLY), 10% ORGANISATION_ONLY
 *             of org B (invisible to A), 80% COMMUNITY_ONLY of B; 20% tagged tlp:green; timestamps spread
 *             over 60 days. Attributes: 90 per event unique (80% ip-dst, 10% domain, 10% sha256) and 10
 *             shared by the 10 events of a block (correlations of the same size at any scale).
 *             First N/10 attributes are seeded and measured, then the rest, and measured again.
 *   queries   as a USER of org A (visibility applies), each with totalCount where it is a list:
 *             value     attributes(filter: { value }, first: 50)
 *             values    attributes(filter: { values: [1,000 values, half present] }, first: 500)
 *             tag+time  attributes(filter: { tags: ["tlp:green"], type: ["domain"], timestamp: { from: "7d" } }, first: 50)
 *             corr      attribute(id) { correlations { id value event { id } } }
 *   sql       the same answer with hand-written SQL on the same indexes through the hub's own pool, under
 *             the same access rules (VIS: the event's and the attribute's distribution and the MISP
 *             object's, for an org in no sharing group; the correlation source must be visible too), plus
 *             JSON.stringify of the same shape, in process.
 *   http+sql  the same SQL behind a bare node:http endpoint of this process that also checks the API key
 *             (one indexed query): a minimal service answering the same question over the same transport.
 *             Every answer is checked equal to the hub's before timing.
 *
 *   design    the same query and variables over HTTP (same client, same key) to DESIGN's GraphQL stack
 *             alone: type-graphql with class-validator validation, on Apollo Server 5 on Express 5 as the
 *             hub configures it (bench/search-design.ts, bench/design-server.ts), the part of the schema the
 *             queries use, resolvers answering with the baseline's SQL through the same pool, the key
 *             checked as the bare endpoint checks it. What a hub on DESIGN's stack costs with nothing of its
 *             own (no access-rule engine, statement shapes, loaders, limits, logging or metrics):
 *             design/http+sql is a floor under hub/http+sql on this design, hub/design what the hub adds.
 *
 *   floor     `{ __typename }` with the same key: what every hub request costs before it reads any data
 *             (HTTP, authentication, Apollo), printed for reference.
 *
 * Prints p50/p99 of each, hub/sql and hub/http+sql (goal <= 2, judged against http+sql: with answers of
 * well under a millisecond the in-process ratio measures HTTP, not search), large/small hub p50 next to
 * the baseline's own growth (goal <= 1.5, or <= the baseline's growth when that is larger), the floor
 * (goal <= 0.8 ms) and the load average. A report, not a test: exits 0 whatever the ratios.
 *
 * Next to the wall-clock figures: the CPU time of this process per request (p50, client side included
 * for both) of the hub and of the bare endpoint, and their ratio. On a loaded machine wall-clock times
 * mostly measure waiting for a core; CPU time measures the work. It leaves out the database server's
 * own CPU (MariaDB), so it is a figure for the hub's share, not a replacement of the goal's ratio.
 * `--auth-cache=on|off|auto` sets AUTH_CACHE of the hub (default: the hub's default, auto: on only with
 * Redis, so off here: every hub request reads its key, as the bare endpoint does).
 *
 *   npm run bench:search                                   (SQLite, and MariaDB with BENCH_MYSQL_URL)
 *   node dist/bench/search.js --attributes=100000 --iterations=50 --only=mysql
 */
import { randomUUID } from 'node:crypto';
import { hashApiKey } from '../src/auth/api-key-secret';
import { deepStrictEqual } from 'node:assert/strict';
import { createGraphqlClient } from '../src/shared/graphql-client';
import { startStackServer } from './design-server';
import { DesignContext, searchDesignSchema } from './search-design';
import type { TestDatabase } from '../test/support/databases';
import { ok, orgWithUser, startTestHub, TestHub } from '../test/support/hub';
import { correlationKeyOf } from '../src/modules/attribute/attribute-keys';
import {
  ATTRIBUTE_COLUMNS,
  attributeRow,
  EVENT_COLUMNS,
  eventRow,
  BenchAttribute,
  benchAttribute,
  benchDatabases,
  fmtInt,
  fmtMs,
  fmtRatio,
  nowMs,
  percentile,
  printTable,
  RawSql,
  sha256,
  startProfile,
  loadAverage,
  bareServer,
  KEY_SQL,
} from './support';

const PER_EVENT = 100;
const SHARED_PER_EVENT = 10;
/** hub / http+sql p50 (issue 16). */
const GOAL = 2;
/** large / small hub p50: at most this, or at most the baseline's own growth when that is larger. */
const GROWTH_GOAL = 1.5;
/** `{ __typename }` p50 (issue 16). */
const FLOOR_GOAL_MS = 0.8;
const DAY = 86_400_000;

function arg(name: string): string | undefined {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}
const ITERATIONS = Number(arg('iterations') ?? 100);
const WARMUP = Math.max(20, Math.floor(ITERATIONS / 5));

/** A shared value of the pool (ip-dst or domain), distinct from every unique bench value. */
function sharedAttribute(p: number): BenchAttribute {
  return p % 2 === 0
    ? { type: 'ip-dst', value: `172.${16 + ((p >> 16) & 15)}.${(p >> 8) & 255}.${p & 255}` }
    : { type: 'domain', value: `s${p}.shared.example.net` };
}

/**
 * The attribute at global index i (event i/100): the first 10 of each event are shared by the 10 events
 * of its block (so a correlation answer has the same size at any scale), the rest unique.
 */
function attributeAt(i: number): BenchAttribute {
  const j = i % PER_EVENT;
  return j < SHARED_PER_EVENT ? sharedAttribute(Math.floor(i / PER_EVENT / 10) * SHARED_PER_EVENT + j) : benchAttribute(i);
}


interface Ctx {
  raw: RawSql;
  orgA: number;
  orgB: number;
  tagId: number;
  now: Date;
}

const eventTime = (k: number, now: Date) => new Date(now.getTime() - (k % 60) * DAY - (k % 1000) * 1000);

/** Events [from, to) with their attributes, 10 events per INSERT statement (1,000 attribute rows). */
async function seedRange(ctx: Ctx, fromEvent: number, toEvent: number): Promise<void> {
  const { raw, now } = ctx;
  const STEP = 10;
  const attrSql = RawSql.insertSql('attributes', ATTRIBUTE_COLUMNS, STEP * PER_EVENT);
  for (let k0 = fromEvent; k0 < toEvent; k0 += STEP) {
    const ks = Array.from({ length: Math.min(STEP, toEvent - k0) }, (_, x) => k0 + x);
    await raw.transaction(async (trx) => {
      const evRows = ks.map((k) =>
        eventRow(raw, {
          uuid: randomUUID(),
          info: `bench search event ${k}`,
          distribution: k % 10 <= 1 ? 0 : 1,
          ownerOrgId: k % 10 === 0 ? ctx.orgA : ctx.orgB,
          time: eventTime(k, now),
        }),
      );
      await raw.run(RawSql.insertSql('events', EVENT_COLUMNS, evRows.length), evRows.flat(), trx);
      const ids = (await raw.query<{ id: number; info: string }>(
        `select id, info from events where info in (${ks.map(() => '?').join(',')})`,
        ks.map((k) => `bench search event ${k}`),
        trx,
      )).reduce((m, r) => m.set(r.info, Number(r.id)), new Map<string, number>());
      const tagged = ks.filter((k) => k % 5 === 0);
      if (tagged.length) {
        await raw.run(
          RawSql.insertSql('event_tags', ['event_id', 'tag_id', 'local'], tagged.length),
          tagged.flatMap((k) => [ids.get(`bench search event ${k}`), ctx.tagId, 0]),
          trx,
        );
      }
      const params: unknown[] = [];
      for (const k of ks) {
        const eventId = ids.get(`bench search event ${k}`)!;
        const at = eventTime(k, now);
        for (let j = 0; j < PER_EVENT; j++) params.push(...attributeRow(raw, randomUUID(), eventId, attributeAt(k * PER_EVENT + j), at));
      }
      const sql = ks.length === STEP ? attrSql : RawSql.insertSql('attributes', ATTRIBUTE_COLUMNS, ks.length * PER_EVENT);
      await raw.run(sql, params, trx);
    });
  }
}

// ---- the design reference ---------------------------------------------------------------------------

/**
 * The design reference: DESIGN's GraphQL stack (type-graphql with validation, Apollo on Express:
 * search-design.ts, startStackServer) whose resolvers answer with the current case's baseline (its SQL,
 * as the bare endpoint runs it), after checking the API key with the bare endpoint's indexed query in the
 * request's context.
 */
async function designServer(raw: RawSql): Promise<{ url: string; setHandler(h: () => Promise<unknown>): void; close(): Promise<void> }> {
  let handler: () => Promise<unknown> = async () => null;
  const server = await startStackServer({ schema: await searchDesignSchema() }, async (authorization): Promise<DesignContext> => {
    const [k] = await raw.query<{ org: number }>(KEY_SQL, [hashApiKey(authorization)]);
    if (!k) throw new Error('unknown API key');
    return { answer: handler };
  });
  return { url: server.url, setHandler: (h) => (handler = h), close: server.stop };
}

// ---- the four searches: hub query and baseline SQL -------------------------------------------------

interface Case {
  name: string;
  /** The hub's query text and its variables (the design reference runs the same; the bare endpoint receives the same variables). */
  query: string;
  variables: () => Record<string, unknown>;
  base: () => Promise<unknown>;
  /** A new target of this case (hub and baselines answer the same question), chosen before any is timed. */
  next: () => Promise<void> | void;
}

/**
 * The attributes an org may see (DESIGN §4, for an org in no sharing group), as the hub decides it: live,
 * of a visible event, visible by their own distribution, and not inside a MISP object it may not see.
 * Three `?`: the org (VIS_PARAMS).
 */
const FROM = 'attributes a join events e on e.id = a.event_id left join objects o on o.id = a.object_id';
const VIS = (a: string, e: string) =>
  `${a}.deleted = 0 and (${e}.owner_org_id = ? or ${e}.distribution in (1, 2, 3)) and (${e}.owner_org_id = ? or ${a}.distribution in (1, 2, 3, 5))` +
  ` and (${e}.owner_org_id = ? or ${a}.object_id is null or o.distribution in (1, 2, 3, 5))`;
const VIS_PARAMS = (org: number) => [org, org, org];

type Edges = { attributes: { totalCount: number; edges: { node: { id: string; value: string; type?: string; event: { id: string } } }[] } };

function cases(ctx: Ctx, client: TestHub['admin'], eventsSeeded: number, rnd: () => number) {
  const { raw, orgA } = ctx;
  const n = eventsSeeded * PER_EVENT;
  // Unique values of visible events (k % 10 >= 2) anywhere in the seeded range.
  const visibleUnique = () => {
    for (;;) {
      const i = Math.floor(rnd() * n);
      if (i % PER_EVENT >= SHARED_PER_EVENT && Math.floor(i / PER_EVENT) % 10 >= 2) return attributeAt(i).value;
    }
  };
  const listSql = (where: string, limit: number) =>
    `select a.uuid as id, a.value, a.type, e.uuid as event from ${FROM} where ${VIS('a', 'e')} and ${where} order by a.id desc limit ${limit}`;
  const countSql = (where: string) => `select count(*) as n from ${FROM} where ${VIS('a', 'e')} and ${where}`;
  const baseList = async (where: string, params: unknown[], limit: number) => {
    const [rows, [{ n: total }]] = [
      await raw.query<{ id: string; value: string; type: string; event: string }>(listSql(where, limit), [...VIS_PARAMS(orgA), ...params]),
      await raw.query<{ n: number }>(countSql(where), [...VIS_PARAMS(orgA), ...params]),
    ];
    const data = { attributes: { totalCount: Number(total), edges: rows.map((r) => ({ node: { id: r.id, value: r.value, type: r.type, event: { id: r.event } } })) } };
    JSON.stringify({ data });
    return data;
  };
  const LIST = `query($filter: AttributeFilter, $first: Int) { attributes(filter: $filter, first: $first) { totalCount edges { node { id value type event { id } } } } }`;

  let value = ''; // each case picks its target (next) before it is timed
  const values = () => Array.from({ length: 1000 }, (_, x) => (x % 2 ? visibleUnique() : `198.18.${(x >> 8) & 255}.${x & 255}`));
  let valueList: string[] = [];
  const since = new Date(Date.now() - 7 * DAY);

  // Correlation source: a shared-pool attribute of a visible event. The events' ids are read once: a
  // lookup by `info` (no index) scanned every event between two timed requests (1-7 ms at 1,000,000
  // attributes), evicting from the CPU caches what the next timed request would have found there.
  let eventIds: Map<string, number> | null = null;
  const pickSource = async () => {
    eventIds ??= new Map((await raw.query<{ id: number; info: string }>('select id, info from events')).map((e) => [e.info, Number(e.id)]));
    for (;;) {
      const k = Math.floor(rnd() * eventsSeeded);
      if (k % 10 < 2) continue;
      const [row] = await raw.query<{ uuid: string }>(
        `select a.uuid from attributes a where a.event_id = ? order by a.id limit 1 offset ${Math.floor(rnd() * SHARED_PER_EVENT)}`,
        [eventIds.get(`bench search event ${k}`)],
      );
      return row.uuid;
    }
  };
  let source = '';
  const CORR = `query($id: ID!) { attribute(id: $id) { id correlations { id value event { id } } } }`;

  return [
    {
      name: 'value',
      query: LIST,
      variables: () => ({ filter: { value }, first: 50 }),
      next: () => void (value = visibleUnique()),
      base: async () => baseList('a.value_hash = ?', [sha256(value)], 50),
    },
    {
      name: '1,000 values',
      query: LIST,
      variables: () => ({ filter: { values: valueList }, first: 500 }),
      next: () => void (valueList = values()),
      base: async () => baseList(`a.value_hash in (${valueList.map(() => '?').join(',')})`, valueList.map(sha256), 500),
    },
    {
      name: 'tag + 7d',
      query: LIST,
      variables: () => ({ filter: { tags: ['tlp:green'], type: ['domain'], timestamp: { from: '7d' } }, first: 50 }),
      next: () => undefined, // the same question each time
      base: async () =>
        baseList(
          '(a.id in (select at.attribute_id from attribute_tags at where at.tag_id = ?) or a.event_id in (select et.event_id from event_tags et where et.tag_id = ?)) and a.type = ? and a.timestamp >= ?',
          [ctx.tagId, ctx.tagId, 'domain', raw.dateTime(since)],
          50,
        ),
    },
    {
      name: 'correlation',
      query: CORR,
      variables: () => ({ id: source }),
      next: async () => void (source = await pickSource()),
      base: async () => {
        const [src] = await raw.query<{ id: number; event_id: number; value: string; k1: string; k2: string | null }>(
          `select a.id, a.event_id, a.value, a.correlation_key as k1, a.correlation_key2 as k2 from ${FROM} where a.uuid = ? and ${VIS('a', 'e')}`,
          [source, ...VIS_PARAMS(orgA)],
        );
        const keys = [src.k1, src.k2].filter(Boolean);
        const rows = await raw.query<{ id: string; value: string; event: string }>(
          `select a.uuid as id, a.value, e.uuid as event from ${FROM} where ${VIS('a', 'e')} ` +
            (raw.sqlite
              ? `and a.id in (select id from attributes indexed by attributes_correlation_key_index where correlation_key in (${keys.map(() => '?')}) union all select id from attributes indexed by attributes_correlation_key2_index where correlation_key2 in (${keys.map(() => '?')})) `
              : `and (a.correlation_key in (${keys.map(() => '?')}) or a.correlation_key2 in (${keys.map(() => '?')})) `) +
            'and a.disable_correlation = 0 and e.disable_correlation = 0 and a.event_id <> ? order by a.id desc',
          [...VIS_PARAMS(orgA), ...keys, ...keys, src.event_id],
        );
        const data = { attribute: { id: source, correlations: rows.map((r) => ({ id: r.id, value: r.value, event: { id: r.event } })) } };
        JSON.stringify({ data });
        return data;
      },
    },
  ].map((c: Case) => ({
    ...c,
    hub: async () => ok(await client.raw(c.query, c.variables())),
  }));
}

interface Measure {
  name: string;
  hub: number[];
  base: number[];
  bare: number[];
  /** DESIGN's stack answering with the baseline's SQL (see designServer). */
  design: number[];
  /** CPU time of this process per request (ms): the hub's and the bare endpoint's (client side included for both). */
  hubCpu: number[];
  bareCpu: number[];
}

async function measure(
  ctx: Ctx,
  client: TestHub['admin'],
  key: string,
  bare: Awaited<ReturnType<typeof bareServer>>,
  design: Awaited<ReturnType<typeof designServer>>,
  eventsSeeded: number,
  /** Set: a CPU profile of each case's timed loop (`--profile=<path prefix>`). */
  profileLabel?: string,
): Promise<Measure[]> {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const out: Measure[] = [];
  // After a long seed the client's pooled keep-alive socket may have been closed by the server: the
  // first request may meet the reset. Settle the connection before measuring.
  for (let attempt = 0; ; attempt++) {
    try {
      ok(await client.raw('{ __typename }'));
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
  const designClient = createGraphqlClient(design.url, key);
  for (const c of cases(ctx, client, eventsSeeded, rnd)) {
    await c.next();
    // Same answer: the hub and the baseline agree (ids, values, events, counts) before timing.
    const sortEdges = (d: unknown) => JSON.parse(JSON.stringify(d), (k, v) => (k === 'correlations' && Array.isArray(v) ? [...v].sort((a, b) => a.id.localeCompare(b.id)) : v));
    const h = (await c.hub()) as Edges;
    const b = (await c.base()) as Edges;
    deepStrictEqual(sortEdges(h), sortEdges(b), `${c.name}: the hub and the baseline answer differently`);
    if (c.name !== 'correlation' && (h.attributes.totalCount === 0 || h.attributes.edges.length === 0)) throw new Error(`${c.name}: empty answer, the bench would measure nothing`);
    if (c.name === 'correlation' && (h as unknown as { attribute: { correlations: unknown[] } }).attribute.correlations.length === 0) {
      throw new Error('correlation: no correlations found for the source');
    }
    bare.setHandler(c.base);
    const viaBare = async () => {
      const res = await fetch(bare.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: key },
        body: JSON.stringify({ query: c.name, variables: c.variables() }),
      });
      if (res.status !== 200) throw new Error(`bare baseline: HTTP ${res.status}`);
      return res.json();
    };
    deepStrictEqual(sortEdges(((await viaBare()) as { data: unknown }).data), sortEdges(b), `${c.name}: the bare baseline answers differently`);
    design.setHandler(c.base);
    const viaDesign = async () => ok(await designClient.raw(c.query, c.variables()));
    deepStrictEqual(sortEdges(await viaDesign()), sortEdges(b), `${c.name}: the design reference answers differently`);
    for (let i = 0; i < WARMUP; i++) {
      await c.hub();
      await c.base();
      await viaBare();
      await viaDesign();
    }
    const m: Measure = { name: c.name, hub: [], base: [], bare: [], design: [], hubCpu: [], bareCpu: [] };
    const stopProfile = profileLabel ? await startProfile(arg('profile') && `${arg('profile')}.${profileLabel}.${c.name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`) : null;
    const runs: Array<[() => Promise<unknown>, number[], number[] | null]> = [
      [c.hub, m.hub, m.hubCpu],
      [c.base, m.base, null],
      [viaBare, m.bare, m.bareCpu],
      [viaDesign, m.design, null],
    ];
    for (let i = 0; i < ITERATIONS; i++) {
      await c.next();
      // Rotate the order so none always meets another's warm cache.
      for (let r = 0; r < runs.length; r++) {
        const [f, samples, cpu] = runs[(i + r) % runs.length];
        const c0 = process.cpuUsage();
        const t = nowMs();
        await f();
        samples.push(nowMs() - t);
        const used = process.cpuUsage(c0);
        cpu?.push((used.user + used.system) / 1000);
      }
    }
    await stopProfile?.();
    out.push(m);
  }
  // The hub's floor: an authenticated request that reads no data (authentication, Apollo, HTTP).
  const floor: Measure = { name: 'floor: { __typename }', hub: [], base: [], bare: [], design: [], hubCpu: [], bareCpu: [] };
  for (let i = 0; i < WARMUP; i++) ok(await client.raw('{ __typename }'));
  for (let i = 0; i < ITERATIONS; i++) {
    const c0 = process.cpuUsage();
    const t = nowMs();
    ok(await client.raw('{ __typename }'));
    floor.hub.push(nowMs() - t);
    const used = process.cpuUsage(c0);
    floor.hubCpu.push((used.user + used.system) / 1000);
  }
  out.push(floor);
  return out;
}

async function explain(raw: RawSql, orgA: number, tagId: number): Promise<void> {
  const plan = async (label: string, sql: string, params: unknown[]) => {
    const rows = await raw.query<Record<string, unknown>>(`${raw.sqlite ? 'explain query plan' : 'explain'} ${sql}`, params);
    console.log(`  ${label}:`);
    for (const r of rows) console.log(`    ${raw.sqlite ? r.detail : [r.table, r.type, r.key, r.rows, r.Extra].join(' | ')}`);
  };
  await plan('value', `select a.id from ${FROM} where ${VIS('a', 'e')} and a.value_hash in (?) order by a.id desc limit 50`, [...VIS_PARAMS(orgA), sha256('x')]);
  await plan(
    '1,000 values',
    `select a.id from ${FROM} where ${VIS('a', 'e')} and a.value_hash in (${Array(1000).fill('?').join(',')}) order by a.id desc limit 500`,
    [...VIS_PARAMS(orgA), ...Array.from({ length: 1000 }, (_, i) => sha256(`v${i}`))],
  );
  await plan(
    'tag + 7d count',
    `select count(*) from ${FROM} where ${VIS('a', 'e')} and (a.id in (select at.attribute_id from attribute_tags at where at.tag_id = ?) or a.event_id in (select et.event_id from event_tags et where et.tag_id = ?)) and a.type = ? and a.timestamp >= ?`,
    [...VIS_PARAMS(orgA), tagId, tagId, 'domain', raw.dateTime(new Date(Date.now() - 7 * DAY))],
  );
  await plan(
    'tag + 7d',
    `select a.id from ${FROM} where ${VIS('a', 'e')} and (a.id in (select at.attribute_id from attribute_tags at where at.tag_id = ?) or a.event_id in (select et.event_id from event_tags et where et.tag_id = ?)) and a.type = ? and a.timestamp >= ? order by a.id desc limit 50`,
    [...VIS_PARAMS(orgA), tagId, tagId, 'domain', raw.dateTime(new Date(Date.now() - 7 * DAY))],
  );
  await plan(
    'correlation',
    `select a.id from ${FROM} where ${VIS('a', 'e')} and ` +
      (raw.sqlite
        ? 'a.id in (select id from attributes indexed by attributes_correlation_key_index where correlation_key in (?) union all select id from attributes indexed by attributes_correlation_key2_index where correlation_key2 in (?))'
        : '(a.correlation_key in (?) or a.correlation_key2 in (?))'),
    [...VIS_PARAMS(orgA), correlationKeyOf('x'), correlationKeyOf('x')],
  );
}

interface Result {
  database: string;
  sizes: [number, number];
  seedMs: number;
  small: Measure[];
  large: Measure[];
}

async function benchOne(database: TestDatabase, attributes: number): Promise<Result> {
  const authCache = arg('auth-cache');
  const hub = await startTestHub(database, { MAX_PAGE_SIZE: '500', ...(authCache ? { AUTH_CACHE: authCache } : {}) });
  let closeBare = async () => {};
  let closeDesign = async () => {};
  try {
    const A = await orgWithUser(hub, 'USER');
    const B = await orgWithUser(hub, 'USER');
    const raw = new RawSql(hub);
    const now = new Date();
    const t = raw.dateTime(now);
    await raw.run(RawSql.insertSql('tags', ['uuid', 'created_at', 'updated_at', 'name', 'name_key', 'colour', 'exportable'], 1), [
      randomUUID(), t, t, 'tlp:green', 'tlp:green', '#33ff00', 1,
    ]); // prettier-ignore
    const [{ id: tagId }] = await raw.query<{ id: number }>("select id from tags where name_key = 'tlp:green'");
    const events = Math.ceil(attributes / PER_EVENT);
    const ctx: Ctx = { raw, orgA: await raw.idOf('organisations', A.orgId), orgB: await raw.idOf('organisations', B.orgId), tagId: Number(tagId), now };
    const smallEvents = Math.ceil(events / 10);
    let t0 = nowMs();
    await seedRange(ctx, 0, smallEvents);
    let seedMs = nowMs() - t0;
    if (!raw.sqlite) await raw.run('analyze table attributes, events, event_tags');
    console.log(`search ${database.name}: seeded ${fmtInt(smallEvents * PER_EVENT)} attributes in ${(seedMs / 1000).toFixed(1)} s; measuring`);
    const bare = await bareServer(raw);
    closeBare = bare.close;
    const design = await designServer(raw);
    closeDesign = design.close;
    const small = await measure(ctx, A.client, A.key, bare, design, smallEvents);
    t0 = nowMs();
    await seedRange(ctx, smallEvents, events);
    seedMs += nowMs() - t0;
    if (!raw.sqlite) await raw.run('analyze table attributes, events, event_tags');
    else await raw.run('analyze');
    console.log(`search ${database.name}: seeded ${fmtInt(events * PER_EVENT)} attributes (total ${(seedMs / 1000).toFixed(1)} s); measuring`);
    const large = await measure(ctx, A.client, A.key, bare, design, events, database.name);
    console.log(`search ${database.name}: query plans of the baseline shapes (the hub's SQL has the same conditions):`);
    await explain(raw, ctx.orgA, ctx.tagId);
    return { database: database.name, sizes: [smallEvents * PER_EVENT, events * PER_EVENT], seedMs, small, large };
  } finally {
    await closeBare();
    await closeDesign();
    await hub.stop();
  }
}

async function main() {
  const only = arg('only');
  const results: Result[] = [];
  let failed = false;
  for (const database of benchDatabases().filter((d) => !only || d.name === only)) {
    const attributes = Number(arg('attributes') ?? (database.name === 'mysql' ? 1_000_000 : 200_000));
    try {
      results.push(await benchOne(database, attributes));
    } catch (e) {
      failed = true;
      console.error(`search ${database.name}: FAILED`, e);
    }
  }
  for (const r of results) {
    console.log(
      `\nsearch ${r.database}: ${fmtInt(r.sizes[0])} then ${fmtInt(r.sizes[1])} attributes (${fmtInt(r.sizes[1] / PER_EVENT)} events), ` +
        `${ITERATIONS} iterations after ${WARMUP} warm-up per case; hub over HTTP as an org USER, baseline hand-written SQL + JSON; ` +
        `design: the same query to DESIGN's stack alone answering with the baseline's SQL (design/http+sql is a floor under hub/http+sql on this stack); seed ${(r.seedMs / 1000).toFixed(1)} s`,
    );
    printTable(
      ['case', 'size', 'hub p50', 'hub p99', 'sql p50', 'sql p99', 'http+sql p50', 'http+sql p99', 'hub/sql', 'hub/http+sql', `goal <= ${GOAL}`, 'design p50', 'hub/design', 'design/http+sql', 'growth', 'base growth', 'growth goal', 'hub cpu', 'http+sql cpu', 'cpu ratio'],
      r.large.flatMap((l, i) => {
        const s = r.small[i];
        const row = (m: Measure, size: number, growth: string, baseGrowth: string, gGoal: string) => {
          if (!m.base.length) {
            const h50 = percentile(m.hub, 50);
            return [m.name, fmtInt(size), fmtMs(h50), fmtMs(percentile(m.hub, 99)), '', '', '', '', '', '', h50 <= FLOOR_GOAL_MS ? `<= ${FLOOR_GOAL_MS} ms met` : `<= ${FLOOR_GOAL_MS} ms MISSED`, '', '', '', '', '', '', fmtMs(percentile(m.hubCpu, 50)), '', ''];
          }
          const [h50, h99, b50, b99, w50, w99] = [m.hub, m.base, m.bare].flatMap((xs) => [percentile(xs, 50), percentile(xs, 99)]);
          const d50 = percentile(m.design, 50);
          return [
            m.name, fmtInt(size), fmtMs(h50), fmtMs(h99), fmtMs(b50), fmtMs(b99), fmtMs(w50), fmtMs(w99),
            fmtRatio(h50 / b50), fmtRatio(h50 / w50), h50 / w50 <= GOAL ? 'met (http+sql)' : 'MISSED', fmtMs(d50), fmtRatio(h50 / d50), fmtRatio(d50 / w50), growth, baseGrowth, gGoal,
            fmtMs(percentile(m.hubCpu, 50)), fmtMs(percentile(m.bareCpu, 50)), fmtRatio(percentile(m.hubCpu, 50) / percentile(m.bareCpu, 50)),
          ]; // prettier-ignore
        };
        const growth = percentile(l.hub, 50) / percentile(s.hub, 50);
        if (!l.base.length) return [row(s, r.sizes[0], '', '', ''), row(l, r.sizes[1], '', '', '')];
        const baseGrowth = percentile(l.bare, 50) / percentile(s.bare, 50);
        const gGoal = Math.max(GROWTH_GOAL, baseGrowth);
        return [
          row(s, r.sizes[0], '', '', ''),
          row(l, r.sizes[1], fmtRatio(growth), fmtRatio(baseGrowth), growth <= gGoal ? `<= ${fmtRatio(gGoal)} met` : `<= ${fmtRatio(gGoal)} MISSED`),
        ];
      }),
    );
  }
  console.log(`\n${loadAverage()}`);
  process.exitCode = failed ? 1 : 0;
}

void main();
