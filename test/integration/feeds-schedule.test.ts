import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, createApp } from '../../src/app';
import { ConfigError, parseConfig, testEnv } from '../../src/config/config';
import { Feed } from '../../src/modules/feed/feed.entity';
import { FeedFetchProgress } from '../../src/modules/feed/feed-progress';
import { runFeedFetch } from '../../src/modules/feed/feed-run';
import { createLogger } from '../../src/shared/logger';
import {
  CreateFeedDocument,
  CreateFeedInput,
  DisableFeedDocument,
  EnableFeedDocument,
  FeedFetchProgressDocument,
  FetchAllFeedsDocument,
  FetchFeedDocument,
  UpdateFeedDocument,
} from '../../src/generated/graphql';
import { createGraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { expectError, ok, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';
import { connectWs } from '../support/ws-client';

for (const database of testDatabases()) {
  describe(`feed schedules, overlap, leases, progress (${database.name})`, () => {
    let hub: TestHub;
    let second: App;
    let secondUrl: string;
    const server = new FeedFixtureServer();

    before(async () => {
      hub = await startTestHub(database, { FEED_TIMEOUT_MS: '10000' });
      // A second replica on the same database (its own process-local state, shared leases).
      second = await createApp(
        parseConfig({ DATABASE_URL: hub.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', HUB_ORG_NAME: 'Host Org', FEED_TIMEOUT_MS: '10000', OUTBOUND_ALLOW_PRIVATE: 'true' }),
        { logger: createLogger(testEnv().testLogLevel) },
      );
      secondUrl = await second.start();
      await server.start();
    });
    after(async () => {
      server.releaseHanging();
      await server.stop();
      await second?.stop();
      await hub?.stop();
    });

    const create = async (input: Partial<CreateFeedInput> = {}) => {
      const path = `/${unique('list')}.txt`;
      server.set(path, '192.0.2.77\n');
      const feed = ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('sched'), url: `${server.url}${path}`, format: 'FREETEXT', ...input } })).createFeed;
      return { feed, path };
    };
    const localId = async (uuid: string) => (await hub.app.orm.em.fork().findOneOrFail(Feed, { uuid })).id;

    test('two concurrent fetches of one feed: the second is refused (same replica, and another replica through the database lease)', async () => {
      const { feed, path } = await create();
      server.set(path, '192.0.2.78\n', { hang: true });
      const arrived = server.nextRequest(path);
      const running = hub.admin.request(FetchFeedDocument, { id: feed.id });
      await arrived;

      const same = ok(await hub.admin.request(FetchFeedDocument, { id: feed.id })).fetchFeed;
      assert.equal(same.refused, true);
      assert.match(same.error ?? '', /already running/);
      const other = ok(await createGraphqlClient(secondUrl, hub.adminKey).request(FetchFeedDocument, { id: feed.id })).fetchFeed;
      assert.equal(other.refused, true, 'the other replica is refused by the database lease');
      // A job of the other replica (same code path as its schedules) is refused too, and requests nothing.
      const requests = server.downloadsByPath.get(path) ?? 0;
      assert.equal((await runFeedFetch(second.hub, await localId(feed.id))).refused, true);
      assert.equal(server.downloadsByPath.get(path) ?? 0, requests);

      // The connection is cut: the fetch retries once on a fresh connection, which answers 500.
      server.set(path, '192.0.2.78\n', { status: 500 });
      server.releaseHanging();
      const first = ok(await running).fetchFeed;
      assert.equal(first.refused, false);
      assert.match(first.error ?? '', /HTTP 500/);
      // Lease released: the other replica may fetch now.
      server.set(path, '192.0.2.78\n');
      const after = ok(await createGraphqlClient(secondUrl, hub.adminKey).request(FetchFeedDocument, { id: feed.id })).fetchFeed;
      assert.deepEqual([after.refused, after.error, after.new], [false, null, 1]);
    });

    test('the global run fetches enabled feeds only, on one replica at a time; fetchAllFeeds on demand', async () => {
      const { feed: enabled, path } = await create({ enabled: true });
      const { feed: disabled, path: disabledPath } = await create();
      server.set(path, '192.0.2.90\n', { hang: true });
      const arrived = server.nextRequest(path);
      const running = hub.app.feedScheduler.runAll();
      await arrived;
      assert.equal(await second.feedScheduler.runAll(), 0, 'the other replica does not run while the global lease is held');
      server.set(path, '192.0.2.90\n');
      server.releaseHanging(); // the cut connection is retried once and gets the list
      assert.equal(await running, 1);
      const all = ok(await hub.admin.request(FetchAllFeedsDocument, {})).fetchAllFeeds;
      assert.ok(all.some((r) => r.feedId === enabled.id && r.result.error === null && r.result.notModified));
      assert.ok(!all.some((r) => r.feedId === disabled.id));
      assert.equal(server.downloadsByPath.get(disabledPath) ?? 0, 0);
      ok(await hub.admin.request(DisableFeedDocument, { id: enabled.id }));
    });

    test('a feed\'s own schedule runs it (enabled only); bad schedules are refused; progress is streamed to site admins', async () => {
      await expectError(hub.admin.request(CreateFeedDocument, { input: { name: unique('f'), url: `${server.url}/x`, format: 'CSV', schedule: 'every day' } }), 'BAD_USER_INPUT', 'every day');
      const { feed } = await create({ schedule: '0 0 1 1 *' });
      await expectError(hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, schedule: '61 * * * *' } }), 'BAD_USER_INPUT', '61 * * * *');

      const ws = connectWs(hub.url, hub.adminKey);
      try {
        const subscribed = hub.app.hub.feeds.progress.nextSubscriber(feed.id, AbortSignal.timeout(10_000));
        const sub = ws.subscribe(FeedFetchProgressDocument, { feedId: feed.id }, 'progress');
        await subscribed;
        // Every second, once enabled.
        ok(await hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, schedule: '* * * * * *' } }));
        const seen: FeedFetchProgress[] = [];
        const done = new Promise<void>((resolve) => {
          const off = hub.app.hub.feeds.progress.subscribe(feed.id, (p) => {
            seen.push(p);
            if (p.done) (off(), resolve());
          });
        });
        ok(await hub.admin.request(EnableFeedDocument, { id: feed.id }));
        await done;
        ok(await hub.admin.request(DisableFeedDocument, { id: feed.id }));
        assert.equal(seen.at(-1)!.new, 1);
        const last = await sub.waitForItem((p) => p.feedFetchProgress.done, 10_000, 'done report');
        assert.deepEqual([last.feedFetchProgress.phase, last.feedFetchProgress.new, last.feedFetchProgress.error], ['DONE', 1, null]);
        const phases = sub.items.map((p) => p.feedFetchProgress.phase);
        assert.deepEqual([...new Set(phases)], ['STARTED', 'DOWNLOADING', 'STORING', 'DONE']);
        sub.dispose();

        const { key } = await orgWithUser(hub, 'ORG_ADMIN');
        const other = connectWs(hub.url, key);
        const refused = other.subscribe(FeedFetchProgressDocument, { feedId: feed.id }, 'not admin');
        await refused.waitFor((s) => s.errors.length > 0, 10_000);
        assert.equal(refused.errors[0].extensions?.code, 'FORBIDDEN');
        await other.dispose();
        const unknown = ws.subscribe(FeedFetchProgressDocument, { feedId: '00000000-0000-4000-8000-000000000000' }, 'unknown feed');
        await unknown.waitFor((s) => s.errors.length > 0, 10_000);
        assert.equal(unknown.errors[0].extensions?.code, 'NOT_FOUND', JSON.stringify(unknown.errors));
      } finally {
        await ws.dispose();
      }
    });

    test('FEED_FETCH_CRON must be a cron expression', () => {
      assert.throws(() => parseConfig({ FEED_FETCH_CRON: 'hourly' }), (e: unknown) => e instanceof ConfigError && /FEED_FETCH_CRON/.test(e.message));
      assert.equal(parseConfig({ FEED_FETCH_CRON: '0 */6 * * *' }).feedFetchCron, '0 */6 * * *');
      assert.equal(parseConfig({}).feedFetchCron, null);
    });
  });
}

const redisUrl = testEnv().testRedisUrl;
describe('feed fetch progress across replicas (Redis)', { skip: !redisUrl && 'TEST_REDIS_URL is not set (CI sets it)' }, () => {
  if (!redisUrl) return;
  {
    test('a subscriber on one replica hears the fetch run by another', async () => {
      const database = testDatabases()[0];
      const prefix = `${unique('tm-feed')}:`;
      const a = await startTestHub(database, { REDIS_URL: redisUrl, REDIS_PREFIX: prefix });
      const b = await createApp(
        parseConfig({ DATABASE_URL: a.db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', HUB_ORG_NAME: 'Host Org', REDIS_URL: redisUrl, REDIS_PREFIX: prefix, OUTBOUND_ALLOW_PRIVATE: 'true' }),
        { logger: createLogger(testEnv().testLogLevel), feedSchedules: false },
      );
      const server = new FeedFixtureServer();
      await server.start();
      try {
        server.set('/r.txt', '192.0.2.33\n');
        const feed = ok(await a.admin.request(CreateFeedDocument, { input: { name: unique('r'), url: `${server.url}/r.txt`, format: 'FREETEXT' } })).createFeed;
        const heard: FeedFetchProgress[] = [];
        const done = new Promise<void>((resolve) =>
          b.hub.feeds.progress.subscribe(feed.id, (p) => {
            heard.push(p);
            if (p.done) resolve();
          }),
        );
        const r = ok(await a.admin.request(FetchFeedDocument, { id: feed.id })).fetchFeed;
        assert.equal(r.new, 1);
        await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('no DONE report on the other replica')), 10_000))]);
        assert.equal(heard.at(-1)!.phase, 'DONE');
        assert.equal(heard.at(-1)!.new, 1);
      } finally {
        await server.stop();
        await b.stop();
        await a.stop();
      }
    });
  }
});
