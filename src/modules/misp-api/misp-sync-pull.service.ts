/**
 * A MISP server pulling from this hub (issue 13 part 3a) — what MISP's Server::pull reads beyond the
 * PyMISP endpoints: the event as a sync user pulls it (the GraphQL pull's own export, sync-export.service
 * syncEvents: published events only, the viewer's rules, tombstones, only exportable non-local tags,
 * sharing groups with their members — one rule for both protocols), the minimal index's
 * `sighting_timestamp`, the change-log head for the index's ETag, and the sightings of a list of events.
 * Every read is through the caller's scope (the `visible` filter): invisible is absent.
 */
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import { requireActor, Scope } from '../../graphql/scope';
import { ChangeKind } from '../../shared/enums';
import { columnOf } from '../../db/names';
import { Change } from '../change/change.entity';
import { Event } from '../event/event.entity';
import type { SyncEventWire } from '../misp-import/wire.types';
import { syncEvents } from '../peer/sync-export.service';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { Sighting } from '../sighting/sighting.entity';
import { Attribute } from '../attribute/attribute.entity';
import { Proposal } from '../proposal/proposal.entity';
import { eventUuidOf } from './misp-api.service';
import { requireMispSyncPeer } from './misp-sync.service';

/** Most sightings one sightings/restSearch answers (MISP asks for 100 events at a time). */
export const MAX_PULLED_SIGHTINGS = 20_000;
/** Most event uuids one sightings/restSearch names. */
export const MAX_SIGHTING_EVENTS = 1_000;

export interface SyncView {
  wire: SyncEventWire;
  eventId: number;
  ownerOrg: { id: number; uuid: string; name: string };
  sharingGroupIds: Map<string, number>;
}

/** One event (`{id|uuid}`) as a MISP sync user pulls it, or null when it may not (absent, invisible, unpublished). */
export async function syncView(scope: Scope, ref: string): Promise<SyncView | null> {
  requireMispSyncPeer(scope);
  const uuid = await eventUuidOf(scope, ref);
  const [wire] = await syncEvents(scope, [uuid]);
  if (!wire) return null;
  const e = await scope.em.findOneOrFail(Event, { uuid: wire.id.toLowerCase() }, { populate: ['ownerOrg'] });
  const groups = new Set<string>();
  const add = (g: { id: string } | null | undefined) => g && groups.add(g.id.toLowerCase());
  add(wire.sharingGroup);
  for (const x of [...wire.attributes, ...(wire.objects ?? []), ...(wire.reports ?? [])]) add(x.sharingGroup);
  const rows = groups.size ? await scope.em.find(SharingGroup, { uuid: { $in: [...groups] } }, { fields: ['id', 'uuid'] }) : [];
  return {
    wire,
    eventId: e.id,
    ownerOrg: { id: e.ownerOrg.id, uuid: e.ownerOrg.uuid, name: e.ownerOrg.name },
    sharingGroupIds: new Map(rows.map((g) => [g.uuid, g.id])),
  };
}

/**
 * When sightings were last recorded on each of these events (MISP's `sighting_timestamp`, which a pulling
 * MISP compares with its own to decide whose sightings to fetch), from the change log: two queries.
 */
export async function sightingTimestamps(scope: Scope, eventUuids: readonly string[]): Promise<Map<string, Date>> {
  requireActor(scope);
  if (!eventUuids.length) return new Map();
  const em = scope.em as SqlEntityManager;
  const latest = (await em
    .createQueryBuilder(Change, 'c')
    .select([raw(`max(c.${columnOf(em, Change, 'seq')}) as s`)])
    .where({ kind: ChangeKind.SIGHTING, eventUuid: { $in: [...eventUuids] } })
    .groupBy(raw(`c.${columnOf(em, Change, 'eventUuid')}`))
    .execute('all', true)) as unknown as Array<{ s: number | string }>;
  if (!latest.length) return new Map();
  const rows = await em.find(Change, { seq: { $in: latest.map((r) => Number(r.s)) } }, { fields: ['eventUuid', 'at'] });
  return new Map(rows.map((r) => [r.eventUuid!, r.at]));
}

/** The change log's head: every write on the hub moves it (the events/index ETag is built on it). */
export async function changeLogHead(scope: Scope): Promise<number> {
  requireActor(scope);
  const [last] = await scope.em.find(Change, {}, { fields: ['seq'], orderBy: { seq: 'desc' }, limit: 1 });
  return last?.seq ?? 0;
}

/**
 * Sightings of these events (by uuid) the caller may see (the `visible` filter: attribute visibility and
 * MISP's sighting policy), newest first, at most MAX_PULLED_SIGHTINGS; a MISP sync user sees those of
 * published events only. `notOrgUuids` leaves out sightings of those organisations (MISP's blocked orgs).
 */
export async function sightingsOfEvents(scope: Scope, eventUuids: readonly string[], opts: { notOrgUuids: readonly string[]; publishedOnly: boolean }): Promise<Sighting[]> {
  requireActor(scope);
  if (!eventUuids.length) return [];
  const event: Record<string, unknown> = { uuid: { $in: eventUuids.map((u) => u.toLowerCase()) }, ...(opts.publishedOnly ? { published: true } : {}) };
  const where: Record<string, unknown>[] = [{ attribute: { event } }];
  if (opts.notOrgUuids.length) where.push({ org: { uuid: { $nin: opts.notOrgUuids.map((u) => u.toLowerCase()) } } });
  return scope.em.find(Sighting, { $and: where }, { orderBy: { id: 'desc' }, limit: MAX_PULLED_SIGHTINGS, populate: ['attribute', 'attribute.event', 'org'] });
}

/** Most proposals one shadow_attributes/index page answers (MISP's pull asks for 1,000). */
export const MAX_PROPOSAL_PAGE = 1_000;

/**
 * shadow_attributes/index as MISP's ShadowAttribute::pullProposals pages it (`all:1/timestamp:<since>/
 * limit/page/deleted[]`): proposals of events the caller may see (published ones for a MISP sync user)
 * changed since `since`, oldest first; one about an attribute of the event the caller may not see is
 * left out (policy: a proposal shows with the attribute it targets), as is one about an attribute not here.
 */
export async function proposalsForPull(
  scope: Scope,
  opts: { since: Date | null; limit: number; page: number; live: boolean; deleted: boolean; publishedOnly: boolean; ownerOrgId: number | null },
): Promise<Proposal[]> {
  requireActor(scope);
  if (!opts.live && !opts.deleted) return [];
  const where: Record<string, unknown>[] = [];
  if (opts.since) where.push({ timestamp: { $gte: opts.since } });
  if (opts.publishedOnly) where.push({ event: { published: true } });
  if (opts.ownerOrgId !== null) where.push({ event: { ownerOrg: opts.ownerOrgId } });
  if (!(opts.live && opts.deleted)) where.push({ deleted: opts.deleted });
  const rows = await scope.em.find(Proposal, { $and: where }, { orderBy: { id: 'asc' }, limit: opts.limit, offset: (opts.page - 1) * opts.limit, populate: ['event', 'org'] });
  const targets = [...new Set(rows.map((p) => p.attributeUuid).filter((u): u is string => !!u))];
  if (!targets.length) return rows;
  // Fail closed: a proposal about an attribute the caller cannot see here (or one not on this hub) stays.
  const seen = new Set((await scope.em.find(Attribute, { uuid: { $in: targets } }, { fields: ['uuid'] })).map((a) => a.uuid));
  return rows.filter((p) => !p.attributeUuid || seen.has(p.attributeUuid));
}
