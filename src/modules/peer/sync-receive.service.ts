import { EntityManager } from '@mikro-orm/core';
import { refuseControlCharacters } from '../../shared/control-characters';
import { ChangeOp } from '../../shared/enums';
import { Logger } from '../../shared/logger';
import { normaliseAttributeValue } from '../attribute/attribute-values';
import { getAttributeType, resolveCategory } from '../attribute/attribute-types';
import { Attribute } from '../attribute/attribute.entity';
import { valueColumns } from '../attribute/attribute-keys';
import { insertRows, INSERT_CHUNK } from '../../db/insert-rows';
import { ChangeRecorder } from '../change/change-recorder';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../sharing-group/sharing-group.entity';
import { AttributeTag, EventTag, Tag } from '../tag/tag.entity';
import { findOrCreateTags } from '../tag/tag.service';
import { mergeAttributes, shouldApplyIncoming } from './sync.rules';
import { SyncEventWire, SyncOrganisationWire, SyncSharingGroupWire, SyncTagWire } from './sync.types';

export type ApplyOutcome = 'created' | 'updated' | 'deleted' | 'skipped';

export interface ReceiveContext {
  /** Owner of the copies here: the peer's organisation as registered on this hub. */
  ownerOrg: Organisation;
  /** The hub the data came from (never pushed back there). */
  originHubUuid: string | null;
  /** This hub's uuid (a sharing group listing it maps to "this hub"). */
  thisHubUuid: string;
  logger: Logger;
}

/** An organisation by uuid, created as a known remote organisation when new (names stay unique). */
export async function ensureOrganisation(em: EntityManager, wire: SyncOrganisationWire): Promise<Organisation> {
  const uuid = wire.id.toLowerCase();
  const found = await em.findOne(Organisation, { uuid });
  if (found) return found;
  const taken = await em.findOne(Organisation, { name: wire.name });
  const name = taken ? `${wire.name} (${uuid.slice(0, 8)})` : wire.name;
  const org = em.create(Organisation, { uuid, name, local: false } as Organisation);
  await em.flush();
  return org;
}

/**
 * A sharing group by uuid, created or refreshed from the wire when the incoming version is newer.
 * Members by organisation uuid; a listed hub that is this hub becomes the "this hub" member row.
 */
async function ensureSharingGroup(em: EntityManager, wire: SyncSharingGroupWire, ctx: ReceiveContext): Promise<SharingGroup> {
  const uuid = wire.id.toLowerCase();
  let sg = await em.findOne(SharingGroup, { uuid });
  const incoming = new Date(wire.timestamp);
  if (sg && sg.timestamp.getTime() >= incoming.getTime()) return sg;
  const owner = await ensureOrganisation(em, wire.ownerOrg);
  if (!sg) {
    sg = em.create(SharingGroup, { uuid, name: wire.name, ownerOrg: owner, roaming: wire.roaming, active: true, timestamp: incoming } as SharingGroup);
  }
  Object.assign(sg, { name: wire.name, description: wire.description ?? null, releasability: wire.releasability ?? null, roaming: wire.roaming, timestamp: incoming });
  await em.flush();
  const memberOrgs = [owner, ...(await Promise.all(wire.organisations.map((o) => ensureOrganisation(em, o))))];
  await em.nativeDelete(SharingGroupOrg, { sharingGroup: sg.id });
  await em.nativeDelete(SharingGroupServer, { sharingGroup: sg.id });
  for (const org of new Map(memberOrgs.map((o) => [o.id, o])).values()) {
    em.create(SharingGroupOrg, { sharingGroup: sg, organisation: org, extend: org.id === owner.id } as SharingGroupOrg);
  }
  for (const hub of wire.hubs) {
    const isLocal = hub.id.toLowerCase() === ctx.thisHubUuid;
    em.create(SharingGroupServer, { sharingGroup: sg, isLocal, hubUuid: isLocal ? null : hub.id.toLowerCase(), allOrgs: hub.allOrgs } as SharingGroupServer);
  }
  await em.flush();
  return sg;
}

async function setTags<L extends EventTag | AttributeTag>(
  em: EntityManager,
  link: 'event' | 'attribute',
  owner: Event | Attribute,
  wire: SyncTagWire[],
): Promise<void> {
  // Local tags stay as they are (they are this hub's own); the travelling set is replaced.
  const Link = (link === 'event' ? EventTag : AttributeTag) as unknown as new () => L;
  await em.nativeDelete(Link, { [link]: owner.id, local: false } as never);
  const tags: Tag[] = await findOrCreateTags(em, wire.map((t) => t.name));
  const locals = await em.find(Link, { [link]: owner.id, local: true } as never, { fields: ['tag'] as never });
  const localIds = new Set(locals.map((l) => (l as unknown as { tag: { id: number } }).tag.id));
  for (const tag of tags) if (!tag.id || !localIds.has(tag.id)) em.create(Link, { [link]: owner, tag, local: false } as never);
}

/**
 * Applies one incoming event in the caller's transaction (DESIGN §6, receiving side): identity by uuid,
 * newer timestamp wins per event and per attribute, locally created events are never overwritten,
 * creator org kept, owner = the peer's organisation, copies locked, tombstones applied.
 */
export async function applyWireEvent(
  em: EntityManager,
  changes: ChangeRecorder,
  ctx: ReceiveContext,
  wire: SyncEventWire,
): Promise<ApplyOutcome> {
  const uuid = wire.id.toLowerCase();
  const existing = await em.findOne(Event, { uuid });
  if (wire.deleted) {
    if (!existing || !existing.locked) return 'skipped';
    changes.event(ChangeOp.DELETED, existing, { now: true });
    await em.nativeDelete(Event, { id: existing.id });
    em.getUnitOfWork().unsetIdentity(existing);
    return 'deleted';
  }
  // Control characters (DESIGN §10): in the event's own text they refuse the event (counted as failed by
  // the caller); in an attribute they leave that attribute out (below).
  refuseControlCharacters({ ...wire, attributes: [] }, 'event');
  const incomingTs = new Date(wire.timestamp).getTime();
  const decision = shouldApplyIncoming(
    existing ? { timestamp: existing.timestamp.getTime(), locallyCreated: !existing.locked } : null,
    incomingTs,
  );
  if (decision === 'ignore-local' || decision === 'ignore-older') return 'skipped';
  const creatorOrg = await ensureOrganisation(em, wire.creatorOrg);
  const sg = wire.sharingGroup ? await ensureSharingGroup(em, wire.sharingGroup, ctx) : null;
  const wasPublished = existing?.published ?? false;
  const event =
    existing ??
    em.create(Event, { uuid, ownerOrg: ctx.ownerOrg, creatorOrg, info: wire.info, date: wire.date, distribution: wire.distribution } as Event);
  Object.assign(event, {
    info: wire.info,
    date: wire.date,
    threatLevel: wire.threatLevel,
    analysis: wire.analysis,
    distribution: wire.distribution,
    sharingGroup: sg,
    ownerOrg: ctx.ownerOrg,
    creatorOrg,
    published: wire.published,
    publishedAt: wire.publishedAt ? new Date(wire.publishedAt) : null,
    timestamp: new Date(incomingTs),
    locked: true,
    originHubUuid: ctx.originHubUuid,
    disableCorrelation: wire.disableCorrelation,
    extendsUuid: wire.extendsUuid ?? null,
  });
  await em.flush();
  await setTags(em, 'event', event, wire.tags);

  // Attributes: newer wins per attribute; a constant number of queries per event (not per attribute).
  const current = existing ? await em.find(Attribute, { event: event.id }) : [];
  const byUuid = new Map(current.map((a) => [a.uuid, a]));
  const plan = mergeAttributes(
    current.map((a) => ({ uuid: a.uuid, timestamp: a.timestamp.getTime() })),
    wire.attributes.map((a) => ({ uuid: a.id, timestamp: new Date(a.timestamp).getTime() })),
  );
  const wanted = new Set([...plan.create, ...plan.update]);
  const incoming = wire.attributes.filter((a) => wanted.has(a.id.toLowerCase()));
  const newUuids = incoming.map((a) => a.id.toLowerCase()).filter((u) => !byUuid.has(u));
  // A uuid that belongs to another event here is never moved between events.
  const taken = new Set(
    newUuids.length ? (await em.find(Attribute, { uuid: { $in: newUuids } }, { fields: ['uuid'] })).map((a) => a.uuid) : [],
  );
  const groups = new Map<string, SharingGroup>();
  for (const wa of incoming) {
    if (wa.sharingGroup && !groups.has(wa.sharingGroup.id.toLowerCase())) {
      groups.set(wa.sharingGroup.id.toLowerCase(), await ensureSharingGroup(em, wa.sharingGroup, ctx));
    }
  }
  const tagByKey = new Map((await findOrCreateTags(em, incoming.flatMap((a) => a.tags.map((t) => t.name)))).map((t) => [t.nameKey, t]));
  // Updated attributes go through their entities; new ones are written as plain multi-row inserts (no
  // entity per attribute), with their tag links, and read back (id by uuid) only when they have tags.
  type Incoming = (typeof incoming)[number];
  type NewRow = Pick<Attribute, 'uuid' | 'distribution' | 'sharingGroup'> & Record<string, unknown>;
  const updated: Array<{ a: Attribute; wa: Incoming }> = [];
  const created: Array<{ row: NewRow; wa: Incoming }> = [];
  const now = new Date();
  for (const wa of incoming) {
    const au = wa.id.toLowerCase();
    if (taken.has(au)) continue;
    let value: string;
    let category: string;
    try {
      refuseControlCharacters(wa, `attribute ${au}`);
      getAttributeType(wa.type);
      category = resolveCategory(wa.type, wa.category);
      value = normaliseAttributeValue(wa.type, wa.value);
    } catch (e) {
      ctx.logger.warn({ event: uuid, attribute: au, err: (e as Error).message }, 'sync: attribute refused');
      continue;
    }
    const fields = {
      type: wa.type,
      category,
      ...valueColumns(wa.type, value),
      toIds: wa.toIds,
      comment: wa.comment ?? null,
      distribution: wa.distribution,
      sharingGroup: wa.sharingGroup ? groups.get(wa.sharingGroup.id.toLowerCase())! : null,
      timestamp: new Date(wa.timestamp),
      deleted: wa.deleted,
      disableCorrelation: wa.disableCorrelation,
      firstSeen: wa.firstSeen ? new Date(wa.firstSeen) : null,
      lastSeen: wa.lastSeen ? new Date(wa.lastSeen) : null,
      objectRelation: wa.objectRelation ?? null,
    };
    const a = byUuid.get(au);
    if (a) {
      Object.assign(a, fields);
      updated.push({ a, wa });
    } else {
      created.push({ row: { uuid: au, event: event.id, createdAt: now, updatedAt: now, ...fields }, wa });
    }
  }
  await em.flush();
  await insertRows(em, Attribute, created.map((c) => c.row));
  const tagged = created.filter((c) => c.wa.tags.length);
  const newIds = new Map<string, number>();
  for (let i = 0; i < tagged.length; i += INSERT_CHUNK) {
    const uuids = tagged.slice(i, i + INSERT_CHUNK).map((c) => c.row.uuid);
    for (const r of await em.find(Attribute, { uuid: { $in: uuids } }, { fields: ['id', 'uuid'], disableIdentityMap: true })) newIds.set(r.uuid, r.id);
  }
  // Travelling tags of the updated attributes are replaced; local tags (this hub's own) stay.
  const updatedIds = updated.map((x) => x.a.id);
  let localLinks: AttributeTag[] = [];
  if (updatedIds.length) {
    await em.nativeDelete(AttributeTag, { attribute: { $in: updatedIds }, local: false });
    localLinks = await em.find(AttributeTag, { attribute: { $in: updatedIds }, local: true });
  }
  const hasLocal = new Set(localLinks.map((l) => `${l.attribute.id}:${l.tag.id}`));
  const tagsOf = (wa: Incoming) => [...new Set(wa.tags.map((t) => t.name.trim().toLowerCase()))].map((k) => tagByKey.get(k)).filter((t): t is Tag => !!t);
  for (const { a, wa } of updated) {
    for (const tag of tagsOf(wa)) if (!hasLocal.has(`${a.id}:${tag.id}`)) em.create(AttributeTag, { attribute: a, tag, local: false } as AttributeTag);
  }
  const newLinks = tagged.flatMap((c) => tagsOf(c.wa).map((tag) => ({ attribute: newIds.get(c.row.uuid)!, tag: tag.id, local: false })));
  await insertRows(em, AttributeTag, newLinks);
  // Change rows in the order the attributes came in.
  const op = new Map<string, ChangeOp>();
  for (const { a, wa } of updated) op.set(a.uuid, wa.deleted ? ChangeOp.DELETED : ChangeOp.UPDATED);
  for (const { row } of created) op.set(row.uuid, ChangeOp.CREATED);
  const byUuidApplied = new Map<string, Pick<Attribute, 'uuid' | 'distribution' | 'sharingGroup'>>([
    ...updated.map(({ a }) => [a.uuid, a] as const),
    ...created.map(({ row }) => [row.uuid, row] as const),
  ]);
  for (const wa of incoming) {
    const au = wa.id.toLowerCase();
    const a = byUuidApplied.get(au);
    if (a) changes.attribute(op.get(au)!, a as Attribute, event);
  }
  changes.event(existing ? ChangeOp.UPDATED : ChangeOp.CREATED, event);
  if (event.published && !wasPublished) changes.event(ChangeOp.PUBLISHED, event);
  return existing ? 'updated' : 'created';
}
