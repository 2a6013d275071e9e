/**
 * A MISP server pushing to this hub (issue 13 part 3a) — MISP's sync endpoints as services:
 * `filterEventIdsForPush` (which versions the hub wants), `events/add|edit` from a sync user (through the
 * one receive path, misp-import applyWireEvent, under DESIGN §6's sync-write rules of policy.ts), and
 * `sightings/filterSightingUuidsForPush` / `bulkSaveSightings` (the peer module's sighting receive path,
 * policy.canPushSighting). Applying is the hub's own work: each transaction reads as the system (it must
 * find every stored copy and uuid, visible to the sender or not), and what the sender may write is decided
 * by the sync rules inside, never by what it can see.
 */
import { randomUUID } from 'node:crypto';
import { isMispSyncPeer, mispPushOwnerClaim, mispWantsPushedEvent, SyncSkipReason } from '../../auth/policy';
import { setViewer, SYSTEM_VIEWER } from '../../auth/visibility-filter';
import { writeTransactionRetrying } from '../../db/change-recorder';
import { requireUser, Scope } from '../../graphql/scope';
import { badInput, forbidden } from '../../shared/errors';
import { Event } from '../event/event.entity';
import { FeedFormatError } from '../feed/parsers/misp-fields';
import { hubUuidOf } from '../hub/hub.service';
import { applyWireEvent, ApplyOutcome } from '../misp-import/apply-event';
import type { SyncSkipNote } from '../misp-import/skip-note';
import type { SyncSightingWire } from '../misp-import/wire.types';
import { Organisation } from '../organisation/organisation.entity';
import { applySightings } from '../peer/sync-sightings.service';
import { Sighting } from '../sighting/sighting.entity';
import { Attribute } from '../attribute/attribute.entity';
import { mispPushToWire } from './misp-push-wire';

/** Most entries one filterEventIdsForPush answers (MISP sends every pushable event in one request). */
export const MAX_PUSH_FILTER_ENTRIES = 50_000;
/** Most sightings (or sighting uuids) one bulkSaveSightings / filterSightingUuidsForPush takes. */
export const MAX_PUSHED_SIGHTINGS = 5_000;
const CHUNK = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only a SYNC_USER key speaks MISP's sync endpoints (policy.isMispSyncPeer). */
export function requireMispSyncPeer(scope: Scope) {
  const actor = requireUser(scope);
  if (!isMispSyncPeer(actor)) throw forbidden(`Your role ${actor.role} is not a sync user: MISP's sync endpoints need a SYNC_USER key`);
  return actor;
}

/** The uuids of `entries` (MISP's `[{"Event": {"uuid", "timestamp"}}]`, timestamps in seconds) this hub wants. */
export async function wantedForPush(scope: Scope, entries: ReadonlyArray<{ uuid: string; timestamp: number }>): Promise<string[]> {
  const actor = requireMispSyncPeer(scope);
  if (entries.length > MAX_PUSH_FILTER_ENTRIES) throw badInput(`Too many events (${entries.length}): at most ${MAX_PUSH_FILTER_ENTRIES} per filterEventIdsForPush`);
  // Existence is read over every stored event (a local one the sender cannot see is still not wanted).
  const em = setViewer(scope.em.fork({ clear: true, useContext: false }), SYSTEM_VIEWER);
  const wanted: string[] = [];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const stored = await em.find(Event, { uuid: { $in: chunk.map((c) => c.uuid.toLowerCase()) } }, { fields: ['uuid', 'ownerOrg', 'locked', 'timestamp'] });
    const byUuid = new Map(stored.map((e) => [e.uuid, e]));
    for (const c of chunk) {
      const e = byUuid.get(c.uuid.toLowerCase());
      const existing = e ? { ownerOrgId: e.ownerOrg.id, locked: e.locked, timestamp: e.timestamp.getTime() } : null;
      if (mispWantsPushedEvent({ orgId: actor.orgId }, existing, c.timestamp * 1000)) wanted.push(c.uuid);
    }
    em.clear();
  }
  return wanted;
}

export type PushedEventResult =
  | { kind: 'APPLIED'; outcome: Exclude<ApplyOutcome, 'skipped'>; uuid: string; skips: SyncSkipNote[]; problems: string[] }
  /** Nothing written: an equal or older version (MISP's "not newer than the local copy"). */
  | { kind: 'NOT_NEWER'; uuid: string }
  /** Refused by a sync-write rule (policy.ts), with the reason. */
  | { kind: 'REFUSED'; uuid: string; reason: SyncSkipReason | 'OWNER_CLAIM'; message: string };

const REFUSAL_TEXT: Partial<Record<SyncSkipReason, string>> = {
  [SyncSkipReason.LOCAL_EVENT]: 'an event with this uuid was created on this hub: a peer never overwrites it',
  [SyncSkipReason.NOT_SENDERS_COPY]: "the copy here was received from another organisation: only that organisation's sync user may change it",
  [SyncSkipReason.SHARING_GROUP_NOT_MEMBER]: "the event's sharing group does not list your organisation as a member",
};

/**
 * events/add or events/edit from a MISP sync user: the payload through the one receive path, owned by the
 * key's organisation (never the payload's claim), locked, the creator organisation kept by uuid, newer
 * wins, a local event or another organisation's copy never changed. `pathRef` (edit) must name the same
 * event as the payload.
 */
export async function receivePushedEvent(scope: Scope, body: unknown, pathRef: string | null): Promise<PushedEventResult> {
  const actor = requireMispSyncPeer(scope);
  const keyOrg = await scope.em.findOneOrFail(Organisation, { id: actor.orgId });
  let pushed;
  try {
    pushed = mispPushToWire(body, keyOrg, scope.clock.now(), scope.config.attachmentMaxBytes);
  } catch (e) {
    if (e instanceof FeedFormatError) throw badInput(e.message, { field: e.field });
    throw e;
  }
  const uuid = pushed.wire.id.toLowerCase();
  if (pathRef !== null && /^[0-9a-f-]{36}$/i.test(pathRef) && pathRef.toLowerCase() !== uuid) {
    throw badInput(`The path names event ${pathRef} but the body is event ${uuid}`, { field: 'Event.uuid' });
  }
  if (mispPushOwnerClaim(keyOrg.uuid, pushed.claimedOwnerUuid) === 'LIE') {
    return { kind: 'REFUSED', uuid, reason: 'OWNER_CLAIM', message: `the payload names owner organisation ${pushed.claimedOwnerUuid}, but your key belongs to ${keyOrg.uuid}: a copy is owned by the pushing organisation` };
  }
  const thisHubUuid = await hubUuidOf(scope.em);
  const { outcome, skips } = await writeTransactionRetrying(scope.openScope(actor, randomUUID()), async (em, changes) => {
    setViewer(em, SYSTEM_VIEWER);
    const ownerOrg = await em.findOneOrFail(Organisation, { id: actor.orgId });
    const skips: SyncSkipNote[] = [];
    const ctx = { ownerOrg, originHubUuid: null, thisHubUuid, logger: scope.logger, clock: scope.clock, skips, attachmentMaxBytes: scope.config.attachmentMaxBytes };
    return { outcome: await applyWireEvent(em, changes, ctx, pushed.wire), skips };
  });
  if (outcome === 'skipped') {
    const refusal = skips.find((s) => s.eventUuid === uuid && REFUSAL_TEXT[s.reason]);
    if (!refusal) return { kind: 'NOT_NEWER', uuid };
    return { kind: 'REFUSED', uuid, reason: refusal.reason, message: REFUSAL_TEXT[refusal.reason]! };
  }
  return { kind: 'APPLIED', outcome, uuid, skips, problems: pushed.problems };
}

/** The event a sighting push names (path argument: uuid or local id), as the sender may see it. */
async function pushTargetEvent(scope: Scope, ref: string): Promise<Event | null> {
  const where = /^\d{1,15}$/.test(ref) ? { id: Number(ref) } : UUID.test(ref) ? { uuid: ref.toLowerCase() } : null;
  if (!where) throw badInput(`Invalid event "${ref.slice(0, 60)}": expected an event uuid or id`);
  return scope.em.findOne(Event, where);
}

/** sightings/filterSightingUuidsForPush/<event>: which of these sighting uuids this hub already holds for the event. */
export async function knownSightingUuids(scope: Scope, eventRef: string, uuids: readonly string[]): Promise<string[] | null> {
  requireMispSyncPeer(scope);
  if (uuids.length > MAX_PUSHED_SIGHTINGS) throw badInput(`Too many sighting uuids (${uuids.length}): at most ${MAX_PUSHED_SIGHTINGS} per request`);
  const event = await pushTargetEvent(scope, eventRef);
  if (!event) return null;
  // Sightings are immutable: one this hub holds (any organisation's) is never sent again; uuids only.
  const em = setViewer(scope.em.fork({ clear: true, useContext: false }), SYSTEM_VIEWER);
  const out: string[] = [];
  const wanted = uuids.filter((u) => UUID.test(u)).map((u) => u.toLowerCase());
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await em.find(Sighting, { uuid: { $in: wanted.slice(i, i + CHUNK) }, attribute: { event: event.id } }, { fields: ['uuid'] });
    out.push(...rows.map((r) => r.uuid));
  }
  return out;
}

/**
 * sightings/bulkSaveSightings/<event>: MISP sighting rows (attribute_uuid, uuid, type, source,
 * date_sighting, Organisation) stored through the peer module's receive path (idempotent by uuid; only on
 * attributes of this event the sender may see: policy.canPushSighting). Null when the event is not visible.
 */
export async function receivePushedSightings(scope: Scope, eventRef: string, rows: readonly Record<string, unknown>[]) {
  const actor = requireMispSyncPeer(scope);
  if (rows.length > MAX_PUSHED_SIGHTINGS) throw badInput(`Too many sightings (${rows.length}): at most ${MAX_PUSHED_SIGHTINGS} per bulkSaveSightings`);
  const event = await pushTargetEvent(scope, eventRef);
  if (!event) return null;
  const wires: SyncSightingWire[] = rows.map((r, i) => sightingWire(r, i));
  // Only attributes of the named event (a sighting naming another event's attribute is skipped).
  const attributeUuids = [...new Set(wires.map((w) => w.attributeId).filter((u): u is string => !!u && UUID.test(u)))];
  const inEvent = new Set<string>();
  for (let i = 0; i < attributeUuids.length; i += CHUNK) {
    const found = await scope.em.find(Attribute, { uuid: { $in: attributeUuids.slice(i, i + CHUNK) }, event: event.id }, { fields: ['uuid'] });
    for (const a of found) inEvent.add(a.uuid);
  }
  const mine = wires.filter((w) => w.attributeId && inEvent.has(w.attributeId));
  const sender = scope.viewer;
  const applied = await writeTransactionRetrying(scope.openScope(actor, randomUUID()), async (em, changes) => {
    setViewer(em, SYSTEM_VIEWER);
    const org = await em.findOneOrFail(Organisation, { id: actor.orgId });
    return applySightings(em, changes, { viewer: sender, org }, mine, scope.clock.now());
  });
  return { created: applied.created, skipped: applied.skipped + (wires.length - mine.length) };
}

const TYPE_OF: Readonly<Record<string, string>> = { '0': 'SIGHTING', '1': 'FALSE_POSITIVE', '2': 'EXPIRATION' };

/** One MISP sighting row → the wire (malformed fields are left for applySightings to skip and count). */
function sightingWire(r: Record<string, unknown>, i: number): SyncSightingWire {
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw badInput(`Invalid Sighting[${i}]: expected an object`);
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const org = r.Organisation && typeof r.Organisation === 'object' ? (r.Organisation as Record<string, unknown>) : null;
  const orgId = s(r.org_id);
  const seconds = s(r.date_sighting);
  return {
    id: s(r.uuid).toLowerCase(),
    attributeId: s(r.attribute_uuid).toLowerCase() || null,
    // MISP sends org_id "0" without an Organisation for an anonymised sighting: the sender's organisation's here.
    org: org && orgId !== '0' && typeof org.uuid === 'string' ? { id: org.uuid, name: typeof org.name === 'string' && org.name ? org.name : org.uuid } : null,
    type: TYPE_OF[s(r.type) || '0'] ?? s(r.type),
    source: s(r.source) || null,
    at: /^\d+$/.test(seconds) ? new Date(Number(seconds) * 1000) : new Date(NaN),
  };
}
