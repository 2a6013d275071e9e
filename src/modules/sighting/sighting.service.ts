import { EntityManager } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import { attributeVisibilityFilter, canSeeSighting, Viewer } from '../../auth/policy';
import { Scope, requireUser } from '../../graphql/scope';
import { ChangeOp } from '../../shared/enums';
import { badInput, notFound } from '../../shared/errors';
import { Attribute } from '../attribute/attribute.entity';
import { getAttribute } from '../attribute/attribute.service';
import { Event } from '../event/event.entity';
import { valueHashCandidates } from '../search/attribute-terms';
import { writeTransaction } from '../../db/change-recorder';
import { columnOf, tableOf } from '../../db/names';
import { INSERT_CHUNK } from '../../db/insert-rows';
import { AddSightingInput } from './sighting.inputs';
import { SightingSummary } from './sighting.types';
import { Sighting, SightingType } from './sighting.entity';

/** A sighting may be dated this far in the future (clock skew of sensors), no further. */
const FUTURE_SKEW_MS = 5 * 60_000;
const MAX_SOURCE = 255;
const SIGHTING_TYPES = new Set<string>(Object.values(SightingType));

/**
 * Adds sightings, all or nothing: by attribute uuid (one sighting; an attribute the caller may not see
 * is NOT_FOUND), or by value (one sighting on every attribute with that value the caller may see,
 * found through the value-hash index). Each sighting is reported by the caller's organisation and
 * appended to the change log (kind SIGHTING) in the same transaction.
 */
export async function addSighting(scope: Scope, input: AddSightingInput): Promise<Sighting[]> {
  const actor = requireUser(scope);
  if (!SIGHTING_TYPES.has(input.type)) {
    throw badInput(`Unknown sighting type "${input.type}": expected one of ${[...SIGHTING_TYPES].join(', ')}`);
  }
  const byId = input.attributeId != null && input.attributeId !== '';
  const byValue = input.value != null && input.value !== '';
  if (byId === byValue) throw badInput('Give exactly one of attributeId or value (got ' + (byId ? 'both' : 'neither') + ')');
  const source = input.source?.trim() || null;
  if (source && source.length > MAX_SOURCE) throw badInput(`source is too long (${source.length} characters): at most ${MAX_SOURCE}`);
  const now = scope.clock.now();
  const at = input.timestamp ?? now;
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    throw badInput(`timestamp ${input.timestamp?.toISOString?.() ?? String(input.timestamp)} is in the future: a sighting reports something already seen`);
  }
  return writeTransaction(scope, async (em, changes) => {
    const attributes = byId
      ? [await getAttribute(scope, input.attributeId!, { em })]
      : await visibleAttributesWithValue(em, scope.viewer, input.value!);
    if (!attributes.length) throw notFound('Attribute with value', input.value!.slice(0, 200));
    const rows = attributes.map((a) => ({
      uuid: randomUUID(),
      attribute: a.id,
      org: actor.orgId,
      type: input.type,
      source,
      at,
      createdAt: now,
      updatedAt: now,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await em.insertMany(Sighting, rows.slice(i, i + INSERT_CHUNK) as never[]);
    rows.forEach((r, i) => changes.sighting(ChangeOp.CREATED, r.uuid, attributes[i], attributes[i].event));
    return rows.map((r, i) => ({ ...r, id: 0, attribute: attributes[i], org: { id: actor.orgId } }) as unknown as Sighting);
  });
}

/** Every attribute the viewer may see whose value is `value` (matched as the `value` search does), with its event. */
async function visibleAttributesWithValue(em: EntityManager, viewer: Viewer, value: string): Promise<Attribute[]> {
  return em.find(
    Attribute,
    { $and: [{ valueHash: { $in: valueHashCandidates(value) } }, attributeVisibilityFilter(viewer)] },
    // The object too: the sighting's change row snapshots its distribution.
    { populate: ['event', 'object'], orderBy: { id: 'asc' } },
  );
}

/** Counts and last times of one attribute's sightings as one viewer may see them. */
export const emptySummary = (): SightingSummary => ({
  sightingCount: 0,
  falsePositiveCount: 0,
  expirationCount: 0,
  lastSeen: null,
  lastFalsePositive: null,
  lastExpiration: null,
});

interface GroupRow {
  attribute_id: number;
  org_id: number;
  type: SightingType;
  n: number | string;
  last: Date | string;
  owner_org_id: number;
}

/**
 * Sighting summaries of many attributes in one grouped query (the DataLoader batch): rows grouped by
 * attribute, reporting org and type, then kept or dropped per viewer with policy.canSeeSighting.
 * The attributes themselves are visible to the viewer (they were loaded through the visibility rules).
 */
export async function sightingSummaries(em: EntityManager, viewer: Viewer, attributeIds: readonly number[]): Promise<SightingSummary[]> {
  const out = new Map<number, SightingSummary>();
  if (attributeIds.length) {
    const knex = (em as SqlEntityManager).getKnex();
    // Table and column names from the entities; the result keys (GroupRow) are fixed aliases.
    const col = (p: keyof Sighting & string) => `s.${columnOf(em, Sighting, p)}`;
    const [attribute, org, type, owner] = [col('attribute'), col('org'), col('type'), `e.${columnOf(em, Event, 'ownerOrg')}`];
    const rows = (await knex(`${tableOf(em, Sighting)} as s`)
      .join(`${tableOf(em, Attribute)} as a`, `a.${columnOf(em, Attribute, 'id')}`, attribute)
      .join(`${tableOf(em, Event)} as e`, `e.${columnOf(em, Event, 'id')}`, `a.${columnOf(em, Attribute, 'event')}`)
      .whereIn(attribute, [...new Set(attributeIds)])
      .groupBy(attribute, org, type, owner)
      .select({ attribute_id: attribute, org_id: org, type, owner_org_id: owner })
      .count({ n: '*' })
      .max({ last: col('at') })) as unknown as GroupRow[];
    for (const r of rows) {
      if (!canSeeSighting(viewer, { ownerOrgId: Number(r.owner_org_id) }, { orgId: Number(r.org_id) })) continue;
      const id = Number(r.attribute_id);
      const s = out.get(id) ?? emptySummary();
      const last = toDate(r.last);
      const n = Number(r.n);
      if (r.type === SightingType.SIGHTING) {
        s.sightingCount += n;
        s.lastSeen = later(s.lastSeen, last);
      } else if (r.type === SightingType.FALSE_POSITIVE) {
        s.falsePositiveCount += n;
        s.lastFalsePositive = later(s.lastFalsePositive, last);
      } else if (r.type === SightingType.EXPIRATION) {
        s.expirationCount += n;
        s.lastExpiration = later(s.lastExpiration, last);
      }
      out.set(id, s);
    }
  }
  return attributeIds.map((id) => out.get(id) ?? emptySummary());
}

/** SQLite returns datetimes as epoch milliseconds or text; MariaDB as Date. */
function toDate(v: Date | string | number): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number' || /^\d+$/.test(v)) return new Date(Number(v));
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

const later = (a: Date | null, b: Date): Date => (a && a.getTime() >= b.getTime() ? a : b);
