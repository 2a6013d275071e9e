import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, App } from '../../src/app';
import { createLogger } from '../../src/shared/logger';
import { testEnv } from '../../src/config/config';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, replicaConfig, startTestHub, TestHub, unique } from '../support/hub';

/**
 * HTTP queries run compiled (graphql-jit, server/graphql-executor.ts) once their document has run
 * GRAPHQL_JIT_AFTER times on graphql-js. A client must not be able to tell: three hubs on one database —
 * graphql-js only (GRAPHQL_JIT=false), compiled from the first run (what the rest of the suite runs),
 * and the default (graphql-js once, then compiled) — answer every request here with the same status and
 * the same body, byte for byte: data, null propagation, resolver errors with their path, variables
 * (defaults, bad values), directives, fragments, aliases, introspection and the query limits.
 */

/** A document of two operations: a request must name one of them. */
const TWO_OPERATIONS = 'query First { __typename } query Second { events(first: 1) { edges { node { id } } } }';

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Whose key sends it: the event owner's organisation (default) or another one. */
  as?: 'owner' | 'other';
}

for (const database of testDatabases()) {
  describe(`compiled queries answer as graphql-js does (${database.name})`, () => {
    let reference: TestHub; // GRAPHQL_JIT=false
    const replicas: { name: string; app: App; url: string }[] = [];
    let owner: OrgWithUser;
    let other: OrgWithUser;
    const ids: Record<string, string> = {};

    before(async () => {
      reference = await startTestHub(database, { GRAPHQL_JIT: 'false' });
      for (const [name, env] of [
        ['compiled from the first run', { GRAPHQL_JIT_AFTER: '0' }],
        ['default (compiled from the second run)', { GRAPHQL_JIT_AFTER: '1' }],
      ] as const) {
        const app = await createApp(replicaConfig(reference.db.url, reference.adminKey, { ...env }), { logger: createLogger(testEnv().testLogLevel) });
        replicas.push({ name, app, url: await app.start() });
      }
      owner = await orgWithUser(reference, 'PUBLISHER');
      other = await orgWithUser(reference, 'USER');
      const community = ok(
        await owner.client.raw<{ createEvent: { id: string } }>(
          'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }',
          { i: { info: unique('jit community'), distribution: 'COMMUNITY_ONLY', tags: ['tlp:green'] } },
        ),
      ).createEvent.id;
      const mine = ok(
        await owner.client.raw<{ createEvent: { id: string } }>('mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }', {
          i: { info: unique('jit own org only'), distribution: 'ORGANISATION_ONLY' },
        }),
      ).createEvent.id;
      const add = (eventId: string, values: string[]) =>
        owner.client.raw<{ addAttributes: { id: string }[] }>('mutation($e: ID!, $a: [AttributeInput!]!) { addAttributes(eventId: $e, attributes: $a) { id } }', {
          e: eventId,
          a: values.map((value, n) => ({ type: 'ip-dst', value, comment: n % 2 ? null : `c${n}`, toIds: n % 2 === 0 })),
        });
      const shared = ok(await add(community, ['198.51.100.7', '198.51.100.8', '203.0.113.9'])).addAttributes;
      ok(await add(mine, ['198.51.100.7', '192.0.2.44']));
      Object.assign(ids, { community, mine, attribute: shared[0].id });
    });
    after(async () => {
      for (const r of replicas.reverse()) await r.app.stop();
      await reference?.stop();
    });

    /** POSTs a case to a hub with its sender's key: the status and the body as sent. */
    const send = async (url: string, c: Case) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: (c.as === 'other' ? other : owner).key },
        body: JSON.stringify({ query: c.query, variables: c.variables, operationName: c.operationName }),
      });
      return { status: res.status, body: await res.text() };
    };

    const cases = (): Case[] => [
      {
        name: 'events with their attributes, fragments, aliases and __typename',
        query: `query Page($first: Int) {
          events(first: $first) { __typename totalCount edges { cursor node { ...E } } pageInfo { hasNextPage endCursor } }
        }
        fragment E on Event { id info distribution published tags { name } owner: ownerOrg { name } attributes { ... on Attribute { id type v: value comment toIds } } attributeCount }`,
        variables: { first: 10 },
      },
      { name: 'the same page as another organisation (the owner-only event left out)', query: 'query { events { edges { node { id info attributeCount } } } }', as: 'other' },
      { name: 'an invisible event: NOT_FOUND with its path, no data', query: 'query($id: ID!) { event(id: $id) { id info } }', variables: { id: ids.mine }, as: 'other' },
      {
        name: 'an error beside data: the visible event and the invisible one in one request',
        query: 'query($a: ID!, $b: ID!) { a: event(id: $a) { id info } b: event(id: $b) { id } }',
        variables: { a: ids.community, b: ids.mine },
        as: 'other',
      },
      {
        name: 'an attribute with its correlations and event',
        query: 'query($id: ID!) { attribute(id: $id) { id value correlationCapped correlations { id value event { id info } } event { id tags { name } } } }',
        variables: { id: ids.attribute },
      },
      {
        name: 'a search with an input object and a list variable',
        query: `query($f: AttributeFilter) { attributes(filter: $f, first: 5) { totalCount edges { node { id type value event { id } } } } }`,
        variables: { f: { values: ['198.51.100.7', '203.0.113.9', 'absent.example'], type: ['ip-dst'] } },
      },
      {
        name: 'a non-null variable with a default, left out',
        query: 'query($f: Int! = 2, $toIds: Boolean! = true) { attributes(first: $f, filter: { toIds: $toIds }) { edges { node { id toIds } } } }',
      },
      { name: 'the same variable given as null', query: 'query($f: Int = 2) { attributes(first: $f) { edges { node { id } } } }', variables: { f: null } },
      { name: '@include and @skip from variables', query: 'query($w: Boolean!) { events(first: 2) { edges { node { id info @include(if: $w) published @skip(if: $w) } } } }', variables: { w: false } },
      { name: 'a variable of the wrong type: BAD_USER_INPUT naming the value', query: 'query($first: Int) { events(first: $first) { edges { node { id } } } }', variables: { first: 'ten' } },
      { name: 'an unknown enum value in an input object', query: 'query($f: AttributeFilter) { attributes(filter: $f) { totalCount } }', variables: { f: { distribution: ['EVERYONE'] } } },
      { name: 'a required variable missing', query: 'query($id: ID!) { event(id: $id) { id } }' },
      { name: 'an argument refused by the resolver (page size)', query: 'query { events(first: 100000) { edges { node { id } } } }' },
      {
        // The compiled query is generated JavaScript: a literal written to break out of a string must stay data.
        name: 'literals in the document that look like code',
        query: `query { attributes(filter: { value: "x\\" + process.exit(1) + /* a */ \\"\\u2028\${'$'}{1}\`'\\\\" }, first: 3) { totalCount } q: attributes(filter: { type: ["ip-dst"], quickFilter: "\\"); throw new Error('jit') //" }) { totalCount } }`,
      },
      { name: 'introspection', query: 'query { __type(name: "Distribution") { kind enumValues { name } } __schema { queryType { name } } }' },
      { name: 'two operations, the second named', query: TWO_OPERATIONS, operationName: 'Second' },
      // No operation resolved: Apollo still calls the executor, which must leave the error to graphql-js.
      { name: 'two operations and no operation name', query: TWO_OPERATIONS },
      { name: 'an operation name the document does not have', query: TWO_OPERATIONS, operationName: 'Third' },
      { name: 'over the alias limit (refused before it runs)', query: `query { ${Array.from({ length: 40 }, (_, n) => `a${n}: __typename`).join(' ')} }` },
    ];

    test('every request gets the same status and body from the three executors, on every run', async () => {
      const post = async (url: string, c: Case) => {
        const res = await send(url, c);
        return { status: res.status, body: stripRequestIds(res.body) };
      };
      for (const c of cases()) {
        const expected = await post(reference.url, c);
        const parsed = JSON.parse(expected.body) as { data?: unknown; errors?: unknown[] };
        assert.ok(parsed.data !== undefined || parsed.errors?.length, `${c.name}: no answer from graphql-js: ${expected.body}`);
        // Three runs on each replica: the default one switches to the compiled query on its second.
        for (let run = 1; run <= 3; run++) {
          for (const r of replicas) assert.deepEqual(await post(r.url, c), expected, `${c.name}: ${r.name}, run ${run}`);
        }
      }
      // Which executor ran them (GET /metrics, a loopback client): the comparison above compared the two.
      const runs = async (url: string) => {
        const text = await (await fetch(new URL('/metrics', url))).text();
        const count = (executor: string) => Number(new RegExp(`^threatmesh_graphql_executions_total\\{executor="${executor}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
        return { compiled: count('compiled'), graphqlJs: count('graphql-js') };
      };
      // Three refused variables and the alias limit run nothing; introspection and the two requests that
      // name no operation of their document run on graphql-js.
      const ran = cases().length - 7;
      const reference_ = await runs(reference.url);
      assert.equal(reference_.compiled, 0);
      assert.ok(reference_.graphqlJs >= ran, `graphql-js runs on the reference: ${reference_.graphqlJs}`);
      const [first, second] = await Promise.all(replicas.map((r) => runs(r.url)));
      assert.deepEqual(first, { compiled: 3 * ran, graphqlJs: 3 * 3 }, 'compiled from the first run: only introspection and no operation on graphql-js');
      // The default replica: each document's first run on graphql-js (the three refused variables too: there
      // graphql-js's execute refuses them), later runs compiled; introspection always on graphql-js.
      assert.deepEqual(second, { compiled: 2 * ran, graphqlJs: ran + 3 + 3 * 3 }, 'default: each document once on graphql-js, then compiled');
    });

    test('the cases check what they say: data, errors with codes, and the refused variable named', async () => {
      const run = async (c: Case) => {
        const res = await send(replicas[0].url, c);
        return { status: res.status, ...(JSON.parse(res.body) as { data?: Record<string, unknown>; errors?: { message: string; path?: string[]; extensions: { code: string } }[] }) };
      };
      const byName = new Map(cases().map((c) => [c.name, c]));
      const page = await run(byName.get('events with their attributes, fragments, aliases and __typename')!);
      const edges = (page.data!.events as { edges: { node: { id: string; attributes: { v: string }[] } }[] }).edges;
      assert.deepEqual(
        edges.find((e) => e.node.id === ids.community)?.node.attributes.map((a) => a.v),
        ['198.51.100.7', '198.51.100.8', '203.0.113.9'],
      );
      const otherPage = await run(byName.get('the same page as another organisation (the owner-only event left out)')!);
      const seen = (otherPage.data!.events as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
      assert.ok(seen.includes(ids.community) && !seen.includes(ids.mine), `other org sees ${seen}`);
      const mixed = await run(byName.get('an error beside data: the visible event and the invisible one in one request')!);
      assert.equal((mixed.data!.a as { id: string }).id, ids.community);
      assert.equal(mixed.data!.b, null);
      assert.deepEqual(mixed.errors!.map((e) => [e.extensions.code, e.path]), [['NOT_FOUND', ['b']]]);
      const defaulted = await run(byName.get('a non-null variable with a default, left out')!);
      const nodes = (defaulted.data!.attributes as { edges: { node: { toIds: boolean } }[] }).edges;
      assert.equal(nodes.length, 2);
      assert.ok(nodes.every((e) => e.node.toIds));
      const badVar = await run(byName.get('a variable of the wrong type: BAD_USER_INPUT naming the value')!);
      assert.equal(badVar.status, 400);
      assert.equal(badVar.data, undefined);
      assert.equal(badVar.errors![0].extensions.code, 'BAD_USER_INPUT');
      assert.match(badVar.errors![0].message, /\$first.*"ten"/);
      const badEnum = await run(byName.get('an unknown enum value in an input object')!);
      assert.equal(badEnum.errors![0].extensions.code, 'BAD_USER_INPUT');
      assert.match(badEnum.errors![0].message, /EVERYONE/);
      const named = await run(byName.get('two operations, the second named')!);
      assert.equal(named.status, 200);
      assert.deepEqual(Object.keys(named.data!), ['events']);
      for (const [name, message] of [
        ['two operations and no operation name', /must provide operation name/i],
        ['an operation name the document does not have', /Third/],
      ] as const) {
        const unresolved = await run(byName.get(name)!);
        assert.equal(unresolved.status, 400, name);
        assert.equal(unresolved.data, undefined, name);
        assert.equal(unresolved.errors![0].extensions.code, 'BAD_USER_INPUT', name);
        assert.match(unresolved.errors![0].message, message, name);
      }
    });
  });
}

/** Internal errors carry a request id, different on each request: the only part allowed to differ. */
function stripRequestIds(body: string): string {
  return body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => (body.includes(`"requestId":"${id}"`) ? '<request id>' : id));
}
