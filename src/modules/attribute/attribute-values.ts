/**
 * Per-type validation and normalisation of attribute values, following MISP.
 *
 * Nothing a partner's MISP accepted may be dropped on the way in (import, feeds, sync), and a value MISP
 * wrote must come back out unchanged. So, for every type:
 *  - MISP's own rule (misp-values.rules.ts: trim, refang, modifyBeforeValidation, validate) decides whether a
 *    value is accepted and what form is stored; we normalise exactly where MISP does, and nowhere else;
 *  - this project's stricter rule (strict-values.rules.ts) runs on top: where it fails on a value MISP accepts,
 *    the value is kept and the failure is returned as a warning (callers report it; `strict: true` refuses);
 *  - where MISP refuses a value, the stricter rule may still accept it (e.g. port 0, a host name with a
 *    trailing dot): that is how non-MISP feeds were read before, and it never touches a value MISP wrote.
 * Deliberate differences from MISP: control characters are refused (DESIGN §10; MISP only refuses a value made
 * of nothing else); 4-byte UTF-8 characters are kept (MISP turns them into "?" for old utf8 MySQL columns);
 * `datetime` understands ISO 8601-like text only (PHP's DateTime also reads "yesterday" or "10/04/2018").
 *
 * Every rejection is a BAD_USER_INPUT error whose message names the attribute type and the offending value.
 */
import { domainToASCII } from 'node:url';
import { codePoint, forbiddenControlCharacter } from '../../shared/control-characters';
import { badInput } from '../../shared/errors';
import { getAttributeType, type AttributeTypeName } from './attribute-types';
import {
  checkMispIpOrCidr,
  isDigits,
  isMispDomain,
  isMispEmail,
  isMispPort,
  isMispSshFingerprint,
  isMispTlsh,
  isPhpIp,
  isPhpNumeric,
  mispDatetime,
  mispDomain,
  mispIpPort,
  mispNormaliseIp,
  MispRefusal,
  phpTrim,
  refang,
  refuse,
} from './misp-values.rules';
import { InvalidValue } from './strict-values.rules';
import { SINGLE_LINE_TYPES, strictNormalise } from './strict-values.table';

export { splitComposite } from './attribute-composite';

/** Longest accepted value, in characters (UTF-16 code units) after trimming. */
export const MAX_VALUE_LENGTH = 65535;

/** How much of an offending value is quoted in an error message. */
const QUOTED_VALUE_MAX = 100;

/** A checked value: its stored form, and what our stricter rules found wrong with a value MISP accepts. */
export interface AttributeValueCheck {
  value: string;
  warnings: string[];
}

export interface NormaliseOptions {
  /**
   * Refuse values that only MISP's rule accepts (a warning becomes BAD_USER_INPUT): for values made through
   * this hub's own API. Imports, feeds and sync leave it off, so whatever a MISP accepted is kept.
   */
  strict?: boolean;
}

/** MISP's rule for one type: returns the form MISP stores, or throws MispRefusal. */
type MispRule = (value: string) => string;

/** PHP's strtolower (ASCII letters only, as MISP runs it). */
const asciiLower = (v: string): string => v.replace(/[A-Z]+/g, (s) => s.toLowerCase());
const asciiUpper = (v: string): string => v.replace(/[a-z]+/g, (s) => s.toUpperCase());
const pipes = (v: string): number => v.split('|').length - 1;

const noNewline: MispRule = (v) => (v.includes('\n') ? refuse('Value must not contain new line character') : v);

const hexLength =
  (length: number, lower = true): MispRule =>
  (v) => {
    const h = lower ? asciiLower(v) : v;
    if (h.length !== length || !/^[0-9a-fA-F]+$/.test(h)) {
      refuse(`expected ${length} hexadecimal characters, got ${h.length} characters`);
    }
    return h;
  };

const HASH_LENGTH: Record<string, number> = {
  md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128, 'sha512/224': 56, 'sha512/256': 64,
  'sha3-224': 56, 'sha3-256': 64, 'sha3-384': 96, 'sha3-512': 128, imphash: 32, pehash: 40, authentihash: 64,
  'ja3-fingerprint-md5': 32, 'jarm-fingerprint': 62, 'hassh-md5': 32, 'hasshserver-md5': 32, 'dom-hash': 32,
};

/** `filename|hash`: one "|", a non-empty single-line file name kept as written, the hash lower-cased. */
const filenameAnd =
  (checkHash: (hash: string) => boolean, lowerHash = true, filenameRequired = true): MispRule =>
  (v) => {
    if (pipes(v) !== 1) refuse('not in the composite (value1|value2) format');
    const at = v.indexOf('|');
    const file = v.slice(0, at);
    const hash = lowerHash ? asciiLower(v.slice(at + 1)) : v.slice(at + 1);
    if (file.includes('\n') || (filenameRequired && !file)) refuse('bad file name part');
    if (!checkHash(hash)) refuse('bad hash part');
    return `${file}|${hash}`;
  };

const hexOf = (length: number) => (h: string) => h.length === length && /^[0-9a-f]+$/.test(h);
const SSDEEP = /^\d+:[0-9a-zA-Z/+]*:[0-9a-zA-Z/+]*$/;

const email: MispRule = (v) => (isMispEmail(asciiLower(v)) ? asciiLower(v) : refuse('not an e-mail address'));
const emailAsWritten: MispRule = (v) => (isMispEmail(v) ? v : refuse('not an e-mail address'));
const numeric: MispRule = (v) => (isPhpNumeric(v) ? v : refuse('not numeric'));

const phone: MispRule = (v) => {
  const n = (v.startsWith('00') ? `+${v.slice(2)}` : v).replace(/\(0\)/g, '').replace(/[^+0-9]+/g, '');
  return isPhpNumeric(n) ? n : refuse('not a phone number');
};

const HTTP_METHOD =
  /(OPTIONS|GET|HEAD|POST|PUT|DELETE|TRACE|CONNECT|PROPFIND|PROPPATCH|MKCOL|COPY|MOVE|LOCK|UNLOCK|VERSION-CONTROL|REPORT|CHECKOUT|CHECKIN|UNCHECKOUT|MKWORKSPACE|UPDATE|LABEL|MERGE|BASELINE-CONTROL|MKACTIVITY|ORDERPATCH|ACL|PATCH|SEARCH)/;

/** PHP's FILTER_VALIDATE_URL, as far as it matters here: a scheme, a host (but for mailto/news/file), ASCII. */
const link: MispRule = (v) => {
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(v) ?? refuse('not a URL with a scheme');
  if (!/^[\x21-\x7e]+$/.test(v)) refuse('not a URL');
  if (!['mailto', 'news', 'file'].includes(m[1].toLowerCase()) && !/^\/\/[^/?#]+/.test(m[2])) refuse('no host');
  return v;
};

const macAddress =
  (bytes: number): MispRule =>
  (v) => {
    const hex = asciiLower(v).replace(/[.:\- ]/g, '');
    const wrapped = hex.match(/.{1,2}/g)?.join(':') ?? '';
    if (!new RegExp(`^([a-f0-9]{2}:?){${bytes}}$`).test(wrapped)) refuse('not a MAC address');
    return wrapped;
  };

const asNumber: MispRule = (v) => {
  let n = asciiUpper(v.slice(0, 2)) === 'AS' ? v.slice(2) : v;
  if (n.includes('.')) {
    const [high, low] = [n.slice(0, n.indexOf('.')), n.slice(n.indexOf('.') + 1)];
    if (isDigits(high) && isDigits(low)) n = String(Number(high) * 65536 + Number(low));
  }
  return isDigits(n) && Number(n) <= 4294967295 ? n : refuse('not an AS number');
};

const MISP_RULES: Partial<Record<AttributeTypeName, MispRule>> = {
  ...Object.fromEntries(SINGLE_LINE_TYPES.map((t) => [t, noNewline])),
  ...Object.fromEntries(Object.entries(HASH_LENGTH).map(([t, n]) => [t, hexLength(n)])),
  'git-commit-id': hexLength(40, false), // not lower-cased by MISP
  'x509-fingerprint-md5': (v) => hexLength(32)(v.replace(/:/g, '')),
  'x509-fingerprint-sha1': (v) => hexLength(40)(v.replace(/:/g, '')),
  'x509-fingerprint-sha256': (v) => hexLength(64)(v.replace(/:/g, '')),
  tlsh: (v) => (isMispTlsh(asciiLower(v)) ? asciiLower(v) : refuse('not a TLSH digest')),
  telfhash: (v) => ([70, 72].includes(v.length) ? asciiLower(v) : refuse('not a telfhash')),
  ssdeep: (v) => (SSDEEP.test(v) ? v : refuse('not an ssdeep hash')),
  impfuzzy: (v) => (pipes(v.replace(/:/g, '|')) === 2 && isDigits(v.split(':')[0]) ? v : refuse('not an impfuzzy hash')),
  cdhash: (v) => (/^[0-9a-f]{40,}$/.test(asciiLower(v)) ? asciiLower(v) : refuse('not a cdhash')),
  vhash: (v) => noNewline(asciiLower(v)),
  'ssh-fingerprint': (v) => (isMispSshFingerprint(v) ? v : refuse('not an SSH fingerprint')),
  'ip-src': (v) => {
    const ip = mispNormaliseIp(v);
    checkMispIpOrCidr(ip);
    return ip;
  },
  'ip-dst': (v) => MISP_RULES['ip-src']!(v),
  port: (v) => (isMispPort(v) ? v : refuse('not a port number between 1 and 65535')),
  domain: (v) => {
    const name = mispDomain(v, domainToASCII);
    return isMispDomain(name) ? name : refuse('not a domain name');
  },
  hostname: (v) => (isMispDomain(asciiLower(v)) ? asciiLower(v) : refuse('not a host name')),
  email,
  'email-src': email,
  'email-dst': email,
  'target-email': email,
  'whois-registrant-email': email,
  eppn: emailAsWritten,
  'dns-soa-email': emailAsWritten,
  'jabber-id': emailAsWritten,
  url: noNewline,
  uri: noNewline,
  link,
  'mac-address': macAddress(6),
  'mac-eui-64': macAddress(8),
  AS: asNumber,
  'http-method': (v) => (HTTP_METHOD.test(asciiUpper(v)) ? asciiUpper(v) : refuse('unknown HTTP method')),
  hex: (v) => (/^[0-9a-fA-F]+$/.test(v) ? asciiUpper(v) : refuse('not hexadecimal')),
  vulnerability: (v) => {
    const id = asciiUpper(v.replace(/–/g, '-'));
    return /^CVE-\d{4}-\d{4,}$/.test(id) ? id : refuse('not a CVE id');
  },
  weakness: (v) => {
    const id = asciiUpper(v.replace(/–/g, '-'));
    return /^CWE-\d+$/.test(id) ? id : refuse('not a CWE id');
  },
  'cc-number': (v) => numeric(v.replace(/[^0-9]+/g, '')),
  bin: (v) => numeric(v.replace(/[^0-9]+/g, '')),
  'bank-account-nr': numeric,
  'aba-rtn': numeric,
  float: numeric,
  'phone-number': phone,
  'whois-registrant-phone': phone,
  prtn: phone,
  iban: (v) => {
    const n = asciiUpper(v).replace(/[^0-9A-Z]+/g, '');
    return n ? n : refuse('only letters and digits are allowed');
  },
  bic: (v) => MISP_RULES.iban!(v),
  'size-in-bytes': (v) => (isDigits(v) ? v : refuse('not a whole number >= 0')),
  counter: (v) => (isDigits(v) ? v : refuse('not a whole number >= 0')),
  datetime: mispDatetime,
  boolean: (v) => {
    const b = phpTrim(asciiLower(v));
    if (b === 'true') return '1';
    return b === 'false' || b === '' || b === '0' ? '0' : '1'; // PHP truthiness of the string
  },
  cortex: (v) => {
    try {
      JSON.parse(v);
      return v;
    } catch {
      return refuse('not JSON');
    }
  },
  'windows-service-name': (v) =>
    Buffer.byteLength(v) > 256 || /[\\/]/.test(v) ? refuse('longer than 256 bytes, or "/" or "\\"') : v,
  'windows-service-displayname': (v) => MISP_RULES['windows-service-name']!(v),
  anonymised: asciiLower,
  // composites: MISP counts exactly one "|" after its own modification, and never trims a part
  ...Object.fromEntries(
    Object.entries(HASH_LENGTH)
      .filter(([t]) => !['jarm-fingerprint', 'ja3-fingerprint-md5', 'hassh-md5', 'hasshserver-md5', 'dom-hash'].includes(t))
      .map(([t, n]) => [`filename|${t}`, filenameAnd(hexOf(n))]),
  ),
  'filename|ssdeep': filenameAnd((h) => SSDEEP.test(h), false, false),
  'filename|tlsh': filenameAnd(isMispTlsh, true, false),
  'filename|vhash': filenameAnd((h) => h.length > 0 && !h.includes('\n')),
  'malware-sample': (v) => (pipes(v) === 1 ? v : refuse('not in the composite format')),
  'regkey|value': (v) => (pipes(v) === 1 ? noNewline(v) : refuse('not in the composite format')),
  'ip-src|port': (v) => {
    const x = mispIpPort(v);
    const [ip, port] = x.split('|');
    if (pipes(x) !== 1 || !isPhpIp(ip) || !isMispPort(port)) refuse('not ip|port');
    return x;
  },
  'ip-dst|port': (v) => MISP_RULES['ip-src|port']!(v),
  'hostname|port': (v) => {
    const x = asciiLower(v).replace(/:/g, '|');
    const [host, port] = x.split('|');
    if (pipes(x) !== 1 || !isMispDomain(host) || !isMispPort(port)) refuse('not hostname|port');
    return x;
  },
  'domain|ip': (v) => {
    const parts = asciiLower(v).split('|');
    if (parts.length < 2) refuse('not in the composite format');
    const domain = mispDomain(parts[0], domainToASCII);
    const ip = mispNormaliseIp(parts[1]);
    if (!isMispDomain(domain) || !isPhpIp(ip)) refuse('not domain|ip');
    return `${domain}|${ip}`; // MISP keeps the first two parts only
  },
};

function quote(value: string): string {
  return value.length > QUOTED_VALUE_MAX ? `${value.slice(0, QUOTED_VALUE_MAX)}…` : value;
}

function rejection(type: string, value: string, reason: string) {
  return badInput(`Invalid value "${quote(value)}" for attribute type "${type}": ${reason}`, {
    attributeType: type,
  });
}

/** `value` after MISP's trim and refang, checked: the common refusals (empty, too long, control characters). */
function prepare(type: string, value: string): string {
  const trimmed = refang(type, phpTrim(value));
  if (!trimmed.trim()) throw rejection(type, trimmed, 'the value is empty');
  if (trimmed.length > MAX_VALUE_LENGTH) {
    throw rejection(
      type,
      trimmed,
      `the value is ${trimmed.length} characters long, the maximum is ${MAX_VALUE_LENGTH}`,
    );
  }
  // Every path (API, feeds, sync) comes through here: no type takes a control character other than the
  // line breaks and tabs of multi-line text; single-line types refuse line breaks in their own rule.
  const control = forbiddenControlCharacter(trimmed, true);
  if (control) throw rejection(type, trimmed, `the value contains a control character (${codePoint(control)})`);
  return trimmed;
}

/** The check, with the reason of our stricter rule kept apart (for `strict`). */
function check(type: string, value: string): AttributeValueCheck & { input: string; strictReason?: string } {
  const info = getAttributeType(type);
  const name = info.type as AttributeTypeName;
  const input = prepare(type, value);
  const ours = () => strictNormalise(name, info.composite, input);
  const misp = MISP_RULES[name];
  try {
    if (!misp) return { input, value: ours(), warnings: [] };
    let stored: string;
    try {
      stored = misp(input);
    } catch (e) {
      // MISP refuses it: our own rule may still read it (how non-MISP feeds were read before); else refused.
      if (!(e instanceof MispRefusal)) throw e;
      return { input, value: ours(), warnings: [] };
    }
    try {
      ours();
      return { input, value: stored, warnings: [] };
    } catch (e) {
      if (!(e instanceof InvalidValue)) throw e;
      const warning = `value "${quote(input)}" of attribute type "${type}" kept as MISP accepts it, although ${e.message}`;
      return { input, value: stored, warnings: [warning], strictReason: e.message };
    }
  } catch (e) {
    if (e instanceof InvalidValue || e instanceof MispRefusal) throw rejection(type, input, e.message);
    throw e;
  }
}

/**
 * Trims `value`, checks it against the rules of attribute type `type` and returns the form to store with
 * the warnings of our stricter rules. Accepts every value MISP's own validation accepts, in the form MISP
 * stores it. Throws BAD_USER_INPUT for an unknown type, an empty or over-long value, a control character, or
 * a value that neither MISP's rule nor ours accepts.
 */
export function checkAttributeValue(type: string, value: string): AttributeValueCheck {
  const { value: stored, warnings } = check(type, value);
  return { value: stored, warnings };
}

/**
 * The form of `value` to store for attribute type `type` (see checkAttributeValue; warnings dropped). With
 * `strict`, a value only MISP's rule accepts is refused, naming our rule's reason.
 */
export function normaliseAttributeValue(type: string, value: string, options: NormaliseOptions = {}): string {
  const checked = check(type, value);
  if (options.strict && checked.strictReason) throw rejection(type, checked.input, checked.strictReason);
  return checked.value;
}

/**
 * A first_seen/last_seen style instant: read as MISP reads a `datetime` (no offset means GMT), returned as
 * `YYYY-MM-DDTHH:mm:ss.sssZ`. (An attribute *value* of type `datetime` keeps MISP's own form instead.)
 */
export function isoInstant(value: string): string {
  try {
    return new Date(mispDatetime(phpTrim(value))).toISOString();
  } catch (e) {
    if (e instanceof MispRefusal) throw badInput(`Invalid date/time "${quote(value)}": expected ISO 8601`, {});
    throw e;
  }
}
