import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddAttributesDocument, CreateEventDocument } from '../../src/generated/graphql';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { TaxiiObjectIndex } from '../../src/modules/taxii/taxii-object-index.entity';
import { DEFAULT_COLLECTION_ID, TAXII_MEDIA_TYPE } from '../../src/modules/taxii/taxii.service';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';
import { createStixValidator } from '../support/stix21-schemas';

/**
 * TAXII 2.1 over real HTTP: every endpoint, filter and header; paging over 1,000 objects sharing one
 * date added while objects are added; three organisations' access; bad input as TAXII errors.
 */
interface Res {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

for (const database of testDatabases()) {
  describe(`TAXII 2.1 (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // owns a community event (public) and an org-only event (private)
    let B: OrgWithUser; // owns the 1,000-object event
    let C: OrgWithUser; // sees community data only
    let publicEvent = '';
    let privateEvent = '';
    let bulkEvent = '';
    const ids = { indicator: '', observed: '', custom: '', secret: '' };
    const base = () => hub.url.replace(/\/graphql$/, '');
    const coll = `/taxii2/api/collections/${DEFAULT_COLLECTION_ID}`;

    async function get(path: string, key: string | null, headers: Record<string, string> = {}): Promise<Res> {
      const res = await fetch(`${base()}${path}`, { headers: { accept: TAXII_MEDIA_TYPE, ...(key ? { authorization: `Basic ${Buffer.from(`taxii:${key}`).toString('base64')}` } : {}), ...headers } });
      const text = await res.text();
      assert.equal(res.headers.get('content-type'), TAXII_MEDIA_TYPE, `${path}: ${text.slice(0, 200)}`);
      return { status: res.status, headers: res.headers, body: JSON.parse(text) };
    }
    const taxiiError = (r: Res, status: number, mention: string) => {
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.http_status, String(status));
      assert.ok(typeof r.body.title === 'string' && r.body.title.length > 0);
      assert.ok(String(r.body.description).includes(mention), `"${r.body.description}" mentions ${mention}`);
    };
    const event = async (o: OrgWithUser, info: string, distribution: 'COMMUNITY_ONLY' | 'ORGANISATION_ONLY') => ok(await o.client.request(CreateEventDocument, { input: { info, distribution } })).createEvent.id;
    const add = async (o: OrgWithUser, eventId: string, attributes: Array<Record<string, unknown>>) => ok(await o.client.request(AddAttributesDocument, { eventId, attributes: attributes as never })).addAttributes;

    before(async () => {
      hub = await startTestHub(database);
      [A, B, C] = await Promise.all([orgWithUser(hub), orgWithUser(hub), orgWithUser(hub)]);
      publicEvent = await event(A, 'TAXII public', 'COMMUNITY_ONLY');
      const pub = await add(A, publicEvent, [
        { type: 'ip-dst', value: '203.0.113.50', toIds: true },
        { type: 'domain', value: 'observed.taxii.example', toIds: false },
        { type: 'text', value: 'free text for taxii', toIds: false },
      ]);
      [ids.indicator, ids.observed, ids.custom] = [`indicator--${pub[0].id}`, `observed-data--${pub[1].id}`, `x-misp-attribute--${pub[2].id}`];
      privateEvent = await event(A, 'TAXII private', 'ORGANISATION_ONLY');
      ids.secret = `indicator--${(await add(A, privateEvent, [{ type: 'ip-dst', value: '203.0.113.99', toIds: true }]))[0].id}`;
    });
    after(() => hub?.stop());

    test('discovery, API root, collections and collection', async () => {
      const d = await get('/taxii2/', A.key);
      assert.equal(d.status, 200);
      assert.deepEqual(d.body.api_roots, [`${base()}/taxii2/api/`]);
      assert.equal(d.body.default, `${base()}/taxii2/api/`);
      const root = await get('/taxii2/api/', A.key);
      assert.deepEqual(root.body.versions, [TAXII_MEDIA_TYPE]);
      const list = await get('/taxii2/api/collections/', A.key);
      assert.deepEqual(list.body.collections.map((c: { id: string }) => c.id), [DEFAULT_COLLECTION_ID]);
      const c = await get(`${coll}/`, A.key);
      assert.deepEqual([c.body.id, c.body.can_read, c.body.can_write, c.body.media_types], [DEFAULT_COLLECTION_ID, true, false, ['application/stix+json;version=2.1']]);
      taxiiError(await get('/taxii2/api/collections/00000000-0000-4000-8000-000000000000/', A.key), 404, '00000000-0000-4000-8000-000000000000');
    });

    test('authentication: Basic (key as password) or the Authorization key; none or a bad key is 401 with a TAXII error', async () => {
      taxiiError(await get('/taxii2/', null), 401, 'API key');
      const noKey = await fetch(`${base()}/taxii2/`, { headers: { accept: TAXII_MEDIA_TYPE } });
      assert.match(noKey.headers.get('www-authenticate') ?? '', /^Basic/);
      assert.equal((await get('/taxii2/', null, { authorization: A.key })).status, 200);
      assert.equal((await get('/taxii2/', null, { authorization: `Bearer ${A.key}` })).status, 200);
      assert.equal((await get('/taxii2/', null, { authorization: `Basic ${Buffer.from('x:wrong-key-wrong-key-wrong-key-1234').toString('base64')}` })).status, 401);
    });

    test('media types: 406 for an Accept without TAXII 2.1; 415 for a POST of another type; read-only 403', async () => {
      taxiiError(await get('/taxii2/', A.key, { accept: 'application/taxii+json;version=2.0' }), 406, 'Accept');
      taxiiError(await get('/taxii2/', A.key, { accept: 'text/html' }), 406, 'text/html');
      assert.equal((await get('/taxii2/', A.key, { accept: 'application/taxii+json' })).status, 200);
      const post = async (type: string) => {
        const res = await fetch(`${base()}${coll}/objects/`, { method: 'POST', headers: { accept: TAXII_MEDIA_TYPE, authorization: A.key, 'content-type': type }, body: '{}' });
        return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) };
      };
      taxiiError(await post('application/json'), 415, 'application/json');
      taxiiError(await post(TAXII_MEDIA_TYPE), 403, 'read-only');
    });

    test('objects: the STIX of what the reader may see, filters, headers, one object and its versions, manifest', async () => {
      const all = await get(`${coll}/objects/?limit=1000`, C.key);
      assert.equal(all.status, 200);
      const got = new Set(all.body.objects.map((o: { id: string }) => o.id));
      for (const id of [ids.indicator, ids.observed, ids.custom]) assert.ok(got.has(id), id);
      assert.ok(!got.has(ids.secret), 'C never sees A\'s organisation-only data');
      assert.deepEqual(createStixValidator().validateBundle({ type: 'bundle', id: 'bundle--11111111-1111-4111-8111-111111111111', objects: all.body.objects }), []);
      assert.ok(all.headers.get('x-taxii-date-added-first') && all.headers.get('x-taxii-date-added-last'));
      const ofType = await get(`${coll}/objects/?match[type]=indicator`, C.key);
      assert.ok(ofType.body.objects.length > 0 && ofType.body.objects.every((o: { type: string }) => o.type === 'indicator'));
      const byId = await get(`${coll}/objects/?match[id]=${ids.observed}`, C.key);
      assert.deepEqual(byId.body.objects.map((o: { id: string }) => o.id), [ids.observed]);
      assert.equal((await get(`${coll}/objects/?match[spec_version]=2.0`, C.key)).body.objects.length, 0);
      const one = await get(`${coll}/objects/${ids.indicator}/`, C.key);
      assert.deepEqual(one.body.objects.map((o: { id: string }) => o.id), [ids.indicator]);
      const version = one.body.objects[0].modified;
      assert.equal((await get(`${coll}/objects/${ids.indicator}/?match[version]=${version}`, C.key)).body.objects.length, 1);
      assert.equal((await get(`${coll}/objects/${ids.indicator}/?match[version]=2000-01-01T00:00:00.000Z`, C.key)).body.objects.length, 0);
      const versions = await get(`${coll}/objects/${ids.indicator}/versions/`, C.key);
      assert.deepEqual(versions.body, { more: false, versions: [version] });
      taxiiError(await get(`${coll}/objects/${ids.secret}/`, C.key), 404, ids.secret);
      assert.equal((await get(`${coll}/objects/${ids.secret}/`, A.key)).status, 200, 'the owner sees its own');
      const manifest = await get(`${coll}/manifest/?match[id]=${ids.indicator}`, C.key);
      assert.deepEqual(Object.keys(manifest.body.objects[0]).sort(), ['date_added', 'id', 'media_type', 'version']);
      assert.equal(manifest.body.objects[0].version, version);
      const later = new Date(Date.parse(all.headers.get('x-taxii-date-added-last')!)).toISOString();
      const after = await get(`${coll}/objects/?added_after=${later}`, C.key);
      assert.ok(!after.body.objects.some((o: { id: string }) => o.id === ids.indicator), 'added_after excludes what was added before');
    });

    test('bad input: added_after, limit, next, match → 400 TAXII errors naming the value', async () => {
      taxiiError(await get(`${coll}/objects/?added_after=yesterday`, A.key), 400, 'yesterday');
      taxiiError(await get(`${coll}/objects/?limit=0`, A.key), 400, 'limit');
      taxiiError(await get(`${coll}/objects/?limit=ten`, A.key), 400, 'ten');
      taxiiError(await get(`${coll}/objects/?next=not-a-cursor!`, A.key), 400, 'not-a-cursor!');
      taxiiError(await get(`${coll}/objects/?next=${Buffer.from('1.2').toString('base64url')}`, A.key), 400, 'next');
      taxiiError(await get(`${coll}/manifest/?match[version]=someday`, A.key), 400, 'someday');
      taxiiError(await get(`${coll}/objects/?match[colour]=red`, A.key), 400, 'colour');
      const big = await get(`${coll}/objects/?limit=999999`, A.key);
      assert.equal(big.status, 200, 'a limit above the cap is lowered, not refused');
    });

    test('collections defined by a site admin: a saved filter, listed for every reader, narrowing what each may see', async () => {
      const created = await hub.admin.raw<{ createTaxiiCollection: { id: string; filter: string } }>(
        'mutation($i: CreateTaxiiCollectionInput!) { createTaxiiCollection(input: $i) { id filter } }',
        { i: { title: 'IP destinations', description: 'ip-dst only', filter: { type: ['ip-dst'] } } },
      );
      const c = ok(created).createTaxiiCollection;
      assert.deepEqual(JSON.parse(c.filter), { type: ['ip-dst'] });
      const list = await get('/taxii2/api/collections/', C.key);
      assert.deepEqual(list.body.collections.map((x: { id: string; title: string }) => [x.id, x.title]), [[DEFAULT_COLLECTION_ID, 'Everything you may see'], [c.id, 'IP destinations']]);
      const objects = async (key: string) => (await get(`/taxii2/api/collections/${c.id}/objects/?limit=1000`, key)).body.objects.map((o: { id: string }) => o.id) as string[];
      const forC = await objects(C.key);
      assert.ok(forC.includes(ids.indicator) && !forC.includes(ids.observed) && !forC.includes(ids.custom), 'only ip-dst');
      assert.ok(!forC.includes(ids.secret), 'the filter never widens what C may see');
      // The events holding a matching attribute are in it (their grouping and creator), the others not.
      assert.ok(forC.includes(`grouping--${publicEvent}`) && forC.includes(`identity--${A.orgId}`), 'the event of a matching attribute and its creator');
      assert.ok(!forC.includes(`grouping--${privateEvent}`), 'never an event C may not see');
      assert.ok((await objects(A.key)).includes(ids.secret), 'the owner sees its own ip-dst');
      const renamed = await hub.admin.raw('mutation($i: UpdateTaxiiCollectionInput!) { updateTaxiiCollection(input: $i) { title } }', { i: { id: c.id, title: 'Domains', filter: { type: ['domain'] } } });
      ok(renamed);
      const domains = await objects(C.key);
      assert.ok(domains.includes(ids.observed) && !domains.includes(ids.indicator), 'the new filter applies');
      assert.ok(domains.some((id) => id.startsWith('domain-name--')) && !domains.some((id) => id.startsWith('ipv4-addr--')), 'observables of the matching attributes only');
      const bad = await hub.admin.raw('mutation($i: CreateTaxiiCollectionInput!) { createTaxiiCollection(input: $i) { id } }', { i: { title: 'bad', filter: { timestamp: { from: 'banana' } } } });
      assert.equal(bad.errors?.[0].extensions?.code, 'BAD_USER_INPUT', 'a bad filter is refused before it is saved');
      assert.ok(String(bad.errors?.[0].message).includes('banana'));
      const dup = await hub.admin.raw('mutation($i: CreateTaxiiCollectionInput!) { createTaxiiCollection(input: $i) { id } }', { i: { title: 'Domains', filter: {} } });
      assert.equal(dup.errors?.[0].extensions?.code, 'CONFLICT');
      const refused = await C.client.raw('mutation($id: ID!) { deleteTaxiiCollection(id: $id) }', { id: c.id });
      assert.equal(refused.errors?.[0].extensions?.code, 'FORBIDDEN');
      ok(await hub.admin.raw('mutation($id: ID!) { deleteTaxiiCollection(id: $id) }', { id: c.id }));
      taxiiError(await get(`/taxii2/api/collections/${c.id}/`, C.key), 404, c.id);
    });

    test('paging: 1,000 objects sharing one date added, while objects are added, each seen exactly once', async () => {
      bulkEvent = await event(B, 'TAXII bulk', 'COMMUNITY_ONLY');
      const values = Array.from({ length: 1000 }, (_, i) => ({ type: 'ip-dst', value: `198.18.${Math.floor(i / 250)}.${i % 250}`, toIds: true }));
      const added = [...(await add(B, bulkEvent, values.slice(0, 500))), ...(await add(B, bulkEvent, values.slice(500)))];
      const shared = new Date('2030-01-01T00:00:00.000Z');
      const em = hub.app.hub.em.fork();
      await em.nativeUpdate(Attribute, { uuid: { $in: added.map((a) => a.id) } }, { createdAt: shared });
      const want = new Set(added.map((a) => `indicator--${a.id}`));
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      const late: string[] = [];
      do {
        const r = await get(`${coll}/objects/?match[type]=indicator&added_after=2029-12-31T23:59:59.999Z&limit=97${next ? `&next=${next}` : ''}`, C.key);
        assert.equal(r.status, 200);
        assert.ok(r.body.objects.length <= 97);
        seen.push(...r.body.objects.map((o: { id: string }) => o.id));
        next = r.body.more ? r.body.next : undefined;
        assert.ok(!r.body.more || typeof next === 'string', 'more comes with next');
        if (++pages === 3) {
          // New objects arrive mid-way (date added now, after the shared timestamp: they come last).
          const more = await add(B, bulkEvent, [{ type: 'ip-dst', value: '198.18.9.1', toIds: true }]);
          await em.nativeUpdate(Attribute, { uuid: more[0].id }, { createdAt: new Date('2030-01-01T00:00:01.000Z') });
          late.push(`indicator--${more[0].id}`);
        }
        assert.ok(pages < 100, 'paging ends');
      } while (next);
      assert.equal(new Set(seen).size, seen.length, 'no object twice');
      for (const id of want) assert.ok(seen.includes(id), `${id} seen`);
      assert.ok(seen.includes(late[0]), 'the object added while paging is seen, after the others');
      assert.equal(seen.indexOf(late[0]), seen.length - 1);
    });

    test('the object-id cache (taxii-object-index.ts): each derived id recorded once; reading again, paging again or looking up writes nothing', async () => {
      const knex = (hub.app.orm.em as SqlEntityManager).getKnex();
      const inserts: string[] = [];
      const onQuery = (q: { sql: string }) => {
        if (/^insert\b.*\binto\s+[`"]?taxii_object_index\b/i.test(q.sql)) inserts.push(q.sql);
      };
      const rows = () => hub.app.orm.em.fork().count(TaxiiObjectIndex, {});
      const since = new Date(Date.now() - 1).toISOString();
      const own = await event(A, 'TAXII cache', 'ORGANISATION_ONLY');
      await add(A, own, [
        { type: 'domain', value: 'cache-1.taxii.example', toIds: false },
        { type: 'ip-src', value: '192.0.2.77', toIds: false },
      ]);
      const listAll = async (key: string) => {
        const ids: string[] = [];
        let next: string | undefined;
        do {
          const r = await get(`${coll}/objects/?added_after=${since}&limit=1000${next ? `&next=${next}` : ''}`, key);
          assert.equal(r.status, 200);
          ids.push(...r.body.objects.map((o: { id: string }) => o.id));
          next = r.body.more ? r.body.next : undefined;
        } while (next);
        return ids;
      };
      knex.on('query', onQuery);
      try {
        const first = await listAll(A.key);
        const sco = first.find((id) => id.startsWith('domain-name--'));
        assert.ok(sco, 'the observable of the new domain is listed');
        assert.ok(inserts.length > 0, 'the first listing records the new derived ids');
        const recorded = await rows();
        inserts.length = 0;
        assert.deepEqual(await listAll(A.key), first, 'the same listing');
        await listAll(A.key);
        await listAll(C.key);
        assert.equal((await get(`${coll}/objects/${sco}/`, A.key)).body.objects[0].id, sco, 'found by its id');
        taxiiError(await get(`${coll}/objects/${sco}/`, C.key), 404, sco!);
        assert.deepEqual(inserts, [], 'no INSERT after the first listing');
        assert.equal(await rows(), recorded);
      } finally {
        knex.removeListener('query', onQuery);
      }
    });
  });
}
