import { test } from 'node:test';
import assert from 'node:assert/strict';
import knexFactory from 'knex';
import { paddedLength, shapeOf } from '../../src/modules/search/query-shapes';

const knex = knexFactory({ client: 'better-sqlite3', useNullAsDefault: true });

test('shape: values leave the key, operators, booleans, nulls and list lengths stay', () => {
  const a = shapeOf(knex, { $and: [{ event: { ownerOrg: 3 } }, { deleted: false }, { object: null }, { valueHash: { $in: ['x', 'y'] } }] })!;
  const b = shapeOf(knex, { $and: [{ event: { ownerOrg: 9 } }, { deleted: false }, { object: null }, { valueHash: { $in: ['p', 'q'] } }] })!;
  assert.equal(a.key, b.key);
  assert.deepEqual(a.values, [3, 'x', 'y']);
  assert.deepEqual(b.values, [9, 'p', 'q']);
  assert.notEqual(shapeOf(knex, { deleted: true })!.key, shapeOf(knex, { deleted: false })!.key);
  assert.notEqual(shapeOf(knex, { object: null })!.key, shapeOf(knex, { object: 1 })!.key);
  assert.notEqual(shapeOf(knex, { a: { $in: [1, 2] } })!.key, shapeOf(knex, { a: { $in: [1, 2, 3] } })!.key);
  assert.notEqual(shapeOf(knex, { a: { $gte: 1 } })!.key, shapeOf(knex, { a: { $lte: 1 } })!.key);
  assert.notEqual(shapeOf(knex, { a: 1 })!.key, shapeOf(knex, { b: 1 })!.key);
});

test('shape: $in lists padded with their last value; raws keep their text and bind their values', () => {
  const s = shapeOf(knex, { id: { $in: Array.from({ length: 9 }, (_, i) => i) } })!;
  assert.equal(s.values.length, 16);
  assert.deepEqual(s.values.slice(8), Array(8).fill(8));
  assert.equal(shapeOf(knex, { id: { $in: Array.from({ length: 16 }, (_, i) => i) } })!.key, s.key);
  const r1 = shapeOf(knex, { id: { $in: knex.raw('select id from t where k in (?)', ['a']) } })!;
  const r2 = shapeOf(knex, { id: { $in: knex.raw('select id from t where k in (?)', ['b']) } })!;
  assert.equal(r1.key, r2.key);
  assert.deepEqual(r2.values, ['b']);
  assert.notEqual(shapeOf(knex, { id: { $in: knex.raw('select id from u') } })!.key, r1.key);
  assert.deepEqual([1, 8, 9, 16, 17, 4096, 4097, 10_000].map(paddedLength), [1, 8, 16, 16, 32, 4096, 5120, 10_240]);
});

test('shape: a value of an unknown kind (an entity, a class instance) is not shaped', () => {
  class Entity {}
  assert.equal(shapeOf(knex, { event: new Entity() }), null);
});

test('shape without the marked tree (the run of a known shape): the same key and values, in the same order', () => {
  const trees = [
    { $and: [{ event: { ownerOrg: 3 } }, { deleted: false }, { object: null }, { valueHash: { $in: ['x', 'y', 'z'] } }] },
    { $or: [{ id: { $in: knex.raw('select id from t where k in (?, ?)', ['a', 'b']) } }, { timestamp: { $gte: new Date(0) } }] },
    { id: { $in: Array.from({ length: 9 }, (_, i) => i) }, n: { $nin: [1] }, list: [1, 2] },
  ];
  for (const w of trees) {
    const full = shapeOf(knex, w)!;
    const bare = shapeOf(knex, w, false)!;
    assert.ok(full.marked, 'the marked tree by default');
    assert.equal(bare.marked, null);
    assert.equal(bare.key, full.key);
    assert.deepEqual(bare.values, full.values);
  }
  class Entity {}
  assert.equal(shapeOf(knex, { event: new Entity() }, false), null);
});
