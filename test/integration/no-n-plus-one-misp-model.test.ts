import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  AddAttributesDocument,
  AddEventReportDocument,
  CreateEventDocument,
  EventsWithMispModelDocument,
  ProposeAttributeChangeDocument,
  ProposeAttributeDocument,
} from '../../src/generated/graphql';
import { upsertClusters } from '../../src/modules/galaxy/galaxy.service';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/**
 * "No N+1" for the lists issue 12 adds under events and attributes (reports, proposals, galaxy clusters):
 * the SQL statements of events(first: N){ reports proposals galaxyClusters attributes { proposals galaxyClusters } }
 * do not grow with N (see no-n-plus-one.test.ts for the method).
 */
for (const database of testDatabases()) {
  describe(`query count: reports, proposals, galaxy clusters (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let B: OrgWithUser;
    let counting = false;
    let statements = 0;

    before(async () => {
      const background = /update\s+`?api_keys|from\s+`?(changes|peers)`?\s/i;
      // ACCESS_RECHECK_MS: the authentication cache keeps its entries for the whole test (a re-read mid-test
      // would add the per-request authentication statements to one count and not the other).
      hub = await startTestHub(database, { CHANGE_POLL_MS: '60000', ACCESS_RECHECK_MS: '300000' }, { onQuery: (sql) => counting && !background.test(sql) && statements++ });
      [A, B] = await Promise.all([orgWithUser(hub, 'PUBLISHER'), orgWithUser(hub, 'USER')]);
      const cluster = (type: string, value: string) => ({
        id: randomUUID(),
        tagName: `misp-galaxy:${type}="${value}"`,
        version: '1',
        galaxy: JSON.stringify({ name: type, type, namespace: 'misp' }),
        data: JSON.stringify({ type, value, meta: {} }),
      });
      const [ev, at] = [cluster('threat-actor', 'N1 actor'), cluster('tool', 'N1 tool')];
      const em = hub.app.hub.em.fork();
      await em.transactional((t) => upsertClusters(t, [ev, at]));
      for (let i = 0; i < 21; i++) {
        const e = ok(await A.client.request(CreateEventDocument, { input: { info: `n+1 ${i}`, distribution: 'COMMUNITY_ONLY', tags: [ev.tagName] } })).createEvent;
        const attrs = ok(
          await A.client.request(AddAttributesDocument, {
            eventId: e.id,
            attributes: [0, 1].map((j) => ({ type: 'domain', value: `m${j}.e${i}.example.com`, tags: [at.tagName] })),
          }),
        ).addAttributes;
        ok(await A.client.request(AddEventReportDocument, { input: { eventId: e.id, name: `r${i}`, content: 'x' } }));
        ok(await B.client.request(ProposeAttributeDocument, { input: { eventId: e.id, type: 'ip-dst', value: `192.0.2.${i + 1}` } }));
        ok(await B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0].id, comment: 'c' } }));
      }
    });
    after(() => hub?.stop());

    const count = async (first: number) => {
      statements = 0;
      counting = true;
      const data = ok(await B.client.request(EventsWithMispModelDocument, { first }));
      counting = false;
      assert.equal(data.events.edges.length, first);
      for (const { node } of data.events.edges) {
        assert.deepEqual([node.reports.length, node.proposals.length, node.galaxyClusters.length], [1, 2, 1]);
        assert.deepEqual(node.attributes.map((a) => [a.proposals.length, a.galaxyClusters.length]), [[1, 1], [0, 1]]);
      }
      return statements;
    };

    test('statement count is the same for N and 2N events', async () => {
      await count(20); // warm-up
      const five = await count(5);
      const ten = await count(10);
      const twenty = await count(20);
      assert.ok(five > 0);
      assert.equal(ten, five, `5 events: ${five} statements, 10 events: ${ten}`);
      assert.equal(twenty, five, `5 events: ${five} statements, 20 events: ${twenty}`);
    });
  });
}
