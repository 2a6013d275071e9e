/** MISP's events controller over the event and attribute services (the GraphQL mutations' services). */
import { requireCapability } from '../../auth/capabilities';
import { isMispSyncPeer } from '../../auth/policy';
import { requireUser } from '../../graphql/scope';
import { receiveEvent } from './misp-sync-routes';
import { indexETag, notModified, syncViewReply } from './misp-sync-pull';
import { sightingTimestamps } from '../../modules/misp-api/misp-sync-pull.service';
import type { AttributeInput, UpdateAttributeInput } from '../../modules/attribute/attribute.inputs';
import { addAttributes, deleteAttribute, getAttribute, updateAttribute } from '../../modules/attribute/attribute.service';
import { getAttributeType, resolveCategory } from '../../modules/attribute/attribute-types';
import { normaliseAttributeValue } from '../../modules/attribute/attribute-values';
import { createEvent, deleteEvent, eventWhere, getEvent, setPublished, tagEvent, untagEvent, updateEvent } from '../../modules/event/event.service';
import type { EventFilter } from '../../modules/event/event.inputs';
import { countEvents, eventIdsPage, eventUuidOf, eventsByIds, organisationByRef, sharingGroupUuidOf } from '../../modules/misp-api/misp-api.service';
import type { Scope } from '../../graphql/scope';
import { AppError, badInput, isAppError } from '../../shared/errors';
import { Body, bodyBool, decodeAttribute, decodeAttributeChanges, decodeEventChanges, decodeNewEvent, DecodeRefs, listOf, tagNames, unwrap } from './misp-decode';
import { eventObject, eventsResponse } from './misp-output';
import type { MispReply, MispRequest, MispRoute } from './misp-route.types';
import { decodeRefs, saved, searchRefs } from './misp-common';
import { decodeObject } from './misp-object-routes';
import { addObject, getObject } from '../../modules/object/object.service';
import { randomUUID } from 'node:crypto';
import { decodeAttributeSearch, decodeEventSearch, MispSearchRefs, restSearchParams } from './misp-search';
import { mispEventIndexRow, unixSeconds } from './misp-shapes';
import { attributeSearchReply } from './misp-search-routes';

async function loadEvent(scope: Scope, ref: string) {
  const uuid = await eventUuidOf(scope, ref);
  const e = await getEvent(scope, uuid);
  const [loaded] = await eventsByIds(scope, [e.id]);
  return loaded;
}

/**
 * The attributes of a body checked before anything is written (type, category, value: the pure rules the
 * write path applies), so an event with a bad attribute is refused whole instead of half created.
 */
async function decodeAttributes(scope: Scope, b: Body) {
  const list = listOf(b, 'Attribute', '') ?? [];
  const inputs = [];
  for (const [i, a] of list.entries()) inputs.push(checkedAttribute(await decodeAttribute(a, `Attribute[${i}].`, decodeRefs(scope)), i));
  return inputs;
}

/** The pure rules of the write path (type, category, value) on one attribute of a body. */
function checkedAttribute(input: AttributeInput, i: number): AttributeInput {
  try {
    getAttributeType(input.type);
    resolveCategory(input.type, input.category);
    normaliseAttributeValue(input.type, input.value);
  } catch (e) {
    if (isAppError(e)) throw new AppError(e.code, `Attribute[${i}]: ${e.message}`);
    throw e;
  }
  return input;
}

async function addEvent(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  // A MISP server pushing (a SYNC_USER key): the sync receive path (policy.isMispSyncPeer).
  if (isMispSyncPeer(requireUser(scope))) return receiveEvent(req, 'add');
  const b = unwrap(req.body, 'Event');
  const input = await decodeNewEvent(b, decodeRefs(scope));
  const attributes = await decodeAttributes(scope, b);
  const eventUuid = input.uuid?.toLowerCase() ?? randomUUID();
  input.uuid = eventUuid;
  const objects = await Promise.all((listOf(b, 'Object', '') ?? []).map((o, i) => decodeObject(o, eventUuid, `Object[${i}].`, decodeRefs(scope))));
  const e = await createEvent(scope, input);
  try {
    if (attributes.length) await addAttributes(scope, e.uuid, attributes);
    for (const o of objects) await addObject(scope, o);
    if (bodyBool(b, 'published', '')) await setPublished(scope, e.uuid, true);
  } catch (err) {
    // The event and its attributes are one MISP request: a refused attribute removes the new event.
    await deleteEvent(scope, e.uuid).catch(() => undefined);
    throw err;
  }
  scope.em.clear();
  return { json: await eventObject(scope, await loadEvent(scope, e.uuid)) };
}

/**
 * events/edit: the event's fields, then its attributes (new ones added, changed ones updated, deleted ones
 * removed) and tags. Everything in the body is decoded and checked before the first write, so a bad
 * attribute refuses the request with nothing changed (each write is then its service's own transaction).
 */
async function editEvent(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  if (isMispSyncPeer(requireUser(scope))) return receiveEvent(req, 'edit');
  const b = unwrap(req.body, 'Event');
  const uuid = await eventUuidOf(scope, req.args[0]);
  const event = await getEvent(scope, uuid);
  const changes = await decodeEventChanges(b, uuid, decodeRefs(scope));
  const fresh: AttributeInput[] = [];
  const updates: UpdateAttributeInput[] = [];
  const deletions: string[] = [];
  for (const [i, a] of (listOf(b, 'Attribute', '') ?? []).entries()) {
    const path = `Attribute[${i}].`;
    const attributeUuid = typeof a.uuid === 'string' ? a.uuid.toLowerCase() : null;
    const existing = attributeUuid ? await getAttribute(scope, attributeUuid, { includeDeleted: true }).catch(() => null) : null;
    if (!existing) {
      fresh.push(checkedAttribute(await decodeAttribute(a, path, decodeRefs(scope)), i));
      continue;
    }
    if (existing.event.id !== event.id) throw badInput(`${path}uuid "${attributeUuid}" belongs to another event`);
    if (bodyBool(a, 'deleted', path)) {
      if (!existing.deleted) deletions.push(existing.uuid);
      continue;
    }
    const upd = await decodeAttributeChanges(a, existing.uuid, path, decodeRefs(scope));
    const differs =
      (upd.value !== undefined && upd.value !== existing.value) ||
      (upd.category !== undefined && upd.category.toLowerCase() !== existing.category.toLowerCase()) ||
      (upd.toIds !== undefined && upd.toIds !== !!existing.toIds) ||
      (upd.comment !== undefined && (upd.comment ?? '') !== (existing.comment ?? '')) ||
      (upd.distribution !== undefined && upd.distribution !== existing.distribution) ||
      (upd.disableCorrelation !== undefined && upd.disableCorrelation !== !!existing.disableCorrelation);
    if (differs) updates.push(upd);
  }
  // Objects: new ones (by uuid) are added; those already stored are left as they are (objects/edit changes them).
  const newObjects = [];
  for (const [i, o] of (listOf(b, 'Object', '') ?? []).entries()) {
    const known = typeof o.uuid === 'string' ? await getObject(scope, o.uuid, { includeDeleted: true }).catch(() => null) : null;
    if (!known) newObjects.push(await decodeObject(o, uuid, `Object[${i}].`, decodeRefs(scope)));
  }
  const wanted = tagNames(b, '');
  if (wanted) requireCapability(scope.actor!, 'tag:write');
  // Writes (updateEvent first: it refuses a caller who may not edit the event before anything changes).
  await updateEvent(scope, changes);
  for (const upd of updates) await updateAttribute(scope, upd);
  for (const d of deletions) await deleteAttribute(scope, d);
  if (fresh.length) await addAttributes(scope, uuid, fresh);
  for (const o of newObjects) await addObject(scope, o);
  if (wanted) {
    const have = (await scope.loaders.eventTags.load(event.id)).filter((l) => !l.local);
    const haveKeys = new Set(have.map((l) => l.tag.nameKey));
    const wantKeys = new Set(wanted.map((n) => n.trim().toLowerCase()));
    for (const n of wanted) if (!haveKeys.has(n.trim().toLowerCase())) await tagEvent(scope, uuid, n, false);
    for (const l of have) if (!wantKeys.has(l.tag.nameKey)) await untagEvent(scope, uuid, l.tag.name);
  }
  scope.em.clear();
  scope.loaders.eventTags.clearAll();
  return { json: await eventObject(scope, await loadEvent(scope, uuid)) };
}

/** events/index filters (MISP names, with or without the `search` prefix). */
async function indexFilter(scope: Scope, params: Record<string, unknown>): Promise<{ filter: EventFilter; limit: number | null; page: number; minimal: boolean }> {
  const p: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) p[k.replace(/^search/, '')] = v;
  const known = ['limit', 'page', 'sort', 'direction', 'minimal', 'published', 'eventid', 'datefrom', 'dateuntil', 'org', 'eventinfo', 'tag', 'tags', 'timestamp', 'publish_timestamp', 'publishtimestamp'];
  for (const k of Object.keys(p)) if (!known.includes(k)) throw badInput(`Unknown events/index filter "${k}": this hub accepts ${known.join(', ')}`, { parameter: k });
  const search = await decodeEventSearch(
    {
      limit: p.limit,
      page: p.page,
      published: p.published,
      eventid: p.eventid,
      from: p.datefrom,
      to: p.dateuntil,
      org: p.org,
      eventinfo: p.eventinfo,
      tags: p.tags ?? p.tag,
      timestamp: p.timestamp,
      publish_timestamp: p.publish_timestamp ?? p.publishtimestamp,
    },
    searchRefs(scope),
    scope.clock.now(),
  );
  return { filter: search.filter, limit: search.limit, page: search.page, minimal: bodyBool(p, 'minimal', '') ?? false };
}

/** Pages of matching event ids (one MISP page, or all in batches), oldest first. */
export async function* eventIdPages(scope: Scope, where: Record<string, unknown>[], limit: number | null, page: number): AsyncGenerator<number[]> {
  if (limit !== null) {
    yield await eventIdsPage(scope, where, limit, (page - 1) * limit);
    return;
  }
  const batch = 100;
  for (let offset = 0; ; offset += batch) {
    const ids = await eventIdsPage(scope, where, batch, offset);
    if (ids.length) yield ids;
    if (ids.length < batch) return;
  }
}

async function* indexRows(scope: Scope, pages: AsyncGenerator<number[]>, minimal: boolean): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const ids of pages) {
    const events = await eventsByIds(scope, ids);
    const [tags, counts, sighted] = await Promise.all([
      Promise.all(events.map((e) => scope.loaders.eventTags.load(e.id))),
      minimal ? Promise.resolve([]) : Promise.all(events.map((e) => scope.loaders.attributeCount(false).load(e))),
      minimal ? sightingTimestamps(scope, events.map((e) => e.uuid)) : Promise.resolve(new Map<string, Date>()),
    ]);
    let piece = '';
    events.forEach((e, i) => {
      // The minimal row MISP's pull reads (Server::getEventIdsFromServer, Sighting::pullSightings).
      const row = minimal
        ? { id: String(e.id), timestamp: unixSeconds(e.timestamp), sighting_timestamp: unixSeconds(sighted.get(e.uuid) ?? 0), published: e.published, uuid: e.uuid, orgc_uuid: e.creatorOrg.uuid }
        : mispEventIndexRow(e, tags[i].map((l) => ({ id: l.id, tag: l.tag, local: l.local })), counts[i] as number);
      piece += `${first ? '' : ','}${JSON.stringify(row)}`;
      first = false;
    });
    yield piece;
    scope.em.clear();
    scope.loaders.eventTags.clearAll();
  }
  yield ']';
}

async function index(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const params = restSearchParams(req.body, req.named);
  const { filter, limit, page, minimal } = await indexFilter(scope, params);
  // A MISP server pulling (SYNC_USER key) is offered published events only: what sync carries.
  if (isMispSyncPeer(requireUser(scope))) filter.published = true;
  const etag = await indexETag(scope, [filter, limit, page, minimal]);
  if (notModified(req, etag)) return { status: 304, json: null, headers: { ETag: etag } };
  const where = await eventWhere(scope, filter);
  return {
    contentType: 'application/json; charset=utf-8',
    body: indexRows(scope, eventIdPages(scope, where, limit, page), minimal),
    headers: { 'X-Result-Count': String(await countEvents(scope, where)), ETag: etag },
  };
}

async function restSearch(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const params = restSearchParams(req.body, req.named);
  // Other formats export the attributes of the matching events (as MISP's events/restSearch does): the
  // filters are read as an attribute search.
  if ((params.returnFormat ?? 'json') !== 'json') return attributeSearchReply(scope, await decodeAttributeSearch(params, searchRefs(scope), scope.clock.now()));
  const search = await decodeEventSearch(params, searchRefs(scope), scope.clock.now());
  const where = await eventWhere(scope, search.filter);
  {
    const count = await countEvents(scope, where);
    return {
      contentType: 'application/json; charset=utf-8',
      headers: { 'X-Result-Count': String(count) },
      body: eventsResponse(scope, eventIdPages(scope, where, search.limit, search.page), { metadata: search.metadata }),
    };
  }
}

/** events/publish, events/alert and events/unpublish: the event by id or uuid, then the hub's publish state. */
const publishing =
  (published: boolean, message: string) =>
  async (req: MispRequest): Promise<MispReply> => {
    const e = await loadEvent(req.scope, req.args[0]);
    await setPublished(req.scope, e.uuid, published);
    return saved(req, message, String(e.id));
  };

export const eventRoutes: MispRoute[] = [
  { methods: ['POST'], path: 'events/add', summary: 'Creates an event (with attributes and tags); answers {"Event": ...}. From a SYNC_USER key (a MISP server pushing, with /metadata:1): the sync receive path — a locked copy owned by the key\'s organisation, creator kept by uuid, newer wins; 403 {"errors"} when not newer or refused.', capability: 'event:write', body: 'Event', handle: addEvent },
  {
    methods: ['GET', 'POST'],
    path: 'events/view/{id}',
    summary: 'One event by local id or uuid, with its attributes; HEAD answers 200 or 404 (event_exists). For a SYNC_USER key (a MISP server pulling, with deleted[]:0/deleted[]:1, excludeGalaxy …): the event as sync carries it — published only, tombstones, full sharing groups, no local or non-exportable tags.',
    handle: async (req) => {
      // A MISP server pulling (SYNC_USER key): the event as sync carries it (published, tombstones, no local tags).
      if (isMispSyncPeer(requireUser(req.scope))) return syncViewReply(req);
      const e = await loadEvent(req.scope, req.args[0]);
      return { json: req.method === 'HEAD' ? {} : await eventObject(req.scope, e) };
    },
  },
  { methods: ['POST', 'PUT'], path: 'events/edit/{id}', summary: 'Changes an event: fields, attributes (by uuid: new, changed, deleted) and tags. From a SYNC_USER key: the sync receive path, as events/add.', capability: 'event:write', body: 'Event', handle: editEvent },
  {
    methods: ['POST', 'DELETE'],
    path: 'events/delete/{id}',
    summary: 'Deletes an event.',
    capability: 'event:write',
    handle: async (req) => {
      const e = await loadEvent(req.scope, req.args[0]);
      await deleteEvent(req.scope, e.uuid);
      return saved(req, 'Event deleted.', String(e.id));
    },
  },
  {
    methods: ['POST'],
    path: 'events/publish/{id}',
    summary: 'Publishes an event (at once: no job queue).',
    capability: 'event:publish',
    handle: publishing(true, 'Job queued'),
  },
  {
    methods: ['POST'],
    path: 'events/alert/{id}',
    summary: 'Publishes an event (PyMISP publish(alert=True)); the hub sends no e-mail alerts.',
    capability: 'event:publish',
    handle: publishing(true, 'Job queued'),
  },
  {
    methods: ['POST'],
    path: 'events/unpublish/{id}',
    summary: 'Unpublishes an event.',
    capability: 'event:publish',
    handle: publishing(false, 'Event unpublished.'),
  },
  { methods: ['GET', 'POST'], path: 'events/index', summary: 'Events the caller may see, as bare index rows (filters in the body or as /key:value).', handle: index },
  { methods: ['GET', 'POST'], path: 'events/restSearch', summary: 'Events matching MISP restSearch filters: {"response": [{"Event": ...}]} or an export format.', body: 'restSearch filters', handle: restSearch },
];
