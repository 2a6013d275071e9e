import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  AddAttributesDocument,
  CreateEventDocument,
  CreatePeerDocument,
  CreateSharingGroupDocument,
  EventDocument,
  EventQuery,
  PublishEventDocument,
  PullFromPeerDocument,
  PushEventsReportDocument,
  PushEventsReportMutation,
  SharingGroupDetailDocument,
  SyncAttributeInput,
  SyncEventInput,
  SyncSharingGroupInput,
  SyncSkipReason,
} from '../../src/generated/graphql';
import { PROTOCOL_VERSION } from '../../src/modules/hub/hub.service';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases, TestDatabase } from '../support/databases';
import { ok, orgWithUser, unique, userIn } from '../support/hub';
import { FedHub, LocalServer, NO_SIGHTINGS, startFakePeer, startHub, syncAnswer } from '../support/federation';

/**
 * Who may write through sync (issue 10, defects 1 and 2; DESIGN §4, README "Federation protocol",
 * Receiving). Hub A hosts organisation A; organisations B and C each have a sync user (their hubs'
 * keys) and an ordinary user. B and C push crafted payloads through the real pushEvents mutation; a
 * lying peer serves crafted payloads to a pull. Each refusal must be counted with its reason, and
 * nothing may change: owner, deletion, distribution, group membership, what B and C can read.
 */

type Org = { id: string; name: string };
type Result = PushEventsReportMutation['pushEvents'];

const FAR_FUTURE = new Date('2099-01-01T00:00:00.000Z');
let tick = Date.parse('2026-06-01T00:00:00.000Z');
/** Strictly increasing instants (each newer than the last). */
const next = () => new Date((tick += 60_000));

function attr(value: string, o: { ts: Date; distribution?: SyncAttributeInput['distribution']; sharingGroup?: SyncSharingGroupInput; id?: string }): SyncAttributeInput {
  return {
    id: o.id ?? randomUUID(),
    type: 'ip-dst',
    category: 'Network activity',
    value,
    toIds: true,
    comment: null,
    distribution: o.distribution ?? 'INHERIT_EVENT',
    sharingGroup: o.sharingGroup ?? null,
    timestamp: o.ts.toISOString(),
    deleted: false,
    disableCorrelation: false,
    firstSeen: null,
    lastSeen: null,
    objectRelation: null,
    tags: [],
  };
}

function wireEvent(o: {
  id?: string;
  ts: Date;
  creator: Org;
  distribution: SyncEventInput['distribution'];
  sharingGroup?: SyncSharingGroupInput;
  deleted?: boolean;
  attributes?: SyncAttributeInput[];
  info?: string;
}): SyncEventInput {
  return {
    id: o.id ?? randomUUID(),
    info: o.info ?? unique('pushed'),
    date: '2026-06-01',
    threatLevel: 'LOW',
    analysis: 'INITIAL',
    distribution: o.distribution,
    sharingGroup: o.sharingGroup ?? null,
    published: true,
    publishedAt: o.ts.toISOString(),
    timestamp: o.ts.toISOString(),
    deleted: o.deleted ?? false,
    creatorOrg: o.creator,
    disableCorrelation: false,
    extendsUuid: null,
    tags: [],
    attributes: o.attributes ?? [],
  };
}

function groupWire(id: string, o: { owner: Org; orgs: Org[]; ts: Date; hubs?: Array<{ id: string; allOrgs: boolean }> }): SyncSharingGroupInput {
  return { id, name: unique('group'), description: null, releasability: null, roaming: false, timestamp: o.ts.toISOString(), ownerOrg: o.owner, organisations: o.orgs, hubs: o.hubs ?? [] };
}

/** The refusals of a result as { reason: [count, event uuids] }. */
const reasons = (r: Pick<Result, 'skippedReasons'>) =>
  Object.fromEntries(r.skippedReasons.map((s) => [s.reason, { count: s.count, eventIds: [...s.eventIds].sort() }]));

const refused = (reason: SyncSkipReason, eventIds: string[], count = eventIds.length) => ({ [reason]: { count, eventIds: [...eventIds].sort() } });

/** The event as `client` sees it (tombstoned attributes included where allowed), or null when invisible. */
async function seen(client: GraphqlClient, id: string): Promise<EventQuery['event'] | null> {
  const res = await client.request(EventDocument, { id, includeDeleted: true });
  if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return null;
  return ok(res).event;
}

function syncWritesSuite(database: TestDatabase) {
  describe(`sync writes: who may write through sync (${database.name})`, () => {
    let A: FedHub;
    let B: Org, C: Org, orgA: Org;
    let syncB: GraphqlClient, syncC: GraphqlClient, userB: GraphqlClient, userC: GraphqlClient, userA: GraphqlClient;
    /** The hub ids B and C claim to push from. */
    const hubB = randomUUID();
    const hubC = randomUUID();
    const servers: LocalServer[] = [];

    before(async () => {
      A = await startHub(database, 'A');
      orgA = A.org;
      const b = await orgWithUser(A, 'SYNC_USER', unique('B'));
      const c = await orgWithUser(A, 'SYNC_USER', unique('C'));
      B = { id: b.orgId, name: b.orgName };
      C = { id: c.orgId, name: c.orgName };
      syncB = b.client;
      syncC = c.client;
      userB = (await userIn(A, B.id, 'USER')).client;
      userC = (await userIn(A, C.id, 'USER')).client;
      userA = (await userIn(A, orgA.id, 'ORG_ADMIN')).client;
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await A?.stop();
    });

    const push = async (client: GraphqlClient, hubId: string, events: SyncEventInput[]): Promise<Result> => {
      const r = ok(await client.request(PushEventsReportDocument, { hubId, events })).pushEvents;
      assert.equal(r.failed, 0, 'nothing failed');
      return r;
    };

    /** C's copy of an event with an org-only attribute, as C's hub pushed it. */
    async function cCopy(distribution: SyncEventInput['distribution'] = 'ALL_COMMUNITIES') {
      const secret = attr('198.51.100.7', { ts: next(), distribution: 'ORGANISATION_ONLY' });
      const e = wireEvent({ ts: next(), creator: C, distribution, attributes: [secret, attr('198.51.100.8', { ts: next() })] });
      const r = await push(syncC, hubC, [e]);
      assert.equal(r.created, 1);
      return { e, secret };
    }

    /** A sharing group created on A by A, with B and/or C as members, and one of A's events in it. */
    async function aGroup(members: Org[]) {
      const sg = ok(await userA.request(CreateSharingGroupDocument, { input: { name: unique('A group'), organisationIds: members.map((m) => m.id) } })).createSharingGroup.id;
      const ev = ok(await userA.request(CreateEventDocument, { input: { info: unique('A in group'), distribution: 'SHARING_GROUP', sharingGroupId: sg } })).createEvent;
      ok(await userA.request(AddAttributesDocument, { eventId: ev.id, attributes: [{ type: 'ip-dst', value: '203.0.113.77' }] }));
      ok(await userA.request(PublishEventDocument, { id: ev.id }));
      return { sg, eventId: ev.id };
    }
    const membersOf = async (sg: string) => {
      const g = ok(await A.admin.request(SharingGroupDetailDocument, { id: sg })).sharingGroup;
      return { owner: g.ownerOrg.id, orgs: g.organisations.map((o) => o.organisation.id).sort(), thisHubAllOrgs: g.thisHubAllOrgs, name: g.name };
    };

    test('defect 1: B cannot take over C\'s copy (newer, creator B, org-only): refused, owner and reads unchanged', async () => {
      const { e, secret } = await cCopy();
      assert.equal(await seen(userB, e.id).then((x) => x?.attributes.some((a) => a.id === secret.id)), false, 'B does not read C\'s org-only attribute');
      const takeover = { ...wireEvent({ id: e.id, ts: next(), creator: B, distribution: 'ORGANISATION_ONLY', info: 'taken over' }), attributes: e.attributes.map((a) => ({ ...a, timestamp: next().toISOString() })) };
      const r = await push(syncB, hubB, [takeover]);
      assert.deepEqual({ created: r.created, updated: r.updated, deleted: r.deleted, skipped: r.skipped }, { created: 0, updated: 0, deleted: 0, skipped: 1 });
      assert.deepEqual(reasons(r), refused('NOT_SENDERS_COPY', [e.id]));
      const held = (await seen(A.admin, e.id))!;
      assert.equal(held.ownerOrg.id, C.id, 'C still owns its copy');
      assert.equal(held.creatorOrg.id, C.id);
      assert.equal(held.distribution, 'ALL_COMMUNITIES');
      assert.equal(held.info, e.info);
      const byB = (await seen(userB, e.id))!;
      assert.deepEqual(byB.attributes.map((a) => a.id).sort(), [e.attributes[1].id], 'B still reads only the shared attribute');
    });

    test('defect 1: B cannot delete C\'s copy (tombstone): refused, the copy stays', async () => {
      const { e } = await cCopy();
      const r = await push(syncB, hubB, [wireEvent({ id: e.id, ts: next(), creator: C, distribution: 'ALL_COMMUNITIES', deleted: true })]);
      assert.deepEqual({ deleted: r.deleted, skipped: r.skipped }, { deleted: 0, skipped: 1 });
      assert.deepEqual(reasons(r), refused('NOT_SENDERS_COPY', [e.id]));
      assert.ok(await seen(A.admin, e.id), 'C\'s copy is still there');
      assert.ok(await seen(userC, e.id));
    });

    test('defect 1: B cannot republish C\'s org-only copy to everyone: refused, still org-only, B and A cannot read it', async () => {
      const { e } = await cCopy('ORGANISATION_ONLY');
      assert.equal(await seen(userB, e.id), null);
      const r = await push(syncB, hubB, [{ ...e, timestamp: next().toISOString(), distribution: 'ALL_COMMUNITIES', attributes: e.attributes.map((a) => ({ ...a, distribution: 'INHERIT_EVENT' as const, timestamp: next().toISOString() })) }]);
      assert.deepEqual({ updated: r.updated, skipped: r.skipped }, { updated: 0, skipped: 1 });
      assert.deepEqual(reasons(r), refused('NOT_SENDERS_COPY', [e.id]));
      assert.equal((await seen(A.admin, e.id))!.distribution, 'ORGANISATION_ONLY');
      assert.equal(await seen(userB, e.id), null, 'B cannot read it');
      assert.equal(await seen(userA, e.id), null, 'nor can A\'s users');
      assert.ok(await seen(userC, e.id), 'C still can');
    });

    test('a local event is never overwritten or deleted through sync (counted as LOCAL_EVENT)', async () => {
      const ev = ok(await userA.request(CreateEventDocument, { input: { info: unique('local'), distribution: 'ORGANISATION_ONLY' } })).createEvent;
      const over = wireEvent({ id: ev.id, ts: FAR_FUTURE, creator: B, distribution: 'ALL_COMMUNITIES', info: 'overwritten' });
      const r = await push(syncB, hubB, [over, { ...over, deleted: true }]);
      assert.deepEqual({ updated: r.updated, deleted: r.deleted, skipped: r.skipped }, { updated: 0, deleted: 0, skipped: 2 });
      assert.deepEqual(reasons(r), refused('LOCAL_EVENT', [ev.id], 2));
      const held = (await seen(A.admin, ev.id))!;
      assert.deepEqual([held.info, held.distribution, held.ownerOrg.id, held.locked], [ev.info, 'ORGANISATION_ONLY', orgA.id, false]);
    });

    test('the owner of a copy is always the sender, whatever creator the payload claims; the sender updates and deletes its own copy', async () => {
      const e = wireEvent({ ts: next(), creator: C, distribution: 'ALL_COMMUNITIES', attributes: [attr('192.0.2.61', { ts: next() })] });
      assert.equal((await push(syncB, hubB, [e])).created, 1);
      let held = (await seen(A.admin, e.id))!;
      assert.deepEqual([held.ownerOrg.id, held.creatorOrg.id, held.locked], [B.id, C.id, true], 'owner B (the sender), creator C (as claimed)');
      const upd = await push(syncB, hubB, [{ ...e, info: 'updated by its sender', timestamp: next().toISOString(), creatorOrg: orgA }]);
      assert.deepEqual({ updated: upd.updated, skippedReasons: upd.skippedReasons }, { updated: 1, skippedReasons: [] });
      held = (await seen(A.admin, e.id))!;
      assert.deepEqual([held.info, held.ownerOrg.id, held.creatorOrg.id], ['updated by its sender', B.id, C.id], 'owner and creator kept');
      // C (the claimed creator) is not the sender of this copy: it may not change it.
      const byC = await push(syncC, hubC, [{ ...e, info: 'by C', timestamp: next().toISOString() }]);
      assert.deepEqual(reasons(byC), refused('NOT_SENDERS_COPY', [e.id]));
      const del = await push(syncB, hubB, [{ ...e, deleted: true, timestamp: next().toISOString() }]);
      assert.equal(del.deleted, 1);
      assert.equal(await seen(A.admin, e.id), null);
    });

    test('an attribute uuid of another event is never moved or overwritten (ATTRIBUTE_UUID_TAKEN)', async () => {
      const { e, secret } = await cCopy();
      const thief = wireEvent({ ts: next(), creator: B, distribution: 'ALL_COMMUNITIES', attributes: [{ ...secret, value: '192.0.2.99', distribution: 'ALL_COMMUNITIES', timestamp: FAR_FUTURE.toISOString() }, attr('192.0.2.98', { ts: next() })] });
      const r = await push(syncB, hubB, [thief]);
      assert.equal(r.created, 1, 'the event itself is B\'s to create');
      assert.deepEqual(reasons(r), refused('ATTRIBUTE_UUID_TAKEN', [thief.id]));
      const held = (await seen(A.admin, e.id))!;
      const kept = held.attributes.find((a) => a.id === secret.id)!;
      assert.deepEqual([kept.value, kept.distribution], ['198.51.100.7', 'ORGANISATION_ONLY']);
      assert.deepEqual((await seen(A.admin, thief.id))!.attributes.map((a) => a.value), ['192.0.2.98']);
    });

    test('an in-event duplicate (same type, category and value, outside objects) is counted skipped, not stored (ATTRIBUTE_DUPLICATE)', async () => {
      const ts = next();
      const e = wireEvent({
        ts,
        creator: B,
        distribution: 'ALL_COMMUNITIES',
        attributes: [
          attr('192.0.2.50', { ts }),
          attr('192.0.2.50', { ts }), // the duplicate
          { ...attr('192.0.2.50', { ts }), category: 'External analysis' }, // another category: not a duplicate
          { ...attr('192.0.2.50', { ts }), objectRelation: 'ip' }, // in an object: outside the rule
          { ...attr('192.0.2.50', { ts }), deleted: true }, // a tombstone: outside the rule
        ],
      });
      const r = await push(syncB, hubB, [e]);
      assert.equal(r.created, 1);
      assert.deepEqual(reasons(r), refused('ATTRIBUTE_DUPLICATE', [e.id]));
      const stored = (await seen(A.admin, e.id))!.attributes.map((a) => a.id).sort();
      assert.deepEqual(stored, [e.attributes[0].id, ...e.attributes.slice(2).map((a) => a.id)].sort());
      // A newer version adding the value again (under a new uuid) to the stored event: skipped too.
      const later = next();
      const again = { ...e, timestamp: later.toISOString(), attributes: [attr('192.0.2.50', { ts: later }), attr('192.0.2.51', { ts: later })] };
      const r2 = await push(syncB, hubB, [again]);
      assert.equal(r2.updated, 1);
      assert.deepEqual(reasons(r2), refused('ATTRIBUTE_DUPLICATE', [e.id]));
      const values = (await seen(A.admin, e.id))!.attributes.filter((a) => !a.deleted && a.category === 'Network activity').map((a) => a.value).sort();
      assert.deepEqual(values, ['192.0.2.50', '192.0.2.50', '192.0.2.51'], 'one outside objects, one in the object, and the new value');
    });

    test('defect 2: B cannot rewrite A\'s group AB (members [B, C], far future): refused, A keeps its group, C cannot read A\'s data', async () => {
      const { sg, eventId } = await aGroup([B]);
      const before = await membersOf(sg);
      assert.deepEqual(before.orgs, [orgA.id, B.id].sort());
      assert.equal(await seen(userC, eventId), null);
      const e = wireEvent({ ts: next(), creator: B, distribution: 'SHARING_GROUP', sharingGroup: groupWire(sg, { owner: orgA, orgs: [B, C], ts: FAR_FUTURE }), attributes: [attr('192.0.2.71', { ts: next() })] });
      const r = await push(syncB, hubB, [e]);
      assert.equal(r.created, 1, 'B is a member of AB: its own event may go in');
      assert.deepEqual(await membersOf(sg), before, 'membership, owner and name unchanged');
      assert.equal(await seen(userC, eventId), null, 'C still cannot read A\'s AB event');
      assert.ok(await seen(userA, eventId), 'A still reads its own group\'s event');
      assert.ok(await seen(userA, e.id), 'and B\'s new event in it');
      assert.deepEqual(reasons(r), refused('SHARING_GROUP_NOT_OWNER', [e.id]));
    });

    test('defect 2: B cannot join A\'s group AC by listing this hub with allOrgs: refused, nothing stored, B cannot read A\'s AC data', async () => {
      const { sg, eventId } = await aGroup([C]);
      const before = await membersOf(sg);
      assert.equal(await seen(userB, eventId), null);
      const e = wireEvent({ ts: next(), creator: B, distribution: 'SHARING_GROUP', sharingGroup: groupWire(sg, { owner: orgA, orgs: [orgA, C], ts: FAR_FUTURE, hubs: [{ id: A.hubId, allOrgs: true }] }) });
      const r = await push(syncB, hubB, [e]);
      assert.deepEqual({ created: r.created, skipped: r.skipped }, { created: 0, skipped: 1 });
      assert.deepEqual(reasons(r), refused('SHARING_GROUP_NOT_MEMBER', [e.id]));
      assert.deepEqual(await membersOf(sg), before);
      assert.equal(before.thisHubAllOrgs, false);
      assert.equal(await seen(userB, eventId), null, 'B still cannot read A\'s AC event');
      assert.equal(await seen(A.admin, e.id), null, 'B\'s event was not stored in a group it is not a member of');
    });

    test('data enters a sharing group only when the sender is a member (attributes left out and counted)', async () => {
      const { sg } = await aGroup([C]);
      const outsider = attr('192.0.2.81', { ts: next(), distribution: 'SHARING_GROUP', sharingGroup: groupWire(sg, { owner: orgA, orgs: [orgA, C], ts: new Date(0) }) });
      const e = wireEvent({ ts: next(), creator: B, distribution: 'ALL_COMMUNITIES', attributes: [outsider, attr('192.0.2.82', { ts: next() })] });
      const r = await push(syncB, hubB, [e]);
      assert.equal(r.created, 1);
      assert.deepEqual((await seen(A.admin, e.id))!.attributes.map((a) => a.value), ['192.0.2.82']);
      assert.deepEqual(reasons(r), refused('ATTRIBUTE_SHARING_GROUP_NOT_MEMBER', [e.id]));
    });

    test('a new group from B is created without allOrgs on this hub; B changes its own group later, but never drops its owner', async () => {
      const sg = randomUUID();
      const e = wireEvent({ ts: next(), creator: B, distribution: 'SHARING_GROUP', sharingGroup: groupWire(sg, { owner: B, orgs: [B], ts: next(), hubs: [{ id: A.hubId, allOrgs: true }] }) });
      const r = await push(syncB, hubB, [e]);
      assert.equal(r.created, 1);
      let g = await membersOf(sg);
      assert.deepEqual([g.owner, g.orgs, g.thisHubAllOrgs], [B.id, [B.id], false]);
      assert.equal(await seen(userC, e.id), null, 'C is not made a member through allOrgs');
      assert.deepEqual(reasons(r), refused('SHARING_GROUP_ALL_ORGS_REFUSED', [e.id]));
      // B owns it here: a newer version adding C applies; one naming another owner and leaving B out keeps B.
      const add = await push(syncB, hubB, [{ ...e, timestamp: next().toISOString(), sharingGroup: groupWire(sg, { owner: B, orgs: [B, C], ts: next() }) }]);
      assert.deepEqual({ updated: add.updated, skippedReasons: add.skippedReasons }, { updated: 1, skippedReasons: [] });
      assert.deepEqual((await membersOf(sg)).orgs, [B.id, C.id].sort());
      const drop = await push(syncB, hubB, [{ ...e, timestamp: next().toISOString(), sharingGroup: groupWire(sg, { owner: C, orgs: [C], ts: next() }) }]);
      assert.equal(drop.updated, 1);
      g = await membersOf(sg);
      assert.deepEqual([g.owner, g.orgs], [B.id, [B.id, C.id].sort()]);
      assert.deepEqual(reasons(drop), refused('SHARING_GROUP_OWNER_KEPT', [e.id]));
      // C (a member, not the owner here) cannot change B's group.
      const byC = await push(syncC, hubC, [wireEvent({ ts: next(), creator: C, distribution: 'SHARING_GROUP', sharingGroup: groupWire(sg, { owner: B, orgs: [C], ts: FAR_FUTURE }) })]);
      assert.equal(byC.created, 1, 'C is a member: its own event may go in');
      assert.deepEqual(reasons(byC).SHARING_GROUP_NOT_OWNER?.count, 1);
      assert.deepEqual((await membersOf(sg)).orgs, [B.id, C.id].sort());
    });

    test('pull: a lying peer (registered as B) serving C\'s copy, a local event, and A\'s groups rewritten: each refused with its reason', async () => {
      const { e: cEvent } = await cCopy();
      const local = ok(await userA.request(CreateEventDocument, { input: { info: unique('local'), distribution: 'ORGANISATION_ONLY' } })).createEvent;
      const ab = await aGroup([B]);
      const ac = await aGroup([C]);
      const [abBefore, acBefore] = [await membersOf(ab.sg), await membersOf(ac.sg)];
      const fakeHub = randomUUID();
      const served: SyncEventInput[] = [
        wireEvent({ ts: next(), creator: B, distribution: 'SHARING_GROUP', sharingGroup: groupWire(ab.sg, { owner: orgA, orgs: [B, C], ts: FAR_FUTURE }) }),
        wireEvent({ ts: next(), creator: B, distribution: 'SHARING_GROUP', sharingGroup: groupWire(ac.sg, { owner: orgA, orgs: [orgA, C], ts: FAR_FUTURE, hubs: [{ id: A.hubId, allOrgs: true }] }) }),
      ];
      const entries = [
        { id: cEvent.id, timestamp: FAR_FUTURE.toISOString(), creatorOrgId: B.id, creatorOrgName: B.name, published: true, deleted: false, tags: [] },
        { id: local.id, timestamp: FAR_FUTURE.toISOString(), creatorOrgId: B.id, creatorOrgName: B.name, published: true, deleted: true, tags: [] },
        ...served.map((w) => ({ id: w.id, timestamp: w.timestamp, creatorOrgId: B.id, creatorOrgName: B.name, published: true, deleted: false, tags: [] })),
      ];
      const fetched: string[] = [];
      const fake = await startFakePeer(({ query, variables }) => {
        if (query.includes('hubInfo')) {
          return { body: JSON.stringify({ data: { hubInfo: { id: fakeHub, software: 'liar', protocolVersion: PROTOCOL_VERSION, organisation: B }, me: { id: randomUUID(), role: 'SYNC_USER', organisation: orgA } } }) };
        }
        // A pull also asks for sighting deltas (protocol 1.1): this peer has none.
        const protocol = syncAnswer(query, { syncIndex: { cursor: '1', hasMore: false, entries }, syncSightings: NO_SIGHTINGS });
        if (protocol) return protocol;
        const ids = (variables as { ids: string[] }).ids;
        fetched.push(...ids);
        // The liar also answers for events it was not asked about; only those asked for count.
        return { body: JSON.stringify({ data: { syncEvents: [...served, wireEvent({ id: cEvent.id, ts: FAR_FUTURE, creator: B, distribution: 'ORGANISATION_ONLY' })].filter((w) => ids.includes(w.id)) } }) };
      });
      servers.push(fake);
      const peer = ok(await A.admin.request(CreatePeerDocument, { input: { name: unique('liar'), url: fake.url, apiKey: 'not-used-by-the-fake', organisationId: B.id, pull: true } })).createPeer;
      const r = ok(await A.admin.request(PullFromPeerDocument, { id: peer.id })).pullFromPeer;
      assert.equal(r.error, null);
      assert.equal(r.failed, 0);
      assert.deepEqual(reasons(r), {
        ...refused('NOT_SENDERS_COPY', [cEvent.id]),
        ...refused('LOCAL_EVENT', [local.id]),
        ...refused('SHARING_GROUP_NOT_OWNER', [served[0].id]),
        ...refused('SHARING_GROUP_NOT_MEMBER', [served[1].id]),
      });
      assert.deepEqual({ created: r.created, updated: r.updated, deleted: r.deleted, skipped: r.skipped }, { created: 1, updated: 0, deleted: 0, skipped: 3 });
      assert.ok(!fetched.includes(cEvent.id), 'C\'s copy was not even fetched');
      const held = (await seen(A.admin, cEvent.id))!;
      assert.deepEqual([held.ownerOrg.id, held.distribution, held.info], [C.id, 'ALL_COMMUNITIES', cEvent.info]);
      assert.ok(await seen(A.admin, local.id), 'the local event is not deleted');
      assert.deepEqual(await membersOf(ab.sg), abBefore);
      assert.deepEqual(await membersOf(ac.sg), acBefore);
      assert.equal(await seen(userC, ab.eventId), null);
      assert.equal(await seen(userB, ac.eventId), null);
      assert.equal(await seen(A.admin, served[1].id), null);
    });
  });
}

for (const database of testDatabases()) syncWritesSuite(database);
