import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AddSightingDocument, PushSightingsDocument, SyncEventsDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FedHub, Gate, holdings, link, Link, pullOk, pushOk, startGate, startHubs } from '../support/federation';
import { errorCode, ok, OrgWithUser, orgWithUser } from '../support/hub';
import { buildMispModelEvent, EVENT_GALAXY_TAG, ATTRIBUTE_GALAXY_TAG, MispModelEvent } from '../support/misp-model-fixture';

/**
 * The MISP model across three hubs in one process (issue 12): what an event with objects, references,
 * reports, proposals, galaxy clusters and attachments looks like on the wire — to a pulling peer (as its
 * sync user may see it) and pushed to a peer (downgraded: CONNECTED_COMMUNITIES arrives as COMMUNITY_ONLY
 * and goes no further than B; the ORGANISATION_ONLY object, its attribute and the references to it never
 * leave A) — and sightings travelling as deltas without the event being sent again.
 *
 * TODO(lead): the receiving side of objects, references, reports, proposals and clusters is the `import`
 * helper's applyWireEvent; once it is on main, extend the push test to assert B *holds* the file object (via
 * /export/misp-json on B) and newer-wins per object (an updated object travels, an older one does not).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const database of testDatabases()) {
  describe(`federation of the MISP model, A→B→C (${database.name})`, () => {
    let A: FedHub, B: FedHub, C: FedHub;
    let gate: Gate;
    let ab: Link, bc: Link, ba: Link, abPull: Link;
    let owner: OrgWithUser, other: OrgWithUser;
    let m: MispModelEvent;
    const pushed: Json[] = [];

    before(async () => {
      [A, B, C] = await startHubs(database, ['A', 'B', 'C']);
      gate = await startGate(B.url);
      gate.onRequest = (_n, r) => {
        if (/pushEvents/.test(r.query)) pushed.push(...(((r.variables as Json)?.events ?? []) as Json[]));
      };
      ab = await link(A, B, { push: true, url: gate.url });
      bc = await link(B, C, { push: true });
      // B's sync user on A (pull wire, sightings pushed back); pushed by hand only (no push-on-change race).
      ba = await link(B, A);
      abPull = await link(A, B, { pull: true }); // A pulls sighting deltas from B
      [owner, other] = await Promise.all([orgWithUser(A, 'ORG_ADMIN'), orgWithUser(A, 'USER')]);
      m = await buildMispModelEvent(A, owner, other, { distribution: 'CONNECTED_COMMUNITIES' });
    });
    after(async () => {
      await gate?.close();
      await Promise.all([A, B, C].map((h) => h?.stop()));
    });

    test('a pulling peer gets the objects, references, reports, clusters, proposals and files its sync user may see', async () => {
      const [e] = ok(await A.client(ba.syncKey).request(SyncEventsDocument, { ids: [m.eventId] })).syncEvents;
      assert.ok(e, 'the event is pulled');
      assert.deepEqual(e.objects!.map((o) => o.id), [m.fileObject], 'the ORGANISATION_ONLY object is not sent');
      assert.ok(!e.attributes.some((a) => a.id === m.hiddenAttribute), 'nor its attribute');
      assert.deepEqual(e.attributes.filter((a) => a.objectId === m.fileObject).map((a) => a.id).sort(), [...m.fileAttributes].sort());
      assert.deepEqual(e.objects![0].references.map((r) => r.targetId).sort(), [m.ip, m.externalTarget].sort(), 'no reference to what is not sent');
      assert.deepEqual(e.reports!.map((r) => r.id), [m.reports.open]);
      assert.deepEqual(e.galaxyClusters!.map((c) => c.tagName).sort(), [EVENT_GALAXY_TAG, ATTRIBUTE_GALAXY_TAG].sort());
      assert.deepEqual(e.proposals!.map((p) => p.id).sort(), [m.proposals.onIp, m.proposals.newAttribute].sort());
      assert.deepEqual(Buffer.from(e.attributes.find((a) => a.id === m.attachment)!.data!, 'base64'), m.attachmentBytes);
      assert.equal(e.attributes.find((a) => a.id === m.ip)!.data, null);
    });

    test('pushed A→B downgraded (CONNECTED→COMMUNITY), the org-only object never leaves A, and B→C stops there', async () => {
      await pushOk(ab);
      const wire = pushed.find((w) => w.id === m.eventId);
      assert.ok(wire, 'A pushed the event to B');
      assert.equal(wire.distribution, 'COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES arrives as COMMUNITY_ONLY');
      assert.deepEqual(wire.objects.map((o: Json) => [o.id, o.distribution]), [[m.fileObject, 'ALL_COMMUNITIES']]);
      assert.ok(!JSON.stringify(wire).includes(m.hiddenObject), 'nothing names the ORGANISATION_ONLY object');
      assert.ok(!wire.attributes.some((a: Json) => a.id === m.hiddenAttribute));
      assert.deepEqual(wire.reports.map((r: Json) => r.id), [m.reports.open], 'the ORGANISATION_ONLY report stays');
      assert.deepEqual(wire.attributes.map((a: Json) => a.sightings ?? null), wire.attributes.map(() => null), 'sightings travel as deltas, not in events');
      const atB = (await holdings(B, [m.eventId])).get(m.eventId);
      assert.equal(atB?.distribution, 'COMMUNITY_ONLY');
      assert.ok(!atB?.attributes.has(m.hiddenAttribute));
      await pushOk(bc);
      assert.equal((await holdings(C, [m.eventId])).has(m.eventId), false, 'COMMUNITY_ONLY goes no further than B');
    });

    test('sightings travel as deltas: pulled and pushed without sending the event again, idempotent by uuid', async () => {
      const bUser = await orgWithUser(B, 'USER');
      ok(await bUser.client.request(AddSightingDocument, { input: { attributeId: m.ip, type: 'FALSE_POSITIVE', source: 'sensor at B' } }));
      const pulled = await pullOk(abPull);
      assert.deepEqual([pulled.created, pulled.updated], [0, 0], 'no event pulled again');
      assert.equal(pulled.sightingsCreated, 1, 'the sighting made on B arrived at A');
      const sightingsAtA = async () => {
        const res = await fetch(`${A.url.replace(/\/graphql$/, '')}/export/misp-json`, {
          method: 'POST',
          headers: { authorization: owner.key, 'content-type': 'application/json' },
          body: JSON.stringify({ filter: { eventId: m.eventId } }),
        });
        const e = ((await res.json()) as { response: Array<{ Event: Json }> }).response[0].Event;
        return e.Attribute.find((a: Json) => a.uuid === m.ip).Sighting as Json[];
      };
      const s = await sightingsAtA();
      assert.equal(s.length, 3, 'two local sightings and the one from B');
      assert.deepEqual(s.filter((x) => x.Organisation.uuid === bUser.orgId).map((x) => [x.type, x.source]), [['1', 'sensor at B']]);
      const again = await pullOk(abPull);
      assert.equal(again.sightingsCreated, 0, 'the cursor moved on');
      // B pushes its sightings to A as well (the event owner's hub): already there, skipped, no event sent.
      const back = await pushOk(ba);
      assert.deepEqual([back.created, back.updated, back.sightingsCreated], [0, 0, 0]);
      assert.equal(back.sightingsSkipped, 1, 'already known by uuid');
      assert.equal((await sightingsAtA()).length, 3);
    });

    test('a peer that lies: sightings of attributes it may not see, unknown or malformed, are skipped; a non-sync key is refused', async () => {
      const sighting = (attributeId: string, id = randomUUID()) => ({ id, attributeId, org: { id: randomUUID(), name: 'Liar' }, type: 'SIGHTING', source: null, at: new Date().toISOString() });
      const r = ok(
        await A.client(ba.syncKey).request(PushSightingsDocument, {
          hubId: B.hubId,
          sightings: [sighting(m.hiddenAttribute), sighting(randomUUID()), { ...sighting(m.ip), type: 'NOPE' }, { ...sighting(m.ip), id: 'not-a-uuid' }],
        }),
      ).pushSightings;
      assert.deepEqual(r, { created: 0, skipped: 4 });
      const refused = await other.client.request(PushSightingsDocument, { hubId: B.hubId, sightings: [sighting(m.ip)] });
      assert.equal(errorCode(refused), 'FORBIDDEN');
    });
  });
}
