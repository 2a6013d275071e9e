import { hash as digest } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { badInput } from '../../shared/errors';
import { splitComposite } from './attribute-composite';
import { dottedQuadRange } from './dotted-quad';

/**
 * Derived, indexed columns of an attribute, computed from its (already normalised) type and value on
 * every write path (bulk add, update, sync receive, feeds through bulk add). Pure functions.
 *
 * - correlation keys: a short hash of each correlating part of the value. Search for "other attributes
 *   with the same value" is then one indexed IN-lookup on two columns, never a table of pairs.
 * - IP range: the first and last address of the attribute's IP (or CIDR) as 32 hex digits of the
 *   16-byte IPv6 form (IPv4 as ::ffff:a.b.c.d), so lexicographic order is numeric order and a CIDR
 *   containment search is an index range scan on `ipStart`.
 */

/**
 * MISP's NON_CORRELATING_TYPES (app/Model/Attribute.php; recent versions list `integer` and `float` too):
 * values of these types never correlate.
 */
export const NON_CORRELATING_TYPES: ReadonlySet<string> = new Set([
  'comment',
  'http-method',
  'aba-rtn',
  'gender',
  'counter',
  'port',
  'nationality',
  'cortex',
  'boolean',
  'anonymised',
  'float',
  'integer',
]);

/** Composite types whose second part is a port: only the first part correlates (a port alone means nothing). */
const PORT_COMPOSITES: ReadonlySet<string> = new Set(['ip-src|port', 'ip-dst|port', 'hostname|port']);

/** Types whose value (first part, or the IP part of domain|ip) is an IP address or CIDR block. */
const IP_PART: Readonly<Record<string, 0 | 1>> = {
  'ip-src': 0,
  'ip-dst': 0,
  'ip-src|port': 0,
  'ip-dst|port': 0,
  'domain|ip': 1,
};
export const IP_TYPES: readonly string[] = Object.keys(IP_PART);

const URL_TYPES: ReadonlySet<string> = new Set(['url', 'uri', 'link']);

/** sha256 of the UTF-8 text as hex: crypto.hash, one call (no Hash object per value; Node >= 20.12). */
const sha256Hex = (text: string): string => digest('sha256', text, 'hex');

/** The correlation key of one part value: 128 bits of sha256 as 32 hex digits. */
export const correlationKeyOf = (part: string): string => sha256Hex(part).slice(0, 32);

/**
 * The part values of a normalised attribute value that correlate (at most two): a composite by part
 * (ports dropped), URLs without their scheme (`https://x.test/a` correlates with `http://x.test/a`),
 * anything else the whole value. Non-correlating types have none.
 */
export function correlatingParts(type: string, value: string): string[] {
  if (NON_CORRELATING_TYPES.has(type)) return [];
  const split = type.includes('|') ? splitComposite(value) : null;
  if (split) return PORT_COMPOSITES.has(type) ? [split[0]] : split[0] === split[1] ? [split[0]] : [split[0], split[1]];
  if (URL_TYPES.has(type)) return [value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')];
  return [value];
}

/** Turns 16 bytes into 32 lower-case hex digits. */
const hex = (bytes: number[]): string => Buffer.from(bytes).toString('hex');

/** First and last address of an IP or CIDR text as sortable hex (IPv4 mapped into IPv6); null if not an IP. */
export function ipRangeOf(text: string): { start: string; end: string } | null {
  return dottedQuadRange(text) ?? ipaddrRangeOf(text); // the common form without ipaddr.js (same result)
}

/** ipRangeOf read by ipaddr.js (every form it reads: IPv6, octal/hex/short IPv4). */
export function ipaddrRangeOf(text: string): { start: string; end: string } | null {
  try {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    let bits: number;
    if (text.includes('/')) [addr, bits] = ipaddr.parseCIDR(text);
    else {
      addr = ipaddr.parse(text);
      bits = addr.kind() === 'ipv4' ? 32 : 128;
    }
    const v6 = addr.kind() === 'ipv4' ? (addr as ipaddr.IPv4).toIPv4MappedAddress() : (addr as ipaddr.IPv6);
    const prefix = addr.kind() === 'ipv4' ? bits + 96 : bits;
    const bytes = v6.toByteArray();
    const start = bytes.map((b, i) => (i * 8 >= prefix ? 0 : i * 8 + 8 <= prefix ? b : b & (0xff << (8 - (prefix - i * 8)))));
    const end = bytes.map((b, i) => (i * 8 >= prefix ? 0xff : i * 8 + 8 <= prefix ? b : b | (0xff >> (prefix - i * 8))));
    return { start: hex(start), end: hex(end.map((b) => b & 0xff)) };
  } catch {
    return null;
  }
}

/** The IP range of a search CIDR (or single address); BAD_USER_INPUT naming it when malformed. */
export function parseSearchCidr(text: string): { start: string; end: string } {
  const t = text.trim();
  const valid = t.includes('/') ? ipaddr.isValidCIDR(t) : ipaddr.isValid(t);
  // ipaddr.isValid accepts odd IPv4 forms (e.g. "10" or "0x0a.1"); a search wants dotted quads or IPv6.
  const plain = t.split('/')[0];
  if (!valid || (!plain.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(plain))) {
    throw badInput(`Invalid CIDR "${text}": expected an IPv4 or IPv6 address or block such as 10.0.0.0/8 or 2001:db8::/32`, { cidr: text });
  }
  return ipRangeOf(t)!;
}

export interface AttributeKeys {
  correlationKey: string | null;
  correlationKey2: string | null;
  ipStart: string | null;
  ipEnd: string | null;
}

/** sha256 hex of a normalised value: the index for exact lookups, duplicates and sightings by value. */
export const valueHash = (value: string): string => sha256Hex(value);

/**
 * The stored value columns of an attribute with this type and normalised value: the value, its hash and
 * every search key. Each insert or update path writes these together, so none can forget one.
 */
export function valueColumns(type: string, value: string, hash: string = valueHash(value)): { value: string; valueHash: string } & AttributeKeys {
  return { value, valueHash: hash, ...attributeKeys(type, value, hash) };
}

/**
 * Every derived search column of an attribute with this type and normalised value. `hash`, when the
 * caller has it, is valueHash(value): the correlation key of a whole value is its first 32 digits, so
 * the value is not hashed twice.
 */
export function attributeKeys(type: string, value: string, hash?: string): AttributeKeys {
  const parts = correlatingParts(type, value);
  const keyOf = (part: string | undefined) => (part === undefined ? null : part === value && hash !== undefined ? hash.slice(0, 32) : correlationKeyOf(part));
  const ipPart = IP_PART[type];
  let ip: { start: string; end: string } | null = null;
  if (ipPart !== undefined) {
    const split = type.includes('|') ? splitComposite(value) : null;
    ip = ipRangeOf(split ? split[ipPart] : value);
  }
  return {
    correlationKey: keyOf(parts[0]),
    correlationKey2: keyOf(parts[1]),
    ipStart: ip?.start ?? null,
    ipEnd: ip?.end ?? null,
  };
}
