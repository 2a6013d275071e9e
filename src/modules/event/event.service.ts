import { EntityManager } from '@mikro-orm/core';
import {
  attributeVisibilityFilter,
  canEditEvent,
  canPublishEvent,
  canRemoveTagLink,
  canSeeEvent,
  EditDecision,
  eventVisibilityFilter,
  tagDecision,
} from '../../auth/policy';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { eventAccessOf } from '../../auth/change-access';
import { Attribute } from '../attribute/attribute.entity';
import { attributeOwnConditions } from '../search/attribute-terms';
import { checkQuickFilter, parseTimeRange } from '../search/search-terms';
import { eventQuickFilterOwn, tagConditions } from '../search/search-where';
import { decodeCursor, Page, pageSize, toPage } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeOp, ThreatLevel, Analysis } from '../../shared/enums';
import { conflict, forbidden, notFound } from '../../shared/errors';
import { writeTransaction } from '../../db/change-recorder';
import { Organisation } from '../organisation/organisation.entity';
import { applyDistributionChange, resolveDistribution } from '../sharing-group/sharing-group.service';
import { EventTag } from '../tag/tag.entity';
import { checkTagName, findOrCreateTags, localTagRefusal, tagKey, tagLinkConflict, tagLinkFacts } from '../tag/tag.service';
import { Event } from './event.entity';
import { CreateEventInput, EventFilter, UpdateEventInput } from './event.inputs';
import { onSqlite } from '../../db/dialect';
import { likePattern, orgIdsByUuid } from '../../db/query-helpers';
import { QueryShapes } from '../search/query-shapes';
import { eventViews } from './event-view';


/** The event if the caller may see it; NOT_FOUND otherwise (invisible is absent). */
export async function getEvent(scope: Scope, uuid: string, em: EntityManager = scope.em): Promise<Event> {
  requireActor(scope);
  const e = await em.findOne(Event, { uuid: String(uuid).toLowerCase() });
  if (!e || !canSeeEvent(scope.viewer, eventAccessOf(e))) throw notFound('Event', uuid);
  return e;
}

export type EventWriteMode = 'edit' | 'publish';

/** May the caller edit (or publish) this event: canEditEvent / canPublishEvent on its facts. */
export function eventWriteDecision(scope: Scope, e: Event, mode: EventWriteMode = 'edit'): EditDecision {
  const actor = requireActor(scope);
  const facts = { creatorOrgId: e.creatorOrg.id, locked: e.locked };
  return mode === 'publish' ? canPublishEvent(actor, facts) : canEditEvent(actor, facts);
}

export function eventWriteRefusal(e: Event, mode: EventWriteMode = 'edit') {
  return forbidden(
    mode === 'publish'
      ? `You may not publish event "${e.uuid}": publishing needs a publishing role in the creator organisation`
      : `You may not change event "${e.uuid}": it belongs to another organisation${e.locked ? ' (locked copy)' : ''}`,
  );
}

/** A visible event the caller may edit (or publish): NOT_FOUND when invisible, FORBIDDEN when not editable. */
export async function getEventForWrite(scope: Scope, em: EntityManager, uuid: string, mode: EventWriteMode = 'edit') {
  const e = await getEvent(scope, uuid, em);
  if (eventWriteDecision(scope, e, mode) !== 'ALLOWED') throw eventWriteRefusal(e, mode);
  return e;
}

/** Marks an event changed: new timestamp, and (as in MISP) unpublished until published again. */
export function touchEvent(scope: Scope, e: Event, opts: { unpublish?: boolean } = {}) {
  e.timestamp = scope.clock.now();
  if (opts.unpublish !== false) e.published = false;
}

/**
 * "the event contains a visible attribute matching these conditions" as a sub-query condition (the
 * attribute side of an event search applies attribute visibility, so an invisible attribute never makes
 * its event match).
 */
function containsAttribute(scope: Scope, conditions: Record<string, unknown>[]): Record<string, unknown> {
  const sub = (scope.em as SqlEntityManager)
    .createQueryBuilder(Attribute, 'sa')
    .select('sa.event')
    .where({ $and: [attributeVisibilityFilter(scope.viewer), ...conditions] } as never);
  // A knex raw carrying the sub-query's own bindings: knex compiles it in place, so its values stay
  // parameters in their order among the outer query's (a MikroORM sub-query object here would not).
  const { sql, bindings } = sub.getKnexQuery().toSQL();
  return { id: { $in: (scope.em as SqlEntityManager).getKnex().raw(sql, [...bindings]) } };
}

/**
 * The whole filter of an event search as MikroORM conditions (to be AND-ed), starting with the caller's
 * visibility. Bad terms throw BAD_USER_INPUT naming the value.
 */
export async function eventWhere(scope: Scope, f: EventFilter | null | undefined): Promise<Record<string, unknown>[]> {
  const where: Record<string, unknown>[] = [eventVisibilityFilter(scope.viewer)];
  if (!f) return where;
  if (f.ids) where.push({ uuid: { $in: f.ids.map((i) => i.toLowerCase()) } });
  if (f.info != null) where.push({ info: { $like: likePattern(f.info, { contains: true, sqlite: onSqlite(scope.em) }) } });
  if (f.creatorOrgId) where.push({ creatorOrg: { $in: await orgIdsByUuid(scope.em, f.creatorOrgId) } });
  if (f.ownerOrgId) where.push({ ownerOrg: { $in: await orgIdsByUuid(scope.em, f.ownerOrgId) } });
  if (f.distribution) where.push({ distribution: { $in: f.distribution } });
  if (f.published != null) where.push({ published: f.published });
  if (f.dateFrom) where.push({ date: { $gte: f.dateFrom } });
  if (f.dateTo) where.push({ date: { $lte: f.dateTo } });
  if (f.timestampFrom) where.push({ timestamp: { $gte: f.timestampFrom } });
  if (f.timestampTo) where.push({ timestamp: { $lte: f.timestampTo } });
  const now = scope.clock.now();
  const ts = parseTimeRange(f.timestamp, now, 'timestamp');
  if (ts.from) where.push({ timestamp: { $gte: ts.from } });
  if (ts.to) where.push({ timestamp: { $lte: ts.to } });
  const pts = parseTimeRange(f.publishTimestamp, now, 'publishTimestamp');
  if (pts.from) where.push({ publishedAt: { $gte: pts.from } });
  if (pts.to) where.push({ publishedAt: { $lte: pts.to } });
  where.push(...(await tagConditions(scope, 'event', f.tags, f.tagFilter)));
  const attributeTerms = attributeOwnConditions(scope, {
    value: f.value,
    values: f.values,
    cidr: f.cidr,
    type: f.attributeType,
    timestamp: f.attributeTimestamp,
  });
  if (attributeTerms.length) where.push(containsAttribute(scope, attributeTerms));
  if (f.quickFilter != null) {
    const like = likePattern(checkQuickFilter(f.quickFilter), { contains: true, sqlite: onSqlite(scope.em) });
    where.push({
      $or: [...(await eventQuickFilterOwn(scope, f.quickFilter)), containsAttribute(scope, [{ $or: [{ value: { $like: like } }, { comment: { $like: like } }] }])],
    });
  }
  return where;
}

export async function listEvents(
  scope: Scope,
  filter: EventFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  withTotal = true,
): Promise<Page<Event>> {
  requireActor(scope);
  const limit = pageSize(first, scope.config.defaultPageSize, scope.config.maxPageSize);
  const afterId = decodeCursor('event', after);
  const where = await eventWhere(scope, filter);
  const rows = await findEventPage(scope.em, { $and: afterId === null ? where : [...where, { id: { $lt: afterId } }] }, limit + 1);
  return toPage('event', rows, limit, withTotal ? () => scope.em.count(Event, { $and: where }) : null, { firstPage: afterId === null });
}

/**
 * The newest `limit` events matching `where`, as event views (event-view.ts: the row's columns as the
 * entity's properties, relations as `{ id }`), not managed entities: a page is only read, and an entity
 * per row (the entity factory, its property accessors, the identity map) cost about 1 ms for a page of
 * 50. `where` must hold the viewer's event visibility (eventWhere starts with
 * policy.eventVisibilityFilter): this is a QueryBuilder read, which the ORM's `visible` filter does not
 * reach. The statement is the one the ORM builds for `where`, built once per condition shape and run with
 * each call's values (search/query-shapes).
 */
async function findEventPage(em: EntityManager, where: Record<string, unknown>, limit: number): Promise<Event[]> {
  const rows = await QueryShapes.of(em).rows(em, 'events:page', where, limit, (w, lim) =>
    (em as SqlEntityManager).createQueryBuilder(Event, 'e').select('*').where(w as never).orderBy({ id: 'desc' }).limit(lim),
  );
  return rows.map(eventViews(em));
}

const today = (scope: Scope) => scope.clock.now().toISOString().slice(0, 10);

export async function createEvent(scope: Scope, input: CreateEventInput): Promise<Event> {
  const actor = requireActor(scope);
  if (actor.orgId === null) throw forbidden('Events are created for an organisation');
  // Uniqueness is over every stored event, visible or not (filters: false): an invisible one with this
  // uuid must still refuse the insert.
  if (input.uuid && (await scope.em.count(Event, { uuid: input.uuid.toLowerCase() }, { filters: false }))) {
    throw conflict(`An event with uuid "${input.uuid}" already exists`);
  }
  (input.tags ?? []).forEach(checkTagName);
  return writeTransaction(scope, async (em, changes) => {
    const { distribution, sharingGroup } = await resolveDistribution(scope, em, input.distribution, input.sharingGroupId, {
      allowInherit: false,
    });
    const org = em.getReference(Organisation, actor.orgId!);
    const now = scope.clock.now();
    const e = em.create(Event, {
      info: input.info,
      date: input.date ?? today(scope),
      threatLevel: input.threatLevel ?? ThreatLevel.UNDEFINED,
      analysis: input.analysis ?? Analysis.INITIAL,
      distribution,
      sharingGroup,
      ownerOrg: org,
      creatorOrg: org,
      published: false,
      timestamp: now,
      locked: false,
      disableCorrelation: input.disableCorrelation ?? false,
      extendsUuid: input.extendsUuid?.toLowerCase() ?? null,
      ...(input.uuid ? { uuid: input.uuid.toLowerCase() } : {}),
    } as Event);
    for (const tag of await findOrCreateTags(em, input.tags ?? [])) em.create(EventTag, { event: e, tag, local: false } as EventTag);
    changes.event(ChangeOp.CREATED, e);
    return e;
  });
}

export async function updateEvent(scope: Scope, input: UpdateEventInput): Promise<Event> {
  return writeTransaction(scope, async (em, changes) => {
    const e = await getEventForWrite(scope, em, input.id);
    await applyDistributionChange(scope, em, e, input, { allowInherit: false });
    if (input.info != null) e.info = input.info;
    if (input.threatLevel != null) e.threatLevel = input.threatLevel;
    if (input.analysis != null) e.analysis = input.analysis;
    if (input.date != null) e.date = input.date;
    if (input.disableCorrelation != null) e.disableCorrelation = input.disableCorrelation;
    touchEvent(scope, e);
    changes.event(ChangeOp.UPDATED, e);
    return e;
  });
}

/** Deletes an event and its attributes; the change log keeps the tombstone (op DELETED). */
export async function deleteEvent(scope: Scope, uuid: string): Promise<string> {
  return writeTransaction(scope, async (em, changes) => {
    const e = await getEventForWrite(scope, em, uuid);
    // The snapshot is taken now: the row must describe the event as it was before removal.
    changes.event(ChangeOp.DELETED, e, { now: true });
    await em.nativeDelete(Event, { id: e.id });
    em.getUnitOfWork().unsetIdentity(e);
    return e.uuid;
  });
}

export async function setPublished(scope: Scope, uuid: string, published: boolean): Promise<Event> {
  return writeTransaction(scope, async (em, changes) => {
    const e = await getEventForWrite(scope, em, uuid, 'publish');
    if (e.published === published) return e;
    e.published = published;
    if (published) e.publishedAt = scope.clock.now();
    e.timestamp = scope.clock.now();
    changes.event(published ? ChangeOp.PUBLISHED : ChangeOp.UNPUBLISHED, e);
    return e;
  });
}

/**
 * Tags an event (DESIGN §4 Roles, rule tagDecision). A global tag is a change of the event (edit rights);
 * a local tag may be added by any organisation that can see the event and has the tagging capability,
 * belongs to that organisation and never travels. A local tagging never converts a global link or
 * another organisation's local link.
 */
export async function tagEvent(scope: Scope, uuid: string, tagName: string, local: boolean): Promise<Event> {
  return writeTransaction(scope, async (em, changes) => {
    const e = await getEvent(scope, uuid, em);
    const actor = requireActor(scope);
    const existing = await em.findOne(EventTag, { event: e.id, tag: { nameKey: tagKey(checkTagName(tagName)) } });
    const decision = tagDecision(actor, eventWriteDecision(scope, e), existing && tagLinkFacts(existing), local);
    if (decision === 'FORBIDDEN') throw local ? forbidden('A local tag belongs to an organisation: the caller has none') : eventWriteRefusal(e);
    if (decision === 'CONFLICT') throw tagLinkConflict(`event "${e.uuid}"`, tagName, existing!);
    if (decision === 'NONE') return e;
    if (decision === 'MAKE_GLOBAL') {
      existing!.local = false;
      existing!.org = null;
    } else {
      const [tag] = await findOrCreateTags(em, [tagName]);
      em.create(EventTag, { event: e, tag, local, org: local ? em.getReference(Organisation, actor.orgId!) : null } as EventTag);
    }
    if (!local) touchEvent(scope, e);
    changes.event(ChangeOp.UPDATED, e);
    return e;
  });
}

/** Removes a tag: a global one needs edit rights on the event, a local one being its organisation. */
export async function untagEvent(scope: Scope, uuid: string, tagName: string): Promise<Event> {
  return writeTransaction(scope, async (em, changes) => {
    const e = await getEvent(scope, uuid, em);
    const link = await em.findOne(EventTag, { event: e.id, tag: { nameKey: tagKey(tagName) } });
    if (!link) throw notFound('Tag on event', tagName);
    if (canRemoveTagLink(requireActor(scope), eventWriteDecision(scope, e), tagLinkFacts(link)) !== 'ALLOWED') {
      throw link.local ? localTagRefusal(`event "${e.uuid}"`, tagName) : eventWriteRefusal(e);
    }
    await em.nativeDelete(EventTag, { id: link.id });
    if (!link.local) touchEvent(scope, e);
    changes.event(ChangeOp.UPDATED, e);
    return e;
  });
}

