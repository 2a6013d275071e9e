/**
 * Galaxy clusters → STIX 2.1 SDOs, as misp-stix maps them: the galaxy type names the SDO (threat-actor,
 * intrusion-set, malware, tool, attack-pattern, course-of-action, campaign …; MITRE ATT&CK galaxies by
 * their `mitre-` prefix), ATT&CK clusters carry their technique id as an external reference, and any
 * other galaxy becomes an `x-misp-galaxy-cluster` custom object so no cluster is dropped. The id reuses
 * the cluster uuid, so the same cluster is one object in a bundle however many events carry it.
 */
import { safeUuid, stixTime, StixObject, uuidV5 } from './stix-common';

export interface StixClusterInput {
  uuid: string;
  tagName: string;
  type: string;
  value: string;
  description: string | null;
  galaxy: { name?: string; type?: string; namespace?: string };
  meta: Record<string, unknown>;
  createdAt: Date;
}

/** Galaxy type (without a `mitre-` prefix) → SDO type; malware-like galaxies are many, so they are a set. */
const SDO_OF: Record<string, string> = {
  'threat-actor': 'threat-actor',
  'intrusion-set': 'intrusion-set',
  malware: 'malware',
  tool: 'tool',
  'attack-pattern': 'attack-pattern',
  'course-of-action': 'course-of-action',
  campaign: 'campaign',
  // misp-stix's galaxy_types_mapping (stix2_mapping.py): malware families, tool-like galaxies, actors.
  android: 'malware',
  backdoor: 'malware',
  banker: 'malware',
  malpedia: 'malware',
  ransomware: 'malware',
  stealer: 'malware',
  'enterprise-attack-malware': 'malware',
  'mobile-attack-malware': 'malware',
  botnet: 'tool',
  'exploit-kit': 'tool',
  rat: 'tool',
  tds: 'tool',
  'enterprise-attack-tool': 'tool',
  'mobile-attack-tool': 'tool',
  'microsoft-activity-group': 'threat-actor',
};

/** The STIX type a cluster becomes. */
export const clusterStixType = (galaxyType: string): string => SDO_OF[galaxyType.replace(/^mitre-/, '')] ?? 'x-misp-galaxy-cluster';

export const clusterStixId = (c: StixClusterInput): string => `${clusterStixType(c.type)}--${safeUuid(c.uuid)}`;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.length > 0) : typeof v === 'string' && v ? [v] : []);

export function clusterToStix(c: StixClusterInput, createdByRef: string): StixObject {
  const type = clusterStixType(c.type);
  const t = stixTime(c.createdAt);
  const refs = [
    ...strings(c.meta.external_id).map((id) => ({ source_name: c.type.startsWith('mitre-') ? 'mitre-attack' : 'misp-galaxy', external_id: id })),
    ...strings(c.meta.refs).map((url) => ({ source_name: 'url', url })),
  ];
  const synonyms = strings(c.meta.synonyms);
  const phases = killChainPhases(c);
  const common: StixObject = {
    type,
    spec_version: '2.1',
    id: clusterStixId(c),
    created_by_ref: createdByRef,
    created: t,
    modified: t,
    labels: [`misp:galaxy-name="${c.galaxy.name ?? c.type}"`, `misp:galaxy-type="${c.type}"`],
    ...(refs.length ? { external_references: refs } : {}),
  };
  const description = c.description ? { description: c.description } : {};
  switch (type) {
    case 'x-misp-galaxy-cluster':
      return {
        ...common,
        x_misp_name: c.galaxy.name ?? c.type,
        x_misp_type: c.type,
        x_misp_value: c.value,
        x_misp_tag_name: c.tagName,
        ...(c.description ? { x_misp_description: c.description } : {}),
        ...(c.galaxy.namespace ? { x_misp_namespace: c.galaxy.namespace } : {}),
        ...(synonyms.length ? { x_misp_synonyms: synonyms } : {}),
      };
    case 'malware':
      return { ...common, name: c.value, ...description, malware_types: [MALWARE_TYPE_OF[c.type.replace(/^mitre-/, '')] ?? 'unknown'], is_family: true, ...(synonyms.length ? { aliases: synonyms } : {}), ...(phases.length ? { kill_chain_phases: phases } : {}) };
    case 'threat-actor':
      // threat-actor-type-ov has `unknown`: what a MISP cluster says about the actor's type.
      return { ...common, name: c.value, ...description, threat_actor_types: ['unknown'], ...(synonyms.length ? { aliases: synonyms } : {}) };
    case 'intrusion-set':
    case 'campaign':
      return { ...common, name: c.value, ...description, ...(synonyms.length ? { aliases: synonyms } : {}) };
    case 'tool':
      return { ...common, name: c.value, ...description, tool_types: ['unknown'], ...(synonyms.length ? { aliases: synonyms } : {}), ...(phases.length ? { kill_chain_phases: phases } : {}) };
    case 'attack-pattern':
      return { ...common, name: c.value, ...description, ...(synonyms.length ? { aliases: synonyms } : {}), ...(phases.length ? { kill_chain_phases: phases } : {}) };
    default:
      return { ...common, name: c.value, ...description };
  }
}

/** Galaxy types that name a malware-type-ov value (§10.12); other malware galaxies say `unknown`. */
const MALWARE_TYPE_OF: Record<string, string> = { ransomware: 'ransomware', backdoor: 'backdoor', 'exploit-kit': 'exploit-kit', rootkit: 'rootkit' };

/**
 * The kill-chain phases of a cluster: MISP galaxies (ATT&CK ones) list them in `meta.kill_chain` as
 * `<kill chain>:<phase>` or `<kill chain>:<matrix>:<phase>` (e.g. mitre-attack:enterprise-attack:initial-access);
 * STIX wants the chain name and the phase in lowercase-hyphen form.
 */
function killChainPhases(c: StixClusterInput): Array<{ kill_chain_name: string; phase_name: string }> {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const seen = new Set<string>();
  const out: Array<{ kill_chain_name: string; phase_name: string }> = [];
  for (const entry of strings(c.meta.kill_chain)) {
    const parts = entry.split(':').map(norm).filter(Boolean);
    if (parts.length < 2) continue;
    const phase = { kill_chain_name: parts[0], phase_name: parts[parts.length - 1] };
    const key = `${phase.kill_chain_name}:${phase.phase_name}`;
    if (!seen.has(key)) out.push(phase);
    seen.add(key);
  }
  return out;
}

/**
 * misp-stix's relationship_specs (stix2_mapping.py): an indicator `indicates` an attack-pattern, malware,
 * threat-actor or tool; a campaign `uses` them (`attributed-to` a threat actor). misp-stix writes `has`
 * from any other source and no relationship for the other pairs of an indicator or campaign; here those
 * pairs are `related-to` (STIX's generic type) rather than dropped.
 */
const SPECS: Record<string, Record<string, string>> = {
  indicator: { 'attack-pattern': 'indicates', malware: 'indicates', 'threat-actor': 'indicates', tool: 'indicates' },
  campaign: { 'attack-pattern': 'uses', malware: 'uses', 'threat-actor': 'attributed-to', tool: 'uses' },
};

/**
 * A relationship with a deterministic id: the MISP object reference's own uuid when it stands for one
 * (`uuid`), else a UUIDv5 of its ends and type.
 */
export function relationship(sourceRef: string, type: string, targetRef: string, createdByRef: string, at: Date, description?: string | null, uuid?: string): StixObject {
  const t = stixTime(at);
  // §5.1: a relationship type is lower-case ASCII letters, digits and hyphens (MISP's are free text).
  const relationshipType = type.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'related-to';
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid ? safeUuid(uuid) : uuidV5(RELATIONSHIP_NAMESPACE, `${sourceRef} ${relationshipType} ${targetRef}`)}`,
    created_by_ref: createdByRef,
    created: t,
    modified: t,
    relationship_type: relationshipType,
    source_ref: sourceRef,
    target_ref: targetRef,
    ...(description ? { description } : {}),
  };
}

/** The relationship from an attribute's main STIX object to a cluster it carries (misp-stix's types). */
export const clusterRelationshipType = (sourceType: string, clusterType: string): string =>
  SPECS[sourceType] ? (SPECS[sourceType][clusterType] ?? 'related-to') : 'has';

/** Our own namespace for relationship ids (any fixed UUID: ids only need to be stable). */
const RELATIONSHIP_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
