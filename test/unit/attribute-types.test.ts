import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ATTRIBUTE_TYPES,
  CATEGORIES,
  getAttributeType,
  resolveCategory,
} from '../../src/modules/attribute/attribute-types';

function assertBadInput(fn: () => unknown, ...mustMention: string[]) {
  assert.throws(fn, (e: any) => {
    assert.equal(e.extensions?.code, 'BAD_USER_INPUT');
    for (const text of mustMention) assert.ok(e.message.includes(text), `"${e.message}" should mention "${text}"`);
    return true;
  });
}

describe('attribute type catalogue', () => {
  test('has all 194 MISP attribute types and the 16 categories', () => {
    assert.equal(ATTRIBUTE_TYPES.size, 194);
    assert.equal(CATEGORIES.length, 16);
    assert.equal(new Set(CATEGORIES).size, 16);
    for (const c of ['Internal reference', 'Payload delivery', 'Network activity', 'Financial fraud', 'Person', 'Other']) {
      assert.ok(CATEGORIES.includes(c as never), c);
    }
  });

  test('every entry is consistent', () => {
    for (const [key, info] of ATTRIBUTE_TYPES) {
      assert.equal(info.type, key);
      assert.ok(info.allowedCategories.length > 0, key);
      assert.ok(info.allowedCategories.includes(info.defaultCategory), `${key}: default category is allowed`);
      for (const c of info.allowedCategories) assert.ok(CATEGORIES.includes(c as never), `${key}: ${c}`);
      assert.equal(new Set(info.allowedCategories).size, info.allowedCategories.length, `${key}: no duplicates`);
      // Composite types are the "a|b" ones, plus malware-sample (filename|md5).
      assert.equal(info.composite, key.includes('|') || key === 'malware-sample', `${key}: composite flag`);
    }
  });

  const KNOWN: Array<[type: string, defaultCategory: string, toIds: boolean, composite: boolean]> = [
    ['md5', 'Payload delivery', true, false],
    ['sha256', 'Payload delivery', true, false],
    ['filename|md5', 'Payload delivery', true, true],
    ['ip-dst', 'Network activity', true, false],
    ['domain', 'Network activity', true, false],
    ['domain|ip', 'Network activity', true, true],
    ['url', 'Network activity', true, false],
    ['link', 'External analysis', false, false],
    ['comment', 'Other', false, false],
    ['text', 'Other', false, false],
    ['vulnerability', 'External analysis', false, false],
    ['AS', 'Network activity', false, false],
    ['malware-sample', 'Payload delivery', true, true],
    ['btc', 'Financial fraud', true, false],
    ['onion-address', 'Network activity', true, false],
  ];
  for (const [type, defaultCategory, toIdsDefault, composite] of KNOWN) {
    test(`known defaults: ${type}`, () => {
      const info = getAttributeType(type);
      assert.equal(info.defaultCategory, defaultCategory);
      assert.equal(info.toIdsDefault, toIdsDefault);
      assert.equal(info.composite, composite);
    });
  }

  test('comment and text may be filed under every category', () => {
    assert.deepEqual([...getAttributeType('comment').allowedCategories].sort(), [...CATEGORIES].sort());
  });

  test('getAttributeType rejects unknown types (case-sensitive, like MISP)', () => {
    assertBadInput(() => getAttributeType('foo'), 'Unknown attribute type "foo"');
    assertBadInput(() => getAttributeType('MD5'), '"MD5"');
    assertBadInput(() => getAttributeType(''), 'Unknown attribute type ""');
  });
});

describe('resolveCategory', () => {
  const CASES: Array<[type: string, category: string | null | undefined, expected: string]> = [
    ['md5', undefined, 'Payload delivery'],
    ['md5', null, 'Payload delivery'],
    ['md5', '', 'Payload delivery'],
    ['md5', '   ', 'Payload delivery'],
    ['md5', 'Artifacts dropped', 'Artifacts dropped'],
    ['md5', ' external ANALYSIS ', 'External analysis'],
    ['comment', undefined, 'Other'],
    ['comment', 'Person', 'Person'],
    ['ip-dst', 'Payload delivery', 'Payload delivery'],
  ];
  for (const [type, category, expected] of CASES) {
    test(`${type} / ${JSON.stringify(category)} → ${expected}`, () => {
      assert.equal(resolveCategory(type, category), expected);
    });
  }

  test('rejects a category not allowed for the type, naming both and the allowed ones', () => {
    assertBadInput(
      () => resolveCategory('md5', 'Network activity'),
      'Network activity',
      '"md5"',
      'Payload delivery, Artifacts dropped, Payload installation, External analysis',
    );
    assertBadInput(() => resolveCategory('ip-dst', 'Nonsense'), 'Nonsense', '"ip-dst"');
  });

  test('rejects an unknown type', () => {
    assertBadInput(() => resolveCategory('nope', 'Other'), '"nope"');
  });
});
