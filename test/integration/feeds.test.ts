import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddAttributesDocument,
  AttributesDocument,
  CorrelationsDocument,
  CreateEventDocument,
  CreateFeedDocument,
  SearchAttributesDocument,
  CreateFeedInput,
  DeleteFeedDocument,
  EnableFeedDocument,
  FetchAllFeedsDocument,
  PreviewFeedDocument,
  EventDocument,
  FeedChangeLogDocument,
  FeedDocument,
  FeedsDocument,
  FetchFeedDocument,
  LoadDefaultFeedsDocument,
  UpdateFeedDocument,
} from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { expectError, ok, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/** A fixture server: path → body (ETag = a hash of the body) or a forced status; counts full downloads. */
class FixtureServer {
  readonly files = new Map<string, { body: string; status?: number }>();
  downloads = 0;
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      const f = this.files.get(req.url ?? '');
      if (!f) return void res.writeHead(404).end('not found');
      if (f.status) return void res.writeHead(f.status).end('boom');
      const etag = `"${Buffer.from(f.body).toString('base64url').slice(-16)}-${f.body.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      this.downloads++;
      res.writeHead(200, { 'content-type': 'text/plain', etag }).end(f.body);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

const CSV_V1 = [
  '# abuse.ch-style banner',
  'first_seen,dst_ip,port',
  '2024-01-01,192.0.2.1,443',
  '2024-01-01,192.0.2.2,80',
  '2024-01-01,not an indicator,80',
  '2024-01-01,192.0.2.1,8443',
  '',
].join('\n');

const CSV_V2 = ['# banner', '2024-01-02,192.0.2.1,443', '2024-01-02,192.0.2.3,443', ''].join('\n');

const FREETEXT = [
  '# defanged report',
  'Seen hxxp://evil[.]example/payload.bin calling 198.51.100.7',
  'dropper md5 d41d8cd98f00b204e9800998ecf8427e and again 198.51.100.7',
  '',
].join('\n');

for (const database of testDatabases()) {
  describe(`feeds (${database.name})`, () => {
    let hub: TestHub;
    const server = new FixtureServer();
    let dir: string;

    before(async () => {
      hub = await startTestHub(database);
      await server.start();
      dir = mkdtempSync(join(tmpdir(), 'threatmesh-feeds-'));
    });
    after(async () => {
      await server.stop();
      await hub?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const create = async (input: Partial<CreateFeedInput> & Pick<CreateFeedInput, 'url' | 'format'>) =>
      ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('feed'), ...input } })).createFeed;
    const fetchFeed = async (id: string) => ok(await hub.admin.request(FetchFeedDocument, { id })).fetchFeed;
    const values = async (eventId: string, deleted = false) =>
      ok(await hub.admin.request(AttributesDocument, { filter: { eventId, deleted }, first: 500 }))
        .attributes.edges.map((e) => e.node.value)
        .sort();

    test('CSV with fixedEvent and deltaMerge: store, 304, only new values, soft-delete removed, faults keep data', async () => {
      server.files.set('/ips.csv', { body: CSV_V1 });
      const feed = await create({
        url: `${server.url}/ips.csv`,
        format: 'CSV',
        valueColumns: [2],
        fixedEvent: true,
        deltaMerge: true,
        distribution: 'COMMUNITY_ONLY',
      });
      assert.deepEqual(feed.valueColumns, [2]);

      const first = await fetchFeed(feed.id);
      assert.equal(first.error, null);
      assert.deepEqual([first.new, first.invalid, first.skipped, first.deleted], [2, 1, 1, 0]);
      assert.ok(first.eventId);
      assert.deepEqual(await values(first.eventId!), ['192.0.2.1', '192.0.2.2']);
      const event = ok(await hub.admin.request(EventDocument, { id: first.eventId! })).event!;
      assert.equal(event.info, feed.name);
      assert.equal(event.distribution, 'COMMUNITY_ONLY');
      assert.equal(event.ownerOrg.name, 'Host Org');

      // Unchanged source: conditional GET answers 304, nothing downloaded or written.
      const downloads = server.downloads;
      const second = await fetchFeed(feed.id);
      assert.equal(second.notModified, true);
      assert.deepEqual([second.new, second.deleted], [0, 0]);
      assert.equal(server.downloads, downloads);

      // Changed source: one new value, one gone (soft-deleted), one kept.
      server.files.set('/ips.csv', { body: CSV_V2 });
      let since: string | undefined;
      for (let more = true; more; ) {
        const page = ok(await hub.admin.request(FeedChangeLogDocument, { since, first: 500 })).changes;
        [since, more] = [page.cursor, page.hasMore];
      }
      const third = await fetchFeed(feed.id);
      assert.equal(third.error, null);
      assert.equal(third.eventId, first.eventId);
      assert.deepEqual([third.new, third.skipped, third.deleted], [1, 1, 1]);
      assert.deepEqual(await values(first.eventId!), ['192.0.2.1', '192.0.2.3']);
      assert.deepEqual(await values(first.eventId!, true), ['192.0.2.2']);
      // Both travel through the change log (subscribers and peers see them).
      const log = ok(await hub.admin.request(FeedChangeLogDocument, { since, first: 100 })).changes.changes.filter((c) => c.kind === 'ATTRIBUTE');
      assert.deepEqual(log.map((c) => c.op).sort(), ['CREATED', 'DELETED']);
      assert.ok(log.every((c) => c.eventId === first.eventId));

      // A failing source: the error is recorded, the data stays.
      server.files.set('/ips.csv', { body: CSV_V2, status: 500 });
      const failed = await fetchFeed(feed.id);
      assert.match(failed.error ?? '', /HTTP 500/);
      const status = ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed;
      assert.match(status.lastError ?? '', /HTTP 500/);
      assert.ok(status.lastFetchAt);
      assert.equal(status.event?.id, first.eventId);
      assert.deepEqual(await values(first.eventId!), ['192.0.2.1', '192.0.2.3']);

      // Recovery: the next run clears the error (and the source is unchanged since the last good fetch).
      server.files.set('/ips.csv', { body: CSV_V2 });
      const recovered = await fetchFeed(feed.id);
      assert.equal(recovered.error, null);
      assert.equal(ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed.lastError, null);
    });

    test('feed IOCs are searchable like any other: CIDR containment and correlation with an analyst\'s event', async () => {
      const net = `198.51.${100 + Math.floor(Math.random() * 100)}`;
      server.files.set('/search.csv', { body: `# first,ip\n1,${net}.7\n2,${net}.200\n3,203.0.113.9\n` });
      const feed = await create({ url: `${server.url}/search.csv`, format: 'CSV', valueColumns: [2], distribution: 'ALL_COMMUNITIES' });
      const fetched = await fetchFeed(feed.id);
      assert.equal(fetched.error, null);
      assert.equal(fetched.new, 3);
      const inNet = ok(await hub.admin.request(SearchAttributesDocument, { filter: { cidr: [`${net}.0/25`] }, first: 10 })).attributes;
      assert.deepEqual(inNet.edges.map((e) => e.node.value), [`${net}.7`], 'only the feed value inside the /25');

      const own = ok(await hub.admin.request(CreateEventDocument, { input: { info: unique('analyst'), distribution: 'ORGANISATION_ONLY' } })).createEvent;
      ok(await hub.admin.request(AddAttributesDocument, { eventId: own.id, attributes: [{ type: 'ip-dst', value: `${net}.7` }] }));
      const corr = ok(await hub.admin.request(CorrelationsDocument, { filter: { eventId: own.id }, first: 10 })).attributes.edges[0].node;
      assert.deepEqual(corr.correlations.map((c) => [c.value, c.event.id]), [[`${net}.7`, fetched.eventId]]);
    });

    test('freetext: a new event per fetch, refanged values, tag and publish applied', async () => {
      server.files.set('/report.txt', { body: FREETEXT });
      const tag = unique('tlp:clear-feed');
      const feed = await create({ url: `${server.url}/report.txt`, format: 'FREETEXT', tags: [tag], publish: true });
      const r = await fetchFeed(feed.id);
      assert.equal(r.error, null);
      assert.equal(r.new, 3);
      assert.ok(r.skipped >= 1); // 198.51.100.7 appears twice
      const stored = await values(r.eventId!);
      assert.deepEqual(stored, ['198.51.100.7', 'd41d8cd98f00b204e9800998ecf8427e', 'http://evil.example/payload.bin']);
      const event = ok(await hub.admin.request(EventDocument, { id: r.eventId! })).event!;
      assert.equal(event.published, true);
      assert.deepEqual(event.tags.map((t) => t.name), [tag]);

      // New source content → a second event (not fixed).
      server.files.set('/report.txt', { body: `${FREETEXT}also 203.0.113.9\n` });
      const again = await fetchFeed(feed.id);
      assert.notEqual(again.eventId, r.eventId);
      assert.equal(again.new, 4);
    });

    test('local file source (path and file:// URL), unchanged file not read again', async () => {
      const path = join(dir, 'local.txt');
      writeFileSync(path, '192.0.2.50\n192.0.2.51\n');
      const feed = await create({ url: path, format: 'FREETEXT', fixedEvent: true });
      const r = await fetchFeed(feed.id);
      assert.equal(r.error, null);
      assert.equal(r.new, 2);
      assert.equal((await fetchFeed(feed.id)).notModified, true);
      const viaUrl = await create({ url: `file://${path}`, format: 'FREETEXT' });
      assert.equal((await fetchFeed(viaUrl.id)).new, 2);
      const missing = await create({ url: join(dir, 'missing.txt'), format: 'FREETEXT' });
      assert.match((await fetchFeed(missing.id)).error ?? '', /could not be read/);
    });

    test('update and delete a feed; bad settings are refused', async () => {
      const feed = await create({ url: `${server.url}/x.csv`, format: 'CSV' });
      const updated = ok(await hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, enabled: true, valueColumns: [1, 3], delimiter: '\\t' } })).updateFeed;
      assert.deepEqual([updated.enabled, updated.valueColumns, updated.delimiter], [true, [1, 3], '\\t']);
      await expectError(hub.admin.request(CreateFeedDocument, { input: { name: feed.name, url: `${server.url}/y`, format: 'CSV' } }), 'CONFLICT', feed.name);
      await expectError(hub.admin.request(CreateFeedDocument, { input: { name: unique('f'), url: 'ftp://example.org/x', format: 'CSV' } }), 'BAD_USER_INPUT', 'ftp:');
      await expectError(hub.admin.request(CreateFeedDocument, { input: { name: unique('f'), url: `${server.url}/z`, format: 'CSV', valueColumns: [0] } }), 'BAD_USER_INPUT', 'valueColumns');
      await expectError(hub.admin.request(CreateFeedDocument, { input: { name: unique('f'), url: `${server.url}/z`, format: 'CSV', excludeRegex: '/(/' } }), 'BAD_USER_INPUT', 'exclude regex');
      assert.equal(ok(await hub.admin.request(DeleteFeedDocument, { id: feed.id })).deleteFeed, feed.id);
      await expectError(hub.admin.request(FeedDocument, { id: feed.id }), 'NOT_FOUND');
    });

    test('previewFeed types the first values without storing anything; bad limits and rules are refused', async () => {
      server.files.set('/preview.csv', { body: CSV_V1 });
      const feed = await create({ url: `${server.url}/preview.csv`, format: 'CSV', valueColumns: [2] });
      const preview = ok(await hub.admin.request(PreviewFeedDocument, { id: feed.id, limit: 2 })).previewFeed;
      assert.equal(preview.error, null);
      assert.deepEqual(preview.values.map((v) => [v.type, v.value]), [['ip-dst', '192.0.2.1'], ['ip-dst', '192.0.2.2']]);
      const after = ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed;
      assert.deepEqual([after.lastFetchAt, after.etag, after.event], [null, null, null]);
      await expectError(hub.admin.request(PreviewFeedDocument, { id: feed.id, limit: 0 }), 'BAD_USER_INPUT', 'limit must be between 1 and 500, got 0');
      await expectError(hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, rules: { tagsBlock: [' '] } } }), 'BAD_USER_INPUT', 'rules.tagsBlock');
      const missing = await create({ url: `${server.url}/nothing-here.csv`, format: 'CSV' });
      assert.match(ok(await hub.admin.request(PreviewFeedDocument, { id: missing.id })).previewFeed.error ?? '', /HTTP 404/);
    });

    test('loadDefaultFeeds adds the 84 defaults once, all disabled', async () => {
      assert.equal(ok(await hub.admin.request(LoadDefaultFeedsDocument, {})).loadDefaultFeeds, 84);
      assert.equal(ok(await hub.admin.request(LoadDefaultFeedsDocument, {})).loadDefaultFeeds, 0);
      const all = ok(await hub.admin.request(FeedsDocument, {})).feeds;
      const defaults = all.filter((f) => f.provider !== '');
      assert.equal(defaults.length, 84);
      assert.ok(defaults.every((f) => !f.enabled));
      const feodo = all.find((f) => /feodo/i.test(f.name) && f.format === 'CSV');
      assert.ok(feodo, 'a Feodo CSV feed is among the defaults');
    });

    test('non-admins get FORBIDDEN', async () => {
      const { client } = await orgWithUser(hub, 'ORG_ADMIN');
      await expectError(client.request(FeedsDocument, {}), 'FORBIDDEN');
      await expectError(client.request(CreateFeedDocument, { input: { name: unique('f'), url: `${server.url}/a`, format: 'CSV' } }), 'FORBIDDEN');
      await expectError(client.request(LoadDefaultFeedsDocument, {}), 'FORBIDDEN');
      const feed = await create({ url: `${server.url}/forbidden.csv`, format: 'CSV' }); // one feed per URL: not ips.csv again
      await expectError(client.request(FetchFeedDocument, { id: feed.id }), 'FORBIDDEN');
      await expectError(client.request(DeleteFeedDocument, { id: feed.id }), 'FORBIDDEN');
      await expectError(client.request(EnableFeedDocument, { id: feed.id }), 'FORBIDDEN');
      await expectError(client.request(FetchAllFeedsDocument, {}), 'FORBIDDEN');
      await expectError(client.request(PreviewFeedDocument, { id: feed.id }), 'FORBIDDEN');
      assert.equal(ok(await hub.admin.request(FeedDocument, { id: feed.id })).feed.enabled, false);
    });
  });
}
