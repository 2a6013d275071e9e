/**
 * The whole MISP event through the MISP feed path: the real PyMISP-generated and Infoblox feeds of
 * ../shared/realworld/feeds served by a local HTTP server, fetched with fetchFeed, and every event's
 * objects, references, clusters, attachments, sightings and proposals checked in the database against
 * the file (test/support/misp-expect.ts, the same checks as the importEvents test).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateFeedDocument, FetchFeedDocument } from '../../src/generated/graphql';
import { systemEm } from '../../src/auth/visibility-filter';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, startTestHub, TestHub, unique } from '../support/hub';
import { checkStoredEvent, StoredCounts } from '../support/misp-expect';
import { hasRealworld, REALWORLD_DIR, realworldSkip } from '../support/paths';

const FEEDS = join(REALWORLD_DIR, 'feeds');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

if (!hasRealworld()) test('MISP feeds: the whole event', { skip: realworldSkip() }, () => {});
else {
  for (const database of testDatabases()) {
    describe(`MISP feeds: the whole event in the database (${database.name})`, () => {
      let hub: TestHub;
      const server = new FeedFixtureServer();
      before(async () => {
        hub = await startTestHub(database);
        server.mount('/infoblox/', join(FEEDS, 'misp-feed-infoblox'));
        server.mount('/pymisp/', join(FEEDS, 'misp-feed-pymisp-generated'));
        await server.start();
      });
      after(async () => {
        await server.stop();
        await hub?.stop();
      });

      for (const [name, path, dir] of [
        ['PyMISP-generated', '/pymisp/', 'misp-feed-pymisp-generated'],
        ['Infoblox', '/infoblox/', 'misp-feed-infoblox'],
      ] as const) {
        test(`${name} feed: every event's parts stored as in its file; a second fetch adds nothing`, async () => {
          const feed = ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('rw'), url: `${server.url}${path}`, format: 'MISP', sourceDistribution: true } })).createFeed;
          const r = ok(await hub.admin.request(FetchFeedDocument, { id: feed.id })).fetchFeed;
          assert.equal(r.error, null, JSON.stringify(r.problems));
          const uuids = Object.keys(readJson(join(FEEDS, dir, 'manifest.json')));
          assert.equal(r.eventsCreated, uuids.length);
          const total: Partial<StoredCounts> = {};
          const em = systemEm(hub.app.orm.em.fork());
          for (const uuid of uuids) {
            const c = await checkStoredEvent(em, readJson(join(FEEDS, dir, `${uuid}.json`)));
            for (const [k, v] of Object.entries(c)) total[k as keyof StoredCounts] = (total[k as keyof StoredCounts] ?? 0) + v;
          }
          if (name === 'PyMISP-generated') assert.ok(total.objects! > 0 && total.references! > 0, JSON.stringify(total));
          await new Promise((res) => setTimeout(res, 100)); // keep-alive timers after the in-thread SQLite checks
          const again = ok(await hub.admin.request(FetchFeedDocument, { id: feed.id })).fetchFeed;
          assert.deepEqual([again.eventsCreated, again.eventsUpdated, again.new], [0, 0, 0]);
        });
      }
    });
  }
}
