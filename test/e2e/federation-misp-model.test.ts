import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AddSightingDocument, DeleteObjectDocument, PublishEventDocument, PushEventsDocument, PushSightingsDocument, SyncEventInput, SyncEventsDocument, UpdateObjectDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FedHub, Gate, holdings, link, Link, pullOk, pushOk, startGate, startHubs } from '../support/federation';
import { errorCode, ok, OrgWithUser, orgWithUser } from '../support/hub';
import { Distribution } from '../../src/shared/enums';
import { buildMispModelEvent, EVENT_GALAXY_TAG, ATTRIBUTE_GALAXY_TAG, MispModelEvent } from '../support/misp-model-fixture';

/**
 * The MISP model across three hubs in one process (issue 12): what an event with objects, references,
 * reports, proposals, galaxy clusters and attachments looks like on the wire — to a pulling peer (as its
 * sync user may see it) and pushed to a peer (downgraded: CONNECTED_COMMUNITIES arrives as COMMUNITY_ONLY
 * and goes no further than B; the ORGANISATION_ONLY object, its attribute and the references to it never
 * leave A) — and sightings travelling as deltas without the event being sent again.
 *
 * The receiving side is proven through the receivers' own GraphQL API, read by an analyst of another
 * organisation there (so access on the receiving hub is proven too): B (pushed), C (pushed on by B) and D
 * (which pulls from A) hold the objects with their attributes and references, reports, clusters, files and
 * proposals; an updated object travels, a stale copy of it does not overwrite it, a deleted object travels
 * as a tombstone (a stale copy does not bring it back), and sightings of an object attribute travel as
 * deltas. Edits travel once the event is published again (MISP: an edit unpublishes; only published events
 * are pushed). Sighting deltas flow as MISP's sighting policy lets the receiving org see them: a sighting
 * made on B reaches the event's owner on A; A's own sightings are not pushed to B (B's org neither owns
 * the event nor reported them).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Markdown over several lines (a newline is not a refused control character). */
const MULTILINE_REPORT = '# Findings\n\nThe *file* drops:\n\n- `dropper.exe`\r\n- a\ttab\n';

/** The MISP model of an event as `viewer` reads it through `hub`'s GraphQL API (null: not visible). */
const HELD_QUERY = `query Held($id: ID!) { event(id: $id) { id distribution
  galaxyClusters { id tagName value }
  reports { id name content distribution }
  proposals { id value attributeUuid }
  attributes(first: 20) { id value objectRelation distribution object { id } sightings { sightingCount } galaxyClusters { id tagName } }
  objects(first: 10) { id name metaCategory templateUuid templateVersion comment distribution deleted
    attributes(first: 10) { id value objectRelation object { id } }
    references(first: 10) { id targetUuid relationshipType } } } }`;

async function heldBy(hub: FedHub, key: string, eventId: string): Promise<Json | null> {
  const r = await hub.client(key).raw<{ event: Json | null }>(HELD_QUERY, { id: eventId });
  if (r.errors?.length === 1 && r.errors[0].extensions?.code === 'NOT_FOUND') return null; // invisible == absent
  assert.equal(r.errors, undefined, `${hub.name}: ${JSON.stringify(r.errors)}`);
  return r.data!.event;
}

/** The attachment file of `attributeId` as /export/misp-json on `hub` gives it to `key`. */
async function fileOn(hub: FedHub, key: string, eventId: string, attributeId: string): Promise<Buffer | null> {
  const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/misp-json`, {
    method: 'POST',
    headers: { authorization: key, 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { eventId } }),
  });
  assert.equal(res.status, 200);
  const e = ((await res.json()) as { response: Array<{ Event: Json }> }).response[0]?.Event;
  const a = (e?.Attribute ?? []).find((x: Json) => x.uuid === attributeId);
  return a?.data ? Buffer.from(a.data, 'base64') : null;
}

/** Asserts what a receiving hub holds of an event built by buildMispModelEvent, as an analyst of another org there. */
async function assertHolds(hub: FedHub, key: string, e: MispModelEvent, expect: { distribution: string; fileObject: string | null }) {
  const held = await heldBy(hub, key, e.eventId);
  assert.ok(held, `${hub.name} holds event ${e.eventId} and shows it to another organisation`);
  assert.equal(held.distribution, expect.distribution, `${hub.name}: event distribution`);
  const at = `${hub.name}`;
  if (expect.fileObject) {
    assert.deepEqual(held.objects.map((o: Json) => o.id), [e.fileObject], `${at}: only the file object (never the ORGANISATION_ONLY one)`);
    const o = held.objects[0];
    assert.deepEqual(
      [o.name, o.metaCategory, o.templateUuid, o.templateVersion, o.distribution, o.deleted],
      ['file', 'file', '688c46fb-5edb-40a3-8273-1af7923e2215', '22', expect.fileObject, false],
      `${at}: the file object as sent`,
    );
    assert.deepEqual(
      o.attributes.map((a: Json) => [a.id, a.objectRelation, a.object?.id]).sort(),
      [[e.fileAttributes[0], 'filename', e.fileObject], [e.fileAttributes[1], 'md5', e.fileObject]].sort(),
      `${at}: the object's attributes with their relation and object`,
    );
    assert.deepEqual(
      o.references.map((r: Json) => [r.targetUuid, r.relationshipType]).sort(),
      [[e.ip, 'communicates-with'], [e.externalTarget, 'related-to']].sort(),
      `${at}: references to what travelled (none to the ORGANISATION_ONLY object)`,
    );
  } else {
    assert.deepEqual(held.objects, [], `${at}: the file object did not come this far`);
    assert.ok(!held.attributes.some((a: Json) => e.fileAttributes.includes(a.id)), `${at}: nor its attributes`);
  }
  assert.ok(!held.attributes.some((a: Json) => a.id === e.hiddenAttribute), `${at}: no attribute of the ORGANISATION_ONLY object`);
  assert.ok(!JSON.stringify(held).includes(e.hiddenObject), `${at}: nothing names the ORGANISATION_ONLY object`);
  assert.deepEqual(held.reports.map((r: Json) => [r.id, r.name, r.content]), [[e.reports.open, 'Analysis', MULTILINE_REPORT]], `${at}: the report, multi-line content intact`);
  assert.deepEqual(held.galaxyClusters.map((c: Json) => [c.id, c.tagName]), [[e.clusters.event, EVENT_GALAXY_TAG]], `${at}: the event's galaxy cluster with its tag`);
  assert.deepEqual(
    held.attributes.find((a: Json) => a.id === e.ip)?.galaxyClusters.map((c: Json) => [c.id, c.tagName]),
    [[e.clusters.attribute, ATTRIBUTE_GALAXY_TAG]],
    `${at}: the attribute's galaxy cluster with its tag`,
  );
  assert.deepEqual(held.proposals.map((p: Json) => p.id).sort(), [e.proposals.onIp, e.proposals.newAttribute].sort(), `${at}: the proposals`);
  assert.deepEqual(await fileOn(hub, key, e.eventId, e.attachment), e.attachmentBytes, `${at}: the attachment bytes`);
}

for (const database of testDatabases()) {
  describe(`federation of the MISP model, A→B→C (${database.name})`, () => {
    let A: FedHub, B: FedHub, C: FedHub;
    let gate: Gate;
    let ab: Link, bc: Link, ba: Link, abPull: Link;
    let owner: OrgWithUser, other: OrgWithUser;
    let m: MispModelEvent;
    /** ALL_COMMUNITIES event: its ALL_COMMUNITIES file object goes A→B→C. */
    let all: MispModelEvent;
    /** ALL_COMMUNITIES event with a CONNECTED_COMMUNITIES file object: COMMUNITY_ONLY on B, absent on C. */
    let connected: MispModelEvent;
    let D: FedHub;
    let da: Link;
    const pushed: Json[] = [];

    before(async () => {
      [A, B, C, D] = await startHubs(database, ['A', 'B', 'C', 'D']);
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
      m = await buildMispModelEvent(A, owner, other, { distribution: 'CONNECTED_COMMUNITIES', reportContent: MULTILINE_REPORT });
      all = await buildMispModelEvent(A, owner, other, { distribution: 'ALL_COMMUNITIES', reportContent: MULTILINE_REPORT });
      connected = await buildMispModelEvent(A, owner, other, {
        distribution: 'ALL_COMMUNITIES',
        fileObjectDistribution: Distribution.CONNECTED_COMMUNITIES,
        reportContent: MULTILINE_REPORT,
      });
      da = await link(D, A, { pull: true }); // D pulls from A
    });
    after(async () => {
      await gate?.close();
      await Promise.all([A, B, C, D].map((h) => h?.stop()));
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

    test('the receivers hold it: B (pushed), C (pushed on by B) and D (pulled), as another organisation there sees it', async () => {
      // (the push test above ran A→B and B→C)
      const [bUser, cUser, dUser] = await Promise.all([orgWithUser(B, 'USER'), orgWithUser(C, 'USER'), orgWithUser(D, 'USER')]);
      await assertHolds(B, bUser.key, m, { distribution: 'COMMUNITY_ONLY', fileObject: 'ALL_COMMUNITIES' });
      await assertHolds(B, bUser.key, all, { distribution: 'ALL_COMMUNITIES', fileObject: 'ALL_COMMUNITIES' });
      await assertHolds(B, bUser.key, connected, { distribution: 'ALL_COMMUNITIES', fileObject: 'COMMUNITY_ONLY' });
      await assertHolds(C, cUser.key, all, { distribution: 'ALL_COMMUNITIES', fileObject: 'ALL_COMMUNITIES' });
      await assertHolds(C, cUser.key, connected, { distribution: 'ALL_COMMUNITIES', fileObject: null });
      assert.equal(await heldBy(C, cUser.key, m.eventId), null, 'COMMUNITY_ONLY stopped at B');
      await pullOk(da);
      await assertHolds(D, dUser.key, m, { distribution: 'COMMUNITY_ONLY', fileObject: 'ALL_COMMUNITIES' });
      await assertHolds(D, dUser.key, connected, { distribution: 'ALL_COMMUNITIES', fileObject: 'COMMUNITY_ONLY' });
    });

    test('newer wins per object: an update on A travels to B and C; a stale copy pushed to B does not overwrite it', async () => {
      const bUser = await orgWithUser(B, 'USER');
      const cUser = await orgWithUser(C, 'USER');
      const stale = structuredClone(pushed.filter((w) => w.id === all.eventId).at(-1));
      assert.ok(stale?.objects?.length, 'the first version of the event went over the wire');
      await new Promise((r) => setTimeout(r, 1100)); // timestamps of a MariaDB DATETIME are whole seconds
      ok(await owner.client.request(UpdateObjectDocument, { input: { id: all.fileObject, comment: 'updated on A', distribution: 'ALL_COMMUNITIES' } }));
      ok(await owner.client.request(PublishEventDocument, { id: all.eventId })); // as in MISP, an edit travels once published
      assert.equal((await pushOk(ab)).updated, 1);
      await pushOk(bc);
      const commentOn = async (hub: FedHub, key: string) => (await heldBy(hub, key, all.eventId))?.objects.find((o: Json) => o.id === all.fileObject)?.comment;
      assert.equal(await commentOn(B, bUser.key), 'updated on A', 'B got the change');
      assert.equal(await commentOn(C, cUser.key), 'updated on A', 'C got the change');
      // A stale (or lying) peer: the event looks newer, its copy of the object is the old one.
      const staleObject = stale.objects.find((o: Json) => o.id === all.fileObject);
      staleObject.comment = 'stale copy';
      staleObject.name = 'stale-name';
      stale.timestamp = new Date(Date.now() + 2000).toISOString();
      const r = ok(await B.client(ab.syncKey).request(PushEventsDocument, { hubId: A.hubId, events: [stale as SyncEventInput] })).pushEvents;
      assert.deepEqual([r.updated, r.failed], [1, 0], `the event itself is newer and applies: ${JSON.stringify(r)}`);
      const o = (await heldBy(B, bUser.key, all.eventId))?.objects.find((x: Json) => x.id === all.fileObject);
      assert.deepEqual([o?.name, o?.comment], ['file', 'updated on A'], 'the older copy did not overwrite the newer object');
    });

    test('a deleted object travels as a tombstone: on B the object and its attributes are gone for another organisation', async () => {
      const bUser = await orgWithUser(B, 'USER');
      const before = await heldBy(B, bUser.key, m.eventId);
      assert.deepEqual(before?.objects.map((o: Json) => o.id), [m.fileObject]);
      await new Promise((r) => setTimeout(r, 1100));
      ok(await owner.client.request(DeleteObjectDocument, { id: m.fileObject }));
      ok(await owner.client.request(PublishEventDocument, { id: m.eventId }));
      assert.equal((await pushOk(ab)).updated, 1);
      const after = await heldBy(B, bUser.key, m.eventId);
      assert.ok(after, 'the event is still there');
      assert.deepEqual(after.objects, [], 'the object is deleted on B');
      assert.ok(!after.attributes.some((a: Json) => m.fileAttributes.includes(a.id)), 'its attributes too');
      assert.ok(after.attributes.some((a: Json) => a.id === m.ip), 'the rest of the event stays');
      const held = (await holdings(B, [m.eventId])).get(m.eventId)!;
      for (const id of m.fileAttributes) assert.equal(held.attributes.get(id)?.deleted, true, `attribute ${id} is a tombstone on B`);
      // A stale peer's copy from before the delete (inside a newer-looking event) does not bring it back.
      const stale = structuredClone(pushed.filter((w) => w.id === m.eventId)[0]);
      assert.equal(stale.objects.find((o: Json) => o.id === m.fileObject)?.deleted, false);
      stale.timestamp = new Date(Date.now() + 2000).toISOString();
      const r = ok(await B.client(ab.syncKey).request(PushEventsDocument, { hubId: A.hubId, events: [stale as SyncEventInput] })).pushEvents;
      assert.deepEqual([r.updated, r.failed], [1, 0], JSON.stringify(r));
      const again = await heldBy(B, bUser.key, m.eventId);
      assert.deepEqual(again?.objects, [], 'the tombstone stays');
      assert.ok(!again?.attributes.some((a: Json) => m.fileAttributes.includes(a.id)), 'its attributes stay deleted');
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

    test('sightings on an object attribute travel as deltas (to the event owner, as MISP\'s sighting policy lets it see them)', async () => {
      const target = all.fileAttributes[0];
      const bUser = await orgWithUser(B, 'USER');
      const countOnA = async () => (await heldBy(A, owner.key, all.eventId))!.attributes.find((a: Json) => a.id === target)?.sightings.sightingCount;
      assert.equal(await countOnA(), 0);
      ok(await bUser.client.request(AddSightingDocument, { input: { attributeId: target, type: 'SIGHTING', source: 'sensor at B' } }));
      const pulled = await pullOk(abPull);
      assert.deepEqual([pulled.created, pulled.updated, pulled.sightingsCreated], [0, 0, 1], 'a delta, not the event again');
      assert.equal(await countOnA(), 1, 'the owner on A counts the sighting made on B of its object attribute');
      const back = await pushOk(ba);
      assert.deepEqual([back.created, back.updated, back.sightingsCreated, back.sightingsSkipped], [0, 0, 0, 1], 'pushed too: already known by uuid');
      assert.equal(await countOnA(), 1);
    });
  });
}
