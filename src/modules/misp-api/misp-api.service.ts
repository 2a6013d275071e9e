import { Scope, requireActor } from '../../graphql/scope';
import { notFound } from '../../shared/errors';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { MispObject } from '../object/object.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../sharing-group/sharing-group.entity';
import { Sighting } from '../sighting/sighting.entity';
import { Tag } from '../tag/tag.entity';

/**
 * The reads the MISP REST layer needs beyond the GraphQL services: MISP names things by local integer id
 * (or uuid, or name), and pages by offset. Every read goes through the scope's EntityManager, so the
 * `visible` filter (policy.ts) applies: an id the caller may not see resolves like an id that does not
 * exist (NOT_FOUND). The services called afterwards apply their own rules again on the uuid.
 */

const isLocalId = (ref: string) => /^\d{1,15}$/.test(ref);

/** `{id|uuid}` of an event → its uuid (NOT_FOUND when no visible event has that id). */
export async function eventUuidOf(scope: Scope, ref: string): Promise<string> {
  requireActor(scope);
  if (!isLocalId(ref)) return ref.toLowerCase();
  const e = await scope.em.findOne(Event, { id: Number(ref) }, { fields: ['uuid'] });
  if (!e) throw notFound('Event', ref);
  return e.uuid;
}

/** `{id|uuid}` of an attribute → its uuid (tombstones too: delete and view of deleted ones decide). */
export async function attributeUuidOf(scope: Scope, ref: string): Promise<string> {
  requireActor(scope);
  if (!isLocalId(ref)) return ref.toLowerCase();
  const a = await scope.em.findOne(Attribute, { id: Number(ref) }, { fields: ['uuid'] });
  if (!a) throw notFound('Attribute', ref);
  return a.uuid;
}

/** Which of an event's uuid or an attribute's uuid this is (MISP's tag attach/detach take either). */
export async function kindOfUuid(scope: Scope, uuid: string): Promise<'event' | 'attribute'> {
  requireActor(scope);
  const u = uuid.toLowerCase();
  if (await scope.em.count(Event, { uuid: u })) return 'event';
  if (await scope.em.count(Attribute, { uuid: u })) return 'attribute';
  throw notFound('Event or attribute', uuid);
}

/** An organisation by local id, uuid or exact name. */
export async function organisationByRef(scope: Scope, ref: string): Promise<Organisation> {
  requireActor(scope);
  const where = isLocalId(ref) ? { id: Number(ref) } : /^[0-9a-f-]{36}$/i.test(ref) ? { uuid: ref.toLowerCase() } : { name: ref };
  const org = await scope.em.findOne(Organisation, where);
  if (!org) throw notFound('Organisation', ref);
  return org;
}

/** A sharing group the caller may see, by local id or uuid. */
export async function sharingGroupUuidOf(scope: Scope, ref: string): Promise<string> {
  requireActor(scope);
  if (!isLocalId(ref)) return ref.toLowerCase();
  const sg = await scope.em.findOne(SharingGroup, { id: Number(ref) }, { fields: ['uuid'] });
  if (!sg) throw notFound('Sharing group', ref);
  return sg.uuid;
}

/** A tag by local id or (case-insensitive) name; tags are global reference data as in MISP. */
export async function tagByRef(scope: Scope, ref: string): Promise<Tag> {
  requireActor(scope);
  const t = await scope.em.findOne(Tag, isLocalId(ref) ? { id: Number(ref) } : { nameKey: ref.trim().toLowerCase() });
  if (!t) throw notFound('Tag', ref);
  return t;
}

/** Local ids of the events matching `where` (conditions from eventWhere), oldest first, one MISP page. */
export async function eventIdsPage(scope: Scope, where: Record<string, unknown>[], limit: number, offset: number): Promise<number[]> {
  const rows = await scope.em.find(Event, { $and: where }, { fields: ['id'], orderBy: { id: 'asc' }, limit, offset });
  return rows.map((r) => r.id);
}

export const countEvents = (scope: Scope, where: Record<string, unknown>[]) => scope.em.count(Event, { $and: where });

export const countAttributes = (scope: Scope, where: Record<string, unknown>[]) => scope.em.count(Attribute, { $and: where });

/** Events by local id, with the references the MISP shapes name (owner, creator, sharing group). */
export const eventsByIds = (scope: Scope, ids: number[]) =>
  scope.em.find(Event, { id: { $in: ids } }, { orderBy: { id: 'asc' }, populate: ['ownerOrg', 'creatorOrg', 'sharingGroup'] });

/**
 * Sightings the caller may see (the `visible` filter: policy.sightingVisibilityFilter) of one event or one
 * attribute, or all of them, newest first, at most `limit`.
 */
export async function listSightings(
  scope: Scope,
  of: { eventId?: number; attributeId?: number; orgId?: number; type?: string; source?: string; from?: Date; to?: Date },
  limit: number,
): Promise<Sighting[]> {
  requireActor(scope);
  const where: Record<string, unknown>[] = [];
  if (of.attributeId !== undefined) where.push({ attribute: of.attributeId });
  if (of.eventId !== undefined) where.push({ attribute: { event: of.eventId } });
  if (of.orgId !== undefined) where.push({ org: of.orgId });
  if (of.type !== undefined) where.push({ type: of.type });
  if (of.source !== undefined) where.push({ source: of.source });
  if (of.from) where.push({ at: { $gte: of.from } });
  if (of.to) where.push({ at: { $lte: of.to } });
  return scope.em.find(Sighting, { $and: where }, { orderBy: { id: 'desc' }, limit, populate: ['attribute', 'attribute.event', 'org'] });
}

/** Local tag ids by lower-cased name (tags are global reference data; MISP shows their ids). */
export async function tagIdsByName(scope: Scope, names: Iterable<string>): Promise<Map<string, number>> {
  const keys = [...new Set([...names].map((n) => n.toLowerCase()))];
  if (!keys.length) return new Map();
  const tags = await scope.em.find(Tag, { nameKey: { $in: keys } }, { fields: ['id', 'nameKey'] });
  return new Map(tags.map((t) => [t.nameKey, t.id]));
}

/**
 * The id range of one MISP page (`limit` rows from `offset`, in id order) of the rows matching `where`,
 * or null when the page is empty: a page is then read as an id range, with no long IN list.
 */
export async function attributePageRange(
  scope: Scope,
  where: Record<string, unknown>[],
  limit: number,
  offset: number,
): Promise<{ from: number; to: number } | null> {
  const at = async (n: number) => (await scope.em.find(Attribute, { $and: where }, { fields: ['id'], orderBy: { id: 'asc' }, limit: 1, offset: n }))[0]?.id;
  const from = await at(offset);
  if (from === undefined) return null;
  const to = (await at(offset + limit - 1)) ?? Number.MAX_SAFE_INTEGER;
  return { from, to };
}

/** Sightings by uuid (those just added), as the caller may see them. */
export const sightingsByUuids = (scope: Scope, uuids: string[]) =>
  scope.em.find(Sighting, { uuid: { $in: uuids } }, { orderBy: { id: 'asc' }, populate: ['attribute', 'attribute.event', 'org'] });

/** A sharing group's member organisations (the group itself was checked visible by the caller). */
export const sharingGroupMembers = (scope: Scope, sharingGroupIds: number[]) =>
  scope.em.find(SharingGroupOrg, { sharingGroup: { $in: sharingGroupIds } }, { orderBy: { id: 'asc' }, populate: ['organisation'] });

/** Sharing groups the caller may see (the `visible` filter), with owner and the this-hub members. */
export async function sharingGroupsWithMembers(scope: Scope, ref?: string) {
  requireActor(scope);
  const where = ref === undefined ? {} : isLocalId(ref) ? { id: Number(ref) } : { uuid: ref.toLowerCase() };
  const groups = await scope.em.find(SharingGroup, where, { orderBy: { name: 'asc' }, populate: ['ownerOrg'] });
  if (ref !== undefined && !groups.length) throw notFound('Sharing group', ref);
  const ids = groups.map((g) => g.id);
  const [orgs, servers] = ids.length
    ? await Promise.all([sharingGroupMembers(scope, ids), scope.em.find(SharingGroupServer, { sharingGroup: { $in: ids }, isLocal: true })])
    : [[], []];
  return groups.map((g) => ({
    group: g,
    members: orgs.filter((m) => m.sharingGroup.id === g.id),
    thisHubAllOrgs: servers.some((s) => s.sharingGroup.id === g.id && s.allOrgs),
  }));
}

/** The live MISP objects of an event the caller may see (the `visible` filter), oldest first. */
export const objectsOfEvent = (scope: Scope, eventId: number) =>
  scope.em.find(MispObject, { event: eventId, deleted: false }, { orderBy: { id: 'asc' }, populate: ['event', 'sharingGroup'] });
