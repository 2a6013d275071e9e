import { EntityManager, wrap } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { canSeeAttribute, canSeeEvent, canSeeObject, Viewer } from '../../auth/policy';
import { encodeCursor } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { Attribute } from '../attribute/attribute.entity';
import { AttributePayload } from '../attribute/attribute-payload.entity';
import { findAttributeViews } from '../attribute/attribute.views';
import { EventReport } from '../event-report/event-report.entity';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { MispObject } from '../object/object.entity';
import { ObjectReference } from '../object/object-reference.entity';
import { Proposal } from '../proposal/proposal.entity';
import { decodeSince } from '../change/change.resolver';
import { attributeAccessOf, eventAccessOf } from '../../auth/change-access';
import { Change } from '../change/change.entity';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../sharing-group/sharing-group.entity';
import { AttributeTag, EventTag } from '../tag/tag.entity';
import { hubUuidOf } from '../hub/hub.service';
import { SyncEventWire, SyncSharingGroupWire, SyncTagWire } from '../misp-import/wire.types';
import { SyncIndexEntry, SyncIndexPage } from './sync.types';


/**
 * Builds the wire form of events: what `viewer` may see of them (attributes incl. tombstones when the
 * viewer may see those), exportable non-local tags only, sharing groups with members by uuid. A constant
 * number of queries for any number of events.
 */
export async function eventsToWire(em: EntityManager, events: Event[], viewer: Viewer): Promise<SyncEventWire[]> {
  if (!events.length) return [];
  const ids = events.map((e) => e.id);
  const [attributes, eventTags, objects, reports, proposals] = await Promise.all([
    // Plain rows, not managed entities (thousands per call), narrowed by the viewer's attribute visibility
    // in the statement as the ORM's filter did; the object of each is one of `objects` (see accessOf).
    findAttributeViews(em, { event: { $in: ids } }, { orderBy: { id: 'asc' } }),
    em.find(EventTag, { event: { $in: ids }, local: false, tag: { exportable: true } }, { populate: ['tag'] }),
    em.find(MispObject, { event: { $in: ids } }, { orderBy: { id: 'asc' } }),
    em.find(EventReport, { event: { $in: ids } }, { orderBy: { id: 'asc' } }),
    em.find(Proposal, { event: { $in: ids } }, { orderBy: { id: 'asc' }, populate: ['org'] }),
  ]);
  const attrTags = attributes.length
    ? await em.find(AttributeTag, { attribute: { $in: attributes.map((a) => a.id) }, local: false, tag: { exportable: true } }, { populate: ['tag'] })
    : [];
  const sgIds = new Set<number>();
  for (const e of events) if (e.sharingGroup) sgIds.add(e.sharingGroup.id);
  for (const x of [...attributes, ...objects, ...reports]) if (x.sharingGroup) sgIds.add(x.sharingGroup.id);
  const groups = sgIds.size ? await sharingGroupsToWire(em, [...sgIds], await hubUuidOf(em)) : new Map<number, SyncSharingGroupWire>();
  // Creators loaded with their events (syncEvents) are not read again.
  const orgs = new Map(events.filter((e) => wrap(e.creatorOrg).isInitialized()).map((e) => [e.creatorOrg.id, e.creatorOrg]));
  const orgIds = [...new Set(events.map((e) => e.creatorOrg.id).filter((id) => !orgs.has(id)))];
  if (orgIds.length) for (const o of await em.find(Organisation, { id: { $in: orgIds } })) orgs.set(o.id, o);
  const tagsBy = <K>(rows: { tag: { name: string; colour: string } }[], key: (r: never) => K) => {
    const m = new Map<K, SyncTagWire[]>();
    for (const r of rows) m.set(key(r as never), [...(m.get(key(r as never)) ?? []), { name: r.tag.name, colour: r.tag.colour }]);
    return m;
  };
  const tagsOfEvent = tagsBy<number>(eventTags, (r: EventTag) => r.event.id);
  const tagsOfAttr = tagsBy<number>(attrTags, (r: AttributeTag) => r.attribute.id);
  const attrsOf = byEvent(attributes);
  const objectsOf = byEvent(objects);
  const reportsOf = byEvent(reports);
  const proposalsOf = byEvent(proposals);
  const extras = await wireExtras(em, objects, attributes, proposals, [...eventTags, ...attrTags].map((t) => t.tag.name));
  const group = (g: { id: number } | null | undefined) => (g ? (groups.get(g.id) ?? null) : null);
  // An attribute's object as the viewer may read it: one it may not read (absent from `objects`, which
  // the `visible` filter narrows) hides its attributes (attributeAccessOf).
  const objectOf = new Map(objects.map((o) => [o.id, o]));
  const objectById = (id: number) => objectOf.get(id);
  return events.map((e) => {
    const access = eventAccessOf(e);
    const creator = orgs.get(e.creatorOrg.id)!;
    const child = (x: { distribution: Distribution; sharingGroup?: { id: number } | null; deleted: boolean }) =>
      canSeeObject(viewer, access, { distribution: x.distribution, sharingGroupId: x.sharingGroup?.id ?? null, deleted: x.deleted }, { includeDeleted: true });
    const sentAttributes = (attrsOf.get(e.id) ?? []).filter((a) => canSeeAttribute(viewer, access, attributeAccessOf(a, objectById), { includeDeleted: true }));
    const sentObjects = (objectsOf.get(e.id) ?? []).filter(child);
    const sentUuids = new Set([...sentAttributes, ...sentObjects].map((x) => x.uuid));
    const inEvent = extras.storedInEvent.get(e.id) ?? new Set<string>();
    const tagNames = new Set([...(tagsOfEvent.get(e.id) ?? []), ...sentAttributes.flatMap((a) => tagsOfAttr.get(a.id) ?? [])].map((t) => t.name));
    return {
      id: e.uuid,
      info: e.info,
      date: e.date,
      threatLevel: e.threatLevel,
      analysis: e.analysis,
      distribution: e.distribution,
      sharingGroup: e.sharingGroup ? (groups.get(e.sharingGroup.id) ?? null) : null,
      published: e.published,
      publishedAt: e.publishedAt ?? null,
      timestamp: e.timestamp,
      deleted: false,
      creatorOrg: { id: creator.uuid, name: creator.name },
      disableCorrelation: e.disableCorrelation,
      extendsUuid: e.extendsUuid ?? null,
      tags: tagsOfEvent.get(e.id) ?? [],
      attributes: sentAttributes.map((a) => ({
          id: a.uuid,
          type: a.type,
          category: a.category,
          value: a.value,
          toIds: a.toIds,
          comment: a.comment ?? null,
          distribution: a.distribution,
          sharingGroup: a.sharingGroup ? (groups.get(a.sharingGroup.id) ?? null) : null,
          timestamp: a.timestamp,
          deleted: a.deleted,
          disableCorrelation: a.disableCorrelation,
          firstSeen: a.firstSeen ?? null,
          lastSeen: a.lastSeen ?? null,
          objectRelation: a.objectRelation ?? null,
          tags: tagsOfAttr.get(a.id) ?? [],
          objectId: a.object ? (objectOf.get(a.object.id)?.uuid ?? null) : null,
          data: extras.data.get(a.id) ?? null,
          // Sightings travel as deltas (syncSightings / pushSightings), not inside events.
          sightings: null,
        })),
      objects: sentObjects.map((o) => ({
        id: o.uuid,
        name: o.name,
        metaCategory: o.metaCategory,
        description: o.description ?? null,
        templateUuid: o.templateUuid ?? null,
        templateVersion: o.templateVersion ?? null,
        comment: o.comment ?? null,
        distribution: o.distribution,
        sharingGroup: group(o.sharingGroup),
        firstSeen: o.firstSeen ?? null,
        lastSeen: o.lastSeen ?? null,
        timestamp: o.timestamp,
        deleted: o.deleted,
        // A reference to something of this event the reader may not see is left out, not shown half.
        references: (extras.references.get(o.id) ?? [])
          .filter((r) => !inEvent.has(r.targetUuid) || sentUuids.has(r.targetUuid))
          .map((r) => ({ id: r.uuid, targetId: r.targetUuid, relationshipType: r.relationshipType, comment: r.comment ?? null, timestamp: r.timestamp, deleted: r.deleted })),
      })),
      galaxyClusters: extras.clusters
        .filter((c) => tagNames.has(c.tagName))
        .map((c) => ({ id: c.uuid, tagName: c.tagName, version: c.version == null ? null : String(c.version), galaxy: c.galaxy, data: c.data })),
      reports: (reportsOf.get(e.id) ?? []).filter(child).map((r) => ({
        id: r.uuid,
        name: r.name,
        content: r.content,
        distribution: r.distribution,
        sharingGroup: group(r.sharingGroup),
        timestamp: r.timestamp,
        deleted: r.deleted,
      })),
      // A proposal about an attribute of this event that is not sent stays here.
      proposals: (proposalsOf.get(e.id) ?? [])
        .filter((p) => !p.attributeUuid || !inEvent.has(p.attributeUuid) || sentUuids.has(p.attributeUuid))
        .map((p) => ({
          id: p.uuid,
          attributeId: p.attributeUuid ?? null,
          org: { id: p.org.uuid, name: p.org.name },
          type: p.type,
          category: p.category,
          value: p.value,
          toIds: p.toIds,
          comment: p.comment ?? null,
          objectRelation: p.objectRelation ?? null,
          firstSeen: p.firstSeen ?? null,
          lastSeen: p.lastSeen ?? null,
          proposalToDelete: p.proposalToDelete,
          timestamp: p.timestamp,
          deleted: p.deleted,
        })),
    };
  });
}

const byEvent = <T extends { event: { id: number } }>(rows: readonly T[]): Map<number, T[]> => {
  const m = new Map<number, T[]>();
  for (const r of rows) m.set(r.event.id, [...(m.get(r.event.id) ?? []), r]);
  return m;
};

/**
 * References of the objects, the galaxy clusters of the tags, and the attachment files (base64) of the
 * attributes: a fixed number of queries. Attachment files are capped by ATTACHMENT_MAX_BYTES each and the
 * events of one call by the sync chunk; the receiver caps the response (PEER_MAX_RESPONSE_BYTES).
 */
async function wireExtras(em: EntityManager, objects: readonly MispObject[], attributes: readonly Attribute[], proposals: readonly Proposal[], tagNames: readonly string[]) {
  const galaxyTags = [...new Set(tagNames.filter((n) => n.startsWith('misp-galaxy:')))];
  const files = attributes.filter((a) => a.type === 'attachment' || a.type === 'malware-sample');
  const [refs, clusters, payloads] = await Promise.all([
    objects.length ? em.find(ObjectReference, { object: { $in: objects.map((o) => o.id) } }, { orderBy: { id: 'asc' } }) : [],
    galaxyTags.length ? em.find(GalaxyCluster, { tagName: { $in: galaxyTags } }, { orderBy: { id: 'asc' } }) : [],
    files.length ? em.find(AttributePayload, { attribute: { $in: files.map((a) => a.id) } }, { populate: ['data'] }) : [],
  ]);
  const references = new Map<number, ObjectReference[]>();
  for (const r of refs) references.set(r.object.id, [...(references.get(r.object.id) ?? []), r]);
  // What is stored in an event (visible or not) matters only to events with references or proposals about
  // an attribute (see storedUuidsOf): other events need not be read again.
  const eventOfObject = new Map(objects.map((o) => [o.id, o.event.id]));
  const eventIds = [...new Set([...refs.map((r) => eventOfObject.get(r.object.id)!), ...proposals.filter((p) => p.attributeUuid).map((p) => p.event.id)])];
  const stored = await storedUuidsOf(em, eventIds);
  const data = new Map(payloads.map((p) => [p.attribute.id, Buffer.from(p.data).toString('base64')]));
  return { references, clusters, data, storedInEvent: stored };
}

/**
 * The uuids of every object and attribute stored in these events, visible to the reader or not (uuids
 * only, never data): a reference to one of them that is not sent is left out, while a reference to a
 * uuid outside the event passes (MISP references across events by uuid).
 */
async function storedUuidsOf(em: EntityManager, eventIds: number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!eventIds.length) return out;
  const [objects, attributes] = await Promise.all([
    em.find(MispObject, { event: { $in: eventIds } }, { fields: ['uuid', 'event'], filters: false }),
    em.find(Attribute, { event: { $in: eventIds } }, { fields: ['uuid', 'event'], filters: false }),
  ]);
  for (const x of [...objects, ...attributes]) out.set(x.event.id, (out.get(x.event.id) ?? new Set()).add(x.uuid));
  return out;
}

export async function sharingGroupsToWire(em: EntityManager, ids: number[], hubUuid: string): Promise<Map<number, SyncSharingGroupWire>> {
  if (!ids.length) return new Map();
  const [groups, members, servers] = await Promise.all([
    em.find(SharingGroup, { id: { $in: ids } }, { populate: ['ownerOrg'] }),
    em.find(SharingGroupOrg, { sharingGroup: { $in: ids } }, { populate: ['organisation'] }),
    em.find(SharingGroupServer, { sharingGroup: { $in: ids } }),
  ]);
  return new Map(
    groups.map((g) => [
      g.id,
      {
        id: g.uuid,
        name: g.name,
        description: g.description ?? null,
        releasability: g.releasability ?? null,
        roaming: g.roaming,
        timestamp: g.timestamp,
        ownerOrg: { id: g.ownerOrg.uuid, name: g.ownerOrg.name },
        organisations: members.filter((m) => m.sharingGroup.id === g.id).map((m) => ({ id: m.organisation.uuid, name: m.organisation.name })),
        hubs: servers
          .filter((s) => s.sharingGroup.id === g.id && (s.isLocal || s.hubUuid))
          .map((s) => ({ id: s.isLocal ? hubUuid : s.hubUuid!, allOrgs: s.allOrgs })),
      },
    ]),
  );
}

/** Change kinds that change what an event carries on the wire (sightings travel as deltas: not these). */
export const EVENT_CONTENT_KINDS: ReadonlySet<ChangeKind> = new Set([ChangeKind.EVENT, ChangeKind.ATTRIBUTE, ChangeKind.OBJECT, ChangeKind.EVENT_REPORT, ChangeKind.PROPOSAL]);

/** The change-log columns the sync index reads. */
const INDEX_CHANGE_COLUMNS = ['seq', 'kind', 'op', 'eventUuid', 'ownerOrgId', 'eventDistribution', 'eventSharingGroupId', 'at'] as const;
type IndexChangeRow = Pick<Change, (typeof INDEX_CHANGE_COLUMNS)[number]>;

/**
 * The sync index (protocol §index): events changed after a change cursor that the caller may pull —
 * published events it can see, and tombstones of deleted events it could see. Cost follows the number
 * of changes after the cursor, not the size of the hub: one indexed range read of the change log.
 */
export async function syncIndex(scope: Scope, since: string | null | undefined, first: number): Promise<SyncIndexPage> {
  requireActor(scope);
  const start = decodeSince(since) ?? 0;
  // The cursor advances over every row (other kinds too), so a page always makes progress.
  // One row more than the page says whether there is more (no second query).
  // Plain rows of the columns used here, not managed entities: a page is up to 10,000 rows, read once.
  const read = (await (scope.em as SqlEntityManager)
    .createQueryBuilder(Change)
    .select([...INDEX_CHANGE_COLUMNS])
    .where({ seq: { $gt: start } })
    .orderBy({ seq: 'asc' })
    .limit(first + 1)
    .execute('all', true)) as unknown as IndexChangeRow[];
  const hasMore = read.length > first;
  const rows = hasMore ? read.slice(0, first) : read;
  const cursor = rows.length ? rows[rows.length - 1].seq : start;
  const lastRowOf = new Map<string, IndexChangeRow>();
  for (const r of rows) if (r.eventUuid && EVENT_CONTENT_KINDS.has(r.kind)) lastRowOf.set(r.eventUuid, r);
  const events = lastRowOf.size ? await scope.em.find(Event, { uuid: { $in: [...lastRowOf.keys()] } }, { populate: ['creatorOrg'] }) : [];
  const byUuid = new Map(events.map((e) => [e.uuid, e]));
  const tags = events.length
    ? await scope.em.find(EventTag, { event: { $in: events.map((e) => e.id) }, local: false, tag: { exportable: true } }, { populate: ['tag'] })
    : [];
  const entries: SyncIndexEntry[] = [];
  for (const [uuid, last] of lastRowOf) {
    const e = byUuid.get(uuid);
    if (e) {
      if (!e.published || !canSeeEvent(scope.viewer, eventAccessOf(e))) continue;
      entries.push({
        id: e.uuid,
        timestamp: e.timestamp,
        creatorOrgId: e.creatorOrg.uuid,
        creatorOrgName: e.creatorOrg.name,
        published: true,
        deleted: false,
        tags: tags.filter((t) => t.event.id === e.id).map((t) => t.tag.name),
      });
    } else if (last.kind === ChangeKind.EVENT && last.op === ChangeOp.DELETED) {
      const snapshot = {
        ownerOrgId: last.ownerOrgId ?? -1,
        distribution: last.eventDistribution ?? Distribution.ORGANISATION_ONLY,
        sharingGroupId: last.eventSharingGroupId ?? null,
        published: true,
      };
      if (!canSeeEvent(scope.viewer, snapshot)) continue;
      entries.push({ id: uuid, timestamp: last.at, creatorOrgId: '', creatorOrgName: '', published: false, deleted: true, tags: [] });
    }
  }
  return { entries, cursor: encodeCursor('change', cursor), hasMore };
}

/** Full events by uuid as the caller may pull them: published and visible; others are left out. */
export async function syncEvents(scope: Scope, uuids: string[]): Promise<SyncEventWire[]> {
  requireActor(scope);
  const events = await scope.em.find(Event, { uuid: { $in: uuids.map((u) => u.toLowerCase()) }, published: true }, { orderBy: { id: 'asc' }, populate: ['creatorOrg'], strategy: 'joined' });
  const visible = events.filter((e) => canSeeEvent(scope.viewer, eventAccessOf(e)));
  return eventsToWire(scope.em, visible, scope.viewer);
}
