import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddAttributesDocument,
  AttributeCorrelationsDocument,
  AttributeFilter,
  AttributesDocument,
  CorrelationsDocument,
  CreateEventDocument,
  EventFilter,
  PublishEventDocument,
  RelatedEventsDocument,
  SearchAttributesDocument,
  SearchAttributeValuesDocument,
  SearchEventsDocument,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { expectError, ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/**
 * Search and correlation (issue 6) through HTTP GraphQL on a real database. One data set, three
 * organisations: A (owner of EA1, EA2), B (EB1, EB2), C (EC1). EA2 and EC1 are ORGANISATION_ONLY:
 * B must never see them, not through a search, a count, a correlation or a related event.
 */
for (const database of testDatabases()) {
  describe(`search and correlation (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser, B: OrgWithUser, C: OrgWithUser;
    let counting = false;
    let statements = 0;
    const ev: Record<string, string> = {};
    const attr: Record<string, string> = {};

    const createEvent = async (who: OrgWithUser, name: string, input: Record<string, unknown>, attributes: { key: string; type: string; value: string; tags?: string[]; comment?: string }[]) => {
      const e = ok(await who.client.request(CreateEventDocument, { input: { info: `search ${name}`, distribution: 'COMMUNITY_ONLY', ...input } as never })).createEvent;
      ev[name] = e.id;
      const added = ok(
        await who.client.request(AddAttributesDocument, {
          eventId: e.id,
          attributes: attributes.map(({ type, value, tags, comment }) => ({ type, value, tags, comment })),
        }),
      ).addAttributes;
      added.forEach((a, i) => (attr[attributes[i].key] = a.id));
      ok(await who.client.request(PublishEventDocument, { id: e.id }));
    };

    before(async () => {
      hub = await startTestHub(
        database,
        { CORRELATION_MAX: '2', CORRELATION_EXCLUSIONS: '%.excluded.test,198.51.100.7', CHANGE_POLL_MS: '60000', MAX_PAGE_SIZE: '100' },
        { onQuery: (sql) => counting && !/update\s+`?api_keys|from\s+`?(changes|peers)`?\s/i.test(sql) && statements++ },
      );
      [A, B, C] = [await orgWithUser(hub, 'PUBLISHER'), await orgWithUser(hub, 'PUBLISHER'), await orgWithUser(hub, 'PUBLISHER')];
      await createEvent(A, 'EA1', { tags: ['tlp:green', 'campaign:one'] }, [
        { key: 'a1ip', type: 'ip-dst', value: '10.1.2.3', tags: ['kind:c2'] },
        { key: 'a1dom', type: 'domain', value: 'evil.example.com', comment: 'seen in phishing wave' },
        { key: 'a1url', type: 'url', value: 'https://evil.example.com/path' },
        { key: 'a1ipport', type: 'ip-dst|port', value: '192.168.5.5|443' },
        { key: 'a1v6', type: 'ip-src', value: '2001:DB8::1' },
        { key: 'a1comment', type: 'comment', value: 'hello world' },
        { key: 'a1hot', type: 'domain', value: 'hot.example.net' },
        { key: 'a1excl', type: 'domain', value: 'x.excluded.test' },
        { key: 'a1exclip', type: 'ip-dst', value: '198.51.100.7' },
        { key: 'a1reg', type: 'regkey', value: 'HKLM\\Software\\Evil_Corp\\Run' },
      ]);
      await createEvent(A, 'EA2', { distribution: 'ORGANISATION_ONLY', tags: ['tlp:red'] }, [
        { key: 'a2ip', type: 'ip-dst', value: '10.1.2.3' },
        { key: 'a2secret', type: 'domain', value: 'secret.example.com' },
        { key: 'a2hot', type: 'domain', value: 'hot.example.net' },
        { key: 'a2hot2', type: 'hostname', value: 'hot.example.net' },
      ]);
      await createEvent(B, 'EB1', { tags: ['tlp:green'] }, [
        { key: 'b1ip', type: 'ip-dst', value: '192.168.5.5' },
        { key: 'b1domip', type: 'domain|ip', value: 'other.example.org|10.1.2.3', tags: ['kind:c2'] },
        { key: 'b1url', type: 'url', value: 'http://evil.example.com/path' },
        { key: 'b1comment', type: 'comment', value: 'hello world' },
        { key: 'b1hot', type: 'domain', value: 'hot.example.net' },
        { key: 'b1excl', type: 'domain', value: 'x.excluded.test' },
        { key: 'b1exclip', type: 'ip-dst', value: '198.51.100.7' },
      ]);
      await createEvent(B, 'EB2', { disableCorrelation: true, tags: ['tlp:amber'] }, [{ key: 'b2ip', type: 'ip-dst', value: '10.1.2.3' }]);
      await createEvent(C, 'EC1', { distribution: 'ORGANISATION_ONLY' }, [
        { key: 'c1hot', type: 'domain', value: 'hot.example.net' },
        { key: 'c1hot2', type: 'hostname', value: 'hot.example.net' },
      ]);
    });
    after(() => hub?.stop());

    const search = async (client: GraphqlClient, filter: AttributeFilter, first = 100) => {
      const r = ok(await client.request(SearchAttributesDocument, { filter, first })).attributes;
      return { ids: new Set(r.edges.map((e) => e.node.id)), total: r.totalCount, nodes: r.edges.map((e) => e.node) };
    };
    const keysOf = (ids: Set<string>) => Object.entries(attr).filter(([, id]) => ids.has(id)).map(([k]) => k).sort();
    const eventsOf = async (client: GraphqlClient, filter: EventFilter) => {
      const r = ok(await client.request(SearchEventsDocument, { filter, first: 100 })).events;
      const ids = new Set(r.edges.map((e) => e.node.id));
      return { names: Object.entries(ev).filter(([, id]) => ids.has(id)).map(([k]) => k).sort(), total: r.totalCount };
    };

    test('exact value, visibility in rows and totalCount', async () => {
      const asA = await search(A.client, { value: '10.1.2.3' });
      assert.deepEqual(keysOf(asA.ids), ['a1ip', 'a2ip', 'b2ip']);
      assert.equal(asA.total, 3);
      const asB = await search(B.client, { value: '10.1.2.3' });
      assert.deepEqual(keysOf(asB.ids), ['a1ip', 'b2ip']);
      assert.equal(asB.total, 2);
      // IPv6 in any spelling finds the normalised value; a hash in upper case finds the lower-case value.
      assert.deepEqual(keysOf((await search(B.client, { value: '2001:0db8:0:0::1' })).ids), ['a1v6']);
      // Values that only look like odd IP forms are searched as given (no refusal).
      assert.equal((await search(B.client, { value: '443' })).total, 0);
      assert.equal((await search(B.client, { values: ['443', '10.1.2.3', '::ffff:10.1.2.3'] })).total, 2);
    });

    test('prefix, suffix and wildcard patterns', async () => {
      assert.deepEqual(keysOf((await search(B.client, { value: 'evil.%' })).ids), ['a1dom']);
      assert.deepEqual(keysOf((await search(A.client, { value: '%.example.com', type: ['domain'] })).ids), ['a1dom', 'a2secret']);
      assert.deepEqual(keysOf((await search(B.client, { value: '%.example.com', type: ['domain'] })).ids), ['a1dom']);
      assert.deepEqual(keysOf((await search(B.client, { value: '%evil%com/pa%' })).ids), ['a1url', 'b1url']);
      // LIKE metacharacters and backslashes in the text are literal (registry keys, file paths).
      assert.deepEqual(keysOf((await search(B.client, { value: 'HKLM\\Software\\Evil_%' })).ids), ['a1reg']);
      assert.deepEqual(keysOf((await search(B.client, { quickFilter: 'software\\evil_corp' })).ids), ['a1reg']);
    });

    test('values: 10,000 values in one statement, the same count as 10 values', async () => {
      const noise = Array.from({ length: 9_997 }, (_, i) => `172.${(i >> 8) & 255}.${i & 255}.9`);
      const run = async (values: string[]) => {
        statements = 0;
        counting = true;
        const r = await search(B.client, { values }, 100);
        counting = false;
        return { r, n: statements };
      };
      await run(['warm-up.example']);
      const small = await run(['10.1.2.3', 'evil.example.com', 'secret.example.com']);
      const big = await run([...noise.slice(0, 5000), '10.1.2.3', 'evil.example.com', 'secret.example.com', ...noise.slice(5000)]);
      assert.equal(big.r.total, 3);
      assert.deepEqual(keysOf(big.r.ids), ['a1dom', 'a1ip', 'b2ip']);
      assert.deepEqual(keysOf(small.r.ids), keysOf(big.r.ids));
      assert.equal(big.n, small.n, `10,000 values took ${big.n} statements, 3 values ${small.n}`);
      // authentication (3), the page, the count, the events of the page: none of them per value
      assert.ok(big.n <= 6, `statements: ${big.n}`);
    });

    test('CIDR containment on IP types (composite parts included), IPv4 and IPv6', async () => {
      assert.deepEqual(keysOf((await search(A.client, { cidr: ['10.0.0.0/8'] })).ids), ['a1ip', 'a2ip', 'b1domip', 'b2ip']);
      assert.deepEqual(keysOf((await search(B.client, { cidr: ['10.1.2.0/24', '192.168.5.5'] })).ids), ['a1ip', 'a1ipport', 'b1domip', 'b1ip', 'b2ip']);
      assert.deepEqual(keysOf((await search(B.client, { cidr: ['2001:db8::/32'] })).ids), ['a1v6']);
      assert.deepEqual(keysOf((await search(B.client, { cidr: ['10.1.2.4/32'] })).ids), []);
    });

    test('type, category, toIds and combinations', async () => {
      assert.deepEqual(keysOf((await search(B.client, { type: ['ip-dst'], category: ['Network activity'], cidr: ['10.0.0.0/8'] })).ids), ['a1ip', 'b2ip']);
      assert.deepEqual(keysOf((await search(B.client, { type: ['comment'], toIds: false })).ids), ['a1comment', 'b1comment']);
      assert.deepEqual(keysOf((await search(B.client, { objectRelation: ['none-such'] })).ids), []);
      assert.deepEqual(keysOf((await search(B.client, { creatorOrgId: [A.orgId], type: ['url'] })).ids), ['a1url']);
    });

    test('tags: OR (legacy list), AND, NOT, on the attribute or its event', async () => {
      assert.deepEqual(keysOf((await search(A.client, { tags: ['kind:c2'] })).ids), ['a1ip', 'b1domip']);
      assert.deepEqual(keysOf((await search(A.client, { tags: ['tlp:red'], type: ['domain'] })).ids), ['a2hot', 'a2secret']);
      assert.deepEqual(keysOf((await search(A.client, { tagFilter: { all: ['tlp:green', 'kind:c2'] } })).ids), ['a1ip', 'b1domip']);
      assert.deepEqual(keysOf((await search(A.client, { tagFilter: { all: ['campaign:one', 'kind:c2'] } })).ids), ['a1ip']);
      assert.deepEqual(
        keysOf((await search(A.client, { tagFilter: { any: ['tlp:amber', 'tlp:red'], none: ['TLP:RED'] } })).ids),
        ['b2ip'],
      );
      assert.deepEqual(keysOf((await search(A.client, { tags: ['!tlp:green', '!tlp:red'], type: ['ip-dst'] })).ids), ['b2ip']);
      assert.deepEqual(keysOf((await search(A.client, { tagFilter: { all: ['no-such-tag'] } })).ids), []);
    });

    test('relative and absolute times', async () => {
      const all = (await search(B.client, {})).total;
      assert.ok(all > 10);
      assert.equal((await search(B.client, { timestamp: { from: '30m' } })).total, all);
      assert.equal((await search(B.client, { timestamp: { from: '2w', to: '1s' } })).total, 0 + (await search(B.client, { timestamp: { to: '1s' } })).total);
      assert.equal((await search(B.client, { timestamp: { to: '12h' } })).total, 0);
      assert.equal((await search(B.client, { eventTimestamp: { from: '1d' }, publishTimestamp: { from: '1h' } })).total, all);
      assert.equal((await search(B.client, { publishTimestamp: { to: '2000-01-01' } })).total, 0);
      assert.equal((await search(B.client, { timestamp: { from: String(Math.floor(Date.now() / 1000) + 3600) } })).total, 0);
      assert.equal((await eventsOf(B.client, { timestamp: { from: '7d' } })).total, 3);
      assert.equal((await eventsOf(B.client, { publishTimestamp: { to: '7d' } })).total, 0);
      assert.deepEqual((await eventsOf(B.client, { attributeTimestamp: { from: '1d' }, attributeType: ['url'] })).names, ['EA1', 'EB1']);
      assert.deepEqual((await eventsOf(B.client, { attributeTimestamp: { to: '1d' } })).names, []);
    });

    test('quickFilter over values, comments, event info and tag names', async () => {
      assert.deepEqual(keysOf((await search(B.client, { quickFilter: 'phishing' })).ids), ['a1dom']);
      assert.deepEqual(keysOf((await search(B.client, { quickFilter: 'secret' })).ids), []);
      assert.ok((await search(B.client, { quickFilter: 'search EB2' })).ids.has(attr.b2ip));
      assert.deepEqual(keysOf((await search(B.client, { quickFilter: 'kind:c', type: ['ip-dst', 'domain|ip'] })).ids), ['a1ip', 'b1domip']);
    });

    test('events: containing a matching visible attribute, tags, quickFilter', async () => {
      assert.deepEqual((await eventsOf(A.client, { value: '10.1.2.3' })).names, ['EA1', 'EA2', 'EB2']);
      assert.deepEqual((await eventsOf(B.client, { value: '10.1.2.3' })), { names: ['EA1', 'EB2'], total: 2 });
      assert.deepEqual((await eventsOf(B.client, { value: 'secret.example.com' })), { names: [], total: 0 });
      assert.deepEqual((await eventsOf(B.client, { values: ['192.168.5.5', 'hello world'], attributeType: ['ip-dst'] })).names, ['EB1']);
      assert.deepEqual((await eventsOf(B.client, { cidr: ['192.168.0.0/16'] })).names, ['EA1', 'EB1']);
      assert.deepEqual((await eventsOf(A.client, { tagFilter: { any: ['tlp:green', 'tlp:red'], none: ['campaign:one'] } })).names, ['EA2', 'EB1']);
      assert.deepEqual((await eventsOf(B.client, { quickFilter: 'phishing' })).names, ['EA1']);
      assert.deepEqual((await eventsOf(B.client, { quickFilter: 'tlp:amb' })).names, ['EB2']);
      assert.deepEqual((await eventsOf(B.client, { quickFilter: 'secret' })).names, []);
    });

    test('pagination over changing data: no duplicates, no older row skipped', async () => {
      const e = ok(await A.client.request(CreateEventDocument, { input: { info: 'paging', distribution: 'COMMUNITY_ONLY' } })).createEvent;
      const original = ok(
        await A.client.request(AddAttributesDocument, {
          eventId: e.id,
          attributes: Array.from({ length: 7 }, (_, i) => ({ type: 'domain', value: `p${i}.paging.test` })),
        }),
      ).addAttributes.map((a) => a.id);
      const seen: string[] = [];
      let after: string | null | undefined = null;
      type Page = { attributes: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: { id: string } }[] } };
      for (let page = 0; page < 10; page++) {
        const r: Page["attributes"] = (ok(await B.client.request(SearchAttributeValuesDocument, { filter: { eventId: e.id }, first: 2, after })) as Page).attributes;
        seen.push(...r.edges.map((x) => x.node.id));
        // New rows arrive while the client pages (newest first: they belong before the cursor).
        ok(await A.client.request(AddAttributesDocument, { eventId: e.id, attributes: [{ type: 'domain', value: `new${page}.paging.test` }] }));
        if (!r.pageInfo.hasNextPage) break;
        after = r.pageInfo.endCursor;
      }
      assert.equal(new Set(seen).size, seen.length, 'a row came twice');
      assert.deepEqual(seen.filter((id) => original.includes(id)).sort(), [...original].sort());
    });

    test('correlations: by value, by composite part, URL without scheme, visibility on both sides', async () => {
      const corr = async (client: GraphqlClient, key: string) => {
        const a = ok(await client.request(AttributeCorrelationsDocument, { id: attr[key] })).attribute!;
        return { keys: keysOf(new Set(a.correlations.map((c) => c.id))), capped: a.correlationCapped };
      };
      // EB2 disabled correlation: never listed; EA2 is A's own ORGANISATION_ONLY event.
      assert.deepEqual(await corr(A.client, 'a1ip'), { keys: ['a2ip', 'b1domip'], capped: false });
      assert.deepEqual(await corr(B.client, 'a1ip'), { keys: ['b1domip'], capped: false });
      assert.deepEqual(await corr(B.client, 'b1domip'), { keys: ['a1ip'], capped: false });
      assert.deepEqual(await corr(A.client, 'b1domip'), { keys: ['a1ip', 'a2ip'], capped: false });
      assert.deepEqual(await corr(B.client, 'b2ip'), { keys: [], capped: false });
      assert.deepEqual(await corr(B.client, 'a1ipport'), { keys: ['b1ip'], capped: false });
      assert.deepEqual(await corr(B.client, 'b1ip'), { keys: ['a1ipport'], capped: false });
      assert.deepEqual(await corr(B.client, 'a1url'), { keys: ['b1url'], capped: false });
      // Non-correlating type; configured exclusions (a pattern and an exact value).
      assert.deepEqual(await corr(B.client, 'a1comment'), { keys: [], capped: false });
      assert.deepEqual(await corr(B.client, 'a1excl'), { keys: [], capped: false });
      assert.deepEqual(await corr(B.client, 'b1exclip'), { keys: [], capped: false });
    });

    test('over-correlating values are capped per what the caller can see', async () => {
      // hot.example.net: EA1, EB1 (visible to all), EA2 twice (A only), EC1 twice (C only); CORRELATION_MAX=2.
      const hot = async (client: GraphqlClient, key: string) => ok(await client.request(AttributeCorrelationsDocument, { id: attr[key] })).attribute!;
      const asB = await hot(B.client, 'b1hot');
      assert.equal(asB.correlationCapped, false, 'B sees one other attribute with this value: not over the cap');
      assert.deepEqual(keysOf(new Set(asB.correlations.map((c) => c.id))), ['a1hot']);
      const asA = await hot(A.client, 'a1hot');
      assert.equal(asA.correlationCapped, true, 'A sees three other attributes with this value');
      assert.deepEqual(asA.correlations, []);
      const asC = await hot(C.client, 'c1hot');
      assert.equal(asC.correlationCapped, true);
    });

    test('related events respect visibility and exclusions', async () => {
      const related = async (client: GraphqlClient, name: string) => {
        const ids = new Set(ok(await client.request(RelatedEventsDocument, { id: ev[name] })).event!.relatedEvents.map((e) => e.id));
        return Object.entries(ev).filter(([, id]) => ids.has(id)).map(([k]) => k).sort();
      };
      assert.deepEqual(await related(A.client, 'EA1'), ['EA2', 'EB1']);
      assert.deepEqual(await related(B.client, 'EA1'), ['EB1']);
      assert.deepEqual(await related(B.client, 'EB1'), ['EA1']);
      assert.deepEqual(await related(B.client, 'EB2'), []);
      assert.deepEqual(await related(C.client, 'EC1'), []);
    });

    test('a page of attributes with correlations is a fixed number of statements', async () => {
      const count = async (first: number) => {
        statements = 0;
        counting = true;
        // Both pages hold attributes with correlations (a1hot, a1url, a1ip ...), so every step runs.
        const r = ok(await B.client.request(CorrelationsDocument, { filter: { eventId: ev.EA1, type: ['ip-dst', 'domain', 'url'] }, first }));
        counting = false;
        assert.equal(r.attributes.edges.length, first);
        return statements;
      };
      await count(6);
      const three = await count(3);
      const six = await count(6);
      assert.ok(three > 0);
      assert.equal(six, three, `3 attributes: ${three} statements, 6: ${six}`);
    });

    test("a page's correlations are each attribute's own (one read for all the page's keys, or for one key)", async () => {
      for (const [name, client] of [['A', A.client], ['B', B.client]] as const) {
        const page = ok(await client.request(CorrelationsDocument, { filter: { eventId: ev.EA1 }, first: 50 })).attributes.edges.map((e) => e.node);
        assert.ok(page.filter((n) => n.correlations.length).length >= 3, `${name}: several attributes of the page correlate`);
        for (const n of page) {
          const one = ok(await client.request(AttributeCorrelationsDocument, { id: n.id })).attribute!;
          assert.deepEqual(n.correlations.map((c) => c.id), one.correlations.map((c) => c.id), `${name}: ${n.value}`);
          assert.equal(n.correlationCapped, one.correlationCapped, `${name}: ${n.value}`);
        }
      }
    });

    test("an event reached through a lookup's page is the event as read directly", async () => {
      // Lookups hand on their events as views of the row (event-view.ts), not entities: every field,
      // scalar or resolved, must come out as from `event(id)`.
      const fields = `id info date threatLevel analysis distribution published publishedAt timestamp locked disableCorrelation extendsUuid
        createdAt ownerOrg { id name } creatorOrg { id } sharingGroup { id } tags { name } attributeCount relatedEvents { id } reports { id }
        proposals { id } objectCount galaxyClusters { value } attributes(first: 3) { id value }`;
      const viaLookup = ok(
        await B.client.raw<{ attributes: { edges: { node: { event: Record<string, unknown> } }[] } }>(
          `query($f: AttributeFilter) { attributes(filter: $f, first: 50) { edges { node { event { ${fields} } } } } }`,
          { f: { value: '10.1.2.3' } },
        ),
      ).attributes.edges.map((e) => e.node.event);
      assert.ok(viaLookup.length >= 2, 'the lookup found attributes in several events');
      for (const e of viaLookup) {
        const direct = ok(await B.client.raw<{ event: Record<string, unknown> }>(`query($id: ID!) { event(id: $id) { ${fields} } }`, { id: e.id })).event;
        assert.deepEqual(e, direct, `event ${String(e.id)}`);
      }
    });

    test("an event of an events page is the event as read directly", async () => {
      // The events page hands on its events as views of the row (event-view.ts), not entities: every
      // field, scalar or resolved, must come out as from `event(id)`.
      const fields = `id info date threatLevel analysis distribution published publishedAt timestamp locked disableCorrelation extendsUuid
        createdAt ownerOrg { id name } creatorOrg { id } sharingGroup { id } tags { name } attributeCount relatedEvents { id } reports { id }
        proposals { id } objectCount galaxyClusters { value } attributes(first: 3) { id value }`;
      const page = ok(
        await B.client.raw<{ events: { edges: { node: Record<string, unknown> }[] } }>(`query { events(first: 50) { edges { node { ${fields} } } } }`),
      ).events.edges.map((e) => e.node);
      assert.ok(page.length >= 2, 'the page holds several events');
      for (const e of page) {
        const direct = ok(await B.client.raw<{ event: Record<string, unknown> }>(`query($id: ID!) { event(id: $id) { ${fields} } }`, { id: e.id })).event;
        assert.deepEqual(e, direct, `event ${String(e.id)}`);
      }
    });

    test('bad input names the value; nothing is returned', async () => {
      const bad = (filter: AttributeFilter, text: string | RegExp, first?: number) =>
        expectError(B.client.request(AttributesDocument, { filter, first }), 'BAD_USER_INPUT', text);
      await bad({ cidr: ['10.0.0.0/33'] }, '10.0.0.0/33');
      await bad({ cidr: ['not-an-ip'] }, 'not-an-ip');
      await bad({ value: '%' }, 'Invalid value pattern "%"');
      await bad({ timestamp: { from: '7x' } }, 'unknown time unit "x"');
      await bad({ eventTimestamp: { to: 'yesterday' } }, 'yesterday');
      await bad({ timestamp: { from: '1h', to: '2d' } }, 'from "1h" is after to "2d"');
      await bad({}, 'first=101', 101);
      await bad({ values: Array.from({ length: 10_001 }, (_, i) => `v${i}`) }, 'Too many values (10001)');
      await bad({ quickFilter: 'a' }, 'quickFilter "a"');
      await expectError(B.client.request(SearchEventsDocument, { filter: { timestamp: { from: '3y' } } }), 'BAD_USER_INPUT', '"y"');
      // A filter the caller may not use: tombstones of a visible event of another organisation.
      await expectError(B.client.request(AttributesDocument, { filter: { eventId: ev.EA1, deleted: true } }), 'FORBIDDEN', ev.EA1);
      // ... while the owner may; and an invisible event stays absent (no FORBIDDEN that would reveal it).
      ok(await A.client.request(AttributesDocument, { filter: { eventId: ev.EA1, deleted: true } }));
      assert.equal(ok(await B.client.request(AttributesDocument, { filter: { eventId: ev.EA2, deleted: true } })).attributes.totalCount, 0);
    });
  });
}
