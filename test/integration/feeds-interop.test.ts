/**
 * Interop through the service: real feed files of ../shared/realworld/feeds served by a local HTTP server
 * (read from there at request time, never copied), fetched with the hub's fetchFeed, checked through the
 * API. Expected counts are derived from the files here, with checks independent of the hub's parsers.
 * Registered only when ../shared/realworld exists (CI has it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttributesDocument, AttributesQuery, AttributesQueryVariables, CreateFeedDocument, CreateFeedInput, EventDocument, FetchFeedDocument, LoadDefaultFeedsDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, startTestHub, TestHub, unique } from '../support/hub';
import { hasRealworld, REALWORLD_DIR, realworldSkip } from '../support/paths';

const FEEDS = join(REALWORLD_DIR, 'feeds');
const ABUSE = join(FEEDS, 'abuse.ch');

type RawAttribute = { type: string; category?: string; value: string; uuid?: string };
type RawEvent = { Event: { uuid: string; Attribute?: RawAttribute[]; Object?: Array<{ Attribute?: RawAttribute[] }> } };

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifestKeys = (dir: string) => Object.keys(readJson<Record<string, unknown>>(join(dir, 'manifest.json')));
const attributesIn = (e: RawEvent) => [...(e.Event.Attribute ?? []), ...(e.Event.Object ?? []).flatMap((o) => o.Attribute ?? [])];

/** Cells of the non-comment lines of a CSV file (quotes and the spaces of `", "` separators removed). */
const csvCells = (file: string) =>
  readFileSync(join(ABUSE, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
const distinct = <T>(xs: T[]) => [...new Set(xs)];

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

if (hasRealworld()) {
  for (const database of testDatabases()) {
    describe(`realworld feeds through the hub (${database.name})`, () => {
      let hub: TestHub;
      const server = new FeedFixtureServer();

      before(async () => {
        hub = await startTestHub(database);
        server.mount('/infoblox/', join(FEEDS, 'misp-feed-infoblox'));
        server.mount('/pymisp/', join(FEEDS, 'misp-feed-pymisp-generated'));
        server.mount('/quirky/', join(FEEDS, 'misp-feed-rss2ioc-quirky'));
        // The same quirky feed, with its event files where MISP looks for them (<url>/<uuid>.json).
        server.mount('/quirky-relocated/', join(FEEDS, 'misp-feed-rss2ioc-quirky'), (rest) => (rest === 'manifest.json' ? rest : `events/${rest}`));
        server.mount('/abuse/', ABUSE);
        await server.start();
      });
      after(async () => {
        await server.stop();
        await hub?.stop();
      });

      const create = async (input: Partial<CreateFeedInput> & Pick<CreateFeedInput, 'url' | 'format'>) =>
        ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('rw'), ...input } })).createFeed;
      const fetchFeed = async (id: string) => ok(await hub.admin.request(FetchFeedDocument, { id })).fetchFeed;
      const count = async (eventId: string) => ok(await hub.admin.request(AttributesDocument, { filter: { eventId }, first: 1 })).attributes.totalCount;
      const storedValues = async (eventId: string) => {
        const out: Array<{ type: string; value: string }> = [];
        let after: string | null | undefined = null;
        for (;;) {
          const res: Awaited<ReturnType<typeof hub.admin.request<AttributesQuery, AttributesQueryVariables>>> = await hub.admin.request(AttributesDocument, { filter: { eventId }, first: 500, after });
          const page = ok(res).attributes;
          out.push(...page.edges.map((e) => ({ type: e.node.type, value: e.node.value })));
          if (!page.pageInfo.hasNextPage) return out;
          after = page.pageInfo.endCursor;
        }
      };

      test('Infoblox MISP feed: 26 events, each with the attributes of its file (a malformed one reported, in-event duplicates skipped, as MISP: 2,471 stored)', async () => {
        const dir = join(FEEDS, 'misp-feed-infoblox');
        const uuids = manifestKeys(dir);
        const feed = await create({ url: `${server.url}/infoblox/`, format: 'MISP' });
        const r = await fetchFeed(feed.id);
        assert.equal(r.error, null);
        assert.equal(r.eventsCreated, uuids.length);
        assert.equal(uuids.length, 26);
        let total = 0;
        let malformed = 0;
        let duplicates = 0;
        for (const uuid of uuids) {
          const attrs = attributesIn(readJson<RawEvent>(join(dir, `${uuid}.json`)));
          // A filename|sha256 must hold a 64-hex digest after the "|" (the real feed has one that does not).
          const bad = attrs.filter((a) => a.type === 'filename|sha256' && !/\|[0-9a-f]{64}$/i.test(a.value)).length;
          // MISP's rule: one attribute per type, category and value in an event (this feed has no objects).
          const good = attrs.filter((a) => !(a.type === 'filename|sha256' && !/\|[0-9a-f]{64}$/i.test(a.value)));
          const once = new Set(good.map((a) => `${a.type}\u0000${a.category}\u0000${a.value}`)).size;
          malformed += bad;
          duplicates += good.length - once;
          total += once;
          assert.equal(await count(uuid), once, uuid);
        }
        assert.deepEqual([r.new, r.invalid, r.skipped], [total, malformed, duplicates]);
        // What MISP itself stores from this feed (seven in-event duplicates left out).
        assert.deepEqual([total, duplicates], [2471, 7]);
        assert.ok(r.problems.some((p) => p.includes('filename|sha256')));
        const one = ok(await hub.admin.request(EventDocument, { id: uuids[0] })).event!;
        const raw = readJson<{ Event: { Orgc: { uuid: string; name: string } } }>(join(dir, `${uuids[0]}.json`));
        assert.deepEqual([one.creatorOrg.id, one.creatorOrg.name], [raw.Event.Orgc.uuid, raw.Event.Orgc.name]);

        // Again: the manifest is unchanged (304), nothing downloaded or written.
        const downloads = server.downloads;
        const again = await fetchFeed(feed.id);
        assert.deepEqual([again.notModified, again.new, server.downloads], [true, 0, downloads]);
      });

      test('PyMISP-generated feed: 8 events, object attributes included', async () => {
        const dir = join(FEEDS, 'misp-feed-pymisp-generated');
        const uuids = manifestKeys(dir);
        const feed = await create({ url: `${server.url}/pymisp`, format: 'MISP' });
        const r = await fetchFeed(feed.id);
        assert.equal(r.error, null, JSON.stringify(r.problems));
        assert.equal(r.eventsCreated, uuids.length);
        let total = 0;
        for (const uuid of uuids) {
          const n = attributesIn(readJson<RawEvent>(join(dir, `${uuid}.json`))).length;
          total += n;
          assert.equal(await count(uuid), n, uuid);
        }
        assert.deepEqual([r.new, r.invalid], [total, 0]);
      });

      test('quirky feed: every bad event reported, nothing stored', async () => {
        const dir = join(FEEDS, 'misp-feed-rss2ioc-quirky');
        const uuids = manifestKeys(dir);
        // As published: the event files are not where MISP looks for them (404 for each).
        const asIs = await fetchFeed((await create({ url: `${server.url}/quirky/`, format: 'MISP' })).id);
        assert.equal(asIs.eventsFailed, uuids.length);
        assert.deepEqual([asIs.eventsCreated, asIs.new], [0, 0]);
        assert.ok(uuids.slice(0, 5).every((u) => asIs.problems.some((p) => p.includes(u) && p.includes('HTTP 404'))));
        assert.match(asIs.error ?? '', new RegExp(`${uuids.length} event\\(s\\) could not be stored`));

        // Relocated: the files are read, but every attribute has the invalid type "urls".
        const files = readdirSync(join(dir, 'events'));
        const attrs = files.flatMap((f) => attributesIn(readJson<RawEvent>(join(dir, 'events', f))));
        assert.ok(attrs.every((a) => a.type === 'urls'));
        const relocated = await fetchFeed((await create({ url: `${server.url}/quirky-relocated/`, format: 'MISP' })).id);
        assert.deepEqual([relocated.eventsFailed, relocated.eventsCreated, relocated.new, relocated.invalid], [uuids.length, 0, 0, attrs.length]);
        for (const uuid of uuids) {
          const res = await hub.admin.request(EventDocument, { id: uuid });
          assert.equal(res.errors?.[0]?.extensions?.code, 'NOT_FOUND', uuid);
        }
      });

      // [name, file, value columns, expected values derived from the file, expected types]
      const CSV: Array<[string, string, number[], () => string[], string[]]> = [
        ['Feodo', 'feodo_ipblocklist.csv', [2], () => distinct(csvCells('feodo_ipblocklist.csv').map((c) => c[1]).filter((v) => IPV4.test(v))), ['ip-dst']],
        ['SSLBL', 'sslbl_sslblacklist.csv', [2], () => distinct(csvCells('sslbl_sslblacklist.csv').map((c) => c[1].toLowerCase()).filter((v) => /^[0-9a-f]{40}$/.test(v))), ['sha1']],
        ['URLhaus', 'urlhaus_csv_recent_excerpt.csv', [3], () => distinct(csvCells('urlhaus_csv_recent_excerpt.csv').map((c) => c[2]).filter((v) => /^https?:\/\//.test(v))), ['url']],
        [
          'MalwareBazaar',
          'malwarebazaar_full_dump_sample.csv',
          [2, 3, 4],
          () => distinct(csvCells('malwarebazaar_full_dump_sample.csv').flatMap((c) => c.slice(1, 4)).map((v) => v.toLowerCase()).filter((v) => /^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/.test(v))),
          ['md5', 'sha1', 'sha256'],
        ],
        ['ThreatFox', 'threatfox_csv_full_excerpt.csv', [3], () => distinct(csvCells('threatfox_csv_full_excerpt.csv').map((c) => c[2])), ['url', 'ip-dst|port', 'domain', 'hostname', 'md5', 'sha256', 'sha1']],
      ];
      for (const [name, file, valueColumns, expected, types] of CSV) {
        test(`${name} CSV (value columns ${valueColumns.join(',')}): every value stored once, typed`, async () => {
          const want = expected();
          assert.ok(want.length > 0, `${file}: values expected`);
          const feed = await create({ url: `${server.url}/abuse/${file}`, format: 'CSV', valueColumns });
          const r = await fetchFeed(feed.id);
          assert.equal(r.error, null);
          assert.equal(r.new, want.length, `${file}: ${r.new} stored, ${want.length} in the file (invalid ${r.invalid})`);
          const stored = await storedValues(r.eventId!);
          assert.equal(stored.length, want.length);
          for (const s of stored) assert.ok(types.includes(s.type), `${file}: ${s.type} ${s.value}`);
          if (name !== 'URLhaus' && name !== 'ThreatFox') assert.deepEqual(stored.map((s) => s.value).sort(), [...want].sort());
        });
      }

      test('the default list loads as many feeds as MISP\'s defaults.json has', async () => {
        const defaults = readJson<unknown[]>(join(FEEDS, 'misp-feed-metadata', 'defaults.json'));
        assert.equal(ok(await hub.admin.request(LoadDefaultFeedsDocument, {})).loadDefaultFeeds, defaults.length);
        assert.equal(defaults.length, 84);
      });
    });
  }
} else {
  test('realworld feeds through the hub', { skip: realworldSkip() }, () => {});
}
