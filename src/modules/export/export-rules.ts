/**
 * IDS rules: Suricata 7 and Snort 2 syntax, one or more rules per detectable attribute, the attribute
 * types and rule shapes of MISP's NidsExport (ip-src/ip-dst with or without port, domain, hostname,
 * domain|ip, hostname|port, url, user-agent, email, email-src, email-dst, email-subject,
 * email-attachment, ja3-fingerprint-md5). A rule that cannot be written (a value the engine cannot
 * express, a raw `snort` attribute whose text we cannot vouch for) is skipped and listed in the
 * file's trailer, never emitted broken: one bad rule makes Suricata refuse the whole file.
 *
 * Sids are stable: derived from the attribute's uuid (see `ruleSid`), so the same attribute has the
 * same sid in every export and on every hub; `rev` is the attribute's timestamp in seconds, so an edit
 * gives a higher rev.
 */
import { createHash } from 'node:crypto';
import { ExportAttribute, ExportEvent } from './export-source';
import { ExportWriter, ExportWriterOptions } from './export-writer';

/** Attribute types that become IDS rules (and `snort`, always skipped and reported). */
export const RULE_TYPES = [
  'ip-src',
  'ip-dst',
  'ip-src|port',
  'ip-dst|port',
  'domain',
  'hostname',
  'domain|ip',
  'hostname|port',
  'url',
  'user-agent',
  'email',
  'email-src',
  'email-dst',
  'email-subject',
  'email-attachment',
  'ja3-fingerprint-md5',
  'snort',
] as const;

export type RuleEngine = 'suricata' | 'snort';

/** Default first sid of the range; the range holds SID_SLOTS attributes of SID_RULES_PER_ATTRIBUTE rules each. */
export const DEFAULT_SID_BASE = 1_000_000_000;
export const SID_SLOTS = 100_000_000;
export const SID_RULES_PER_ATTRIBUTE = 16;

/**
 * The slot of an attribute in the sid range: the first 8 bytes of sha256(uuid) modulo SID_SLOTS. Its
 * rules take sids base + slot*16 + 0..15. Two attributes can share a slot (about n²/2·10⁸ pairs for n
 * attributes); the writer then moves the later one (export order: event id, attribute id) to the next
 * free slot, so sids stay unique within a file and stable as long as no collision appears before it.
 */
export function ruleSlot(attributeUuid: string): number {
  const h = createHash('sha256').update(attributeUuid.toLowerCase()).digest();
  return Number(h.readBigUInt64BE(0) % BigInt(SID_SLOTS));
}

/**
 * A content string: printable ASCII stays, except the characters rule syntax gives a meaning to
 * (`"`, `;`, `\`, `|`, and `:` which Snort 2 reads as an option separator in some builds), which with
 * every other byte (controls, non-ASCII as UTF-8 bytes) become |hex| — the only escape both engines
 * read the same way inside content.
 */
export function ruleContent(value: string): string {
  let out = '';
  let hex: string[] = [];
  const flush = () => {
    if (hex.length) out += `|${hex.join(' ')}|`;
    hex = [];
  };
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (byte >= 0x20 && byte < 0x7f && !'";\\|:'.includes(c)) {
      flush();
      out += c;
    } else hex.push(byte.toString(16).toUpperCase().padStart(2, '0'));
  }
  flush();
  return out;
}

/**
 * A msg text: `\`, `"` and `;` escaped with a backslash (both engines' msg escapes), line breaks and
 * other controls as spaces, at most 250 characters (never cutting an escape in half). Nothing of the
 * text is rewritten beyond that.
 */
export function ruleMsg(text: string): string {
  let out = '';
  // eslint-disable-next-line no-control-regex
  for (const ch of text.replace(/[\x00-\x1f\x7f]+/g, ' ')) {
    const piece = ch === '\\' || ch === '"' || ch === ';' ? `\\${ch}` : ch;
    if (out.length + piece.length > 250) break;
    out += piece;
  }
  return out;
}

/** A metadata value: letters, digits, `.`, `-`, `_` only (metadata is `key value, key value`). */
const metaValue = (v: string) => v.replace(/[^A-Za-z0-9._-]/g, '_');

/** DNS wire form of a name for Snort content: |len|label|len|label|00|. */
function dnsContent(name: string): string {
  return (
    name
      .split('.')
      .filter(Boolean)
      .map((label) => `|${Buffer.byteLength(label).toString(16).toUpperCase().padStart(2, '0')}|${ruleContent(label)}`)
      .join('') + '|00|'
  );
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([0-9]|[12]\d|3[0-2]))?$/;
const IPV6 = /^[0-9a-fA-F:.]+(\/(\d|\d\d|1[01]\d|12[0-8]))?$/;
/** A rule address: an IPv4/IPv6 address or CIDR (nothing else: a list or variable would change the rule). */
const ruleAddress = (ip: string): string | null => (IPV4.test(ip) || (ip.includes(':') && IPV6.test(ip)) ? ip : null);
const rulePort = (p: string | undefined): string | null => (p !== undefined && /^\d{1,5}$/.test(p) && Number(p) <= 65535 ? String(Number(p)) : null);
/** A DNS name a rule can hold: labels of letters, digits, `-` and `_`, at most 253 characters. */
const ruleName = (n: string | undefined): string | null => (n && n.length <= 253 && /^[A-Za-z0-9_-]{1,63}(\.[A-Za-z0-9_-]{1,63})*\.?$/.test(n) ? n.toLowerCase().replace(/\.$/, '') : null);

interface RuleBody {
  header: string;
  msg: string;
  options: string[];
}

/** Why an attribute has no rule (the trailer lists it). */
export class RuleSkip extends Error {}

const skip = (why: string): never => {
  throw new RuleSkip(why);
};

const smtp = (verb: string, value: string, label: string): RuleBody => ({
  header: 'alert tcp $EXTERNAL_NET any -> $SMTP_SERVERS 25',
  msg: `${label}: ${value}`,
  options: ['flow:established,to_server', `content:"${ruleContent(verb)}"`, 'nocase', `content:"${ruleContent(value)}"`, 'fast_pattern', 'nocase', 'distance:0'],
});

/** The rule bodies of one attribute for one engine (throws RuleSkip when none can be written). */
export function ruleBodies(a: Pick<ExportAttribute, 'type' | 'value'>, engine: RuleEngine): RuleBody[] {
  const [v1, v2] = a.value.split('|');
  const suricata = engine === 'suricata';
  const address = (ip: string) => ruleAddress(ip) ?? skip(`"${ip}" is not an IP address or CIDR`);
  const name = (n: string) => ruleName(n) ?? skip(`"${n}" is not a DNS name a rule can match`);
  const ipDst = (ip: string, port = 'any'): RuleBody => ({ header: `alert ip $HOME_NET any -> ${address(ip)} ${port}`, msg: `Outgoing To IP: ${ip}${port === 'any' ? '' : `:${port}`}`, options: [] });
  const ipSrc = (ip: string, port = 'any'): RuleBody => ({ header: `alert ip ${address(ip)} ${port} -> $HOME_NET any`, msg: `Incoming From IP: ${ip}${port === 'any' ? '' : `:${port}`}`, options: [] });
  const dns = (n: string, label: string): RuleBody =>
    suricata
      ? { header: 'alert dns $HOME_NET any -> any any', msg: `${label}: ${n}`, options: ['dns.query', `content:"${ruleContent(name(n))}"`, 'nocase', 'endswith'] }
      : { header: 'alert udp $HOME_NET any -> any 53', msg: `${label}: ${n}`, options: [`content:"${dnsContent(name(n))}"`, 'fast_pattern', 'nocase'] };
  // Suricata normalises http.host to lower case and refuses `nocase` (and upper-case patterns) on it.
  const httpHost = (n: string, label: string): RuleBody =>
    suricata
      ? { header: 'alert http $HOME_NET any -> $EXTERNAL_NET any', msg: `${label}: ${n}`, options: ['flow:to_server,established', 'http.host', `content:"${ruleContent(name(n))}"`, 'endswith'] }
      : { header: 'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS', msg: `${label}: ${n}`, options: ['flow:to_server,established', `content:"Host|3A| ${ruleContent(name(n))}"`, 'nocase', 'http_header'] };
  switch (a.type) {
    case 'ip-src':
      return [ipSrc(a.value)];
    case 'ip-dst':
      return [ipDst(a.value)];
    case 'ip-src|port':
      return [ipSrc(v1, rulePort(v2) ?? skip(`"${v2}" is not a port`))];
    case 'ip-dst|port':
      return [ipDst(v1, rulePort(v2) ?? skip(`"${v2}" is not a port`))];
    case 'domain':
      return [dns(a.value, 'Domain'), httpHost(a.value, 'Outgoing HTTP Domain')];
    case 'hostname':
      return [dns(a.value, 'Hostname'), httpHost(a.value, 'Outgoing HTTP Hostname')];
    case 'hostname|port':
      return [dns(v1, 'Hostname')];
    case 'domain|ip':
      return [dns(v1, 'Domain'), ipDst(v2), ipSrc(v2)];
    case 'url': {
      let u: URL;
      try {
        u = new URL(a.value);
      } catch {
        return skip(`"${a.value.slice(0, 100)}" is not an absolute URL`);
      }
      const path = `${u.pathname}${u.search}` || '/';
      const host = u.hostname.replace(/^\[|\]$/g, '');
      const hostOk = ruleName(host) ?? ruleAddress(host);
      const opts = suricata
        ? ['flow:to_server,established', ...(hostOk ? ['http.host', `content:"${ruleContent(hostOk.toLowerCase())}"`] : []), 'http.uri', `content:"${ruleContent(path)}"`, 'nocase']
        : ['flow:to_server,established', ...(hostOk ? [`content:"${ruleContent(hostOk)}"`, 'nocase', 'http_header'] : []), `content:"${ruleContent(path)}"`, 'nocase', 'http_uri'];
      return [{ header: suricata ? 'alert http $HOME_NET any -> $EXTERNAL_NET any' : 'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS', msg: `Outgoing HTTP URL: ${a.value}`, options: opts }];
    }
    case 'user-agent':
      if (!a.value) skip('empty user agent');
      return [
        suricata
          ? { header: 'alert http $HOME_NET any -> $EXTERNAL_NET any', msg: `Outgoing User-Agent: ${a.value}`, options: ['flow:to_server,established', 'http.user_agent', `content:"${ruleContent(a.value)}"`] }
          : { header: 'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS', msg: `Outgoing User-Agent: ${a.value}`, options: ['flow:to_server,established', `content:"${ruleContent(a.value)}"`, 'http_header'] },
      ];
    case 'email':
      return [smtp('MAIL FROM:', a.value, 'Source Email Address'), smtp('RCPT TO:', a.value, 'Destination Email Address')];
    case 'email-src':
      return [smtp('MAIL FROM:', a.value, 'Source Email Address')];
    case 'email-dst':
      return [smtp('RCPT TO:', a.value, 'Destination Email Address')];
    case 'email-subject':
      return [smtp('Subject:', a.value, 'Bad Email Subject')];
    case 'email-attachment':
      return [
        {
          header: 'alert tcp $EXTERNAL_NET any -> $SMTP_SERVERS 25',
          msg: `Bad Email Attachment: ${a.value}`,
          options: ['flow:established,to_server', `content:"${ruleContent('Content-Disposition: attachment; filename="')}"`, 'nocase', `content:"${ruleContent(`${a.value}"`)}"`, 'fast_pattern', 'distance:0'],
        },
      ];
    case 'ja3-fingerprint-md5':
      if (!suricata) return skip('Snort 2 has no JA3 keyword');
      if (!/^[0-9a-f]{32}$/i.test(a.value)) return skip(`"${a.value.slice(0, 100)}" is not an MD5`);
      return [{ header: 'alert tls $HOME_NET any -> $EXTERNAL_NET any', msg: `JA3 fingerprint: ${a.value}`, options: ['ja3.hash', `content:"${a.value.toLowerCase()}"`] }];
    case 'snort':
      return skip('a raw rule attribute is not re-emitted: its text cannot be checked here');
    default:
      return skip(`type ${a.type} has no rule`);
  }
}

const MAX_LISTED_SKIPS = 1000;

/** The reference option: the event on this hub when its address is known, else the event uuid as a urn. */
const reference = (e: ExportEvent, baseUrl: string | undefined) =>
  baseUrl ? `reference:url,${baseUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')}/events/${e.uuid}` : `reference:url,urn:misp-event:${e.uuid}`;

export function rulesWriter(engine: RuleEngine, opts: ExportWriterOptions): ExportWriter {
  const base = opts.sidBase ?? DEFAULT_SID_BASE;
  const usedSlots = new Set<number>();
  const skipped: string[] = [];
  let written = 0;
  let skippedCount = 0;
  const slotOf = (uuid: string) => {
    let slot = ruleSlot(uuid);
    while (usedSlots.has(slot)) slot = (slot + 1) % SID_SLOTS;
    usedSlots.add(slot);
    return slot;
  };
  return {
    begin: () =>
      [
        `# threatmesh ${engine} rules`,
        '# Variables used: $HOME_NET, $EXTERNAL_NET, $SMTP_SERVERS' + (engine === 'snort' ? ', $HTTP_PORTS' : ''),
        `# sid = ${base} + slot(attribute uuid) * ${SID_RULES_PER_ATTRIBUTE} + rule index; rev = attribute timestamp (seconds)`,
        '',
      ].join('\n'),
    chunk: ({ event, attributes }) => {
      let out = '';
      for (const a of attributes) {
        let bodies: RuleBody[];
        try {
          bodies = ruleBodies(a, engine);
        } catch (e) {
          if (!(e instanceof RuleSkip)) throw e;
          skippedCount++;
          // The list is bounded (a huge export of raw rules must not grow memory); the count is not.
          if (skipped.length < MAX_LISTED_SKIPS) skipped.push(`${a.uuid} ${a.type}: ${e.message}`);
          continue;
        }
        const first = base + slotOf(a.uuid) * SID_RULES_PER_ATTRIBUTE;
        const rev = Math.max(1, Math.floor(a.timestamp.getTime() / 1000));
        bodies.forEach((body, i) => {
          const options = [
            `msg:"${ruleMsg(`MISP e${event.uuid} ${body.msg} (${event.info})`)}"`,
            ...body.options,
            'classtype:trojan-activity',
            reference(event, opts.baseUrl),
            `sid:${first + i}`,
            `rev:${rev}`,
            `metadata:misp_event ${metaValue(event.uuid)}, misp_attribute ${metaValue(a.uuid)}, misp_type ${metaValue(a.type)}`,
          ];
          out += `${body.header} (${options.join('; ')};)\n`;
          written++;
        });
      }
      return out;
    },
    end: () =>
      `# ${written} rules written; ${skippedCount} attributes skipped${skippedCount ? ':' : ''}\n` + skipped.map((s) => `# skipped ${s.replace(/[\r\n]+/g, ' ')}\n`).join(''),
  };
}
