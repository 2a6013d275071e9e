/** MISP's JSON shapes: events with their attributes, and the MISP feed's hashes.csv and manifest.json. */
import { createHash } from 'node:crypto';
import type { EventReport } from '../event-report/event-report.entity';
import type { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import type { MispObject } from '../object/object.entity';
import type { ObjectReference } from '../object/object-reference.entity';
import type { SyncProposalWire } from '../misp-import/wire.types';
import { Sighting, SightingType } from '../sighting/sighting.entity';
import { ExportAttribute, ExportEvent, ExportTag } from './export-source';
import { ExportWriter } from './export-writer';

const unixSeconds = (d: Date): string => String(Math.floor(d.getTime() / 1000));

const mispTag = (t: ExportTag) => ({ name: t.name, colour: t.colour, exportable: true, local: false });

/**
 * MISP's first_seen / last_seen: ISO 8601 with microseconds and an offset, as MISP writes them
 * ("2021-01-01T00:00:00.000000+00:00"; the hub keeps milliseconds).
 */
export const mispSeen = (d: Date | string | null | undefined): string | null => (d ? `${new Date(d).toISOString().slice(0, 23)}000+00:00` : null);

/** An attribute in MISP's JSON shape (numbers as strings, as MISP writes them). */
export function mispAttribute(a: ExportAttribute, eventUuid: string) {
  return {
    uuid: a.uuid,
    event_uuid: eventUuid,
    type: a.type,
    category: a.category,
    value: a.value,
    to_ids: a.toIds,
    comment: a.comment ?? '',
    distribution: String(a.distribution),
    timestamp: unixSeconds(a.timestamp),
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_relation: a.objectRelation,
    first_seen: mispSeen(a.firstSeen),
    last_seen: mispSeen(a.lastSeen),
    Tag: a.tags.map(mispTag),
  };
}

const sharingGroupOf = (g: { uuid: string; name: string } | null | undefined) => (g ? { SharingGroup: { uuid: g.uuid, name: g.name } } : {});

/** An object's fields in MISP's JSON shape, without Attribute and ObjectReference (the caller adds them). */
export function mispObjectFields(o: MispObject, eventUuid: string) {
  return {
    uuid: o.uuid,
    name: o.name,
    'meta-category': o.metaCategory,
    description: o.description ?? '',
    template_uuid: o.templateUuid ?? null,
    template_version: o.templateVersion ?? null,
    event_uuid: eventUuid,
    timestamp: unixSeconds(o.timestamp),
    distribution: String(o.distribution),
    comment: o.comment ?? '',
    deleted: o.deleted,
    first_seen: mispSeen(o.firstSeen),
    last_seen: mispSeen(o.lastSeen),
    ...sharingGroupOf(o.sharingGroup),
  };
}

/** MISP's referenced_type: 0 an attribute, 1 an object (absent when the target is not on this hub). */
export function mispReference(r: ObjectReference & { targetKind?: 'Attribute' | 'Object' | null }, sourceUuid: string) {
  return {
    uuid: r.uuid,
    timestamp: unixSeconds(r.timestamp),
    source_uuid: sourceUuid,
    referenced_uuid: r.targetUuid,
    ...(r.targetKind ? { referenced_type: r.targetKind === 'Object' ? '1' : '0' } : {}),
    relationship_type: r.relationshipType,
    comment: r.comment ?? '',
    deleted: r.deleted,
  };
}

export function mispReport(r: EventReport, eventUuid: string) {
  return {
    uuid: r.uuid,
    event_uuid: eventUuid,
    name: r.name,
    content: r.content,
    distribution: String(r.distribution),
    timestamp: unixSeconds(r.timestamp),
    deleted: r.deleted,
    ...sharingGroupOf(r.sharingGroup),
  };
}

/** What a proposal is written from: a stored Proposal, or one of the sync wire (proposalOfWire). */
export interface MispProposalSource {
  uuid: string;
  /** The attribute it changes or deletes; null for a proposed new attribute. */
  attributeUuid?: string | null;
  type: string;
  category: string;
  value: string;
  toIds: boolean;
  comment?: string | null;
  objectRelation?: string | null;
  firstSeen?: Date | string | null;
  lastSeen?: Date | string | null;
  proposalToDelete: boolean;
  deleted: boolean;
  timestamp: Date | string;
  org: { uuid: string; name: string };
}

/**
 * A proposal as MISP's ShadowAttribute (inside the attribute it changes, or the event's for a new
 * attribute): the one writer, for the MISP JSON export, the hub's events/view and shadow_attributes/index
 * to a pulling MISP server, and the push to a MISP-kind peer. As MISP writes and reads it: a proposal
 * about an attribute carries that attribute's uuid, and `old_id` is present, so that a capturing MISP
 * (ShadowAttribute::capture) looks that attribute up by this uuid (none found: a new attribute);
 * `event_uuid` names the event (capture refuses a proposal without it); first_seen / last_seen as MISP's
 * afterFind writes them (microseconds and an offset).
 */
export function mispProposal(p: MispProposalSource, eventUuid: string) {
  return {
    uuid: p.attributeUuid ?? p.uuid,
    event_uuid: eventUuid,
    old_id: '0',
    type: p.type,
    category: p.category,
    value: p.value,
    to_ids: p.toIds,
    comment: p.comment ?? '',
    object_relation: p.objectRelation ?? null,
    first_seen: mispSeen(p.firstSeen),
    last_seen: mispSeen(p.lastSeen),
    proposal_to_delete: p.proposalToDelete,
    timestamp: unixSeconds(new Date(p.timestamp)),
    deleted: p.deleted,
    Org: { uuid: p.org.uuid, name: p.org.name },
  };
}

/** A wire proposal as mispProposal takes it. */
export const proposalOfWire = (p: SyncProposalWire): MispProposalSource => ({ ...p, uuid: p.id, attributeUuid: p.attributeId, org: { uuid: p.org.id, name: p.org.name } });

/** MISP's numeric sighting types. */
export const MISP_SIGHTING_TYPE: Readonly<Record<SightingType, string>> = {
  [SightingType.SIGHTING]: '0',
  [SightingType.FALSE_POSITIVE]: '1',
  [SightingType.EXPIRATION]: '2',
};

export function mispSighting(s: Sighting, attributeUuid: string) {
  return {
    uuid: s.uuid,
    attribute_uuid: attributeUuid,
    date_sighting: unixSeconds(s.at),
    type: MISP_SIGHTING_TYPE[s.type] ?? '0',
    source: s.source ?? '',
    Organisation: { uuid: s.org.uuid, name: s.org.name },
  };
}

/**
 * Clusters grouped under their galaxy as MISP writes them: `[{...Galaxy, GalaxyCluster: [...]}]`; each
 * cluster is the JSON MISP exported (stored as is), with its tag name.
 */
export function mispGalaxies(clusters: readonly GalaxyCluster[]) {
  const byGalaxy = new Map<string, { galaxy: Record<string, unknown>; clusters: Record<string, unknown>[] }>();
  for (const c of clusters) {
    const galaxy = parseObject(c.galaxy);
    const key = String(galaxy.uuid ?? galaxy.type ?? c.type);
    const entry = byGalaxy.get(key) ?? { galaxy, clusters: [] };
    entry.clusters.push({ ...parseObject(c.data), tag_name: c.tagName });
    byGalaxy.set(key, entry);
  }
  return [...byGalaxy.values()].map((g) => ({ ...g.galaxy, GalaxyCluster: g.clusters }));
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The event fields of MISP's JSON shape, without Attribute (written as a stream by the caller). */
export function mispEventFields(e: ExportEvent) {
  return {
    uuid: e.uuid,
    info: e.info,
    date: e.date,
    threat_level_id: String(e.threatLevel),
    analysis: String(e.analysis),
    distribution: String(e.distribution),
    published: e.published,
    timestamp: unixSeconds(e.timestamp),
    publish_timestamp: e.publishedAt ? unixSeconds(e.publishedAt) : '0',
    disable_correlation: e.disableCorrelation,
    extends_uuid: e.extendsUuid ?? '',
    ...(e.sharingGroup ? { SharingGroup: { uuid: e.sharingGroup.uuid, name: e.sharingGroup.name } } : {}),
    Orgc: { name: e.creatorOrg.name, uuid: e.creatorOrg.uuid },
    Tag: e.tags.map(mispTag),
  };
}

/** `{"Event": {...fields, "Attribute": [` — the open part of one event (the caller streams attributes, then closes). */
export function mispEventOpen(e: ExportEvent): string {
  const fields = JSON.stringify({ Event: mispEventFields(e) });
  return `${fields.slice(0, -2)},"Attribute":[`;
}
export const MISP_EVENT_CLOSE = ']}}';

/**
 * MISP JSON events as MISP's events/restSearch returns them: `{"response":[{"Event":{...}}, ...]}`,
 * each event with the matching attributes the caller may see.
 */
export function mispJsonWriter(): ExportWriter {
  let current: string | null = null;
  let firstEvent = true;
  let firstAttr = true;
  return {
    begin: () => '{"response":[',
    chunk: ({ event, attributes }) => {
      let out = '';
      if (current !== event.uuid) {
        if (current) out += MISP_EVENT_CLOSE;
        out += `${firstEvent ? '\n' : ',\n'}${mispEventOpen(event)}`;
        firstEvent = false;
        firstAttr = true;
        current = event.uuid;
      }
      for (const a of attributes) {
        out += `${firstAttr ? '' : ','}\n${JSON.stringify(mispAttribute(a, event.uuid))}`;
        firstAttr = false;
      }
      return out;
    },
    end: () => `${current ? MISP_EVENT_CLOSE : ''}\n]}\n`,
  };
}

/**
 * The values hashes.csv lists for an attribute, by MISP's rule (PyMISP `MISPAttribute.hash_values`, which the
 * feed generator writes): a composite type (a type whose name has "|", and `malware-sample`) is hashed per
 * part, and only per part; any other type is hashed whole, even when its value merely contains "|".
 */
export function feedHashedParts(a: { type: string; value: string }): string[] {
  const composite = a.type.includes('|') || a.type === 'malware-sample';
  return composite ? a.value.split('|') : [a.value];
}

/** MISP feed hashes.csv lines of an attribute: `md5(part),event uuid` for each hashed part (feedHashedParts). */
export function feedHashLines(a: { type: string; value: string }, eventUuid: string): string {
  return [...new Set(feedHashedParts(a))]
    .map((p) => `${createHash('md5').update(p, 'utf8').digest('hex')},${eventUuid}\n`)
    .join('');
}

/** A manifest.json entry (MISP feed): the summary MISP reads to decide which events to fetch. */
export function manifestEntry(e: ExportEvent) {
  return {
    info: e.info,
    date: e.date,
    analysis: String(e.analysis),
    threat_level_id: String(e.threatLevel),
    timestamp: unixSeconds(e.timestamp),
    publish_timestamp: e.publishedAt ? unixSeconds(e.publishedAt) : '0',
    Orgc: { name: e.creatorOrg.name, uuid: e.creatorOrg.uuid },
    Tag: e.tags.map((t) => ({ name: t.name, colour: t.colour })),
  };
}
