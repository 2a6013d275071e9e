/**
 * This project's own per-type table of the stricter value rules (strict-values.rules.ts): which rule each
 * attribute type takes, and how a composite value is split into checked parts.
 */
import { splitComposite } from './attribute-composite';
import type { AttributeTypeName } from './attribute-types';
import {
  InvalidValue,
  Normaliser,
  asNumber,
  bankCode,
  boolean,
  cdhash,
  colonHexOfLength,
  cryptoAddress,
  digitsOnly,
  domainName,
  email,
  float,
  freeText,
  hex,
  hexOfLength,
  httpMethod,
  impfuzzy,
  integer,
  invalid,
  ipAddress,
  ipOrCidr,
  isoDatetime,
  jabberId,
  json,
  lowerCase,
  macAddress,
  nonNegativeInteger,
  onionAddress,
  phoneNumber,
  port,
  singleLine,
  ssdeep,
  sshFingerprint,
  telfhash,
  tlsh,
  uri,
  url,
  uuid,
  vhash,
  vulnerability,
  weakness,
  windowsServiceName,
} from './strict-values.rules';

// ---------------------------------------------------------------------------------------------------------------
// The per-type table. Types not listed take any text (multi-line allowed).

const HASHES: Partial<Record<AttributeTypeName, Normaliser>> = {
  md5: hexOfLength(32),
  sha1: hexOfLength(40),
  sha224: hexOfLength(56),
  sha256: hexOfLength(64),
  sha384: hexOfLength(96),
  sha512: hexOfLength(128),
  'sha512/224': hexOfLength(56),
  'sha512/256': hexOfLength(64),
  'sha3-224': hexOfLength(56),
  'sha3-256': hexOfLength(64),
  'sha3-384': hexOfLength(96),
  'sha3-512': hexOfLength(128),
  imphash: hexOfLength(32),
  pehash: hexOfLength(40),
  authentihash: hexOfLength(64),
  'git-commit-id': hexOfLength(40),
  'ja3-fingerprint-md5': hexOfLength(32),
  'jarm-fingerprint': hexOfLength(62),
  'hassh-md5': hexOfLength(32),
  'hasshserver-md5': hexOfLength(32),
  'dom-hash': hexOfLength(32),
  'x509-fingerprint-md5': colonHexOfLength(32),
  'x509-fingerprint-sha1': colonHexOfLength(40),
  'x509-fingerprint-sha256': colonHexOfLength(64),
  tlsh,
  telfhash,
  ssdeep,
  impfuzzy,
  vhash,
  cdhash,
};

export const SINGLE_LINE_TYPES: readonly AttributeTypeName[] = [
  'filename', 'pdb', 'regkey', 'url', 'user-agent', 'windows-scheduled-task', 'named pipe',
  'target-user', 'target-machine', 'target-org', 'target-location', 'target-external',
  'campaign-name', 'campaign-id', 'threat-actor', 'malware-type', 'email-subject',
  'whois-registrant-name', 'whois-registrant-org', 'whois-registrar', 'whois-creation-date',
  'date-of-birth', 'place-of-birth', 'gender', 'passport-number', 'passport-country', 'passport-expiration',
  'redress-number', 'nationality', 'visa-number', 'issue-date-of-the-visa', 'primary-residence',
  'country-of-residence', 'special-service-request', 'frequent-flyer-number', 'travel-details',
  'payment-details', 'place-port-of-original-embarkation', 'place-port-of-clearance',
  'place-port-of-onward-foreign-destination', 'passenger-name-record-locator-number',
  'email-dst-display-name', 'email-src-display-name', 'email-reply-to', 'email-x-mailer',
  'email-mime-boundary', 'email-thread-index', 'email-message-id',
  'github-username', 'github-repository', 'github-organisation', 'twitter-id', 'dkim', 'dkim-signature',
  'favicon-mmh3', 'chrome-extension-id', 'edge-extension-id', 'mobile-application-id', 'azure-application-id',
];

const NORMALISERS: Partial<Record<AttributeTypeName, Normaliser>> = {
  ...Object.fromEntries(SINGLE_LINE_TYPES.map((t) => [t, singleLine])),
  ...HASHES,
  'ip-src': ipOrCidr,
  'ip-dst': ipOrCidr,
  domain: domainName,
  hostname: domainName,
  'onion-address': onionAddress,
  port,
  AS: asNumber,
  'mac-address': macAddress(false),
  'mac-eui-64': macAddress(true),
  email,
  'email-src': email,
  'email-dst': email,
  'target-email': email,
  'whois-registrant-email': email,
  'dns-soa-email': email,
  eppn: email,
  'jabber-id': jabberId,
  url: url(false),
  link: url(true),
  uri,
  'ssh-fingerprint': sshFingerprint,
  'size-in-bytes': nonNegativeInteger,
  counter: nonNegativeInteger,
  integer,
  float,
  datetime: isoDatetime,
  vulnerability,
  weakness,
  'http-method': httpMethod,
  hex,
  boolean,
  uuid,
  cortex: json,
  'cc-number': digitsOnly('card number'),
  bin: digitsOnly('card BIN'),
  'bank-account-nr': digitsOnly('bank account number'),
  'aba-rtn': digitsOnly('routing transit number'),
  'phone-number': phoneNumber,
  'whois-registrant-phone': phoneNumber,
  prtn: phoneNumber,
  iban: bankCode,
  bic: bankCode,
  btc: cryptoAddress,
  dash: cryptoAddress,
  xmr: cryptoAddress,
  'windows-service-name': windowsServiceName,
  'windows-service-displayname': windowsServiceName,
  anonymised: lowerCase,
};

type Part = readonly [name: string, normalise: Normaliser];

const FILENAME: Part = ['filename', singleLine];

const withFilename = (hash: AttributeTypeName): readonly [Part, Part] => [FILENAME, [hash, HASHES[hash]!]];

const COMPOSITES: Partial<Record<AttributeTypeName, readonly [Part, Part]>> = {
  'filename|md5': withFilename('md5'),
  'filename|sha1': withFilename('sha1'),
  'filename|sha256': withFilename('sha256'),
  'filename|authentihash': withFilename('authentihash'),
  'filename|vhash': withFilename('vhash'),
  'filename|ssdeep': withFilename('ssdeep'),
  'filename|imphash': withFilename('imphash'),
  'filename|impfuzzy': withFilename('impfuzzy'),
  'filename|pehash': withFilename('pehash'),
  'filename|sha224': withFilename('sha224'),
  'filename|sha384': withFilename('sha384'),
  'filename|sha512': withFilename('sha512'),
  'filename|sha512/224': withFilename('sha512/224'),
  'filename|sha512/256': withFilename('sha512/256'),
  'filename|sha3-224': withFilename('sha3-224'),
  'filename|sha3-256': withFilename('sha3-256'),
  'filename|sha3-384': withFilename('sha3-384'),
  'filename|sha3-512': withFilename('sha3-512'),
  'filename|tlsh': withFilename('tlsh'),
  'malware-sample': withFilename('md5'),
  'domain|ip': [
    ['domain', domainName],
    ['ip', ipAddress],
  ],
  'ip-src|port': [
    ['ip', ipAddress],
    ['port', port],
  ],
  'ip-dst|port': [
    ['ip', ipAddress],
    ['port', port],
  ],
  'hostname|port': [
    ['hostname', domainName],
    ['port', port],
  ],
  'regkey|value': [
    ['regkey', singleLine],
    ['value', freeText],
  ],
};

const GENERIC_COMPOSITE: readonly [Part, Part] = [
  ['first', singleLine],
  ['second', singleLine],
];

function normaliseComposite(type: AttributeTypeName, value: string): string {
  const parts = COMPOSITES[type] ?? GENERIC_COMPOSITE;
  const split = splitComposite(value);
  if (!split) {
    const count = value.split('|').length;
    invalid(`expected exactly two parts "${parts[0][0]}|${parts[1][0]}", got ${count}`);
  }
  return split
    .map((raw, i) => {
      const [name, normalise] = parts[i];
      const part = raw.trim();
      if (!part) invalid(`the ${name} part is empty`);
      try {
        return normalise(part);
      } catch (e) {
        if (e instanceof InvalidValue) invalid(`${name} part "${quote(part)}": ${e.message}`);
        throw e;
      }
    })
    .join('|');
}

const quote = (value: string): string => (value.length > 100 ? `${value.slice(0, 100)}…` : value);

/** This project's own rule for `type` (a composite is split on "|" and each trimmed part checked). */
export function strictNormalise(type: AttributeTypeName, composite: boolean, value: string): string {
  return composite ? normaliseComposite(type, value) : (NORMALISERS[type] ?? freeText)(value);
}
