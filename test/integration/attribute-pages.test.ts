import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/**
 * `Event.attributes(first)` over a page of events is read in one batch (src/server/loaders.ts): one
 * plain read when the events' pages hold all their attributes, each event's page cut in SQL when some
 * event has more. Either way every event gets its own oldest `first` visible attributes: a long event
 * never crowds a short one out, and another organisation sees only what it may.
 */

const CREATE_EVENT = 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }';
const ADD = 'mutation($e: ID!, $a: [AttributeInput!]!) { addAttributes(eventId: $e, attributes: $a) { id } }';
const PAGES = `query($ids: [ID!], $first: Int) {
  events(filter: { ids: $ids }, first: 10) { edges { node { id attributes(first: $first) { id value } } } }
}`;

type Pages = { events: { edges: { node: { id: string; attributes: { id: string; value: string }[] } }[] } };

for (const database of testDatabases()) {
  describe(`Event.attributes pages in one batch (${database.name})`, { timeout: 120_000 }, () => {
    let hub: TestHub;
    before(async () => {
      hub = await startTestHub(database);
    });
    after(async () => {
      await hub?.stop();
    });

    test('each event gets its oldest `first` attributes, whether the batch is read plainly or cut per event', async () => {
      const owner = await orgWithUser(hub, 'PUBLISHER');
      const reader = await orgWithUser(hub, 'USER');
      const event = async (values: string[], distribution = 'COMMUNITY_ONLY') => {
        const id = ok(await owner.client.raw<{ createEvent: { id: string } }>(CREATE_EVENT, { input: { info: unique('ev'), distribution } })).createEvent.id;
        // One attribute per call: ids (and so "oldest first") follow the order of `values`.
        for (const [i, value] of values.entries()) {
          ok(await owner.client.raw(ADD, { e: id, a: [{ type: 'domain', value, distribution: i === 1 ? 'ORGANISATION_ONLY' : 'INHERIT_EVENT' }] }));
        }
        ok(await owner.client.raw('mutation($id: ID!) { publishEvent(id: $id) { id } }', { id }));
        return id;
      };
      const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}.${unique('d')}.example.com`);
      const long = names('long', 6);
      const short = names('short', 2);
      const [longId, shortId] = [await event(long), await event(short)];
      const read = async (client: typeof owner.client, first: number) => {
        const page = ok(await client.raw<Pages>(PAGES, { ids: [longId, shortId], first })).events.edges;
        return Object.fromEntries(page.map((e) => [e.node.id, e.node.attributes.map((a) => a.value)]));
      };
      // The owner sees all 8: with first 3 the batch bound (2 × 3 + 1 = 7) is reached: cut per event in SQL.
      assert.deepEqual(await read(owner.client, 3), { [longId]: long.slice(0, 3), [shortId]: short });
      // With first 5 (bound 11) the 8 are read plainly and the long event is cut to 5.
      assert.deepEqual(await read(owner.client, 5), { [longId]: long.slice(0, 5), [shortId]: short });
      // Another organisation never sees the second attribute of each event (ORGANISATION_ONLY), on either path.
      const visible = (xs: string[]) => xs.filter((_, i) => i !== 1);
      assert.deepEqual(await read(reader.client, 2), { [longId]: visible(long).slice(0, 2), [shortId]: visible(short) });
      assert.deepEqual(await read(reader.client, 6), { [longId]: visible(long), [shortId]: visible(short) });
    });
  });
}
