/**
 * One MISP attribute → its STIX 2.1 objects, as misp-stix maps them:
 * - vulnerability → a vulnerability SDO (CVE external reference), campaign-name → a campaign SDO;
 * - IDS-flagged attributes with a pattern → an indicator;
 * - other attributes with an observable equivalent → an observed-data and its SCOs;
 * - everything else (text, comment, link, port, datetime, size-in-bytes, …) → an `x-misp-attribute`
 *   custom object carrying type, category, value and comment, so no attribute is dropped.
 * The main object's id reuses the attribute uuid (indicator--<uuid>, observed-data--<uuid>, …), so it is
 * stable across exports and addressable by TAXII; SCOs have deterministic UUIDv5 ids (stix-common).
 */
import { observableOf } from './stix-observables';
import { phaseName, stixTime, StixObject } from './stix-common';

export interface StixAttributeInput {
  uuid: string;
  type: string;
  category: string;
  value: string;
  toIds: boolean;
  comment: string | null;
  timestamp: Date;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export interface StixContext {
  /** identity--<creator org uuid>. */
  createdByRef: string;
  /** Marking definition ids that apply (the attribute's TLP, else its event's). */
  markingRefs: string[];
}

export interface AttributeStix {
  /** The SDO standing for the attribute (its id is what a report lists first). */
  main: StixObject;
  /** Every object, main first (SCOs of an observed-data after it). */
  objects: StixObject[];
}

const labelsOf = (a: StixAttributeInput) => [`misp:type="${a.type}"`, `misp:category="${a.category}"`, ...(a.toIds ? ['misp:to_ids="True"'] : [])];

/** Every attribute has STIX: the function never returns nothing. */
export function attributeToStix(a: StixAttributeInput, ctx: StixContext): AttributeStix {
  const t = stixTime(a.timestamp);
  const common = {
    spec_version: '2.1',
    created_by_ref: ctx.createdByRef,
    created: t,
    modified: t,
    labels: labelsOf(a),
    ...(ctx.markingRefs.length ? { object_marking_refs: ctx.markingRefs } : {}),
  };
  const description = a.comment ? { description: a.comment } : {};
  const one = (main: StixObject): AttributeStix => ({ main, objects: [main] });

  if (a.type === 'vulnerability') {
    return one({ type: 'vulnerability', id: `vulnerability--${a.uuid}`, ...common, name: a.value, ...description, external_references: [{ source_name: 'cve', external_id: a.value }] });
  }
  if (a.type === 'campaign-name') {
    return one({ type: 'campaign', id: `campaign--${a.uuid}`, ...common, name: a.value, ...description });
  }
  const obs = observableOf(a.type, a.value, a.uuid);
  if (obs && a.toIds) {
    const validFrom = a.firstSeen ?? a.timestamp;
    return one({
      type: 'indicator',
      id: `indicator--${a.uuid}`,
      ...common,
      name: `${a.type}: ${a.value}`.slice(0, 256),
      description: a.comment || `${a.category}: ${a.type} ${a.value}`.slice(0, 1000),
      indicator_types: ['malicious-activity'],
      pattern: obs.pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: stixTime(validFrom),
      ...(a.lastSeen && a.lastSeen.getTime() > validFrom.getTime() ? { valid_until: stixTime(a.lastSeen) } : {}),
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: phaseName(a.category) }],
    });
  }
  if (obs && obs.objects.length) {
    const first = a.firstSeen ?? a.timestamp;
    const last = a.lastSeen && a.lastSeen.getTime() >= first.getTime() ? a.lastSeen : first;
    const main: StixObject = {
      type: 'observed-data',
      id: `observed-data--${a.uuid}`,
      ...common,
      first_observed: stixTime(first),
      last_observed: stixTime(last),
      number_observed: 1,
      object_refs: obs.objects.map((o) => o.id),
      ...(a.comment ? { x_misp_comment: a.comment } : {}),
    };
    return { main, objects: [main, ...obs.objects] };
  }
  return one({
    type: 'x-misp-attribute',
    id: `x-misp-attribute--${a.uuid}`,
    ...common,
    ...(a.type === 'link' ? { external_references: [{ source_name: 'url', url: a.value }] } : {}),
    x_misp_type: a.type,
    x_misp_category: a.category,
    x_misp_value: a.value,
    x_misp_to_ids: a.toIds,
    ...(a.comment ? { x_misp_comment: a.comment } : {}),
    ...(a.firstSeen ? { x_misp_first_seen: stixTime(a.firstSeen) } : {}),
    ...(a.lastSeen ? { x_misp_last_seen: stixTime(a.lastSeen) } : {}),
  });
}

/** The pattern of an attribute's type and value, or null (test and documentation helper). */
export const stixPattern = (type: string, value: string): string | null => observableOf(type, value, '00000000-0000-4000-8000-000000000000')?.pattern ?? null;
