/**
 * The project's own list of well-known public feeds: the facts of MISP's 84 default feeds (app/files/feed-metadata/
 * defaults.json, MISP v2.5): name, provider, URL, format, CSV value columns and delimiter, exclude regex, fixed
 * event, delta merge, distribution, publish, override IDS, tag. Loaded on request; every feed starts disabled.
 *
 * Conventions: `csv.valueColumns` are 1-based, `[]` where MISP leaves the setting blank (a CSV feed then reads
 * column 1); `csv.delimiter` is ',' where MISP leaves it blank; `excludeRegex` keeps MISP's "/pattern/flags"
 * form (see `parseExcludeRegex`); `distribution` is MISP's 0 (your organisation only) ... 3 (all communities).
 */
import { parseExcludeRegex, type CsvFeedOptions } from './parsers/csv';

export type FeedSourceFormat = 'MISP' | 'CSV' | 'FREETEXT';

export interface DefaultFeed {
  readonly name: string;
  readonly provider: string;
  readonly url: string;
  readonly sourceFormat: FeedSourceFormat;
  /** Always false: an administrator enables the feeds they want. */
  readonly enabled: false;
  /** One event reused on every fetch (only new values added) instead of a new event per fetch. */
  readonly fixedEvent: boolean;
  /** Values gone from the source are soft-deleted. */
  readonly deltaMerge: boolean;
  readonly distribution: number;
  /** Publish the event after a fetch. */
  readonly publish: boolean;
  /** Set to_ids false on everything the feed creates. */
  readonly overrideIds: boolean;
  /** MISP's "lookup visible" (feed hits shown in correlation lookups). */
  readonly lookupVisible: boolean;
  readonly csv: { readonly valueColumns: readonly number[]; readonly delimiter: string };
  readonly excludeRegex?: string;
  /** Attributes created from the feed have correlation disabled. */
  readonly disableCorrelation?: boolean;
  /** Tag applied to the data the feed creates. */
  readonly tag?: string;
}

const BLOCK_LIST = 'osint:source-type="block-or-filter-list"';
const AUTO_COLLECTION = 'osint:source-type="automatic-collection"';

interface Row {
  format: FeedSourceFormat;
  name: string;
  provider: string;
  url: string;
  fixedEvent: boolean;
  deltaMerge: boolean;
  distribution: number;
  publish?: boolean;
  overrideIds?: boolean;
  lookupVisible?: boolean;
  columns?: number[];
  delimiter?: string;
  excludeRegex?: string;
  disableCorrelation?: boolean;
  tag?: string;
}

// In the order of MISP's defaults.json.
const ROWS: readonly Row[] = [
  { format: 'FREETEXT', name: 'ELLIO: IP Feed (Community version)', provider: 'ellio.tech',
    url: 'https://cdn.ellio.tech/community-feed',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, tag: BLOCK_LIST },
  { format: 'MISP', name: 'CIRCL OSINT Feed', provider: 'CIRCL',
    url: 'https://www.circl.lu/doc/misp/feed-osint',
    fixedEvent: false, deltaMerge: false, distribution: 3 },
  { format: 'MISP', name: 'The Botvrij.eu Data', provider: 'Botvrij.eu',
    url: 'https://www.botvrij.eu/data/feed-osint',
    fixedEvent: false, deltaMerge: false, distribution: 3 },
  { format: 'CSV', name: 'blockrules of rules.emergingthreats.net', provider: 'rules.emergingthreats.net',
    url: 'https://rules.emergingthreats.net/blockrules/compromised-ips.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0, overrideIds: true, columns: [1], tag: BLOCK_LIST },
  { format: 'CSV',
    name: 'Tor exit nodes',
    provider: 'TOR Node List from dan.me.uk - careful, this feed applies a lock-out after each pull. This is shared with the "Tor ALL nodes" feed.',
    url: 'https://www.dan.me.uk/torlist/?exit',
    fixedEvent: true, deltaMerge: true, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV',
    name: 'Tor ALL nodes',
    provider: 'TOR Node List from dan.me.uk - careful, this feed applies a lock-out after each pull. This is shared with the "Tor exit nodes" feed.',
    url: 'https://www.dan.me.uk/torlist/',
    fixedEvent: true, deltaMerge: true, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'cybercrime-tracker.net - all', provider: 'cybercrime-tracker.net',
    url: 'https://cybercrime-tracker.net/all.php',
    fixedEvent: true, deltaMerge: true, distribution: 0, tag: BLOCK_LIST },
  { format: 'CSV', name: 'Phishtank online valid phishing', provider: 'Phishtank',
    url: 'https://data.phishtank.com/data/online-valid.csv',
    fixedEvent: true, deltaMerge: true, distribution: 0,
    columns: [2], excludeRegex: '/^http:\\/\\/www.phishtank.com/i', tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'ip-block-list - snort.org', provider: 'https://snort.org',
    url: 'https://snort.org/downloads/ip-block-list',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'diamondfox_panels', provider: 'pan-unit42',
    url: 'https://raw.githubusercontent.com/pan-unit42/iocs/master/diamondfox/diamondfox_panels.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'pop3gropers', provider: 'home.nuug.no',
    url: 'https://home.nuug.no/~peter/pop3gropers.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'Feodo IP Blocklist', provider: 'abuse.ch',
    url: 'https://feodotracker.abuse.ch/downloads/ipblocklist.csv',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [2] },
  { format: 'FREETEXT', name: 'OpenPhish url list', provider: 'openphish.com',
    url: 'https://openphish.com/feed.txt',
    fixedEvent: true, deltaMerge: true, distribution: 3, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'firehol_level1', provider: 'iplists.firehol.org',
    url: 'https://raw.githubusercontent.com/ktsaou/blocklist-ipsets/master/firehol_level1.netset',
    fixedEvent: true, deltaMerge: true, distribution: 3, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV',
    name: 'IPs from High-Confidence DGA-Based C&Cs Actively Resolving - requires a valid license',
    provider: 'osint.bambenekconsulting.com',
    url: 'https://osint.bambenekconsulting.com/feeds/c2-ipmasterlist-high.txt',
    fixedEvent: true, deltaMerge: true, distribution: 3, lookupVisible: true, columns: [1], tag: BLOCK_LIST },
  { format: 'CSV',
    name: 'Domains from High-Confidence DGA-based C&C Domains Actively Resolving',
    provider: 'osint.bambenekconsulting.com',
    url: 'https://osint.bambenekconsulting.com/feeds/c2-dommasterlist-high.txt',
    fixedEvent: true, deltaMerge: true, distribution: 3, lookupVisible: true, columns: [1], tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'ci-badguys.txt', provider: 'cinsscore.com',
    url: 'https://cinsscore.com/list/ci-badguys.txt',
    fixedEvent: true, deltaMerge: true, distribution: 3, overrideIds: true, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'alienvault reputation generic', provider: '.alienvault.com',
    url: 'https://reputation.alienvault.com/reputation.generic',
    fixedEvent: true, deltaMerge: false, distribution: 3,
    lookupVisible: true, columns: [1], delimiter: ' ', tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'blocklist.de/lists/all.txt', provider: 'blocklist.de',
    url: 'https://lists.blocklist.de/lists/all.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'VNC RFB', provider: 'dataplane.org',
    url: 'https://dataplane.org/vncrfb.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'sshpwauth.txt', provider: 'dataplane.org',
    url: 'https://dataplane.org/sshpwauth.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3,
    lookupVisible: true, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'sipregistration', provider: 'dataplane.org',
    url: 'https://dataplane.org/sipregistration.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3,
    lookupVisible: true, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'sipquery', provider: 'dataplane.org',
    url: 'https://dataplane.org/sipquery.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3,
    lookupVisible: true, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'sipinvitation', provider: 'dataplane.org',
    url: 'https://dataplane.org/sipinvitation.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3,
    lookupVisible: true, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'DNS recursion desired', provider: 'dataplane.org',
    url: 'https://dataplane.org/dnsrd.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'DNS recursion desired IN ANY', provider: 'dataplane.org',
    url: 'https://dataplane.org/dnsrdany.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'DNS CH TXT version.bind', provider: 'dataplane.org',
    url: 'https://dataplane.org/dnsversion.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'IP protocol 41', provider: 'dataplane.org',
    url: 'https://dataplane.org/proto41.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'SMTP data', provider: 'dataplane.org',
    url: 'https://dataplane.org/smtpdata.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'SMTP greet', provider: 'dataplane.org',
    url: 'https://dataplane.org/smtpgreet.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV', name: 'TELNET login', provider: 'dataplane.org',
    url: 'https://dataplane.org/telnetlogin.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [3], delimiter: '|', tag: BLOCK_LIST },
  { format: 'CSV',
    name: 'All current domains belonging to known malicious DGAs',
    provider: 'osint.bambenekconsulting.com',
    url: 'https://osint.bambenekconsulting.com/feeds/dga-feed-high.csv',
    fixedEvent: true, deltaMerge: true, distribution: 3, lookupVisible: true, columns: [1], tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'VXvault - URL List', provider: 'VXvault',
    url: 'http://vxvault.net/URL_List.php',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'CSV', name: 'abuse.ch SSL IPBL', provider: 'abuse.ch',
    url: 'https://sslbl.abuse.ch/blacklist/sslblacklist.csv',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [2] },
  { format: 'FREETEXT',
    name: 'http://cybercrime-tracker.net hashlist',
    provider: 'http://cybercrime-tracker.net hashlist',
    url: 'https://cybercrime-tracker.net/ccamlist.php',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'FREETEXT',
    name: 'http://cybercrime-tracker.net gatelist',
    provider: 'http://cybercrime-tracker.net gatelist',
    url: 'https://cybercrime-tracker.net/ccamgate.php',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'CSV', name: 'blocklist.greensnow.co', provider: 'greensnow.co',
    url: 'https://blocklist.greensnow.co/greensnow.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [1] },
  { format: 'FREETEXT',
    name: 'This list contains all domains - A list for administrators to prevent mining in networks',
    provider: 'ZeroDot1 - CoinBlockerLists',
    url: 'https://gitlab.com/ZeroDot1/CoinBlockerLists/raw/master/list.txt?inline=false',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'FREETEXT',
    name: 'This list contains all optional domains - An additional list for administrators',
    provider: 'ZeroDot1 - CoinBlockerLists',
    url: 'https://gitlab.com/ZeroDot1/CoinBlockerLists/raw/master/list_optional.txt?inline=false',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'FREETEXT',
    name: 'This list contains all browser mining domains - A list to prevent browser mining only',
    provider: 'ZeroDot1 - CoinBlockerLists',
    url: 'https://gitlab.com/ZeroDot1/CoinBlockerLists/raw/master/list_browser.txt?inline=false',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'CSV', name: 'URLHaus Malware URLs', provider: 'abuse.ch',
    url: 'https://urlhaus.abuse.ch/downloads/csv_recent/',
    fixedEvent: true, deltaMerge: true, distribution: 3,
    lookupVisible: true, columns: [3], disableCorrelation: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'CyberCure - IP Feed', provider: 'www.cybercure.ai',
    url: 'https://api.cybercure.ai/feed/get_ips?type=csv',
    fixedEvent: true, deltaMerge: false, distribution: 3 },
  { format: 'CSV', name: 'CyberCure - Blocked URL Feed', provider: 'www.cybercure.ai',
    url: 'https://api.cybercure.ai/feed/get_url?type=csv',
    fixedEvent: true, deltaMerge: false, distribution: 3 },
  { format: 'CSV', name: 'CyberCure - Hash Feed', provider: 'www.cybercure.ai',
    url: 'https://api.cybercure.ai/feed/get_hash?type=csv',
    fixedEvent: true, deltaMerge: false, distribution: 3 },
  { format: 'CSV', name: 'ipspamlist', provider: 'ipspamlist',
    url: 'http://www.ipspamlist.com/public_feeds.csv',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [3] },
  { format: 'FREETEXT', name: 'mirai.security.gives', provider: 'security.gives',
    url: 'https://mirai.security.gives/data/ip_list.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'CSV', name: 'malsilo.url', provider: 'MalSilo',
    url: 'https://malsilo.gitlab.io/feeds/dumps/url_list.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [3] },
  { format: 'CSV', name: 'malsilo.ipv4', provider: 'MalSilo',
    url: 'https://malsilo.gitlab.io/feeds/dumps/ip_list.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [3] },
  { format: 'CSV', name: 'malsilo.domain', provider: 'MalSilo',
    url: 'https://malsilo.gitlab.io/feeds/dumps/domain_list.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [3] },
  { format: 'FREETEXT', name: 'malshare.com - current all', provider: 'malshare.com',
    url: 'https://malshare.com/daily/malshare.current.all.txt',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true },
  { format: 'CSV', name: 'Panels Tracker', provider: 'Benkow.cc',
    url: 'https://benkow.cc/export.php',
    fixedEvent: true, deltaMerge: false, distribution: 3, lookupVisible: true, columns: [3, 4], delimiter: ';' },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 1 - lot of false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/1.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: AUTO_COLLECTION },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 2 - medium false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/2.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 3 - low false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/3.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT',
    name: 'IPsum (aggregation of all feeds) - level 4 - very low false positives',
    provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/4.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 5 - ultra false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/5.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 6 - no false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/6.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 7 - no false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/7.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'IPsum (aggregation of all feeds) - level 8 - no false positives', provider: 'IPsum',
    url: 'https://raw.githubusercontent.com/stamparm/ipsum/master/levels/8.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'MISP', name: 'DigitalSide Threat-Intel OSINT Feed', provider: 'osint.digitalside.it',
    url: 'https://osint.digitalside.it/Threat-Intel/digitalside-misp-feed/',
    fixedEvent: true, deltaMerge: false, distribution: 0 },
  { format: 'CSV', name: 'Metasploit exploits with CVE assigned', provider: 'eCrimeLabs',
    url: 'https://feeds.ecrimelabs.net/data/metasploit-cve',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'Malware Bazaar', provider: 'abuse.ch',
    url: 'https://bazaar.abuse.ch/export/txt/md5/recent/',
    fixedEvent: true, deltaMerge: false, distribution: 0,
    lookupVisible: true, excludeRegex: '/^#.*/i', tag: BLOCK_LIST },
  { format: 'CSV', name: 'PhishScore', provider: 'PhishStats',
    url: 'https://phishstats.info/phish_score.csv',
    fixedEvent: true, deltaMerge: true, distribution: 0, lookupVisible: true, columns: [3], tag: BLOCK_LIST },
  { format: 'MISP', name: 'Threatfox', provider: 'abuse.ch',
    url: 'https://threatfox.abuse.ch/downloads/misp/',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true },
  { format: 'MISP', name: 'MalwareBazaar', provider: 'abuse.ch',
    url: 'https://bazaar.abuse.ch/downloads/misp/',
    fixedEvent: false, deltaMerge: false, distribution: 0 },
  { format: 'MISP', name: 'URLhaus', provider: 'abuse.ch',
    url: 'https://urlhaus.abuse.ch/downloads/misp/',
    fixedEvent: false, deltaMerge: false, distribution: 0, disableCorrelation: true },
  { format: 'FREETEXT', name: 'URL Seen in honeypots', provider: 'APNIC Community Honeynet Project',
    url: 'https://feeds.honeynet.asia/url/latest-url-unique.csv',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'SSH Bruteforce IPs', provider: 'APNIC Community Honeynet Project',
    url: 'https://feeds.honeynet.asia/bruteforce/latest-sshbruteforce-unique.csv',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'Telnet Bruteforce IPs', provider: 'APNIC Community Honeynet Project',
    url: 'https://feeds.honeynet.asia/bruteforce/latest-telnetbruteforce-unique.csv',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, tag: BLOCK_LIST },
  { format: 'CSV', name: 'threatfox indicators of compromise', provider: 'abuse.ch',
    url: 'https://threatfox.abuse.ch/export/csv/recent/',
    fixedEvent: true, deltaMerge: false, distribution: 0, lookupVisible: true, columns: [3], tag: BLOCK_LIST },
  { format: 'CSV', name: 'James Brine Bruteforce IPs', provider: 'jamesbrine.com.au',
    url: 'https://jamesbrine.com.au/csv',
    fixedEvent: true, deltaMerge: false, distribution: 3, columns: [1], disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'List of malicious domains in Poland', provider: 'CERT-PL',
    url: 'https://hole.cert.pl/domains/domains.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0, lookupVisible: true, disableCorrelation: false },
  { format: 'CSV', name: 'List of malicious hashes', provider: 'Banco do Brasil S.A',
    url: 'https://cti.bb.com.br:8443/hash-list.csv',
    fixedEvent: true, deltaMerge: false, distribution: 0, disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT',
    name: 'Shreshta: Newly Registered domain names(NRD) - 1 week (Community policy feed)',
    provider: 'shreshtait.com',
    url: 'https://shreshtait.com/newly-registered-domains/nrd-1w',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, tag: BLOCK_LIST },
  { format: 'FREETEXT',
    name: 'Shreshta: Newly Registered domain names (NRD) - 1 month (Community policy feed)',
    provider: 'shreshtait.com',
    url: 'https://shreshtait.com/newly-registered-domains/nrd-1m',
    fixedEvent: true, deltaMerge: true, distribution: 0, publish: true, tag: BLOCK_LIST },
  { format: 'MISP', name: 'Infoblox-Threat-Intelligence', provider: 'infoblox.com',
    url: 'https://raw.githubusercontent.com/infobloxopen/threat-intelligence/main/indicators/misp',
    fixedEvent: false, deltaMerge: false, distribution: 0 },
  { format: 'FREETEXT', name: 'Threatview.io - OSINT Threat Feed', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/Experimental-IOC-Tweets.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0,
    lookupVisible: true, excludeRegex: '/^#.*|Threatview.*/i', disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'CSV', name: 'Threatview.io - C2 Hunt Feed', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/High-Confidence-CobaltStrike-C2%20-Feeds.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0, lookupVisible: true,
    columns: [1, 3], excludeRegex: '/^#.*|Threatview.*/i', disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'Threatview.io - IP Blocklist', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/IP-High-Confidence-Feed.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0,
    lookupVisible: true, disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'Threatview.io - Domain Blocklist', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/DOMAIN-High-Confidence-Feed.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0,
    lookupVisible: true, disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'Threatview.io - MD5 Hash Blocklist', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/MD5-HASH-ALL.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0,
    lookupVisible: true, disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'Threatview.io - URL Blocklist', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/URL-High-Confidence-Feed.txt',
    fixedEvent: true, deltaMerge: true, distribution: 0,
    lookupVisible: true, disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'Threatview.io - Bitcoin Address Intel', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/MALICIOUS-BITCOIN_FEED.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0,
    lookupVisible: true, disableCorrelation: false, tag: BLOCK_LIST },
  { format: 'FREETEXT', name: 'Threatview.io - SHA File Hash Blocklist', provider: 'threatview.io',
    url: 'https://threatview.io/Downloads/SHA-HASH-FEED.txt',
    fixedEvent: true, deltaMerge: false, distribution: 0,
    lookupVisible: true, disableCorrelation: false, tag: BLOCK_LIST },
];

function toFeed(row: Row): DefaultFeed {
  const feed: DefaultFeed = {
    name: row.name,
    provider: row.provider,
    url: row.url,
    sourceFormat: row.format,
    enabled: false,
    fixedEvent: row.fixedEvent,
    deltaMerge: row.deltaMerge,
    distribution: row.distribution,
    publish: row.publish ?? false,
    overrideIds: row.overrideIds ?? false,
    lookupVisible: row.lookupVisible ?? false,
    csv: Object.freeze({ valueColumns: Object.freeze([...(row.columns ?? [])]), delimiter: row.delimiter ?? ',' }),
    ...(row.excludeRegex ? { excludeRegex: row.excludeRegex } : {}),
    ...(row.disableCorrelation !== undefined ? { disableCorrelation: row.disableCorrelation } : {}),
    ...(row.tag ? { tag: row.tag } : {}),
  };
  return Object.freeze(feed);
}

/** MISP's 84 default feeds, all disabled. */
export const DEFAULT_FEEDS: readonly DefaultFeed[] = Object.freeze(ROWS.map(toFeed));

/** The parseCsvFeed options of a CSV default feed (value columns, delimiter, exclude regex). */
export function defaultFeedCsvOptions(feed: DefaultFeed): CsvFeedOptions {
  const excludeRegex = parseExcludeRegex(feed.excludeRegex);
  return {
    valueColumns: feed.csv.valueColumns,
    delimiter: feed.csv.delimiter,
    ...(excludeRegex ? { excludeRegex } : {}),
  };
}
