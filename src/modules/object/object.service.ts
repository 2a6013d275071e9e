import { EntityManager } from '@mikro-orm/core';
import { canSeeObject } from '../../auth/policy';
import { eventAccessOf } from '../../auth/change-access';
import { writeTransaction } from '../../db/change-recorder';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { AppError, badInput, conflict, isAppError, notFound } from '../../shared/errors';
import { AttributeDraft, insertAttributes, prepareRows } from '../attribute/attribute-writes';
import { getAttributeType } from '../attribute/attribute-types';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { getEventForWrite, touchEvent } from '../event/event.service';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { applyDistributionChange, resolveDistribution } from '../sharing-group/sharing-group.service';
import { checkTagName } from '../tag/tag.service';
import { ObjectReference } from './object-reference.entity';
import { validateMispObject } from './object-templates';
import { MispObject } from './object.entity';
import { AddObjectInput, AddObjectReferenceInput, ObjectReferenceInput, UpdateObjectInput } from './object.inputs';

/**
 * MISP objects and their references through the API (DESIGN §3, §4): written by the event's editors
 * (policy.canEditEvent through getEventForWrite), each call one transaction with its change rows; an
 * object's attributes go through the one attribute write path (attribute-writes) with their object set.
 */

/** The object if the caller may see it (tombstones only when asked and allowed); NOT_FOUND otherwise. */
export async function getObject(scope: Scope, uuid: string, opts: { includeDeleted?: boolean; em?: EntityManager } = {}): Promise<MispObject> {
  requireActor(scope);
  const em = opts.em ?? scope.em;
  const o = await em.findOne(MispObject, { uuid: String(uuid).toLowerCase() }, { populate: ['event'] });
  if (!o || !canSeeObject(scope.viewer, eventAccessOf(o.event), objectAccessOf(o), opts)) throw notFound('Object', uuid);
  return o;
}

const objectAccessOf = (o: MispObject) => ({ distribution: o.distribution, sharingGroupId: o.sharingGroup?.id ?? null, deleted: o.deleted });

/** Adds `<path>: ` context to a validation error, keeping its code. */
function at(path: string, e: unknown, extra: Record<string, unknown> = {}): never {
  if (isAppError(e)) throw new AppError(e.code, `${path}: ${e.message}`, { ...e.extensions, ...extra });
  throw e;
}

/** Uuids among `uuids` already used by a row of `entity`, visible or not (uniqueness is over every row: filters off). */
async function uuidsTaken(em: EntityManager, entity: typeof MispObject | typeof Attribute | typeof ObjectReference, uuids: string[]): Promise<string[]> {
  if (!uuids.length) return [];
  const rows = await em.find(entity as typeof Attribute, { uuid: { $in: uuids } }, { fields: ['uuid'], filters: false });
  return rows.map((r) => r.uuid);
}

/** What an object takes from its template when the input leaves it out. */
interface TemplateFacts {
  metaCategory?: string;
  description?: string | null;
  uuid?: string | null;
  version?: string | null;
}

/**
 * The template check of an object made through the API: strict (validateMispObject in `strict` mode:
 * relations unknown to a known template, types a relation does not take, a relation given twice that is
 * not `multiple`, missing `required` / `requiredOneOf` relations are errors naming the template and the
 * relation). An object of a template not shipped here (a custom one) is accepted unvalidated, but then
 * needs its metaCategory. Returns what the object takes from its template when the input leaves it out.
 */
function checkObjectTemplate(input: AddObjectInput): TemplateFacts {
  const name = input.name.trim();
  const check = validateMispObject(
    name,
    input.templateUuid,
    input.attributes.map((a) => ({ objectRelation: a.objectRelation.trim(), type: a.type })),
    { mode: 'strict' },
  );
  if (check.errors.length) throw badInput(check.errors.join('; '), { value: name, template: check.template?.name ?? null });
  const t = check.template;
  if (!t) {
    if (!input.metaCategory?.trim()) {
      throw badInput(`metaCategory is required for object "${name}": its template is not one of the MISP templates shipped here`, { value: name });
    }
    return {};
  }
  return { metaCategory: t.metaCategory, description: t.description, uuid: t.uuid, version: String(t.version) };
}

const SG_CACHE = () => new Map<string, Promise<{ distribution: Distribution; sharingGroup: SharingGroup | null }>>();

/**
 * Adds an object with its attributes and references to an event, all or nothing: the template check,
 * every attribute value and every reference target are checked before anything is written; the first
 * bad part refuses the call with an error naming it (`attributes[2]`, `references[0].targetId`).
 */
export async function addObject(scope: Scope, input: AddObjectInput): Promise<MispObject> {
  requireActor(scope);
  if (!input.name.trim()) throw badInput('name is empty: give the object\'s template name (e.g. file)');
  if (!input.attributes.length) throw badInput('attributes is empty: an object needs at least one attribute');
  if (input.attributes.length > scope.config.maxBulkAttributes) {
    throw badInput(`Too many attributes (${input.attributes.length}): at most ${scope.config.maxBulkAttributes} per object`);
  }
  const template = checkObjectTemplate(input);
  return writeTransaction(scope, async (em, changes) => {
    const event = await getEventForWrite(scope, em, input.eventId);
    const now = scope.clock.now();
    const groups = SG_CACHE();
    const resolve = (d: Distribution | undefined, sg: string | undefined) => {
      const key = `${d ?? Distribution.INHERIT_EVENT}:${sg ?? ''}`;
      if (!groups.has(key)) groups.set(key, resolveDistribution(scope, em, d ?? Distribution.INHERIT_EVENT, sg, { allowInherit: true }));
      return groups.get(key)!;
    };
    const own = await resolve(input.distribution, input.sharingGroupId).catch((e) => at('object', e));
    const objectUuid = input.uuid?.toLowerCase();
    if (objectUuid && (await uuidsTaken(em, MispObject, [objectUuid])).length) throw conflict(`An object with uuid "${objectUuid}" already exists`);
    const obj = em.create(MispObject, {
      ...(objectUuid ? { uuid: objectUuid } : {}),
      event,
      name: input.name.trim(),
      metaCategory: input.metaCategory?.trim() || template.metaCategory!,
      description: input.description ?? template.description ?? null,
      templateUuid: input.templateUuid?.toLowerCase() ?? template.uuid ?? null,
      templateVersion: input.templateVersion ?? template.version ?? null,
      comment: input.comment ?? null,
      distribution: own.distribution,
      sharingGroup: own.sharingGroup,
      firstSeen: input.firstSeen ?? null,
      lastSeen: input.lastSeen ?? null,
      timestamp: now,
    } as MispObject);
    await em.flush(); // the attribute rows refer to the object's id
    const drafts: AttributeDraft[] = [];
    for (const [i, a] of input.attributes.entries()) {
      try {
        if (!a.objectRelation?.trim()) throw badInput('objectRelation is empty: every attribute of an object names its relation');
        getAttributeType(a.type);
        (a.tags ?? []).forEach(checkTagName);
        drafts.push({ ...a, ...(await resolve(a.distribution, a.sharingGroupId)), objectRelation: a.objectRelation.trim(), object: obj });
      } catch (e) {
        at(`attributes[${i}] (${a.objectRelation})`, e, { index: i });
      }
    }
    const { rows, refused } = await prepareRows(em, event.id, drafts, { now });
    if (refused.length) {
      const i = refused[0].index;
      at(`attributes[${i}] (${input.attributes[i].objectRelation})`, refused[0].error, { index: i });
    }
    const given = rows.filter((p) => input.attributes[p.index].uuid).map((p) => p.row.uuid);
    const taken = await uuidsTaken(em, Attribute, given);
    if (taken.length) throw conflict(`An attribute with uuid "${taken[0]}" already exists`);
    changes.inEvent(ChangeKind.OBJECT, ChangeOp.CREATED, obj.uuid, event, obj);
    await insertAttributes(em, changes, event, rows, { readIds: 'tagged' });
    for (const [i, r] of (input.references ?? []).entries()) await addReference(em, obj, event, r, `references[${i}]`, now);
    touchEvent(scope, event);
    changes.event(ChangeOp.UPDATED, event);
    return obj;
  });
}

/**
 * A reference from `obj` to an object or attribute of the same event (MISP's rule for references added
 * through its API: "Target has to be within the same event"). Any other uuid is refused, naming it.
 */
async function addReference(em: EntityManager, obj: MispObject, event: Event, r: ObjectReferenceInput, path: string, now: Date): Promise<ObjectReference> {
  if (!r.relationshipType?.trim()) throw badInput(`${path}.relationshipType is empty: name the relationship (e.g. related-to)`);
  const target = r.targetId.toLowerCase();
  const where = { uuid: target, event: event.id, deleted: false };
  const found = (await em.count(MispObject, where)) + (await em.count(Attribute, where));
  if (!found) {
    throw badInput(`${path}.targetId "${target}": no object or attribute with this uuid in event "${event.uuid}" (a reference's target must be in the same event)`, {
      value: target,
    });
  }
  const uuid = r.uuid?.toLowerCase();
  if (uuid && (await uuidsTaken(em, ObjectReference, [uuid])).length) throw conflict(`${path}: an object reference with uuid "${uuid}" already exists`);
  return em.create(ObjectReference, {
    ...(uuid ? { uuid } : {}),
    object: obj,
    targetUuid: target,
    relationshipType: r.relationshipType.trim(),
    comment: r.comment ?? null,
    timestamp: now,
  } as ObjectReference);
}

/** A visible, live object of an event the caller may edit (NOT_FOUND / FORBIDDEN as for the event). */
async function objectForWrite(scope: Scope, em: EntityManager, uuid: string, opts: { includeDeleted?: boolean } = {}) {
  const obj = await getObject(scope, uuid, { em, ...opts });
  const event = await getEventForWrite(scope, em, obj.event.uuid);
  return { obj, event };
}

export async function updateObject(scope: Scope, input: UpdateObjectInput): Promise<MispObject> {
  return writeTransaction(scope, async (em, changes) => {
    const { obj, event } = await objectForWrite(scope, em, input.id);
    await applyDistributionChange(scope, em, obj, input, { allowInherit: true });
    if (input.comment !== undefined) obj.comment = input.comment;
    if (input.description !== undefined) obj.description = input.description;
    if (input.firstSeen !== undefined) obj.firstSeen = input.firstSeen;
    if (input.lastSeen !== undefined) obj.lastSeen = input.lastSeen;
    obj.timestamp = scope.clock.now();
    touchEvent(scope, event);
    changes.inEvent(ChangeKind.OBJECT, ChangeOp.UPDATED, obj.uuid, event, obj);
    return obj;
  });
}

/**
 * Soft delete: the object and its live attributes become tombstones (each with its change row, like
 * deleteAttribute), its references too; they travel to peers as such.
 */
export async function deleteObject(scope: Scope, uuid: string): Promise<MispObject> {
  return writeTransaction(scope, async (em, changes) => {
    const { obj, event } = await objectForWrite(scope, em, uuid, { includeDeleted: true });
    if (obj.deleted) return obj;
    const now = scope.clock.now();
    obj.deleted = true;
    obj.timestamp = now;
    changes.inEvent(ChangeKind.OBJECT, ChangeOp.DELETED, obj.uuid, event, obj);
    // The writer may see every attribute of the event it edits; bounded by the object's own attributes.
    const attributes = await em.find(Attribute, { object: obj.id, deleted: false }, { populate: ['object'] });
    for (const a of attributes) {
      a.deleted = true;
      a.timestamp = now;
      changes.attribute(ChangeOp.DELETED, a, event);
    }
    for (const r of await em.find(ObjectReference, { object: obj.id, deleted: false })) {
      r.deleted = true;
      r.timestamp = now;
    }
    touchEvent(scope, event);
    return obj;
  });
}

export async function addObjectReference(scope: Scope, input: AddObjectReferenceInput): Promise<ObjectReference> {
  return writeTransaction(scope, async (em, changes) => {
    const { obj, event } = await objectForWrite(scope, em, input.objectId);
    const now = scope.clock.now();
    const ref = await addReference(em, obj, event, input, 'reference', now);
    obj.timestamp = now;
    touchEvent(scope, event);
    changes.inEvent(ChangeKind.OBJECT, ChangeOp.UPDATED, obj.uuid, event, obj);
    return ref;
  });
}

/** Soft-deletes a reference (its object counts as changed). NOT_FOUND when its object is not visible. */
export async function deleteObjectReference(scope: Scope, uuid: string): Promise<ObjectReference> {
  return writeTransaction(scope, async (em, changes) => {
    // The visible filter hides references of invisible objects: absent, like an unknown uuid.
    const ref = await em.findOne(ObjectReference, { uuid: String(uuid).toLowerCase() }, { populate: ['object'] });
    if (!ref) throw notFound('Object reference', uuid);
    const { obj, event } = await objectForWrite(scope, em, ref.object.uuid, { includeDeleted: true }).catch((e) => {
      throw isAppError(e) && e.code === 'NOT_FOUND' ? notFound('Object reference', uuid) : e;
    });
    if (ref.deleted) return ref;
    const now = scope.clock.now();
    ref.deleted = true;
    ref.timestamp = now;
    obj.timestamp = now;
    touchEvent(scope, event);
    changes.inEvent(ChangeKind.OBJECT, ChangeOp.UPDATED, obj.uuid, event, obj);
    return ref;
  });
}
