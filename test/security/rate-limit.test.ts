import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { App, createApp } from '../../src/app';
import { parseConfig, testEnv } from '../../src/config/config';
import { ChangesDocument } from '../../src/generated/graphql';
import { createRateLimits } from '../../src/server/rate-limit';
import { createLogger } from '../../src/shared/logger';
import { unauthenticated } from '../../src/shared/errors';
import { testDatabases } from '../support/databases';
import { orgWithUser, OrgWithUser, startTestHub, TestHub } from '../support/hub';
import { connectWs } from '../support/ws-client';

/**
 * DESIGN §10: per-key and per-address rate limits on every transport (POST/GET /graphql, exports and
 * the MISP feed, WebSocket connections and subscribes), 429 + Retry-After + RATE_LIMITED, shared by
 * replicas through Redis. Windows are a minute long and the limits tiny, so nothing here waits for a
 * refill: the request after the limit is refused at once.
 */

interface Replica {
  app: App;
  url: string;
  base: string;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const ME = '{ me { id } }';
const HUB_INFO = '{ hubInfo { id } }';

async function post(url: string, query: string, key?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: key } : {}), ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
}

async function get(url: string, key?: string): Promise<Answer> {
  const res = await fetch(url, { headers: key ? { authorization: key } : {} });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {} };
}

/** The answer must be a 429 in the error catalogue's shape, its Retry-After matching the body. */
function assertLimited(a: Answer, what: string) {
  assert.equal(a.status, 429, `${what}: expected 429, got ${a.status} ${JSON.stringify(a.body)}`);
  const e = a.body.errors?.[0];
  assert.equal(e?.extensions?.code, 'RATE_LIMITED', `${what}: ${JSON.stringify(a.body)}`);
  const n = Number(a.retryAfter);
  assert.ok(Number.isInteger(n) && n >= 1 && n <= 60, `${what}: Retry-After "${a.retryAfter}"`);
  assert.equal(e?.extensions?.retryAfter, n);
  assert.match(e!.message, new RegExp(`^Rate limit exceeded: .+ retry after ${n} s$`));
}

function assertPassed(a: Answer, what: string) {
  assert.equal(a.status, 200, `${what}: expected 200, got ${a.status} ${JSON.stringify(a.body)}`);
  assert.equal(a.body.errors, undefined, `${what}: ${JSON.stringify(a.body.errors)}`);
}

for (const database of testDatabases()) {
  describe(`rate limits (${database.name})`, () => {
    let hub: TestHub;
    let alice: OrgWithUser;
    let bob: OrgWithUser;
    const replicas: App[] = [];

    /** A second replica on the hub's database with the given limits (the setup hub has none in reach). */
    const replica = async (env: Record<string, string>): Promise<Replica> => {
      const app = await createApp(
        parseConfig({ DATABASE_URL: hub.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', HUB_ORG_NAME: 'Host Org', ...env }),
        { logger: createLogger(testEnv().testLogLevel), feedSchedules: false },
      );
      replicas.push(app);
      const url = await app.start();
      return { app, url, base: url.replace(/\/graphql$/, '') };
    };
    const high = '1000000';

    before(async () => {
      hub = await startTestHub(database);
      alice = await orgWithUser(hub);
      bob = await orgWithUser(hub);
    });
    after(async () => {
      for (const a of replicas) await a.stop();
      await hub?.stop();
    });

    test('HTTP: the request after the limit with one key gets 429 + Retry-After + RATE_LIMITED; another key still passes', async () => {
      const r = await replica({ RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_ADDRESS: high, RATE_LIMIT_ADDRESS_BURST: high });
      for (let i = 1; i <= 3; i++) assertPassed(await post(r.url, ME, alice.key), `alice request ${i}`);
      assertLimited(await post(r.url, ME, alice.key), 'alice request 4 (POST)');
      // GET /graphql is the same bucket.
      const viaGet = await fetch(`${r.url}?query=${encodeURIComponent(ME)}`, { headers: { authorization: alice.key, 'apollo-require-preflight': 'true' } });
      assert.equal(viaGet.status, 429, 'alice request 5 (GET)');
      assertPassed(await post(r.url, ME, bob.key), 'bob, another key');
    });

    test('the burst is smaller than the sustained rate: the request after the burst is refused', async () => {
      const r = await replica({ RATE_LIMIT_PER_KEY: '600', RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_ADDRESS: high, RATE_LIMIT_ADDRESS_BURST: high });
      assertPassed(await post(r.url, ME, alice.key), 'request 1');
      assertPassed(await post(r.url, ME, alice.key), 'request 2');
      assertLimited(await post(r.url, ME, alice.key), 'request 3');
    });

    test('unauthenticated requests and failed authentications count per address; past the limit even a guessed key is not looked at', async () => {
      const r = await replica({ RATE_LIMIT_PER_KEY: high, RATE_LIMIT_BURST: high, RATE_LIMIT_PER_ADDRESS: '3', RATE_LIMIT_ADDRESS_BURST: '3' });
      assertPassed(await post(r.url, HUB_INFO), 'no key 1');
      assertPassed(await post(r.url, HUB_INFO), 'no key 2');
      const bad = await post(r.url, ME, 'x'.repeat(40));
      assert.equal(bad.status, 401, 'a bad key is still told UNAUTHENTICATED');
      assertLimited(await post(r.url, ME, 'y'.repeat(40)), 'bad key over the limit');
      assertLimited(await post(r.url, HUB_INFO), 'no key over the limit');
      // The address is refused before authentication: the right key is not distinguishable any more.
      assertLimited(await post(r.url, ME, alice.key), 'a valid key from an address over its limit');
    });

    test('X-Forwarded-For is ignored unless TRUST_PROXY says a proxy adds it', async () => {
      const limits = { RATE_LIMIT_PER_KEY: high, RATE_LIMIT_BURST: high, RATE_LIMIT_PER_ADDRESS: '1', RATE_LIMIT_ADDRESS_BURST: '1' };
      const direct = await replica(limits);
      assertPassed(await post(direct.url, HUB_INFO, undefined, { 'x-forwarded-for': '198.51.100.1' }), 'first');
      assertLimited(await post(direct.url, HUB_INFO, undefined, { 'x-forwarded-for': '198.51.100.2' }), 'a spoofed header does not escape the limit');
      const proxied = await replica({ ...limits, TRUST_PROXY: '1' });
      assertPassed(await post(proxied.url, HUB_INFO, undefined, { 'x-forwarded-for': '198.51.100.1' }), 'client 1');
      assertPassed(await post(proxied.url, HUB_INFO, undefined, { 'x-forwarded-for': '198.51.100.2' }), 'client 2');
      // The client's own entries (left of what the proxy appended) do not make a new address.
      assertLimited(await post(proxied.url, HUB_INFO, undefined, { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' }), 'client 1 again, with a forged entry');
    });

    test('export and MISP feed routes share the key bucket; health is never limited', async () => {
      const r = await replica({ RATE_LIMIT_PER_KEY: '2', RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_ADDRESS: '1', RATE_LIMIT_ADDRESS_BURST: '1' });
      assert.equal((await get(`${r.base}/export/csv`, alice.key)).status, 200);
      assert.equal((await get(`${r.base}/feeds/misp/manifest.json`, alice.key)).status, 200);
      assertLimited(await get(`${r.base}/export/csv`, alice.key), 'export over the key limit');
      assertLimited(await get(`${r.base}/feeds/misp/hashes.csv`, alice.key), 'feed over the key limit');
      assert.equal((await get(`${r.base}/export/csv`)).status, 401, 'no key: 401, counted against the address');
      assertLimited(await get(`${r.base}/export/csv`), 'no key, over the address limit');
      for (let i = 0; i < 5; i++) assert.equal((await get(`${r.base}/healthz`)).status, 200, `healthz ${i}`);
    });

    test('WebSocket: subscribes count per key (error message RATE_LIMITED), connection attempts per address (closed 4429)', async () => {
      const r = await replica({ RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_ADDRESS: '2', RATE_LIMIT_ADDRESS_BURST: '2' });
      const c = connectWs(r.url, alice.key); // the connection's authentication is request 1 of the key
      try {
        await c.waitConnected();
        const first = c.subscribe(ChangesDocument, {}, 'subscribe 2');
        const second = c.subscribe(ChangesDocument, {}, 'subscribe 3');
        const third = c.subscribe(ChangesDocument, {}, 'subscribe 4');
        await third.waitFor((s) => s.errors.length > 0, 10_000, 'a refusal').catch(() => undefined);
        assert.equal(third.errors[0]?.extensions?.code, 'RATE_LIMITED', JSON.stringify(third.errors));
        assert.match(third.errors[0].message, /^Rate limit exceeded: .+ retry after \d+ s$/);
        assert.ok(Number(third.errors[0].extensions?.retryAfter) >= 1);
        assert.deepEqual([first.errors, second.errors], [[], []], 'the first two subscribes pass');
        assert.equal(c.closeInfo, undefined, 'a refused subscribe does not close the socket');
      } finally {
        await c.dispose();
      }
      // That socket was the address' first attempt; the second passes, the third is closed with 4429.
      const d = connectWs(r.url, bob.key);
      await d.waitConnected();
      const e = connectWs(r.url, bob.key);
      const closed = await e.waitClosed();
      assert.equal(closed.code, 4429, `close ${closed.code} ${closed.reason}`);
      assert.match(closed.reason, /retry after \d+ s/);
      await d.dispose();
      await e.dispose();
    });

    test('two replicas with one Redis share the buckets', { skip: testEnv().testRedisUrl ? false : 'TEST_REDIS_URL is not set' }, async () => {
      const env = {
        RATE_LIMIT_PER_KEY: '3',
        RATE_LIMIT_BURST: '3',
        RATE_LIMIT_PER_ADDRESS: high,
        RATE_LIMIT_ADDRESS_BURST: high,
        REDIS_URL: testEnv().testRedisUrl!,
        REDIS_PREFIX: `rl-test-${randomBytes(6).toString('hex')}:`,
      };
      const a = await replica(env);
      const b = await replica(env);
      assertPassed(await post(a.url, ME, alice.key), 'A 1');
      assertPassed(await post(a.url, ME, alice.key), 'A 2');
      assertPassed(await post(b.url, ME, alice.key), 'B 3');
      assertLimited(await post(b.url, ME, alice.key), 'B 4: the bucket is shared');
      assertLimited(await post(a.url, ME, alice.key), 'A 5');
      assertPassed(await post(b.url, ME, bob.key), 'another key on B');
      // Another prefix (another hub on the same Redis) counts apart.
      const c = await replica({ ...env, REDIS_PREFIX: `rl-test-${randomBytes(6).toString('hex')}:` });
      assertPassed(await post(c.url, ME, alice.key), 'same key id, another hub');
    });
  });
}

describe('rate limits without Redis', () => {
  test('an unreachable Redis falls back to counting in memory instead of failing requests', async () => {
    const config = parseConfig({
      REDIS_URL: 'redis://127.0.0.1:1', // nothing listens there
      RATE_LIMIT_PER_KEY: '2',
      RATE_LIMIT_BURST: '2',
      RATE_LIMIT_PER_ADDRESS: '1',
      RATE_LIMIT_ADDRESS_BURST: '1',
    });
    const limits = await createRateLimits(config, {
      logger: createLogger('silent'),
      authenticate: async () => {
        throw unauthenticated('The API key is unknown, revoked or expired');
      },
    });
    try {
      await limits.keyRequest(7);
      await limits.keyRequest(7);
      await assert.rejects(limits.keyRequest(7), (e: { extensions?: { code?: string } }) => e.extensions?.code === 'RATE_LIMITED');
      await limits.keyRequest(8);
      await assert.rejects(limits.authenticate('x'.repeat(40), '192.0.2.1'), (e: { extensions?: { code?: string } }) => e.extensions?.code === 'UNAUTHENTICATED');
      await assert.rejects(limits.authenticate('x'.repeat(40), '192.0.2.1'), (e: { extensions?: { code?: string } }) => e.extensions?.code === 'RATE_LIMITED');
      assert.equal(await limits.authenticate(undefined, '192.0.2.2'), null);
    } finally {
      await limits.close();
    }
  });
});
