import { EntityManager } from '@mikro-orm/core';
import { canPushSighting, canSeeAttribute, canSeeSighting, Viewer } from '../../auth/policy';
import { attributeAccessOf, eventAccessOf } from '../../auth/change-access';
import { ChangeRecorder } from '../../db/change-recorder';
import { encodeCursor } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { Attribute } from '../attribute/attribute.entity';
import { Change } from '../change/change.entity';
import { decodeSince } from '../change/change.resolver';
import { ensureOrganisation } from '../misp-import/remote-org';
import { SyncSightingWire } from '../misp-import/wire.types';
import { Organisation } from '../organisation/organisation.entity';
import { Sighting, SightingType } from '../sighting/sighting.entity';

/**
 * Sightings travel between hubs as deltas (not by sending their events again, MISP's known pain):
 * `syncSightings` pages the sightings recorded after a change cursor that the caller may see (MISP's
 * sighting policy, policy.canSeeSighting, for the sync user's organisation, on attributes it may see of
 * published events), and `applySightings` stores what a peer hands us — idempotent by sighting uuid (a
 * known uuid is skipped, never overwritten), reporting organisation by uuid, only for attributes the
 * sender may see here (policy.canPushSighting).
 */

export interface SightingPage {
  sightings: SyncSightingWire[];
  cursor: string;
  hasMore: boolean;
}

/** Change-log rows a page of sighting deltas looks through at most, per sighting asked for (`first`). */
export const SIGHTING_SCAN_PER_ROW = 100;

/**
 * Sightings recorded after `since` that the caller may see, at most `first`. The page reads only the
 * log's SIGHTING rows, through at most `first` × SIGHTING_SCAN_PER_ROW change rows, so a peer walks a
 * log of mostly other changes in few requests. The window's end is read first: seqs become visible in
 * commit order (appends are serialised), so every row up to it is committed and the rows read after
 * are all there is in the window; the cursor moves to the window's end when the page is not full.
 */
export async function syncSightings(scope: Scope, since: string | null | undefined, first: number): Promise<SightingPage> {
  requireActor(scope);
  const start = decodeSince(since) ?? 0;
  const [end] = await scope.em.find(Change, { seq: { $gt: start, $lte: start + first * SIGHTING_SCAN_PER_ROW } }, { fields: ['seq'], orderBy: { seq: 'desc' }, limit: 1 });
  const rows = end
    ? await scope.em.find(Change, { seq: { $gt: start, $lte: end.seq }, kind: ChangeKind.SIGHTING, op: ChangeOp.CREATED }, { fields: ['seq', 'uuid'], orderBy: { seq: 'asc' }, limit: first })
    : [];
  const cursor = rows.length === first ? rows[rows.length - 1].seq : (end?.seq ?? start);
  const sightings = await visibleSightings(scope.em, scope.viewer, rows.map((r) => r.uuid));
  const [newer] = await scope.em.find(Change, { seq: { $gt: cursor } }, { fields: ['seq'], limit: 1 });
  return { sightings: sightings.map(sightingToWire), cursor: encodeCursor('change', cursor), hasMore: !!newer };
}

/** These sightings as `viewer` may see them (published events only: what sync carries), in uuid order given. */
export async function visibleSightings(em: EntityManager, viewer: Viewer, uuids: readonly string[]): Promise<Sighting[]> {
  if (!uuids.length) return [];
  const rows = await em.find(Sighting, { uuid: { $in: [...uuids] } }, { orderBy: { id: 'asc' }, populate: ['org', 'attribute', 'attribute.event', 'attribute.object'] });
  return rows.filter((s) => {
    const e = s.attribute.event;
    return (
      e.published &&
      canSeeAttribute(viewer, eventAccessOf(e), attributeAccessOf(s.attribute)) &&
      canSeeSighting(viewer, { ownerOrgId: e.ownerOrg.id }, { orgId: s.org.id })
    );
  });
}

export const sightingToWire = (s: Sighting): SyncSightingWire => ({
  id: s.uuid,
  attributeId: s.attribute.uuid,
  org: { id: s.org.uuid, name: s.org.name },
  type: s.type,
  source: s.source ?? null,
  at: s.at,
});

export interface AppliedSightings {
  created: number;
  skipped: number;
}

const TYPES = new Set<string>(Object.values(SightingType));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stores sightings a peer handed us, inside the caller's transaction. Skipped (counted, not fatal): a
 * known sighting uuid, a malformed one (bad uuid or type, no attribute), an attribute that is not here
 * or that the sender may not see. A sighting without an organisation is the sender's organisation's.
 */
export async function applySightings(
  em: EntityManager,
  changes: ChangeRecorder,
  sender: { viewer: Viewer; org: Organisation },
  wires: readonly SyncSightingWire[],
  now: Date,
): Promise<AppliedSightings> {
  const out: AppliedSightings = { created: 0, skipped: 0 };
  const wellFormed = wires.filter(
    (w) => UUID.test(w.id) && !!w.attributeId && UUID.test(w.attributeId) && TYPES.has(w.type) && (!w.org || UUID.test(w.org.id)) && !Number.isNaN(new Date(w.at).getTime()),
  );
  out.skipped += wires.length - wellFormed.length;
  if (!wellFormed.length) return out;
  const ids = [...new Set(wellFormed.map((w) => w.id.toLowerCase()))];
  const known = new Set((await em.find(Sighting, { uuid: { $in: ids } }, { fields: ['uuid'] })).map((s) => s.uuid));
  const attributes = new Map(
    (await em.find(Attribute, { uuid: { $in: [...new Set(wellFormed.map((w) => w.attributeId!.toLowerCase()))] } }, { populate: ['event', 'object'] })).map((a) => [a.uuid, a]),
  );
  for (const w of wellFormed) {
    const id = w.id.toLowerCase();
    const a = attributes.get(w.attributeId!.toLowerCase());
    if (known.has(id) || !a || !canPushSighting(sender.viewer, eventAccessOf(a.event), attributeAccessOf(a))) {
      out.skipped++;
      continue;
    }
    const org = w.org ? await ensureOrganisation(em, w.org) : sender.org;
    em.create(Sighting, { uuid: id, attribute: a, org, type: w.type as SightingType, source: w.source?.slice(0, 255) || null, at: new Date(w.at), createdAt: now, updatedAt: now } as never);
    changes.sighting(ChangeOp.CREATED, id, a, a.event);
    known.add(id);
    out.created++;
  }
  await em.flush();
  return out;
}

/** A sync viewer for a peer's organisation (pulled sightings): no sharing-group memberships (fail closed). */
export const peerOrgViewer = (orgId: number): Viewer => ({ orgId, siteAdmin: false, syncUser: true, sharingGroupIds: new Set(), unpublishedPrivate: false });
