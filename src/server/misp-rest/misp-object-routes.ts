/** MISP's objects controller over the object service (the GraphQL addObject/updateObject/deleteObject service). */
import { attributeWhere } from '../../modules/attribute/attribute.service';
import { exportChunks } from '../../modules/export/export-source';
import { eventUuidOf, tagIdsByName } from '../../modules/misp-api/misp-api.service';
import type { MispObject } from '../../modules/object/object.entity';
import { AddObjectInput, ObjectAttributeInput, ObjectReferenceInput, UpdateObjectInput } from '../../modules/object/object.inputs';
import { addObject, deleteObject, getObject, updateObject } from '../../modules/object/object.service';
import type { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { Body, bodyString, decodeAttribute, DecodeRefs, listOf, unwrap } from './misp-decode';
import { decodeRefs, saved } from './misp-common';
import type { MispReply, MispRequest, MispRoute } from './misp-route.types';
import { mispAttribute, unixSeconds } from './misp-shapes';

const isLocalId = (ref: string) => /^\d{1,15}$/.test(ref);

/** A MISP object body (`{"Object": {...}}` or bare) → the object service's input for `eventUuid`. */
export async function decodeObject(b: Body, eventUuid: string, path: string, refs: DecodeRefs): Promise<AddObjectInput> {
  const name = bodyString(b, 'name', path);
  if (!name) throw badInput(`${path}name is required: the object's template name (e.g. file)`);
  const attributes: ObjectAttributeInput[] = [];
  for (const [i, a] of (listOf(b, 'Attribute', path) ?? []).entries()) {
    const p = `${path}Attribute[${i}].`;
    const relation = bodyString(a, 'object_relation', p);
    if (!relation) throw badInput(`${p}object_relation is required in an object`);
    attributes.push(Object.assign(new ObjectAttributeInput(), await decodeAttribute(a, p, refs), { objectRelation: relation }));
  }
  const references = (listOf(b, 'ObjectReference', path) ?? []).map((r, i) => {
    const p = `${path}ObjectReference[${i}].`;
    const target = bodyString(r, 'referenced_uuid', p);
    const type = bodyString(r, 'relationship_type', p);
    if (!target || !type) throw badInput(`${p}referenced_uuid and relationship_type are required`);
    return Object.assign(new ObjectReferenceInput(), { targetId: target, relationshipType: type, comment: bodyString(r, 'comment', p), uuid: bodyString(r, 'uuid', p) || undefined });
  });
  const distribution = bodyString(b, 'distribution', path);
  const sg = bodyString(b, 'sharing_group_id', path);
  if (distribution !== undefined && !/^[0-5]$/.test(distribution)) throw badInput(`Invalid ${path}distribution "${distribution}": expected a number from 0 to 5`);
  return Object.assign(new AddObjectInput(), {
    eventId: eventUuid,
    name,
    metaCategory: bodyString(b, 'meta-category', path) ?? bodyString(b, 'meta_category', path),
    description: bodyString(b, 'description', path),
    templateUuid: bodyString(b, 'template_uuid', path),
    templateVersion: bodyString(b, 'template_version', path),
    comment: bodyString(b, 'comment', path),
    distribution: distribution === undefined ? undefined : Number(distribution),
    sharingGroupId: distribution === '4' && sg && sg !== '0' ? await refs.sharingGroupUuid(sg) : undefined,
    uuid: bodyString(b, 'uuid', path) || undefined,
    attributes,
    references: references.length ? references : undefined,
  });
}

/** An object in MISP's shape with its visible attributes. */
export async function mispObject(scope: Scope, o: MispObject) {
  const where = [...(await attributeWhere(scope, { eventId: o.event.uuid })), { object: o.id }];
  const attributes = [];
  for await (const chunk of exportChunks(scope, where)) {
    const tagIds = await tagIdsByName(scope, chunk.attributes.flatMap((a) => a.tags.map((t) => t.name)));
    attributes.push(...chunk.attributes.map((a) => ({ ...mispAttribute(a, chunk.event.id, tagIds), object_id: String(o.id) })));
  }
  return {
    id: String(o.id),
    name: o.name,
    'meta-category': o.metaCategory,
    description: o.description ?? '',
    template_uuid: o.templateUuid ?? '',
    template_version: o.templateVersion ?? '',
    event_id: String(o.event.id),
    uuid: o.uuid,
    timestamp: unixSeconds(o.timestamp),
    distribution: String(o.distribution),
    sharing_group_id: o.sharingGroup ? String(o.sharingGroup.id) : '0',
    comment: o.comment ?? '',
    deleted: o.deleted,
    first_seen: o.firstSeen ? o.firstSeen.toISOString() : null,
    last_seen: o.lastSeen ? o.lastSeen.toISOString() : null,
    Attribute: attributes,
  };
}

/** `{id|uuid}` of an object → the visible object (NOT_FOUND otherwise). */
async function objectOf(scope: Scope, ref: string, opts: { includeDeleted?: boolean } = {}) {
  if (!isLocalId(ref)) return getObject(scope, ref, opts);
  const found = await scope.em.getRepository<MispObject>('MispObject').findOne({ id: Number(ref) }, { fields: ['uuid'] });
  return getObject(scope, found?.uuid ?? `local id ${ref}`, opts);
}

async function add(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const eventUuid = await eventUuidOf(scope, req.args[0]);
  const o = await addObject(scope, await decodeObject(unwrap(req.body, 'Object'), eventUuid, '', decodeRefs(scope)));
  return { json: { Object: await mispObject(scope, await getObject(scope, o.uuid)) } };
}

async function edit(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const o = await objectOf(scope, req.args[0]);
  const b = unwrap(req.body, 'Object');
  const distribution = bodyString(b, 'distribution', '');
  if (distribution !== undefined && !/^[0-5]$/.test(distribution)) throw badInput(`Invalid distribution "${distribution}": expected a number from 0 to 5`);
  const sg = bodyString(b, 'sharing_group_id', '');
  const input = Object.assign(new UpdateObjectInput(), {
    id: o.uuid,
    comment: bodyString(b, 'comment', ''),
    description: bodyString(b, 'description', ''),
    distribution: distribution === undefined ? undefined : Number(distribution),
    sharingGroupId: distribution === undefined ? undefined : distribution === '4' && sg && sg !== '0' ? await decodeRefs(scope).sharingGroupUuid(sg) : null,
  });
  for (const k of Object.keys(input) as (keyof UpdateObjectInput)[]) if (input[k] === undefined) delete input[k];
  const updated = await updateObject(scope, input);
  return { json: { Object: await mispObject(scope, await getObject(scope, updated.uuid)) } };
}

async function remove(req: MispRequest): Promise<MispReply> {
  const o = await objectOf(req.scope, req.args[0]);
  await deleteObject(req.scope, o.uuid);
  return saved(req, 'Object deleted', String(o.id));
}

export const objectRoutes: MispRoute[] = [
  { methods: ['POST'], path: 'objects/add/{eventId}', summary: 'Adds a MISP object (template checked) with its attributes and references: {"Object": {...}}.', body: 'Object', capability: 'event:write', handle: add },
  { methods: ['POST', 'PUT'], path: 'objects/edit/{id}', summary: 'Changes an object\'s comment, description, distribution (its attributes: attributes/edit).', body: 'Object', capability: 'event:write', handle: edit },
  { methods: ['POST', 'DELETE'], path: 'objects/delete/{id}', summary: 'Soft-deletes an object and its attributes.', capability: 'event:write', handle: remove },
];
