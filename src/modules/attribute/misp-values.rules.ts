/**
 * MISP's own value rules, as MISP applies them before it stores an attribute (MISP v2.5,
 * app/Lib/Tools/AttributeValidationTool.php `modifyBeforeValidation` / `validate`, and
 * app/Lib/Tools/ComplexTypeTool.php `refangValue`, called from Attribute::beforeValidateMassage).
 *
 * These are the authority on which values a partner's MISP accepts and on the form it stores them in:
 * `attribute-values.ts` accepts what these accept and returns what these return, and runs its own stricter
 * checks on top only as warnings. Pure functions; the PHP behaviour each one copies is named beside it.
 */
import { IPv6 } from 'ipaddr.js';
import { dottedQuad } from './dotted-quad';

/** Thrown by a MISP rule when MISP itself would refuse the value (the message says why). */
export class MispRefusal extends Error {}

export function refuse(reason: string): never {
  throw new MispRefusal(reason);
}

/** PHP's trim(): only " \t\n\r\0\x0B" (not the Unicode spaces JavaScript's trim() also drops). */
export const phpTrim = (v: string): string => v.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');

const REFANG: ReadonlyArray<{ from: RegExp; to: string; types: readonly string[] }> = [
  { from: /^(hxxp|hxtp|htxp|meow|h\[tt\]p)/i, to: 'http', types: ['link', 'url'] },
  {
    from: /(\[\.\]|\[dot\]|\(dot\))/g,
    to: '.',
    types: ['link', 'url', 'ip-dst', 'ip-src', 'domain|ip', 'domain', 'hostname', 'email', 'email-src', 'email-dst'],
  },
  { from: /\[hxxp:\/\/\]/g, to: 'http://', types: ['link', 'url'] },
  { from: /\[@\]|\[at\]/g, to: '@', types: ['email', 'email-src', 'email-dst'] },
  { from: /\[:\]/g, to: ':', types: ['url', 'link'] },
];

/** ComplexTypeTool::refangValue: `hxxp://x[.]com` → `http://x.com` for the types MISP refangs. */
export function refang(type: string, v: string): string {
  let out = v;
  for (const r of REFANG) if (r.types.includes(type)) out = out.replace(r.from, r.to);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** PHP's ctype_digit (used by MISP's isPositiveInteger): one or more ASCII digits. */
export const isDigits = (v: string): boolean => /^\d+$/.test(v);

/** PHP 8's is_numeric on a string: optional surrounding white space, sign, decimal or exponent form. */
export const isPhpNumeric = (v: string): boolean =>
  /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(v);

/** isPortValid: digits, 1..65535; kept as written (MISP does not strip leading zeros). */
export const isMispPort = (v: string): boolean => isDigits(v) && Number(v) >= 1 && Number(v) <= 65535;

// ---------------------------------------------------------------------------------------------------------------
// IP addresses

/** PHP filter_var(FILTER_VALIDATE_IP): a dotted-quad IPv4 (no leading zeros) or an IPv6 without zone. */
export function isPhpIp(v: string, family?: 4 | 6): boolean {
  if (family !== 6 && dottedQuad(v) >= 0) return true; // ipaddr's isValidFourPartDecimal, without ipaddr
  if (family !== 4 && !v.includes('%') && IPv6.isValid(v)) return true;
  return false;
}

/** inet_ntop (glibc): lower-case, longest run (≥ 2) of zero groups as `::`, IPv4-mapped/compatible dotted. */
export function inetNtop6(v: string): string {
  const words = IPv6.parse(v).parts;
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  words.forEach((w, i) => {
    if (w === 0) {
      cur = cur.base < 0 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = { ...cur };
    } else cur = { base: -1, len: 0 };
  });
  if (best.len < 2) best = { base: -1, len: 0 };
  const embeddedV4 = best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base >= 0 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i > 0) out += ':';
    if (i === 6 && embeddedV4) {
      out += `${words[6] >> 8}.${words[6] & 0xff}.${words[7] >> 8}.${words[7] & 0xff}`;
      break;
    }
    out += words[i].toString(16);
  }
  if (best.base >= 0 && best.base + best.len === 8) out += ':';
  return out;
}

/**
 * normalizeIp: IPv6 compressed (inet_ntop), IPv4 untouched; a CIDR keeps its prefix as written, except that
 * exactly `/32` on an address with a dot and exactly `/128` on one with a colon collapse to the address.
 */
export function mispNormaliseIp(v: string): string {
  const slash = v.indexOf('/');
  if (slash > 0) {
    let ip = v.slice(0, slash);
    const range = v.slice(slash + 1);
    if (ip.indexOf(':') > 0 && isPhpIp(ip, 6)) ip = inetNtop6(ip);
    if ((range === '32' && v.includes('.')) || (range === '128' && v.includes(':'))) return ip;
    return `${ip}/${range}`;
  }
  // PHP's `strpos($value, ':')` is falsy for a colon at offset 0: "::FFFF:1.2.3.4" is stored as written.
  if (v.indexOf(':') > 0) return isPhpIp(v, 6) ? inetNtop6(v) : v;
  return v;
}

/** validate('ip-src'): an address, or a CIDR with a digit prefix no larger than the family's bits. */
export function checkMispIpOrCidr(v: string): void {
  if (!v.includes('/')) {
    if (!isPhpIp(v)) refuse('IP address has an invalid format');
    return;
  }
  const parts = v.split('/');
  if (parts.length !== 2 || !isDigits(parts[1])) refuse('invalid CIDR notation');
  const bits = isPhpIp(parts[0], 4) ? 32 : isPhpIp(parts[0], 6) ? 128 : refuse('IP address has an invalid format');
  if (Number(parts[1]) > bits) refuse(`invalid CIDR notation (prefix length /${parts[1]} exceeds /${bits})`);
}

/**
 * modifyBeforeValidation('ip-dst|port'): `ip|port`, `ipv4:port`, `[ipv6]:port`, `ipv6.port`, `ipv6 port N`,
 * `ipv6pN`, `ipv6#N` and `ipv6:port` all become `ip|port` (only the first two pieces are kept, as MISP does).
 */
export function mispIpPort(v: string): string {
  let parts: string[];
  const colons = v.split(':').length - 1;
  const pos = (s: string) => v.indexOf(s) > 0; // PHP strpos() truthy: found, and not at offset 0
  if (colons >= 2) {
    if (pos('|')) parts = v.split('|');
    else if (v.startsWith('[') && v.includes(']')) {
      const close = v.indexOf(']');
      parts = [v.slice(1, close), v.slice(close).split(':')[1] ?? ''];
    } else if (pos('.')) parts = v.split('.');
    else if (pos(' port ')) parts = v.split(' port ');
    else if (pos('p')) parts = v.split('p');
    else if (pos('#')) parts = v.split('#');
    else {
      const last = v.lastIndexOf(':');
      parts = [v.slice(0, last), v.slice(last + 1)];
    }
  } else if (pos(':')) parts = v.split(':');
  else if (pos('|')) parts = v.split('|');
  else return v;
  return `${mispNormaliseIp(parts[0])}|${parts[1] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Names

/** isDomainValid: letters, digits, `.`, `-`, `_`, and a last label of two or more letters/digits/hyphens. */
export const isMispDomain = (v: string): boolean => /^[A-Z0-9.\-_]+\.[A-Z0-9-]{2,}$/i.test(v);

/** modifyBeforeValidation('domain'): lower-cased, dots trimmed, IDN → punycode when not already valid. */
export function mispDomain(v: string, toAscii: (name: string) => string): string {
  const name = v.toLowerCase().replace(/^\.+|\.+$/g, '');
  if (isMispDomain(name)) return name;
  // idn_to_ascii keeps ASCII punctuation, so only a name of letters, digits, ".", "-" and "_" can come out valid;
  // WHATWG's domainToASCII would instead cut "example.com/path" at the "/".
  if (!/^[\p{L}\p{M}\p{N}.\-_]+$/u.test(name)) return name;
  return toAscii(name) || name;
}

/** The e-mail rule MISP uses instead of a full parser ("to prevent issues with partial email addresses"). */
export const isMispEmail = (v: string): boolean => /^.[^\s]*@.*\..*$/i.test(v);

// ---------------------------------------------------------------------------------------------------------------
// Hashes

/** isTlshValid: an optional leading `t`, then more than 35 hexadecimal characters. */
export const isMispTlsh = (v: string): boolean => {
  const h = v.startsWith('t') ? v.slice(1) : v;
  return h.length > 35 && /^[0-9a-fA-F]+$/.test(h);
};

/** isSshFingerprint: `SHA256:` + base64 of 32 bytes, or an MD5 (optionally `MD5:`-prefixed, colons allowed). */
export function isMispSshFingerprint(v: string): boolean {
  if (v.startsWith('SHA256:')) {
    const b64 = v.slice(7);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return false;
    return Buffer.from(b64, 'base64').length === 32;
  }
  const hex = (v.startsWith('MD5:') ? v.slice(4) : v).replace(/:/g, '');
  return hex.length === 32 && /^[0-9a-fA-F]+$/.test(hex);
}

// ---------------------------------------------------------------------------------------------------------------
// Date and time

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * modifyBeforeValidation('datetime'): `(new DateTime($value, new DateTimeZone('GMT')))->format('Y-m-d\TH:i:s.uO')`.
 * The wall-clock time is kept in the offset the value gives (no offset means GMT), with microseconds and a
 * `+HHMM` offset: `2018-04-10 14:41:38` → `2018-04-10T14:41:38.000000+0000`. Out-of-range fields roll over as
 * PHP's do (`2018-02-30` → `2018-03-02`). Only ISO 8601-like text is understood here; PHP's relative forms
 * (`yesterday`, `next monday`) are refused, since what they mean depends on when they are read.
 */
export function mispDatetime(v: string): string {
  const m = DATETIME.exec(v) ?? refuse('Datetime has to be in the ISO 8601 format');
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  // PHP's parser bounds each field (month 1-12, day 0-31, hour 0-24, minute 0-59, second 0-60) and then lets
  // the date roll over ("2018-02-30" is 2 March); setUTCFullYear and setUTCHours roll over the same way.
  const n = [mo, d, h, mi, s].map(Number);
  const max = [12, 31, 24, 59, 60];
  if (n[0] < 1 || n.some((x, i) => x > max[i])) refuse('Datetime has to be in the ISO 8601 format');
  const t = new Date(0);
  t.setUTCFullYear(Number(y), n[0] - 1, n[1]); // not Date.UTC, which reads years 0-99 as 1900-1999
  t.setUTCHours(n[2], n[3], n[4], 0);
  if (t.getUTCFullYear() > 9999) refuse('Datetime has to be in the ISO 8601 format');
  const p = (x: number, w = 2) => String(x).padStart(w, '0');
  let offset = '+0000';
  const z = zone.toUpperCase();
  if (z !== 'Z' && z !== 'UTC' && z !== 'GMT') {
    const digits = z.replace(':', '');
    offset = digits.length === 3 ? `${digits}00` : digits;
  }
  const micro = (frac + '000000').slice(0, 6);
  return (
    `${p(t.getUTCFullYear(), 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}` +
    `T${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}.${micro}${offset}`
  );
}
