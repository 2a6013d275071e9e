/**
 * What becomes STIX: the single entry point from hub data to STIX objects, used by the bundle export
 * (export-stix.ts) and the TAXII server. Attributes are mapped in stix-attribute.ts, MISP objects in
 * stix-object.ts, galaxy clusters in stix-galaxy.ts.
 */
import { ExportAttribute, ExportEvent } from '../export-source';
import { attributeToStix, AttributeStix } from './stix-attribute';
import { TLP_MARKINGS, tlpsOf, Tlp } from './stix-common';
import { clusterToStix, StixClusterInput } from './stix-galaxy';
import { mispObjectToStix, StixObjectInput } from './stix-object';

export type StixSource =
  | { kind: 'attribute'; event: ExportEvent; attribute: ExportAttribute }
  | { kind: 'object'; event: ExportEvent; object: StixObjectInput }
  | { kind: 'cluster'; event: ExportEvent; cluster: StixClusterInput };

export interface MappedStix extends AttributeStix {
  /** TLP levels its objects are marked with (their marking definitions must travel with them). */
  tlps: Tlp[];
}

export const identityIdOf = (e: ExportEvent): string => `identity--${e.creatorOrg.uuid}`;

export function toStix(source: StixSource): MappedStix {
  const createdByRef = identityIdOf(source.event);
  const eventTlps = tlpsOf(source.event.tags);
  switch (source.kind) {
    case 'attribute': {
      const own = tlpsOf(source.attribute.tags);
      const tlps = own.length ? own : eventTlps;
      return { ...attributeToStix(source.attribute, { createdByRef, markingRefs: tlps.map((t) => TLP_MARKINGS[t].id) }), tlps };
    }
    case 'object':
      return { ...mispObjectToStix(source.object, { createdByRef, markingRefs: eventTlps.map((t) => TLP_MARKINGS[t].id) }), tlps: eventTlps };
    case 'cluster': {
      // A cluster is shared reference data: unmarked (it is the same object in every event carrying it).
      const main = clusterToStix(source.cluster, createdByRef);
      return { main, objects: [main], tlps: [] };
    }
  }
}
