import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ChangesDocument, CreateEventDocument, CreateOrganisationDocument, type Distribution, MeDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, startTestHub, TestHub } from '../support/hub';
import { connectWs } from '../support/ws-client';
import { TcpProxy } from '../support/tcp-proxy';
import { scratchMysql } from '../support/scratch-database';
import { testEnv } from '../../src/config/config';

/**
 * Observability of a real hub on port 0: GET /metrics after real requests (names, labels, values that
 * move), the operation-name cap, who may read /metrics, the probes (readiness follows the database and the
 * migrations), and the request log as written to the hub's logger.
 */

/** A pino logger whose lines the test reads (the hub's request log goes through it). */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      raw += chunk.toString();
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { logger: pino({ level: 'info', base: { app: 'threatmesh' } }, stream), lines, raw: () => raw };
}

const base = (hub: TestHub) => hub.url.replace(/\/graphql$/, '');

async function scrape(hub: TestHub, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${base(hub)}/metrics`, { headers });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  return res.text();
}

/** The value of one sample: `name{labels}` with the labels given (in any order), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** Every value of a label among a metric's samples. */
const labelValues = (text: string, name: string, label: string) =>
  new Set([...text.matchAll(new RegExp(`^${name}\\{[^}]*${label}="([^"]*)"`, 'gm'))].map((m) => m[1]));

async function gql(hub: TestHub, query: string, opts: { key?: string; requestId?: string; operationName?: string; variables?: unknown } = {}) {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: opts.key ?? hub.adminKey, ...(opts.requestId ? { 'x-request-id': opts.requestId } : {}) },
    body: JSON.stringify({ query, operationName: opts.operationName, variables: opts.variables }),
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

for (const database of testDatabases()) {
  describe(`metrics, probes and request log (${database.name})`, () => {
    let hub: TestHub;
    const log = capturingLogger();
    before(async () => {
      hub = await startTestHub(database, { METRICS_MAX_OPERATIONS: '12' }, { logger: log.logger });
    });
    after(() => hub?.stop());

    test('/metrics after real requests: HTTP routes, GraphQL operations and errors, values that move', async () => {
      ok(await hub.admin.request(MeDocument, {}));
      const first = await scrape(hub);
      const meCount = sample(first, 'threatmesh_graphql_operation_duration_seconds_count', { operation: 'Me', type: 'query' });
      assert.ok(meCount !== undefined && meCount >= 1, 'the Me operation is counted');
      const graphqlRequests = sample(first, 'threatmesh_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })!;
      assert.ok(graphqlRequests >= 1);

      ok(await hub.admin.request(MeDocument, {}));
      // A caller error: an unknown event id is NOT_FOUND (null) or BAD_USER_INPUT; either way an error code is counted.
      const bad = await gql(hub, 'query BrokenLookup { event(id: "not-a-uuid") { id } }');
      const badCode = bad.body.errors?.[0]?.extensions?.code;
      assert.ok(badCode, `expected an error: ${JSON.stringify(bad.body)}`);
      // A MISP REST call and a TAXII call, each under its route template.
      const misp = await fetch(`${base(hub)}/servers/getVersion`, { headers: { authorization: hub.adminKey, accept: 'application/json' } });
      assert.equal(misp.status, 200);
      const taxii = await fetch(`${base(hub)}/taxii2/api/collections/`, { headers: { authorization: hub.adminKey, accept: 'application/taxii+json;version=2.1' } });
      assert.equal(taxii.status, 200, await taxii.text());
      const unknown = await fetch(`${base(hub)}/no/such/path/${Date.now()}`);
      assert.equal(unknown.status, 404);

      const second = await scrape(hub);
      assert.equal(sample(second, 'threatmesh_graphql_operation_duration_seconds_count', { operation: 'Me', type: 'query' }), meCount + 1, 'the count moved by one');
      assert.equal(sample(second, 'threatmesh_graphql_operation_errors_total', { operation: 'BrokenLookup', code: String(badCode) }), 1);
      assert.ok(sample(second, 'threatmesh_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })! >= graphqlRequests + 2);
      assert.equal(sample(second, 'threatmesh_http_requests_total', { method: 'GET', route: '/servers/getVersion', status: '200' }), 1);
      assert.equal(sample(second, 'threatmesh_http_requests_total', { method: 'GET', route: '/taxii2/api/collections/', status: '200' }), 1);
      assert.ok(sample(second, 'threatmesh_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })! >= 1);
      // Route labels are templates: no path of the 404 above became a label.
      assert.ok(![...labelValues(second, 'threatmesh_http_requests_total', 'route')].some((r) => r.includes('/no/such')));
      assert.ok(sample(second, 'threatmesh_http_request_duration_seconds_count', { method: 'GET', route: '/servers/getVersion' }) === 1);
      assert.ok(sample(second, 'threatmesh_db_pool_max')! >= 1);
      assert.notEqual(sample(second, 'threatmesh_db_pool_connections', { state: 'used' }), undefined);
      assert.notEqual(sample(second, 'process_resident_memory_bytes'), undefined, 'the process figures are there');

      // A body refused before GraphQL runs (malformed JSON) still counts under the /graphql route.
      const refused = (t: string) => sample(t, 'threatmesh_http_requests_total', { method: 'POST', route: '/graphql', status: '400' }) ?? 0;
      const malformed = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: hub.adminKey }, body: '{"query": ' });
      assert.equal(malformed.status, 400);
      assert.equal(refused(await scrape(hub)), refused(second) + 1);
    });

    test('subscriptions open and delivered, change-log head and replica lag', async () => {
      const before = await scrape(hub);
      const head0 = sample(before, 'threatmesh_change_log_head')!;
      const ws = connectWs(hub.url, hub.adminKey);
      try {
        await ws.waitConnected();
        const sub = ws.subscribe(ChangesDocument, {});
        // The subscription is registered once the socket's first operation has been read.
        const opened = Date.now();
        for (;;) {
          if (sample(await scrape(hub), 'threatmesh_subscriptions_open') === 1) break;
          assert.ok(Date.now() - opened < 10_000, 'the subscription is counted open');
          await new Promise((r) => setTimeout(r, 50));
        }
        const delivered0 = sample(await scrape(hub), 'threatmesh_subscription_deliveries_total')!;
        ok(await hub.admin.request(CreateEventDocument, { input: { info: 'metrics event', distribution: 'ORGANISATION_ONLY' as Distribution } }));
        await sub.waitFor((s) => s.items.length >= 1, 10_000, 'a delivery');
        const after = await scrape(hub);
        assert.ok(sample(after, 'threatmesh_subscription_deliveries_total')! >= delivered0 + 1, 'deliveries counted');
        assert.equal(sample(after, 'threatmesh_websocket_connections'), 1);
        assert.ok(sample(after, 'threatmesh_change_log_head')! > head0, 'the head moved with the write');
        assert.ok(sample(after, 'threatmesh_change_log_replica_head')! > head0);
        assert.ok(sample(after, 'threatmesh_change_log_replica_lag')! >= 0);
        assert.ok(sample(after, 'threatmesh_graphql_ws_operations_total', { operation: 'Changes', type: 'subscription' })! >= 1);
        sub.dispose();
      } finally {
        await ws.dispose();
      }
      const closed = Date.now();
      for (;;) {
        if (sample(await scrape(hub), 'threatmesh_subscriptions_open') === 0) break;
        assert.ok(Date.now() - closed < 10_000, 'the subscription is counted closed');
        await new Promise((r) => setTimeout(r, 50));
      }
    });

    test('feeds and peers: status per configured name, moving with fetches and syncs', async () => {
      const file = join(tmpdir(), `threatmesh-metrics-feed-${process.pid}-${Date.now()}.txt`);
      writeFileSync(file, '198.51.100.7\nevil.example.com\n');
      try {
        const created = await gql(hub, 'mutation AddFeed($input: CreateFeedInput!) { createFeed(input: $input) { id } }', {
          variables: { input: { name: 'metrics feed', url: `file://${file}`, format: 'FREETEXT', enabled: true } },
        });
        assert.equal(created.body.errors, undefined, JSON.stringify(created.body));
        const feedId = (created.body.data as { createFeed: { id: string } }).createFeed.id;
        const never = await scrape(hub);
        assert.equal(sample(never, 'threatmesh_feed_last_fetch_ok', { feed: 'metrics feed' }), 0, 'never fetched: not ok');
        assert.equal(sample(never, 'threatmesh_feed_last_success_age_seconds', { feed: 'metrics feed' }), undefined, 'no success known');

        const fetched = await gql(hub, 'mutation Fetch($id: ID!) { fetchFeed(id: $id) { error new } }', { variables: { id: feedId } });
        assert.deepEqual(fetched.body.data, { fetchFeed: { error: null, new: 2 } });
        const ok1 = await scrape(hub);
        assert.equal(sample(ok1, 'threatmesh_feed_last_fetch_ok', { feed: 'metrics feed' }), 1);
        const at = sample(ok1, 'threatmesh_feed_last_success_timestamp_seconds', { feed: 'metrics feed' })!;
        assert.ok(Math.abs(at - Date.now() / 1000) < 60, `a recent success: ${at}`);
        assert.ok(sample(ok1, 'threatmesh_feed_last_success_age_seconds', { feed: 'metrics feed' })! >= 0);

        rmSync(file);
        const failed = await gql(hub, 'mutation Fetch($id: ID!) { fetchFeed(id: $id) { error } }', { variables: { id: feedId } });
        assert.ok((failed.body.data as { fetchFeed: { error: string | null } }).fetchFeed.error);
        const bad = await scrape(hub);
        assert.equal(sample(bad, 'threatmesh_feed_last_fetch_ok', { feed: 'metrics feed' }), 0, 'the failure shows');
        assert.equal(sample(bad, 'threatmesh_feed_last_success_timestamp_seconds', { feed: 'metrics feed' }), at, 'the last success is kept');
        assert.ok(sample(bad, 'threatmesh_feed_last_success_age_seconds', { feed: 'metrics feed' })! >= 0);
        assert.ok(sample(bad, 'threatmesh_feed_last_fetch_timestamp_seconds', { feed: 'metrics feed' })! >= at);
      } finally {
        rmSync(file, { force: true });
      }

      // A peer that does not answer: the failed pull shows as not ok, one failure, a pull time.
      const org = ok(await hub.admin.request(CreateOrganisationDocument, { input: { name: `peer-org-${Date.now()}` } })).createOrganisation;
      const peer = await gql(hub, 'mutation P($input: CreatePeerInput!) { createPeer(input: $input) { id } }', {
        variables: { input: { name: 'metrics peer', url: 'http://127.0.0.1:9/graphql', apiKey: 'p'.repeat(40), organisationId: org.id, pull: true } },
      });
      assert.equal(peer.body.errors, undefined, JSON.stringify(peer.body));
      const peerId = (peer.body.data as { createPeer: { id: string } }).createPeer.id;
      assert.equal(sample(await scrape(hub), 'threatmesh_peer_sync_ok', { peer: 'metrics peer' }), 1, 'no sync yet: nothing failed');
      const pulled = await gql(hub, 'mutation Pull($id: ID!) { pullFromPeer(id: $id) { error } }', { variables: { id: peerId } });
      assert.ok((pulled.body.data as { pullFromPeer: { error: string | null } }).pullFromPeer.error, JSON.stringify(pulled.body));
      const afterPull = await scrape(hub);
      assert.equal(sample(afterPull, 'threatmesh_peer_sync_ok', { peer: 'metrics peer' }), 0);
      assert.equal(sample(afterPull, 'threatmesh_peer_sync_failures', { peer: 'metrics peer' }), 1);
      assert.ok(sample(afterPull, 'threatmesh_peer_last_sync_age_seconds', { peer: 'metrics peer', direction: 'pull' })! >= 0);
      assert.equal(sample(afterPull, 'threatmesh_peer_last_sync_age_seconds', { peer: 'metrics peer', direction: 'push' }), undefined, 'push is off');
    });

    test('operation names are capped: a client sending many names cannot grow the label set', async () => {
      for (let i = 0; i < 40; i++) {
        const name = `Random${i}x${Math.random().toString(36).slice(2, 8)}`;
        const r = await gql(hub, `query ${name} { me { id } }`);
        assert.equal(r.status, 200);
      }
      // Names that match no operation of the document never become labels either.
      const r = await gql(hub, 'query Real { me { id } }', { operationName: 'NotInTheDocument' });
      assert.ok(r.body.errors?.length);
      const text = await scrape(hub);
      const names = labelValues(text, 'threatmesh_graphql_operation_duration_seconds_count', 'operation');
      const own = [...names].filter((n) => !n.startsWith('('));
      assert.ok(own.length <= 12, `at most METRICS_MAX_OPERATIONS names: ${[...names].join(', ')}`);
      assert.ok(names.has('(other)'), 'the rest is counted as (other)');
      assert.ok(names.has('(invalid)'), 'an unresolvable operation counts as (invalid)');
      assert.ok(!names.has('NotInTheDocument'));
      assert.ok(sample(text, 'threatmesh_graphql_operation_duration_seconds_count', { operation: '(other)', type: 'query' })! >= 40 - 12);
    });

    test('/metrics without METRICS_TOKEN: loopback clients only (the client address as TRUST_PROXY reads it)', async () => {
      const proxied = await startTestHub(database, { TRUST_PROXY: '1' });
      try {
        const remote = await fetch(`${base(proxied)}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
        assert.equal(remote.status, 403);
        const body = (await remote.json()) as { errors: { message: string; extensions: { code: string } }[] };
        assert.equal(body.errors[0].extensions.code, 'FORBIDDEN');
        assert.match(body.errors[0].message, /METRICS_TOKEN/);
        const local = await fetch(`${base(proxied)}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
        assert.equal(local.status, 200);
      } finally {
        await proxied.stop();
      }
    });

    test('/metrics with METRICS_TOKEN: the bearer token is required, from any address', async () => {
      const token = 'm'.repeat(20) + 'T0ken-' + 'x'.repeat(20);
      const guarded = await startTestHub(database, { METRICS_TOKEN: token });
      try {
        assert.equal((await fetch(`${base(guarded)}/metrics`)).status, 401);
        assert.equal((await fetch(`${base(guarded)}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status, 401);
        // An API key is no metrics token (even the admin's).
        assert.equal((await fetch(`${base(guarded)}/metrics`, { headers: { authorization: guarded.adminKey } })).status, 401);
        const text = await scrape(guarded, { authorization: `Bearer ${token}` });
        assert.notEqual(sample(text, 'threatmesh_change_log_head'), undefined);
      } finally {
        await guarded.stop();
      }
    });

    test('request log: one line per request with request id (echoed), key id, operation, route, status, duration; never the key', async () => {
      const r = await gql(hub, 'query Me { me { id } }', { requestId: 'req-observability-1' });
      assert.equal(r.status, 200);
      assert.equal(r.requestId, 'req-observability-1', 'X-Request-Id is echoed');
      const generated = await gql(hub, 'query Me { me { id } }', { requestId: 'bad id with spaces' });
      assert.match(generated.requestId ?? '', /^[0-9a-f-]{36}$/, 'an implausible id is replaced by a fresh one');
      const misp = await fetch(`${base(hub)}/servers/getVersion`, { headers: { authorization: hub.adminKey, accept: 'application/json', 'x-request-id': 'req-misp-1' } });
      assert.equal(misp.status, 200);
      const denied = await gql(hub, 'query Me { me { id } }', { key: 'x'.repeat(40), requestId: 'req-denied-1' });
      assert.equal(denied.status, 401);
      await new Promise((r) => setTimeout(r, 50));
      const line = log.lines.find((l) => l.msg === 'request' && l.reqId === 'req-observability-1');
      assert.ok(line, 'the GraphQL request was logged');
      assert.equal(line.method, 'POST');
      assert.equal(line.path, '/graphql');
      assert.equal(line.route, '/graphql');
      assert.equal(line.operation, 'Me');
      assert.equal(line.status, 200);
      assert.equal(typeof line.ms, 'number');
      assert.equal(typeof line.keyId, 'number', 'the key id (a number), for the admin key');
      const mispLine = log.lines.find((l) => l.msg === 'request' && l.reqId === 'req-misp-1');
      assert.equal(mispLine?.operation, 'servers/getVersion');
      assert.equal(mispLine?.keyId, line.keyId, 'the same key');
      const deniedLine = log.lines.find((l) => l.msg === 'request' && l.reqId === 'req-denied-1');
      assert.equal(deniedLine?.status, 401);
      assert.equal(deniedLine?.keyId, undefined);
      assert.ok(!log.raw().includes(hub.adminKey), 'the API key never appears in the log');
      assert.ok(!log.raw().includes('x'.repeat(40)), 'nor a refused key');
    });

    test('/livez and /readyz; readiness waits for a migration that is missing', async () => {
      const live = await fetch(`${base(hub)}/livez`);
      assert.equal(live.status, 200);
      const ready = await fetch(`${base(hub)}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ok', checks: { database: 'up', migrations: 'applied', redis: 'not configured' } });
      // A migration of this build recorded as not applied (as on a database an older build migrated).
      const conn = hub.app.orm.em.getConnection();
      const [row] = await conn.execute<{ name: string }[]>('select name from mikro_orm_migrations order by id desc limit 1');
      await conn.execute('delete from mikro_orm_migrations where name = ?', [row.name]);
      try {
        const notReady = await fetch(`${base(hub)}/readyz`);
        assert.equal(notReady.status, 503);
        assert.deepEqual(await notReady.json(), { status: 'unavailable', down: ['migrations'], checks: { database: 'up', migrations: 'pending (1)', redis: 'not configured' } });
        assert.equal((await fetch(`${base(hub)}/livez`)).status, 200, 'alive all the same');
      } finally {
        await conn.execute('insert into mikro_orm_migrations (name, executed_at) values (?, ?)', [row.name, new Date()]);
      }
      assert.equal((await fetch(`${base(hub)}/readyz`)).status, 200);
    });
  });
}

describe('readiness when the database is gone (MariaDB behind a proxy the test cuts)', () => {
  const mysqlUrl = testEnv().testMysqlUrl;
  test('/readyz answers 503 naming the database while it is unreachable, 200 again after', { skip: mysqlUrl ? false : 'TEST_MYSQL_URL is not set (CI sets it); a SQLite file cannot go away under an open hub' }, async () => {
    const server = new URL(mysqlUrl!);
    const proxy = new TcpProxy(Number(server.port || 3306));
    await proxy.start();
    const db = await scratchMysql(mysqlUrl!);
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    // The empty database through the proxy: the hub applies the migrations on start.
    const throughProxy = async () => ({ url: viaProxy.toString(), drop: () => db.drop() });
    const hub = await startTestHub({ name: 'mysql', create: throughProxy, migrated: throughProxy });
    try {
      assert.equal((await fetch(`${base(hub)}/readyz`)).status, 200);
      proxy.cut();
      const down = await fetch(`${base(hub)}/readyz`);
      assert.equal(down.status, 503);
      const body = (await down.json()) as { down: string[]; checks: Record<string, string> };
      assert.deepEqual(body.down, ['database']);
      assert.equal(body.checks.database, 'down');
      assert.equal((await fetch(`${base(hub)}/livez`)).status, 200);
      proxy.restore();
      const back = Date.now();
      for (;;) {
        if ((await fetch(`${base(hub)}/readyz`)).status === 200) break;
        assert.ok(Date.now() - back < 15_000, 'ready again once the database is back');
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      proxy.restore();
      await hub.stop();
      await proxy.stop();
    }
  });
});
