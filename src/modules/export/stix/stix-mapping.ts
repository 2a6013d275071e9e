/**
 * What becomes STIX: the single entry point from hub data to STIX objects, used by the bundle export
 * (export-stix.ts) and the TAXII server. Attributes are mapped in stix-attribute.ts; MISP objects and
 * galaxy clusters get their own `kind` here (and a mapping file beside this one) when the model has them.
 */
import { ExportAttribute, ExportEvent } from '../export-source';
import { attributeToStix, AttributeStix } from './stix-attribute';
import { TLP_MARKINGS, tlpsOf, Tlp } from './stix-common';

export type StixSource = { kind: 'attribute'; event: ExportEvent; attribute: ExportAttribute };

export interface MappedStix extends AttributeStix {
  /** TLP levels its objects are marked with (their marking definitions must travel with them). */
  tlps: Tlp[];
}

export const identityIdOf = (e: ExportEvent): string => `identity--${e.creatorOrg.uuid}`;

export function toStix(source: StixSource): MappedStix {
  switch (source.kind) {
    case 'attribute': {
      const { event, attribute } = source;
      const own = tlpsOf(attribute.tags);
      const tlps = own.length ? own : tlpsOf(event.tags);
      return { ...attributeToStix(attribute, { createdByRef: identityIdOf(event), markingRefs: tlps.map((t) => TLP_MARKINGS[t].id) }), tlps };
    }
  }
}
