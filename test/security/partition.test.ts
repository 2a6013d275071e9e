import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server, Socket, connect } from 'node:net';
import { App, createApp } from '../../src/app';
import { UserActor } from '../../src/auth/actor';
import { authenticateKey } from '../../src/auth/authenticate';
import { testEnv } from '../../src/config/config';
import { ScratchDatabase } from '../support/scratch-database';
import {
  AddAttributesDocument,
  AttributeAddedDocument,
  AttributeInput,
  CreateApiKeyDocument,
  CreateEventDocument,
  CreateSharingGroupDocument,
  RemoveSharingGroupOrganisationDocument,
  RevokeApiKeyDocument,
} from '../../src/generated/graphql';
import { AccessRechecker, RecheckTarget } from '../../src/server/access-recheck';
import { createGraphqlClient, GraphqlClient } from '../../src/shared/graphql-client';
import { createLogger } from '../../src/shared/logger';
import { testDatabases } from '../support/databases';
import { headCursor, ok, orgWithUser, replicaConfig, startTestHub, TestHub, unique } from '../support/hub';
import { connectWs, WsTestClient } from '../support/ws-client';

/**
 * Issue 10, defect 7: a replica that loses Redis misses access notices (Redis pub/sub never replays
 * them). Open subscriptions must still lose revoked keys and removed memberships: every socket is
 * re-checked periodically (ACCESS_RECHECK_MS) and at once when the bus reconnects, and the probes
 * (/healthz, /readyz) say that Redis is down meanwhile.
 *
 * Replicas are hubs on one database; replicas 2 and 3 reach Redis through a TCP proxy the test can cut.
 * Replica 2 re-checks every RECHECK_MS; replica 3 only every 5 minutes, so what closes its socket right
 * after the proxy is restored can only be the re-check on reconnect.
 */

const RECHECK_MS = 300;
const HEARTBEAT_MS = 500;
/** Scheduling slack on a loaded 2-core machine on top of the period. */
const SLACK_MS = 2_000;

/** Polls `check` (an HTTP probe, a state) until it holds; for what has no event to wait on. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A TCP proxy to Redis that can cut every connection and refuse new ones (a partition that resets
 * connections), or freeze them: nothing is forwarded and nothing is closed (a partition that drops
 * packets, seen only by the bus heartbeat).
 */
class RedisProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private cutOff = false;
  private frozen = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (this.cutOff) return void client.destroy();
      this.track(client);
      if (this.frozen) return void client.pause(); // accepted, never answered
      const upstream = connect(this.target.port, this.target.host);
      this.track(upstream);
      const pair = { client, upstream };
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => {
        this.pairs.delete(pair);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
    });
  }

  private track(s: Socket) {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => {});
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
  }

  freeze(): void {
    this.frozen = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  restore(): void {
    this.cutOff = false;
    if (this.frozen) {
      this.frozen = false;
      for (const s of this.sockets) s.destroy(); // what was frozen cannot be resumed consistently
    }
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((r) => this.server.close(() => r()));
  }
}

interface Probe {
  status: number;
  body: { status: string; down?: string[]; checks?: Record<string, string> };
}

async function probe(app: App, path: string): Promise<Probe> {
  const res = await fetch(new URL(path, app.url()));
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, `${path} answers JSON`);
  return { status: res.status, body: (await res.json()) as Probe['body'] };
}

async function addAttributes(client: GraphqlClient, eventId: string, attributes: AttributeInput[]) {
  return ok(await client.request(AddAttributesDocument, { eventId, attributes })).addAttributes;
}

const { testRedisUrl } = testEnv();

for (const database of testDatabases()) {
  describe(`partition from Redis (${database.name})`, { skip: !testRedisUrl && 'needs TEST_REDIS_URL (a Redis to cut off)', timeout: 120_000 }, () => {
    let db: ScratchDatabase;
    let proxy: RedisProxy;
    const apps: App[] = [];
    const sockets: WsTestClient[] = [];
    let one: App, two: App, three: App;
    let admin1: GraphqlClient;
    /** A TestHub-like view of replica 1 for the shared helpers (orgWithUser, headCursor). */
    let hub1: TestHub;

    before(async () => {
      const redis = new URL(testRedisUrl!);
      proxy = new RedisProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      await proxy.start();
      const proxied = new URL(testRedisUrl!);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      db = await database.migrated();
      const adminKey = randomBytes(24).toString('base64url');
      const prefix = `threatmesh-test:${randomUUID()}:`;
      const replica = async (env: Record<string, string>) => {
        const config = replicaConfig(db.url, adminKey, {
          REDIS_PREFIX: prefix,
          CHANGE_POLL_MS: '100',
          ...env,
        });
        const app = await createApp(config, { logger: createLogger(testEnv().testLogLevel), feedSchedules: false });
        apps.push(app);
        await app.start();
        return app;
      };
      one = await replica({ REDIS_URL: testRedisUrl! });
      two = await replica({ REDIS_URL: proxied.toString(), ACCESS_RECHECK_MS: String(RECHECK_MS), REDIS_HEARTBEAT_MS: String(HEARTBEAT_MS) });
      three = await replica({ REDIS_URL: proxied.toString(), ACCESS_RECHECK_MS: '300000', REDIS_HEARTBEAT_MS: String(HEARTBEAT_MS) });
      admin1 = createGraphqlClient(one.url(), adminKey);
      hub1 = { admin: admin1, client: (k?: string) => createGraphqlClient(one.url(), k) } as unknown as TestHub;
    });

    after(async () => {
      proxy?.restore(); // a frozen connection would hold up the replicas' shutdown
      await Promise.all(sockets.map((s) => s.dispose()));
      for (const app of apps.reverse()) await app.stop();
      await proxy?.close();
      await db?.drop();
    });

    const ws = (app: App, key: string) => {
      const c = connectWs(app.url(), key);
      sockets.push(c);
      return c;
    };

    const cut = async (how: 'reset' | 'drop' = 'reset') => {
      if (how === 'reset') proxy.cut();
      else proxy.freeze();
      for (const app of [two, three]) {
        await until('the replica to see Redis down', async () => ((await probe(app, '/healthz')).status === 503 ? true : undefined));
      }
    };
    let restoredAt = 0;
    const restore = async () => {
      proxy.restore();
      restoredAt = Date.now();
      for (const app of [two, three]) {
        await until('the replica to see Redis up again', async () => ((await probe(app, '/healthz')).status === 200 ? true : undefined), 15_000);
      }
    };

    test('probes: /healthz and /readyz answer 503 naming Redis while it is cut off, /livez stays 200; all recover', async () => {
      for (const path of ['/healthz', '/readyz', '/livez']) {
        const p = await probe(two, path);
        assert.equal(p.status, 200, `${path} before the cut: ${JSON.stringify(p.body)}`);
        assert.equal(p.body.status, 'ok');
      }
      assert.deepEqual((await probe(two, '/readyz')).body.checks, { database: 'up', migrations: 'applied', redis: 'up' });
      try {
        await cut();
        for (const path of ['/healthz', '/readyz']) {
          const p = await probe(two, path);
          assert.equal(p.status, 503, path);
          assert.deepEqual(p.body, { status: 'unavailable', down: ['redis'], checks: { database: 'up', migrations: 'applied', redis: 'down' } }, path);
        }
        assert.equal((await probe(two, '/livez')).status, 200, '/livez: the process is up');
        // Replica 1 reaches Redis directly: it is not affected.
        assert.equal((await probe(one, '/readyz')).status, 200);
      } finally {
        await restore();
      }
      assert.deepEqual((await probe(two, '/readyz')).body, { status: 'ok', checks: { database: 'up', migrations: 'applied', redis: 'up' } });
    });

    test('a partition that drops packets (no connection closes) is seen by the heartbeat; a key revoked meanwhile closes at once on reconnect', async () => {
      const U = await orgWithUser(hub1, 'USER');
      const k3 = ok(await admin1.request(CreateApiKeyDocument, { input: { userId: U.userId } })).createApiKey;
      const on3 = ws(three, k3.key);
      on3.subscribe(AttributeAddedDocument, {}, 'replica 3');
      await on3.waitConnected();
      const t0 = Date.now();
      try {
        await cut('drop');
        process.stderr.write(`# partition: a silent partition was reported by /healthz after ${Date.now() - t0} ms\n`);
        const p = await probe(three, '/readyz');
        assert.equal(p.status, 503);
        assert.deepEqual(p.body.down, ['redis']);
        ok(await U.client.request(RevokeApiKeyDocument, { id: k3.apiKey.id }));
        assert.equal(on3.closeInfo, undefined, 'replica 3 (5-minute period) has not re-checked yet');
      } finally {
        await restore();
      }
      const closed = await on3.waitClosed(10_000);
      assert.equal(closed.code, 4403, `close ${closed.code} ${closed.reason}`);
    });

    test('a key revoked on another replica while Redis is cut off closes its socket (4403) within the re-check period, and at once on reconnect', async () => {
      const U = await orgWithUser(hub1, 'USER');
      const k2 = ok(await admin1.request(CreateApiKeyDocument, { input: { userId: U.userId } })).createApiKey;
      const k3 = ok(await admin1.request(CreateApiKeyDocument, { input: { userId: U.userId } })).createApiKey;
      const on2 = ws(two, k2.key);
      const on3 = ws(three, k3.key);
      const sub2 = on2.subscribe(AttributeAddedDocument, {}, 'replica 2');
      on3.subscribe(AttributeAddedDocument, {}, 'replica 3');
      await on2.waitConnected();
      await on3.waitConnected();

      try {
        await cut();
        const t0 = Date.now();
        ok(await U.client.request(RevokeApiKeyDocument, { id: k2.apiKey.id }));
        ok(await U.client.request(RevokeApiKeyDocument, { id: k3.apiKey.id }));
        const closed = await on2.waitClosed(RECHECK_MS + SLACK_MS + 5_000);
        assert.equal(closed.code, 4403, `close ${closed.code} ${closed.reason}`);
        assert.ok(closed.at - t0 <= RECHECK_MS + SLACK_MS, `closed after ${closed.at - t0} ms (period ${RECHECK_MS} ms)`);
        await sub2.waitForEnd(2_000);
        // Replica 3 re-checks only every 5 minutes: the notice was lost, its socket is still open.
        assert.equal(on3.closeInfo, undefined, 'replica 3 has not re-checked yet');
      } finally {
        await restore();
      }
      const closed3 = await on3.waitClosed(10_000);
      assert.equal(closed3.code, 4403, `close ${closed3.code} ${closed3.reason}`);
      process.stderr.write(`# partition: replica 3 closed the revoked socket ${closed3.at - restoredAt} ms after the proxy was restored\n`);
    });

    test('an organisation removed from a sharing group on another replica while Redis is cut off stops receiving its data within the re-check period', async () => {
      const A = await orgWithUser(hub1, 'ORG_ADMIN');
      const B = await orgWithUser(hub1, 'USER');
      const sg = ok(await A.client.request(CreateSharingGroupDocument, { input: { name: unique('sg'), organisationIds: [B.orgId] } }))
        .createSharingGroup.id;
      const e = ok(await A.client.request(CreateEventDocument, { input: { info: unique('partition'), distribution: 'COMMUNITY_ONLY' } })).createEvent;
      const since = await headCursor(hub1);
      const c = ws(two, B.key);
      const attrs = c.subscribe(AttributeAddedDocument, { filter: { eventId: e.id }, since }, 'B on replica 2');
      await c.waitConnected();
      const inGroup = (comment: string): AttributeInput => ({
        type: 'ip-dst',
        value: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        comment,
        distribution: 'SHARING_GROUP',
        sharingGroupId: sg,
      });
      const [before1] = await addAttributes(A.client, e.id, [inGroup('sg before')]);
      await attrs.waitForItem((a) => a.attributeAdded.id === before1.id, 10_000, 'the group\'s data while a member');

      try {
        await cut();
        const t0 = Date.now();
        ok(await A.client.request(RemoveSharingGroupOrganisationDocument, { sharingGroupId: sg, organisationId: B.orgId }));
        // Rounds of (group attribute, public marker): once a marker arrives without its round's group
        // attribute, replica 2 applied the removal. It must within the period, and stay applied.
        let settledAt: number | undefined;
        for (let round = 0; settledAt === undefined; round++) {
          assert.ok(Date.now() - t0 < RECHECK_MS + SLACK_MS + 10_000, `B still receives the group's data ${Date.now() - t0} ms after its removal`);
          const [secret, marker] = await addAttributes(A.client, e.id, [inGroup(`sg after ${round}`), { type: 'ip-dst', value: `10.78.0.${round % 250}`, comment: `marker ${round}` }]);
          await attrs.waitForItem((a) => a.attributeAdded.id === marker.id, 10_000, `marker ${round}`);
          if (!attrs.items.some((a) => a.attributeAdded.id === secret.id)) settledAt = Date.now();
        }
        assert.ok(settledAt - t0 <= RECHECK_MS + SLACK_MS, `the removal applied after ${settledAt - t0} ms (period ${RECHECK_MS} ms)`);
        const [secret, marker] = await addAttributes(A.client, e.id, [inGroup('sg after, settled'), { type: 'ip-dst', value: '10.78.1.1', comment: 'final marker' }]);
        await attrs.waitForItem((a) => a.attributeAdded.id === marker.id, 10_000, 'the final marker');
        assert.ok(!attrs.items.some((a) => a.attributeAdded.id === secret.id), 'no group data after the removal applied');
        assert.equal(c.closeInfo, undefined, 'the socket stays open (only its rights changed)');
      } finally {
        await restore();
      }
    });
  });
}

/** A socket as the sweep sees it, recording what it was told. */
class FakeTarget implements RecheckTarget {
  open = true;
  applied: Array<UserActor | null> = [];
  private tickets = 0;
  constructor(readonly apiKeyId: number) {}
  ticket() {
    return ++this.tickets;
  }
  apply(_ticket: number, actor: UserActor | null) {
    this.applied.push(actor);
  }
}

for (const database of testDatabases()) {
  describe(`access re-check sweep (${database.name})`, { timeout: 60_000 }, () => {
    let hub: TestHub;
    const queries: string[] = [];
    let counting = false;
    before(async () => {
      hub = await startTestHub(database, {}, { onQuery: (sql) => counting && queries.push(sql) });
    });
    after(async () => {
      await hub?.stop();
    });

    /** A key's numeric id (what sockets carry), through the same authentication as a socket's. */
    const keyId = async (key: string) => (await authenticateKey(hub.app.hub.em.fork(), key, hub.app.hub.clock)).apiKeyId;

    test('one sweep re-reads every open socket in a fixed number of queries; revoked keys get null, live ones their memberships', async () => {
      const A = await orgWithUser(hub, 'ORG_ADMIN');
      const users = await Promise.all(Array.from({ length: 30 }, () => orgWithUser(hub, 'USER')));
      const sg = ok(await A.client.request(CreateSharingGroupDocument, { input: { name: unique('sg'), organisationIds: [users[0].orgId] } }))
        .createSharingGroup.id;
      const revoked = ok(await hub.admin.request(CreateApiKeyDocument, { input: { userId: users[1].userId } })).createApiKey;
      const revokedId = await keyId(revoked.key);
      ok(await hub.admin.request(RevokeApiKeyDocument, { id: revoked.apiKey.id }));
      const ids = await Promise.all(users.map((u) => keyId(u.key)));
      // Two sockets on the first key, one closed socket (never re-read), one per other key.
      const targets = [...ids.map((id) => new FakeTarget(id)), new FakeTarget(ids[0]), new FakeTarget(revokedId)];
      const closed = new FakeTarget(ids[2]);
      closed.open = false;
      const rechecker = new AccessRechecker(hub.app.hub, () => [...targets, closed], { periodMs: 60_000, batchSize: 100 });

      counting = true;
      await rechecker.sweep();
      counting = false;
      // The change feed's own poll may run meanwhile; it is not the sweep's.
      const sweepQueries = queries.filter((q) => !/from [`"]changes[`"]/.test(q));
      assert.ok(sweepQueries.length <= 3, `one sweep of ${targets.length} sockets ran ${sweepQueries.length} queries:\n${sweepQueries.join('\n')}`);
      assert.equal(rechecker.runs, 1);
      assert.deepEqual(closed.applied, [], 'a closed socket is not re-read');
      for (const t of targets) assert.equal(t.applied.length, 1, `key ${t.apiKeyId} re-read once`);
      assert.equal(targets.at(-1)!.applied[0], null, 'the revoked key: null (its socket closes)');
      const first = targets[0].applied[0]!;
      assert.equal(first.apiKeyId, ids[0]);
      assert.ok(first.sharingGroupIds.size > 0, 'a member of the group sees its membership');
      assert.deepEqual(targets.at(-2)!.applied[0], first, 'two sockets of one key share the read');
      const outsider = targets[5].applied[0]!;
      assert.equal(outsider.sharingGroupIds.size, first.sharingGroupIds.size - 1, `only members get group ${sg}`);
    });

    test('keys expire by the hub clock; a sweep asked during a sweep runs once more after it', async () => {
      const U = await orgWithUser(hub, 'USER');
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const k = ok(await hub.admin.request(CreateApiKeyDocument, { input: { userId: U.userId, expiresAt } })).createApiKey;
      const id = await keyId(k.key);
      let now = new Date();
      const target = new FakeTarget(id);
      const rechecker = new AccessRechecker({ ...hub.app.hub, clock: { now: () => now } }, () => [target], { periodMs: 60_000 });
      await rechecker.sweep();
      assert.equal(target.applied.at(-1)?.apiKeyId, id, 'valid before its expiry');
      now = new Date(Date.parse(expiresAt) + 1);
      const a = rechecker.sweep();
      const b = rechecker.sweep(); // during the first: runs again after it, and resolves after that run
      await Promise.all([a, b]);
      assert.equal(rechecker.runs, 3);
      assert.equal(target.applied.at(-1), null, 'expired by the hub clock');
    });

    test('the sweep runs by itself every period, without being asked', async () => {
      const U = await orgWithUser(hub, 'USER');
      const target = new FakeTarget(await keyId(U.key));
      const rechecker = new AccessRechecker(hub.app.hub, () => [target], { periodMs: 50 });
      rechecker.start();
      try {
        await until('three periodic sweeps', () => (rechecker.runs >= 3 ? true : undefined), 10_000);
      } finally {
        rechecker.stop();
      }
      assert.ok(target.applied.length >= 3);
      assert.ok(rechecker.lastRunAt instanceof Date);
    });

    test('without Redis the probes answer ok with Redis "not configured"; /livez is always 200', async () => {
      const app = hub.app;
      assert.deepEqual((await probe(app, '/healthz')).body, { status: 'ok', checks: { database: 'up', migrations: 'applied', redis: 'not configured' } });
      assert.equal((await probe(app, '/readyz')).status, 200);
      assert.deepEqual(await probe(app, '/livez'), { status: 200, body: { status: 'ok' } });
    });
  });
}
