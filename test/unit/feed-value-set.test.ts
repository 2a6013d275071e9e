import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ValueSet } from '../../src/modules/feed/value-set';

const h = (s: string) => createHash('sha256').update(s).digest('hex');

test('ValueSet: add/has across growth, type matters, repeats are not added twice', () => {
  const set = new ValueSet();
  const n = 50_000;
  for (let i = 0; i < n; i++) assert.equal(set.add('ip-dst', h(`v${i}`)), true);
  assert.equal(set.size, n);
  for (let i = 0; i < n; i += 97) {
    assert.equal(set.has('ip-dst', h(`v${i}`)), true);
    assert.equal(set.add('ip-dst', h(`v${i}`)), false);
  }
  assert.equal(set.size, n);
  assert.equal(set.has('domain', h('v1')), false, 'another type is another value');
  let found = 0;
  for (let i = n; i < 2 * n; i++) if (set.has('ip-dst', h(`v${i}`))) found++;
  assert.equal(found, 0);
});
