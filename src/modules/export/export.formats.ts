import { createHash, randomUUID } from 'node:crypto';
import { ExportAttribute, ExportChunk, ExportEvent, ExportTag } from './export-source';

/**
 * The export formats as pure writers: each turns chunks of (event, attributes) into text pieces, with
 * state limited to the current event (STIX object_refs of one event) and small sets (identities and
 * markings already written). A writer never holds the whole export.
 */
export interface ExportWriter {
  /** Text before the first chunk. */
  begin(): string;
  /** Text for a run of attributes of one event (runs of one event are consecutive). */
  chunk(c: ExportChunk): string;
  /** Text after the last chunk. */
  end(): string;
}

export interface ExportFormatInfo {
  name: ExportFormatName;
  contentType: string;
  extension: string;
  /** Restrictive formats default to toIds=true and published=true (what MISP users expect of IDS exports). */
  restrictive: boolean;
  /** Attribute types the format can express (null: all). */
  types: readonly string[] | null;
  create(opts: ExportWriterOptions): ExportWriter;
}

export interface ExportWriterOptions {
  /** First sid of IDS rules. */
  sidBase?: number;
  /** Random uuid source (bundle id). */
  uuid?: () => string;
}

export const EXPORT_FORMATS = ['csv', 'text', 'suricata', 'snort', 'stix2', 'misp-json'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

const unixSeconds = (d: Date): string => String(Math.floor(d.getTime() / 1000));

// ---- CSV -------------------------------------------------------------------------------------------

/** MISP's attribute CSV columns (event_id is the event uuid here: local ids never leave the hub). */
export const CSV_COLUMNS = [
  'uuid',
  'event_id',
  'category',
  'type',
  'value',
  'comment',
  'to_ids',
  'date',
  'object_relation',
  'attribute_tag',
  'event_info',
] as const;

/** RFC 4180 cell: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** MISP's CSV `date`: the attribute's last change as YYYYMMDD (UTC). */
const csvDate = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '');

function csvWriter(): ExportWriter {
  return {
    begin: () => `${CSV_COLUMNS.join(',')}\r\n`,
    chunk: ({ event, attributes }) =>
      attributes
        .map(
          (a) =>
            [
              a.uuid,
              event.uuid,
              a.category,
              a.type,
              a.value,
              a.comment ?? '',
              a.toIds ? '1' : '0',
              csvDate(a.timestamp),
              a.objectRelation ?? '',
              a.tags.map((t) => t.name).join(','),
              event.info,
            ]
              .map(csvCell)
              .join(',') + '\r\n',
        )
        .join(''),
    end: () => '',
  };
}

// ---- plain values ----------------------------------------------------------------------------------

/** One value per line; a line break inside a value would split it, so it becomes a space. */
function textWriter(): ExportWriter {
  return {
    begin: () => '',
    chunk: ({ attributes }) => attributes.map((a) => `${a.value.replace(/[\r\n]+/g, ' ')}\n`).join(''),
    end: () => '',
  };
}

// ---- Suricata / Snort ------------------------------------------------------------------------------

/** Attribute types that become IDS rules. */
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
  'email-src',
  'email-dst',
] as const;

/**
 * A content string for a rule: printable ASCII stays, except the characters rule syntax gives a meaning
 * to (`"`, `;`, `\`, `|`, `:`), which with everything else (non-ASCII as UTF-8 bytes) become |hex|.
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

/** A msg text: the characters that would end or escape the option are replaced. */
export function ruleMsg(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[";\\|]/g, "'")
    .slice(0, 200);
}

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

/** Rule address of an IP or CIDR value (IPv6 as is: both engines accept it). */
const ruleAddress = (ip: string): string => ip;
const isPort = (p: string) => /^\d{1,5}$/.test(p) && Number(p) <= 65535;

interface RuleBody {
  header: string;
  options: string[];
}

function ruleBodies(a: ExportAttribute, engine: 'suricata' | 'snort'): RuleBody[] {
  const [v1, v2] = a.value.split('|');
  const suricata = engine === 'suricata';
  const dns = (name: string): RuleBody =>
    suricata
      ? { header: 'alert dns $HOME_NET any -> any any', options: ['dns.query', `content:"${ruleContent(name)}"`, 'nocase', 'isdataat:!1,relative'] }
      : { header: 'alert udp $HOME_NET any -> any 53', options: [`content:"${dnsContent(name)}"`, 'nocase', 'fast_pattern'] };
  const httpHost = (host: string): RuleBody =>
    suricata
      ? { header: 'alert http $HOME_NET any -> $EXTERNAL_NET any', options: ['flow:to_server,established', 'http.host', `content:"${ruleContent(host)}"`, 'nocase', 'endswith'] }
      : { header: 'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS', options: ['flow:to_server,established', `content:"Host|3A| ${ruleContent(host)}"`, 'nocase', 'http_header'] };
  switch (a.type) {
    case 'ip-src':
      return [{ header: `alert ip ${ruleAddress(a.value)} any -> $HOME_NET any`, options: [] }];
    case 'ip-dst':
      return [{ header: `alert ip $HOME_NET any -> ${ruleAddress(a.value)} any`, options: [] }];
    case 'ip-src|port':
      return isPort(v2) ? [{ header: `alert tcp ${ruleAddress(v1)} ${v2} -> $HOME_NET any`, options: [] }] : [];
    case 'ip-dst|port':
      return isPort(v2) ? [{ header: `alert tcp $HOME_NET any -> ${ruleAddress(v1)} ${v2}`, options: [] }] : [];
    case 'domain':
    case 'hostname':
      return [dns(a.value), httpHost(a.value)];
    case 'hostname|port':
      return [dns(v1)];
    case 'domain|ip':
      return [dns(v1), { header: `alert ip $HOME_NET any -> ${ruleAddress(v2)} any`, options: [] }];
    case 'url': {
      let host = '';
      let path = a.value;
      try {
        const u = new URL(a.value);
        host = u.hostname;
        path = `${u.pathname}${u.search}`;
      } catch {
        /* a URL without a scheme: match it as a whole in the URI */
      }
      const opts = suricata
        ? [
            'flow:to_server,established',
            ...(host ? ['http.host', `content:"${ruleContent(host)}"`, 'nocase'] : []),
            'http.uri',
            `content:"${ruleContent(path || '/')}"`,
          ]
        : [
            'flow:to_server,established',
            ...(host ? [`content:"${ruleContent(host)}"`, 'nocase', 'http_header'] : []),
            `content:"${ruleContent(path || '/')}"`,
            'http_uri',
          ];
      return [{ header: suricata ? 'alert http $HOME_NET any -> $EXTERNAL_NET any' : 'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS', options: opts }];
    }
    case 'user-agent':
      return [
        suricata
          ? { header: 'alert http $HOME_NET any -> $EXTERNAL_NET any', options: ['flow:to_server,established', 'http.user_agent', `content:"${ruleContent(a.value)}"`] }
          : { header: 'alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS', options: ['flow:to_server,established', `content:"${ruleContent(a.value)}"`, 'http_header'] },
      ];
    case 'email-src':
    case 'email-dst': {
      const verb = a.type === 'email-src' ? 'MAIL FROM' : 'RCPT TO';
      return [
        {
          header: 'alert tcp $EXTERNAL_NET any -> $SMTP_SERVERS 25',
          options: ['flow:established,to_server', `content:"${ruleContent(`${verb}:`)}"`, 'nocase', `content:"${ruleContent(a.value)}"`, 'nocase', 'distance:0'],
        },
      ];
    }
    default:
      return [];
  }
}

function rulesWriter(engine: 'suricata' | 'snort', opts: ExportWriterOptions): ExportWriter {
  let sid = opts.sidBase ?? 4_000_000;
  return {
    begin: () => `# threatmesh ${engine} rules\n`,
    chunk: ({ event, attributes }) => {
      let out = '';
      for (const a of attributes) {
        for (const body of ruleBodies(a, engine)) {
          const msg = ruleMsg(`threatmesh e:${event.uuid} ${event.info} - ${a.type} ${a.value}`);
          const options = [
            `msg:"${msg}"`,
            ...body.options,
            'classtype:trojan-activity',
            `sid:${sid++}`,
            'rev:1',
            `metadata:misp_event ${event.uuid}, misp_attribute ${a.uuid}`,
          ];
          out += `${body.header} (${options.join('; ')};)\n`;
        }
      }
      return out;
    },
    end: () => '',
  };
}

// ---- STIX 2.1 --------------------------------------------------------------------------------------

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

function stixWriter(opts: ExportWriterOptions): ExportWriter {
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

// ---- MISP JSON -------------------------------------------------------------------------------------

const mispTag = (t: ExportTag) => ({ name: t.name, colour: t.colour, exportable: true, local: false });

/** An attribute in MISP's JSON shape (numbers as strings, as MISP writes them). */
export function mispAttribute(a: ExportAttribute, eventUuid: string) {
  return {
    uuid: a.uuid,
    event_uuid: eventUuid,
    type: a.type,
    category: a.category,
    value: a.value,
    to_ids: a.toIds,
    comment: a.comment ?? '',
    distribution: String(a.distribution),
    timestamp: unixSeconds(a.timestamp),
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_relation: a.objectRelation,
    first_seen: a.firstSeen ? a.firstSeen.toISOString() : null,
    last_seen: a.lastSeen ? a.lastSeen.toISOString() : null,
    Tag: a.tags.map(mispTag),
  };
}

/** The event fields of MISP's JSON shape, without Attribute (written as a stream by the caller). */
export function mispEventFields(e: ExportEvent) {
  return {
    uuid: e.uuid,
    info: e.info,
    date: e.date,
    threat_level_id: String(e.threatLevel),
    analysis: String(e.analysis),
    distribution: String(e.distribution),
    published: e.published,
    timestamp: unixSeconds(e.timestamp),
    publish_timestamp: e.publishedAt ? unixSeconds(e.publishedAt) : '0',
    disable_correlation: e.disableCorrelation,
    extends_uuid: e.extendsUuid ?? '',
    ...(e.sharingGroup ? { SharingGroup: { uuid: e.sharingGroup.uuid, name: e.sharingGroup.name } } : {}),
    Orgc: { name: e.creatorOrg.name, uuid: e.creatorOrg.uuid },
    Tag: e.tags.map(mispTag),
  };
}

/** `{"Event": {...fields, "Attribute": [` — the open part of one event (the caller streams attributes, then closes). */
export function mispEventOpen(e: ExportEvent): string {
  const fields = JSON.stringify({ Event: mispEventFields(e) });
  return `${fields.slice(0, -2)},"Attribute":[`;
}
export const MISP_EVENT_CLOSE = ']}}';

/**
 * MISP JSON events as MISP's events/restSearch returns them: `{"response":[{"Event":{...}}, ...]}`,
 * each event with the matching attributes the caller may see.
 */
function mispJsonWriter(): ExportWriter {
  let current: string | null = null;
  let firstEvent = true;
  let firstAttr = true;
  return {
    begin: () => '{"response":[',
    chunk: ({ event, attributes }) => {
      let out = '';
      if (current !== event.uuid) {
        if (current) out += MISP_EVENT_CLOSE;
        out += `${firstEvent ? '\n' : ',\n'}${mispEventOpen(event)}`;
        firstEvent = false;
        firstAttr = true;
        current = event.uuid;
      }
      for (const a of attributes) {
        out += `${firstAttr ? '' : ','}\n${JSON.stringify(mispAttribute(a, event.uuid))}`;
        firstAttr = false;
      }
      return out;
    },
    end: () => `${current ? MISP_EVENT_CLOSE : ''}\n]}\n`,
  };
}

/** MISP feed hashes.csv lines of an attribute: md5 of the value (and of each part of a composite value). */
export function feedHashLines(a: Pick<ExportAttribute, 'value'>, eventUuid: string): string {
  const parts = a.value.includes('|') ? [a.value, ...a.value.split('|')] : [a.value];
  return [...new Set(parts)].map((p) => `${createHash('md5').update(p, 'utf8').digest('hex')},${eventUuid}\n`).join('');
}

/** A manifest.json entry (MISP feed): the summary MISP reads to decide which events to fetch. */
export function manifestEntry(e: ExportEvent) {
  return {
    info: e.info,
    date: e.date,
    analysis: String(e.analysis),
    threat_level_id: String(e.threatLevel),
    timestamp: unixSeconds(e.timestamp),
    publish_timestamp: e.publishedAt ? unixSeconds(e.publishedAt) : '0',
    Orgc: { name: e.creatorOrg.name, uuid: e.creatorOrg.uuid },
    Tag: e.tags.map((t) => ({ name: t.name, colour: t.colour })),
  };
}

// ---- registry --------------------------------------------------------------------------------------

const FORMAT_INFO: Record<ExportFormatName, Omit<ExportFormatInfo, 'name'>> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', restrictive: false, types: null, create: () => csvWriter() },
  text: { contentType: 'text/plain; charset=utf-8', extension: 'txt', restrictive: true, types: null, create: () => textWriter() },
  suricata: { contentType: 'text/plain; charset=utf-8', extension: 'rules', restrictive: true, types: RULE_TYPES, create: (o) => rulesWriter('suricata', o) },
  snort: { contentType: 'text/plain; charset=utf-8', extension: 'rules', restrictive: true, types: RULE_TYPES, create: (o) => rulesWriter('snort', o) },
  stix2: { contentType: 'application/stix+json; version=2.1', extension: 'json', restrictive: false, types: null, create: (o) => stixWriter(o) },
  'misp-json': { contentType: 'application/json; charset=utf-8', extension: 'json', restrictive: false, types: null, create: () => mispJsonWriter() },
};

/** The format of that name, or null (the caller answers BAD_USER_INPUT naming it). */
export function exportFormat(name: string): ExportFormatInfo | null {
  return (EXPORT_FORMATS as readonly string[]).includes(name) ? { name: name as ExportFormatName, ...FORMAT_INFO[name as ExportFormatName] } : null;
}
