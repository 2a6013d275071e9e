import Ajv, { ValidateFunction } from 'ajv';

/**
 * Minimal JSON schemas (draft-07) of the STIX 2.1 objects the hub emits: bundle, identity, indicator,
 * report, grouping and TLP marking-definition. The official oasis-open/cti-stix2-json-schemas are not
 * published on npm, so these are written from the STIX 2.1 specification (OASIS Standard, 10 June
 * 2021): §2.7 identifier, §2.11/3.2 common properties and timestamps, §3.1 property names, §4.5
 * grouping, §4.6 identity, §4.7 indicator, §4.13 report, §7.2 marking definitions and TLP, §8 bundle.
 * Custom properties are allowed where the spec allows them, but names must follow §3.1.
 */

const identifier = '^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';
const refTo = (type: string) => ({ type: 'string', pattern: `^${type}--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$` });
/** §3.2: RFC 3339 UTC with "Z"; created/modified at least millisecond precision. */
const timestamp = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?Z$' };
const timestampMillis = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)\\.\\d{3}Z$' };
const nonEmptyStrings = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };

const common = {
  type: 'object',
  // §3.1: property names lower-case ASCII letters, digits and underscore, 3 to 250 characters (the spec's own `id` excepted).
  propertyNames: { pattern: '^(id|[a-z0-9_]{3,250})$' },
  properties: {
    type: { type: 'string', pattern: '^([a-z0-9]+)(-[a-z0-9]+)*$', minLength: 3, maxLength: 250 },
    spec_version: { const: '2.1' },
    id: { type: 'string', pattern: identifier },
    created_by_ref: refTo('identity'),
    created: timestampMillis,
    modified: timestampMillis,
    revoked: { type: 'boolean' },
    labels: nonEmptyStrings,
    confidence: { type: 'integer', minimum: 0, maximum: 100 },
    lang: { type: 'string' },
    external_references: { type: 'array', minItems: 1, items: { type: 'object', required: ['source_name'] } },
    object_marking_refs: { type: 'array', minItems: 1, items: refTo('marking-definition') },
    granular_markings: { type: 'array', minItems: 1 },
  },
};

/** An SDO: common properties with type, spec_version, id, created and modified required (§3.2 table). */
const sdo = (type: string, props: Record<string, unknown>, required: string[]) => ({
  allOf: [
    common,
    {
      type: 'object',
      properties: { type: { const: type }, id: refTo(type), ...props },
      required: ['type', 'spec_version', 'id', 'created', 'modified', ...required],
    },
  ],
});

/**
 * An SCO (§6): type, id, no created/modified; spec_version optional. §6.1-6.x: network-traffic needs a
 * src_ref or dst_ref, file needs a name or hashes (checked by `anyOf` where the spec says so).
 */
const sco = (type: string, props: Record<string, unknown>, required: string[]) => ({
  allOf: [
    { type: 'object', propertyNames: { pattern: '^(id|[a-z0-9_]{3,250})$' }, not: { anyOf: [{ required: ['created'] }, { required: ['modified'] }] } },
    {
      type: 'object',
      properties: { type: { const: type }, id: refTo(type), spec_version: { const: '2.1' }, ...props },
      required: ['type', 'id', ...required],
      ...(type === 'network-traffic' ? { anyOf: [{ required: ['src_ref'] }, { required: ['dst_ref'] }] } : {}),
      ...(type === 'file' || type === 'x509-certificate' ? { anyOf: [{ required: ['name'] }, { required: ['hashes'] }] } : {}),
    },
  ],
});

const objectRefs = { type: 'array', minItems: 1, items: { type: 'string', pattern: identifier } };

export const STIX21_SCHEMAS: Record<string, object> = {
  identity: sdo(
    'identity',
    {
      name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      roles: nonEmptyStrings,
      identity_class: { type: 'string', minLength: 1 },
      sectors: nonEmptyStrings,
      contact_information: { type: 'string' },
    },
    ['name'],
  ),
  indicator: sdo(
    'indicator',
    {
      name: { type: 'string' },
      description: { type: 'string' },
      indicator_types: nonEmptyStrings,
      // A STIX pattern is one or more observation expressions in brackets.
      pattern: { type: 'string', pattern: '^\\[.*\\]$' },
      pattern_type: { type: 'string', minLength: 1 },
      pattern_version: { type: 'string' },
      valid_from: timestamp,
      valid_until: timestamp,
      kill_chain_phases: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['kill_chain_name', 'phase_name'],
          properties: { kill_chain_name: { type: 'string', minLength: 1 }, phase_name: { type: 'string', minLength: 1 } },
        },
      },
    },
    ['pattern', 'pattern_type', 'valid_from'],
  ),
  report: sdo(
    'report',
    {
      name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      report_types: nonEmptyStrings,
      published: timestamp,
      object_refs: objectRefs,
    },
    ['name', 'published', 'object_refs'],
  ),
  grouping: sdo(
    'grouping',
    {
      name: { type: 'string' },
      description: { type: 'string' },
      context: { type: 'string', minLength: 1 },
      object_refs: objectRefs,
    },
    ['context', 'object_refs'],
  ),
  'marking-definition': {
    allOf: [
      common,
      {
        type: 'object',
        properties: {
          type: { const: 'marking-definition' },
          id: refTo('marking-definition'),
          name: { type: 'string' },
          definition_type: { type: 'string' },
          definition: { type: 'object' },
        },
        required: ['type', 'spec_version', 'id', 'created'],
        // §7.2.1.4: the four TLP markings have fixed ids and definitions.
        if: { properties: { definition_type: { const: 'tlp' } }, required: ['definition_type'] },
        then: {
          required: ['definition'],
          oneOf: [
            ['white', '613f2e26-407d-48c7-9eca-b8e91df99dc9'],
            ['green', '34098fce-860f-48ae-8e50-ebd3cc5e41da'],
            ['amber', 'f88d31f6-486f-44da-b317-01333bde0b82'],
            ['red', '5e57c739-391a-4eb3-b6be-7d15ca92d5ed'],
          ].map(([tlp, uuid]) => ({
            properties: {
              id: { const: `marking-definition--${uuid}` },
              name: { const: `TLP:${tlp.toUpperCase()}` },
              created: { const: '2017-01-20T00:00:00.000Z' },
              definition: { type: 'object', properties: { tlp: { const: tlp } }, required: ['tlp'], additionalProperties: false },
            },
          })),
        },
      },
    ],
  },
  'observed-data': sdo(
    'observed-data',
    {
      first_observed: timestamp,
      last_observed: timestamp,
      number_observed: { type: 'integer', minimum: 1, maximum: 999999999 },
      object_refs: objectRefs,
    },
    ['first_observed', 'last_observed', 'number_observed', 'object_refs'],
  ),
  vulnerability: sdo('vulnerability', { name: { type: 'string', minLength: 1 }, description: { type: 'string' } }, ['name']),
  campaign: sdo('campaign', { name: { type: 'string', minLength: 1 }, description: { type: 'string' } }, ['name']),
  // §4: the SDOs galaxy clusters become (misp-stix's galaxy mapping), with their required properties.
  'threat-actor': sdo('threat-actor', { name: { type: 'string', minLength: 1 }, aliases: nonEmptyStrings }, ['name']),
  'intrusion-set': sdo('intrusion-set', { name: { type: 'string', minLength: 1 }, aliases: nonEmptyStrings }, ['name']),
  malware: sdo('malware', { name: { type: 'string', minLength: 1 }, is_family: { type: 'boolean' }, aliases: nonEmptyStrings }, ['is_family']),
  tool: sdo('tool', { name: { type: 'string', minLength: 1 } }, ['name']),
  'attack-pattern': sdo('attack-pattern', { name: { type: 'string', minLength: 1 } }, ['name']),
  'course-of-action': sdo('course-of-action', { name: { type: 'string', minLength: 1 } }, ['name']),
  // §5.1 relationship: a type in the vocabulary's form, both ends identifiers.
  relationship: sdo(
    'relationship',
    { relationship_type: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }, source_ref: { type: 'string', pattern: identifier }, target_ref: { type: 'string', pattern: identifier } },
    ['relationship_type', 'source_ref', 'target_ref'],
  ),
  'x-misp-object': sdo(
    'x-misp-object',
    {
      x_misp_name: { type: 'string', minLength: 1 },
      x_misp_meta_category: { type: 'string' },
      x_misp_attributes: { type: 'array', items: { type: 'object', required: ['type', 'object_relation', 'value'] } },
    },
    ['x_misp_name', 'x_misp_attributes'],
  ),
  'x-misp-galaxy-cluster': sdo(
    'x-misp-galaxy-cluster',
    { x_misp_type: { type: 'string', minLength: 1 }, x_misp_value: { type: 'string', minLength: 1 }, x_misp_name: { type: 'string' } },
    ['x_misp_type', 'x_misp_value'],
  ),
  // MISP's custom object (misp-stix): an SDO whose custom properties start with x_misp_.
  'x-misp-attribute': sdo(
    'x-misp-attribute',
    { x_misp_type: { type: 'string', minLength: 1 }, x_misp_category: { type: 'string', minLength: 1 }, x_misp_value: { type: 'string' } },
    ['x_misp_type', 'x_misp_category', 'x_misp_value'],
  ),
  ...Object.fromEntries(
    [
      ['ipv4-addr', { value: { type: 'string', minLength: 1 } }, ['value']],
      ['ipv6-addr', { value: { type: 'string', minLength: 1 } }, ['value']],
      ['domain-name', { value: { type: 'string', minLength: 1 }, resolves_to_refs: { type: 'array', minItems: 1, items: { type: 'string', pattern: identifier } } }, ['value']],
      ['url', { value: { type: 'string', minLength: 1 } }, ['value']],
      ['email-addr', { value: { type: 'string', minLength: 1 } }, ['value']],
      ['mac-addr', { value: { type: 'string', pattern: '^([0-9a-f]{2}:)+[0-9a-f]{2}$' } }, ['value']],
      ['mutex', { name: { type: 'string', minLength: 1 } }, ['name']],
      ['autonomous-system', { number: { type: 'integer', minimum: 0 } }, ['number']],
      ['windows-registry-key', { key: { type: 'string' } }, []],
      ['x509-certificate', { hashes: { type: 'object', minProperties: 1 } }, []],
      ['file', { name: { type: 'string' }, hashes: { type: 'object', minProperties: 1 } }, []],
      ['email-message', { is_multipart: { type: 'boolean' }, from_ref: refTo('email-addr'), to_refs: { type: 'array', minItems: 1, items: refTo('email-addr') } }, ['is_multipart']],
      ['network-traffic', { protocols: nonEmptyStrings, src_port: { type: 'integer', minimum: 0, maximum: 65535 }, dst_port: { type: 'integer', minimum: 0, maximum: 65535 } }, ['protocols']],
    ].map(([type, props, required]) => [type as string, sco(type as string, props as Record<string, unknown>, required as string[])]),
  ),
  // §8: a bundle has type, id and objects only (no spec_version in 2.1).
  bundle: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'id'],
    properties: {
      type: { const: 'bundle' },
      id: refTo('bundle'),
      objects: { type: 'array', minItems: 1, items: { type: 'object', required: ['type', 'id'] } },
    },
  },
};

export interface StixValidator {
  /** Errors of the bundle and of every object (by index and id); types without a schema are reported. */
  validateBundle(bundle: unknown, opts?: { onlyKnownTypes?: boolean }): string[];
}

export function createStixValidator(): StixValidator {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map<string, ValidateFunction>(Object.entries(STIX21_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));
  const problems = (v: ValidateFunction, where: string) => (v.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  return {
    validateBundle(bundle, opts = {}) {
      const out: string[] = [];
      const b = validators.get('bundle')!;
      if (!b(bundle)) out.push(...problems(b, 'bundle'));
      const objects: Array<{ type?: string; id?: string }> = Array.isArray((bundle as { objects?: unknown })?.objects) ? (bundle as { objects: Array<{ type?: string; id?: string }> }).objects : [];
      objects.forEach((o, i) => {
        const v = validators.get(String(o.type));
        if (!v) {
          if (!opts.onlyKnownTypes) out.push(`objects[${i}] ${o.id}: no schema for type ${o.type}`);
          return;
        }
        const where = `objects[${i}] ${o.id}`;
        if (!v(o)) out.push(...problems(v, where));
      });
      return out;
    },
  };
}
