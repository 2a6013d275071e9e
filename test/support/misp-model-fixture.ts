import { createHash, randomUUID } from 'node:crypto';
import { AddAttributesDocument, AddSightingDocument, CreateEventDocument, Distribution as GqlDistribution, PublishEventDocument } from '../../src/generated/graphql';
import { Distribution } from '../../src/shared/enums';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { AttributePayload } from '../../src/modules/attribute/attribute-payload.entity';
import { zipMalwareSample } from '../../src/modules/attribute/malware-sample-zip';
import { Event } from '../../src/modules/event/event.entity';
import { EventReport } from '../../src/modules/event-report/event-report.entity';
import { GalaxyCluster } from '../../src/modules/galaxy/galaxy-cluster.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { ObjectReference } from '../../src/modules/object/object-reference.entity';
import { Organisation } from '../../src/modules/organisation/organisation.entity';
import { Proposal } from '../../src/modules/proposal/proposal.entity';
import { ok, OrgWithUser, TestHub, unique } from './hub';

/**
 * One MISP event with the whole model, built in a hub's database: attributes through the API (so every
 * write rule and the change log run), then objects, references, clusters, reports, proposals and
 * attachment files through the hub's own (system) EntityManager — the GraphQL mutations for those are
 * other helpers' work. Used by the export, download and federation tests.
 *
 * Shape (owner A; B another organisation of the same hub):
 * - plain: ip-dst `198.51.100.7` (galaxy tag), attachment `note.txt`, malware-sample `evil.exe|<md5>`;
 * - object `file` (ALL_COMMUNITIES): filename + md5; object `domain-ip` (ORGANISATION_ONLY): domain;
 * - references from `file`: to the ORGANISATION_ONLY object, to the ip-dst attribute, to a uuid not on the hub;
 * - reports: one INHERIT_EVENT, one ORGANISATION_ONLY; proposals by B: one on ip-dst, one new attribute;
 * - sightings of ip-dst: one by A, one by B (MISP's policy: B sees its own only).
 */
export interface MispModelEvent {
  eventId: string;
  ip: string;
  attachment: string;
  malware: string;
  fileObject: string;
  hiddenObject: string;
  fileAttributes: string[];
  hiddenAttribute: string;
  externalTarget: string;
  reports: { open: string; hidden: string };
  proposals: { onIp: string; newAttribute: string };
  clusters: { event: string; attribute: string };
  attachmentBytes: Buffer;
  sampleBytes: Buffer;
}

export const EVENT_GALAXY_TAG = 'misp-galaxy:threat-actor="Sofacy"';
export const ATTRIBUTE_GALAXY_TAG = 'misp-galaxy:mitre-attack-pattern="Phishing - T1566"';

export async function buildMispModelEvent(hub: TestHub, A: OrgWithUser, B: OrgWithUser, opts: { distribution?: GqlDistribution; publish?: boolean; fileObjectDistribution?: Distribution; reportContent?: string } = {}): Promise<MispModelEvent> {
  const event = ok(
    await A.client.request(CreateEventDocument, {
      input: { info: unique('misp model'), distribution: opts.distribution ?? 'CONNECTED_COMMUNITIES', tags: [EVENT_GALAXY_TAG, 'tlp:green'] },
    }),
  ).createEvent;
  const attachmentBytes = Buffer.from('a plain attachment\n');
  const sampleBytes = Buffer.from('MZ not really a program');
  const md5 = createHash('md5').update(sampleBytes).digest('hex');
  const added = ok(
    await A.client.request(AddAttributesDocument, {
      eventId: event.id,
      attributes: [
        { type: 'ip-dst', value: '198.51.100.7', tags: [ATTRIBUTE_GALAXY_TAG] },
        { type: 'attachment', value: 'note.txt' },
        { type: 'malware-sample', value: `evil.exe|${md5}` },
        { type: 'filename', value: 'dropper.exe' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
        { type: 'domain', value: 'hidden-object.example' },
      ],
    }),
  ).addAttributes;
  const [ip, attachment, malware, fname, fmd5, domain] = added.map((a) => a.id);
  const em = hub.app.hub.em.fork();
  const e = await em.findOneOrFail(Event, { uuid: event.id });
  const orgB = await em.findOneOrFail(Organisation, { uuid: B.orgId });
  const now = new Date();
  const clusterFor = (tagName: string, type: string, value: string) =>
    em.create(GalaxyCluster, {
      uuid: randomUUID(),
      tagName,
      type,
      value,
      description: `${value} described`,
      galaxy: JSON.stringify({ uuid: randomUUID(), name: type, type, namespace: 'misp', description: `${type} galaxy`, version: '1', icon: 'globe' }),
      data: JSON.stringify({ type, value, tag_name: tagName, description: `${value} described`, source: 'test', authors: ['threatmesh'], version: '3', meta: { refs: ['https://example.org'] } }),
      version: '3',
    } as never);
  // Clusters are global reference data (one per tag): a second event built on the same hub reuses them.
  const eventCluster = (await em.findOne(GalaxyCluster, { tagName: EVENT_GALAXY_TAG })) ?? clusterFor(EVENT_GALAXY_TAG, 'threat-actor', 'Sofacy');
  const attributeCluster =
    (await em.findOne(GalaxyCluster, { tagName: ATTRIBUTE_GALAXY_TAG })) ?? clusterFor(ATTRIBUTE_GALAXY_TAG, 'mitre-attack-pattern', 'Phishing - T1566');
  const fileObject = em.create(MispObject, {
    event: e,
    name: 'file',
    metaCategory: 'file',
    description: 'File object describing a file with meta-information',
    templateUuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
    templateVersion: '22',
    distribution: opts.fileObjectDistribution ?? Distribution.ALL_COMMUNITIES,
    firstSeen: new Date('2021-01-01T00:00:00.000Z'),
    timestamp: now,
  } as never);
  const hiddenObject = em.create(MispObject, { event: e, name: 'domain-ip', metaCategory: 'network', distribution: Distribution.ORGANISATION_ONLY, timestamp: now } as never);
  await em.flush();
  const externalTarget = randomUUID();
  for (const [target, rel] of [
    [hiddenObject.uuid, 'connects-to'],
    [ip, 'communicates-with'],
    [externalTarget, 'related-to'],
  ] as const) {
    em.create(ObjectReference, { object: fileObject, targetUuid: target, relationshipType: rel, timestamp: now } as never);
  }
  const open = em.create(EventReport, { event: e, name: 'Analysis', content: opts.reportContent ?? '# Findings: see the *file*.', distribution: Distribution.INHERIT_EVENT, timestamp: now } as never);
  const hidden = em.create(EventReport, { event: e, name: 'Internal notes', content: 'org only', distribution: Distribution.ORGANISATION_ONLY, timestamp: now } as never);
  const onIp = em.create(Proposal, { event: e, org: orgB, attributeUuid: ip, type: 'ip-dst', category: 'Network activity', value: '198.51.100.8', toIds: true, comment: 'typo?', timestamp: now } as never);
  const newAttribute = em.create(Proposal, { event: e, org: orgB, attributeUuid: null, type: 'domain', category: 'Network activity', value: 'proposed.example', toIds: false, timestamp: now } as never);
  const byUuid = new Map((await em.find(Attribute, { uuid: { $in: [attachment, malware, fname, fmd5, domain] } })).map((a) => [a.uuid, a]));
  const payload = (uuid: string, data: Buffer) =>
    em.create(AttributePayload, { attribute: byUuid.get(uuid)!, data, size: data.length, sha256: createHash('sha256').update(data).digest('hex') } as never);
  payload(attachment, attachmentBytes);
  payload(malware, await zipMalwareSample('evil.exe', sampleBytes));
  await em.flush();
  await em.nativeUpdate(Attribute, { uuid: fname }, { object: fileObject.id, objectRelation: 'filename' } as never);
  await em.nativeUpdate(Attribute, { uuid: fmd5 }, { object: fileObject.id, objectRelation: 'md5' } as never);
  await em.nativeUpdate(Attribute, { uuid: domain }, { object: hiddenObject.id, objectRelation: 'domain' } as never);
  for (const who of [A, B]) ok(await who.client.request(AddSightingDocument, { input: { attributeId: ip, type: 'SIGHTING', source: `sensor of ${who.orgId.slice(0, 8)}` } }));
  if (opts.publish !== false) ok(await A.client.request(PublishEventDocument, { id: event.id }));
  return {
    eventId: event.id,
    ip,
    attachment,
    malware,
    fileObject: fileObject.uuid,
    hiddenObject: hiddenObject.uuid,
    fileAttributes: [fname, fmd5],
    hiddenAttribute: domain,
    externalTarget,
    reports: { open: open.uuid, hidden: hidden.uuid },
    proposals: { onIp: onIp.uuid, newAttribute: newAttribute.uuid },
    clusters: { event: eventCluster.uuid, attribute: attributeCluster.uuid },
    attachmentBytes,
    sampleBytes,
  };
}
