import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getObjectTemplate,
  OBJECT_TEMPLATES,
  validateMispObject,
  type ObjectAttributeRef,
} from '../../src/modules/object/object-templates';
import { factsFromDefinition } from '../../src/modules/object/object-templates.facts';
import { ATTRIBUTE_TYPES, CATEGORIES } from '../../src/modules/attribute/attribute-types';
import { REALWORLD_DIR } from '../support/paths';

const FILE = '688c46fb-5edb-40a3-8273-1af7923e2215';
const rel = (objectRelation: string, type: string): ObjectAttributeRef => ({ objectRelation, type });

describe('shipped template facts', () => {
  test('the templates of the real events and the common ones are there, each with its source commit', () => {
    for (const name of ['file', 'domain-ip', 'url', 'ip-port', 'email', 'pe', 'pe-section', 'registry-key', 'virustotal-report', 'original-imported-file', 'credential']) {
      const t = OBJECT_TEMPLATES.get(name);
      assert.ok(t, name);
      assert.match(t.uuid, /^[0-9a-f-]{36}$/);
      assert.ok(t.version >= 1 && t.metaCategory && t.description, name);
      assert.match(t.sourceCommit ?? '', /^[0-9a-f]{40}$/, `${name} records its misp-objects commit`);
    }
  });

  test('every relation names a MISP attribute type we know, and every required relation exists', () => {
    for (const t of OBJECT_TEMPLATES.values()) {
      for (const [name, r] of Object.entries(t.relations)) {
        for (const type of r.types) assert.ok(ATTRIBUTE_TYPES.has(type), `${t.name}.${name}: ${type}`);
        for (const c of r.categories ?? []) assert.ok(CATEGORIES.includes(c as never), `${t.name}.${name}: ${c}`);
      }
      for (const r of [...t.required, ...t.requiredOneOf]) assert.ok(t.relations[r], `${t.name}: ${r}`);
    }
  });

  test('defaults travel with the facts: file.filename is multiple, uncorrelated, with its categories', () => {
    const f = getObjectTemplate('file')!.relations.filename;
    assert.deepEqual(f, {
      types: ['filename'],
      multiple: true,
      disableCorrelation: true,
      categories: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
    });
    assert.equal(getObjectTemplate(FILE)?.name, 'file', 'found by uuid too');
  });

  test('factsFromDefinition reads a definition.json as MISP does (a misspelt misp-attributes key is no relation)', () => {
    const facts = factsFromDefinition({
      name: 'pe-section',
      uuid: '198A17D2-A135-4B25-9A32-5AA4E632014A',
      version: 1,
      'meta-category': 'file',
      description: 'Object describing a section of a Portable Executable',
      attributes: {
        name: { 'misp-attribute': 'text', sane_default: ['.text'], disable_correlation: true },
        characteristics: { 'misp-attributes': 'text' },
        md5: { 'misp-attribute': 'md5', to_ids: true },
      },
      requiredOneOf: ['name', 'md5'],
    }, 'abc');
    assert.deepEqual(facts, {
      name: 'pe-section',
      uuid: '198a17d2-a135-4b25-9a32-5aa4e632014a',
      version: 1,
      metaCategory: 'file',
      description: 'Object describing a section of a Portable Executable',
      required: [],
      requiredOneOf: ['name', 'md5'],
      relations: {
        name: { types: ['text'], multiple: false, disableCorrelation: true },
        md5: { types: ['md5'], multiple: false, toIds: true },
      },
      sourceCommit: 'abc',
    });
    assert.throws(() => factsFromDefinition({ name: 'x' }), /without name, uuid or version/);
  });
});

describe('validateMispObject', () => {
  // [case, template name, template uuid, attributes, expected error texts (strict); [] = valid]
  const CASES: Array<[string, string, string | null, ObjectAttributeRef[], string[]]> = [
    ['file with a hash and names', 'file', FILE, [rel('sha256', 'sha256'), rel('filename', 'filename'), rel('filename', 'filename')], []],
    ['file without uuid (looked up by name)', 'file', null, [rel('md5', 'md5')], []],
    ['domain-ip', 'domain-ip', '43b3b146-77eb-4931-b4cc-b66c60f28734', [rel('domain', 'domain'), rel('ip', 'ip-dst'), rel('ip', 'ip-dst')], []],
    ['virustotal-report with its permalink', 'virustotal-report', null, [rel('permalink', 'link'), rel('detection-ratio', 'text')], []],
    ['ip-port', 'ip-port', null, [rel('ip', 'ip-dst'), rel('dst-port', 'port')], []],
    ['unknown relation', 'file', FILE, [rel('md5', 'md5'), rel('colour', 'text')], ['unknown relation "colour"']],
    ['type not allowed', 'file', FILE, [rel('md5', 'sha1')], ['relation "md5" takes type md5, not "sha1"']],
    ['non-multiple relation twice', 'file', FILE, [rel('md5', 'md5'), rel('md5', 'md5')], ['relation "md5" is given 2 times but may appear once']],
    ['required relation missing', 'virustotal-report', null, [rel('detection-ratio', 'text')], ['required relation missing: permalink']],
    ['none of requiredOneOf', 'file', FILE, [rel('mimetype', 'mime-type')], ['needs at least one of: filename, size-in-bytes']],
    ['several findings at once', 'url', null, [rel('port', 'port'), rel('port', 'port'), rel('host', 'domain')],
      ['relation "host" takes type hostname, not "domain"', 'relation "port" is given 2 times', 'needs at least one of: url, resource_path']],
  ];

  for (const [name, template, uuid, attributes, expected] of CASES) {
    test(name, () => {
      const strict = validateMispObject(template, uuid, attributes);
      assert.equal(strict.known, true);
      assert.equal(strict.errors.length, expected.length, JSON.stringify(strict.errors));
      expected.forEach((text, i) => assert.ok(strict.errors[i].includes(text), `"${strict.errors[i]}" should include "${text}"`));
      for (const e of strict.errors) assert.ok(e.includes(`object "${template}"`), 'names the object');
      // Import mode: the same findings, as warnings; nothing refused.
      const lenient = validateMispObject(template, uuid, attributes, { mode: 'import' });
      assert.deepEqual(lenient.errors, []);
      assert.deepEqual(lenient.warnings, strict.errors);
    });
  }

  test('an unknown (custom) template is accepted unvalidated', () => {
    const r = validateMispObject('test_object_template', '4ec55cc6-9e49-4c64-b794-03c25c1a6589', [rel('anything', 'text')]);
    assert.deepEqual(r, { known: false, errors: [], warnings: [] });
  });

  test("a MISP name with someone else's template uuid is not validated against MISP's template", () => {
    const r = validateMispObject('file', '00000000-0000-4000-8000-000000000000', [rel('colour', 'text')]);
    assert.equal(r.known, false);
    assert.deepEqual(r.errors, []);
    assert.match(r.warnings[0], /is not MISP's/);
  });

  test('an old name with the template uuid (MISP renamed domain|ip to domain-ip) is validated, with a warning', () => {
    const r = validateMispObject('domain|ip', '43b3b146-77eb-4931-b4cc-b66c60f28734', [rel('domain', 'domain'), rel('ip', 'ip-dst')]);
    assert.equal(r.known, true);
    assert.equal(r.template?.name, 'domain-ip');
    assert.deepEqual(r.errors, []);
    assert.match(r.warnings[0], /validated against MISP template "domain-ip"/);
  });

  test('an attribute without a relation is an error in both modes', () => {
    for (const mode of ['strict', 'import'] as const) {
      const r = validateMispObject('file', FILE, [rel('md5', 'md5'), rel('', 'sha1')], { mode });
      assert.ok(r.errors.some((e) => e.includes('attribute 2 (sha1) has no object relation')), mode);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Every real object validates as MISP accepted it.

interface RawObject {
  name: string;
  template_uuid?: string;
  template_version?: string;
  Attribute?: Array<{ object_relation: string; type: string }>;
}

function realObjects(dir: string): Array<[string, RawObject]> {
  const out: Array<[string, RawObject]> = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  const rest = join(dir, 'restsearch-responses');
  if (existsSync(rest)) files.push(...readdirSync(rest).filter((f) => f.startsWith('objects') || f.startsWith('events')).map((f) => join(rest, f)));
  for (const file of files) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const events = Array.isArray(doc.response) ? doc.response : [doc.Event ?? doc];
    for (const e of events) {
      if (e.Object && !Array.isArray(e.Object)) out.push([file, e.Object]); // objects/restSearch: { Object: {...} }
      else for (const o of (e.Event ?? e).Object ?? []) out.push([file, o]);
    }
  }
  return out;
}

const MISP_JSON = join(REALWORLD_DIR, 'misp-json');

test('real objects: every one MISP accepted passes in import mode, and all but the custom one are known', { skip: !existsSync(MISP_JSON) && 'no ../shared/realworld' }, () => {
  const objects = realObjects(MISP_JSON);
  assert.ok(objects.length >= 129, `${objects.length} objects`);
  const unknown: string[] = [];
  const strictFailures: string[] = [];
  for (const [file, o] of objects) {
    const attributes = (o.Attribute ?? []).map((a) => rel(a.object_relation, a.type));
    const imported = validateMispObject(o.name, o.template_uuid, attributes, { mode: 'import' });
    assert.deepEqual(imported.errors, [], `${file}: ${o.name}`);
    if (!imported.known) unknown.push(o.name);
    const strict = validateMispObject(o.name, o.template_uuid, attributes);
    for (const e of strict.errors) strictFailures.push(`${o.name} v${o.template_version}: ${e}`);
  }
  assert.deepEqual(unknown, ['test_object_template'], 'only PyMISP\'s custom object has no shipped template');
  // The real objects were made with older template versions (file v6-v25, virustotal-report v1-v2, ...);
  // each still fits the current template, so even the strict mode finds nothing.
  assert.deepEqual(strictFailures, []);
});
