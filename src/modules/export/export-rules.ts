/** IDS rules: Suricata and Snort, one rule per expressible attribute. */
import { ExportAttribute } from './export-source';
import { ExportWriter, ExportWriterOptions } from './export-writer';

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

export function rulesWriter(engine: 'suricata' | 'snort', opts: ExportWriterOptions): ExportWriter {
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
