import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/core';
import { AttributeDraft, prepareRows } from '../../src/modules/attribute/attribute-writes';
import { valueColumns } from '../../src/modules/attribute/attribute-keys';

/**
 * The in-event duplicate rule of the one attribute write path (API, feeds, sync), on a new event (no
 * stored attributes, so no database): MISP's rule — one live attribute per type, category and value,
 * outside objects.
 */
const NOW = new Date('2026-06-01T00:00:00.000Z');
// A new event is never looked up: any database access would be a bug here.
const noDatabase = new Proxy({}, { get: () => assert.fail('a new event needs no database') }) as unknown as EntityManager;
const ip = (value: string, more: Partial<AttributeDraft> = {}): AttributeDraft => ({ type: 'ip-dst', value, ...more });

async function outcome(drafts: AttributeDraft[]) {
  const { rows, refused } = await prepareRows(noDatabase, null, drafts, { now: NOW });
  return { stored: rows.map((r) => r.index), refused: refused.map((r) => [r.index, r.reason, r.error.code]) };
}

describe('prepareRows: the in-event duplicate rule', () => {
  const cases: Array<[string, AttributeDraft[], { stored: number[]; refused: unknown[] }]> = [
    ['the same type, category and value twice: the second is the duplicate', [ip('192.0.2.1'), ip('192.0.2.1')], { stored: [0], refused: [[1, 'DUPLICATE', 'CONFLICT']] }],
    ['equal once normalised (IPv6 letter case)', [ip('2001:db8::1'), ip('2001:DB8::1')], { stored: [0], refused: [[1, 'DUPLICATE', 'CONFLICT']] }],
    ['another category is another attribute', [ip('192.0.2.1'), ip('192.0.2.1', { category: 'External analysis' })], { stored: [0, 1], refused: [] }],
    ['another type is another attribute', [ip('192.0.2.1'), ip('192.0.2.1', { type: 'ip-src' })], { stored: [0, 1], refused: [] }],
    ['attributes of objects are outside the rule', [ip('192.0.2.1'), ip('192.0.2.1', { objectRelation: 'ip' }), ip('192.0.2.1', { objectRelation: 'ip' })], { stored: [0, 1, 2], refused: [] }],
    ['tombstones are outside the rule', [ip('192.0.2.1', { deleted: true }), ip('192.0.2.1')], { stored: [0, 1], refused: [] }],
    ['an invalid value is refused as invalid, not counted as a duplicate', [ip('not an ip'), ip('192.0.2.1')], { stored: [1], refused: [[0, 'INVALID', 'BAD_USER_INPUT']] }],
    ['an unknown type is invalid', [ip('192.0.2.1', { type: 'ip-dest' })], { stored: [], refused: [[0, 'INVALID', 'BAD_USER_INPUT']] }],
  ];
  for (const [name, drafts, expected] of cases) test(name, async () => assert.deepEqual(await outcome(drafts), expected));

  test('rows carry the normalised value, the type default toIds and the injected clock', async () => {
    const { rows } = await prepareRows(noDatabase, null, [ip('2001:DB8::1'), ip('192.0.2.9', { toIds: false, timestamp: new Date(0) })], { now: NOW });
    assert.deepEqual(
      rows.map(({ row }) => [row.value, row.category, row.toIds, row.timestamp.toISOString(), row.createdAt.toISOString()]),
      [
        ['2001:db8::1', 'Network activity', true, NOW.toISOString(), NOW.toISOString()],
        ['192.0.2.9', 'Network activity', false, new Date(0).toISOString(), NOW.toISOString()],
      ],
    );
  });

  test('rows carry exactly the value columns of valueColumns (written out field by field in prepareRows)', async () => {
    const drafts: AttributeDraft[] = [ip('10.1.2.3'), ip('10.0.0.0/8'), ip('2001:db8::/32'), { type: 'domain|ip', value: 'a.test|10.0.0.1' }, { type: 'url', value: 'https://x.test/a' }, { type: 'comment', value: 'c' }];
    const { rows } = await prepareRows(noDatabase, null, drafts, { now: NOW });
    assert.equal(rows.length, drafts.length);
    for (const { row } of rows) {
      const expected = valueColumns(row.type, row.value);
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, (row as unknown as Record<string, unknown>)[k]]));
      assert.deepEqual(actual, expected, row.value);
    }
  });
});
