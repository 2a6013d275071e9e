/**
 * One MISP object → its STIX 2.1 object, as misp-stix does for the common templates: the attributes of a
 * file, domain-ip, ip-port, url or email object make one indicator whose pattern joins their observation
 * expressions with AND (when one of them is IDS-flagged), or one observed-data listing their SCOs (when
 * none is). Every other template, and a common one with nothing observable, becomes an `x-misp-object`
 * custom object carrying every attribute, so nothing is dropped. Ids reuse the object uuid.
 */
import { observableOf } from './stix-observables';
import { phaseName, safeUuid, stixTime, StixObject } from './stix-common';
import { StixAttributeInput, StixContext } from './stix-attribute';

export interface StixObjectInput {
  uuid: string;
  name: string;
  metaCategory: string;
  comment: string | null;
  timestamp: Date;
  firstSeen: Date | null;
  lastSeen: Date | null;
  attributes: Array<StixAttributeInput & { objectRelation: string | null }>;
}

export interface ObjectStix {
  main: StixObject;
  /** Main first, then SCOs (shared: written once by the bundle writer). */
  objects: StixObject[];
}

/** Templates misp-stix maps to standard patterns / observables. */
export const COMMON_TEMPLATES = new Set(['file', 'domain-ip', 'ip-port', 'url', 'email']);

export function mispObjectToStix(o: StixObjectInput, ctx: StixContext): ObjectStix {
  const t = stixTime(o.timestamp);
  const id = safeUuid(o.uuid);
  const common = {
    spec_version: '2.1',
    created_by_ref: ctx.createdByRef,
    created: t,
    modified: t,
    labels: [`misp:name="${o.name}"`, `misp:meta-category="${o.metaCategory}"`],
    ...(ctx.markingRefs.length ? { object_marking_refs: ctx.markingRefs } : {}),
  };
  const attrs = [...o.attributes].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
  const observables = COMMON_TEMPLATES.has(o.name) ? attrs.map((a) => ({ a, obs: observableOf(a.type, a.value, a.uuid) })).filter((x) => x.obs) : [];
  const ids = attrs.some((a) => a.toIds);
  if (observables.length && ids) {
    const validFrom = o.firstSeen ?? o.timestamp;
    const main: StixObject = {
      type: 'indicator',
      id: `indicator--${id}`,
      ...common,
      name: o.name,
      description: o.comment || `${o.metaCategory}: ${o.name} object`,
      indicator_types: ['malicious-activity'],
      pattern: observables.map((x) => x.obs!.pattern).join(' AND '),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: stixTime(validFrom),
      ...(o.lastSeen && o.lastSeen.getTime() > validFrom.getTime() ? { valid_until: stixTime(o.lastSeen) } : {}),
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: phaseName(o.metaCategory) }],
    };
    return { main, objects: [main] };
  }
  const scos = new Map<string, StixObject>();
  for (const x of observables) for (const s of x.obs!.objects) scos.set(s.id, s);
  if (scos.size) {
    const first = o.firstSeen ?? o.timestamp;
    const last = o.lastSeen && o.lastSeen.getTime() >= first.getTime() ? o.lastSeen : first;
    const main: StixObject = {
      type: 'observed-data',
      id: `observed-data--${id}`,
      ...common,
      first_observed: stixTime(first),
      last_observed: stixTime(last),
      number_observed: 1,
      object_refs: [...scos.keys()],
      ...(o.comment ? { x_misp_comment: o.comment } : {}),
    };
    return { main, objects: [main, ...scos.values()] };
  }
  const main: StixObject = {
    type: 'x-misp-object',
    id: `x-misp-object--${id}`,
    ...common,
    x_misp_name: o.name,
    x_misp_meta_category: o.metaCategory,
    ...(o.comment ? { x_misp_comment: o.comment } : {}),
    x_misp_attributes: attrs.map((a) => ({
      uuid: a.uuid,
      type: a.type,
      object_relation: a.objectRelation ?? '',
      category: a.category,
      value: a.value,
      to_ids: a.toIds,
      ...(a.comment ? { comment: a.comment } : {}),
    })),
  };
  return { main, objects: [main] };
}
