import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddAttributesDocument, AddSightingDocument, CreateEventDocument, PublishEventDocument, SyncSightingsDocument, SyncSightingsQuery } from '../../src/generated/graphql';
import { SIGHTING_SCAN_PER_ROW } from '../../src/modules/peer/sync-sightings.service';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, startTestHub, TestHub, unique, userIn } from '../support/hub';

/**
 * Sighting deltas (syncSightings) read only the log's sighting rows (issue 16): a page holds up to
 * `first` sightings and looks through at most `first` × SIGHTING_SCAN_PER_ROW change rows. Walking the
 * pages gives every visible sighting exactly once, in log order, across long runs of other changes; a
 * page that finds none in its window still moves the cursor, and the last page says there is no more.
 */
for (const database of testDatabases()) {
  describe(`sync sighting deltas, paging (${database.name})`, { timeout: 180_000 }, () => {
    let hub: TestHub;
    let owner: OrgWithUser;
    let syncKey: string;
    const expected: string[] = [];

    before(async () => {
      hub = await startTestHub(database);
      owner = await orgWithUser(hub, 'PUBLISHER');
      // The sync user of the owner's organisation sees its sightings under any sighting policy.
      syncKey = (await userIn(hub, owner.orgId, 'SYNC_USER')).key;
      const eventId = ok(await owner.client.request(CreateEventDocument, { input: { info: unique('paged sightings'), distribution: 'ALL_COMMUNITIES' } })).createEvent.id;
      // Runs of attribute changes (more than one window of a page of one) between the sightings.
      const run = SIGHTING_SCAN_PER_ROW + 30;
      for (let k = 0; k < 3; k++) {
        const attributes = Array.from({ length: run }, (_, i) => ({ type: 'ip-dst', value: `10.77.${k}.${i}` }));
        const [first] = ok(await owner.client.request(AddAttributesDocument, { eventId, attributes })).addAttributes;
        for (let j = 0; j < 2; j++) {
          const [s] = ok(await owner.client.request(AddSightingDocument, { input: { attributeId: first.id, type: 'SIGHTING', source: `run ${k}.${j}` } })).addSighting;
          expected.push(s.id);
        }
      }
      // Sightings travel for published events (adding attributes unpublishes). Then changes after the last
      // sighting: the walk ends past them.
      ok(await owner.client.request(PublishEventDocument, { id: eventId }));
      ok(await owner.client.request(CreateEventDocument, { input: { info: unique('after the sightings'), distribution: 'ALL_COMMUNITIES' } }));
    });
    after(() => hub?.stop());

    const walk = async (first: number) => {
      const seen: string[] = [];
      let since: string | null = null;
      let pages = 0;
      let emptyPages = 0;
      for (;;) {
        const page: SyncSightingsQuery['syncSightings'] = ok(await hub.client(syncKey).request(SyncSightingsDocument, { since, first })).syncSightings;
        pages++;
        if (!page.sightings.length) emptyPages++;
        assert.ok(page.sightings.length <= first, `a page holds at most ${first} sightings, got ${page.sightings.length}`);
        assert.notEqual(page.cursor, since, `the cursor moves on every page (stuck at ${since})`);
        seen.push(...page.sightings.map((s) => s.id));
        since = page.cursor;
        if (!page.hasMore) break;
        assert.ok(pages < 100, 'the walk ends');
      }
      const again = ok(await hub.client(syncKey).request(SyncSightingsDocument, { since, first })).syncSightings;
      assert.deepEqual([again.sightings.length, again.hasMore, again.cursor], [0, false, since], 'nothing after the last cursor');
      return { seen, pages, emptyPages };
    };

    test('every sighting once, in order, a page of one sighting at a time across runs longer than its window', async () => {
      const { seen, emptyPages } = await walk(1);
      assert.deepEqual(seen, expected);
      assert.ok(emptyPages >= 1, 'a window with no sighting in it gives an empty page that moves the cursor');
    });

    test('a larger page takes several sightings and skips the other changes in one request', async () => {
      const { seen, pages } = await walk(10);
      assert.deepEqual(seen, expected);
      assert.equal(pages, 1, `one page for ${expected.length} sightings among ~${3 * (SIGHTING_SCAN_PER_ROW + 30)} changes`);
    });
  });
}
