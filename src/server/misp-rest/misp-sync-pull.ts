/**
 * What a MISP server pulling from this hub reads (Server::pull): events/view/<uuid> with the named
 * parameters MISP appends (deleted[]:0/deleted[]:1, excludeGalaxy, includeEventCorrelations:0,
 * includeFeedCorrelations:0, includeWarninglistHits:0, excludeLocalTags:1), the minimal index's
 * `sighting_timestamp` and ETag, and sightings/restSearch/event by event uuids. Thin over misp-api's
 * misp-sync-pull.service; a sync user's event is the GraphQL pull's own export (sync-export.service).
 */
import { createHash } from 'node:crypto';
import { accessClassOf } from '../../auth/policy';
import { changeLogHead, MAX_PROPOSAL_PAGE, proposalsForPull, syncView } from '../../modules/misp-api/misp-sync-pull.service';
import { isMispSyncPeer } from '../../auth/policy';
import { requireUser } from '../../graphql/scope';
import type { Scope } from '../../graphql/scope';
import { badInput, notFound } from '../../shared/errors';
import type { MispReply, MispRequest } from './misp-route.types';
import { mispEventFromWire } from './misp-wire-shapes';
import { mispProposal } from '../../modules/export/export-misp';

const FLAG = /^(0|1|true|false)$/;

/** `deleted` as MISP reads it: absent → live only; 0 → live; 1 → deleted; [0, 1] → both. */
function deletedOf(req: MispRequest): { live: boolean; deleted: boolean } {
  const values = req.namedLists.deleted ?? (req.named.deleted !== undefined ? [req.named.deleted] : []);
  for (const v of values) if (!FLAG.test(v)) throw badInput(`Invalid deleted "${v.slice(0, 20)}": expected 0 or 1 (deleted[]:0/deleted[]:1 for both)`, { parameter: 'deleted' });
  if (!values.length) return { live: true, deleted: false };
  const on = values.map((v) => v === '1' || v === 'true');
  return { live: on.includes(false), deleted: on.includes(true) };
}

/** events/view (GET or HEAD) of a MISP sync user: the event as sync carries it, or 404. */
export async function syncViewReply(req: MispRequest): Promise<MispReply> {
  const deleted = deletedOf(req);
  const excludeGalaxy = req.named.excludeGalaxy;
  if (excludeGalaxy !== undefined && !FLAG.test(excludeGalaxy)) throw badInput(`Invalid excludeGalaxy "${excludeGalaxy.slice(0, 20)}": expected 0 or 1`, { parameter: 'excludeGalaxy' });
  const view = await syncView(req.scope, req.args[0]);
  if (!view) throw notFound('Event', req.args[0]);
  if (req.method === 'HEAD') return { json: {} };
  return {
    json: mispEventFromWire(view.wire, {
      eventId: view.eventId,
      ownerOrg: view.ownerOrg,
      sharingGroupIds: view.sharingGroupIds,
      deleted,
      excludeGalaxy: excludeGalaxy === '1' || excludeGalaxy === 'true',
    }),
  };
}

/**
 * The ETag of an events/index answer: the caller's access class, the decoded filters and the change-log
 * head. Any write on the hub moves the head, so an unchanged tag means an unchanged answer; a MISP that
 * sends it back in If-None-Match (Server::getEventIndexFromServer caches the index with it) gets a 304
 * without a body — a pull with nothing new is one small request.
 */
export async function indexETag(scope: Scope, filters: unknown): Promise<string> {
  const head = await changeLogHead(scope);
  const hash = createHash('sha256').update(JSON.stringify([scope.actor ? accessClassOf(scope.actor, scope.viewer) : '', filters, head])).digest('hex').slice(0, 40);
  return `"${hash}"`;
}

/** If-None-Match matches (one tag, a list, or `*`)? */
export function notModified(req: MispRequest, etag: string): boolean {
  const sent = req.header('if-none-match');
  if (!sent) return false;
  return sent.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag;
  });
}

const positive = (req: MispRequest, name: string, fallback: number, max: number): number => {
  const v = req.named[name];
  if (v === undefined) return fallback;
  const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= max)) throw badInput(`Invalid ${name} "${v.slice(0, 20)}": expected a number from 1 to ${max}`, { parameter: name });
  return n;
};

/**
 * shadow_attributes/index as MISP's proposal pull pages it (`all:1/timestamp:<unix>/limit:1000/page:N/
 * deleted[]:0/deleted[]:1.json`): `[{"ShadowAttribute": {…, "event_uuid", "Org"}}]`. A proposal about an
 * attribute carries that attribute's uuid (MISP's convention); `all:1` lists proposals on every visible
 * event, otherwise those on the caller's organisation's events.
 */
export async function proposalIndex(req: MispRequest): Promise<MispReply> {
  const actor = requireUser(req.scope);
  const ts = req.named.timestamp;
  if (ts !== undefined && !/^\d{1,12}$/.test(ts)) throw badInput(`Invalid timestamp "${ts.slice(0, 20)}": expected unix seconds`, { parameter: 'timestamp' });
  const all = req.named.all;
  if (all !== undefined && !FLAG.test(all)) throw badInput(`Invalid all "${all.slice(0, 20)}": expected 0 or 1`, { parameter: 'all' });
  const values = req.namedLists.deleted ?? (req.named.deleted !== undefined ? [req.named.deleted] : []);
  const d = values.length ? deletedOf(req) : { live: true, deleted: false };
  const rows = await proposalsForPull(req.scope, {
    since: ts !== undefined ? new Date(Number(ts) * 1000) : null,
    limit: positive(req, 'limit', MAX_PROPOSAL_PAGE, MAX_PROPOSAL_PAGE),
    page: positive(req, 'page', 1, 1_000_000),
    live: d.live,
    deleted: d.deleted,
    publishedOnly: isMispSyncPeer(actor),
    ownerOrgId: all === '1' || all === 'true' ? null : actor.orgId,
  });
  return {
    json: rows.map((p) => ({
      ShadowAttribute: {
        id: String(p.id),
        event_id: String(p.event.id),
        event_org_id: String(p.event.ownerOrg.id),
        org_id: String(p.org.id),
        disable_correlation: false,
        ...mispProposal(p, p.event.uuid),
        Org: { id: String(p.org.id), name: p.org.name, uuid: p.org.uuid },
      },
    })),
  };
}
