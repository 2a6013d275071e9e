import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeKeys, correlatingParts, correlationKeyOf, ipRangeOf, parseSearchCidr } from '../../src/modules/attribute/attribute-keys';
import { exclusionMatcher } from '../../src/modules/attribute/correlation';
import { checkValueList, checkValuePattern, parseTimeBound, parseTimeRange } from '../../src/modules/search/search-terms';
import { isAppError } from '../../src/shared/errors';
import { valueHashCandidates } from '../../src/modules/search/attribute-terms';
import { dottedQuad } from '../../src/modules/attribute/dotted-quad';
import { valueHash } from '../../src/modules/attribute/attribute-keys';
import { normaliseAttributeValue } from '../../src/modules/attribute/attribute-values';

const badInputNaming = (f: () => unknown, text: string) =>
  assert.throws(f, (e: unknown) => isAppError(e) && e.code === 'BAD_USER_INPUT' && e.message.includes(text), `expected BAD_USER_INPUT naming ${text}`);

describe('relative and absolute time bounds', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  for (const [text, expected] of [
    ['30m', '2026-03-10T11:30:00.000Z'],
    ['12h', '2026-03-10T00:00:00.000Z'],
    ['7d', '2026-03-03T12:00:00.000Z'],
    ['2w', '2026-02-24T12:00:00.000Z'],
    ['45s', '2026-03-10T11:59:15.000Z'],
    ['7D', '2026-03-03T12:00:00.000Z'],
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T10:00:00Z', '2026-01-31T10:00:00.000Z'],
    ['2026-01-31T10:00:00+02:00', '2026-01-31T08:00:00.000Z'],
    ['1767225600', '2026-01-01T00:00:00.000Z'],
  ] as const) {
    test(`${text} -> ${expected}`, () => assert.equal(parseTimeBound(text, now, 'timestamp.from').toISOString(), expected));
  }
  test('an unknown unit is named', () => badInputNaming(() => parseTimeBound('7x', now, 'timestamp.from'), 'unknown time unit "x"'));
  test('nonsense is named', () => badInputNaming(() => parseTimeBound('last week', now, 'timestamp.to'), '"last week"'));
  test('from after to is refused', () => badInputNaming(() => parseTimeRange({ from: '1h', to: '1d' }, now, 'timestamp'), 'after'));
});

describe('value patterns and lists', () => {
  test('patterns keep at least two literal characters', () => {
    assert.equal(checkValuePattern('%.example.com'), '%.example.com');
    badInputNaming(() => checkValuePattern('%'), '"%"');
    badInputNaming(() => checkValuePattern('%a%'), '"%a%"');
  });
  test('lists: trimmed, deduplicated, at most 10,000, no empty value', () => {
    assert.deepEqual(checkValueList([' a ', 'a', 'b']), ['a', 'b']);
    badInputNaming(() => checkValueList(Array.from({ length: 10_001 }, (_, i) => String(i))), '10001');
    badInputNaming(() => checkValueList(['a', ' ']), 'values[1]');
  });
});

describe('correlating parts', () => {
  for (const [type, value, parts] of [
    ['ip-dst', '10.0.0.1', ['10.0.0.1']],
    ['ip-dst|port', '10.0.0.1|443', ['10.0.0.1']],
    ['hostname|port', 'a.example.com|80', ['a.example.com']],
    ['domain|ip', 'a.example.com|10.0.0.1', ['a.example.com', '10.0.0.1']],
    ['filename|sha256', 'x.exe|' + 'a'.repeat(64), ['x.exe', 'a'.repeat(64)]],
    ['url', 'https://evil.example.com/a?b=1', ['evil.example.com/a?b=1']],
    ['url', 'evil.example.com/a?b=1', ['evil.example.com/a?b=1']],
    ['comment', 'hello', []],
    ['port', '443', []],
    ['text', 'hello', ['hello']],
  ] as const) {
    test(`${type} ${value}`, () => assert.deepEqual(correlatingParts(type, value), parts));
  }
  test('ip-dst|port and ip-src share the IP key', () => {
    assert.equal(attributeKeys('ip-dst|port', '10.0.0.1|443').correlationKey, attributeKeys('ip-src', '10.0.0.1').correlationKey);
    assert.equal(attributeKeys('domain|ip', 'a.test|10.0.0.1').correlationKey2, correlationKeyOf('10.0.0.1'));
    assert.equal(attributeKeys('comment', 'x').correlationKey, null);
  });
  test('exclusions: exact (case-insensitive) and % patterns', () => {
    const ex = exclusionMatcher(['8.8.8.8', '%.google.com', 'win%.exe']);
    assert.ok(ex('8.8.8.8') && ex('dns.GOOGLE.com') && ex('winlogon.exe'));
    assert.ok(!ex('8.8.4.4') && !ex('google.com') && !ex('x.winlogon.exe'));
  });
});

describe('IP ranges', () => {
  test('IPv4 addresses sort inside their blocks, mapped into IPv6', () => {
    const block = parseSearchCidr('10.0.0.0/8');
    const ip = ipRangeOf('10.20.30.40')!;
    assert.ok(block.start <= ip.start && ip.end <= block.end);
    assert.ok(ipRangeOf('11.0.0.0')!.start > block.end);
    assert.equal(block.start, '00000000000000000000ffff0a000000');
    assert.equal(block.end, '00000000000000000000ffff0affffff');
  });
  test('a stored CIDR is contained only in a block that covers all of it', () => {
    const stored = ipRangeOf('192.168.1.0/24')!;
    const wide = parseSearchCidr('192.168.0.0/16');
    const narrow = parseSearchCidr('192.168.1.128/25');
    assert.ok(wide.start <= stored.start && stored.end <= wide.end);
    assert.ok(!(narrow.start <= stored.start && stored.end <= narrow.end));
  });
  test('IPv6 and odd prefixes', () => {
    const r = parseSearchCidr('2001:db8::/33');
    assert.equal(r.start, '20010db8000000000000000000000000');
    assert.equal(r.end, '20010db87fffffffffffffffffffffff');
    assert.deepEqual(parseSearchCidr('10.0.0.1'), ipRangeOf('10.0.0.1'));
  });
  for (const bad of ['10.0.0.0/33', '10.0.0', '0x0a.0.0.1/8', 'evil.com', '2001:db8::/129']) {
    test(`malformed CIDR ${bad} is named`, () => badInputNaming(() => parseSearchCidr(bad), `"${bad}"`));
  }
});

describe('value lookups: canonical IPv4', () => {
  // valueHashCandidates answers a canonical dotted quad without normalising it: that holds only while
  // ip-dst stores such an address exactly as written, and the pattern takes nothing else.
  const canonical = ['0.0.0.0', '1.2.3.4', '10.0.0.1', '192.168.100.200', '255.255.255.255', '99.199.249.250'];
  for (let i = 0; i < 200; i++) canonical.push(Array.from({ length: 4 }, (_, k) => (i * 37 + k * 101 + i * k * 13) % 256).join('.'));
  test('ip-dst stores a canonical address as written; its only candidate is its own hash', () => {
    for (const ip of canonical) {
      assert.ok(dottedQuad(ip) >= 0, ip);
      assert.equal(normaliseAttributeValue('ip-dst', ip), ip);
      assert.deepEqual(valueHashCandidates(ip), [valueHash(ip)]);
    }
  });
  test('other spellings take the general path (and find the stored form)', () => {
    for (const [text, stored] of [
      ['010.1.2.3', null],
      ['1.2.3.04', null],
      ['256.1.2.3', null],
      ['1.2.3', null],
      ['1.2.3.4/32', null],
      [' 1.2.3.4 ', '1.2.3.4'],
      ['1[.]2.3.4', null],
    ] as const) {
      assert.ok(dottedQuad(text) < 0, text);
      if (stored) assert.ok(valueHashCandidates(text).includes(valueHash(stored)), text);
    }
    // An IPv6 spelling ip-dst rewrites: the stored form is a candidate too.
    const v6 = '2001:DB8:0:0:0:0:0:1';
    assert.ok(valueHashCandidates(v6).includes(valueHash(normaliseAttributeValue('ip-dst', v6))));
    assert.notEqual(normaliseAttributeValue('ip-dst', v6), v6);
  });
});
