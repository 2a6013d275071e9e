/** MISP's servers, users, tags, sightings, organisations, sharing_groups, feeds and objects controllers. */
import { roleCan } from '../../auth/capabilities';
import { isMispSyncPeer } from '../../auth/policy';
import { MAX_SIGHTING_EVENTS, sightingsOfEvents } from '../../modules/misp-api/misp-sync-pull.service';
import { attributeUuidOf, eventUuidOf, kindOfUuid, listSightings, organisationByRef, sharingGroupsWithMembers, sightingsByUuids, tagByRef } from '../../modules/misp-api/misp-api.service';
import { getAttribute, tagAttribute, untagAttribute } from '../../modules/attribute/attribute.service';
import { getEvent, tagEvent, untagEvent } from '../../modules/event/event.service';
import { listFeeds } from '../../modules/feed/feed.service';
import { hubUuidOf } from '../../modules/hub/hub.service';
import { listOrganisations } from '../../modules/organisation/organisation.service';
import { addSighting } from '../../modules/sighting/sighting.service';
import { SightingType } from '../../modules/sighting/sighting.entity';
import { createTag, listTags } from '../../modules/tag/tag.service';
import { me } from '../../modules/user/user.service';
import { parseTimeBound } from '../../modules/search/search-terms';
import { requireUser, Scope } from '../../graphql/scope';
import { requireCapability } from '../../auth/capabilities';
import { badInput, notFound } from '../../shared/errors';
import { Body, bodyBool, bodyString, unwrap } from './misp-decode';
import type { MispReply, MispRequest, MispRoute } from './misp-route.types';
import { mispOrganisation, mispSharingGroup, mispSighting, mispTag, mispUser, SIGHTING_TYPE_NUMBER } from './misp-shapes';

/** The MISP version this layer speaks (PyMISP checks it as dot-separated integers). */
export const MISP_COMPAT_VERSION = '2.5.1';
export const PYMISP_RECOMMENDED_VERSION = '2.5.34.1';

/** Most sightings one listing answers (MISP has no bound; the hub has one for every request). */
const MAX_SIGHTINGS = 10_000;

function bodyOf(req: MispRequest): Body {
  if (req.body === undefined) return {};
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw badInput('The body must be a JSON object');
  return req.body as Body;
}

async function getVersion(req: MispRequest): Promise<MispReply> {
  const actor = requireUser(req.scope);
  return {
    json: {
      version: MISP_COMPAT_VERSION,
      pymisp_recommended_version: PYMISP_RECOMMENDED_VERSION,
      // A MISP server pushes and pulls as a sync server only with a SYNC_USER key (policy.isMispSyncPeer).
      perm_sync: isMispSyncPeer(actor),
      perm_sighting: roleCan(actor.role, 'sighting:add'),
      perm_galaxy_editor: false,
      perm_analyst_data: false,
      uuid: await hubUuidOf(req.scope.em),
      request_encoding: [],
      filter_sightings: true,
    },
  };
}

async function viewMe(req: MispRequest): Promise<MispReply> {
  const user = await me(req.scope);
  const org = await req.scope.loaders.organisation.load(user.organisation.id);
  return { json: mispUser(Object.assign(user, { organisation: org ?? user.organisation })) };
}

// ---- tags ----------------------------------------------------------------------------------------

async function tagIndex(req: MispRequest): Promise<MispReply> {
  const search = (req.named.searchall ?? req.named.search ?? '').replace(/%/g, '').toLowerCase();
  const tags = (await listTags(req.scope)).filter((t) => !search || t.nameKey.includes(search));
  return { json: { Tag: tags.map((t) => mispTag(t)) } };
}

/** A tag the caller may know of (on data it can see: listTags' rule), by local id or name. */
async function knownTag(scope: Scope, ref: string) {
  const tag = await tagByRef(scope, ref);
  if (!(await listTags(scope)).some((t) => t.id === tag.id)) throw notFound('Tag', ref);
  return tag;
}

async function tagAdd(req: MispRequest): Promise<MispReply> {
  const b = unwrap(req.body, 'Tag');
  const name = bodyString(b, 'name', '');
  if (!name) throw badInput('name is required: the tag to create');
  const tag = await createTag(req.scope, { name, colour: bodyString(b, 'colour', '') || undefined, exportable: bodyBool(b, 'exportable', '') });
  return { json: { Tag: mispTag(tag) } };
}

/** The `{uuid, tag}` of attach/detach: the tag by name, or by local id as MISP also accepts. */
async function tagTarget(req: MispRequest) {
  const b = bodyOf(req);
  const uuid = bodyString(b, 'uuid', '') ?? req.args[0];
  const tagRef = bodyString(b, 'tag', '') ?? req.args[1];
  if (!uuid) throw badInput('uuid is required: the event or attribute to tag');
  if (!tagRef) throw badInput('tag is required: a tag name (or local tag id)');
  const name = /^\d+$/.test(tagRef) ? (await tagByRef(req.scope, tagRef)).name : tagRef;
  return { uuid, name, local: bodyBool(b, 'local', '') ?? false, kind: await kindOfUuid(req.scope, uuid) };
}

async function attachTag(req: MispRequest): Promise<MispReply> {
  const t = await tagTarget(req);
  if (t.kind === 'event') await tagEvent(req.scope, t.uuid, t.name, t.local);
  else await tagAttribute(req.scope, t.uuid, t.name, t.local);
  return { json: { saved: true, success: `Tag ${t.name} has been attached.`, check_publish: true } };
}

async function removeTag(req: MispRequest): Promise<MispReply> {
  const t = await tagTarget(req);
  if (t.kind === 'event') await untagEvent(req.scope, t.uuid, t.name);
  else await untagAttribute(req.scope, t.uuid, t.name);
  return { json: { saved: true, success: `Tag ${t.name} has been detached.`, check_publish: true } };
}

// ---- sightings -----------------------------------------------------------------------------------

const SIGHTING_TYPE_OF: Readonly<Record<string, SightingType>> = Object.fromEntries(Object.entries(SIGHTING_TYPE_NUMBER).map(([name, n]) => [n, name as SightingType]));

function sightingType(b: Body): SightingType {
  const t = bodyString(b, 'type', '') ?? '0';
  const type = SIGHTING_TYPE_OF[t] ?? (Object.values(SightingType).includes(t as SightingType) ? (t as SightingType) : undefined);
  if (!type) throw badInput(`Invalid type "${t.slice(0, 50)}": expected 0 (sighting), 1 (false positive) or 2 (expiration)`);
  return type;
}

async function sightingAdd(req: MispRequest): Promise<MispReply> {
  const { scope } = req;
  const b = unwrap(req.body ?? {}, 'Sighting');
  const attributeRef = req.args[0] ?? bodyString(b, 'attribute_uuid', '') ?? bodyString(b, 'attribute_id', '') ?? bodyString(b, 'id', '') ?? bodyString(b, 'uuid', '');
  const value = bodyString(b, 'value', '');
  const when = bodyString(b, 'date_sighting', '') ?? bodyString(b, 'timestamp', '');
  const added = await addSighting(scope, {
    attributeId: attributeRef && !value ? await attributeUuidOf(scope, attributeRef) : null,
    value: value ?? null,
    type: sightingType(b),
    source: bodyString(b, 'source', '') ?? null,
    timestamp: when ? parseTimeBound(when, scope.clock.now(), 'date_sighting') : null,
  });
  const rows = await sightingsByUuids(scope, added.map((s) => s.uuid));
  return { json: { Sighting: mispSighting(rows[0]), ...(rows.length > 1 ? { message: `${rows.length} sightings added.` } : {}) } };
}

/** The sightings of `{context, id}` (event or attribute, by local id or uuid), or every one the caller may see. */
async function sightingsOf(scope: Scope, context: string | undefined, id: string | undefined, b: Body) {
  let of: { eventId?: number; attributeId?: number } = {};
  if (id !== undefined) {
    if (context === 'attribute') of = { attributeId: (await getAttribute(scope, await attributeUuidOf(scope, id))).id };
    else if (context === undefined || context === 'event') of = { eventId: (await getEvent(scope, await eventUuidOf(scope, id))).id };
    else throw badInput(`Invalid context "${context.slice(0, 50)}": expected event or attribute`);
  }
  const orgRef = bodyString(b, 'org_id', '');
  const now = scope.clock.now();
  const last = bodyString(b, 'last', '');
  const from = bodyString(b, 'from', '');
  const to = bodyString(b, 'to', '');
  const type = b.type !== undefined ? sightingType(b) : undefined;
  const rows = await listSightings(
    scope,
    {
      ...of,
      orgId: orgRef ? (await organisationByRef(scope, orgRef)).id : undefined,
      type,
      source: bodyString(b, 'source', ''),
      from: last ? parseTimeBound(last, now, 'last') : from ? parseTimeBound(from, now, 'from') : undefined,
      to: to ? parseTimeBound(to, now, 'to') : undefined,
    },
    MAX_SIGHTINGS,
  );
  return rows.map((s) => ({ Sighting: mispSighting(s), eventUuid: s.attribute.event.uuid }));
}

async function listSightingsRoute(req: MispRequest): Promise<MispReply> {
  const b = { ...bodyOf(req), ...req.named };
  const id = bodyString(b, 'id', '') ?? req.args[0];
  const context = bodyString(b, 'context', '') ?? req.args[1];
  return { json: (await sightingsOf(req.scope, context, id, b)).map((r) => ({ Sighting: r.Sighting })) };
}

async function sightingRestSearch(req: MispRequest): Promise<MispReply> {
  const b = { ...bodyOf(req), ...req.named };
  const known = ['returnFormat', 'context', 'id', 'type', 'source', 'org_id', 'last', 'from', 'to', 'uuid', 'includeUuid'];
  for (const k of Object.keys(b)) if (!known.includes(k)) throw badInput(`Unknown sightings/restSearch filter "${k}": this hub accepts ${known.join(', ')}`);
  if ((bodyString(b, 'returnFormat', '') ?? 'json') !== 'json') throw badInput('sightings/restSearch answers returnFormat json only on this hub');
  const context = bodyString(b, 'context', '') ?? req.args[0];
  // MISP's sighting pull (ServerSyncTool::fetchSightingsForEvents): context event, a list of event uuids,
  // last 0 (everything), includeUuid, org_id ["!<uuid>", …] for the organisations it blocks.
  if (Array.isArray(b.uuid) || Array.isArray(b.org_id)) return { json: { response: await sightingsOfUuids(req.scope, context, b) } };
  const rows = await sightingsOf(req.scope, context, bodyString(b, 'id', ''), b);
  const withUuid = bodyBool(b, 'includeUuid', '') ?? false;
  return { json: { response: withUuid ? rows.map((r) => ({ Sighting: { ...r.Sighting, event_uuid: r.eventUuid } })) : rows.map((r) => ({ Sighting: r.Sighting })) } };
}

/** sightings/restSearch/event with `uuid: [event uuids]`: every sighting of those events the caller may see. */
async function sightingsOfUuids(scope: Scope, context: string | undefined, b: Body) {
  if (context !== 'event') throw badInput(`Invalid context "${String(context).slice(0, 50)}" with a uuid list: expected event`);
  const list = (name: string, v: unknown): string[] => {
    const items = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
    return items.map((x, i) => {
      if (typeof x !== 'string') throw badInput(`Invalid ${name}[${i}] ${JSON.stringify(x)?.slice(0, 60)}: expected a uuid`);
      return x;
    });
  };
  const uuids = list('uuid', b.uuid);
  if (uuids.length > MAX_SIGHTING_EVENTS) throw badInput(`Too many event uuids (${uuids.length}): at most ${MAX_SIGHTING_EVENTS} per sightings/restSearch`);
  const orgs = list('org_id', b.org_id);
  const bad = [...uuids, ...orgs.map((o) => o.replace(/^!/, ''))].find((u) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(u));
  if (bad !== undefined) throw badInput(`Invalid uuid "${bad.slice(0, 60)}" in uuid / org_id: expected event uuids and "!<organisation uuid>"`);
  if (orgs.some((o) => !o.startsWith('!'))) throw badInput('org_id with a uuid list: only "!<organisation uuid>" (organisations to leave out) is served');
  const last = b.last === undefined ? undefined : String(b.last);
  if (last !== undefined && last !== '0') throw badInput(`Invalid last "${last.slice(0, 20)}" with a uuid list: only 0 (everything) is served`);
  const rows = await sightingsOfEvents(scope, uuids, { notOrgUuids: orgs.map((o) => o.slice(1)), publishedOnly: isMispSyncPeer(requireUser(scope)) });
  return rows.map((s) => ({ Sighting: { ...mispSighting(s), event_uuid: s.attribute.event.uuid } }));
}

// ---- organisations, sharing groups, feeds --------------------------------------------------------

async function organisationIndex(req: MispRequest): Promise<MispReply> {
  const scopeName = req.named.scope ?? 'local';
  if (!['local', 'external', 'all'].includes(scopeName)) throw badInput(`Invalid scope "${scopeName.slice(0, 50)}": expected local, external or all`);
  const orgs = (await listOrganisations(req.scope)).filter((o) => scopeName === 'all' || o.local === (scopeName === 'local'));
  return { json: orgs.map((o) => ({ Organisation: mispOrganisation(o) })) };
}

async function sharingGroupIndex(req: MispRequest): Promise<MispReply> {
  const groups = await sharingGroupsWithMembers(req.scope);
  return { json: { response: groups.map((g) => mispSharingGroup(g.group, g.members, g.thisHubAllOrgs)) } };
}

async function feedIndex(req: MispRequest): Promise<MispReply> {
  // Feeds are hub settings: the same gate as GraphQL's `feeds` query.
  requireCapability(req.scope.actor!, 'site:admin');
  const feeds = await listFeeds(req.scope);
  return {
    json: feeds.map((f) => ({
      Feed: {
        id: String(f.id),
        uuid: f.uuid,
        name: f.name,
        provider: f.provider,
        url: f.url,
        source_format: f.format.toLowerCase(),
        enabled: f.enabled,
        distribution: String(f.distribution),
        sharing_group_id: f.sharingGroup ? String(f.sharingGroup.id) : '0',
        tag_id: '0',
        default: false,
        input_source: /^https?:/i.test(f.url) ? 'network' : 'local',
        fixed_event: f.fixedEvent,
        delta_merge: f.deltaMerge,
        event_id: f.event ? String(f.event.id) : '0',
        publish: f.publish,
        override_ids: !!f.overrideIds,
        headers: f.headers ?? '',
        caching_enabled: false,
        lookup_visible: false,
      },
    })),
  };
}

export const otherRoutes: MispRoute[] = [
  { methods: ['GET'], path: 'servers/getVersion', summary: 'The MISP version this hub speaks, and the caller\'s sync and sighting permissions.', handle: getVersion },
  { methods: ['GET'], path: 'servers/getPyMISPVersion', summary: 'The PyMISP version this hub was checked against.', handle: async () => ({ json: { version: PYMISP_RECOMMENDED_VERSION } }) },
  { methods: ['GET'], path: 'users/view/{me}', summary: 'The caller (only "me"): User, Role (perm_* flags of the hub role), Organisation.', handle: async (req) => {
    if (req.args[0] !== 'me') throw notFound('User', req.args[0]);
    return viewMe(req);
  } },
  { methods: ['GET', 'POST'], path: 'tags/index', summary: 'Tags in use on data the caller may see: {"Tag": [...]} (searchall:<text> filters by name).', handle: tagIndex },
  { methods: ['GET'], path: 'tags/view/{id}', summary: 'One tag by local id or name.', handle: async (req) => ({ json: { Tag: mispTag(await knownTag(req.scope, req.args[0])) } }) },
  { methods: ['POST'], path: 'tags/add', summary: 'Creates a tag.', body: 'Tag', capability: 'tag:write', handle: tagAdd },
  { methods: ['POST'], path: 'tags/attachTagToObject/{uuid?}/{tag?}', summary: 'Tags an event or attribute by uuid ({"uuid", "tag", "local"}).', body: 'attach', capability: 'tag:write', handle: attachTag },
  { methods: ['POST'], path: 'tags/removeTagFromObject/{uuid?}/{tag?}', summary: 'Removes a tag from an event or attribute by uuid.', body: 'attach', capability: 'tag:write', handle: removeTag },
  { methods: ['POST'], path: 'sightings/add/{attributeId?}', summary: 'Adds a sighting on an attribute (path or body id/uuid) or on every visible attribute with a value.', body: 'Sighting', capability: 'sighting:add', handle: sightingAdd },
  { methods: ['GET', 'POST'], path: 'sightings/index/{eventId?}', summary: 'Sightings the caller may see (of one event when given).', handle: async (req) => ({ json: (await sightingsOf(req.scope, 'event', req.args[0], bodyOf(req))).map((r) => ({ Sighting: r.Sighting })) }) },
  { methods: ['GET', 'POST'], path: 'sightings/listSightings/{id?}/{context?}', summary: 'Sightings of an event or attribute ({"context", "id"}).', handle: listSightingsRoute },
  { methods: ['GET', 'POST'], path: 'sightings/restSearch/{context?}', summary: 'Sightings by context/id (the context also as the path argument, as MISP\'s sync sends it), type, source, org_id, last/from/to: {"response": [{"Sighting": ...}]}.', handle: sightingRestSearch },
  { methods: ['GET'], path: 'organisations/index', summary: 'Organisations (scope:local default, external, all).', handle: organisationIndex },
  { methods: ['GET'], path: 'organisations/view/{id}', summary: 'One organisation by local id, uuid or name.', handle: async (req) => ({ json: { Organisation: mispOrganisation(await organisationByRef(req.scope, req.args[0])) } }) },
  { methods: ['GET'], path: 'sharing_groups/index', summary: 'Sharing groups the caller may see: {"response": [...]}.', handle: sharingGroupIndex },
  {
    methods: ['GET'],
    path: 'sharing_groups/view/{id}',
    summary: 'One sharing group by local id or uuid.',
    handle: async (req) => {
      const [g] = await sharingGroupsWithMembers(req.scope, req.args[0]);
      return { json: mispSharingGroup(g.group, g.members, g.thisHubAllOrgs) };
    },
  },
  { methods: ['GET'], path: 'feeds/index', summary: 'Feeds (site admin).', handle: feedIndex },
];
