import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/**
 * The attribute search keys as Migration20261126091999 (both dialects) computes them: a frozen copy of
 * src/modules/attribute/attribute-keys.ts as of that migration. A migration must give the same result
 * whenever it runs, so it never imports live domain code (which goes on changing); a later change to
 * the keys comes with a migration of its own.
 */

const NON_CORRELATING_TYPES: ReadonlySet<string> = new Set([
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
const PORT_COMPOSITES: ReadonlySet<string> = new Set(['ip-src|port', 'ip-dst|port', 'hostname|port']);
const IP_PART: Readonly<Record<string, 0 | 1>> = { 'ip-src': 0, 'ip-dst': 0, 'ip-src|port': 0, 'ip-dst|port': 0, 'domain|ip': 1 };
const URL_TYPES: ReadonlySet<string> = new Set(['url', 'uri', 'link']);

const correlationKeyOf = (part: string): string => createHash('sha256').update(part, 'utf8').digest('hex').slice(0, 32);

function splitComposite(value: string): [string, string] | null {
  const parts = value.split('|');
  return parts.length === 2 ? [parts[0], parts[1]] : null;
}

function correlatingParts(type: string, value: string): string[] {
  if (NON_CORRELATING_TYPES.has(type)) return [];
  const split = type.includes('|') ? splitComposite(value) : null;
  if (split) return PORT_COMPOSITES.has(type) ? [split[0]] : split[0] === split[1] ? [split[0]] : [split[0], split[1]];
  if (URL_TYPES.has(type)) return [value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')];
  return [value];
}

const hex = (bytes: number[]): string => Buffer.from(bytes).toString('hex');

function ipRangeOf(text: string): { start: string; end: string } | null {
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

function attributeKeys(type: string, value: string) {
  const parts = correlatingParts(type, value);
  const ipPart = IP_PART[type];
  let ip: { start: string; end: string } | null = null;
  if (ipPart !== undefined) {
    const split = type.includes('|') ? splitComposite(value) : null;
    ip = ipRangeOf(split ? split[ipPart] : value);
  }
  return {
    correlationKey: parts[0] !== undefined ? correlationKeyOf(parts[0]) : null,
    correlationKey2: parts[1] !== undefined ? correlationKeyOf(parts[1]) : null,
    ipStart: ip?.start ?? null,
    ipEnd: ip?.end ?? null,
  };
}

/**
 * Fills the derived columns of attributes written before they existed: reads by id in batches and
 * updates the rows that have a key or an IP range (values bound as parameters).
 */
export async function backfillAttributeKeys(exec: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>): Promise<number> {
  let last = 0;
  let updated = 0;
  for (;;) {
    const rows = await exec('select id, type, value from attributes where id > ? order by id limit 1000', [last]);
    if (!rows.length) return updated;
    for (const r of rows) {
      const k = attributeKeys(String(r.type), String(r.value));
      if (k.correlationKey || k.correlationKey2 || k.ipStart) {
        await exec('update attributes set correlation_key = ?, correlation_key2 = ?, ip_start = ?, ip_end = ? where id = ?', [
          k.correlationKey,
          k.correlationKey2,
          k.ipStart,
          k.ipEnd,
          r.id,
        ]);
        updated++;
      }
    }
    last = Number(rows[rows.length - 1].id);
  }
}
