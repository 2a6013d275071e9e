import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazily, once, perKey } from '../../src/shared/lazily';

test('lazily: each property is made on its first read, once; a property nobody reads is never made', () => {
  const made: string[] = [];
  const o = lazily<{ a: { n: number }; b: number; c: string }>({
    a: () => (made.push('a'), { n: 1 }),
    b: () => (made.push('b'), 2),
    c: () => (made.push('c'), 'never read'),
  });
  assert.deepEqual(made, []);
  const first = o.a;
  assert.deepEqual(made, ['a']);
  assert.equal(o.a, first, 'the same value on every read');
  assert.equal(o.b, 2);
  assert.equal(o.a.n, 1);
  assert.deepEqual(made, ['a', 'b']);
  assert.deepEqual(Object.keys(o), ['a', 'b', 'c'], 'every property is listed, made or not');
  assert.throws(() => {
    'use strict';
    (o as { a: unknown }).a = { n: 2 };
  }, TypeError);
});

test('once: the function runs on the first call only', () => {
  let calls = 0;
  const f = once(() => ({ call: ++calls }));
  assert.equal(calls, 0);
  const v = f();
  assert.equal(f(), v);
  assert.equal(calls, 1);
});

test('perKey: one value per distinct key, made on first use', () => {
  const made: string[] = [];
  const loader = perKey((o: { first: number; after: string | null }) => JSON.stringify([o.first, o.after]), (o) => (made.push(`${o.first}:${o.after}`), { ...o }));
  const a = loader({ first: 10, after: null });
  assert.equal(loader({ first: 10, after: null }), a, 'equal options: the same value');
  assert.notEqual(loader({ first: 10, after: 'x' }), a, 'other options: another value');
  assert.deepEqual(made, ['10:null', '10:x']);
});
