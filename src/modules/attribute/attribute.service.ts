import { EntityManager } from '@mikro-orm/core';
import { attributeVisibilityFilter, canRemoveTagLink, canSeeAttribute, canSeeDeletedIn, tagDecision } from '../../auth/policy';
import { decodeCursor, Page, pageSize, toPage } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { attributeOwnConditions } from '../search/attribute-terms';
import { ChangeOp, Distribution } from '../../shared/enums';
import { AppError, badInput, conflict, forbidden, isAppError, notFound } from '../../shared/errors';
import { orgIdsByUuid } from '../../db/query-helpers';
import { parseTimeRange } from '../search/search-terms';
import { attributeQuickFilter, tagConditions } from '../search/search-where';
import { ChangeRecorder, writeTransaction } from '../../db/change-recorder';
import { eventWriteDecision, eventWriteRefusal, getEvent, getEventForWrite, touchEvent } from '../event/event.service';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { applyDistributionChange, resolveDistribution } from '../sharing-group/sharing-group.service';
import { AttributeTag } from '../tag/tag.entity';
import { checkTagName, findOrCreateTags, localTagRefusal, tagKey, tagLinkConflict, tagLinkFacts } from '../tag/tag.service';
import { getAttributeType, resolveCategory } from './attribute-types';
import { normaliseAttributeValue } from './attribute-values';
import { valueColumns } from './attribute-keys';
import { AttributeDraft, duplicateKey, insertAttributes, prepareRows, storedDuplicateKeys } from './attribute-writes';
import { Attribute } from './attribute.entity';
import { AttributeViewColumn } from './attribute.views';
import { countLookup, lookupAttributes } from './attribute-lookup';
import { attributeAccessOf, eventAccessOf } from '../../auth/change-access';
import type { EventRead } from '../event/event-view';
import { AttributeFilter, AttributeInput, UpdateAttributeInput } from './attribute.inputs';



/** The attribute if the caller may see it (tombstones only when asked and allowed); NOT_FOUND otherwise. */
export async function getAttribute(
  scope: Scope,
  uuid: string,
  opts: { includeDeleted?: boolean; em?: EntityManager } = {},
): Promise<Attribute> {
  requireActor(scope);
  const em = opts.em ?? scope.em;
  // With its object: an object's attribute is visible only with its object (attributeAccessOf), and
  // change rows of a write snapshot the object's distribution.
  const a = await em.findOne(Attribute, { uuid: String(uuid).toLowerCase() }, { populate: ['event', 'object'] });
  if (!a || !canSeeAttribute(scope.viewer, eventAccessOf(a.event), attributeAccessOf(a), opts)) throw notFound('Attribute', uuid);
  return a;
}

/**
 * The attribute of `attribute(id)`: a read-only row (as list reads return) with its event (all of it, or
 * the brief view when the query asks no more of it: event-view), in one statement built once per shape
 * (attribute-lookup), under the caller's attribute visibility
 * (policy.attributeVisibilityFilter: tombstones and attributes of invisible objects are absent);
 * NOT_FOUND otherwise. Writes and everything that needs a managed entity use getAttribute.
 */
export async function findVisibleAttribute(
  scope: Scope,
  uuid: string,
  events: EventRead = 'all',
  /** The columns the query's selection needs (attributeColumnsFor); all by default. */
  columns?: readonly AttributeViewColumn[],
): Promise<Attribute> {
  requireActor(scope);
  // The uuid is unique (at most one row): no ORDER BY or LIMIT for SQLite to plan around.
  const [a] = await lookupAttributes(scope.em, { $and: [attributeVisibilityFilter(scope.viewer), { uuid: String(uuid).toLowerCase() }] }, {
    visibilityApplied: true, // the where starts with the viewer's attribute visibility
    events,
    columns,
  });
  if (!a) throw notFound('Attribute', uuid);
  return a;
}

/**
 * The whole filter of an attribute search as MikroORM conditions (to be AND-ed), starting with the
 * caller's visibility (DESIGN §4). Entry point for every "any attribute search" (lists, exports).
 * Bad terms throw BAD_USER_INPUT naming the value; `deleted: true` on an event the caller may see but
 * not its tombstones is FORBIDDEN.
 */
export async function attributeWhere(scope: Scope, f: AttributeFilter | null | undefined): Promise<Record<string, unknown>[]> {
  const wantDeleted = f?.deleted === true;
  const where: Record<string, unknown>[] = [attributeVisibilityFilter(scope.viewer, { includeDeleted: wantDeleted })];
  if (wantDeleted) where.push({ deleted: true });
  if (!f) return where;
  if (f.eventId) {
    if (wantDeleted) {
      // Listing tombstones of a visible event you do not own: a filter you may not use (not "no rows").
      const e = await getEvent(scope, f.eventId).catch(() => null);
      if (e && !canSeeDeletedIn(scope.viewer, eventAccessOf(e))) {
        throw forbidden(`deleted: true on event "${f.eventId}": soft-deleted attributes are visible to the owner organisation and sync users only`);
      }
    }
    where.push({ event: { uuid: f.eventId.toLowerCase() } });
  }
  if (wantDeleted && scope.viewer.orgId === null && !scope.viewer.siteAdmin && !scope.viewer.syncUser) {
    throw forbidden('deleted: true: soft-deleted attributes are visible to the owner organisation and sync users only');
  }
  where.push(...attributeOwnConditions(scope, f));
  if (f.creatorOrgId) where.push({ event: { creatorOrg: { $in: await orgIdsByUuid(scope.em, f.creatorOrgId) } } });
  if (f.published != null) where.push({ event: { published: f.published } });
  if (f.dateFrom) where.push({ event: { date: { $gte: f.dateFrom } } });
  if (f.dateTo) where.push({ event: { date: { $lte: f.dateTo } } });
  const now = scope.clock.now();
  const ets = parseTimeRange(f.eventTimestamp, now, 'eventTimestamp');
  if (ets.from) where.push({ event: { timestamp: { $gte: ets.from } } });
  if (ets.to) where.push({ event: { timestamp: { $lte: ets.to } } });
  const pts = parseTimeRange(f.publishTimestamp, now, 'publishTimestamp');
  if (pts.from) where.push({ event: { publishedAt: { $gte: pts.from } } });
  if (pts.to) where.push({ event: { publishedAt: { $lte: pts.to } } });
  where.push(...(await tagConditions(scope, 'attribute', f.tags, f.tagFilter)));
  if (f.quickFilter != null) where.push(await attributeQuickFilter(scope, f.quickFilter));
  return where;
}

/**
 * One page of the attributes matching `filter` that the caller may see, newest first (keyset on id:
 * rows added while paging appear before the cursor, never as duplicates or gaps after it).
 */
export async function listAttributes(
  scope: Scope,
  filter: AttributeFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  withTotal = true,
  columns?: readonly AttributeViewColumn[],
  /** What of the page's events is wanted (`node { event { … } }`): read in the same statement. */
  events: EventRead = 'none',
): Promise<Page<Attribute>> {
  requireActor(scope);
  const limit = pageSize(first, scope.config.defaultPageSize, scope.config.maxPageSize);
  const afterId = decodeCursor('attribute', after);
  const where = await attributeWhere(scope, filter);
  // attributeWhere starts with the viewer's attribute visibility.
  const rows = await lookupAttributes(scope.em, { $and: afterId === null ? where : [...where, { id: { $lt: afterId } }] }, {
    order: 'desc',
    limit: limit + 1,
    columns,
    visibilityApplied: true,
    events,
  });
  return toPage('attribute', rows, limit, withTotal ? () => countLookup(scope.em, { $and: where }, { visibilityApplied: true }) : null, { firstPage: afterId === null });
}

/** Adds `attributes[i]: ` context to a validation error, keeping its code. */
function atIndex(i: number, value: string, e: unknown): never {
  if (isAppError(e)) throw new AppError(e.code, `attributes[${i}]: ${e.message}`, { index: i, value: value.slice(0, 200) });
  throw e;
}

/**
 * Adds attributes to an event, all or nothing: every value is validated first; one bad value refuses the
 * whole batch with an error naming its index and value; duplicates (same type, category and value as a
 * live attribute of the event, or twice in the batch; outside objects) are a CONFLICT.
 */
export async function addAttributes(scope: Scope, eventUuid: string, inputs: AttributeInput[]): Promise<Attribute[]> {
  requireActor(scope);
  if (!inputs.length) throw badInput('attributes is empty: give at least one attribute');
  if (inputs.length > scope.config.maxBulkAttributes) {
    throw badInput(`Too many attributes (${inputs.length}): at most ${scope.config.maxBulkAttributes} per call`);
  }
  return writeTransaction(scope, (em, changes) => addAttributesIn(scope, em, changes, eventUuid, inputs));
}

/**
 * addAttributes inside the caller's write transaction (accepting a proposal writes through it): edit
 * rights on the event, validation and the duplicate rule exactly as addAttributes.
 */
export async function addAttributesIn(scope: Scope, em: EntityManager, changes: ChangeRecorder, eventUuid: string, inputs: AttributeInput[]): Promise<Attribute[]> {
  {
    const event = await getEventForWrite(scope, em, eventUuid);
    // Each distinct distribution and sharing group is resolved once, at its first input (so a refusal
    // names that input, the first in order to fail); the other inputs take it without waiting.
    const groups = new Map<string, { distribution: Distribution; sharingGroup: SharingGroup | null }>();
    const drafts: AttributeDraft[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      try {
        getAttributeType(input.type);
        if (input.tags) for (const tag of input.tags) checkTagName(tag);
        const distribution = input.distribution ?? Distribution.INHERIT_EVENT;
        const sgKey = `${distribution}:${input.sharingGroupId ?? ''}`;
        let group = groups.get(sgKey);
        if (!group) {
          group = await resolveDistribution(scope, em, distribution, input.sharingGroupId, { allowInherit: true });
          groups.set(sgKey, group);
        }
        // prettier-ignore
        drafts.push({
          uuid: input.uuid, type: input.type, category: input.category, value: input.value, toIds: input.toIds, comment: input.comment,
          distribution: group.distribution, sharingGroup: group.sharingGroup, disableCorrelation: input.disableCorrelation,
          firstSeen: input.firstSeen, lastSeen: input.lastSeen, tags: input.tags, objectRelation: null,
        });
      } catch (e) {
        atIndex(i, String(input.value), e);
      }
    }
    const { rows, refused } = await prepareRows(em, event.id, drafts, { now: scope.clock.now() });
    if (refused.length) atIndex(refused[0].index, String(inputs[refused[0].index].value), refused[0].error);
    const uuids = rows.map((p) => p.row.uuid).filter((u, i) => inputs[rows[i].index].uuid);
    if (uuids.length) {
      // Uniqueness is over every stored attribute, visible or not (filters: false).
      const taken = await em.find(Attribute, { uuid: { $in: uuids } }, { fields: ['uuid'], filters: false });
      if (taken.length) throw conflict(`An attribute with uuid "${taken[0].uuid}" already exists`);
    }
    // Bulk path: plain rows and multi-row INSERTs, no unit-of-work tracking of thousands of entities.
    // The returned objects are plain attribute rows (as list reads return), ids read back by uuid.
    const created = await insertAttributes(em, changes, event, rows, { readIds: 'all' });
    touchEvent(scope, event);
    changes.event(ChangeOp.UPDATED, event);
    return created as unknown as Attribute[];
  }
}

export async function addAttribute(scope: Scope, eventUuid: string, input: AttributeInput): Promise<Attribute> {
  try {
    const [a] = await addAttributes(scope, eventUuid, [input]);
    return a;
  } catch (e) {
    // A single add names the value, not an index.
    if (isAppError(e) && e.extensions.index === 0) {
      throw new AppError(e.code, e.message.replace(/^attributes\[0\]: /, ''), { value: e.extensions.value });
    }
    throw e;
  }
}

export async function updateAttribute(scope: Scope, input: UpdateAttributeInput): Promise<Attribute> {
  return writeTransaction(scope, (em, changes) => updateAttributeIn(scope, em, changes, input));
}

/** updateAttribute inside the caller's write transaction (accepting a proposal writes through it). */
export async function updateAttributeIn(scope: Scope, em: EntityManager, changes: ChangeRecorder, input: UpdateAttributeInput): Promise<Attribute> {
  {
    const a = await getAttribute(scope, input.id, { em });
    const event = await getEventForWrite(scope, em, a.event.uuid);
    if (input.category != null) a.category = resolveCategory(a.type, input.category);
    if (input.value != null) {
      Object.assign(a, valueColumns(a.type, normaliseAttributeValue(a.type, input.value)));
    }
    if ((input.value != null || input.category != null) && !a.deleted && !a.objectRelation) {
      const stored = await storedDuplicateKeys(em, event.id, [a.valueHash], new Set([a.uuid]));
      if (stored.has(duplicateKey(a.type, a.category, a.valueHash))) {
        throw conflict(`the event already has a ${a.type} attribute "${a.value}" in category "${a.category}"`);
      }
    }
    await applyDistributionChange(scope, em, a, input, { allowInherit: true });
    if (input.toIds != null) a.toIds = input.toIds;
    if (input.comment !== undefined) a.comment = input.comment;
    if (input.disableCorrelation != null) a.disableCorrelation = input.disableCorrelation;
    if (input.firstSeen !== undefined) a.firstSeen = input.firstSeen;
    if (input.lastSeen !== undefined) a.lastSeen = input.lastSeen;
    a.timestamp = scope.clock.now();
    touchEvent(scope, event);
    changes.attribute(ChangeOp.UPDATED, a, event);
    return a;
  }
}

/** Soft delete: the attribute becomes a tombstone (travels to peers, hidden from normal reads). */
export async function deleteAttribute(scope: Scope, uuid: string): Promise<Attribute> {
  return writeTransaction(scope, (em, changes) => deleteAttributeIn(scope, em, changes, uuid));
}

/** deleteAttribute inside the caller's write transaction (accepting a proposal writes through it). */
export async function deleteAttributeIn(scope: Scope, em: EntityManager, changes: ChangeRecorder, uuid: string): Promise<Attribute> {
  {
    const a = await getAttribute(scope, uuid, { em, includeDeleted: true });
    const event = await getEventForWrite(scope, em, a.event.uuid);
    if (a.deleted) return a;
    a.deleted = true;
    a.timestamp = scope.clock.now();
    touchEvent(scope, event);
    changes.attribute(ChangeOp.DELETED, a, event);
    return a;
  }
}

/** Tags an attribute: the rules of tagEvent, with edit rights on the attribute's event. */
export async function tagAttribute(scope: Scope, uuid: string, tagName: string, local: boolean): Promise<Attribute> {
  return writeTransaction(scope, async (em, changes) => {
    const a = await getAttribute(scope, uuid, { em });
    const event = await getEvent(scope, a.event.uuid, em);
    const actor = requireActor(scope);
    const existing = await em.findOne(AttributeTag, { attribute: a.id, tag: { nameKey: tagKey(checkTagName(tagName)) } });
    const decision = tagDecision(actor, eventWriteDecision(scope, event), existing && tagLinkFacts(existing), local);
    if (decision === 'FORBIDDEN') throw local ? forbidden('A local tag belongs to an organisation: the caller has none') : eventWriteRefusal(event);
    if (decision === 'CONFLICT') throw tagLinkConflict(`attribute "${a.uuid}"`, tagName, existing!);
    if (decision === 'NONE') return a;
    if (decision === 'MAKE_GLOBAL') {
      existing!.local = false;
      existing!.org = null;
    } else {
      const [tag] = await findOrCreateTags(em, [tagName]);
      em.create(AttributeTag, { attribute: a, tag, local, org: local ? em.getReference(Organisation, actor.orgId!) : null } as AttributeTag);
    }
    if (!local) {
      a.timestamp = scope.clock.now();
      touchEvent(scope, event);
    }
    changes.attribute(ChangeOp.UPDATED, a, event);
    return a;
  });
}

/** Removes a tag: a global one needs edit rights on the event, a local one being its organisation. */
export async function untagAttribute(scope: Scope, uuid: string, tagName: string): Promise<Attribute> {
  return writeTransaction(scope, async (em, changes) => {
    const a = await getAttribute(scope, uuid, { em });
    const link = await em.findOne(AttributeTag, { attribute: a.id, tag: { nameKey: tagKey(tagName) } });
    if (!link) throw notFound('Tag on attribute', tagName);
    const event = await getEvent(scope, a.event.uuid, em);
    if (canRemoveTagLink(requireActor(scope), eventWriteDecision(scope, event), tagLinkFacts(link)) !== 'ALLOWED') {
      throw link.local ? localTagRefusal(`attribute "${a.uuid}"`, tagName) : eventWriteRefusal(event);
    }
    await em.nativeDelete(AttributeTag, { id: link.id });
    if (!link.local) {
      a.timestamp = scope.clock.now();
      touchEvent(scope, event);
    }
    changes.attribute(ChangeOp.UPDATED, a, event);
    return a;
  });
}

