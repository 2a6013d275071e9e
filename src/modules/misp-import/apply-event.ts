/**
 * Applying one MISP-format event (the sync wire form) to this hub: used by peers (pull and push) and by
 * MISP feeds alike, so neither imports the other. New and changed attributes go through the shared
 * attribute write path (attribute-writes: validation, the in-event duplicate rule, bulk inserts).
 */
import { EntityManager } from '@mikro-orm/core';
import { refuseControlCharacters } from '../../shared/control-characters';
import { ChangeOp } from '../../shared/enums';
import { Logger } from '../../shared/logger';
import { Attribute } from '../attribute/attribute.entity';
import { DeferredAttributeRows, insertAttributes, prepareRows, PreparedRow } from '../attribute/attribute-writes';
import { Clock } from '../../shared/clock';
import { ChangeRecorder } from '../../db/change-recorder';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { AttributeTag, EventTag, Tag } from '../tag/tag.entity';
import { findOrCreateTags, tagKey } from '../tag/tag.service';
import {
  SyncSkipReason,
  syncEventDecision,
  syncMayUseSharingGroup,
} from '../../auth/policy';
import { mergeAttributes } from './attribute-merge';
import { SyncSkipNote } from './skip-note';
import { ensureOrganisation } from './remote-org';
import { applySharingGroupPlan, planSharingGroup, SharingGroupPlan } from './sharing-group-plan';
import { applyObjects, PartContext } from './apply-objects';
import { applyPayloads, applyProposals, applyReports, applySightings, AttributeHere } from './apply-extras';
import { upsertClusters } from '../galaxy/galaxy.service';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { MispObject } from '../object/object.entity';
import { SyncEventWire, SyncSharingGroupWire, SyncTagWire } from './wire.types';

export type ApplyOutcome = 'created' | 'updated' | 'deleted' | 'skipped';

export interface ReceiveContext {
  /** Owner of the copies here: the peer's organisation as registered on this hub. */
  ownerOrg: Organisation;
  /** The hub the data came from (never pushed back there). */
  originHubUuid: string | null;
  /** This hub's uuid (a sharing group listing it maps to "this hub"). */
  thisHubUuid: string;
  logger: Logger;
  /** Stored timestamps (created/updated) come from the hub's clock. */
  clock: Clock;
  /** Collects what the sync write rules refused (policy "sync writes"), for the sync result. */
  skips?: SyncSkipNote[];
  /**
   * Feeds only: the data's sharing group is the one a site admin configured for the feed (checked when
   * the feed was saved), not one a peer names, so the peers' membership rule does not apply to it.
   */
  configuredSharingGroup?: boolean;
  /** ATTACHMENT_MAX_BYTES: a bigger attachment / malware-sample file is not stored (the attribute is). */
  attachmentMaxBytes: number;
  /** Lookups shared by the events of one transaction (apply-batch.ts); absent: each event looks up its own. */
  batch?: ReceiveBatch;
}

/**
 * What a group of events applied in one transaction looks up once (apply-batch.ts) instead of per event,
 * kept up to date by each apply: the rules are the same, only the queries are shared.
 */
export interface ReceiveBatch {
  /** Event uuids known not to be stored here (created ones are removed). */
  absentEvents: Set<string>;
  /**
   * The attribute uuids looked up; of those, the stored ones with their event (inserted ones are added;
   * the id of an event of this group is set once the group's flush has written it).
   */
  attributesLookedUp: Set<string>;
  attributeEvents: Map<string, { id: number }>;
  /** Organisations by uuid, as looked up or created in this transaction. */
  organisationIds: Map<string, number>;
  /**
   * New events wait for the group's next flush, which writes them in one INSERT. Not where the database
   * does not give one INSERT's rows consecutive ids (innodb_autoinc_lock_mode 2): the ORM's batch insert
   * would then give the events wrong ids, so each is written alone.
   */
  eventsTogether: boolean;
  /**
   * New attributes of the group's new events, written by the group in one go (apply-batch.ts) before
   * anything reads attributes again and before the commit.
   */
  deferredAttributes: DeferredAttributeRows;
}

/** The creator organisation by uuid (ensureOrganisation), once per transaction when batched. */
async function organisationOf(em: EntityManager, ctx: ReceiveContext, wire: SyncEventWire['creatorOrg']): Promise<Organisation> {
  const uuid = wire.id.toLowerCase();
  const known = ctx.batch?.organisationIds.get(uuid);
  if (known !== undefined) return em.getReference(Organisation, known);
  const org = await ensureOrganisation(em, wire);
  ctx.batch?.organisationIds.set(uuid, org.id);
  return org;
}

/** Notes a refusal for the sync result (when the caller collects them). */
const note = (ctx: ReceiveContext, reason: SyncSkipReason, eventUuid: string, count = 1, detail?: string) => {
  if (count > 0) ctx.skips?.push({ reason, eventUuid, count, ...(detail ? { detail } : {}) });
};

async function setTags<L extends EventTag | AttributeTag>(
  em: EntityManager,
  link: 'event' | 'attribute',
  owner: Event | Attribute,
  wire: SyncTagWire[],
  existed: boolean,
): Promise<void> {
  // Local tags stay as they are (they are this hub's own); the travelling set is replaced (a new row has none).
  const Link = (link === 'event' ? EventTag : AttributeTag) as unknown as new () => L;
  if (existed) await em.nativeDelete(Link, { [link]: owner.id, local: false } as never);
  const tags: Tag[] = await findOrCreateTags(em, wire.map((t) => t.name));
  const locals = existed ? await em.find(Link, { [link]: owner.id, local: true } as never, { fields: ['tag'] as never }) : [];
  const localIds = new Set(locals.map((l) => (l as unknown as { tag: { id: number } }).tag.id));
  for (const tag of tags) if (!tag.id || !localIds.has(tag.id)) em.create(Link, { [link]: owner, tag, local: false } as never);
}

/**
 * Applies one incoming event in the caller's transaction (DESIGN §6, receiving side): identity by uuid,
 * newer timestamp wins per event and per attribute, creator org kept, owner = the peer's organisation,
 * copies locked, tombstones applied — as far as the sync write rules allow (DESIGN §4, policy "sync
 * writes"): a local event or another organisation's copy is never changed or deleted, sharing groups
 * change only as their owner sends them, data enters only groups the sender is a member of. What the
 * rules refuse is noted in `ctx.skips`.
 */
export async function applyWireEvent(
  em: EntityManager,
  changes: ChangeRecorder,
  ctx: ReceiveContext,
  wire: SyncEventWire,
): Promise<ApplyOutcome> {
  const uuid = wire.id.toLowerCase();
  const x = { orgId: ctx.ownerOrg.id };
  const existing = ctx.batch?.absentEvents.has(uuid) ? null : await em.findOne(Event, { uuid });
  const incomingTs = new Date(wire.timestamp).getTime();
  const decision = syncEventDecision(
    x,
    existing ? { ownerOrgId: existing.ownerOrg.id, locked: existing.locked, timestamp: existing.timestamp.getTime() } : null,
    { timestamp: incomingTs, deleted: !!wire.deleted },
  );
  if (decision.kind === 'REFUSE') note(ctx, decision.reason, uuid);
  if (decision.kind === 'REFUSE' || decision.kind === 'IGNORE') return 'skipped';
  if (decision.kind === 'DELETE') {
    changes.event(ChangeOp.DELETED, existing!, { now: true });
    await em.nativeDelete(Event, { id: existing!.id });
    // Its attributes went with it: their uuids are free again for the next events of the batch.
    if (ctx.batch) for (const [au, of] of ctx.batch.attributeEvents) if (of.id === existing!.id) ctx.batch.attributeEvents.delete(au);
    em.getUnitOfWork().unsetIdentity(existing!);
    return 'deleted';
  }
  // Control characters (DESIGN §10): in the event's own text they refuse the event (counted as failed by
  // the caller); in an attribute they leave that attribute out (below).
  refuseControlCharacters({ ...wire, attributes: [], objects: null, galaxyClusters: null, reports: null, proposals: null }, 'event');
  // Sharing groups first planned (nothing written), so an event refused for its group writes nothing.
  const plans = new Map<string, SharingGroupPlan>();
  const planFor = async (g: SyncSharingGroupWire) => {
    const key = g.id.toLowerCase();
    if (!plans.has(key)) plans.set(key, await planSharingGroup(em, g, ctx));
    return plans.get(key)!;
  };
  const eventPlan = wire.sharingGroup ? await planFor(wire.sharingGroup) : null;
  const mayUse = (plan: SharingGroupPlan) => !!ctx.configuredSharingGroup || syncMayUseSharingGroup(x, plan.members);
  if (eventPlan && !mayUse(eventPlan)) {
    note(ctx, SyncSkipReason.SHARING_GROUP_NOT_MEMBER, uuid);
    return 'skipped';
  }
  const written = new Map<string, SharingGroup>();
  const groupOf = async (plan: SharingGroupPlan) => {
    const key = plan.wire.id.toLowerCase();
    if (!written.has(key)) {
      for (const reason of plan.decision.refused) note(ctx, reason, uuid);
      written.set(key, await applySharingGroupPlan(em, plan, ctx));
    }
    return written.get(key)!;
  };
  const sg = eventPlan ? await groupOf(eventPlan) : null;
  const wasPublished = existing?.published ?? false;
  // A new event of a group is written by the group's next flush, with the group's other new events in one
  // INSERT (apply-batch.ts, where the database allows: eventsTogether); until then what follows refers to
  // it as an entity, and a write that needs its id flushes first (insertAttributes). Otherwise (and alone,
  // without a group) it is written at once.
  const deferInsert = !existing && !!ctx.batch?.eventsTogether;
  // The owner of a copy is the sender and never changes; so is its creator once stored.
  const event =
    existing ??
    em.create(Event, {
      uuid,
      ownerOrg: ctx.ownerOrg,
      creatorOrg: await organisationOf(em, ctx, wire.creatorOrg),
      info: wire.info,
      date: wire.date,
      distribution: wire.distribution,
    } as Event);
  Object.assign(event, {
    info: wire.info,
    date: wire.date,
    threatLevel: wire.threatLevel,
    analysis: wire.analysis,
    distribution: wire.distribution,
    sharingGroup: sg,
    published: wire.published,
    publishedAt: wire.publishedAt ? new Date(wire.publishedAt) : null,
    timestamp: new Date(incomingTs),
    locked: true,
    originHubUuid: ctx.originHubUuid,
    disableCorrelation: wire.disableCorrelation,
    extendsUuid: wire.extendsUuid ?? null,
  });
  if (!deferInsert) await em.flush();
  ctx.batch?.absentEvents.delete(uuid);
  await setTags(em, 'event', event, wire.tags, !!existing);
  const parts: PartContext = {
    em,
    changes,
    event,
    existed: !!existing,
    note: (reason, detail, count = 1) => note(ctx, reason, uuid, count, detail),
    useGroup: async (g) => {
      const plan = await planFor(g);
      return mayUse(plan) ? groupOf(plan) : null;
    },
  };
  // Objects before their attributes (an attribute names its object by uuid).
  const objects = await applyObjects(parts, wire.objects);

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
  const batch = ctx.batch;
  const taken = new Set(
    !newUuids.length
      ? []
      : batch && newUuids.every((u) => batch.attributesLookedUp.has(u))
        ? newUuids.filter((u) => batch.attributeEvents.has(u))
        : (await em.find(Attribute, { uuid: { $in: newUuids } }, { fields: ['uuid'] })).map((a) => a.uuid),
  );
  note(ctx, SyncSkipReason.ATTRIBUTE_UUID_TAKEN, uuid, taken.size);
  // An attribute enters a sharing group only when the sender is a member (as the group stands after the rules).
  const groups = new Map<string, SharingGroup>();
  const outsider = new Set<string>();
  for (const wa of incoming) {
    if (!wa.sharingGroup || taken.has(wa.id.toLowerCase())) continue;
    const plan = await planFor(wa.sharingGroup);
    if (!mayUse(plan)) outsider.add(wa.id.toLowerCase());
    else groups.set(plan.wire.id.toLowerCase(), await groupOf(plan));
  }
  note(ctx, SyncSkipReason.ATTRIBUTE_SHARING_GROUP_NOT_MEMBER, uuid, outsider.size);
  // The one write path (attribute-writes): validation, normalisation and the in-event duplicate rule as on
  // the API; what it refuses is left out and counted. Updated attributes go through their entities; new
  // ones are plain multi-row inserts with their tag links (ids read back only for tagged ones).
  type Incoming = (typeof incoming)[number];
  const invalid = (au: string, e: unknown) => {
    ctx.logger.warn({ event: uuid, attribute: au, err: (e as Error).message }, 'sync: attribute refused');
    note(ctx, SyncSkipReason.ATTRIBUTE_INVALID, uuid, 1, `attribute ${au}: ${(e as Error).message}`);
  };
  // An object attribute names an object of the payload or one stored in this event (a lying sender's
  // attribute naming anything else is refused, as is one whose object was refused).
  const objectOf = new Map<string, MispObject | null>();
  const kept: Incoming[] = [];
  for (const wa of incoming) {
    const au = wa.id.toLowerCase();
    if (taken.has(au) || outsider.has(au)) continue;
    if (wa.objectId) {
      const o = objects.get(wa.objectId.toLowerCase());
      if (o === undefined) note(ctx, SyncSkipReason.ATTRIBUTE_OBJECT_UNKNOWN, uuid, 1, `attribute ${au}: object ${wa.objectId} is not in the event`);
      else if (o === null) note(ctx, SyncSkipReason.ATTRIBUTE_OBJECT_REFUSED, uuid, 1, `attribute ${au}: its object ${wa.objectId} was refused`);
      if (!o) continue;
      objectOf.set(au, o);
    }
    try {
      refuseControlCharacters(wa, `attribute ${au}`);
      kept.push(wa);
    } catch (e) {
      invalid(au, e);
    }
  }
  const { rows, refused } = await prepareRows(
    em,
    existing ? event.id : null,
    kept.map((wa) => ({
      uuid: wa.id,
      type: wa.type,
      category: wa.category,
      value: wa.value,
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
      object: objectOf.get(wa.id.toLowerCase()) ?? null,
      tags: wa.tags.map((t) => t.name),
    })),
    { now: ctx.clock.now() },
  );
  for (const r of refused) {
    if (r.reason === 'INVALID') invalid(kept[r.index].id.toLowerCase(), r.error);
    else note(ctx, SyncSkipReason.ATTRIBUTE_DUPLICATE, uuid, 1, `attribute ${kept[r.index].id.toLowerCase()}: ${r.error.message}`);
  }
  const updated: Array<{ a: Attribute; wa: Incoming }> = [];
  const created: PreparedRow[] = [];
  for (const p of rows) {
    const a = byUuid.get(p.row.uuid);
    if (!a) {
      created.push(p);
      continue;
    }
    const { uuid: _u, createdAt: _c, updatedAt: _up, ...fields } = p.row;
    Object.assign(a, fields);
    updated.push({ a, wa: kept[p.index] });
  }
  if (!deferInsert) await em.flush();
  const needIds = created.some((p) => kept[p.index].data || kept[p.index].sightings?.length);
  const inserted = await insertAttributes(em, changes, event, created, { recordChanges: false, readIds: needIds ? 'all' : 'tagged', defer: batch?.deferredAttributes });
  for (const a of inserted) batch?.attributeEvents.set(a.uuid, event);
  // Travelling tags of the updated attributes are replaced; local tags (this hub's own) stay.
  const updatedIds = updated.map((x) => x.a.id);
  let localLinks: AttributeTag[] = [];
  if (updatedIds.length) {
    await em.nativeDelete(AttributeTag, { attribute: { $in: updatedIds }, local: false });
    localLinks = await em.find(AttributeTag, { attribute: { $in: updatedIds }, local: true });
  }
  const hasLocal = new Set(localLinks.map((l) => `${l.attribute.id}:${l.tag.id}`));
  const tagByKey = new Map((await findOrCreateTags(em, updated.flatMap(({ wa }) => wa.tags.map((t) => t.name)))).map((t) => [t.nameKey, t]));
  const tagsOf = (wa: Incoming) => [...new Set(wa.tags.map((t) => tagKey(t.name)))].map((k) => tagByKey.get(k)).filter((t): t is Tag => !!t);
  for (const { a, wa } of updated) {
    for (const tag of tagsOf(wa)) if (!hasLocal.has(`${a.id}:${tag.id}`)) em.create(AttributeTag, { attribute: a, tag, local: false } as AttributeTag);
  }
  // Change rows in the order the attributes came in.
  const applied = new Map<string, { a: Pick<Attribute, 'uuid' | 'distribution' | 'sharingGroup'>; op: ChangeOp }>([
    ...updated.map(({ a, wa }) => [a.uuid, { a, op: wa.deleted ? ChangeOp.DELETED : ChangeOp.UPDATED }] as const),
    ...inserted.map((a) => [a.uuid, { a, op: ChangeOp.CREATED }] as const),
  ]);
  for (const wa of incoming) {
    const x = applied.get(wa.id.toLowerCase());
    if (x) changes.attribute(x.op, x.a as Attribute, event);
  }
  if (!deferInsert) await em.flush();

  // Files of the attributes written now; sightings of every attribute of the event that was not refused.
  const stored = new Map<string, AttributeHere>([...updated.map(({ a }) => [a.uuid, a] as const), ...inserted.map((a) => [a.uuid, a as AttributeHere] as const)]);
  await applyPayloads(
    parts,
    kept.filter((wa) => wa.data && stored.has(wa.id.toLowerCase())).map((wa) => ({ attributeId: stored.get(wa.id.toLowerCase())!.id, uuid: wa.id.toLowerCase(), data: wa.data! })),
    ctx.attachmentMaxBytes,
  );
  const refusedUuids = new Set(incoming.map((wa) => wa.id.toLowerCase()).filter((au) => !stored.has(au)));
  const here = (au: string): AttributeHere | undefined => stored.get(au) ?? (refusedUuids.has(au) ? undefined : byUuid.get(au));
  await applySightings(
    parts,
    wire.attributes
      .filter((wa) => wa.sightings?.length)
      .map((wa) => ({ wa, a: here(wa.id.toLowerCase()) }))
      .filter((x): x is { wa: Incoming; a: AttributeHere } => !!x.a)
      .map(({ wa, a }) => ({ attribute: a, sightings: wa.sightings! })),
  );
  await applyReports(parts, wire.reports);
  await applyProposals(parts, wire.proposals);
  if (wire.galaxyClusters?.length) {
    // A cluster travels with its tag (MISP's way): one whose tag is nowhere in the event is not stored.
    const tagNames = new Set([...wire.tags, ...wire.attributes.flatMap((a) => a.tags)].map((t) => tagKey(t.name)));
    const carried = wire.galaxyClusters.filter((c) => {
      if (tagNames.has(tagKey(c.tagName ?? ''))) return true;
      note(ctx, SyncSkipReason.CLUSTER_TAG_MISSING, uuid, 1, `galaxy cluster ${c.id}: its tag "${String(c.tagName).slice(0, 100)}" is not in the event`);
      return false;
    });
    // Older MISP exports reuse a galaxy's uuid for its clusters: a uuid stored here for another tag is not
    // this cluster's identity, which is then its tag name (an empty id, see clusterUuidOf).
    const ids = carried.map((c) => String(c.id).toLowerCase()).filter(Boolean);
    const tagOf = new Map((ids.length ? await em.find(GalaxyCluster, { uuid: { $in: ids } }, { fields: ['uuid', 'tagName'] }) : []).map((c) => [c.uuid, c.tagName]));
    const own = carried.map((c) => {
      const stored = tagOf.get(String(c.id).toLowerCase());
      return stored !== undefined && tagKey(stored) !== tagKey(c.tagName) ? { ...c, id: '' } : c;
    });
    for (const r of (await upsertClusters(em, own)).refused) note(ctx, SyncSkipReason.CLUSTER_INVALID, uuid, 1, `galaxy cluster ${r.id || r.tagName}: ${r.reason}`);
  }
  changes.event(existing ? ChangeOp.UPDATED : ChangeOp.CREATED, event);
  if (event.published && !wasPublished) changes.event(ChangeOp.PUBLISHED, event);
  return existing ? 'updated' : 'created';
}
