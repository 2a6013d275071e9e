/** MISP's JSON shapes: events with their attributes, and the MISP feed's hashes.csv and manifest.json. */
import { createHash } from 'node:crypto';
import { ExportAttribute, ExportEvent, ExportTag } from './export-source';
import { ExportWriter } from './export-writer';

const unixSeconds = (d: Date): string => String(Math.floor(d.getTime() / 1000));

const mispTag = (t: ExportTag) => ({ name: t.name, colour: t.colour, exportable: true, local: false });

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
    first_seen: a.firstSeen ? a.firstSeen.toISOString() : null,
    last_seen: a.lastSeen ? a.lastSeen.toISOString() : null,
    Tag: a.tags.map(mispTag),
  };
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
