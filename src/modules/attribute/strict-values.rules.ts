/**
 * This project's own, stricter rules for attribute values (the rules it had before it followed MISP).
 *
 * Each rule takes a trimmed value and returns its normal form, or throws InvalidValue naming the reason.
 * `attribute-values.ts` uses them in two ways: as a check on top of MISP's rule (a failure is a warning, since a
 * value MISP accepted is never dropped), and as the fallback for values MISP itself refuses that these accept
 * (e.g. a URL-style host name with a trailing dot, or port 0).
 *
 * Libraries: `ipaddr.js` for IP addresses; `validator` for domain names, e-mail addresses, URLs, ISO 8601
 * dates, UUIDs, MAC addresses, floats and JSON; Node's `url.domainToASCII` for IDN → punycode.
 */
import { IPv6 } from 'ipaddr.js';
import { dottedQuad } from './dotted-quad';
import { domainToASCII } from 'node:url';
import validator from 'validator';

export type Normaliser = (value: string) => string;

/** Internal: a rule's reason for rejecting a value; turned into a BAD_USER_INPUT error at the boundary. */
export class InvalidValue extends Error {}

export function invalid(reason: string): never {
  throw new InvalidValue(reason);
}


// ---------------------------------------------------------------------------------------------------------------
// Generic text

export const freeText: Normaliser = (v) => v;

export const singleLine: Normaliser = (v) => {
  if (/[\r\n]/.test(v)) invalid('must be a single line');
  return v;
};

export const lowerCase: Normaliser = (v) => v.toLowerCase();

export const windowsServiceName: Normaliser = (v) => {
  if (v.length > 256 || /[\\/\r\n]/.test(v)) {
    invalid('must be at most 256 characters on one line, without "/" or "\\"');
  }
  return v;
};

// ---------------------------------------------------------------------------------------------------------------
// Network

/** A single IPv4 (dotted quad only) or IPv6 address (no zone id); IPv6 is compressed and lower-cased. */
export function parseIp(v: string): { text: string; bits: number } | null {
  // A dotted quad (ipaddr's isValidFourPartDecimal, read without it) is its own normal form.
  if (dottedQuad(v) >= 0) return { text: v, bits: 32 };
  if (!v.includes('%') && IPv6.isValid(v)) return { text: IPv6.parse(v).toString(), bits: 128 };
  return null;
}

export const ipAddress: Normaliser = (v) => parseIp(v)?.text ?? invalid('not an IPv4/IPv6 address');

/** An address or a CIDR block. Host bits are kept (as MISP does); /32 and /128 collapse to the bare address. */
export const ipOrCidr: Normaliser = (v) => {
  const reason = 'not an IPv4/IPv6 address or CIDR';
  const slash = v.indexOf('/');
  if (slash < 0) return parseIp(v)?.text ?? invalid(reason);
  const ip = parseIp(v.slice(0, slash)) ?? invalid(reason);
  const prefix = v.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) invalid(`${reason} (bad prefix length "${prefix}")`);
  const length = Number(prefix);
  if (length > ip.bits) invalid(`${reason} (prefix length /${length} exceeds /${ip.bits})`);
  return length === ip.bits ? ip.text : `${ip.text}/${length}`;
};

export const port: Normaliser = (v) => {
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) invalid('not a port number between 0 and 65535');
  return String(Number(v));
};

export const isDomainName = (name: string): boolean =>
  validator.isFQDN(name, {
    require_tld: true,
    allow_underscores: true,
    allow_trailing_dot: false,
    allow_numeric_tld: false,
    allow_wildcard: false,
  });

/** Lower-cased, IDN converted to punycode, surrounding dots dropped; needs at least two labels and a real TLD. */
export const domainName: Normaliser = (v) => {
  const name = v.replace(/^\.+|\.+$/g, '').toLowerCase();
  if (!isDomainName(name)) invalid('not a well-formed domain name');
  // ASCII names are taken as they are (real feeds carry labels such as "xn--29s7inly9ib" that are not valid
  // punycode but are valid DNS names). Unicode names go through IDNA; checked again afterwards, because
  // domainToASCII maps some look-alike characters (e.g. a full-width "／") to ASCII ones.
  if (/^[\x00-\x7f]*$/.test(name)) return name;
  const ascii = domainToASCII(name);
  if (!ascii || !isDomainName(ascii)) invalid('not a well-formed internationalised domain name');
  return ascii;
};

export const onionAddress: Normaliser = (v) => {
  const domain = domainName(v);
  if (!domain.endsWith('.onion')) invalid('not a .onion address');
  return domain;
};

export const asNumber: Normaliser = (v) => {
  // "AS15169", "as 15169", "15169", or asdot "1.10" (= 65546).
  const m = /^(?:AS)?\s*(\d{1,10})(?:\.(\d{1,5}))?$/i.exec(v) ?? invalid('not an AS number (e.g. AS15169)');
  const high = Number(m[1]);
  const n = m[2] === undefined ? high : high <= 65535 && Number(m[2]) <= 65535 ? high * 65536 + Number(m[2]) : -1;
  if (n < 0 || n > 4294967295) invalid('AS number out of range 0-4294967295');
  return String(n); // MISP stores the number alone (modifyBeforeValidation drops "AS")
};

export const macAddress =
  (eui64: boolean): Normaliser =>
  (v) => {
    const eui = eui64 ? '64' : '48';
    const ok = validator.isMACAddress(v, { eui }) || validator.isMACAddress(v, { eui, no_separators: true });
    if (!ok) invalid(eui64 ? 'not an EUI-64 address' : 'not a MAC address');
    const hex = v.replace(/[^0-9a-f]/gi, '').toLowerCase();
    return hex.match(/../g)!.join(':');
  };

// ---------------------------------------------------------------------------------------------------------------
// E-mail, URL

export const EMAIL_OPTIONS: validator.IsEmailOptions = {
  allow_utf8_local_part: true,
  require_tld: true,
  allow_ip_domain: true,
  allow_display_name: false,
};

/** Local part kept as is; the domain part is lower-cased. */
export const email: Normaliser = (v) => {
  if (!validator.isEmail(v, EMAIL_OPTIONS)) invalid('not an e-mail address');
  const at = v.lastIndexOf('@');
  return `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
};

/** `user@domain` with an optional `/resource`. */
export const jabberId: Normaliser = (v) => {
  const slash = v.indexOf('/', v.indexOf('@'));
  const bare = slash < 0 ? v : v.slice(0, slash);
  if (!validator.isEmail(bare, EMAIL_OPTIONS)) invalid('not a Jabber ID (user@domain[/resource])');
  return email(bare) + (slash < 0 ? '' : v.slice(slash));
};

export const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isUrl(v: string, hasScheme: boolean): boolean {
  return validator.isURL(v, {
    require_protocol: hasScheme,
    require_valid_protocol: false,
    require_tld: !hasScheme, // "http://intranet/x" is fine, a bare "intranet/x" is not a URL
    allow_underscores: true,
    validate_length: false,
  });
}

/** `url`: scheme optional (real feeds carry "example.com/path"). `link`: scheme required. */
export const url =
  (schemeRequired: boolean): Normaliser =>
  (v) => {
    const hasScheme = SCHEME.test(v);
    if (schemeRequired && !hasScheme) invalid('not a URL with a scheme (e.g. https://...)');
    if (!isUrl(v, hasScheme)) invalid('not a URL');
    return v;
  };

/** `uri`: a URL, or any other reference without white space (e.g. a path such as "/gate.php?id=1"). */
export const uri: Normaliser = (v) => {
  if (isUrl(v, SCHEME.test(v))) return v;
  if (/\s/.test(v)) invalid('not a URI (white space)');
  return v;
};

// ---------------------------------------------------------------------------------------------------------------
// Hashes and fingerprints (lower-cased)

export const hexOfLength =
  (length: number): Normaliser =>
  (v) => {
    const h = v.toLowerCase();
    if (!/^[0-9a-f]*$/.test(h) || h.length !== length) {
      invalid(`expected ${length} hexadecimal characters, got ${h.length} characters`);
    }
    return h;
  };

/** Hex fingerprints that are often written with colons (x509): colons dropped. */
export const colonHexOfLength =
  (length: number): Normaliser =>
  (v) =>
    hexOfLength(length)(v.replace(/:/g, ''));

export const tlsh: Normaliser = (v) => {
  const h = v.toLowerCase();
  if (!/^(t1)?[0-9a-f]{70}$/.test(h)) invalid('expected a TLSH digest ("T1" + 70 hexadecimal characters, or 70)');
  return h;
};

export const telfhash: Normaliser = (v) => {
  const h = v.toLowerCase();
  if (!/^(t1)?[0-9a-f]{70}$/.test(h)) invalid('expected a telfhash ("t1" + 70 hexadecimal characters, or 70)');
  return h;
};

/** ssdeep `blocksize:hash:hash` (base64 alphabet, case-sensitive: not lower-cased). */
export const ssdeep: Normaliser = (v) => {
  if (!/^\d+:[0-9A-Za-z/+]*:[0-9A-Za-z/+]*$/.test(v)) invalid('expected an ssdeep hash (blocksize:hash:hash)');
  return v;
};

export const impfuzzy: Normaliser = (v) => {
  if (!/^\d+:[0-9A-Za-z/+]*:[0-9A-Za-z/+]*$/.test(v)) invalid('expected an impfuzzy hash (imports:hash:hash)');
  return v;
};

export const cdhash: Normaliser = hexOfLength(40);

export const vhash: Normaliser = singleLine;

/** `SHA256:<base64 of 32 bytes>`, or an MD5 fingerprint (`MD5:`-prefixed or not, colons optional). */
export const sshFingerprint: Normaliser = (v) => {
  if (v.startsWith('SHA256:')) {
    const b64 = v.slice(7);
    const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
    if (validator.isBase64(padded) && Buffer.from(padded, 'base64').length === 32) return v;
    invalid('not a SHA256 SSH fingerprint');
  }
  const prefix = /^MD5:/i.test(v) ? 'MD5:' : '';
  const hex = v.slice(prefix.length);
  if (!/^[0-9a-f]{32}$/i.test(hex.replace(/:/g, ''))) invalid('not an MD5 or SHA256 SSH fingerprint');
  return prefix + hex.toLowerCase();
};

// ---------------------------------------------------------------------------------------------------------------
// Numbers, dates, identifiers

export const nonNegativeInteger: Normaliser = (v) => {
  if (!/^\d+$/.test(v)) invalid('not a whole number >= 0');
  return BigInt(v).toString();
};

export const integer: Normaliser = (v) => {
  if (!/^[+-]?\d+$/.test(v)) invalid('not an integer');
  return v;
};

export const float: Normaliser = (v) => {
  if (!validator.isFloat(v)) invalid('not a number');
  return v;
};

export const digitsOnly =
  (what: string): Normaliser =>
  (v) => {
    const digits = v.replace(/[\s-]/g, '');
    if (!/^\d+$/.test(digits)) invalid(`not a ${what} (digits only)`);
    return digits;
  };

/** MISP-like: "00" → "+", "(0)" dropped, separators dropped; letters rejected. */
export const phoneNumber: Normaliser = (v) => {
  if (!/^\+?[0-9\s().\-/]+$/.test(v)) invalid('not a phone number');
  const n = v
    .replace(/^00/, '+')
    .replace(/\(0\)/g, '')
    .replace(/[^+0-9]/g, '');
  if (!/^\+?\d+$/.test(n)) invalid('not a phone number');
  return n;
};

export const bankCode: Normaliser = (v) => {
  const n = v.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[0-9A-Z]+$/.test(n)) invalid('only letters and digits are allowed');
  return n;
};

export const cryptoAddress: Normaliser = (v) => {
  if (!/^[a-zA-Z0-9]+$/.test(v)) invalid('not a crypto-currency address (letters and digits only)');
  return v;
};

/** Strict ISO 8601 date or date-time (a check only: the stored form is MISP's, see mispDatetime). */
export const isoDatetime: Normaliser = (v) => {
  if (!validator.isISO8601(v.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'), { strict: true })) invalid('not an ISO 8601 date/time');
  return v;
};

export const vulnerability: Normaliser = (v) => {
  const id = v.replace(/[\u2010-\u2015]/g, '-').toUpperCase();
  if (!/^CVE-\d{4}-\d{4,}$/.test(id)) invalid('not a CVE id (CVE-YYYY-NNNN)');
  return id;
};

export const weakness: Normaliser = (v) => {
  const id = v.replace(/[\u2010-\u2015]/g, '-').toUpperCase();
  if (!/^CWE-\d+$/.test(id)) invalid('not a CWE id (CWE-N)');
  return id;
};

export const httpMethod: Normaliser = (v) => {
  const m = v.toUpperCase();
  if (!/^[A-Z][A-Z-]*$/.test(m)) invalid('not an HTTP method');
  return m;
};

export const hex: Normaliser = (v) => {
  const h = v.toUpperCase();
  if (!/^[0-9A-F]+$/.test(h)) invalid('not hexadecimal');
  return h;
};

export const boolean: Normaliser = (v) => {
  const b = v.toLowerCase();
  if (b === '1' || b === 'true') return '1';
  if (b === '0' || b === 'false') return '0';
  return invalid('not a boolean (true/false/1/0)');
};

export const uuid: Normaliser = (v) => {
  if (!validator.isUUID(v)) invalid('not a UUID');
  return v.toLowerCase();
};

export const json: Normaliser = (v) => {
  if (!validator.isJSON(v)) invalid('not a JSON object or array');
  return v;
};
