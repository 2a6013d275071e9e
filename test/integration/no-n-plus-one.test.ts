import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddAttributesDocument, AddObjectDocument, CreateEventDocument, EventsWithAttributesDocument, EventsWithObjectsDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/**
 * "No N+1": the SQL statements of events(first: N){ attributes { tags } ownerOrg … } and of
 * events(first: N){ objects { attributes { object } references } objectCount } do not grow with N.
 */
for (const database of testDatabases()) {
  describe(`query count (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let counting = false;
    let statements = 0;

    before(async () => {
      // Not part of the query being measured: the once-a-minute last-used write of the API key, and the
      // hub's background readers (change feed, push-on-change scheduler), which never touch the
      // tables the query reads.
      const background = /update\s+`?api_keys|from\s+`?(changes|peers)`?\s/i;
      // ACCESS_RECHECK_MS: the authentication cache keeps its entries for the whole test (a re-read mid-test
      // would add the per-request authentication statements to one count and not the other).
      hub = await startTestHub(database, { CHANGE_POLL_MS: '60000', ACCESS_RECHECK_MS: '300000' }, { onQuery: (sql) => counting && !background.test(sql) && statements++ });
      A = await orgWithUser(hub, 'PUBLISHER');
      // 21 events: every measured page (5, 10, 20) is then a full first page, which needs its count query
      // (a first page that is not full takes its length as totalCount).
      for (let i = 0; i < 21; i++) {
        const e = ok(await A.client.request(CreateEventDocument, { input: { info: `n+1 ${i}`, distribution: 'COMMUNITY_ONLY', tags: [`tlp:green`, `n1:${i}`] } })).createEvent;
        const [first] = ok(
          await A.client.request(AddAttributesDocument, {
            eventId: e.id,
            attributes: [0, 1, 2].map((j) => ({ type: 'domain', value: `d${j}.e${i}.example.com`, tags: [`a:${j}`] })),
          }),
        ).addAttributes;
        // Two objects per event, each with two attributes and a reference to the event's first attribute.
        for (const k of [0, 1]) {
          ok(
            await A.client.request(AddObjectDocument, {
              input: {
                eventId: e.id,
                name: 'domain-ip',
                metaCategory: 'network',
                attributes: [
                  { objectRelation: 'domain', type: 'domain', value: `o${k}.e${i}.example.com` },
                  { objectRelation: 'ip', type: 'ip-dst', value: `192.0.2.${k + 1}` },
                ],
                references: [{ targetId: first.id, relationshipType: 'resolves-to' }],
              },
            }),
          );
        }
      }
    });
    after(() => hub?.stop());

    const count = async (first: number) => {
      statements = 0;
      counting = true;
      const data = ok(await A.client.request(EventsWithAttributesDocument, { first }));
      counting = false;
      assert.equal(data.events.edges.length, first);
      // 3 attributes of the event and 2 × 2 of its objects.
      assert.ok(data.events.edges.every((e) => e.node.attributes.length === 7 && e.node.attributes[0].tags.length === 1));
      return statements;
    };

    const countObjects = async (first: number) => {
      statements = 0;
      counting = true;
      const data = ok(await A.client.request(EventsWithObjectsDocument, { first }));
      counting = false;
      assert.equal(data.events.edges.length, first);
      for (const { node } of data.events.edges) {
        assert.equal(node.objectCount, 2);
        assert.ok(node.objects.every((o) => o.attributes.length === 2 && o.attributes.every((a) => a.object?.id === o.id) && o.references.length === 1));
      }
      return statements;
    };

    test('objects: statement count is the same for N and 2N events', async () => {
      await countObjects(20);
      const five = await countObjects(5);
      const ten = await countObjects(10);
      const twenty = await countObjects(20);
      assert.ok(five > 0);
      assert.equal(ten, five, `5 events: ${five} statements, 10 events: ${ten}`);
      assert.equal(twenty, five, `5 events: ${five} statements, 20 events: ${twenty}`);
    });

    test('statement count is the same for N and 2N events', async () => {
      await count(20); // warm-up: the database pool may open connections (their setup statements are not the query's)
      const five = await count(5);
      const ten = await count(10);
      const twenty = await count(20);
      assert.ok(five > 0);
      assert.equal(ten, five, `5 events: ${five} statements, 10 events: ${ten}`);
      assert.equal(twenty, five, `5 events: ${five} statements, 20 events: ${twenty}`);
    });
  });
}
