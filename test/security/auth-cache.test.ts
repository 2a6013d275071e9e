import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { App, createApp } from '../../src/app';
import { testEnv } from '../../src/config/config';
import { createGraphqlClient, GraphqlClient } from '../../src/shared/graphql-client';
import { createLogger } from '../../src/shared/logger';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, replicaConfig, startTestHub, TestHub, unique } from '../support/hub';
import { ScratchDatabase } from '../support/scratch-database';
import { TestClock } from '../support/test-clock';

/**
 * The authentication cache (src/auth/auth-cache.ts): a request with a recently seen key reads nothing
 * to authenticate, and yet a revoked key, a disabled user, a changed role, a removed sharing-group
 * membership or an expired key is refused or applied on the very next request, on every replica.
 */

const RECHECK_MS = 60_000;

const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }';
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }';
const UPDATE_USER = 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id role disabled } }';
const CREATE_SG = 'mutation($input: CreateSharingGroupInput!) { createSharingGroup(input: $input) { id } }';
const REMOVE_MEMBER = 'mutation($sg: ID!, $org: ID!) { removeSharingGroupOrganisation(sharingGroupId: $sg, organisationId: $org) { id } }';
const CREATE_EVENT = 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }';
const EVENT = 'query($id: ID!) { event(id: $id) { id } }';

const status = async (client: GraphqlClient, query = '{ __typename }', variables?: Record<string, unknown>) => {
  const res = await client.raw(query, variables);
  return res.errors?.length ? String(res.errors[0].extensions?.code) : 'OK';
};

async function newKey(admin: GraphqlClient, userId: string, input: Record<string, unknown> = {}) {
  const created = ok(await admin.raw<{ createApiKey: { key: string; apiKey: { id: string } } }>(CREATE_KEY, { input: { userId, ...input } })).createApiKey;
  return { key: created.key, id: created.apiKey.id };
}

for (const database of testDatabases()) {
  describe(`authentication cache, one process (${database.name})`, { timeout: 120_000 }, () => {
    let hub: TestHub;
    const clock = new TestClock();
    let counting = false;
    const queries: string[] = [];
    before(async () => {
      hub = await startTestHub(database, { ACCESS_RECHECK_MS: String(RECHECK_MS), AUTH_CACHE: 'on' }, { clock, onQuery: (sql) => counting && queries.push(sql) });
    });
    after(async () => {
      await hub?.stop();
    });

    /** SQL statements (the change feed's own poll left out) run by `work`. */
    const statements = async (work: () => Promise<unknown>) => {
      queries.length = 0;
      counting = true;
      await work();
      counting = false;
      return queries.filter((q) => !/from [`"]changes[`"]/.test(q));
    };

    test('a key seen once authenticates without a query; the first use reads it', async () => {
      const u = await orgWithUser(hub, 'USER');
      const { key } = await newKey(hub.admin, u.userId);
      const client = hub.client(key);
      const first = await statements(() => status(client));
      assert.ok(first.some((q) => /api_keys/.test(q)), `the first use reads the key: ${first.join('\n')}`);
      assert.deepEqual(await statements(async () => assert.equal(await status(client), 'OK')), []);
    });

    test('a revoked key is refused on the next request', async () => {
      const u = await orgWithUser(hub, 'USER');
      const { key, id } = await newKey(hub.admin, u.userId);
      const client = hub.client(key);
      assert.equal(await status(client), 'OK');
      assert.equal(await status(client), 'OK'); // from the cache
      ok(await hub.admin.raw(REVOKE, { id }));
      assert.equal(await status(client), 'UNAUTHENTICATED');
      // The user's other key is untouched.
      assert.equal(await status(u.client), 'OK');
    });

    test('a disabled user is refused, and a changed role applies, on the next request', async () => {
      const u = await orgWithUser(hub, 'PUBLISHER');
      const create = () => status(u.client, CREATE_EVENT, { input: { info: unique('ev'), distribution: 'ORGANISATION_ONLY' } });
      assert.equal(await create(), 'OK');
      ok(await hub.admin.raw(UPDATE_USER, { input: { id: u.userId, role: 'READ_ONLY' } }));
      assert.equal(await create(), 'FORBIDDEN');
      ok(await hub.admin.raw(UPDATE_USER, { input: { id: u.userId, role: 'PUBLISHER' } }));
      assert.equal(await create(), 'OK');
      ok(await hub.admin.raw(UPDATE_USER, { input: { id: u.userId, disabled: true } }));
      assert.equal(await status(u.client), 'UNAUTHENTICATED');
    });

    test('an organisation removed from a sharing group no longer sees its events on the next request', async () => {
      const A = await orgWithUser(hub, 'ORG_ADMIN');
      const B = await orgWithUser(hub, 'USER');
      const sg = ok(await A.client.raw<{ createSharingGroup: { id: string } }>(CREATE_SG, { input: { name: unique('sg'), organisationIds: [B.orgId] } })).createSharingGroup.id;
      const ev = ok(
        await A.client.raw<{ createEvent: { id: string } }>(CREATE_EVENT, { input: { info: unique('ev'), distribution: 'SHARING_GROUP', sharingGroupId: sg } }),
      ).createEvent.id;
      const seen = () => status(B.client, EVENT, { id: ev });
      assert.equal(await seen(), 'OK');
      assert.equal(await seen(), 'OK'); // memberships from the cache
      ok(await A.client.raw(REMOVE_MEMBER, { sg, org: B.orgId }));
      assert.equal(await seen(), 'NOT_FOUND'); // invisible is the same as absent
    });

    test('an expiring key is refused once the clock passes its expiry, though it was cached', async () => {
      const u = await orgWithUser(hub, 'USER');
      const { key } = await newKey(hub.admin, u.userId, { expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString() });
      const client = hub.client(key);
      assert.equal(await status(client), 'OK');
      assert.equal(await status(client), 'OK');
      clock.advance(3_600_001);
      assert.equal(await status(client), 'UNAUTHENTICATED');
    });

    test('a change no notice announces (a key revoked in the database by hand) applies within ACCESS_RECHECK_MS', async () => {
      const u = await orgWithUser(hub, 'USER');
      const { key, id } = await newKey(hub.admin, u.userId);
      const client = hub.client(key);
      assert.equal(await status(client), 'OK');
      await hub.app.orm.em.getConnection().execute('update api_keys set revoked_at = created_at where uuid = ?', [id]);
      assert.equal(await status(client), 'OK', 'the cache trusts its entry until the period is over');
      clock.advance(RECHECK_MS + 1);
      assert.equal(await status(client), 'UNAUTHENTICATED');
    });
  });
}

const { testRedisUrl } = testEnv();

for (const database of testDatabases()) {
  describe(`authentication cache, two replicas on Redis (${database.name})`, { skip: !testRedisUrl && 'needs TEST_REDIS_URL (two replicas share notices over Redis)', timeout: 120_000 }, () => {
    let db: ScratchDatabase;
    const apps: App[] = [];
    let adminKey: string;
    let one: App, two: App;
    before(async () => {
      db = await database.migrated();
      adminKey = randomBytes(24).toString('base64url');
      const prefix = `threatmesh-test:${randomUUID()}:`;
      for (let i = 0; i < 2; i++) {
        // A re-check period far longer than the test: only the notices can make the replicas forget.
        const config = replicaConfig(db.url, adminKey, { REDIS_URL: testRedisUrl!, REDIS_PREFIX: prefix, ACCESS_RECHECK_MS: '300000' });
        const app = await createApp(config, { logger: createLogger(testEnv().testLogLevel), feedSchedules: false });
        apps.push(app);
        await app.start();
      }
      [one, two] = apps;
    });
    after(async () => {
      for (const app of apps.reverse()) await app.stop();
      await db?.drop();
    });

    const on = (app: App, key: string) => createGraphqlClient(app.url(), key);
    const hubOn = (app: App) => ({ admin: on(app, adminKey), client: (k?: string) => on(app, k!) }) as unknown as TestHub;

    test('a key revoked on replica 1 is refused by the next request on replica 2 (and on replica 1)', async () => {
      const u = await orgWithUser(hubOn(one), 'USER');
      for (let round = 0; round < 10; round++) {
        const { key, id } = await newKey(on(one, adminKey), u.userId);
        assert.equal(await status(on(two, key)), 'OK');
        assert.equal(await status(on(one, key)), 'OK');
        assert.equal(await status(on(two, key)), 'OK'); // cached on both
        ok(await on(one, adminKey).raw(REVOKE, { id }));
        assert.equal(await status(on(two, key)), 'UNAUTHENTICATED', `round ${round}: replica 2`);
        assert.equal(await status(on(one, key)), 'UNAUTHENTICATED', `round ${round}: replica 1`);
      }
    });

    test('a role change and a removed membership on replica 1 apply to the next request on replica 2', async () => {
      const A = await orgWithUser(hubOn(one), 'ORG_ADMIN');
      const B = await orgWithUser(hubOn(one), 'PUBLISHER');
      const sg = ok(await on(one, A.key).raw<{ createSharingGroup: { id: string } }>(CREATE_SG, { input: { name: unique('sg'), organisationIds: [B.orgId] } }))
        .createSharingGroup.id;
      const ev = ok(
        await on(one, A.key).raw<{ createEvent: { id: string } }>(CREATE_EVENT, { input: { info: unique('ev'), distribution: 'SHARING_GROUP', sharingGroupId: sg } }),
      ).createEvent.id;
      const seenOnTwo = () => status(on(two, B.key), EVENT, { id: ev });
      assert.equal(await seenOnTwo(), 'OK');
      assert.equal(await seenOnTwo(), 'OK');
      ok(await on(one, A.key).raw(REMOVE_MEMBER, { sg, org: B.orgId }));
      assert.equal(await seenOnTwo(), 'NOT_FOUND');

      const create = () => status(on(two, B.key), CREATE_EVENT, { input: { info: unique('ev'), distribution: 'ORGANISATION_ONLY' } });
      assert.equal(await create(), 'OK');
      ok(await on(one, adminKey).raw(UPDATE_USER, { input: { id: B.userId, role: 'READ_ONLY' } }));
      assert.equal(await create(), 'FORBIDDEN');
    });
  });
}
