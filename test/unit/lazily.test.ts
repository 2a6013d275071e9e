import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazily, once, perKey } from '../../src/shared/lazily';

test('lazily: each property is made on its first read, once; a property nobody reads is never made', () => {
  const made: string[] = [];
  const make = lazily<{ a: { n: number }; b: number; c: string }>();
  const makers = (tag: string) => ({
    a: () => (made.push(`${tag}.a`), { n: 1 }),
    b: () => (made.push(`${tag}.b`), 2),
    c: () => (made.push(`${tag}.c`), 'never read'),
  });
  const o = make(makers('o'));
  const p = make(makers('p'));
  assert.deepEqual(made, []);
  const first = o.a;
  assert.deepEqual(made, ['o.a']);
  assert.equal(o.a, first, 'the same value on every read');
  assert.equal(o.b, 2);
  assert.equal(o.a.n, 1);
  assert.deepEqual(made, ['o.a', 'o.b']);
  assert.notEqual(p.a, first, 'each object makes its own');
  assert.deepEqual(made, ['o.a', 'o.b', 'p.a']);
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
