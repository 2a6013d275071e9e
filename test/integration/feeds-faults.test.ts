import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { AttributesDocument, CreateFeedDocument, FeedDocument, FetchFeedDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, startTestHub, TestHub, unique } from '../support/hub';

const TIMEOUT_MS = 400;
const MAX_BYTES = 4096;

for (const database of testDatabases()) {
  describe(`feed faults (${database.name})`, () => {
    let hub: TestHub;
    const server = new FeedFixtureServer();

    before(async () => {
      hub = await startTestHub(database, { FEED_TIMEOUT_MS: String(TIMEOUT_MS), FEED_MAX_BYTES: String(MAX_BYTES) });
      await server.start();
    });
    after(async () => {
      await server.stop();
      await hub?.stop();
    });

    const fetchFeed = async (id: string) => ok(await hub.admin.request(FetchFeedDocument, { id })).fetchFeed;
    const status = async (id: string) => ok(await hub.admin.request(FeedDocument, { id })).feed;
    const values = async (eventId: string, deleted = false) =>
      ok(await hub.admin.request(AttributesDocument, { filter: { eventId, deleted }, first: 100 })).attributes.edges.map((e) => e.node.value).sort();

    test('timeout, HTTP 500, garbage, truncated body and an oversized body: error recorded, data intact, the next run retries', async () => {
      const path = `/${unique('ips')}.csv`;
      const good = '# list\n192.0.2.10\n192.0.2.11\n';
      server.set(path, good);
      const feed = ok(
        await hub.admin.request(CreateFeedDocument, { input: { name: unique('f'), url: `${server.url}${path}`, format: 'CSV', fixedEvent: true, deltaMerge: true } }),
      ).createFeed;
      const first = await fetchFeed(feed.id);
      assert.equal(first.error, null);
      const eventId = first.eventId!;
      const expected = ['192.0.2.10', '192.0.2.11'];
      assert.deepEqual(await values(eventId), expected);
      // A bigger source with one value fewer (deltaMerge would delete 192.0.2.11 if it were read in full).
      const changed = `# list\n192.0.2.10\n192.0.2.12\n${'# padding\n'.repeat(50)}`;

      const faults: Array<[string, () => void, RegExp]> = [
        ['timeout', () => server.set(path, changed, { hang: true }), new RegExp(`timed out after ${TIMEOUT_MS} ms`)],
        ['HTTP 500', () => server.set(path, changed, { status: 500 }), /HTTP 500/],
        ['garbage', () => server.set(path, randomBytes(2000).toString('latin1').replace(/[#"\r\n]/g, 'x')), /none of the \d+ values read is a valid indicator/],
        ['truncated', () => server.set(path, changed, { truncateAt: 24 }), /could not be read|terminated|closed/i],
        ['too big', () => server.set(path, `${changed}${'#'.repeat(MAX_BYTES)}\n`), new RegExp(`larger than the limit of ${MAX_BYTES} bytes`)],
      ];
      for (const [name, arrange, message] of faults) {
        arrange();
        const r = await fetchFeed(feed.id);
        assert.match(r.error ?? '', message, `${name}: ${r.error}`);
        assert.equal(r.deleted, 0, name);
        const s = await status(feed.id);
        assert.equal(s.lastError, r.error, name);
        assert.deepEqual(await values(eventId, true), [], `${name}: nothing soft-deleted`);
        const stored = await values(eventId);
        assert.ok(expected.every((v) => stored.includes(v)), `${name}: earlier data intact (${stored})`);
        server.releaseHanging();
      }

      // The source recovers: the next run downloads it again (no stale validators) and applies the change.
      server.set(path, changed);
      const downloads = server.downloadsByPath.get(path) ?? 0;
      const recovered = await fetchFeed(feed.id);
      assert.equal(recovered.error, null);
      assert.equal(server.downloadsByPath.get(path), downloads + 1);
      assert.deepEqual(await values(eventId), ['192.0.2.10', '192.0.2.12']);
      assert.deepEqual(await values(eventId, true), ['192.0.2.11']);
      assert.equal((await status(feed.id)).lastError, null);
    });
  });
}
