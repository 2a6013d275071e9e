/**
 * The MISP attribute type catalogue: every attribute type MISP knows (194), its default category, whether
 * it is an IDS indicator by default, whether its value is a composite `left|right` pair, and the categories
 * it may be filed under (16 categories in all).
 *
 * Facts taken from MISP's describeTypes (MISP v2.5); the table below is the project's own rendering of them.
 */
import { badInput } from '../../shared/errors';

/** The 16 MISP attribute categories, in MISP's order. */
export const CATEGORIES = [
  'Internal reference',
  'Targeting data',
  'Antivirus detection',
  'Payload delivery',
  'Artifacts dropped',
  'Payload installation',
  'Persistence mechanism',
  'Network activity',
  'Payload type',
  'Attribution',
  'External analysis',
  'Financial fraud',
  'Support Tool',
  'Social network',
  'Person',
  'Other',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface AttributeTypeInfo {
  type: string;
  defaultCategory: string;
  toIdsDefault: boolean;
  composite: boolean;
  allowedCategories: readonly string[];
}

const ALL: readonly Category[] = CATEGORIES;

type Row = readonly [type: string, defaultCategory: Category, toIdsDefault: boolean, composite: boolean,
  allowedCategories: readonly Category[]];

// [type, default category, to_ids by default, composite, allowed categories]
const TABLE = [
  ['md5', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['sha1', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['sha256', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Persistence mechanism', 'External analysis',
  ]],
  ['pdb', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['filename|md5', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename|sha1', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename|sha256', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['ip-src', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['ip-dst', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['hostname', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['domain', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['domain|ip', 'Network activity', true, true, ['Network activity', 'External analysis']],
  ['email', 'Social network', true, false, [
    'Payload delivery', 'Network activity', 'Attribution', 'Social network', 'Person',
  ]],
  ['email-src', 'Payload delivery', true, false, ['Payload delivery', 'Network activity', 'Social network']],
  ['eppn', 'Network activity', true, false, ['Network activity', 'Social network']],
  ['email-dst', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'Social network']],
  ['email-subject', 'Payload delivery', false, false, ['Payload delivery', 'Network activity']],
  ['email-attachment', 'Payload delivery', true, false, ['Payload delivery']],
  ['email-body', 'Payload delivery', false, false, ['Payload delivery']],
  ['float', 'Other', false, false, ['Other']],
  ['git-commit-id', 'Internal reference', false, false, ['Internal reference']],
  ['url', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['http-method', 'Network activity', false, false, ['Network activity']],
  ['user-agent', 'Network activity', false, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['ja3-fingerprint-md5', 'Network activity', true, false, [
    'Payload delivery', 'Network activity', 'External analysis',
  ]],
  ['jarm-fingerprint', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['favicon-mmh3', 'Network activity', true, false, ['Network activity']],
  ['hassh-md5', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['hasshserver-md5', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['regkey', 'Persistence mechanism', true, false, ['Artifacts dropped', 'Persistence mechanism', 'External analysis']],
  ['regkey|value', 'Persistence mechanism', true, true, [
    'Artifacts dropped', 'Persistence mechanism', 'External analysis',
  ]],
  ['AS', 'Network activity', false, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['snort', 'Network activity', true, false, ['Network activity', 'External analysis']],
  ['suricata', 'Network activity', true, false, ['Network activity', 'External analysis']],
  ['bro', 'Network activity', true, false, ['Network activity', 'External analysis']],
  ['zeek', 'Network activity', true, false, ['Network activity', 'External analysis']],
  ['community-id', 'Network activity', true, false, ['Network activity', 'External analysis']],
  ['dom-hash', 'Network activity', true, false, ['Network activity', 'External analysis']],
  ['pattern-in-file', 'Payload installation', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity', 'External analysis',
  ]],
  ['pattern-in-traffic', 'Network activity', true, false, [
    'Payload delivery', 'Payload installation', 'Network activity', 'External analysis',
  ]],
  ['pattern-in-memory', 'Payload installation', true, false, [
    'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename-pattern', 'Payload installation', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity', 'External analysis',
  ]],
  ['pgp-public-key', 'Person', false, false, ['Artifacts dropped', 'Social network', 'Person', 'Other']],
  ['pgp-private-key', 'Person', false, false, ['Artifacts dropped', 'Social network', 'Person', 'Other']],
  ['ssh-fingerprint', 'Network activity', false, false, ['Network activity']],
  ['yara', 'Payload installation', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['stix2-pattern', 'Payload installation', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity',
  ]],
  ['sigma', 'Payload installation', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['gene', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['kusto-query', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['mime-type', 'Artifacts dropped', false, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['identity-card-number', 'Person', false, false, ['Person']],
  ['cookie', 'Network activity', false, false, ['Artifacts dropped', 'Network activity']],
  ['vulnerability', 'External analysis', false, false, [
    'Payload delivery', 'Payload installation', 'External analysis',
  ]],
  ['cpe', 'External analysis', false, false, [
    'Payload delivery', 'Payload installation', 'External analysis', 'Other',
  ]],
  ['weakness', 'External analysis', false, false, ['Payload delivery', 'Payload installation', 'External analysis']],
  ['attachment', 'External analysis', false, false, [
    'Antivirus detection', 'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity',
    'External analysis', 'Support Tool',
  ]],
  ['malware-sample', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['link', 'External analysis', false, false, [
    'Internal reference', 'Antivirus detection', 'Payload delivery', 'External analysis', 'Support Tool',
  ]],
  ['comment', 'Other', false, false, ALL],
  ['text', 'Other', false, false, [
    'Internal reference', 'Antivirus detection', 'Payload delivery', 'Artifacts dropped', 'Payload installation',
    'Persistence mechanism', 'Network activity', 'Payload type', 'Attribution', 'External analysis',
    'Financial fraud', 'Support Tool', 'Social network', 'Person', 'Other',
  ]],
  ['hex', 'Other', false, false, [
    'Internal reference', 'Antivirus detection', 'Payload delivery', 'Artifacts dropped', 'Payload installation',
    'Persistence mechanism', 'Network activity', 'Financial fraud', 'Support Tool', 'Other',
  ]],
  ['other', 'Other', false, false, [
    'Internal reference', 'Antivirus detection', 'Payload delivery', 'Artifacts dropped', 'Payload installation',
    'Persistence mechanism', 'Network activity', 'Payload type', 'Attribution', 'External analysis',
    'Financial fraud', 'Support Tool', 'Social network', 'Person', 'Other',
  ]],
  ['named pipe', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['mutex', 'Artifacts dropped', true, false, ['Artifacts dropped']],
  ['process-state', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['target-user', 'Targeting data', false, false, ['Targeting data']],
  ['target-email', 'Targeting data', false, false, ['Targeting data']],
  ['target-machine', 'Targeting data', false, false, ['Targeting data']],
  ['target-org', 'Targeting data', false, false, ['Targeting data']],
  ['target-location', 'Targeting data', false, false, ['Targeting data']],
  ['target-external', 'Targeting data', false, false, ['Targeting data']],
  ['btc', 'Financial fraud', true, false, ['Financial fraud']],
  ['dash', 'Financial fraud', true, false, ['Financial fraud']],
  ['xmr', 'Financial fraud', true, false, ['Financial fraud']],
  ['iban', 'Financial fraud', true, false, ['Financial fraud']],
  ['bic', 'Financial fraud', true, false, ['Financial fraud']],
  ['bank-account-nr', 'Financial fraud', true, false, ['Financial fraud']],
  ['aba-rtn', 'Financial fraud', true, false, ['Financial fraud']],
  ['bin', 'Financial fraud', true, false, ['Financial fraud']],
  ['cc-number', 'Financial fraud', true, false, ['Financial fraud']],
  ['prtn', 'Financial fraud', true, false, ['Financial fraud']],
  ['phone-number', 'Person', false, false, ['Financial fraud', 'Person', 'Other']],
  ['threat-actor', 'Attribution', false, false, ['Attribution']],
  ['campaign-name', 'Attribution', false, false, ['Attribution']],
  ['campaign-id', 'Attribution', false, false, ['Attribution']],
  ['malware-type', 'Payload delivery', false, false, ['Payload delivery', 'Payload installation']],
  ['uri', 'Network activity', true, false, ['Network activity']],
  ['authentihash', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['vhash', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['ssdeep', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['imphash', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['telfhash', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['pehash', 'Payload delivery', true, false, ['Payload delivery', 'Payload installation']],
  ['impfuzzy', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['sha224', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['sha384', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['sha512', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['sha512/224', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['sha512/256', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['sha3-224', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['sha3-256', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['sha3-384', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['sha3-512', 'Payload delivery', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['tlsh', 'Payload delivery', true, false, ['Payload delivery', 'Payload installation']],
  ['cdhash', 'Payload delivery', true, false, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['filename|authentihash', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|vhash', 'Payload delivery', true, true, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['filename|ssdeep', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|imphash', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|impfuzzy', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|pehash', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|sha224', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|sha384', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|sha512', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|sha512/224', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|sha512/256', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation',
  ]],
  ['filename|sha3-224', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename|sha3-256', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename|sha3-384', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename|sha3-512', 'Payload delivery', true, true, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
  ]],
  ['filename|tlsh', 'Payload delivery', true, true, ['Payload delivery', 'Artifacts dropped', 'Payload installation']],
  ['windows-scheduled-task', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['windows-service-name', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['windows-service-displayname', 'Artifacts dropped', false, false, ['Artifacts dropped']],
  ['whois-registrant-email', 'Attribution', false, false, ['Payload delivery', 'Attribution', 'Social network']],
  ['whois-registrant-phone', 'Attribution', false, false, ['Attribution']],
  ['whois-registrant-name', 'Attribution', false, false, ['Attribution']],
  ['whois-registrant-org', 'Attribution', false, false, ['Attribution']],
  ['whois-registrar', 'Attribution', false, false, ['Attribution']],
  ['whois-creation-date', 'Attribution', false, false, ['Attribution']],
  ['x509-fingerprint-sha1', 'Network activity', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity', 'Attribution',
    'External analysis',
  ]],
  ['x509-fingerprint-md5', 'Network activity', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity', 'Attribution',
    'External analysis',
  ]],
  ['x509-fingerprint-sha256', 'Network activity', true, false, [
    'Payload delivery', 'Artifacts dropped', 'Payload installation', 'Network activity', 'Attribution',
    'External analysis',
  ]],
  ['dns-soa-email', 'Attribution', false, false, ['Attribution']],
  ['size-in-bytes', 'Other', false, false, ['Other']],
  ['counter', 'Other', false, false, ['Other']],
  ['integer', 'Other', false, false, ['Other']],
  ['datetime', 'Other', false, false, ['Other']],
  ['port', 'Network activity', false, false, ['Network activity', 'Other']],
  ['ip-dst|port', 'Network activity', true, true, ['Payload delivery', 'Network activity', 'External analysis']],
  ['ip-src|port', 'Network activity', true, true, ['Payload delivery', 'Network activity', 'External analysis']],
  ['hostname|port', 'Network activity', true, true, ['Payload delivery', 'Network activity']],
  ['mac-address', 'Network activity', false, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['mac-eui-64', 'Network activity', false, false, ['Payload delivery', 'Network activity', 'External analysis']],
  ['email-dst-display-name', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-src-display-name', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-header', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-reply-to', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-x-mailer', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-mime-boundary', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-thread-index', 'Payload delivery', false, false, ['Payload delivery']],
  ['email-message-id', 'Payload delivery', false, false, ['Payload delivery']],
  ['github-username', 'Social network', false, false, ['Social network']],
  ['github-repository', 'Social network', false, false, ['External analysis', 'Social network']],
  ['github-organisation', 'Social network', false, false, ['Social network']],
  ['jabber-id', 'Social network', false, false, ['Social network']],
  ['twitter-id', 'Social network', false, false, ['Social network']],
  ['dkim', 'Network activity', false, false, ['Network activity']],
  ['dkim-signature', 'Network activity', false, false, ['Network activity']],
  ['first-name', 'Person', false, false, ['Person']],
  ['middle-name', 'Person', false, false, ['Person']],
  ['last-name', 'Person', false, false, ['Person']],
  ['full-name', 'Person', false, false, ['Person']],
  ['date-of-birth', 'Person', false, false, ['Person']],
  ['place-of-birth', 'Person', false, false, ['Person']],
  ['gender', 'Person', false, false, ['Person']],
  ['passport-number', 'Person', false, false, ['Person']],
  ['passport-country', 'Person', false, false, ['Person']],
  ['passport-expiration', 'Person', false, false, ['Person']],
  ['redress-number', 'Person', false, false, ['Person']],
  ['nationality', 'Person', false, false, ['Person']],
  ['visa-number', 'Person', false, false, ['Person']],
  ['issue-date-of-the-visa', 'Person', false, false, ['Person']],
  ['primary-residence', 'Person', false, false, ['Person']],
  ['country-of-residence', 'Person', false, false, ['Person']],
  ['special-service-request', 'Person', false, false, ['Person']],
  ['frequent-flyer-number', 'Person', false, false, ['Person']],
  ['travel-details', 'Person', false, false, ['Person']],
  ['payment-details', 'Person', false, false, ['Person']],
  ['place-port-of-original-embarkation', 'Person', false, false, ['Person']],
  ['place-port-of-clearance', 'Person', false, false, ['Person']],
  ['place-port-of-onward-foreign-destination', 'Person', false, false, ['Person']],
  ['passenger-name-record-locator-number', 'Person', false, false, ['Person']],
  ['mobile-application-id', 'Payload delivery', true, false, ['Payload delivery', 'Payload installation']],
  ['azure-application-id', 'Payload delivery', true, false, ['Payload delivery', 'Payload installation']],
  ['chrome-extension-id', 'Payload delivery', true, false, ['Payload delivery', 'Payload installation']],
  ['edge-extension-id', 'Payload delivery', true, false, ['Payload delivery', 'Payload installation']],
  ['cortex', 'External analysis', false, false, ['External analysis']],
  ['boolean', 'Other', false, false, ['Other']],
  ['uuid', 'Other', false, false, ['Other']],
  ['anonymised', 'Other', false, false, ALL],
  ['onion-address', 'Network activity', true, false, ['Payload delivery', 'Network activity', 'External analysis']],
] as const satisfies readonly Row[];

/** Every attribute type name MISP knows. */
export type AttributeTypeName = (typeof TABLE)[number][0];

export const ATTRIBUTE_TYPES: ReadonlyMap<string, AttributeTypeInfo> = new Map(
  TABLE.map(([type, defaultCategory, toIdsDefault, composite, allowedCategories]): [string, AttributeTypeInfo] => [
    type,
    Object.freeze({
      type,
      defaultCategory,
      toIdsDefault,
      composite,
      allowedCategories: Object.freeze([...allowedCategories]),
    }),
  ]),
);

/** The catalogue entry of `type`; throws BAD_USER_INPUT when MISP does not know the type. */
export function getAttributeType(type: string): AttributeTypeInfo {
  const info = ATTRIBUTE_TYPES.get(type);
  if (!info) throw badInput(`Unknown attribute type "${type}"`, { attributeType: type });
  return info;
}

/**
 * The category an attribute of `type` is filed under: `category` when given (surrounding white space and letter
 * case are forgiven, the canonical spelling is returned), the type's default category when absent or blank.
 * Throws BAD_USER_INPUT when the type is unknown or the category is not allowed for the type.
 */
export function resolveCategory(type: string, category?: string | null): string {
  const info = getAttributeType(type);
  const wanted = category?.trim();
  if (!wanted) return info.defaultCategory;
  const match = info.allowedCategories.find((c) => c.toLowerCase() === wanted.toLowerCase());
  if (match) return match;
  throw badInput(
    `Category "${category}" is not allowed for attribute type "${type}"; allowed categories: ` +
      info.allowedCategories.join(', '),
    { attributeType: type, category },
  );
}
