import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCell } from '../../src/modules/export/export-lines';
import { ruleContent, ruleMsg } from '../../src/modules/export/export-rules';
import { stixPattern, stixString, tlpOfTag, TLP_MARKINGS } from '../../src/modules/export/export-stix';
import { hasRealworld, REALWORLD_DIR } from '../support/paths';
import { createStixValidator } from '../support/stix21-schemas';

/** Decodes a rule content string (|hex| runs back to bytes). */
const decodeContent = (s: string) =>
  Buffer.concat(s.split(/(\|[0-9A-F ]+\|)/).map((part) => (/^\|[0-9A-F ]+\|$/.test(part) ? Buffer.from(part.slice(1, -1).replace(/ /g, ''), 'hex') : Buffer.from(part, 'latin1')))).toString('utf8');

describe('export format helpers', () => {
  test('rule content: syntax characters and non-ASCII become |hex|, and decode back', () => {
    const cases = ['evil.example', 'a"b;c\\d|e:f', '/p?q=1;2&r="x"', 'ünïcode.example', 'tab\there'];
    for (const v of cases) {
      const c = ruleContent(v);
      assert.doesNotMatch(c.replace(/\|[0-9A-F ]+\|/g, ''), /["\\;|:\x00-\x1f\x7f-\uffff]/, c);
      assert.equal(decodeContent(c), v);
    }
    assert.equal(ruleContent('a;b'), 'a|3B|b');
    assert.equal(ruleContent('"|'), '|22 7C|');
  });

  test('rule msg: quote, semicolon and backslash escaped, no line break survives', () => {
    assert.equal(ruleMsg('x";\\|\r\ny'), 'x\\"\\;\\\\| y');
  });

  test('CSV cells: quoted exactly when needed', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  });

  test('STIX patterns per type, with string literals escaped', () => {
    const table: Array<[string, string, string | null]> = [
      ['ip-dst', '203.0.113.1', "[ipv4-addr:value = '203.0.113.1']"],
      ['ip-src', '2001:db8::1', "[ipv6-addr:value = '2001:db8::1']"],
      ['ip-dst', '10.0.0.0/8', "[ipv4-addr:value = '10.0.0.0/8']"],
      ['ip-dst|port', '203.0.113.1|443', "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.1' AND network-traffic:dst_port = 443]"],
      ['domain', 'evil.example', "[domain-name:value = 'evil.example']"],
      ['hostname', 'www.evil.example', "[domain-name:value = 'www.evil.example']"],
      ['domain|ip', 'evil.example|203.0.113.1', "[domain-name:value = 'evil.example' AND domain-name:resolves_to_refs[*].value = '203.0.113.1']"],
      ['url', "http://x.example/it's", "[url:value = 'http://x.example/it\\'s']"],
      ['email-src', 'a@b.example', "[email-message:from_ref.value = 'a@b.example']"],
      ['email', 'a@b.example', "[email-addr:value = 'a@b.example']"],
      ['md5', 'd41d8cd98f00b204e9800998ecf8427e', "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"],
      ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"],
      ['filename|sha1', 'a.exe|da39a3ee5e6b4b0d3255bfef95601890afd80709', "[file:name = 'a.exe' AND file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']"],
      ['text', 'anything', null],
    ];
    for (const [type, value, expected] of table) assert.equal(stixPattern(type, value), expected, type);
    assert.equal(stixString('a\\b'), "'a\\\\b'");
  });

  test('TLP tags map to the standard marking definitions', () => {
    assert.equal(tlpOfTag('tlp:green'), 'green');
    assert.equal(tlpOfTag('TLP:AMBER+STRICT'), 'amber');
    assert.equal(tlpOfTag('tlp:clear'), 'white');
    assert.equal(tlpOfTag('tlp:ex:chr'), null);
    assert.equal(tlpOfTag('misp:tlp:red'), null);
    assert.equal(TLP_MARKINGS.red.id, 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed');
  });
});

describe('STIX 2.1 schemas (test support) against real misp-stix output', { skip: !hasRealworld() && 'no ../shared/realworld' }, () => {
  test('the objects of the types we emit in misp-stix\'s STIX 2.1 golden files validate', () => {
    const dir = join(REALWORLD_DIR, 'misp-json/stix2-pairs');
    const validator = createStixValidator();
    let checked = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('stix21.json'))) {
      const bundle = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      assert.deepEqual(validator.validateBundle(bundle, { onlyKnownTypes: true }), [], f);
      checked += bundle.objects.filter((o: { type: string }) => ['identity', 'indicator', 'report', 'grouping'].includes(o.type)).length;
    }
    assert.ok(checked > 10, `checked ${checked} objects`);
  });

  test('the schemas refuse what the spec forbids', () => {
    const v = createStixValidator();
    const ind = { type: 'indicator', spec_version: '2.1', id: 'indicator--4bb235a7-7d25-4aef-802f-2c6b45c5eceb', created: '2020-10-25T16:22:00.000Z', modified: '2020-10-25T16:22:00.000Z', pattern: "[domain-name:value = 'x']", pattern_type: 'stix', valid_from: '2020-10-25T16:22:00Z' };
    const bundle = (o: object, extra = {}) => ({ type: 'bundle', id: 'bundle--4bb235a7-7d25-4aef-802f-2c6b45c5eceb', objects: [o], ...extra });
    assert.deepEqual(v.validateBundle(bundle(ind)), []);
    assert.notDeepEqual(v.validateBundle(bundle(ind, { spec_version: '2.1' })), [], 'bundles have no spec_version in 2.1');
    assert.notDeepEqual(v.validateBundle(bundle({ ...ind, valid_from: undefined })), []);
    assert.notDeepEqual(v.validateBundle(bundle({ ...ind, created: '2020-10-25T16:22:00Z' })), [], 'created needs milliseconds');
    assert.notDeepEqual(v.validateBundle(bundle({ ...ind, Pattern: 'x' })), [], 'property names are lower case');
    const tlp = { type: 'marking-definition', spec_version: '2.1', id: TLP_MARKINGS.green.id, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:GREEN', definition: { tlp: 'green' } };
    assert.deepEqual(v.validateBundle(bundle(tlp)), []);
    assert.notDeepEqual(v.validateBundle(bundle({ ...tlp, definition: { tlp: 'red' } })), []);
  });
});
