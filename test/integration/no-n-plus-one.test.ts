import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddAttributesDocument, CreateEventDocument, EventsWithAttributesDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/** "No N+1": the SQL statements of events(first: N){ attributes { tags } ownerOrg … } do not grow with N. */
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
      hub = await startTestHub(database, { CHANGE_POLL_MS: '60000' }, { onQuery: (sql) => counting && !background.test(sql) && statements++ });
      A = await orgWithUser(hub, 'PUBLISHER');
      // 21 events: every measured page (5, 10, 20) is then a full first page, which needs its count query
      // (a first page that is not full takes its length as totalCount).
      for (let i = 0; i < 21; i++) {
        const e = ok(await A.client.request(CreateEventDocument, { input: { info: `n+1 ${i}`, distribution: 'COMMUNITY_ONLY', tags: [`tlp:green`, `n1:${i}`] } })).createEvent;
        ok(
          await A.client.request(AddAttributesDocument, {
            eventId: e.id,
            attributes: [0, 1, 2].map((j) => ({ type: 'domain', value: `d${j}.e${i}.example.com`, tags: [`a:${j}`] })),
          }),
        );
      }
    });
    after(() => hub?.stop());

    const count = async (first: number) => {
      statements = 0;
      counting = true;
      const data = ok(await A.client.request(EventsWithAttributesDocument, { first }));
      counting = false;
      assert.equal(data.events.edges.length, first);
      assert.ok(data.events.edges.every((e) => e.node.attributes.length === 3 && e.node.attributes[0].tags.length === 1));
      return statements;
    };

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
