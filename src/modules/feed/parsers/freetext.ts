/**
 * Freetext indicator detection (MISP "freetext import" style): refang the text, split it into tokens, and type
 * each token (IPs, CIDRs, ip:port, hashes by length, ssdeep, URLs, e-mail addresses, domains vs hostnames, CVE
 * ids, AS numbers, bitcoin addresses). Every detected value goes through `normaliseAttributeValue`, so what comes
 * out is exactly what the API would store; tokens that look like an indicator but are invalid are skipped.
 *
 * Pure and synchronous (`detectIndicators`), plus a streaming variant over lines (`detectIndicatorsInLines`) and a
 * streaming line splitter (`readLines`) for feed bodies.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { IPv4, IPv6 } from 'ipaddr.js';
import { ATTRIBUTE_TYPES } from '../../attribute/attribute-types';
import { normaliseAttributeValue } from '../../attribute/attribute-values';

export interface DetectedIndicator {
  /** A MISP attribute type from ATTRIBUTE_TYPES. */
  type: string;
  /** The value in its normal form (as `normaliseAttributeValue` returns it). */
  value: string;
}

export interface DetectOptions {
  /** Detected values (normal form) matching this are dropped (MISP's feed "exclude regex"). */
  excludeRegex?: RegExp;
}

export interface LineDetectOptions extends DetectOptions {
  /** Skip lines whose first non-blank character is `#` (feed banners). Default true. */
  skipCommentLines?: boolean;
  /** Yield a value only once per call (default true; memory grows with the number of distinct values). */
  dedupe?: boolean;
}

/** The type used for e-mail addresses: `email` when the catalogue has it, else `email-dst`. */
export const EMAIL_TYPE = ATTRIBUTE_TYPES.has('email') ? 'email' : 'email-dst';

// -------------------------------------------------------------------------------------------------------------
// Refanging

const REFANG_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Schemes: hxxp, hxxps, hXXp, h**p, hxtp, htxp, hxxp[s] → http(s); fxp → ftp.
  [/\bh(?:xx|\*\*|xt|tx|__)p(s?)(?=\s*(?:\[:\]|\(:\)|\{:\}|:|\[:\/\/\]|\[\/\/\]))/gi, 'http$1'],
  [/\bh(?:xx|\*\*|xt|tx|__)p\[s\](?=\s*(?:\[:\]|:|\[:\/\/\]))/gi, 'https'],
  [/\bfxp(s?)(?=\s*(?:\[:\]|:|\[:\/\/\]))/gi, 'ftp$1'],
  // ://
  [/\[:\/\/\]|\(:\/\/\)|\{:\/\/\}|\[:\]\/\/|\(:\)\/\/|\{:\}\/\/|:\[\/\/\]|\[:\/\]\//g, '://'],
  [/\[:\]|\(:\)|\{:\}/g, ':'],
  [/\[\/\]/g, '/'],
  // Dots: [.] (.) {.} [dot] (dot) {dot} [ . ], also with spaces around them ("evil [.] com"), and "\.".
  [/ ?[[({] ?(?:\.|dot) ?[\])}] ?/gi, '.'],
  [/\\\./g, '.'],
  // At signs: [at] (at) {at} [@] (@) {@}.
  [/[[({] ?(?:@|at) ?[\])}]/gi, '@'],
];

/** Undoes common defanging: `hxxp://evil[.]com` → `http://evil.com`, `user[at]example[.]org` → `user@example.org`. */
export function refang(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REFANG_RULES) out = out.replace(pattern, replacement);
  return out;
}

// -------------------------------------------------------------------------------------------------------------
// Token classification

const HASH_BY_LENGTH: ReadonlyMap<number, string> = new Map([
  [32, 'md5'],
  [40, 'sha1'],
  [56, 'sha224'],
  [64, 'sha256'],
  [96, 'sha384'],
  [128, 'sha512'],
]);

/**
 * File extensions that are not top-level domains: a name ending in one of these is a file name, not a domain
 * ("report.pdf", "jquery.min.js"). Extensions that are also real TLDs (.zip, .mov, .sh, .py, .pl ...) are not
 * listed: "evil.zip" stays a domain.
 */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'exe dll sys drv ocx cpl scr msi msp msu lnk pif bat cmd vbs vbe wsf wsh jse js mjs cjs ts jsx tsx ' +
    'php phtml asp aspx ashx asmx jsp jspx cgi pyc pyw rb lua psm psd hta chm hlp reg inf ini cfg conf yml ' +
    'yaml json xml xsl xslt html htm xhtml shtml css scss less svg txt log csv tsv tmp bak old dat db sqlite sql ' +
    'pdf doc docx docm dotm xls xlsx xlsm xlsb xlam ppt pptx pptm ppsx rtf odt ods odp eml msg pst ost ' +
    'jpg jpeg png gif bmp ico tif tiff webp heic avi wav wmv flv mkv mpeg mpg ogg flac ' +
    'rar tar gz tgz xz lzma lz cpio arj iso img vhd vhdx vmdk dmg pkg deb rpm apk ipa jar war ear ' +
    'class dex elf bin ko dylib obj pdb swf xap crx xpi vsix nupkg whl gem egg plist desktop ' +
    'crt cer pem der pfx csr asc gpg sig rst tex ipynb bash zsh ksh csh awk'
  ).split(' '),
);

/** Second-level public suffixes common enough to matter: `example.co.uk` is a domain, not a hostname. */
const SECOND_LEVEL_SUFFIXES: ReadonlySet<string> = new Set(
  (
    'co.uk org.uk ac.uk gov.uk me.uk net.uk ltd.uk plc.uk com.au net.au org.au edu.au gov.au id.au co.nz ' +
    'org.nz net.nz co.jp ne.jp or.jp ac.jp go.jp co.kr or.kr ne.kr com.br net.br org.br gov.br com.cn net.cn ' +
    'org.cn gov.cn edu.cn com.hk org.hk com.tw org.tw com.sg com.my co.in net.in org.in gov.in co.id or.id ' +
    'ac.id co.za org.za com.tr net.tr org.tr com.mx org.mx com.ar com.co com.pe com.ve com.ec com.uy com.py ' +
    'com.ua net.ua org.ua com.pl net.pl org.pl co.il org.il com.vn co.th in.th com.pk com.ng com.eg com.sa ' +
    'com.ru org.ru net.ru com.es com.gr com.ph com.bd com.np com.kh com.lb co.ke co.tz co.ug com.gh'
  ).split(/\s+/),
);

const LABEL = String.raw`(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?)`;
/** Labels, then a TLD that is alphabetic (2–24 letters, any script) or punycode. */
const HOSTNAME_RE = new RegExp(String.raw`^(?:${LABEL}\.)+(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})$`, 'iu');

/** A host name with a plausible TLD that is not a file extension; returns the lower-cased name, or null. */
function plausibleHostname(candidate: string): string | null {
  const trimmed = candidate.replace(/\.$/, '');
  const rawTld = trimmed.slice(trimmed.lastIndexOf('.') + 1);
  // "System.Net", "Microsoft.Windows": a Title-case last label is a code identifier, not a TLD.
  if (/^\p{Lu}\p{Ll}+$/u.test(rawTld)) return null;
  const name = trimmed.toLowerCase();
  if (name.length > 253 || !HOSTNAME_RE.test(name)) return null;
  if (FILE_EXTENSIONS.has(name.slice(name.lastIndexOf('.') + 1))) return null;
  return name;
}

/** `domain` for a registrable name (example.com, example.co.uk), `hostname` for deeper names. */
function domainOrHostname(name: string): 'domain' | 'hostname' {
  const labels = name.split('.');
  if (labels.length <= 2) return 'domain';
  if (labels.length === 3 && SECOND_LEVEL_SUFFIXES.has(labels.slice(1).join('.'))) return 'domain';
  return 'hostname';
}

const IPV4_RE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const isIpv4 = (s: string) => IPV4_RE.test(s) && IPv4.isValidFourPartDecimal(s);
const isIpv6 = (s: string) => /^[0-9a-f:.]+$/i.test(s) && /[0-9a-f]/i.test(s) && s.includes(':') && IPv6.isValid(s);

// Bitcoin addresses (legacy base58check P2PKH/P2SH and bech32/bech32m segwit), checksums verified.
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function isBase58CheckBtc(s: string): boolean {
  if (!/^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(s)) return false;
  let n = 0n;
  for (const ch of s) n = n * 58n + BigInt(BASE58.indexOf(ch));
  const hex = n.toString(16).padStart(50, '0');
  if (hex.length !== 50) return false;
  const bytes = Buffer.from(hex, 'hex');
  if (bytes[0] !== 0x00 && bytes[0] !== 0x05) return false;
  const payload = bytes.subarray(0, 21);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest();
  return sha(sha(payload)).subarray(0, 4).equals(bytes.subarray(21));
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function isBech32Btc(s: string): boolean {
  const lower = s.toLowerCase();
  if (lower !== s && s.toUpperCase() !== s) return false;
  if (!/^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71}$/.test(lower)) return false;
  const values = [...lower.slice(3)].map((c) => BECH32.indexOf(c));
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of [3, 3, 0, 2, 3, ...values]) {
    // hrp "bc" expanded: [b>>5, c>>5, 0, b&31, c&31] = [3, 3, 0, 2, 3]
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GEN[i]) >>> 0;
  }
  return chk === 1 || chk === 0x2bc830a3; // bech32 or bech32m
}

/** The attribute type and raw value of one refanged token, before normalisation; null when it is no indicator. */
function classify(input: string): { type: string; value: string } | null {
  let token = input;
  // ip|port
  let m = /^([0-9a-f:.]+)\|(\d{1,5})$/i.exec(token);
  if (m) return isIpv4(m[1]) || isIpv6(m[1]) ? { type: 'ip-dst|port', value: `${m[1]}|${m[2]}` } : null;

  if (/^[0-9a-f]+$/i.test(token)) {
    const hash = HASH_BY_LENGTH.get(token.length);
    if (hash) return { type: hash, value: token };
  }
  if (/^\d{1,10}:[0-9A-Za-z/+]{3,}:[0-9A-Za-z/+]{3,}$/.test(token) && !/^[\d:]+$/.test(token)) {
    return { type: 'ssdeep', value: token };
  }
  if (/^CVE[-\u2010-\u2015]\d{4}[-\u2010-\u2015]\d{4,}$/i.test(token)) return { type: 'vulnerability', value: token };
  if (/^AS\d{1,10}$/i.test(token)) return { type: 'AS', value: token };

  // IPv4 / CIDR, IPv4:port
  if (/^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/.test(token)) return { type: 'ip-dst', value: token };
  m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(token);
  if (m) return { type: 'ip-dst|port', value: `${m[1]}|${m[2]}` };
  // [IPv6]:port, IPv6 / CIDR
  m = /^\[([0-9a-f:.]+)\]:(\d{1,5})$/i.exec(token);
  if (m) return isIpv6(m[1]) ? { type: 'ip-dst|port', value: `${m[1]}|${m[2]}` } : null;
  m = /^([0-9a-f:.]+?)(\/\d{1,3})?$/i.exec(token.replace(/^\[(.*)\]$/, '$1'));
  if (m && isIpv6(m[1])) return { type: 'ip-dst', value: m[1] + (m[2] ?? '') };

  // URLs with a scheme
  if (/^[a-z][a-z0-9+.-]{1,15}:\/\/[^/\s]/i.test(token)) return { type: 'url', value: token };

  // e-mail
  m = /^([^@\s:/]+)@([^@\s:/]+)$/.exec(token);
  if (m) {
    const domain = plausibleHostname(m[2]);
    return domain || isIpv4(m[2].replace(/^\[|\]$/g, '')) ? { type: EMAIL_TYPE, value: token } : null;
  }

  // URLs without a scheme: host (domain or IPv4, optional port) followed by a path, query or fragment
  m = /^([^/?#@\s]+?)(?::(\d{1,5}))?([/?#].*)$/.exec(token);
  if (m && (isIpv4(m[1]) || plausibleHostname(m[1]))) {
    if (m[3].length > 1 || m[2]) return { type: 'url', value: token };
    token = m[1]; // "example.com/" is the domain
  }

  // host:port
  m = /^([^:/\s]+):(\d{1,5})$/.exec(token);
  if (m) {
    const host = plausibleHostname(m[1]);
    return host ? { type: 'hostname|port', value: `${host}|${m[2]}` } : null;
  }

  // bitcoin
  if (ATTRIBUTE_TYPES.has('btc') && (isBase58CheckBtc(token) || isBech32Btc(token))) return { type: 'btc', value: token };

  // domain / hostname
  const host = plausibleHostname(token);
  if (host) return { type: domainOrHostname(host), value: host };
  return null;
}

/** Characters that separate tokens (MISP splits on white space, commas, semicolons and angle brackets). */
const SEPARATORS = /[\s,;<>"'`]+/u;
const LEADING_JUNK = /^[*•·]+/u;
const TRAILING_JUNK = /[.,:;!?)\]}*•·]+$/u;
const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Drops punctuation around a token: "(evil.com).", "http://x.com/a)", "[2001:db8::1]" (but not "[::1]:443"). */
function cleanToken(raw: string): string {
  let t = raw.replace(LEADING_JUNK, '');
  // A trailing closer belongs to the token when the token opens it too ("http://x/Foo_(bar)").
  const tail = t.match(TRAILING_JUNK)?.[0];
  if (tail) {
    let keep = 0;
    for (const ch of tail) {
      if ((ch === ']' && t.includes('[')) || (ch === ')' && t.includes('(')) || (ch === '}' && t.includes('{'))) keep++;
      else break;
    }
    t = t.slice(0, t.length - tail.length + keep);
  }
  for (;;) {
    const close = PAIRS[t[0]];
    if (!close) break;
    if (t.endsWith(close)) t = t.slice(1, -1);
    else if (!t.includes(close)) t = t.slice(1);
    else break;
  }
  return t;
}

/** The type and normal form of a single (already refanged) token, or null. */
export function classifyToken(token: string): DetectedIndicator | null {
  const t = cleanToken(token.trim());
  if (t.length < 3 || t.length > 4096) return null;
  const hit = classify(t);
  if (!hit) return null;
  try {
    return { type: hit.type, value: normaliseAttributeValue(hit.type, hit.value) };
  } catch {
    return null;
  }
}

function excluded(regex: RegExp | undefined, value: string): boolean {
  if (!regex) return false;
  regex.lastIndex = 0;
  return regex.test(value);
}

function* detectIn(text: string, seen: Set<string> | null, opts: DetectOptions): Generator<DetectedIndicator> {
  for (const raw of refang(text).split(SEPARATORS)) {
    if (!raw) continue;
    const hit = classifyToken(raw);
    if (!hit || excluded(opts.excludeRegex, hit.value)) continue;
    if (seen) {
      const key = `${hit.type}\u0000${hit.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    yield hit;
  }
}

/**
 * The indicators found in `text`, in order of appearance, each type/value pair once. Values are normalised;
 * invalid-looking candidates (e.g. `999.1.1.1`) are skipped. Lazy: consume with `for..of` or `[...]`.
 */
export function detectIndicators(text: string, opts: DetectOptions = {}): Iterable<DetectedIndicator> {
  return detectIn(text, new Set(), opts);
}

/**
 * Streaming variant: the indicators in a stream of lines, each with its 1-based line number. `#` comment lines are
 * skipped by default; type/value pairs are yielded once per call unless `dedupe: false`.
 */
export async function* detectIndicatorsInLines(
  lines: AsyncIterable<string> | Iterable<string>,
  opts: LineDetectOptions = {},
): AsyncGenerator<DetectedIndicator & { line: number }> {
  const seen = opts.dedupe === false ? null : new Set<string>();
  const skipComments = opts.skipCommentLines !== false;
  let line = 0;
  for await (const text of lines) {
    line++;
    if (skipComments && /^\s*#/.test(text)) continue;
    for (const hit of detectIn(text, seen, opts)) yield { ...hit, line };
  }
}

/**
 * Splits a byte or text stream into lines (LF or CRLF; UTF-8 with its BOM dropped), holding at most one partial
 * line in memory.
 */
export async function* readLines(
  input: Readable | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let first = true;
  const emit = function* (chunkText: string, final: boolean) {
    let text = pending + chunkText;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    pending = text.slice(start);
    if (final && pending) {
      yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
      pending = '';
    }
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* emit(text, false);
  }
  yield* emit(decoder.decode(), true);
}
