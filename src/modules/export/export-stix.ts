/** STIX 2.1: a bundle of indicators (patterns), their reports, identities and TLP markings. */
import { randomUUID } from 'node:crypto';
import { ExportEvent, ExportTag } from './export-source';
import { ExportWriter, ExportWriterOptions } from './export-writer';

/** The TLP marking definitions of STIX 2.1 (§7.2.1.4), with their standard ids. */
export const TLP_MARKINGS = {
  white: { id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', name: 'TLP:WHITE' },
  green: { id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', name: 'TLP:GREEN' },
  amber: { id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', name: 'TLP:AMBER' },
  red: { id: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', name: 'TLP:RED' },
} as const;
type Tlp = keyof typeof TLP_MARKINGS;

/** tlp:* tag → STIX TLP level (TLP 2.0 clear is white; amber+strict is amber). */
export function tlpOfTag(name: string): Tlp | null {
  const m = /^tlp\s*:\s*(white|clear|green|amber|amber\+strict|red)$/i.exec(name.trim());
  if (!m) return null;
  const level = m[1].toLowerCase();
  return level === 'clear' ? 'white' : level === 'amber+strict' ? 'amber' : (level as Tlp);
}

const markingObject = (tlp: Tlp) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: TLP_MARKINGS[tlp].id,
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: TLP_MARKINGS[tlp].name,
  definition: { tlp },
});

/** A STIX pattern string literal: backslash and quote escaped. */
export const stixString = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const HASH_NAMES: Record<string, string> = {
  md5: 'MD5',
  sha1: "'SHA-1'",
  sha224: "'SHA-224'",
  sha256: "'SHA-256'",
  sha384: "'SHA-384'",
  sha512: "'SHA-512'",
  'sha3-256': "'SHA3-256'",
  'sha3-512': "'SHA3-512'",
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

const ipObject = (ip: string) => (ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr');

/** The STIX pattern of an attribute, or null for a type without one here. */
export function stixPattern(type: string, value: string): string | null {
  const [v1, v2] = value.split('|');
  const cmp = (path: string, v: string) => `${path} = ${stixString(v)}`;
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return `[${cmp(`${ipObject(value)}:value`, value)}]`;
    case 'ip-src|port':
    case 'ip-dst|port': {
      const side = type.startsWith('ip-src') ? 'src' : 'dst';
      if (!/^\d{1,5}$/.test(v2 ?? '')) return null;
      return `[network-traffic:${side}_ref.type = '${ipObject(v1)}' AND ${cmp(`network-traffic:${side}_ref.value`, v1)} AND network-traffic:${side}_port = ${Number(v2)}]`;
    }
    case 'domain':
    case 'hostname':
      return `[${cmp('domain-name:value', value)}]`;
    case 'hostname|port':
      return `[${cmp('domain-name:value', v1)}]`;
    case 'domain|ip':
      return `[${cmp('domain-name:value', v1)} AND ${cmp('domain-name:resolves_to_refs[*].value', v2)}]`;
    case 'url':
    case 'uri':
      return `[${cmp('url:value', value)}]`;
    case 'email':
      return `[${cmp('email-addr:value', value)}]`;
    case 'email-src':
      return `[${cmp('email-message:from_ref.value', value)}]`;
    case 'email-dst':
      return `[${cmp('email-message:to_refs[*].value', value)}]`;
    case 'email-subject':
      return `[${cmp('email-message:subject', value)}]`;
    case 'filename':
      return `[${cmp('file:name', value)}]`;
    case 'user-agent':
      return `[${cmp("network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", value)}]`;
    case 'mutex':
      return `[${cmp('mutex:name', value)}]`;
    default: {
      if (HASH_NAMES[type]) return `[${cmp(`file:hashes.${HASH_NAMES[type]}`, value)}]`;
      const m = /^filename\|(.+)$/.exec(type);
      if (m && HASH_NAMES[m[1]]) return `[${cmp('file:name', v1)} AND ${cmp(`file:hashes.${HASH_NAMES[m[1]]}`, v2)}]`;
      return null;
    }
  }
}

/** STIX timestamps: RFC 3339 UTC with milliseconds. */
const stixTime = (d: Date): string => d.toISOString();

export function stixWriter(opts: ExportWriterOptions): ExportWriter {
  const uuid = opts.uuid ?? randomUUID;
  const writtenIdentities = new Set<string>();
  const writtenMarkings = new Set<Tlp>();
  let first = true;
  let current: ExportEvent | null = null;
  let refs: string[] = [];
  const emit = (o: object): string => {
    const s = `${first ? '' : ',\n'}${JSON.stringify(o)}`;
    first = false;
    return s;
  };
  const markings = (tags: readonly ExportTag[]): Tlp[] => [...new Set(tags.map((t) => tlpOfTag(t.name)).filter((t): t is Tlp => !!t))];
  const markingRefs = (tlps: Tlp[]) => (tlps.length ? { object_marking_refs: tlps.map((t) => TLP_MARKINGS[t].id) } : {});
  const ensureMarkings = (tlps: Tlp[]): string =>
    tlps
      .filter((t) => !writtenMarkings.has(t))
      .map((t) => {
        writtenMarkings.add(t);
        return emit(markingObject(t));
      })
      .join('');
  const identityId = (e: ExportEvent) => `identity--${e.creatorOrg.uuid}`;
  const closeEvent = (): string => {
    const e = current;
    current = null;
    if (!e || !refs.length) return '';
    const tlps = markings(e.tags);
    const common = {
      spec_version: '2.1',
      id: `${e.published ? 'report' : 'grouping'}--${e.uuid}`,
      created_by_ref: identityId(e),
      // A copy received from elsewhere was created here after its last change: STIX needs created <= modified.
      created: stixTime(e.createdAt.getTime() < e.timestamp.getTime() ? e.createdAt : e.timestamp),
      modified: stixTime(e.timestamp),
      name: e.info || `MISP event ${e.uuid}`,
      ...(e.tags.filter((t) => !tlpOfTag(t.name)).length ? { labels: e.tags.filter((t) => !tlpOfTag(t.name)).map((t) => t.name) } : {}),
      ...markingRefs(tlps),
    };
    const obj = e.published
      ? { type: 'report', ...common, report_types: ['threat-report'], published: stixTime(e.publishedAt ?? e.timestamp), object_refs: refs }
      : { type: 'grouping', ...common, context: 'suspicious-activity', object_refs: refs };
    refs = [];
    return emit(obj);
  };
  return {
    begin: () => `{"type":"bundle","id":"bundle--${uuid()}","objects":[\n`,
    chunk: ({ event, attributes }) => {
      let out = '';
      if (current && current.uuid !== event.uuid) out += closeEvent();
      if (!current) {
        current = event;
        const idn = identityId(event);
        if (!writtenIdentities.has(idn)) {
          writtenIdentities.add(idn);
          const t = stixTime(event.creatorOrg.createdAt);
          out += emit({ type: 'identity', spec_version: '2.1', id: idn, created: t, modified: t, name: event.creatorOrg.name, identity_class: 'organization' });
        }
        out += ensureMarkings(markings(event.tags));
      }
      const eventTlps = markings(event.tags);
      for (const a of attributes) {
        const pattern = stixPattern(a.type, a.value);
        if (!pattern) continue;
        const own = markings(a.tags);
        const tlps = own.length ? own : eventTlps;
        out += ensureMarkings(tlps);
        const id = `indicator--${a.uuid}`;
        refs.push(id);
        out += emit({
          type: 'indicator',
          spec_version: '2.1',
          id,
          created_by_ref: identityId(event),
          created: stixTime(a.timestamp),
          modified: stixTime(a.timestamp),
          ...(a.comment ? { description: a.comment } : {}),
          indicator_types: ['malicious-activity'],
          pattern,
          pattern_type: 'stix',
          pattern_version: '2.1',
          valid_from: stixTime(a.firstSeen ?? a.timestamp),
          ...(a.lastSeen && a.lastSeen.getTime() > (a.firstSeen ?? a.timestamp).getTime() ? { valid_until: stixTime(a.lastSeen) } : {}),
          kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: a.category }],
          labels: [`misp:type="${a.type}"`, `misp:category="${a.category}"`, ...(a.toIds ? ['misp:to_ids="True"'] : [])],
          ...markingRefs(tlps),
        });
      }
      return out;
    },
    end: () => `${closeEvent()}\n]}\n`,
  };
}
