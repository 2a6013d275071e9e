/**
 * The plain IPv4 form, read without ipaddr.js: four decimal parts 0–255 without leading zeros
 * ("10.0.0.1"), exactly the strings `ipaddr.IPv4.isValidFourPartDecimal` accepts (test/unit/dotted-quad
 * compares the two). Most IP attributes are in this form; ipaddr.js, which also reads octal, hex and
 * short forms, and IPv6, took a large share of a bulk add's CPU time parsing them up to three times
 * (MISP's check, our own normalisation, the search range). Anything else goes to ipaddr.js as before.
 */

/** The address as an unsigned 32-bit number when `text` is a plain dotted quad, else -1. */
export function dottedQuad(text: string): number {
  let value = 0;
  let pos = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(pos) !== 46 /* . */) return -1;
      pos++;
    }
    const start = pos;
    let n = 0;
    while (pos < text.length && pos - start < 4) {
      const c = text.charCodeAt(pos);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      pos++;
    }
    const digits = pos - start;
    // 1–3 digits, no leading zero ("0" itself is a part), at most 255.
    if (digits === 0 || digits > 3 || n > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return -1;
    value = value * 256 + n;
  }
  return pos === text.length ? value : -1;
}

/**
 * ipaddr.js's first and last address of a plain dotted quad with an optional prefix length ("10.0.0.0/8";
 * the length as `ipaddr.parseCIDR` reads it: decimal digits, at most 32), as 32 hex digits of the
 * IPv4-mapped IPv6 form (attribute-keys.ipRangeOf); null for any other text (read by ipaddr.js).
 */
export function dottedQuadRange(text: string): { start: string; end: string } | null {
  const slash = text.indexOf('/');
  const n = dottedQuad(slash < 0 ? text : text.slice(0, slash));
  if (n < 0) return null;
  let bits = 32;
  if (slash >= 0) {
    const prefix = text.slice(slash + 1);
    if (!/^\d+$/.test(prefix)) return null;
    bits = parseInt(prefix, 10);
    if (bits > 32) return null;
  }
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const hex8 = (x: number) => x.toString(16).padStart(8, '0');
  return { start: MAPPED + hex8((n & mask) >>> 0), end: MAPPED + hex8((n | ~mask) >>> 0) };
}

/** The first 12 bytes of an IPv4-mapped IPv6 address (::ffff:a.b.c.d) in hex. */
const MAPPED = '00000000000000000000ffff';
