import { EntityManager } from '@mikro-orm/core';
import { canSeeAttribute, canSeeEvent, Viewer } from '../../auth/policy';
import { encodeCursor } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { Attribute } from '../attribute/attribute.entity';
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
  const hubUuid = await hubUuidOf(em);
  const ids = events.map((e) => e.id);
  const [attributes, eventTags] = await Promise.all([
    em.find(Attribute, { event: { $in: ids } }, { orderBy: { id: 'asc' } }),
    em.find(EventTag, { event: { $in: ids }, local: false, tag: { exportable: true } }, { populate: ['tag'] }),
  ]);
  const attrTags = attributes.length
    ? await em.find(AttributeTag, { attribute: { $in: attributes.map((a) => a.id) }, local: false, tag: { exportable: true } }, { populate: ['tag'] })
    : [];
  const sgIds = new Set<number>();
  for (const e of events) if (e.sharingGroup) sgIds.add(e.sharingGroup.id);
  for (const a of attributes) if (a.sharingGroup) sgIds.add(a.sharingGroup.id);
  const groups = await sharingGroupsToWire(em, [...sgIds], hubUuid);
  const orgIds = [...new Set(events.map((e) => e.creatorOrg.id))];
  const orgs = new Map((await em.find(Organisation, { id: { $in: orgIds } })).map((o) => [o.id, o]));
  const tagsBy = <K>(rows: { tag: { name: string; colour: string } }[], key: (r: never) => K) => {
    const m = new Map<K, SyncTagWire[]>();
    for (const r of rows) m.set(key(r as never), [...(m.get(key(r as never)) ?? []), { name: r.tag.name, colour: r.tag.colour }]);
    return m;
  };
  const tagsOfEvent = tagsBy<number>(eventTags, (r: EventTag) => r.event.id);
  const tagsOfAttr = tagsBy<number>(attrTags, (r: AttributeTag) => r.attribute.id);
  const attrsOf = new Map<number, Attribute[]>();
  for (const a of attributes) attrsOf.set(a.event.id, [...(attrsOf.get(a.event.id) ?? []), a]);
  return events.map((e) => {
    const access = eventAccessOf(e);
    const creator = orgs.get(e.creatorOrg.id)!;
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
      attributes: (attrsOf.get(e.id) ?? [])
        .filter((a) => canSeeAttribute(viewer, access, attributeAccessOf(a), { includeDeleted: true }))
        .map((a) => ({
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
        })),
    };
  });
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

/**
 * The sync index (protocol §index): events changed after a change cursor that the caller may pull —
 * published events it can see, and tombstones of deleted events it could see. Cost follows the number
 * of changes after the cursor, not the size of the hub: one indexed range read of the change log.
 */
export async function syncIndex(scope: Scope, since: string | null | undefined, first: number): Promise<SyncIndexPage> {
  requireActor(scope);
  const start = decodeSince(since) ?? 0;
  // The cursor advances over every row (other kinds too), so a page always makes progress.
  const rows = await scope.em.find(Change, { seq: { $gt: start } }, { orderBy: { seq: 'asc' }, limit: first });
  const cursor = rows.length ? rows[rows.length - 1].seq : start;
  const lastRowOf = new Map<string, Change>();
  for (const r of rows) if (r.eventUuid && (r.kind === ChangeKind.EVENT || r.kind === ChangeKind.ATTRIBUTE)) lastRowOf.set(r.eventUuid, r);
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
  const [newer] = await scope.em.find(Change, { seq: { $gt: cursor } }, { fields: ['seq'], limit: 1 });
  return { entries, cursor: encodeCursor('change', cursor), hasMore: !!newer };
}

/** Full events by uuid as the caller may pull them: published and visible; others are left out. */
export async function syncEvents(scope: Scope, uuids: string[]): Promise<SyncEventWire[]> {
  requireActor(scope);
  const events = await scope.em.find(Event, { uuid: { $in: uuids.map((u) => u.toLowerCase()) }, published: true }, { orderBy: { id: 'asc' } });
  const visible = events.filter((e) => canSeeEvent(scope.viewer, eventAccessOf(e)));
  return eventsToWire(scope.em, visible, scope.viewer);
}
