/** STIX 2.1 building blocks shared by the export writer and the TAXII server: ids, times, TLP markings. */
import { createHash } from 'node:crypto';

/** §2.9: the namespace of deterministic (UUIDv5) SCO identifiers. */
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** RFC 4122 UUIDv5 of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const h = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(Buffer.from(name, 'utf8')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with object keys sorted (RFC 8785 for the string/number values SCO id properties hold). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * §2.9 deterministic SCO id: UUIDv5 over the canonical JSON of the type's ID contributing properties.
 * SCO types without such properties (network-traffic, email-message without message_id) get a UUIDv5
 * of the MISP attribute uuid and the role, which is just as stable across exports.
 */
export const scoId = (type: string, contributing: Record<string, unknown>): string => `${type}--${uuidV5(SCO_NAMESPACE, canonicalJson(contributing))}`;

/** STIX timestamps: RFC 3339 UTC with milliseconds. */
export const stixTime = (d: Date): string => d.toISOString();

/** The TLP marking definitions of STIX 2.1 (§7.2.1.4), with their standard ids. */
export const TLP_MARKINGS = {
  white: { id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', name: 'TLP:WHITE' },
  green: { id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', name: 'TLP:GREEN' },
  amber: { id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', name: 'TLP:AMBER' },
  red: { id: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', name: 'TLP:RED' },
} as const;
export type Tlp = keyof typeof TLP_MARKINGS;

/** tlp:* tag → STIX TLP level (TLP 2.0 clear is white; amber+strict is amber). */
export function tlpOfTag(name: string): Tlp | null {
  const m = /^tlp\s*:\s*(white|clear|green|amber|amber\+strict|red)$/i.exec(name.trim());
  if (!m) return null;
  const level = m[1].toLowerCase();
  return level === 'clear' ? 'white' : level === 'amber+strict' ? 'amber' : (level as Tlp);
}

/**
 * A TLP marking definition exactly as §7.2.1.4 publishes it. A marking definition has no `modified` in
 * STIX 2.1 (it cannot change), so none is added: a copy with extra properties would no longer be the
 * standard object its fixed id names.
 */
export const tlpMarking = (tlp: Tlp) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: TLP_MARKINGS[tlp].id,
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: TLP_MARKINGS[tlp].name,
  definition: { tlp },
});

const TLP_ORDER: readonly Tlp[] = ['white', 'green', 'amber', 'red'];

/**
 * The TLP level named by tags: the strictest when tags name several (contradictory tags on one MISP event
 * happen; sharing under the strictest is the safe reading, and the interoperability profile allows one
 * TLP marking per object, cti-stix2-json-schemas interop/core.json). At most one element.
 */
export const tlpsOf = (tags: ReadonlyArray<{ name: string }>): Tlp[] => {
  const levels = tags.map((t) => tlpOfTag(t.name)).filter((t): t is Tlp => !!t);
  return levels.length ? [levels.reduce((a, b) => (TLP_ORDER.indexOf(b) > TLP_ORDER.indexOf(a) ? b : a))] : [];
};

/** A MISP category as a kill-chain phase name: lower case, hyphen-separated ("Network activity" → "network-activity"). */
export const phaseName = (category: string): string =>
  category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A STIX pattern string literal: backslash and quote escaped. */
export const stixString = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export type StixObject = Record<string, unknown> & { type: string; id: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** A MISP uuid as a STIX id part: itself when it is a valid UUID, else (MISP accepted "a") a UUIDv5 of it. */
export const safeUuid = (u: string): string => (UUID_RE.test(u) ? u.toLowerCase() : uuidV5('6ba7b812-9dad-11d1-80b4-00c04fd430c8', u));
