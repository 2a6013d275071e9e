import { randomUUID } from 'node:crypto';
import { Analysis, Distribution, SyncEventInput, ThreatLevel } from '../../src/generated/graphql';
import { allAttributes, ParsedMispEvent } from '../../src/modules/feed/parsers/misp-feed';

/**
 * Test support: a parsed MISP event (the hub's own MISP-feed parser) as an event of the sync wire
 * format, so tests can import real MISP events through the public `pushEvents` API (as a sync user).
 * Objects are flattened into their attributes (with object_relation); sharing groups, whose members a
 * MISP file does not carry, become ORGANISATION_ONLY on the event and INHERIT_EVENT on attributes;
 * local tags stay behind (they never leave a hub).
 */
const DISTRIBUTIONS: Distribution[] = ['ORGANISATION_ONLY', 'COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'ORGANISATION_ONLY'];
const ATTRIBUTE_DISTRIBUTIONS: Distribution[] = [...DISTRIBUTIONS.slice(0, 4), 'INHERIT_EVENT', 'INHERIT_EVENT'];
const THREAT: Record<number, ThreatLevel> = { 1: 'HIGH', 2: 'MEDIUM', 3: 'LOW', 4: 'UNDEFINED' };
const ANALYSIS: Record<number, Analysis> = { 0: 'INITIAL', 1: 'ONGOING', 2: 'COMPLETED' };
const iso = (secs: number | undefined, dflt: string) => (secs === undefined ? dflt : new Date(secs * 1000).toISOString());

export function mispEventToWire(e: ParsedMispEvent): SyncEventInput {
  const eventTs = iso(e.timestamp, new Date().toISOString());
  return {
    id: e.uuid,
    info: e.info,
    date: e.date ?? eventTs.slice(0, 10),
    threatLevel: THREAT[e.threatLevelId ?? 4],
    analysis: ANALYSIS[e.analysis ?? 0],
    distribution: DISTRIBUTIONS[e.distribution ?? 0],
    published: true,
    publishedAt: iso(e.publishTimestamp, eventTs),
    timestamp: eventTs,
    deleted: false,
    creatorOrg: e.orgc ? { id: e.orgc.uuid, name: e.orgc.name } : { id: randomUUID(), name: `imported ${e.uuid.slice(0, 8)}` },
    disableCorrelation: false,
    extendsUuid: e.extendsUuid ?? null,
    tags: e.tags.filter((t) => !t.local).map((t) => ({ name: t.name, colour: /^#[0-9a-f]{6}$/i.test(t.colour ?? '') ? t.colour : null })),
    attributes: [...allAttributes(e)].map((a) => ({
      id: a.uuid ?? randomUUID(),
      type: a.type,
      category: a.category,
      value: a.value,
      toIds: a.toIds,
      comment: a.comment || null,
      distribution: ATTRIBUTE_DISTRIBUTIONS[a.distribution ?? 5],
      sharingGroup: null,
      timestamp: iso(a.timestamp, eventTs),
      deleted: a.deleted,
      disableCorrelation: a.disableCorrelation,
      firstSeen: a.firstSeen ?? null,
      lastSeen: a.lastSeen ?? null,
      objectRelation: a.objectRelation ?? null,
      tags: a.tags.filter((t) => !t.local).map((t) => ({ name: t.name, colour: /^#[0-9a-f]{6}$/i.test(t.colour ?? '') ? t.colour : null })),
    })),
  };
}
