import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateFeedDocument,
  CreateFeedInput,
  EventDocument,
  FeedDocument,
  FetchFeedDocument,
  PreviewFeedDocument,
  UpdateFeedDocument,
} from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer, manifestEntry, mispEventDoc } from '../support/feed-server';
import { expectError, ok, startTestHub, TestHub, unique } from '../support/hub';

for (const database of testDatabases()) {
  describe(`MISP feeds (${database.name})`, () => {
    let hub: TestHub;
    const server = new FeedFixtureServer();

    before(async () => {
      hub = await startTestHub(database);
      await server.start();
    });
    after(async () => {
      await server.stop();
      await hub?.stop();
    });

    const create = async (input: Partial<CreateFeedInput> & Pick<CreateFeedInput, 'url'>) =>
      ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('misp'), format: 'MISP', ...input } })).createFeed;
    const fetchFeed = async (id: string) => ok(await hub.admin.request(FetchFeedDocument, { id })).fetchFeed;
    const eventOf = async (id: string, includeDeleted = false) => ok(await hub.admin.request(EventDocument, { id, includeDeleted })).event;

    /** A feed directory on the fixture server: documents by uuid, manifest written from them. */
    function publishFeed(dir: string, docs: ReturnType<typeof mispEventDoc>[], extra: Record<string, string> = {}) {
      const manifest: Record<string, unknown> = {};
      for (const d of docs) {
        manifest[d.Event.uuid] = manifestEntry(d);
        server.set(`/${dir}/${d.Event.uuid}.json`, JSON.stringify(d));
      }
      for (const [uuid, body] of Object.entries(extra)) {
        manifest[uuid] = { info: 'broken', timestamp: 1714000000, Orgc: { uuid: randomUUID(), name: 'X' } };
        server.set(`/${dir}/${uuid}.json`, body);
      }
      server.set(`/${dir}/manifest.json`, JSON.stringify(manifest));
    }

    test('manifest → new events stored by uuid, creator org captured, invalid attributes and bad events reported; unchanged feed not downloaded; only newer events fetched again', async () => {
      const dir = unique('feed');
      const orgc = { uuid: randomUUID(), name: unique('Remote CERT') };
      const a = mispEventDoc({
        uuid: randomUUID(),
        info: 'Phishing wave',
        timestamp: 1714000000,
        orgc,
        tags: ['tlp:white'],
        attributes: [
          { uuid: randomUUID(), type: 'domain', value: 'Evil.Example.COM' },
          { uuid: randomUUID(), type: 'ip-dst', value: '999.1.1.1' }, // invalid: counted, never stored
          { type: 'url', value: 'http://evil.example.com/login' }, // no uuid: a stable one is derived
        ],
      });
      const b = mispEventDoc({ uuid: randomUUID(), info: 'C2 list', timestamp: 1714000100, orgc, attributes: [{ uuid: randomUUID(), type: 'ip-dst', value: '198.51.100.20' }] });
      const brokenUuid = randomUUID();
      publishFeed(dir, [a, b], { [brokenUuid]: '{"Event": {"uuid": "not-a-uuid"' });
      const feed = await create({ url: `${server.url}/${dir}/`, distribution: 'COMMUNITY_ONLY' });

      const first = await fetchFeed(feed.id);
      assert.equal(first.eventsCreated, 2);
      assert.equal(first.eventsFailed, 1);
      assert.equal(first.new, 3);
      assert.equal(first.invalid, 1);
      assert.ok(first.problems.some((p) => p.includes('999.1.1.1')), JSON.stringify(first.problems));
      assert.ok(first.problems.some((p) => p.includes(brokenUuid)), JSON.stringify(first.problems));
      assert.match(first.error ?? '', /1 event\(s\) could not be stored/);

      const stored = (await eventOf(a.Event.uuid))!;
      assert.equal(stored.info, 'Phishing wave');
      assert.equal(stored.creatorOrg.id, orgc.uuid);
      assert.equal(stored.creatorOrg.name, orgc.name);
      assert.equal(stored.ownerOrg.name, 'Host Org');
      assert.equal(stored.distribution, 'COMMUNITY_ONLY'); // the feed's, not the event's own (ALL_COMMUNITIES)
      assert.equal(stored.locked, true);
      assert.deepEqual(stored.tags.map((t) => t.name), ['tlp:white']);
      assert.deepEqual(stored.attributes.map((x) => x.value).sort(), ['evil.example.com', 'http://evil.example.com/login']);
      const status = ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed;
      assert.deepEqual([status.lastNew, status.lastInvalid], [3, 1]);
      assert.match(status.lastError ?? '', /could not be stored/);

      // The broken event is fixed at the source: the next run retries it (the manifest is read again), and
      // the two stored events are not downloaded again (same manifest timestamp).
      const fixed = mispEventDoc({ uuid: brokenUuid, info: 'fixed', timestamp: 1714000000, orgc, attributes: [{ uuid: randomUUID(), type: 'md5', category: 'Payload delivery', value: 'D41D8CD98F00B204E9800998ECF8427E' }] });
      publishFeed(dir, [a, b, fixed]);
      const before = server.downloadsByPath.get(`/${dir}/${a.Event.uuid}.json`);
      const second = await fetchFeed(feed.id);
      assert.equal(second.error, null);
      assert.deepEqual([second.eventsCreated, second.eventsSkipped, second.new], [1, 2, 1]);
      assert.equal(server.downloadsByPath.get(`/${dir}/${a.Event.uuid}.json`), before);
      assert.equal(ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed.lastError, null);

      // Unchanged manifest: 304, nothing downloaded.
      const downloads = server.downloads;
      const third = await fetchFeed(feed.id);
      assert.equal(third.notModified, true);
      assert.equal(server.downloads, downloads);

      // A newer version of event b (one attribute added, one deleted): only b is downloaded and updated.
      const b2 = mispEventDoc({
        ...{ uuid: b.Event.uuid, info: 'C2 list v2', timestamp: 1714000500, orgc },
        attributes: [
          { uuid: b.Event.Attribute[0].uuid, type: 'ip-dst', value: '198.51.100.20', timestamp: 1714000500, deleted: true },
          { uuid: randomUUID(), type: 'ip-dst', value: '198.51.100.21' },
        ],
      });
      publishFeed(dir, [a, b2, fixed]);
      const fourth = await fetchFeed(feed.id);
      assert.equal(fourth.error, null);
      assert.deepEqual([fourth.eventsUpdated, fourth.eventsSkipped, fourth.new, fourth.deleted], [1, 2, 1, 1]);
      assert.equal(server.downloadsByPath.get(`/${dir}/${a.Event.uuid}.json`), before);
      const updated = (await eventOf(b.Event.uuid))!;
      assert.equal(updated.info, 'C2 list v2');
      assert.deepEqual(updated.attributes.map((x) => x.value), ['198.51.100.21']);
    });

    test('attribute tags: new attributes get theirs, a newer version of an attribute replaces them, an unchanged one keeps them', async () => {
      const dir = unique('feed');
      const orgc = { uuid: randomUUID(), name: unique('Tagging CERT') };
      const [t1, t2, t3] = [unique('attr:one'), unique('attr:two'), unique('attr:three')].map((t) => t.toLowerCase());
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const v1 = mispEventDoc({
        uuid: randomUUID(),
        info: 'tagged attributes',
        timestamp: 1714000000,
        orgc,
        attributes: [
          { uuid: a, type: 'ip-dst', value: '192.0.2.10', tags: [t1, t2] },
          { uuid: b, type: 'ip-dst', value: '192.0.2.11' },
          { uuid: c, type: 'domain', value: 'tagged.example.org', tags: [t1] },
        ],
      });
      publishFeed(dir, [v1]);
      const feed = await create({ url: `${server.url}/${dir}/` });
      assert.equal((await fetchFeed(feed.id)).new, 3);
      const tagsByValue = async () =>
        Object.fromEntries((await eventOf(v1.Event.uuid))!.attributes.map((x) => [x.value, x.tags.map((t) => t.name).sort()]));
      assert.deepEqual(await tagsByValue(), { '192.0.2.10': [t1, t2].sort(), '192.0.2.11': [], 'tagged.example.org': [t1] });

      // A newer version: a's tags replaced, c unchanged (older timestamp: its tags stay), d new with a tag.
      const v2 = mispEventDoc({
        ...{ uuid: v1.Event.uuid, info: 'tagged attributes v2', timestamp: 1714000500, orgc },
        attributes: [
          { uuid: a, type: 'ip-dst', value: '192.0.2.10', timestamp: 1714000500, tags: [t3] },
          { uuid: b, type: 'ip-dst', value: '192.0.2.11', timestamp: 1714000000 },
          { uuid: c, type: 'domain', value: 'tagged.example.org', timestamp: 1714000000, tags: [t2] },
          { uuid: randomUUID(), type: 'ip-dst', value: '192.0.2.12', tags: [t2, t3] },
        ],
      });
      publishFeed(dir, [v2]);
      const second = await fetchFeed(feed.id);
      assert.deepEqual([second.eventsUpdated, second.new, second.updated], [1, 1, 1]);
      assert.deepEqual(await tagsByValue(), { '192.0.2.10': [t3], '192.0.2.11': [], 'tagged.example.org': [t1], '192.0.2.12': [t2, t3].sort() });
    });

    test('rules, the event\'s own distribution, overrideIds, publish and feed tags', async () => {
      const dir = unique('feed');
      const wanted = { uuid: randomUUID(), name: unique('Wanted Org') };
      const other = { uuid: randomUUID(), name: unique('Other Org') };
      const keep = mispEventDoc({ uuid: randomUUID(), info: 'keep', timestamp: 1714000000, orgc: wanted, distribution: 2, tags: ['apt'], attributes: [{ uuid: randomUUID(), type: 'ip-src', value: '203.0.113.5' }] });
      const blockedTag = mispEventDoc({ uuid: randomUUID(), info: 'blocked tag', timestamp: 1714000000, orgc: wanted, tags: ['apt', 'false-positive'], attributes: [{ uuid: randomUUID(), type: 'ip-src', value: '203.0.113.6' }] });
      const otherOrg = mispEventDoc({ uuid: randomUUID(), info: 'other org', timestamp: 1714000000, orgc: other, tags: ['apt'], attributes: [{ uuid: randomUUID(), type: 'ip-src', value: '203.0.113.7' }] });
      publishFeed(dir, [keep, blockedTag, otherOrg]);
      const feedTag = unique('feed:misp');
      const feed = await create({
        url: `${server.url}/${dir}`,
        sourceDistribution: true,
        overrideIds: true,
        publish: true,
        tags: [feedTag],
        rules: { tagsAllow: ['APT'], tagsBlock: ['false-positive'], orgsAllow: [wanted.uuid] },
      });
      assert.deepEqual(feed.rules.tagsBlock, ['false-positive']);

      const preview = ok(await hub.admin.request(PreviewFeedDocument, { id: feed.id, limit: 10 })).previewFeed;
      assert.deepEqual(preview.values.map((v) => v.value), ['203.0.113.5']);

      const r = await fetchFeed(feed.id);
      assert.equal(r.error, null);
      assert.deepEqual([r.eventsCreated, r.eventsSkipped], [1, 2]);
      const e = (await eventOf(keep.Event.uuid))!;
      assert.equal(e.distribution, 'CONNECTED_COMMUNITIES');
      assert.equal(e.published, true);
      assert.deepEqual(e.tags.map((t) => t.name).sort(), ['apt', feedTag].sort());
      assert.deepEqual(e.attributes.map((x) => x.toIds), [false]);
      assert.equal(await eventOf(blockedTag.Event.uuid).catch(() => null), null);
    });

    test('extra request headers are sent with every request and never shown; bad ones are refused', async () => {
      const dir = unique('feed');
      const orgc = { uuid: randomUUID(), name: unique('Org') };
      const doc = mispEventDoc({ uuid: randomUUID(), info: 'h', timestamp: 1714000000, orgc, attributes: [{ uuid: randomUUID(), type: 'domain', value: 'h.example' }] });
      publishFeed(dir, [doc]);
      const feed = await create({ url: `${server.url}/${dir}/`, headers: ['X-Api-Key: s3cret-value', 'Accept: application/json'] });
      assert.deepEqual(feed.headerNames, ['X-Api-Key', 'Accept']);
      assert.ok(!JSON.stringify(feed).includes('s3cret-value'));
      assert.equal((await fetchFeed(feed.id)).new, 1);
      for (const path of [`/${dir}/manifest.json`, `/${dir}/${doc.Event.uuid}.json`]) assert.equal(server.headersByPath.get(path)?.['x-api-key'], 's3cret-value', path);
      await expectError(hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, headers: ['If-None-Match: x'] } }), 'BAD_USER_INPUT', 'If-None-Match');
      await expectError(hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, headers: ['no colon'] } }), 'BAD_USER_INPUT', 'no colon');
      assert.deepEqual(ok(await hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, headers: [] } })).updateFeed.headerNames, []);
    });

    test('a manifest that is garbage or cut off: error recorded, earlier data intact, next run retries', async () => {
      const dir = unique('feed');
      const orgc = { uuid: randomUUID(), name: unique('Org') };
      const doc = mispEventDoc({ uuid: randomUUID(), info: 'one', timestamp: 1714000000, orgc, attributes: [{ uuid: randomUUID(), type: 'domain', value: 'one.example' }] });
      publishFeed(dir, [doc]);
      const feed = await create({ url: `${server.url}/${dir}/` });
      assert.equal((await fetchFeed(feed.id)).new, 1);

      const manifest = JSON.stringify({ [doc.Event.uuid]: { ...manifestEntry(doc), timestamp: 1714009999 } });
      server.set(`/${dir}/manifest.json`, '<html>502 Bad Gateway</html>');
      const garbage = await fetchFeed(feed.id);
      assert.match(garbage.error ?? '', /not valid JSON/);
      server.set(`/${dir}/manifest.json`, manifest, { truncateAt: 20 });
      const cut = await fetchFeed(feed.id);
      assert.ok(cut.error, 'a truncated manifest is an error');
      assert.match(ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed.lastError ?? '', /./);
      assert.deepEqual((await eventOf(doc.Event.uuid))!.attributes.map((a) => a.value), ['one.example']);

      server.set(`/${dir}/manifest.json`, manifest);
      const retried = await fetchFeed(feed.id);
      assert.equal(retried.error, null);
      assert.equal(retried.notModified, false);
    });
  });
}
