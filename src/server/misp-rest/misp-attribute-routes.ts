/** MISP's attributes controller over the attribute service (the GraphQL mutations' service). */
import { addAttributes, attributeWhere, deleteAttribute, getAttribute, updateAttribute } from '../../modules/attribute/attribute.service';
import { ATTRIBUTE_TYPES, CATEGORIES } from '../../modules/attribute/attribute-types';
import { exportChunks } from '../../modules/export/export-source';
import { attributeUuidOf, eventUuidOf, tagIdsByName } from '../../modules/misp-api/misp-api.service';
import type { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { decodeAttribute, decodeAttributeChanges, unwrap, Body } from './misp-decode';
import { decodeRefs, searchRefs } from './misp-common';
import type { MispReply, MispRequest, MispRoute } from './misp-route.types';
import { decodeAttributeSearch, restSearchParams } from './misp-search';
import { attributeSearchReply } from './misp-search-routes';
import { mispAttribute } from './misp-shapes';

/** Attributes of one event by uuid in MISP's shape (tombstones only when asked and visible). */
async function encoded(scope: Scope, eventUuid: string, uuids: string[], deleted = false) {
  const where = [...(await attributeWhere(scope, { eventId: eventUuid, deleted })), { uuid: { $in: uuids } }];
  const out = [];
  for await (const chunk of exportChunks(scope, where)) {
    const tagIds = await tagIdsByName(scope, chunk.attributes.flatMap((a) => a.tags.map((t) => t.name)));
    out.push(...chunk.attributes.map((a) => mispAttribute(a, chunk.event.id, tagIds)));
  }
  return out;
}

async function add(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const eventUuid = await eventUuidOf(scope, req.args[0]);
  const raw = Array.isArray(req.body) ? req.body : Array.isArray((req.body as Body | undefined)?.Attribute) ? ((req.body as Body).Attribute as unknown[]) : null;
  const list: Body[] = raw ? raw.map((a, i) => (a && typeof a === 'object' && !Array.isArray(a) ? (a as Body) : badArg(i))) : [unwrap(req.body, 'Attribute')];
  const inputs = [];
  for (const [i, a] of list.entries()) inputs.push(await decodeAttribute(a, raw ? `Attribute[${i}].` : '', decodeRefs(scope)));
  const created = await addAttributes(scope, eventUuid, inputs);
  const attributes = await encoded(scope, eventUuid, created.map((a) => a.uuid));
  return { json: { Attribute: raw ? attributes : attributes[0] } };
}

function badArg(i: number): never {
  throw badInput(`Attribute[${i}] must be an object`);
}

async function view(req: MispRequest): Promise<MispReply> {
  const a = await getAttribute(req.scope, await attributeUuidOf(req.scope, req.args[0]));
  if (req.method === 'HEAD') return { json: {} };
  const [attribute] = await encoded(req.scope, a.event.uuid, [a.uuid]);
  return { json: { Attribute: attribute } };
}

async function edit(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const uuid = await attributeUuidOf(scope, req.args[0]);
  const changes = await decodeAttributeChanges(unwrap(req.body, 'Attribute'), uuid, '', decodeRefs(scope));
  const a = await updateAttribute(scope, changes);
  const [attribute] = await encoded(scope, a.event.uuid, [a.uuid]);
  return { json: { Attribute: attribute } };
}

async function remove(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  if (req.named.hard === '1') throw badInput('hard:1: this hub keeps a deleted attribute as a tombstone (it travels to peers); delete without hard');
  const a = await deleteAttribute(scope, await attributeUuidOf(scope, req.args[0]));
  return { json: { message: 'Attribute deleted.', id: String(a.id), uuid: a.uuid } };
}

/** MISP's describeTypes from the hub's own attribute type catalogue. */
export function describeTypes() {
  const types = [...ATTRIBUTE_TYPES.values()];
  return {
    result: {
      sane_defaults: Object.fromEntries(types.map((t) => [t.type, { default_category: t.defaultCategory, to_ids: t.toIdsDefault ? 1 : 0 }])),
      types: types.map((t) => t.type),
      categories: [...CATEGORIES],
      category_type_mappings: Object.fromEntries(CATEGORIES.map((c) => [c, types.filter((t) => t.allowedCategories.includes(c)).map((t) => t.type)])),
    },
  };
}

export const attributeRoutes: MispRoute[] = [
  { methods: ['POST'], path: 'attributes/add/{eventId}', summary: 'Adds one attribute (answers {"Attribute": {...}}) or a list (answers {"Attribute": [...]}).', capability: 'event:write', body: 'Attribute', handle: add },
  { methods: ['GET'], path: 'attributes/view/{id}', summary: 'One attribute by local id or uuid; HEAD answers 200 or 404.', handle: view },
  { methods: ['POST', 'PUT'], path: 'attributes/edit/{id}', summary: 'Changes an attribute (the fields sent).', capability: 'event:write', body: 'Attribute', handle: edit },
  { methods: ['POST', 'DELETE'], path: 'attributes/delete/{id}', summary: 'Soft-deletes an attribute (a tombstone that travels to peers; hard:1 is not supported).', capability: 'event:write', handle: remove },
  {
    methods: ['GET', 'POST'],
    path: 'attributes/restSearch',
    summary: 'Attributes matching MISP restSearch filters: {"response": {"Attribute": [...]}} or an export format.',
    body: 'restSearch filters',
    handle: async (req) => attributeSearchReply(req.scope, await decodeAttributeSearch(restSearchParams(req.body, req.named), searchRefs(req.scope), req.scope.clock.now())),
  },
  { methods: ['GET'], path: 'attributes/describeTypes', summary: 'The attribute types and categories this hub knows (MISP describeTypes shape).', handle: async () => ({ json: describeTypes() }) },
];
