/**
 * STIX 2.1 bundle export: per event, its creator's identity, the TLP marking definitions it uses, the
 * objects of every attribute (stix/stix-mapping.ts) and a report (published) or grouping (unpublished)
 * listing them all. Events with nothing to list (no attribute the reader may see) still get their
 * report, which then lists the creator identity (object_refs may not be empty).
 */
import { randomUUID } from 'node:crypto';
import { ExportEvent } from './export-source';
import { ExportWriter, ExportWriterOptions } from './export-writer';
import { stixTime, Tlp, TLP_MARKINGS, tlpMarking, tlpOfTag, tlpsOf } from './stix/stix-common';
import { identityIdOf, toStix } from './stix/stix-mapping';

export { stixPattern } from './stix/stix-attribute';
export { stixString, tlpOfTag, TLP_MARKINGS } from './stix/stix-common';

/** SCO ids remembered to write each shared observable once; past this many, a repeat is written again (identical). */
const MAX_REMEMBERED_SCOS = 200_000;

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
  let refs = new Set<string>();
  const emit = (o: { id: string }): string => {
    const s = `${first ? '' : ',\n'}${JSON.stringify(o)}`;
    first = false;
    return s;
  };
  /** Identities, markings and SCOs are shared between events: each is written once. */
  const once = (o: { id: string }): string => {
    if (written.has(o.id)) return '';
    if (written.size < MAX_REMEMBERED_SCOS) written.add(o.id);
    return emit(o);
  };
  const markings = (tlps: Tlp[]) => tlps.map((t) => once(tlpMarking(t))).join('');
  const openEvent = (e: ExportEvent) => {
    current = e;
    refs = new Set();
    return once(identityObject(e)) + markings(tlpsOf(e.tags));
  };
  const closeEvent = (): string => {
    const e = current;
    current = null;
    if (!e) return '';
    const out = emit(eventReport(e, [...refs]));
    refs = new Set();
    return out;
  };
  return {
    begin: () => `{"type":"bundle","id":"bundle--${uuid()}","objects":[\n`,
    chunk: ({ event, attributes }) => {
      let out = '';
      if (current && current.uuid !== event.uuid) out += closeEvent();
      if (!current) out += openEvent(event);
      for (const attribute of attributes) {
        const mapped = toStix({ kind: 'attribute', event, attribute });
        out += markings(mapped.tlps);
        for (const o of mapped.objects) {
          refs.add(o.id);
          out += o === mapped.main ? emit(o) : once(o);
        }
      }
      return out;
    },
    emptyEvent: (event) => closeEvent() + openEvent(event) + closeEvent(),
    end: () => `${closeEvent()}\n]}\n`,
  };
}
