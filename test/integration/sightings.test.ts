import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddAttributesDocument,
  AddSightingDocument,
  AddSightingInput,
  AttributeSightingsDocument,
  AttributesWithSightingsDocument,
  ChangesDocument,
  ChangesPageDocument,
  CreateEventDocument,
  Distribution,
  PublishEventDocument,
  SyncIndexDocument,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { accessOrgs } from '../support/access-fixture';
import { testDatabases } from '../support/databases';
import { errorCode, expectError, ok, OrgWithUser, startTestHub, TestHub, unique, userIn } from '../support/hub';
import { connectWs } from '../support/ws-client';

/**
 * Sightings (issue 6 part 3) through the real API: MISP's default sighting policy (the event owner's
 * organisation sees every sighting of its attributes, other organisations only their own), by-value
 * fan-out to visible attributes only, bad input changing nothing, and delivery through the change log.
 */
for (const database of testDatabases()) {
  describe(`sightings (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // owner of E1 (community) and E2 (sharing group A+B)
    let B: OrgWithUser; // member of the sharing group; owner of E3 (organisation only)
    let C: OrgWithUser; // neither
    const value = '198.51.100.77';
    const attr: Record<'e1' | 'e2' | 'e3' | 'e1domain', string> = { e1: '', e2: '', e3: '', e1domain: '' };
    const event: Record<'e1' | 'e2' | 'e3', string> = { e1: '', e2: '', e3: '' };
    let statements = 0;
    let counting = false;

    const newEvent = async (o: OrgWithUser, distribution: Distribution, sharingGroupId?: string) => {
      const e = ok(await o.client.request(CreateEventDocument, { input: { info: unique('sighted'), distribution, sharingGroupId } })).createEvent;
      return e.id;
    };
    const addAttrs = async (o: OrgWithUser, eventId: string, list: Array<{ type: string; value: string }>) =>
      ok(await o.client.request(AddAttributesDocument, { eventId, attributes: list })).addAttributes.map((a) => a.id);
    const summary = async (client: GraphqlClient, id: string) => ok(await client.request(AttributeSightingsDocument, { id })).attribute!.sightings;
    const sight = (client: GraphqlClient, input: AddSightingInput) => client.request(AddSightingDocument, { input });

    before(async () => {
      const background = /update\s+`?api_keys|from\s+`?(changes|peers)`?\s/i;
      // ACCESS_RECHECK_MS: the authentication cache keeps its entries for the whole test (a re-read mid-test
      // would add the per-request authentication statements to one count and not the other).
      hub = await startTestHub(database, { ACCESS_RECHECK_MS: '300000' }, { onQuery: (sql) => counting && !background.test(sql) && statements++ });
      // The shared access fixture: A owns, B is a member of A's group SG1, C is not.
      const fx = await accessOrgs(hub, { B: 'PUBLISHER', C: 'PUBLISHER' });
      ({ A, B, C } = fx);
      event.e1 = await newEvent(A, 'COMMUNITY_ONLY');
      event.e2 = await newEvent(A, 'SHARING_GROUP', fx.sg1);
      event.e3 = await newEvent(B, 'ORGANISATION_ONLY');
      [attr.e1, attr.e1domain] = await addAttrs(A, event.e1, [
        { type: 'ip-dst', value },
        { type: 'domain', value: 'sighted.example.com' },
      ]);
      [attr.e2] = await addAttrs(A, event.e2, [{ type: 'ip-dst', value }]);
      [attr.e3] = await addAttrs(B, event.e3, [{ type: 'ip-src', value }]);
    });
    after(() => hub?.stop());

    test('policy matrix: the owner org sees every org\'s sightings, others only their own, admins all', async () => {
      const t1 = new Date('2026-01-02T03:04:05.000Z');
      const t2 = new Date('2026-02-03T04:05:06.000Z');
      const created = ok(await sight(B.client, { attributeId: attr.e1domain, type: 'SIGHTING', source: 'sensor-b', timestamp: t1.toISOString() })).addSighting;
      assert.equal(created.length, 1);
      assert.equal(created[0].attribute.id, attr.e1domain);
      assert.equal(created[0].organisation?.id, B.orgId);
      assert.equal(created[0].source, 'sensor-b');
      assert.equal(new Date(created[0].at).getTime(), t1.getTime());
      ok(await sight(C.client, { attributeId: attr.e1domain, type: 'FALSE_POSITIVE' }));
      ok(await sight(A.client, { attributeId: attr.e1domain, type: 'SIGHTING', timestamp: t2.toISOString() }));
      ok(await sight(A.client, { attributeId: attr.e1domain, type: 'EXPIRATION' }));

      const owner = await summary(A.client, attr.e1domain);
      assert.deepEqual([owner.sightingCount, owner.falsePositiveCount, owner.expirationCount], [2, 1, 1]);
      assert.equal(new Date(owner.lastSeen!).getTime(), t2.getTime());
      const b = await summary(B.client, attr.e1domain);
      assert.deepEqual([b.sightingCount, b.falsePositiveCount, b.expirationCount], [1, 0, 0]);
      assert.equal(new Date(b.lastSeen!).getTime(), t1.getTime(), 'B sees the time of its own sighting only');
      const c = await summary(C.client, attr.e1domain);
      assert.deepEqual([c.sightingCount, c.falsePositiveCount, c.expirationCount, c.lastSeen], [0, 1, 0, null]);
      const admin = await summary(hub.admin, attr.e1domain);
      assert.deepEqual([admin.sightingCount, admin.falsePositiveCount, admin.expirationCount], [2, 1, 1]);
    });

    test('an invisible attribute is NOT_FOUND, exactly like an unknown one; nothing is written', async () => {
      const before = await summary(hub.admin, attr.e2);
      const invisible = await expectError(sight(C.client, { attributeId: attr.e2, type: 'SIGHTING' }), 'NOT_FOUND');
      const unknown = await expectError(sight(C.client, { attributeId: '00000000-0000-4000-8000-000000000000', type: 'SIGHTING' }), 'NOT_FOUND');
      assert.equal(invisible.replace(attr.e2, 'X'), unknown.replace('00000000-0000-4000-8000-000000000000', 'X'));
      await expectError(sight(A.client, { attributeId: attr.e3, type: 'SIGHTING' }), 'NOT_FOUND'); // B's org-only event
      assert.deepEqual(await summary(hub.admin, attr.e2), before);
    });

    test('by value: one sighting on every attribute with that value the caller can see, and only those', async () => {
      const byC = ok(await sight(C.client, { value, type: 'SIGHTING', source: 'fan-out' })).addSighting;
      assert.deepEqual(byC.map((s) => s.attribute.id).sort(), [attr.e1].sort(), 'C sees the community event only');
      const byA = ok(await sight(A.client, { value, type: 'SIGHTING' })).addSighting;
      assert.deepEqual(byA.map((s) => s.attribute.id).sort(), [attr.e1, attr.e2].sort(), 'A: its two events, not B\'s org-only one');
      const byB = ok(await sight(B.client, { value: ` ${value} `, type: 'FALSE_POSITIVE' })).addSighting;
      assert.deepEqual(byB.map((s) => s.attribute.id).sort(), [attr.e1, attr.e2, attr.e3].sort(), 'B: community, sharing group and its own');
      // The owner of E1 counts all three organisations' reports; C only its own.
      const owner = await summary(A.client, attr.e1);
      assert.deepEqual([owner.sightingCount, owner.falsePositiveCount], [2, 1]);
      assert.deepEqual([(await summary(C.client, attr.e1)).sightingCount, (await summary(C.client, attr.e1)).falsePositiveCount], [1, 0]);
      assert.equal((await summary(B.client, attr.e3)).falsePositiveCount, 1);
    });

    test('bad input: clear errors and nothing written', async () => {
      const snapshot = async () => Promise.all([attr.e1, attr.e2, attr.e3].map((id) => summary(hub.admin, id)));
      const before = await snapshot();
      await expectError(sight(A.client, { attributeId: attr.e1, value, type: 'SIGHTING' }), 'BAD_USER_INPUT', 'exactly one of attributeId or value');
      await expectError(sight(A.client, { type: 'SIGHTING' }), 'BAD_USER_INPUT', 'exactly one of attributeId or value');
      const badType = await A.client.request(AddSightingDocument, { input: { attributeId: attr.e1, type: 'SEEN' as never } });
      assert.equal(errorCode(badType), 'BAD_USER_INPUT');
      assert.match(badType.errors![0].message, /SEEN/);
      const future = new Date(Date.now() + 24 * 3600_000).toISOString();
      await expectError(sight(A.client, { attributeId: attr.e1, type: 'SIGHTING', timestamp: future }), 'BAD_USER_INPUT', 'in the future');
      await expectError(sight(A.client, { value: '203.0.113.254', type: 'SIGHTING' }), 'NOT_FOUND', '203.0.113.254');
      await expectError(sight(A.client, { attributeId: attr.e1, type: 'SIGHTING', source: 'x'.repeat(300) }), 'BAD_USER_INPUT', 'source is too long');
      const reader = await userIn(hub, A.orgId, 'READ_ONLY');
      await expectError(sight(reader.client, { attributeId: attr.e1, type: 'SIGHTING' }), 'FORBIDDEN');
      assert.deepEqual(await snapshot(), before);
    });

    test('sightings travel in the change log, each delivered only to whom the policy allows (query and subscription)', async () => {
      const start = ok(await hub.admin.request(ChangesPageDocument, { since: '0', first: 1 })).changes;
      // The cursor at the head: page through to the end first.
      let since = start.cursor;
      for (let more = start.hasMore; more; ) {
        const p = ok(await hub.admin.request(ChangesPageDocument, { since, first: 500 })).changes;
        since = p.cursor;
        more = p.hasMore;
      }
      const ws = connectWs(hub.url, C.key);
      const live = ws.subscribe(ChangesDocument, { since }, 'C changes');
      try {
        const byB = ok(await sight(B.client, { attributeId: attr.e1, type: 'SIGHTING' })).addSighting[0].id;
        const byC = ok(await sight(C.client, { attributeId: attr.e1, type: 'SIGHTING' })).addSighting[0].id;
        const onE3 = ok(await sight(B.client, { attributeId: attr.e3, type: 'SIGHTING' })).addSighting[0].id;
        const seen = async (client: GraphqlClient) =>
          ok(await client.request(ChangesPageDocument, { since, first: 100 }))
            .changes.changes.filter((c) => c.kind === 'SIGHTING')
            .map((c) => c.id);
        assert.deepEqual(await seen(A.client), [byB, byC], 'the owner of E1 sees both, not B\'s sighting on B\'s private event');
        assert.deepEqual(await seen(B.client), [byB, onE3], 'B sees its own');
        assert.deepEqual(await seen(C.client), [byC], 'C sees its own');
        const own = await live.waitForItem((x) => x.changes.kind === 'SIGHTING', 10_000, 'a sighting change');
        assert.equal(own.changes.id, byC, 'the first sighting delivered to C is its own (B\'s was skipped)');
        assert.equal(own.changes.eventId, event.e1);
        // Deliveries are in log order: nothing after C's own reached C before it, and B's never does.
        assert.ok(!live.items.some((x) => x.changes.id === byB || x.changes.id === onE3));
      } finally {
        await ws.dispose();
      }
    });

    test('sync ignores sighting rows: the index moves past them without entries', async () => {
      ok(await A.client.request(PublishEventDocument, { id: event.e1 }));
      let since = '0';
      for (;;) {
        const p = ok(await hub.admin.request(SyncIndexDocument, { since, first: 500 })).syncIndex;
        since = p.cursor;
        if (!p.hasMore) break;
      }
      ok(await sight(A.client, { attributeId: attr.e1, type: 'SIGHTING' }));
      const page = ok(await hub.admin.request(SyncIndexDocument, { since, first: 500 })).syncIndex;
      assert.deepEqual(page.entries, []);
      assert.notEqual(page.cursor, since, 'the cursor advanced over the sighting row');
      assert.equal(page.hasMore, false);
    });

    test('a page of attributes with sightings costs the same number of statements for 2 and 8 attributes', async () => {
      const e = await newEvent(A, 'COMMUNITY_ONLY');
      const ids = await addAttrs(A, e, Array.from({ length: 8 }, (_, i) => ({ type: 'domain', value: `n1-${i}.sighted.example.org` })));
      for (const id of ids) ok(await sight(B.client, { attributeId: id, type: 'SIGHTING' }));
      const count = async (first: number) => {
        statements = 0;
        counting = true;
        const data = ok(await A.client.request(AttributesWithSightingsDocument, { filter: { eventId: e }, first }));
        counting = false;
        assert.equal(data.attributes.edges.length, first);
        assert.ok(data.attributes.edges.every((x) => x.node.sightings.sightingCount === 1));
        return statements;
      };
      await count(8);
      assert.equal(await count(2), await count(8));
    });
  });
}
