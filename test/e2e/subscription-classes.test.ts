import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import {
  AddAttributesDocument,
  AttributeInput,
  CreateEventDocument,
  CreateSharingGroupDocument,
  Distribution,
  RemoveSharingGroupOrganisationDocument,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { headCursor, ok, orgWithUser, startTestHub, TestHub, unique, userIn } from '../support/hub';
import { connectWs, LiveSubscription, WsTestClient } from '../support/ws-client';

/**
 * The live fan-out executes each item once per subscription and access class and shares the frame
 * (src/server/live-fanout.ts). These tests check what sharing must never change: a subscriber gets
 * the frame of its own rights — nested data included — and a membership change moves it to another
 * class at once, without taking the others of its former class along or leaving it behind.
 */

interface Added {
  attributeAdded: { id: string; value: string; event: { id: string; attributes: Array<{ value: string }> } };
}

/** One document for everyone; `event.attributes` differs by organisation (the owner sees its private ones). */
const LIVE = parse(`
  subscription Live($since: String) {
    attributeAdded(since: $since) { id value event { id attributes { value } } }
  }
`) as unknown as TypedDocumentNode<Added, { since?: string }>;


async function createEvent(client: GraphqlClient, info: string, distribution: Distribution, sharingGroupId?: string) {
  return ok(await client.request(CreateEventDocument, { input: { info, distribution, ...(sharingGroupId ? { sharingGroupId } : {}) } })).createEvent;
}

async function add(client: GraphqlClient, eventId: string, attributes: AttributeInput[]) {
  return ok(await client.request(AddAttributesDocument, { eventId, attributes })).addAttributes;
}

const values = (s: LiveSubscription<Added>) => s.items.map((i) => i.attributeAdded.value);

for (const database of testDatabases()) {
  describe(`live fan-out: frames shared per access class (${database.name})`, { timeout: 60_000 }, () => {
    let hub: TestHub;
    const open: WsTestClient[] = [];
    const ws = (key: string) => {
      const c = connectWs(hub.url, key);
      open.push(c);
      return c;
    };
    before(async () => {
      hub = await startTestHub(database);
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((c) => c.dispose()));
    });
    after(async () => {
      await hub?.stop();
    });

    test('one query, three subscribers in two organisations: each gets the frame of its own organisation', async () => {
      const owner = await orgWithUser(hub, 'PUBLISHER');
      const a1 = await userIn(hub, owner.orgId, 'USER');
      const a2 = await userIn(hub, owner.orgId, 'USER');
      const other = await orgWithUser(hub, 'USER');
      const run = unique('cls');
      const e = await createEvent(owner.client, `${run} community`, 'COMMUNITY_ONLY');
      await add(owner.client, e.id, [{ type: 'text', value: `${run} secret before`, distribution: 'ORGANISATION_ONLY' }]);
      const since = await headCursor(hub);

      const subA1 = ws(a1.key).subscribe(LIVE, { since }, 'org A, first user');
      const subA2 = ws(a2.key).subscribe(LIVE, { since }, 'org A, second user');
      const subB = ws(other.key).subscribe(LIVE, { since }, 'org B');
      const arrived = (value: string) =>
        Promise.all([subA1, subA2, subB].map((s) => s.waitForItem((i) => i.attributeAdded.value === value, 10_000, value)));
      await add(owner.client, e.id, [{ type: 'text', value: `${run} public 1` }]);
      await arrived(`${run} public 1`); // its nested data is then settled (nothing else written meanwhile)
      await add(owner.client, e.id, [{ type: 'text', value: `${run} secret 2`, distribution: 'ORGANISATION_ONLY' }]);
      await add(owner.client, e.id, [{ type: 'text', value: `${run} public 3` }]);
      await arrived(`${run} public 3`);

      assert.deepEqual(values(subA1), [`${run} public 1`, `${run} secret 2`, `${run} public 3`]);
      assert.deepEqual(values(subB), [`${run} public 1`, `${run} public 3`], 'the other organisation never gets the private attribute');
      // Nested data follows the subscriber's rights: the event's private attributes only for its owner org.
      const nested = (s: LiveSubscription<Added>) => s.items[0].attributeAdded.event.attributes.map((x) => x.value).sort();
      assert.deepEqual(nested(subA1), [`${run} public 1`, `${run} secret before`]);
      assert.deepEqual(nested(subB), [`${run} public 1`]);
      // Same rights, same query: the very same payloads.
      assert.deepEqual(subA2.items, subA1.items);
    });

    test('an organisation removed from a sharing group stops receiving its data at once; a member of the same query keeps it', async () => {
      const owner = await orgWithUser(hub, 'ORG_ADMIN');
      const b = await orgWithUser(hub, 'USER');
      const b2 = await userIn(hub, b.orgId, 'USER');
      const c = await orgWithUser(hub, 'USER');
      const run = unique('mem');
      const sg = ok(await owner.client.request(CreateSharingGroupDocument, { input: { name: unique('sg'), organisationIds: [b.orgId, c.orgId] } }))
        .createSharingGroup.id;
      const sgEvent = await createEvent(owner.client, `${run} sg`, 'SHARING_GROUP', sg);
      const open_ = await createEvent(owner.client, `${run} open`, 'COMMUNITY_ONLY');
      const since = await headCursor(hub);
      const subB1 = ws(b.key).subscribe(LIVE, { since }, 'org B, first user');
      const subB2 = ws(b2.key).subscribe(LIVE, { since }, 'org B, second user');
      const subC = ws(c.key).subscribe(LIVE, { since }, 'org C');

      await add(owner.client, sgEvent.id, [{ type: 'text', value: `${run} sg 1` }]);
      await add(owner.client, open_.id, [{ type: 'text', value: `${run} marker 1` }]);
      for (const s of [subB1, subB2, subC]) await s.waitForItem((i) => i.attributeAdded.value === `${run} marker 1`, 10_000, 'marker 1');

      ok(await owner.client.request(RemoveSharingGroupOrganisationDocument, { sharingGroupId: sg, organisationId: b.orgId }));
      // Written right after the removal returned: no delivery of it may reach org B any more.
      await add(owner.client, sgEvent.id, [{ type: 'text', value: `${run} sg 2` }]);
      await add(owner.client, open_.id, [{ type: 'text', value: `${run} marker 2` }]);
      for (const s of [subB1, subB2, subC]) await s.waitForItem((i) => i.attributeAdded.value === `${run} marker 2`, 10_000, 'marker 2');

      const expectB = [`${run} sg 1`, `${run} marker 1`, `${run} marker 2`];
      assert.deepEqual(values(subB1), expectB);
      assert.deepEqual(values(subB2), expectB);
      assert.deepEqual(values(subC), [`${run} sg 1`, `${run} marker 1`, `${run} sg 2`, `${run} marker 2`], 'org C is still a member');
    });
  });
}
