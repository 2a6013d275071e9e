/**
 * STIX 2.1 bundle export: per event, its creator's identity, the TLP marking definitions it uses, the
 * objects of every attribute (stix/stix-mapping.ts) and a report (published) or grouping (unpublished)
 * listing them all. Events with nothing to list (no attribute the reader may see) still get their
 * report, which then lists the creator identity (object_refs may not be empty).
 * With the event's extras (export-event-extras.ts): each galaxy cluster carried by the event or a written
 * attribute an SDO (stix-galaxy.ts), with a relationship from the attribute's object; after the event's
 * last chunk, its MISP objects page by page (closeEvent): each whose attributes are written becomes its
 * own STIX object too (stix-object.ts), each object reference a relationship when both ends are in the
 * bundle. Memory per event is bounded by those pages and the report's REPORT_MAX_REFS.
 */
import { randomUUID } from 'node:crypto';
import { ExportAttribute, ExportEvent, ExportTag } from './export-source';
import { EventExtras, ExportWriter, ExportWriterOptions } from './export-writer';
import { stixTime, StixObject, Tlp, TLP_MARKINGS, tlpMarking, tlpOfTag, tlpsOf } from './stix/stix-common';
import { clusterRelationshipType, relationship } from './stix/stix-galaxy';
import { identityIdOf, MappedStix, toStix } from './stix/stix-mapping';

export { stixPattern } from './stix/stix-attribute';
export { stixString, tlpOfTag, TLP_MARKINGS } from './stix/stix-common';

/** SCO ids remembered to write each shared observable once; past this many, a repeat is written again (identical). */
const MAX_REMEMBERED_SCOS = 200_000;
/**
 * The most objects a report lists: STIX cannot page inside an object, so an event with more objects than
 * this gets a report listing the first ones (every object is still written).
 */
export const REPORT_MAX_REFS = 50_000;

export const identityObject = (e: ExportEvent) => {
  const t = stixTime(e.creatorOrg.createdAt);
  const id = identityIdOf(e);
  // created_by_ref on the identity itself: interoperability mode wants it on every SDO.
  return { type: 'identity', spec_version: '2.1', id, created_by_ref: id, created: t, modified: t, name: e.creatorOrg.name, identity_class: 'organization' };
};

/** The report (published) or grouping (unpublished) of an event, listing `refs`. */
export function eventReport(e: ExportEvent, refs: string[]) {
  const tlps = tlpsOf(e.tags);
  const labels = e.tags.filter((t) => !tlpOfTag(t.name)).map((t) => t.name);
  const common = {
    spec_version: '2.1',
    id: `${e.published ? 'report' : 'grouping'}--${e.uuid}`,
    created_by_ref: identityIdOf(e),
    // A copy received from elsewhere was created here after its last change: STIX needs created <= modified.
    created: stixTime(e.createdAt.getTime() < e.timestamp.getTime() ? e.createdAt : e.timestamp),
    modified: stixTime(e.timestamp),
    name: e.info || `MISP event ${e.uuid}`,
    ...(labels.length ? { labels } : {}),
    ...(tlps.length ? { object_marking_refs: tlps.map((t) => TLP_MARKINGS[t].id) } : {}),
  };
  const object_refs = refs.length ? refs : [identityIdOf(e)];
  return e.published
    ? { type: 'report', ...common, report_types: ['threat-report'], published: stixTime(e.publishedAt ?? e.timestamp), object_refs }
    : { type: 'grouping', ...common, context: 'suspicious-activity', object_refs };
}

export function stixWriter(opts: ExportWriterOptions): ExportWriter {
  const uuid = opts.uuid ?? randomUUID;
  const written = new Set<string>();
  let first = true;
  let current: ExportEvent | null = null;
  /** Ids the current event's report lists (at most REPORT_MAX_REFS: memory stays bounded on any event). */
  let refs = new Set<string>();
  let extras: EventExtras | null = null;
  const emit = (o: { id: string }): string => {
    const s = `${first ? '' : ',\n'}${JSON.stringify(o)}`;
    first = false;
    return s;
  };
  const list = (id: string) => {
    if (refs.size < REPORT_MAX_REFS) refs.add(id);
  };
  /** Identities, markings, SCOs and clusters are shared between events: each is written once. */
  const once = (o: { id: string }): string => {
    if (written.has(o.id)) return '';
    if (written.size < MAX_REMEMBERED_SCOS) written.add(o.id);
    return emit(o);
  };
  const markings = (tlps: Tlp[]) => tlps.map((t) => once(tlpMarking(t))).join('');
  const write = (mapped: MappedStix): string => {
    let out = markings(mapped.tlps);
    for (const o of mapped.objects) {
      list(o.id);
      out += o === mapped.main ? emit(o) : once(o);
    }
    return out;
  };
  /** The clusters carried by these tags, written (once) and listed; with a relationship from `source` when given. */
  const clusters = (e: ExportEvent, tags: readonly ExportTag[], source: StixObject | null): string => {
    let out = '';
    for (const tag of tags) {
      for (const cluster of extras?.clusters.get(tag.name) ?? []) {
        const mapped = toStix({ kind: 'cluster', event: e, cluster });
        out += once(mapped.main);
        list(mapped.main.id);
        if (source) {
          const rel = relationship(source.id, clusterRelationshipType(source.type, mapped.main.type), mapped.main.id, identityIdOf(e), e.timestamp);
          list(rel.id);
          out += emit(rel);
        }
      }
    }
    return out;
  };
  const openEvent = (e: ExportEvent, x: EventExtras | undefined) => {
    current = e;
    refs = new Set();
    extras = x ?? null;
    return once(identityObject(e)) + markings(tlpsOf(e.tags)) + clusters(e, e.tags, null);
  };
  /** The report of the current event (its objects were written before, by closeEvent when there are any). */
  const report = (): string => {
    const e = current;
    current = null;
    if (!e) return '';
    const out = emit(eventReport(e, [...refs]));
    refs = new Set();
    extras = null;
    return out;
  };
  return {
    wantsEventExtras: true,
    begin: () => `{"type":"bundle","id":"bundle--${uuid()}","objects":[\n`,
    chunk: ({ event, attributes }, x) => {
      let out = '';
      if (current && current.uuid !== event.uuid) out += report();
      if (!current) out += openEvent(event, x);
      else if (x) extras = x; // the clusters of this chunk's tags
      for (const attribute of attributes) {
        const mapped = toStix({ kind: 'attribute', event, attribute });
        out += write(mapped);
        out += clusters(event, attribute.tags, mapped.main);
      }
      return out;
    },
    closeEvent: async function* (e, pages) {
      if (!current || current.uuid !== e.uuid) return;
      for await (const page of pages) {
        let out = '';
        const mainOf = new Map<string, string>();
        for (const o of page.objects) {
          const mapped = toStix({ kind: 'object', event: e, object: o });
          mainOf.set(o.uuid.toLowerCase(), mapped.main.id);
          out += write(mapped);
        }
        for (const r of page.references) {
          const source = mainOf.get(r.sourceUuid);
          if (!source) continue;
          const rel = relationship(source, r.relationshipType, r.targetMainId, identityIdOf(e), r.timestamp, r.comment, r.uuid);
          list(rel.id);
          out += emit(rel);
        }
        yield out;
      }
      yield report();
    },
    emptyEvent: (event, x) => report() + openEvent(event, x) + report(),
    end: () => `${report()}\n]}\n`,
  };
}
