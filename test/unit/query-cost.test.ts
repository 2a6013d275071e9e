import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLSchema, parse, validate } from 'graphql';
import { parseConfig } from '../../src/config/config';
import { costVariableNames, queryLimitRules } from '../../src/graphql/limits';
import { buildHubSchema } from '../../src/server/schema';

/** The cost rule of src/graphql/limits.ts as a table, on the real schema with the default settings. */

const limits = { ...parseConfig({}), maxQueryCost: 1 }; // every cost above 1 is reported, naming it
let schema: GraphQLSchema;
before(async () => {
  schema = await buildHubSchema();
});

/** The cost of `query` (0 or 1 when within 1), or the message of another limit error. */
function cost(query: string, variables: Record<string, unknown> = {}): number | string {
  const errors = validate(schema, parse(query), queryLimitRules(limits, { variables }));
  if (!errors.length) return 0;
  const m = /^Query cost ([\d,]+) exceeds/.exec(errors[0].message);
  return m ? Number(m[1].replace(/,/g, '')) : errors[0].message;
}

test('cost table: objects the answer may hold, lists at their page size or cap, nested lists multiply', () => {
  const rows: Array<[string, number | string, Record<string, unknown>?]> = [
    ['{ me { id email } }', 0], // one object: within the limit of 1
    ['{ me { id organisation { id } } }', 2],
    ['{ events(first: 20) { totalCount pageInfo { hasNextPage } edges { cursor node { id info } } } }', 20],
    ['{ events { edges { node { id } } } }', 50], // DEFAULT_PAGE_SIZE
    ['{ events(first: 100000) { edges { node { id } } } }', 500], // counted at MAX_PAGE_SIZE; the resolver refuses the value
    ['query($n: Int) { events(first: $n) { edges { node { id } } } }', 7, { n: 7 }],
    ['{ events(first: 2) { edges { node { attributes { id } } } } }', 2 * (1 + 500)],
    ['{ events(first: 2) { edges { node { attributes(first: 10) { id } } } } }', 2 * (1 + 10)],
    ['{ events(first: 2) { edges { node { attributeCount } } } }', 2],
    ['{ attribute(id: "x") { correlations { id event { id } } } }', 1 + 1000 * 2],
    ['{ event(id: "x") { relatedEvents { relatedEvents { id } } } }', 1 + 500 * (1 + 500)],
    ['{ events(first: 20) { edges { node { attributes { id value correlations { id } } } } } }', 20 * (1 + 500 * 1001)],
    // Fragments count where spread; skipped selections do not count.
    ['query { events(first: 3) { ...E } } fragment E on EventConnection { edges { node { id tags { name } } } }', 3 * 2],
    ['query($s: Boolean!) { events(first: 3) { edges { node { id tags @skip(if: $s) { name } } } } }', 3, { s: true }],
    ['{ syncEvents(ids: ["a", "b", "c"]) { id attributes { id } } }', 3 * 2],
  ];
  for (const [query, expected, variables] of rows) assert.equal(cost(query, variables), expected, query);
});

test('fragments spreading each other many times are neither slow to check nor let through', { timeout: 10_000 }, () => {
  // 40 fragments, each spreading the next twice: 2^40 selections if expanded naively.
  const n = 40;
  const frags = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? `fragment F${i} on User { id }` : `fragment F${i} on User { ...F${i + 1} ...F${i + 1} }`,
  );
  const started = Date.now();
  const result = cost(`{ me { ...F0 } } ${frags.join(' ')}`);
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  assert.match(String(result), /Query cost could not be computed/);
});

test('the variables a cost can depend on: whole values of first, ids, limit and @include/@skip, fragments included', () => {
  const names = (q: string) => costVariableNames(parse(q));
  assert.deepEqual(names('query($n: Int, $f: AttributeFilter) { attributes(filter: $f, first: $n) { edges { node { id } } } }'), ['n']);
  assert.deepEqual(
    names('query($ids: [ID!]!, $s: Boolean!, $l: Int) { syncEvents(ids: $ids) { id ...A } previewFeed(id: "x", limit: $l) { total } } fragment A on Event { tags @skip(if: $s) { name } }'),
    ['ids', 'l', 's'],
  );
  // A variable inside an input object is read by the resolver, never by the cost.
  assert.deepEqual(names('query($v: String) { attributes(filter: { value: $v }) { totalCount } }'), []);
});
