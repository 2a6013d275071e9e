import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  AddAttributesDocument,
  AddSightingDocument,
  AttributeSightingsDocument,
  CreateEventDocument,
  CreatePeerDocument,
  Distribution,
  PublishEventDocument,
  SharingGroupDetailDocument,
  TagEventDocument,
  TestPeerDocument,
} from '../../src/generated/graphql';
import { testDatabases, TestDatabase } from '../support/databases';
import { ok, unique, userIn } from '../support/hub';
import { ensureOrg, FedHub, holdings, Link, peerStatus, pullNow, pushNow, startHub } from '../support/federation';
import { fixtureUser, mispAttributeJson, MispFixtureServer, mispEventJson, mispSharingGroupJson, startMispFixture } from '../support/misp-server-fixture';

/**
 * A MISP-kind peer against a MISP server's recorded answers (shapes from MISP's source: EventsController
 * index/view, ServerSyncTool, SightingsController), served over real HTTP: what MISP itself sends that a
 * hub's REST layer does not (full sharing groups with instances, local tags, a server that lies), the
 * requests and named parameters the hub sends, and a lying peer: an event carrying the uuid of a local
 * event or of another peer's copy, an answer for another uuid, an oversize answer, an undescribed sharing
 * group — each skipped and reported, nothing half-written.
 */

const MAX_BYTES = 64 * 1024;

function fixtureSuite(database: TestDatabase) {
  describe(`MISP-kind peer against recorded MISP answers (${database.name})`, () => {
    let B: FedHub;
    let misp: MispFixtureServer, other: MispFixtureServer;
    const M = { uuid: randomUUID(), name: unique('MISP partner') };
    const P2 = { uuid: randomUUID(), name: unique('other partner') };
    const k1 = `k1${randomUUID().replace(/-/g, '')}`.slice(0, 40);
    const k2 = `k2${randomUUID().replace(/-/g, '')}`.slice(0, 40);
    const k3 = `k3${randomUUID().replace(/-/g, '')}`.slice(0, 40);
    let peer1: Link, peer2: Link, peer3: Link;
    const base = Math.floor(Date.now() / 1000) + 100;
    const u = { L: '', e1: randomUUID(), e3: randomUUID(), e4: randomUUID(), e5: randomUUID(), e7: randomUUID() };
    const a = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID(), a4: randomUUID() };
    const g1 = randomUUID();
    let author: Awaited<ReturnType<typeof userIn>>['client'];

    const addPeer = async (name: string, url: string, key: string, orgId: string, opts: { push?: boolean } = {}): Promise<Link> => {
      const p = ok(await B.admin.request(CreatePeerDocument, { input: { name: unique(name), kind: 'MISP', url, apiKey: key, organisationId: orgId, pull: true, push: opts.push ?? false } })).createPeer;
      return { peerId: p.id, from: B, to: B, syncKey: key, fromOrgOnTo: '', toOrgOnFrom: orgId };
    };

    before(async () => {
      B = await startHub(database, 'B', { PEER_MAX_RESPONSE_BYTES: String(MAX_BYTES) });
      misp = await startMispFixture(randomUUID());
      other = await startMispFixture(randomUUID());
      const mOnB = await ensureOrg(B, { id: M.uuid, name: M.name });
      const p2OnB = await ensureOrg(B, { id: P2.uuid, name: P2.name });
      author = (await userIn(B, B.org.id, 'PUBLISHER')).client;
      // A local event of B, whose uuid a lying server will claim.
      const L = ok(await author.request(CreateEventDocument, { input: { info: 'local L', distribution: 'ALL_COMMUNITIES' } })).createEvent;
      ok(await author.request(PublishEventDocument, { id: L.id }));
      u.L = L.id;

      const bOrg = { uuid: B.org.id, name: B.org.name };
      const user1 = fixtureUser(bOrg);
      misp.users.set(k1, user1);
      misp.users.set(k3, fixtureUser(bOrg, false));
      const user2 = fixtureUser(bOrg);
      other.users.set(k2, user2);
      // The other partner holds e7 first (B takes it from there: owner P2).
      user2.index.push({ uuid: u.e7, timestamp: base, orgcUuid: P2.uuid });
      user2.events.set(u.e7, mispEventJson({ uuid: u.e7, info: 'e7 from P2', distribution: 3, timestamp: base, orgc: P2, org: P2, attributes: [] }));

      const sg = mispSharingGroupJson({ uuid: g1, name: 'partners', owner: M, members: [M, bOrg], serverUrl: 'https://misp.partner.example' });
      user1.index.push(
        { uuid: u.L, timestamp: base + 5, orgcUuid: M.uuid },
        { uuid: u.e3, timestamp: base + 10, orgcUuid: M.uuid },
        { uuid: u.e4, timestamp: base + 20, orgcUuid: M.uuid },
        { uuid: u.e5, timestamp: base + 30, orgcUuid: M.uuid },
        { uuid: u.e7, timestamp: base + 40, orgcUuid: P2.uuid },
        { uuid: u.e1, timestamp: base + 50, orgcUuid: M.uuid, sightingTimestamp: base + 60 },
      );
      user1.events.set(u.L, mispEventJson({ uuid: u.L, info: 'L overwritten', distribution: 3, timestamp: base + 5, orgc: M, org: M, attributes: [] }));
      user1.events.set(u.e3, mispEventJson({ uuid: randomUUID(), info: 'another event', distribution: 3, timestamp: base + 10, orgc: M, org: M, attributes: [] }));
      user1.events.set(u.e4, { raw: JSON.stringify(mispEventJson({ uuid: u.e4, info: 'x'.repeat(MAX_BYTES), distribution: 3, timestamp: base + 20, orgc: M, org: M, attributes: [] })) });
      user1.events.set(
        u.e5,
        mispEventJson({ uuid: u.e5, info: 'e5 undescribed group', distribution: 4, timestamp: base + 30, orgc: M, org: M, sharingGroup: { id: '9', uuid: randomUUID(), name: 'no members' }, attributes: [] }),
      );
      user1.events.set(u.e7, mispEventJson({ uuid: u.e7, info: 'e7 rewritten', distribution: 3, timestamp: base + 40, orgc: P2, org: M, attributes: [] }));
      user1.events.set(
        u.e1,
        mispEventJson({
          uuid: u.e1,
          info: 'e1 from MISP',
          distribution: 4,
          timestamp: base + 50,
          orgc: M,
          org: M,
          sharingGroup: sg,
          tags: [{ name: 'tlp:green' }, { name: 'misp:local-only', local: true }],
          attributes: [
            mispAttributeJson({ uuid: a.a1, type: 'ip-dst', value: '198.51.100.1', distribution: 3, timestamp: base + 50, tags: [{ name: 'tlp:green' }, { name: 'misp:local-attr', local: true }] }),
            mispAttributeJson({ uuid: a.a2, type: 'domain', value: 'sg.example', distribution: 4, timestamp: base + 50, sharingGroup: sg }),
            mispAttributeJson({ uuid: a.a3, type: 'domain', value: 'undescribed.example', distribution: 4, timestamp: base + 50 }),
            mispAttributeJson({ uuid: a.a4, type: 'domain', value: 'conn.example', distribution: 2, timestamp: base + 50 }),
          ],
        }),
      );
      user1.sightings.push(
        { id: '1', attribute_id: '10', event_id: '12', org_id: '1', date_sighting: String(base), uuid: randomUUID(), source: 'sensor-1', type: '0', attribute_uuid: a.a1, event_uuid: u.e1, Organisation: { id: '1', uuid: M.uuid, name: M.name } },
        { id: '2', attribute_id: '11', event_id: '12', org_id: '1', date_sighting: String(base), uuid: randomUUID(), source: '', type: '0', attribute_uuid: randomUUID(), event_uuid: u.e1, Organisation: { id: '1', uuid: M.uuid, name: M.name } },
      );
      peer2 = await addPeer('other (MISP)', other.url, k2, p2OnB);
      peer1 = await addPeer('partner (MISP)', misp.url, k1, mOnB);
      peer3 = await addPeer('no perm_sync (MISP)', misp.url, k3, mOnB);
    });
    after(async () => {
      await Promise.all([B?.stop(), misp?.close(), other?.close()]);
    });

    test('a key without perm_sync: testPeer and pulls say so; the peer backs off', async () => {
      const t = ok(await B.admin.request(TestPeerDocument, { id: peer3.peerId })).testPeer;
      assert.equal(t.ok, false);
      assert.equal(t.speaksProtocol, true);
      assert.match(String(t.error), /lacks perm_sync/);
      const r = await pullNow(peer3);
      assert.match(String(r.error), /lacks perm_sync/);
      const s = await peerStatus(peer3);
      assert.equal(s.failures, 1);
      assert.match(String(s.lastError), /perm_sync/);
      assert.ok(s.retryAfter);
    });

    test('pull: MISP\'s requests and named parameters; a lying server\'s events skipped and reported; the good one stored with its sharing group', async () => {
      const first = await pullNow(peer2);
      assert.equal(first.error, null);
      assert.equal(first.created, 1);
      misp.requests.length = 0;

      const r = await pullNow(peer1);
      assert.equal(r.error, null);
      assert.equal(r.failed, 0);
      assert.equal(r.created, 1);
      const reasons = Object.fromEntries(r.skippedReasons.map((s) => [s.reason, { count: s.count, ids: [...s.eventIds].sort() }]));
      assert.deepEqual(reasons, {
        LOCAL_EVENT: { count: 1, ids: [u.L] },
        NOT_SENDERS_COPY: { count: 1, ids: [u.e7] },
        MISP_EVENT_INVALID: { count: 1, ids: [u.e3] },
        MISP_EVENT_TOO_LARGE: { count: 1, ids: [u.e4] },
        MISP_SHARING_GROUP_UNDESCRIBED: { count: 2, ids: [u.e1, u.e5].sort() },
      });

      // What was asked: getVersion and users/view/me once, the minimal index, each new event with MISP's named parameters.
      const mine = misp.requests.filter((q) => q.key === k1);
      assert.deepEqual(mine.map((q) => `${q.method} ${q.path}`), [
        'GET servers/getVersion',
        'GET users/view/me',
        'POST events/index',
        `GET events/view/${u.e3}/deleted[]:0/deleted[]:1/excludeLocalTags:1`,
        `GET events/view/${u.e4}/deleted[]:0/deleted[]:1/excludeLocalTags:1`,
        `GET events/view/${u.e5}/deleted[]:0/deleted[]:1/excludeLocalTags:1`,
        `GET events/view/${u.e1}/deleted[]:0/deleted[]:1/excludeLocalTags:1`,
        'POST events/index',
        'POST sightings/restSearch/event',
      ]);
      assert.deepEqual(
        { minimal: (mine[2].body as Record<string, unknown>).minimal, published: (mine[2].body as Record<string, unknown>).published, timestamp: (mine[2].body as Record<string, unknown>).timestamp },
        { minimal: 1, published: 1, timestamp: undefined },
      );
      // Sightings as MISP pulls them: the index's sighting_timestamp, then the events held here with newer ones.
      assert.deepEqual(mine[8].body, { returnFormat: 'json', last: 0, includeUuid: true, uuid: [u.e1] });

      const held = await holdings(B, [u.L, u.e1, u.e3, u.e4, u.e5, u.e7]);
      assert.deepEqual([...held.keys()].sort(), [u.L, u.e1, u.e7].sort(), 'nothing of the refused events is stored');
      assert.equal(held.get(u.L)!.info, 'local L', 'a local event is never overwritten');
      assert.equal(held.get(u.L)!.locked, false);
      assert.equal(held.get(u.e7)!.info, 'e7 from P2', 'another peer\'s copy is never overwritten');
      assert.equal(held.get(u.e7)!.ownerOrg, P2.uuid);
      const e1 = held.get(u.e1)!;
      assert.deepEqual(
        { owner: e1.ownerOrg, creator: e1.creatorOrg, locked: e1.locked, distribution: e1.distribution, sharingGroup: e1.sharingGroup, tags: e1.tags },
        { owner: M.uuid, creator: M.uuid, locked: true, distribution: 'SHARING_GROUP', sharingGroup: g1, tags: ['tlp:green'] },
      );
      assert.deepEqual(
        Object.fromEntries([...e1.attributes].map(([id, x]) => [id, { d: x.distribution, sg: x.sharingGroup, tags: x.tags }])),
        {
          [a.a1]: { d: 'ALL_COMMUNITIES', sg: null, tags: ['tlp:green'] },
          [a.a2]: { d: 'SHARING_GROUP', sg: g1, tags: [] },
          // CONNECTED_COMMUNITIES arrives as COMMUNITY_ONLY; the attribute of an undescribed group is left out.
          [a.a4]: { d: 'COMMUNITY_ONLY', sg: null, tags: [] },
        },
      );
      const group = ok(await B.admin.request(SharingGroupDetailDocument, { id: g1 })).sharingGroup;
      assert.deepEqual(group.organisations.map((o) => o.organisation.id).sort(), [M.uuid, B.org.id].sort());
      assert.equal(group.ownerOrg.id, M.uuid);
      assert.deepEqual(group.peerHubs, [misp.uuid], 'the sending instance (server_id 0) is the peer');
      // Sightings: one on a stored attribute, one on an attribute that is not here.
      assert.equal(r.sightingsCreated, 1);
      assert.equal(r.sightingsSkipped, 1);
      const seen = ok(await B.admin.request(AttributeSightingsDocument, { id: a.a1 })).attribute!.sightings;
      assert.equal(seen.sightingCount, 1);

      // The second pull: the index from the cursor (the newest event's second) and sightings since the newest sighting.
      misp.requests.length = 0;
      const again = await pullNow(peer1);
      assert.equal(again.error, null);
      assert.deepEqual({ created: again.created, updated: again.updated, failed: again.failed, sightings: again.sightingsCreated, reasons: again.skippedReasons }, { created: 0, updated: 0, failed: 0, sightings: 0, reasons: [] });
      assert.equal(again.requests, 2);
      const next = misp.requests.filter((q) => q.key === k1);
      assert.equal((next[0].body as Record<string, unknown>).timestamp, base + 50, 'the index from the timestamp cursor');
      assert.match(String(next[1].ifNoneMatch), /^"[0-9a-f]{40}"$/, 'the sighting index with the last ETag (answered 304)');

      // A new sighting on the server moves e1's sighting_timestamp: the next pull fetches that event's sightings only.
      misp.users.get(k1)!.sightings.push({ id: '3', attribute_id: '10', event_id: '12', org_id: '1', date_sighting: String(base - 3600), uuid: randomUUID(), source: 'late', type: '1', attribute_uuid: a.a1, event_uuid: u.e1, Organisation: { id: '1', uuid: M.uuid, name: M.name } });
      misp.users.get(k1)!.index.find((x) => x.uuid === u.e1)!.sightingTimestamp = base + 70;
      const third = await pullNow(peer1);
      assert.deepEqual({ error: third.error, created: third.sightingsCreated, requests: third.requests }, { error: null, created: 1, requests: 3 });
    });

    test('push: MISP\'s filterEventIdsForPush then add or edit with metadata; downgraded, no local tags, no echo; refusals are not failures; sightings by event', async () => {
      const user1 = misp.users.get(k1)!;
      const mk = async (info: string, distribution: Distribution, attrs: Array<{ value: string; distribution: Distribution }>) => {
        const e = ok(await author.request(CreateEventDocument, { input: { info, distribution } })).createEvent;
        const added = ok(await author.request(AddAttributesDocument, { eventId: e.id, attributes: attrs.map((x) => ({ type: 'ip-dst', ...x })) })).addAttributes;
        return { id: e.id, attributes: added.map((x) => x.id) };
      };
      const all = await mk('push ALL', 'ALL_COMMUNITIES', [
        { value: '192.0.2.1', distribution: 'ALL_COMMUNITIES' },
        { value: '192.0.2.2', distribution: 'ORGANISATION_ONLY' },
      ]);
      ok(await author.request(TagEventDocument, { input: { id: all.id, tag: 'b:local', local: true } }));
      ok(await author.request(TagEventDocument, { input: { id: all.id, tag: 'tlp:white' } }));
      const conn = await mk('push CONN', 'CONNECTED_COMMUNITIES', [{ value: '192.0.2.3', distribution: 'INHERIT_EVENT' }]);
      const org = await mk('push ORG', 'ORGANISATION_ONLY', [{ value: '192.0.2.4', distribution: 'INHERIT_EVENT' }]);
      const refused = await mk('push refused', 'ALL_COMMUNITIES', [{ value: '192.0.2.5', distribution: 'INHERIT_EVENT' }]);
      for (const e of [all, conn, org, refused]) ok(await author.request(PublishEventDocument, { id: e.id }));
      user1.wants = new Set([all.id, conn.id, refused.id, u.e1]);
      user1.has = new Set([conn.id]);
      user1.refuse = new Set([refused.id]);
      misp.requests.length = 0;

      const r = await pushNow(peer1);
      assert.equal(r.error, null);
      assert.deepEqual({ created: r.created, updated: r.updated, failed: r.failed }, { created: 1, updated: 1, failed: 0 });
      assert.deepEqual({ created: r.sightingsCreated, skipped: r.sightingsSkipped }, { created: 0, skipped: 2 }, 'the two sightings pulled from the server are ones it already has (filterSightingUuidsForPush)');
      const asked = misp.requests.filter((q) => q.path === 'events/filterEventIdsForPush').flatMap((q) => (q.body as Array<{ Event: { uuid: string; timestamp: string } }>).map((x) => x.Event.uuid));
      // Published events that may travel; not the org-only one, not e1 (received from this peer: no echo).
      assert.ok(asked.includes(all.id) && asked.includes(conn.id) && asked.includes(refused.id));
      assert.ok(!asked.includes(org.id), 'an org-only event never leaves');
      assert.ok(!asked.includes(u.e1), 'no echo: what came from the peer does not go back');
      const addAll = user1.received.get(all.id)!;
      assert.equal(addAll.path, 'events/add/metadata:1');
      const ev = addAll.body.Event as Record<string, unknown>;
      assert.deepEqual(
        { distribution: ev.distribution, locked: ev.locked, orgc: (ev.Orgc as Record<string, unknown>).uuid, org: ev.Org, orgId: ev.org_id, tags: (ev.Tag as Array<{ name: string }>).map((t) => t.name) },
        { distribution: '3', locked: true, orgc: B.org.id, org: undefined, orgId: undefined, tags: ['tlp:white'] },
      );
      assert.deepEqual((ev.Attribute as Array<{ uuid: string; distribution: string }>).map((x) => [x.uuid, x.distribution]), [[all.attributes[0], '3']], 'the org-only attribute stays');
      const editConn = user1.received.get(conn.id)!;
      assert.equal(editConn.path, `events/edit/${conn.id}/metadata:1`);
      assert.equal((editConn.body.Event as Record<string, unknown>).distribution, '1', 'CONNECTED_COMMUNITIES arrives as COMMUNITY_ONLY');
      assert.equal(user1.received.has(refused.id), false);

      const again = await pushNow(peer1);
      assert.deepEqual({ error: again.error, created: again.created, updated: again.updated, requests: again.requests }, { error: null, created: 0, updated: 0, requests: 0 });

      // Sightings follow MISP's sighting policy (event owner): one recorded here on the peer's event (e1, owned
      // here by its organisation) goes back to it by bulkSaveSightings of that event, once; one on B's own event does not.
      ok(await author.request(AddSightingDocument, { input: { attributeId: a.a1, type: 'SIGHTING', source: 'b-sensor' } }));
      ok(await author.request(AddSightingDocument, { input: { attributeId: all.attributes[0], type: 'SIGHTING', source: 'b-sensor' } }));
      const s1 = await pushNow(peer1);
      assert.equal(s1.error, null);
      assert.equal(s1.sightingsCreated, 1);
      assert.deepEqual([...user1.sightingsReceived.keys()], [u.e1]);
      const sent = user1.sightingsReceived.get(u.e1)!;
      assert.equal(sent.length, 1);
      assert.deepEqual(
        { attribute: sent[0].attribute_uuid, type: sent[0].type, source: sent[0].source, org: (sent[0].Organisation as Record<string, unknown>).uuid },
        { attribute: a.a1, type: '0', source: 'b-sensor', org: B.org.id },
      );
      const s2 = await pushNow(peer1);
      assert.deepEqual({ error: s2.error, requests: s2.requests, sightings: s2.sightingsCreated }, { error: null, requests: 0, sightings: 0 });
    });
  });
}

for (const database of testDatabases()) fixtureSuite(database);
