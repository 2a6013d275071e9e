/**
 * MISP attribute types with a STIX Cyber-observable equivalent: for each, the pattern an indicator
 * carries (IDS-flagged attributes) and the SCOs an observed-data holds (the others), built from one
 * table so the two never disagree. Facts follow misp-stix's attribute mapping (MISP's own converter);
 * `hostname|port` keeps its port (network-traffic to the name), which misp-stix also does.
 */
import { scoId, stixString, StixObject, uuidV5 } from './stix-common';

/** MISP hash types → STIX hash names (§10.7 vocabulary where it has the name; else the misp-stix name). */
export const HASH_NAMES: Record<string, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA224',
  sha256: 'SHA-256',
  sha384: 'SHA384',
  sha512: 'SHA-512',
  'sha512/224': 'SHA512-224',
  'sha512/256': 'SHA512-256',
  'sha3-224': 'SHA3-224',
  'sha3-256': 'SHA3-256',
  'sha3-384': 'SHA3-384',
  'sha3-512': 'SHA3-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
  authentihash: 'AUTHENTIHASH',
  imphash: 'IMPHASH',
  impfuzzy: 'IMPFUZZY',
  pehash: 'PEHASH',
  vhash: 'VHASH',
  telfhash: 'TELFHASH',
  cdhash: 'CDHASH',
};

/** A hash name in a pattern path: quoted when it is not a plain identifier. */
const hashPath = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name}'`);

export interface Observable {
  /** The STIX pattern (one observation expression). */
  pattern: string;
  /** The SCOs, the first one the main observable (none: the type can be matched but not observed alone). */
  objects: StixObject[];
}

type Cmp = [path: string, value: string | number];
const expr = (cmps: Cmp[]) => `[${cmps.map(([p, v]) => `${p} = ${typeof v === 'number' ? v : stixString(v)}`).join(' AND ')}]`;

const sco = (type: string, props: Record<string, unknown>, contributing: Record<string, unknown>): StixObject => ({
  type,
  spec_version: '2.1',
  id: scoId(type, contributing),
  ...props,
});
const ipType = (ip: string) => (ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr');
const ipSco = (ip: string) => sco(ipType(ip), { value: ip }, { value: ip });
const domainSco = (name: string, extra: Record<string, unknown> = {}) => sco('domain-name', { value: name, ...extra }, { value: name });
const emailSco = (addr: string) => sco('email-addr', { value: addr }, { value: addr });
const port = (p: string | undefined): number | null => (p !== undefined && /^\d{1,5}$/.test(p) && Number(p) <= 65535 ? Number(p) : null);
/** SCOs without ID contributing properties: a UUIDv5 of the attribute and the object's role in it. */
const ownSco = (type: string, attributeUuid: string, role: string, props: Record<string, unknown>): StixObject => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuidV5(attributeUuid, role)}`,
  ...props,
});
const fileSco = (props: { name?: string; hashes?: Record<string, string> }) => sco('file', props, props);

/** The observable of an attribute, or null when its type has no STIX Cyber-observable equivalent. */
export function observableOf(type: string, value: string, attributeUuid: string): Observable | null {
  const bar = value.indexOf('|');
  const [v1, v2] = bar < 0 ? [value, ''] : [value.slice(0, bar), value.slice(bar + 1)];
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return { pattern: expr([[`${ipType(value)}:value`, value]]), objects: [ipSco(value)] };
    case 'ip-src|port':
    case 'ip-dst|port': {
      const p = port(v2);
      if (p === null || !v1) return null;
      const side = type.startsWith('ip-src') ? 'src' : 'dst';
      const ip = ipSco(v1);
      return {
        pattern: expr([[`network-traffic:${side}_ref.type`, ipType(v1)], [`network-traffic:${side}_ref.value`, v1], [`network-traffic:${side}_port`, p]]),
        objects: [ownSco('network-traffic', attributeUuid, 'network-traffic', { [`${side}_ref`]: ip.id, [`${side}_port`]: p, protocols: ['tcp'] }), ip],
      };
    }
    case 'domain':
    case 'hostname':
      return { pattern: expr([['domain-name:value', value]]), objects: [domainSco(value)] };
    case 'domain|ip': {
      if (!v1 || !v2) return null;
      const ip = ipSco(v2);
      return { pattern: expr([['domain-name:value', v1], ['domain-name:resolves_to_refs[*].value', v2]]), objects: [domainSco(v1, { resolves_to_refs: [ip.id] }), ip] };
    }
    case 'hostname|port': {
      const p = port(v2);
      if (p === null || !v1) return null;
      const host = domainSco(v1);
      return {
        pattern: expr([['network-traffic:dst_ref.type', 'domain-name'], ['network-traffic:dst_ref.value', v1], ['network-traffic:dst_port', p]]),
        objects: [ownSco('network-traffic', attributeUuid, 'network-traffic', { dst_ref: host.id, dst_port: p, protocols: ['tcp'] }), host],
      };
    }
    case 'url':
    case 'uri':
    case 'link':
      // A link is a reference, not an observable: it becomes an external reference (stix-attribute.ts).
      if (type === 'link') return null;
      return { pattern: expr([['url:value', value]]), objects: [sco('url', { value }, { value })] };
    case 'email':
    case 'target-email':
    case 'whois-registrant-email':
    case 'dns-soa-email':
    case 'eppn':
      return { pattern: expr([['email-addr:value', value]]), objects: [emailSco(value)] };
    case 'email-src':
    case 'email-dst':
    case 'email-reply-to': {
      const addr = emailSco(value);
      const field = type === 'email-src' ? 'from_ref' : type === 'email-dst' ? 'to_refs' : null;
      if (!field) {
        return {
          pattern: expr([["email-message:additional_header_fields.'Reply-To'", value]]),
          objects: [ownSco('email-message', attributeUuid, 'email-message', { is_multipart: false, additional_header_fields: { 'Reply-To': value } })],
        };
      }
      return {
        pattern: expr([[field === 'from_ref' ? 'email-message:from_ref.value' : 'email-message:to_refs[*].value', value]]),
        objects: [ownSco('email-message', attributeUuid, 'email-message', { is_multipart: false, [field]: field === 'to_refs' ? [addr.id] : addr.id }), addr],
      };
    }
    case 'email-subject':
      return { pattern: expr([['email-message:subject', value]]), objects: [ownSco('email-message', attributeUuid, 'email-message', { is_multipart: false, subject: value })] };
    case 'email-message-id':
      return { pattern: expr([['email-message:message_id', value]]), objects: [ownSco('email-message', attributeUuid, 'email-message', { is_multipart: false, message_id: value })] };
    case 'email-x-mailer':
      return {
        pattern: expr([["email-message:additional_header_fields.'X-Mailer'", value]]),
        objects: [ownSco('email-message', attributeUuid, 'email-message', { is_multipart: false, additional_header_fields: { 'X-Mailer': value } })],
      };
    case 'email-attachment': {
      const file = fileSco({ name: value });
      return {
        pattern: expr([['email-message:body_multipart[*].body_raw_ref.name', value]]),
        objects: [ownSco('email-message', attributeUuid, 'email-message', { is_multipart: true, body_multipart: [{ body_raw_ref: file.id, content_disposition: `attachment; filename="${value.replace(/"/g, '')}"` }] }), file],
      };
    }
    case 'filename':
      return { pattern: expr([['file:name', value]]), objects: [fileSco({ name: value })] };
    case 'malware-sample': {
      if (!v1 || !v2) return null;
      return { pattern: expr([['file:name', v1], ['file:hashes.MD5', v2]]), objects: [fileSco({ name: v1, hashes: { MD5: v2 } })] };
    }
    case 'mutex':
      return { pattern: expr([['mutex:name', value]]), objects: [sco('mutex', { name: value }, { name: value })] };
    case 'AS': {
      const n = Number(/^(?:AS)?(\d{1,10})$/i.exec(value)?.[1] ?? NaN);
      if (!Number.isSafeInteger(n)) return null;
      return { pattern: expr([['autonomous-system:number', n]]), objects: [sco('autonomous-system', { number: n }, { number: n })] };
    }
    case 'mac-address':
      return { pattern: expr([['mac-addr:value', value.toLowerCase()]]), objects: [sco('mac-addr', { value: value.toLowerCase() }, { value: value.toLowerCase() })] };
    case 'regkey':
      return { pattern: expr([['windows-registry-key:key', value]]), objects: [sco('windows-registry-key', { key: value }, { key: value })] };
    case 'regkey|value': {
      if (!v1) return null;
      return {
        pattern: expr([['windows-registry-key:key', v1], ['windows-registry-key:values[*].data', v2]]),
        objects: [sco('windows-registry-key', { key: v1, values: [{ data: v2 }] }, { key: v1, values: [{ data: v2 }] })],
      };
    }
    case 'x509-fingerprint-md5':
    case 'x509-fingerprint-sha1':
    case 'x509-fingerprint-sha256': {
      const name = HASH_NAMES[type.slice('x509-fingerprint-'.length)];
      return { pattern: expr([[`x509-certificate:hashes.${hashPath(name)}`, value]]), objects: [sco('x509-certificate', { hashes: { [name]: value } }, { hashes: { [name]: value } })] };
    }
    case 'user-agent':
      // A network-traffic SCO needs a source or destination the attribute does not name: pattern only.
      return { pattern: expr([["network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", value]]), objects: [] };
    default: {
      if (HASH_NAMES[type]) {
        const name = HASH_NAMES[type];
        return { pattern: expr([[`file:hashes.${hashPath(name)}`, value]]), objects: [fileSco({ hashes: { [name]: value } })] };
      }
      const m = /^filename\|(.+)$/.exec(type);
      if (m && HASH_NAMES[m[1]] && v1 && v2) {
        const name = HASH_NAMES[m[1]];
        return { pattern: expr([['file:name', v1], [`file:hashes.${hashPath(name)}`, v2]]), objects: [fileSco({ name: v1, hashes: { [name]: v2 } })] };
      }
      return null;
    }
  }
}
