import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, OperationDefinitionNode, parse } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { compiledQueryExecutor, MAX_COMPILED_DOCUMENTS } from '../../src/server/graphql-executor';

/**
 * The compiled executor's own rules, on a small schema: when a document switches to its compiled query,
 * what always stays on graphql-js, and the bound on what it holds (the HTTP comparison with graphql-js is
 * test/integration/graphql-executor.test.ts).
 */

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: { type: new GraphQLNonNull(GraphQLString), args: { n: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_, { n }) => `n=${n}` },
    },
  }),
  mutation: new GraphQLObjectType({ name: 'Mutation', fields: { touch: { type: GraphQLString, resolve: () => 'touched' } } }),
});

/** What Apollo hands the executor for one request of `query`. */
function request(query: string, variables: Record<string, unknown> = {}): GatewayGraphQLRequestContext {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return {
    document,
    operation,
    operationName: operation.name?.value ?? null,
    request: { query, variables },
    context: {},
    queryHash: createHash('sha256').update(query).digest('hex'),
  } as unknown as GatewayGraphQLRequestContext;
}

function counted(compileAfter: number | null) {
  const runs: string[] = [];
  const run = compiledQueryExecutor(schema, { compileAfter, onRun: (e) => runs.push(e) });
  return { run, runs };
}

test('a query runs on graphql-js GRAPHQL_JIT_AFTER times, then compiled, with the same answer', async () => {
  const { run, runs } = counted(2);
  const q = 'query Q($n: Int! = 7) { echo(n: $n) }';
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await run(request(q)));
  assert.deepEqual(runs, ['graphql-js', 'graphql-js', 'compiled', 'compiled']);
  for (const a of answers) assert.deepEqual(JSON.parse(JSON.stringify(a)), { data: { echo: 'n=7' } });
  assert.deepEqual(JSON.parse(JSON.stringify(await run(request(q, { n: 3 })))), { data: { echo: 'n=3' } });
});

test('mutations, introspection and GRAPHQL_JIT=false stay on graphql-js', async () => {
  const { run, runs } = counted(0);
  for (let i = 0; i < 2; i++) {
    await run(request('mutation { touch }'));
    await run(request('query { __schema { queryType { name } } }'));
    await run(request('query { ...F } fragment F on Query { __type(name: "Query") { name } }'));
  }
  assert.deepEqual(runs, Array(6).fill('graphql-js'));
  const off = counted(null);
  for (let i = 0; i < 3; i++) await off.run(request('query { echo(n: 1) }'));
  assert.deepEqual(off.runs, ['graphql-js', 'graphql-js', 'graphql-js']);
});

test('a variable refused by graphql-js is refused as before, without running anything', async () => {
  const { run, runs } = counted(0);
  const res = await run(request('query($n: Int!) { echo(n: $n) }', { n: 'seven' }));
  assert.equal(res.data, undefined);
  assert.match(res.errors![0].message, /Variable "\$n" got invalid value "seven"/);
  assert.deepEqual(runs, []);
});

test(`at most ${MAX_COMPILED_DOCUMENTS} documents are held: the least recently used one starts over`, async () => {
  const { run, runs } = counted(1);
  const doc = (i: number) => `query D${i} { echo(n: ${i}) }`;
  await run(request(doc(0)));
  await run(request(doc(0))); // compiled
  for (let i = 1; i <= MAX_COMPILED_DOCUMENTS; i++) await run(request(doc(i))); // one more than the bound: D0 is dropped
  runs.length = 0;
  await run(request(doc(MAX_COMPILED_DOCUMENTS))); // still held (counted once): now compiled
  await run(request(doc(0))); // dropped: counted anew on graphql-js
  await run(request(doc(0)));
  assert.deepEqual(runs, ['compiled', 'graphql-js', 'compiled']);
});
