/**
 * The interoperability-mode checks of the OASIS STIX validator (cti-stix-validator `--interop`, STIX 2.1),
 * written from its sources as facts (the Python validator cannot be installed here: no PyPI):
 *
 * 1. stix2validator/v21/interop.py `interop_created_by_ref`: in a bundle, every object other than an
 *    identity carries `created_by_ref`; the identity it names is in the bundle and itself carries
 *    `created_by_ref` (a "producer").
 * 2. cti-stix2-json-schemas schemas/interop/<type>-interop.json: properties required per type on top of
 *    the STIX schema (listed in REQUIRED below).
 * 3. cti-stix2-json-schemas interop/core.json: `object_marking_refs` holds at most one of the four TLP
 *    marking definitions (maxContains 1).
 *
 * Two scope decisions, each stated where it applies:
 * - Cyber-observables (SCOs) have no `created_by_ref` in STIX 2.1 (§3.2 common properties: SDOs, SROs and
 *   marking definitions only; §6 SCOs), so rule 1 is applied to SDOs, SROs and marking definitions.
 * - The four TLP marking definitions are fixed objects: STIX 2.1 §7.2.1.4 says they MUST be used as
 *   published and no other TLP marking may be created, so rule 1 does not apply to those four ids
 *   (adding `created_by_ref` would make a different, forbidden object).
 * - Some interop schema files name properties that do not exist in STIX 2.1 (typos in the files:
 *   `identities_class`, `resource_leve`, `capabiliites`, `architecture_exectuion_envs`,
 *   `external_references:`); the property the name stands for is required instead, where one exists.
 */

type StixObject = Record<string, unknown> & { type: string; id: string };

/** schemas/interop/*-interop.json `required` (created_by_ref is rule 1's). */
export const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'attack-pattern': ['external_references', 'kill_chain_phases'],
  indicator: ['name', 'indicator_types'],
  malware: ['name', 'malware_types', 'first_seen', 'last_seen', 'architecture_execution_envs', 'implementation_languages', 'capabilities'],
  'observed-data': ['object_refs'],
  report: ['report_types'],
  'threat-actor': ['threat_actor_types', 'roles', 'sophistication', 'resource_level', 'primary_motivation'],
  'intrusion-set': ['resource_level', 'primary_motivation'],
  tool: ['tool_types'],
  vulnerability: ['external_references'],
};

/**
 * Interoperability-profile properties that MISP data does not carry (galaxy clusters say nothing about an
 * actor's roles, sophistication, resources or motivation, nor about a malware family's first and last
 * sighting, platforms, languages or capabilities, nor a kill-chain phase for a technique exported without one): inventing values would be false intelligence, so the
 * export leaves them absent. Tests allow these findings only, and count them.
 */
export const NOT_IN_MISP_DATA: Readonly<Record<string, readonly string[]>> = {
  // An ATT&CK cluster whose MISP export has no meta.kill_chain (e.g. a PRE-ATT&CK technique) names no phase.
  'attack-pattern': ['kill_chain_phases'],
  'threat-actor': ['roles', 'sophistication', 'resource_level', 'primary_motivation'],
  'intrusion-set': ['resource_level', 'primary_motivation'],
  malware: ['first_seen', 'last_seen', 'architecture_execution_envs', 'implementation_languages', 'capabilities'],
};

export const TLP_IDS = new Set([
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
]);

/** STIX 2.1 §2.5-§2.6: SDO/SRO types and the marking definition; anything else with an `x-` prefix is a custom object. */
const SCO_TYPES = new Set([
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr', 'ipv6-addr', 'mac-addr',
  'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key', 'x509-certificate',
]);

export interface InteropProblem {
  id: string;
  rule: 'created_by_ref' | 'required' | 'tlp-markings';
  message: string;
}

export function interopProblems(bundle: { objects: StixObject[] }): InteropProblem[] {
  const out: InteropProblem[] = [];
  const producers = new Set<string>();
  const bareIdentities = new Set<string>();
  for (const o of bundle.objects) if (o.type === 'identity') (o.created_by_ref ? producers : bareIdentities).add(o.id);
  for (const o of bundle.objects) {
    if (o.type === 'identity') {
      if (!o.created_by_ref) out.push({ id: o.id, rule: 'created_by_ref', message: 'an identity used as a producer lacks created_by_ref' });
    } else if (!SCO_TYPES.has(o.type) && !TLP_IDS.has(o.id)) {
      const ref = o.created_by_ref as string | undefined;
      if (!ref) out.push({ id: o.id, rule: 'created_by_ref', message: 'Created by ref is not present in Object' });
      else if (bareIdentities.has(ref)) out.push({ id: o.id, rule: 'created_by_ref', message: `references ${ref} as a producer but the identity is missing the property created_by_ref` });
      else if (!producers.has(ref)) out.push({ id: o.id, rule: 'created_by_ref', message: `Created_by_ref has value ${ref} which is not found in bundle` });
    }
    for (const p of REQUIRED[o.type] ?? []) if (o[p] === undefined) out.push({ id: o.id, rule: 'required', message: `'${p}' is a required property (interop ${o.type})` });
    const tlps = ((o.object_marking_refs as string[] | undefined) ?? []).filter((m) => TLP_IDS.has(m));
    if (tlps.length > 1) out.push({ id: o.id, rule: 'tlp-markings', message: `object_marking_refs holds ${tlps.length} TLP markings (at most one)` });
  }
  return out;
}

/** Problems counted by rule and message shape ("'roles' is a required property (interop threat-actor)": n). */
export function interopSummary(problems: readonly InteropProblem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of problems) {
    const key = p.rule === 'created_by_ref' ? `created_by_ref: ${p.message.replace(/(identity|[a-z-]+)--[0-9a-f-]{36}/g, '<id>')}` : p.message;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
