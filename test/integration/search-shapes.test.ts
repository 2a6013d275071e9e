import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddAttributesDocument, AttributeCorrelationsDocument, AttributeFilter, CreateEventDocument, PublishEventDocument, SearchAttributesDocument } from '../../src/generated/graphql';
import { QueryShapes } from '../../src/modules/search/query-shapes';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/**
 * Lookups built once per shape (search/query-shapes): a second search of the same shape with other
 * values reuses the statement and answers for its own values and its own caller — another org's
 * visibility, another value, another list length, another time bound never leak from the statement
 * built first.
 */
for (const database of testDatabases()) {
  describe(`search statements built once per shape (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser, B: OrgWithUser;
    const attr: Record<string, string> = {};

    const createEvent = async (who: OrgWithUser, name: string, distribution: string, tags: string[], values: Array<[key: string, type: string, value: string]>) => {
      const e = ok(await who.client.request(CreateEventDocument, { input: { info: `shapes ${name}`, distribution, tags } as never })).createEvent;
      const added = ok(await who.client.request(AddAttributesDocument, { eventId: e.id, attributes: values.map(([, type, value]) => ({ type, value })) })).addAttributes;
      added.forEach((a, i) => (attr[values[i][0]] = a.id));
      ok(await who.client.request(PublishEventDocument, { id: e.id }));
    };

    before(async () => {
      // CORRELATION_MAX bounds a correlation list, and so the cost of correlations of correlations.
      hub = await startTestHub(database, { MAX_PAGE_SIZE: '100', CORRELATION_MAX: '10' });
      [A, B] = [await orgWithUser(hub, 'PUBLISHER'), await orgWithUser(hub, 'PUBLISHER')];
      await createEvent(A, 'A-open', 'COMMUNITY_ONLY', ['tlp:green'], [
        ['aOpenIp', 'ip-dst', '10.9.0.1'],
        ['aOpenDom', 'domain', 'open.shapes.test'],
      ]);
      await createEvent(A, 'A-private', 'ORGANISATION_ONLY', ['tlp:green'], [
        ['aPrivIp', 'ip-dst', '10.9.0.2'],
        ['aPrivDom', 'domain', 'private.shapes.test'],
        ['aPrivShared', 'ip-dst', '10.9.0.1'],
      ]);
      await createEvent(B, 'B-open', 'COMMUNITY_ONLY', [], [
        ['bOpenIp', 'ip-dst', '10.9.0.3'],
        ['bOpenShared', 'ip-dst', '10.9.0.1'],
      ]);
    });
    after(() => hub?.stop());

    const keysOf = (ids: Iterable<string>) => {
      const set = new Set(ids);
      return Object.entries(attr).filter(([, id]) => set.has(id)).map(([k]) => k).sort();
    };
    const search = async (client: GraphqlClient, filter: AttributeFilter) => {
      const r = ok(await client.request(SearchAttributesDocument, { filter, first: 1 })).attributes;
      // first: 1 so that totalCount is counted (a page that is not full is its own count).
      const all = ok(await client.request(SearchAttributesDocument, { filter, first: 100 })).attributes;
      return { keys: keysOf(all.edges.map((e) => e.node.id)), total: r.totalCount };
    };
    const shapes = () => QueryShapes.of(hub.app.orm.em);

    test('same shape, other values and other callers: statement reused, each answer its own', async () => {
      await search(B.client, { value: '10.9.0.1' }); // builds the value shape's page and count
      const built = shapes().builds;
      const reused = shapes().reuses;
      assert.deepEqual(await search(A.client, { value: '10.9.0.1' }), { keys: ['aOpenIp', 'aPrivShared', 'bOpenShared'], total: 3 });
      // B: same statement, B's own visibility (A's private event is absent from rows and count).
      assert.deepEqual(await search(B.client, { value: '10.9.0.1' }), { keys: ['aOpenIp', 'bOpenShared'], total: 2 });
      assert.deepEqual(await search(B.client, { value: '10.9.0.2' }), { keys: [], total: 0 });
      assert.equal(shapes().builds, built, 'a search of a known shape built its statement again');
      assert.ok(shapes().reuses > reused, 'no statement was reused');
    });

    test('values lists of other lengths share a padded shape; tags and time bounds bind their values', async () => {
      assert.deepEqual(await search(B.client, { values: Array.from({ length: 12 }, (_, i) => `10.9.0.${i + 1}`) }), { keys: ['aOpenIp', 'bOpenIp', 'bOpenShared'], total: 3 });
      const built = shapes().builds;
      assert.deepEqual(await search(B.client, { values: ['10.9.0.2', '10.9.0.3', ...Array.from({ length: 11 }, (_, i) => `192.0.2.${i}`)] }), { keys: ['bOpenIp'], total: 1 });
      assert.deepEqual(await search(A.client, { values: ['private.shapes.test', 'open.shapes.test', ...Array.from({ length: 10 }, (_, i) => `x${i}.shapes.test`)] }), {
        keys: ['aOpenDom', 'aPrivDom'],
        total: 2,
      });
      assert.equal(shapes().builds, built, 'lists of 12 and 13 values built a statement each');
      assert.deepEqual(await search(B.client, { tags: ['tlp:green'], timestamp: { from: '7d' } }), { keys: ['aOpenDom', 'aOpenIp'], total: 2 });
      assert.deepEqual(await search(A.client, { tags: ['tlp:green'], timestamp: { from: '7d' } }), { keys: ['aOpenDom', 'aOpenIp', 'aPrivDom', 'aPrivIp', 'aPrivShared'], total: 5 });
      assert.deepEqual(await search(A.client, { tags: ['tlp:green'], timestamp: { to: '7d' } }), { keys: [], total: 0 });
    });

    test('correlations: one statement for every source of the same number of keys, each with its caller\'s visibility', async () => {
      const corr = async (client: GraphqlClient, key: string) =>
        keysOf(ok(await client.request(AttributeCorrelationsDocument, { id: attr[key] })).attribute!.correlations.map((c) => c.id));
      assert.deepEqual(await corr(A.client, 'aOpenIp'), ['aPrivShared', 'bOpenShared']);
      const built = shapes().builds;
      assert.deepEqual(await corr(B.client, 'aOpenIp'), ['bOpenShared']);
      assert.deepEqual(await corr(B.client, 'bOpenShared'), ['aOpenIp']);
      assert.deepEqual(await corr(A.client, 'bOpenShared'), ['aOpenIp', 'aPrivShared']);
      assert.deepEqual(await corr(B.client, 'bOpenIp'), []);
      assert.equal(shapes().builds, built, 'a correlation of a known shape built its statement again');
    });

    test('attribute(id) and its correlations read the columns their selections ask: aliases, fragments and nested correlations each answer whole', async () => {
      // The reference: every field of each attribute, read alone (the whole row).
      const FIELDS = 'id type category value toIds comment distribution timestamp deleted disableCorrelation firstSeen lastSeen objectRelation';
      type Row = Record<string, unknown>;
      const whole = async (key: string) => ok(await A.client.raw<{ attribute: Row }>(`query($id: ID!) { attribute(id: $id) { ${FIELDS} } }`, { id: attr[key] })).attribute;
      const expected = { aPrivShared: await whole('aPrivShared'), bOpenShared: await whole('bOpenShared'), aOpenIp: await whole('aOpenIp') } as Record<string, Row>;
      const pick = (row: Row, fields: string) => Object.fromEntries(fields.split(' ').map((f) => [f, row[f]]));
      // One query: the source with a narrow selection, two aliases of its correlations asking different
      // columns (one through a fragment), the cap flag alone, and correlations of the correlated attributes.
      const q = `query($id: ID!) {
        attribute(id: $id) {
          id
          narrow: correlations { id }
          wide: correlations { ...W }
          correlationCapped
          nested: correlations { id value correlations { id type value } }
        }
      }
      fragment W on Attribute { ${FIELDS} }`;
      type Nested = { id: string; value: string; correlations: Row[] };
      const r = ok(await A.client.raw<{ attribute: { id: string; narrow: Row[]; wide: Row[]; correlationCapped: boolean; nested: Nested[] } }>(q, { id: attr.aOpenIp })).attribute;
      assert.equal(r.id, attr.aOpenIp);
      assert.equal(r.correlationCapped, false);
      const byKey = <T extends object>(list: T[]) => Object.fromEntries(list.map((c) => [keysOf([String((c as { id?: unknown }).id)])[0], c]));
      assert.deepEqual(byKey(r.narrow), { aPrivShared: { id: attr.aPrivShared }, bOpenShared: { id: attr.bOpenShared } });
      assert.deepEqual(byKey(r.wide), { aPrivShared: expected.aPrivShared, bOpenShared: expected.bOpenShared }, 'every column a wide selection asks for');
      // The correlated attributes correlate in turn (with the source and with each other), as A may see them.
      const nested = byKey(r.nested);
      assert.deepEqual(Object.keys(nested).sort(), ['aPrivShared', 'bOpenShared']);
      for (const [key, n] of Object.entries(nested)) {
        assert.equal(n.value, expected[key].value);
        const others = ['aOpenIp', 'aPrivShared', 'bOpenShared'].filter((k) => k !== key);
        assert.deepEqual(byKey(n.correlations), Object.fromEntries(others.map((k) => [k, pick(expected[k], 'id type value')])), `correlations of ${key}`);
      }
    });

    test('events read with the rows: `event { id }` alone, or every field, in one query, each answer whole', async () => {
      const info = { aOpenIp: 'shapes A-open', aPrivShared: 'shapes A-private', bOpenShared: 'shapes B-open' } as Record<string, string>;
      const eventOf = async (key: string) => ok(await A.client.raw<{ attribute: { event: { id: string; info: string } } }>(`query($id: ID!) { attribute(id: $id) { event { id info } } }`, { id: attr[key] })).attribute.event;
      const [aOpen, aPriv, bOpen] = [await eventOf('aOpenIp'), await eventOf('aPrivShared'), await eventOf('bOpenShared')];
      assert.deepEqual([aOpen.info, aPriv.info, bOpen.info], [info.aOpenIp, info.aPrivShared, info.bOpenShared]);
      const eventIds: Record<string, string> = { aOpenIp: aOpen.id, aPrivShared: aPriv.id, bOpenShared: bOpen.id };
      type Corr = { id: string; event: { id: string; info?: string; distribution?: string; __typename?: string } };
      // Brief (`id`, `__typename`, through a fragment too) and whole reads of the same correlations in one
      // query, with the cap flag: every alias gets what it asked for.
      const q = `query($id: ID!) {
        attribute(id: $id) {
          event { id }
          brief: correlations { id event { id __typename ... on Event { id } } }
          whole: correlations { id event { ...E } }
          correlationCapped
        }
      }
      fragment E on Event { id info distribution }`;
      const r = ok(await A.client.raw<{ attribute: { event: { id: string }; brief: Corr[]; whole: Corr[]; correlationCapped: boolean } }>(q, { id: attr.aOpenIp })).attribute;
      assert.equal(r.event.id, aOpen.id);
      assert.equal(r.correlationCapped, false);
      const byKey = (list: Corr[]) => Object.fromEntries(list.map((c) => [keysOf([c.id])[0], c.event]));
      assert.deepEqual(byKey(r.brief), { aPrivShared: { id: eventIds.aPrivShared, __typename: 'Event' }, bOpenShared: { id: eventIds.bOpenShared, __typename: 'Event' } });
      assert.deepEqual(byKey(r.whole), {
        aPrivShared: { id: eventIds.aPrivShared, info: info.aPrivShared, distribution: 'ORGANISATION_ONLY' },
        bOpenShared: { id: eventIds.bOpenShared, info: info.bOpenShared, distribution: 'COMMUNITY_ONLY' },
      });
      // A page: `event { id }` only, then more of the event, then a brief field beside a whole one.
      type Page = { attributes: { edges: Array<{ node: { id: string; event: Record<string, string>; again?: Record<string, string> } }> } };
      const page = async (nodeFields: string) =>
        ok(await B.client.raw<Page>(`{ attributes(filter: { value: "10.9.0.1" }, first: 10) { edges { node { id ${nodeFields} } } } }`)).attributes.edges.map((e) => [
          keysOf([e.node.id])[0],
          e.node.event,
          ...(e.node.again ? [e.node.again] : []),
        ]);
      assert.deepEqual(await page('event { id }'), [
        ['bOpenShared', { id: eventIds.bOpenShared }],
        ['aOpenIp', { id: eventIds.aOpenIp }],
      ]);
      assert.deepEqual(await page('event { id info }'), [
        ['bOpenShared', { id: eventIds.bOpenShared, info: info.bOpenShared }],
        ['aOpenIp', { id: eventIds.aOpenIp, info: info.aOpenIp }],
      ]);
      assert.deepEqual(await page('event { id } again: event { info }'), [
        ['bOpenShared', { id: eventIds.bOpenShared }, { info: info.bOpenShared }],
        ['aOpenIp', { id: eventIds.aOpenIp }, { info: info.aOpenIp }],
      ]);
    });
  });
}
