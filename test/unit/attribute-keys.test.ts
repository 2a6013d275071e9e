import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeKeys, correlationKeyOf, valueColumns, valueHash } from '../../src/modules/attribute/attribute-keys';

/**
 * valueColumns takes the correlation key of a whole value from its value hash (no second sha256): the
 * columns must be exactly those computed from scratch, for whole values, composites and URLs alike.
 */
test('valueColumns gives the same keys as attributeKeys computed without the hash', () => {
  const cases: Array<[string, string]> = [
    ['ip-dst', '10.1.2.3'],
    ['ip-src', '2001:db8::/32'],
    ['domain', 'host.example.com'],
    ['sha256', valueHash('x')],
    ['url', 'https://x.test/a?b'],
    ['ip-dst|port', '10.0.0.1|443'],
    ['domain|ip', 'a.test|10.0.0.1'],
    ['filename|md5', 'same|same'],
    ['comment', 'no correlation'],
  ];
  for (const [type, value] of cases) {
    const { value: v, valueHash: h, ...keys } = valueColumns(type, value);
    assert.equal(v, value);
    assert.equal(h, valueHash(value));
    assert.deepEqual(keys, attributeKeys(type, value), `${type} ${value}`);
  }
  assert.equal(valueColumns('ip-dst', '10.1.2.3').correlationKey, correlationKeyOf('10.1.2.3'));
  assert.equal(valueColumns('url', 'https://x.test/a').correlationKey, correlationKeyOf('x.test/a'));
});
