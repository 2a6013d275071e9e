import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CreatePeerDocument, EventDocument, PullFromPeerDocument, PushEventsReportDocument, SyncAttributeInput, SyncEventInput } from '../../src/generated/graphql';
import { PROTOCOL_VERSION } from '../../src/modules/hub/hub.service';
import { consecutiveInsertIds } from '../../src/db/insert-rows';
import { GROUP_EVENTS } from '../../src/modules/misp-import/apply-batch';
import { testDatabases, TestDatabase } from '../support/databases';
import { ok, orgWithUser, unique } from '../support/hub';
import { FedHub, LocalServer, NO_SIGHTINGS, startFakePeer, startHub, syncAnswer } from '../support/federation';

/**
 * A pull applies a page of events in groups (several events per transaction, issue 16) with the same
 * outcome as one transaction per event: a bad event fails alone (its group is applied again event by
 * event), what the rules refuse is counted once, an attribute uuid taken by an earlier event of the same
 * group is refused as taken, an event sent twice in a group sees what its first version stored, a
 * tombstone frees its attributes' uuids for a later event of the page, and a page with a failure is not
 * committed (the next pull applies it again, idempotently). A push (pushEvents) applies in the same groups.
 */

type Org = { id: string; name: string };
const ts = (i: number) => new Date(Date.parse('2026-07-01T00:00:00.000Z') + i * 60_000).toISOString();

function attr(value: string, id: string = randomUUID(), at = ts(0)): SyncAttributeInput {
  return {
    id,
    type: 'ip-dst',
    category: 'Network activity',
    value,
    toIds: true,
    comment: null,
    distribution: 'INHERIT_EVENT',
    sharingGroup: null,
    timestamp: at,
    deleted: false,
    disableCorrelation: false,
    firstSeen: null,
    lastSeen: null,
    objectRelation: null,
    tags: [],
  };
}

function wireEvent(i: number, creator: Org, attributes: SyncAttributeInput[], o: { info?: string; id?: string; deleted?: boolean } = {}): SyncEventInput {
  return {
    id: o.id ?? randomUUID(),
    info: o.info ?? `batched pull ${i}`,
    date: '2026-07-01',
    threatLevel: 'LOW',
    analysis: 'INITIAL',
    distribution: 'ALL_COMMUNITIES',
    sharingGroup: null,
    published: true,
    publishedAt: ts(i),
    timestamp: ts(i),
    deleted: o.deleted ?? false,
    creatorOrg: creator,
    disableCorrelation: false,
    extendsUuid: null,
    tags: [],
    attributes,
  };
}

function batchSuite(database: TestDatabase) {
  describe(`pull in groups of events per transaction (${database.name})`, () => {
    let A: FedHub;
    let B: Org;
    /** B's sync user on A (pushes). */
    let bSync: FedHub['admin'];
    const servers: LocalServer[] = [];

    before(async () => {
      A = await startHub(database, 'A');
      const b = await orgWithUser(A, 'SYNC_USER', unique('B'));
      B = { id: b.orgId, name: b.orgName };
      bSync = b.client;
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await A?.stop();
    });

    /** A peer (registered as B) whose one index page lists `served()` as it is at each request. */
    const fakePeer = async (served: () => SyncEventInput[]) => {
      const fakeHub = randomUUID();
      const fake = await startFakePeer(({ query, variables }) => {
        if (query.includes('hubInfo')) {
          return { body: JSON.stringify({ data: { hubInfo: { id: fakeHub, software: 'fake', protocolVersion: PROTOCOL_VERSION, organisation: B }, me: { id: randomUUID(), role: 'SYNC_USER', organisation: B } } }) };
        }
        const events = served();
        const entries = events.map((w) => ({ id: w.id, timestamp: w.timestamp, creatorOrgId: B.id, creatorOrgName: B.name, published: true, deleted: w.deleted, tags: [] }));
        const protocol = syncAnswer(query, { syncIndex: { cursor: '1', hasMore: false, entries }, syncSightings: NO_SIGHTINGS });
        if (protocol) return protocol;
        const ids = (variables as { ids: string[] }).ids;
        return { body: JSON.stringify({ data: { syncEvents: events.filter((w) => ids.includes(w.id)) } }) };
      });
      servers.push(fake);
      return ok(await A.admin.request(CreatePeerDocument, { input: { name: unique('batch'), url: fake.url, apiKey: 'not-used-by-the-fake', organisationId: B.id, pull: true } })).createPeer;
    };
    const pull = async (peerId: string) => ok(await A.admin.request(PullFromPeerDocument, { id: peerId })).pullFromPeer;
    const values = async (id: string) => {
      const res = await A.admin.request(EventDocument, { id, includeDeleted: true });
      if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return null;
      return ok(res).event!.attributes.map((a) => a.value).sort();
    };

    test('a bad event fails alone, a uuid taken earlier in the group is refused, the page is applied again until it succeeds', async () => {
      const n = GROUP_EVENTS + 6; // two groups
      const events = Array.from({ length: n }, (_, i) => wireEvent(i, B, [attr(`10.1.${i}.1`), attr(`10.1.${i}.2`), attr(`10.1.${i}.3`)]));
      // Event 5 carries an attribute uuid that event 2 (same group, earlier) stores first.
      const stolen = events[2].attributes[0].id;
      events[5].attributes.push(attr('10.9.9.9', stolen));
      // Event 7's own text holds a control character: the event is refused as a whole (it fails).
      const bad = events[7];
      const badInfo = `bad \u0007 info`;
      let info = badInfo;
      const peer = await fakePeer(() => events.map((e) => (e === bad ? { ...e, info } : e)));

      const first = await pull(peer.id);
      assert.equal(first.failed, 1, 'only the bad event failed');
      assert.equal(first.created, n - 1);
      assert.match(first.error ?? '', /1 event\(s\) of this page failed/);
      // Refusals of the group that was retried event by event are counted once (from the commits).
      assert.deepEqual(first.skippedReasons, [{ reason: 'ATTRIBUTE_UUID_TAKEN', count: 1, eventIds: [events[5].id] }]);
      assert.equal(await values(bad.id), null, 'the bad event wrote nothing');
      assert.deepEqual(await values(events[2].id), ['10.1.2.1', '10.1.2.2', '10.1.2.3']);
      assert.deepEqual(await values(events[5].id), ['10.1.5.1', '10.1.5.2', '10.1.5.3'], 'the taken uuid stays with event 2');
      for (const i of [0, 6, 8, GROUP_EVENTS, n - 1]) assert.deepEqual(await values(events[i].id), [`10.1.${i}.1`, `10.1.${i}.2`, `10.1.${i}.3`]);

      // The page was not committed: the next pull applies it again; what is stored is not written twice.
      info = 'fixed info';
      const second = await pull(peer.id);
      assert.deepEqual([second.failed, second.created, second.updated, second.error], [0, 1, 0, null]);
      assert.deepEqual(await values(bad.id), ['10.1.7.1', '10.1.7.2', '10.1.7.3']);
      const third = await pull(peer.id);
      assert.deepEqual([third.failed, third.created, third.updated], [0, 0, 0], 'nothing left to apply');
    });

    test('a push applies in the same groups: a bad event fails alone, a uuid taken earlier in the batch is refused, the rest is stored once', async () => {
      const n = GROUP_EVENTS + 6; // two groups
      const events = Array.from({ length: n }, (_, i) => wireEvent(300 + i, B, [attr(`10.4.${i}.1`), attr(`10.4.${i}.2`)]));
      events[5].attributes.push(attr('10.9.8.8', events[2].attributes[0].id));
      events[7] = { ...events[7], info: 'bad \u0007 info' };
      const push = async () => ok(await bSync.request(PushEventsReportDocument, { hubId: randomUUID(), events })).pushEvents;

      const first = await push();
      assert.deepEqual([first.failed, first.created, first.updated, first.skipped], [1, n - 1, 0, 0]);
      assert.deepEqual(first.skippedReasons, [{ reason: 'ATTRIBUTE_UUID_TAKEN', count: 1, eventIds: [events[5].id] }]);
      assert.equal(await values(events[7].id), null, 'the bad event wrote nothing');
      assert.deepEqual(await values(events[5].id), ['10.4.5.1', '10.4.5.2'], 'the taken uuid stays with event 2');
      for (const i of [0, 2, 6, 8, GROUP_EVENTS, n - 1]) assert.deepEqual(await values(events[i].id), [`10.4.${i}.1`, `10.4.${i}.2`]);

      // Sent again with the bad event fixed: only it is new; the others are the stored versions (skipped).
      events[7] = { ...events[7], info: 'fixed info' };
      const second = await push();
      assert.deepEqual([second.failed, second.created, second.updated, second.skipped], [0, 1, 0, n - 1]);
      assert.deepEqual(await values(events[7].id), ['10.4.7.1', '10.4.7.2']);
    });

    test('an event sent twice in one group: the second version sees the attributes the first stored (duplicate rule, no second row)', async () => {
      // The new attributes of a group's new events are written together (one INSERT, before the commit);
      // a later event of the same group that is stored by then must find them as if written at once.
      const first = wireEvent(200, B, [attr('10.3.0.1'), attr('10.3.0.2')]);
      const again = { ...first, timestamp: ts(201), attributes: [...first.attributes, attr('10.3.0.1', randomUUID(), ts(201)), attr('10.3.0.3', randomUUID(), ts(201))] };
      const peer = await fakePeer(() => [first, again]);
      const r = await pull(peer.id);
      assert.deepEqual([r.failed, r.created, r.updated], [0, 1, 1]);
      assert.deepEqual(r.skippedReasons, [{ reason: 'ATTRIBUTE_DUPLICATE', count: 1, eventIds: [first.id] }]);
      assert.deepEqual(await values(first.id), ['10.3.0.1', '10.3.0.2', '10.3.0.3'], 'one 10.3.0.1: the repeated value was refused');
    });

    test("a group's new events share one INSERT only where one INSERT's ids are consecutive (what the ORM's batch insert assumes)", async () => {
      // On innodb_autoinc_lock_mode 2 concurrent INSERTs interleave their ids and each new event is
      // written alone (ReceiveBatch.eventsTogether); SQLite's single writer always numbers one INSERT's rows in a row.
      const em = A.app.orm.em.fork();
      let expected = true;
      if (database.name !== 'sqlite') {
        const [row] = (await em.getConnection().execute('select @@innodb_autoinc_lock_mode as mode')) as Array<{ mode: number | string }>;
        expected = Number(row.mode) <= 1;
      }
      assert.equal(await consecutiveInsertIds(em), expected);
    });

    test("a pull's first request asks the event index and the sighting deltas together: a sighting of an event new in the same run is applied after it; nothing new is one request", async () => {
      const event = wireEvent(400, B, [attr('10.5.0.1')]);
      const sighting = { id: randomUUID(), attributeId: event.attributes[0].id, org: B, type: 'SIGHTING', source: 'sensor at B', at: ts(401) };
      const asked: Array<{ query: string; variables: Record<string, unknown> }> = [];
      const fakeHub = randomUUID();
      const fake = await startFakePeer(({ query, variables }) => {
        asked.push({ query, variables: variables as Record<string, unknown> });
        if (query.includes('hubInfo')) {
          return { body: JSON.stringify({ data: { hubInfo: { id: fakeHub, software: 'fake', protocolVersion: PROTOCOL_VERSION, organisation: B }, me: { id: randomUUID(), role: 'SYNC_USER', organisation: B } } }) };
        }
        const v = variables as { since?: string | null; sightingsSince?: string | null; ids?: string[] };
        const entries = v.since ? [] : [{ id: event.id, timestamp: event.timestamp, creatorOrgId: B.id, creatorOrgName: B.name, published: true, deleted: false, tags: [] }];
        const sightings = v.sightingsSince ? NO_SIGHTINGS : { cursor: '1', hasMore: false, sightings: [sighting] };
        const protocol = syncAnswer(query, { syncIndex: { cursor: '1', hasMore: false, entries }, syncSightings: sightings });
        if (protocol) return protocol;
        return { body: JSON.stringify({ data: { syncEvents: [event].filter((w) => v.ids!.includes(w.id)) } }) };
      });
      servers.push(fake);
      const peer = ok(await A.admin.request(CreatePeerDocument, { input: { name: unique('start'), url: fake.url, apiKey: 'not-used-by-the-fake', organisationId: B.id, pull: true } })).createPeer;

      const first = await pull(peer.id);
      assert.deepEqual([first.error, first.created, first.sightingsCreated], [null, 1, 1], 'the event and its sighting, in one run');
      const fields = (q: string) => ['hubInfo', 'syncIndex', 'syncSightings', 'syncEvents'].filter((f) => q.includes(f));
      assert.deepEqual(
        asked.map((a) => fields(a.query)),
        [['hubInfo'], ['syncIndex', 'syncSightings'], ['syncEvents']],
        'the handshake (peer not yet known), the first page of both indexes in one request, the event',
      );
      assert.equal(first.requests, 3);
      const sightingsOf = async () => {
        const r = ok(await A.admin.raw<{ event: { attributes: Array<{ sightings: { sightingCount: number } }> } }>('query($id: ID!) { event(id: $id) { attributes { sightings { sightingCount } } } }', { id: event.id }));
        return r.event.attributes.map((a) => a.sightings.sightingCount);
      };
      assert.deepEqual(await sightingsOf(), [1], 'the sighting is on the pulled attribute');

      asked.length = 0;
      const again = await pull(peer.id);
      assert.deepEqual([again.error, again.created, again.updated, again.sightingsCreated, again.requests], [null, 0, 0, 0, 1], 'nothing new: one request');
      assert.deepEqual(asked.map((a) => [fields(a.query), a.variables.since, a.variables.sightingsSince]), [[['syncIndex', 'syncSightings'], '1', '1']], 'asked from both cursors');
    });

    test('a tombstone frees its attribute uuids for a later event of the same page', async () => {
      const gone = wireEvent(100, B, [attr('10.2.0.1'), attr('10.2.0.2')]);
      let served: SyncEventInput[] = [gone];
      const peer = await fakePeer(() => served);
      assert.equal((await pull(peer.id)).created, 1);
      // The peer deleted the event and sent its attribute (same uuid) again in a new event.
      const moved = wireEvent(102, B, [attr('10.2.0.1', gone.attributes[0].id)]);
      served = [{ ...gone, timestamp: ts(101), deleted: true }, moved];
      const r = await pull(peer.id);
      assert.deepEqual([r.failed, r.deleted, r.created, r.skippedReasons], [0, 1, 1, []]);
      assert.equal(await values(gone.id), null);
      assert.deepEqual(await values(moved.id), ['10.2.0.1']);
    });
  });
}

for (const database of testDatabases()) batchSuite(database);
