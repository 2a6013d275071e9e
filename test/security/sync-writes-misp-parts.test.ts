import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PushEventsReportDocument, SyncAttributeInput, SyncEventInput, SyncObjectInput } from '../../src/generated/graphql';
import { systemEm } from '../../src/auth/visibility-filter';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { EventReport } from '../../src/modules/event-report/event-report.entity';
import { GalaxyCluster } from '../../src/modules/galaxy/galaxy-cluster.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { Sighting } from '../../src/modules/sighting/sighting.entity';
import { SharingGroup } from '../../src/modules/sharing-group/sharing-group.entity';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/**
 * Sync writes of the parts of a MISP event (policy "sync writes"): a peer that lies about objects,
 * object attributes, sharing groups of objects and reports, galaxy clusters or sightings is refused part
 * by part with a reason, and nothing it names is moved or half-written. Pushed through the real pushEvents.
 */
let tick = Date.parse('2026-07-01T00:00:00.000Z');
const next = () => new Date((tick += 60_000)).toISOString();

const attr = (o: Partial<SyncAttributeInput> = {}): SyncAttributeInput => ({
  id: randomUUID(),
  type: 'domain',
  category: 'Network activity',
  value: `${unique('d')}.example.org`.toLowerCase(),
  toIds: true,
  comment: null,
  distribution: 'INHERIT_EVENT',
  sharingGroup: null,
  timestamp: next(),
  deleted: false,
  disableCorrelation: false,
  firstSeen: null,
  lastSeen: null,
  objectRelation: null,
  tags: [],
  ...o,
});
const object = (o: Partial<SyncObjectInput> = {}): SyncObjectInput => ({
  id: randomUUID(),
  name: 'domain-ip',
  metaCategory: 'network',
  distribution: 'INHERIT_EVENT',
  timestamp: next(),
  deleted: false,
  references: [],
  ...o,
});

for (const database of testDatabases()) {
  describe(`sync writes: parts of a MISP event (${database.name})`, () => {
    let hub: TestHub;
    let B: OrgWithUser;
    let C: OrgWithUser;
    before(async () => {
      hub = await startTestHub(database);
      [B, C] = await Promise.all([orgWithUser(hub, 'SYNC_USER'), orgWithUser(hub, 'SYNC_USER')]);
    });
    after(() => hub?.stop());
    const em = () => systemEm(hub.app.orm.em.fork());
    const wire = (o: Partial<SyncEventInput>): SyncEventInput => ({
      id: randomUUID(),
      info: unique('pushed'),
      date: '2026-07-01',
      threatLevel: 'LOW',
      analysis: 'INITIAL',
      distribution: 'COMMUNITY_ONLY',
      sharingGroup: null,
      published: true,
      publishedAt: null,
      timestamp: next(),
      deleted: false,
      creatorOrg: { id: B.orgId, name: B.orgName },
      disableCorrelation: false,
      tags: [],
      attributes: [],
      ...o,
    });
    const push = async (by: OrgWithUser, events: SyncEventInput[]) => {
      const r = ok(await hub.client(by.key).request(PushEventsReportDocument, { hubId: randomUUID(), events })).pushEvents;
      return { ...r, reasons: Object.fromEntries(r.skippedReasons.map((s) => [s.reason, s.count])) };
    };

    test('an object uuid of another event is never moved; its attributes, an attribute naming no object, a reused sighting uuid are refused', async () => {
      const o1 = object();
      const a1 = attr({ objectId: o1.id, objectRelation: 'domain' });
      const s1 = randomUUID();
      const plain = attr({ sightings: [{ id: s1, org: { id: B.orgId, name: B.orgName }, type: 'SIGHTING', source: null, at: next() }] });
      const e1 = wire({ objects: [o1], attributes: [a1, plain] });
      let r = await push(B, [e1]);
      assert.equal(r.created, 1, JSON.stringify(r));
      assert.deepEqual(r.reasons, {});

      const stolen = attr({ objectId: o1.id, objectRelation: 'domain' });
      const orphan = attr({ objectId: randomUUID(), objectRelation: 'domain' });
      const reuse = attr({ sightings: [{ id: s1, org: { id: B.orgId, name: B.orgName }, type: 'SIGHTING', source: null, at: next() }] });
      const e2 = wire({ objects: [{ ...o1, name: 'file', timestamp: next() }], attributes: [stolen, orphan, reuse] });
      r = await push(B, [e2]);
      assert.equal(r.created, 1);
      assert.deepEqual(r.reasons, { OBJECT_UUID_TAKEN: 1, ATTRIBUTE_OBJECT_REFUSED: 1, ATTRIBUTE_OBJECT_UNKNOWN: 1, SIGHTING_UUID_TAKEN: 1 });
      const m = em();
      const stored = await m.findOneOrFail(MispObject, { uuid: o1.id }, { populate: ['event'] });
      assert.equal(stored.event.uuid, e1.id);
      assert.equal(stored.name, 'domain-ip');
      assert.equal(await m.count(Attribute, { uuid: { $in: [stolen.id, orphan.id] } }), 0);
      assert.ok(await m.findOne(Attribute, { uuid: reuse.id }), 'the attribute itself is stored');
      const s = await m.findOneOrFail(Sighting, { uuid: s1 }, { populate: ['attribute'] });
      assert.equal(s.attribute.uuid, plain.id);
    });

    test('objects and reports in a sharing group the sender is not a member of are left out, the group is not created; a cluster without its tag is not stored', async () => {
      const group = { id: randomUUID(), name: unique('sg'), roaming: false, timestamp: next(), ownerOrg: { id: C.orgId, name: C.orgName }, organisations: [{ id: C.orgId, name: C.orgName }], hubs: [] };
      const o = object({ distribution: 'SHARING_GROUP', sharingGroup: group });
      const inGroup = attr({ objectId: o.id, objectRelation: 'domain' });
      const report = { id: randomUUID(), name: 'r', content: 'secret', distribution: 'SHARING_GROUP' as const, sharingGroup: group, timestamp: next(), deleted: false };
      const cluster = { id: randomUUID(), tagName: 'misp-galaxy:threat-actor="Nobody"', version: '1', galaxy: '{"type":"threat-actor"}', data: '{"value":"Nobody","type":"threat-actor"}' };
      const e = wire({ objects: [o], attributes: [inGroup], reports: [report], galaxyClusters: [cluster] });
      const r = await push(B, [e]);
      assert.equal(r.created, 1);
      assert.deepEqual(r.reasons, { OBJECT_SHARING_GROUP_NOT_MEMBER: 1, ATTRIBUTE_OBJECT_REFUSED: 1, REPORT_SHARING_GROUP_NOT_MEMBER: 1, CLUSTER_TAG_MISSING: 1 });
      const m = em();
      assert.equal(await m.count(MispObject, { uuid: o.id }), 0);
      assert.equal(await m.count(Attribute, { uuid: inGroup.id }), 0);
      assert.equal(await m.count(EventReport, { uuid: report.id }), 0);
      assert.equal(await m.count(SharingGroup, { uuid: group.id }), 0);
      assert.equal(await m.count(GalaxyCluster, { uuid: cluster.id }), 0);
    });

    test('another organisation\'s copy: its objects and reports are not touched', async () => {
      const o = object();
      const report = { id: randomUUID(), name: 'r', content: 'v1', distribution: 'INHERIT_EVENT' as const, sharingGroup: null, timestamp: next(), deleted: false };
      const e = wire({ objects: [o], reports: [report] });
      assert.equal((await push(B, [e])).created, 1);
      const r = await push(C, [{ ...e, timestamp: next(), objects: [{ ...o, name: 'file', timestamp: next() }], reports: [{ ...report, content: 'v2', timestamp: next() }] }]);
      assert.deepEqual(r.reasons, { NOT_SENDERS_COPY: 1 });
      const m = em();
      assert.equal((await m.findOneOrFail(MispObject, { uuid: o.id })).name, 'domain-ip');
      assert.equal((await m.findOneOrFail(EventReport, { uuid: report.id })).content, 'v1');
    });
  });
}
