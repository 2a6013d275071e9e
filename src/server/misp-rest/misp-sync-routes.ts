/**
 * The endpoints a MISP server calls when it pushes to this hub (ServerSyncTool: filterEventIdsForPush,
 * events/add|edit with `metadata`, sightings/filterSightingUuidsForPush and bulkSaveSightings), with
 * MISP's request and response shapes. Thin over misp-api's misp-sync.service.
 */
import { getEvent } from '../../modules/event/event.service';
import { eventsByIds, eventUuidOf } from '../../modules/misp-api/misp-api.service';
import { knownSightingUuids, receivePushedEvent, receivePushedSightings, wantedForPush } from '../../modules/misp-api/misp-sync.service';
import type { Scope } from '../../graphql/scope';
import { badInput, notFound } from '../../shared/errors';
import { bodyBool } from './misp-decode';
import { eventObject } from './misp-output';
import type { MispReply, MispRequest, MispRoute } from './misp-route.types';
import { proposalIndex } from './misp-sync-pull';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const show = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 100);

/** MISP's saveFailResponse (403): the pusher reads `errors`; "not newer" is not a failure to it. */
const saveFail = (req: MispRequest, action: 'add' | 'edit', errors: string, code: string): MispReply => ({
  status: 403,
  json: { saved: false, name: `Could not ${action} Event`, message: `Could not ${action} Event`, url: req.url, errors, code },
});

/** A JSON array body (MISP posts bare lists to these endpoints). */
function listBody(req: MispRequest, what: string): unknown[] {
  const b = req.body as unknown;
  if (Array.isArray(b)) return b;
  if (b && typeof b === 'object' && Array.isArray((b as Record<string, unknown>).Sighting)) return (b as Record<string, unknown[]>).Sighting;
  throw badInput(`The body must be a JSON list of ${what}, got ${show(b)}`);
}

async function pushedEventReply(scope: Scope, uuid: string, metadata: boolean) {
  const e = await getEvent(scope, await eventUuidOf(scope, uuid));
  const [loaded] = await eventsByIds(scope, [e.id]);
  return (await eventObject(scope, loaded, { metadata })) as Record<string, unknown>;
}

/** events/add and events/edit from a sync user (MISP's push): the one receive path, MISP's answers. */
export async function receiveEvent(req: MispRequest, action: 'add' | 'edit'): Promise<MispReply> {
  const r = await receivePushedEvent(req.scope, req.body, action === 'edit' ? (req.args[0] ?? null) : null);
  if (r.kind === 'NOT_NEWER') return saveFail(req, action, 'Event could not be saved: Event in the request not newer than the local copy.', 'NOT_NEWER');
  if (r.kind === 'REFUSED') return saveFail(req, action, `Event could not be saved: ${r.message}.`, r.reason);
  req.scope.em.clear();
  const json = await pushedEventReply(req.scope, r.uuid, bodyBool(req.named, 'metadata', '') ?? false);
  // What the sync rules left out of an applied event (MISP's pusher reads only Event.id; this is for people).
  const refused = [...r.skips.map((s) => ({ reason: s.reason, count: s.count, ...(s.detail ? { detail: s.detail } : {}) })), ...r.problems.map((p) => ({ reason: 'PROBLEM', count: 1, detail: p }))];
  return { json: refused.length ? { ...json, refused } : json };
}

async function filterEventIdsForPush(req: MispRequest): Promise<MispReply> {
  const entries = listBody(req, '{"Event": {"uuid", "timestamp"}} entries').map((x, i) => {
    const ev = x && typeof x === 'object' ? ((x as Record<string, unknown>).Event ?? x) : x;
    const e = (ev && typeof ev === 'object' ? ev : {}) as Record<string, unknown>;
    const uuid = e.uuid;
    const ts = typeof e.timestamp === 'number' ? e.timestamp : typeof e.timestamp === 'string' && /^\d{1,12}$/.test(e.timestamp) ? Number(e.timestamp) : NaN;
    if (typeof uuid !== 'string' || !UUID.test(uuid)) throw badInput(`Invalid [${i}].Event.uuid ${show(uuid)}: expected a uuid`, { field: `[${i}].Event.uuid` });
    if (!Number.isFinite(ts)) throw badInput(`Invalid [${i}].Event.timestamp ${show(e.timestamp)}: expected unix seconds`, { field: `[${i}].Event.timestamp` });
    return { uuid, timestamp: ts };
  });
  return { json: await wantedForPush(req.scope, entries) };
}

async function filterSightingUuidsForPush(req: MispRequest): Promise<MispReply> {
  const uuids = listBody(req, 'sighting uuids').map((u, i) => {
    if (typeof u !== 'string') throw badInput(`Invalid [${i}] ${show(u)}: expected a sighting uuid`);
    return u;
  });
  const known = await knownSightingUuids(req.scope, req.args[0], uuids);
  if (!known) throw notFound('Event', req.args[0]);
  return { json: known };
}

async function bulkSaveSightings(req: MispRequest): Promise<MispReply> {
  const rows = listBody(req, 'sightings') as Record<string, unknown>[];
  const r = await receivePushedSightings(req.scope, req.args[0], rows);
  if (!r) throw notFound('Event', req.args[0]);
  return {
    json: r.created > 0 ? { saved: true, success: `${r.created} sightings added.`, skipped: r.skipped } : { saved: false, success: 'No sightings added.', skipped: r.skipped },
  };
}

/** servers/postTest (MISP's "test connection"): the body and the request headers it checks, echoed. */
async function postTest(req: MispRequest): Promise<MispReply> {
  return {
    json: {
      body: req.body ?? {},
      headers: {
        'Content-type': req.header('content-type') ?? 0,
        Accept: req.header('accept') ?? 0,
        ...(req.header('content-encoding') ? { 'Content-Encoding': req.header('content-encoding') } : {}),
      },
    },
  };
}

/**
 * GET eventReports/add: MISP's API description, which a pushing MISP requests before sending event
 * reports (Event::__updateEventReportForSync sends them only when `description` is set). Reports arrive
 * inside the pushed event; POST eventReports/add itself is not served.
 */
const eventReportsDescription = async (): Promise<MispReply> => ({
  json: {
    name: 'Add EventReport',
    description: 'Event reports are received inside events (events/add, events/edit) on this hub; this description tells a pushing MISP that reports are understood. POST eventReports/add is not served.',
    mandatory: ['name'],
    optional: ['uuid', 'content', 'distribution', 'sharing_group_id', 'timestamp', 'deleted'],
    url: ['/events/add', '/events/edit/{event_id}'],
  },
});

export const syncRoutes: MispRoute[] = [
  {
    methods: ['GET'],
    path: 'shadow_attributes/index',
    summary: 'Proposals (ShadowAttributes) as MISP\'s proposal pull pages them: all:1, timestamp:<unix>, limit (≤1000), page, deleted[]:0/deleted[]:1; a SYNC_USER key: published events only.',
    handle: proposalIndex,
  },
  { methods: ['POST'], path: 'servers/postTest', summary: 'MISP\'s connection test: echoes the body and the Content-type / Accept headers it was sent with.', body: 'any JSON', handle: postTest },
  { methods: ['GET'], path: 'eventReports/add', summary: 'MISP\'s API description of event reports (a pushing MISP asks before sending reports; they arrive inside events).', handle: eventReportsDescription },
  {
    methods: ['POST'],
    path: 'events/filterEventIdsForPush',
    summary: 'MISP push: [{"Event": {"uuid", "timestamp"}}] → the uuids this hub wants (new, or newer than the pusher\'s own copy). SYNC_USER keys only.',
    capability: 'sync',
    body: 'filterEventIdsForPush',
    handle: filterEventIdsForPush,
  },
  {
    methods: ['POST'],
    path: 'sightings/filterSightingUuidsForPush/{eventId}',
    summary: 'MISP push: a list of sighting uuids → those this hub already holds for the event. SYNC_USER keys only.',
    capability: 'sync',
    body: 'sighting uuids',
    handle: filterSightingUuidsForPush,
  },
  {
    methods: ['POST'],
    path: 'sightings/bulkSaveSightings/{eventId}',
    summary: 'MISP push: sightings of one event (attribute_uuid, uuid, type, source, date_sighting, Organisation); idempotent by uuid. SYNC_USER keys only.',
    capability: 'sync',
    body: 'sightings',
    handle: bulkSaveSightings,
  },
];
