import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddAttributesDocument, AddObjectDocument, CreateEventDocument } from '../../src/generated/graphql';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { testDatabases } from '../support/databases';
import { ATTRIBUTE_GALAXY_TAG, buildMispModelEvent, EVENT_GALAXY_TAG, MispModelEvent } from '../support/misp-model-fixture';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';
import { createStixValidator } from '../support/stix21-schemas';
import { interopProblems, NOT_IN_MISP_DATA } from '../support/stix-interop';
import { GalaxyCluster } from '../../src/modules/galaxy/galaxy-cluster.entity';
import { randomUUID } from 'node:crypto';

/**
 * A SOC engineer's TAXII 2.1 client against the hub, behaving as the OASIS taxii2-client (taxii2client/v21)
 * does, since that Python client cannot be installed here:
 * - every GET sends `Accept: application/taxii+json;version=2.1`, HTTP Basic (user, password = API key)
 *   and a User-Agent, and refuses a response whose Content-Type does not carry every token of the Accept
 *   value with `application/taxii+json` first (`_HTTPConnection.valid_content_type`);
 * - discovery → API roots (urljoin of each `api_roots` entry) → API root information (title, versions,
 *   max_content_length required) → collections (id, title, can_read, can_write required; the id must be
 *   in the collection URL `<api root>collections/<id>/`);
 * - `as_pages(get_objects, per_request=N)`: the first request with `limit=N`; when the envelope says
 *   `more` and holds a different number of objects, N becomes that number; then while `more`, the same
 *   request with `next` (a falsy limit is left out of the query);
 * - query parameters as `match[<field>]=a,b`, `added_after`, `limit`, `next`.
 * The collection paged holds 1,000+ objects (observables, observed-data, MISP objects, galaxy clusters,
 * relationships, reports, identities, markings) with many sharing one date added, and objects are added
 * while the client pages: every object is seen exactly once. Three organisations' access is checked on
 * every endpoint.
 */
const TAXII_21 = 'application/taxii+json;version=2.1';

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: Array<Record<string, unknown> & { id: string; type: string }>;
  versions?: string[];
}

class TaxiiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** The taxii2client v21 connection, transcribed: Basic auth, Accept, the content type check, parameters. */
class Taxii21Connection {
  requests = 0;
  constructor(
    private readonly user: string,
    private readonly password: string,
  ) {}

  static validContentType(contentType: string, accept: string): boolean {
    const acceptTokens = accept.replace(/ /g, '').split(';');
    const tokens = contentType.replace(/ /g, '').split(';');
    return acceptTokens.every((t) => tokens.includes(t)) && tokens[0] === 'application/taxii+json';
  }

  async get(url: string, params: Record<string, string | number | string[] | undefined> = {}): Promise<Record<string, unknown>> {
    const u = new URL(url);
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === '' || v === 0 || (Array.isArray(v) && !v.length)) continue; // falsy filters are skipped
      u.searchParams.set(k === 'added_after' || k === 'limit' || k === 'next' ? k : `match[${k}]`, Array.isArray(v) ? v.join(',') : String(v));
    }
    this.requests++;
    const res = await fetch(u, {
      headers: { Accept: TAXII_21, 'User-Agent': 'taxii2-client/2.3.0', Authorization: `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}` },
    });
    const text = await res.text();
    if (!res.ok) throw new TaxiiClientError(res.status, text);
    const type = res.headers.get('content-type') ?? '';
    if (!Taxii21Connection.validContentType(type, TAXII_21)) throw new Error(`Unexpected Response. Got Content-Type: '${type}' for Accept: '${TAXII_21}'`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}

class Collection {
  constructor(
    private readonly conn: Taxii21Connection,
    readonly url: string,
    readonly info: Record<string, unknown>,
  ) {
    for (const k of ['id', 'title']) assert.ok(info[k], `No '${k}' in Collection for request '${url}'`);
    for (const k of ['can_read', 'can_write']) assert.notEqual(info[k], undefined, `No '${k}' in Collection`);
    assert.ok(url.includes(String(info.id)), `The collection '${info.id}' does not match the url for queries '${url}'`);
  }
  getObjects = (filters: Record<string, string | number | string[] | undefined> = {}) => this.conn.get(`${this.url}objects/`, filters) as Promise<Envelope>;
  getManifest = (filters: Record<string, string | number | string[] | undefined> = {}) => this.conn.get(`${this.url}manifest/`, filters) as Promise<Envelope>;
  getObject = (id: string, filters: Record<string, string | number | string[] | undefined> = {}) => this.conn.get(`${this.url}objects/${id}/`, filters) as Promise<Envelope>;
  objectVersions = (id: string) => this.conn.get(`${this.url}objects/${id}/versions/`) as Promise<Envelope>;
}

/** taxii2client's as_pages: the per-request size follows what the server actually returned. */
async function* asPages(func: (f: Record<string, string | number | string[] | undefined>) => Promise<Envelope>, perRequest: number, filters: Record<string, string | string[] | undefined> = {}, onPage?: (n: number) => Promise<void>) {
  let envelope = await func({ ...filters, limit: perRequest });
  yield envelope;
  const total = envelope.objects?.length ?? 0;
  if (envelope.more && total !== perRequest) perRequest = total;
  let n = 1;
  while (envelope.more) {
    await onPage?.(n++);
    envelope = await func({ ...filters, limit: perRequest, next: envelope.next ?? '' });
    yield envelope;
  }
}

async function discover(base: string, user: string, key: string): Promise<{ conn: Taxii21Connection; collections: Collection[] }> {
  const conn = new Taxii21Connection(user, key);
  const server = await conn.get(`${base}/taxii2/`);
  assert.ok(server.title, "No 'title' in Server Discovery");
  const roots = (server.api_roots as string[]).map((r) => new URL(r, `${base}/taxii2/`).href);
  assert.ok(roots.includes(new URL(String(server.default), `${base}/taxii2/`).href), 'default is one of api_roots');
  const root = roots[0];
  const info = await conn.get(root);
  assert.ok(info.title && (info.versions as string[]).length && info.max_content_length !== undefined, 'API root information');
  const list = await conn.get(`${root}collections/`);
  return { conn, collections: ((list.collections as Array<Record<string, unknown>>) ?? []).map((c) => new Collection(conn, `${root}collections/${c.id}/`, c)) };
}

for (const database of testDatabases()) {
  describe(`TAXII 2.1 as the OASIS taxii2-client uses it (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // owns the model event (community) and a private event
    let B: OrgWithUser; // owns the bulk event
    let C: OrgWithUser; // a third organisation: community data only
    let model: MispModelEvent;
    const hidden = { event: '', attribute: '', ipSco: '', clusterTag: 'misp-galaxy:threat-actor="Hidden Actor"', cluster: '' };
    const bulk: { event: string; attributes: string[]; objects: string[] } = { event: '', attributes: [], objects: [] };
    const base = () => hub.url.replace(/\/graphql$/, '');

    const add = async (o: OrgWithUser, eventId: string, attributes: Array<Record<string, unknown>>) =>
      ok(await o.client.request(AddAttributesDocument, { eventId, attributes: attributes as never })).addAttributes;
    const event = async (o: OrgWithUser, info: string, distribution: 'COMMUNITY_ONLY' | 'ORGANISATION_ONLY') => ok(await o.client.request(CreateEventDocument, { input: { info, distribution } })).createEvent.id;

    before(async () => {
      hub = await startTestHub(database);
      [A, B, C] = await Promise.all([orgWithUser(hub), orgWithUser(hub), orgWithUser(hub)]);
      model = await buildMispModelEvent(hub, A, B, { distribution: 'COMMUNITY_ONLY' });
      // A's organisation-only event: a value and a cluster nobody else may reach.
      hidden.event = await event(A, 'TAXII hidden', 'ORGANISATION_ONLY');
      hidden.attribute = (await add(A, hidden.event, [{ type: 'ip-src', value: '192.0.2.250', toIds: false, tags: [hidden.clusterTag] }]))[0].id;
      const em = hub.app.hub.em.fork();
      const c = em.create(GalaxyCluster, {
        uuid: randomUUID(),
        tagName: hidden.clusterTag,
        type: 'threat-actor',
        value: 'Hidden Actor',
        galaxy: JSON.stringify({ name: 'Threat Actor', type: 'threat-actor', namespace: 'misp' }),
        data: JSON.stringify({ meta: {} }),
      } as never);
      await em.flush();
      hidden.cluster = `threat-actor--${c.uuid}`;
      // B's bulk event: 520 observed values (observed-data + observable each), the model's attribute cluster, 4 MISP objects.
      bulk.event = await event(B, 'TAXII bulk for the client', 'COMMUNITY_ONLY');
      const values = Array.from({ length: 520 }, (_, i) => ({ type: 'ip-dst', value: `198.19.${Math.floor(i / 200)}.${i % 200}`, toIds: false, ...(i === 7 ? { tags: [ATTRIBUTE_GALAXY_TAG] } : {}) }));
      // The same value a second and third time (another type too): one observable, served once.
      values.push({ type: 'ip-src', value: '198.19.0.1', toIds: false }, { type: 'domain|ip', value: 'twice.example|198.19.0.2', toIds: false } as never);
      for (let i = 0; i < values.length; i += 200) bulk.attributes.push(...(await add(B, bulk.event, values.slice(i, i + 200))).map((a) => a.id));
      for (let i = 0; i < 4; i++) {
        const o = ok(
          await B.client.request(AddObjectDocument, {
            input: { eventId: bulk.event, name: 'domain-ip', attributes: [{ objectRelation: 'domain', type: 'domain', value: `object-${i}.example` }, { objectRelation: 'ip', type: 'ip-dst', value: `198.19.9.${i}` }] as never },
          }),
        ).addObject;
        bulk.objects.push(o.id);
      }
      // Many objects share one date added (the keyset cursor must not lose or repeat any of them); objects
      // added while the client pages come after it, as dates added only grow.
      const shared = new Date();
      await em.nativeUpdate(Attribute, { uuid: { $in: bulk.attributes.slice(0, 400) } }, { createdAt: shared });
      await em.nativeUpdate(MispObject, { uuid: { $in: bulk.objects.slice(0, 2) } }, { createdAt: shared });
    });
    after(() => hub?.stop());

    test('discovery, API root and collections as the client reads them; a wrong password is refused', async () => {
      const { collections } = await discover(base(), 'soc-analyst', C.key);
      assert.equal(collections.length, 1);
      assert.equal(collections[0].info.can_read, true);
      await assert.rejects(discover(base(), 'soc-analyst', 'not-the-key-not-the-key-not-the-key'), (e: TaxiiClientError) => e.status === 401);
      assert.ok(Taxii21Connection.validContentType('application/taxii+json; version=2.1', TAXII_21));
      assert.ok(!Taxii21Connection.validContentType('application/json', TAXII_21), 'the check the client makes can fail');
    });

    test('paging 1,000+ objects (objects and clusters among them) while objects are added: each seen exactly once, all valid STIX', async () => {
      const { conn, collections } = await discover(base(), 'soc-analyst', C.key);
      const coll = collections[0];
      const seen: string[] = [];
      const objects = new Map<string, Record<string, unknown>>();
      const late: string[] = [];
      let pages = 0;
      for await (const envelope of asPages(coll.getObjects, 150, {}, async (n) => {
        if (n === 3 || n === 6) {
          // New data arrives between pages: an attribute (with a new observable) and a MISP object.
          const [a] = await add(B, bulk.event, [{ type: 'domain', value: `late-${n}.example`, toIds: false }]);
          late.push(a.id);
          const o = ok(await B.client.request(AddObjectDocument, { input: { eventId: bulk.event, name: 'domain-ip', attributes: [{ objectRelation: 'domain', type: 'domain', value: `late-object-${n}.example` }] as never } })).addObject;
          late.push(o.id);
        }
      })) {
        pages++;
        for (const o of envelope.objects ?? []) {
          seen.push(o.id);
          objects.set(o.id, o);
        }
        assert.ok(pages < 200, 'paging ends');
      }
      const doubled = seen.filter((id, i) => seen.indexOf(id) !== i);
      assert.deepEqual(doubled, [], 'no object twice');
      assert.ok(seen.length >= 1000, `${seen.length} objects paged in ${pages} pages`);
      // Nothing missed: a fresh listing after the additions holds exactly what was paged.
      const again: string[] = [];
      const latest = new Map<string, Record<string, unknown>>();
      for await (const envelope of asPages(coll.getObjects, 1000)) {
        again.push(...(envelope.objects ?? []).map((o) => o.id));
        for (const o of envelope.objects ?? []) latest.set(o.id, o);
      }
      const seenSet = new Set(seen);
      assert.deepEqual(again.filter((id, i) => again.indexOf(id) !== i), [], 'a second listing holds no object twice');
      assert.deepEqual(again.filter((id) => !seenSet.has(id)), [], 'every object of the collection was paged');
      assert.equal(again.length, seen.length, 'and nothing else');
      for (const uuid of late) assert.ok(seen.some((id) => id.endsWith(`--${uuid}`)), `${uuid} (added while paging) seen`);
      // What a SOC engineer expects in it.
      const must = [
        `report--${model.eventId}`,
        `identity--${A.orgId}`,
        `identity--${B.orgId}`,
        'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
        `threat-actor--${model.clusters.event}`,
        `attack-pattern--${model.clusters.attribute}`,
        `grouping--${bulk.event}`,
      ];
      for (const id of must) assert.ok(objects.has(id), `${id} in the collection`);
      // MISP objects: an indicator (an IDS-flagged attribute in it) or an observed-data, named by the object uuid.
      const mainOf = (uuid: string) => [`indicator--${uuid}`, `observed-data--${uuid}`, `x-misp-object--${uuid}`].find((id) => objects.has(id));
      for (const uuid of [model.fileObject, ...bulk.objects]) assert.ok(mainOf(uuid), `MISP object ${uuid} in the collection`);
      const types = new Set([...objects.values()].map((o) => o.type));
      for (const t of ['relationship', 'ipv4-addr', 'domain-name', 'observed-data', 'indicator', 'x-misp-attribute']) assert.ok(types.has(t), `a ${t}`);
      // The MISP object reference to the ip-dst attribute is a relationship named by the reference.
      assert.ok([...objects.values()].some((o) => o.type === 'relationship' && o.source_ref === mainOf(model.fileObject) && o.relationship_type === 'communicates-with'));
      // The attribute cluster is carried by both events: served once.
      assert.equal(seen.filter((id) => id === `attack-pattern--${model.clusters.attribute}`).length, 1);
      // One observable for one value, however many attributes carry it.
      const ipv4 = [...objects.values()].filter((o) => o.type === 'ipv4-addr' && o.value === '198.19.0.1');
      assert.equal(ipv4.length, 1);
      // C sees nothing of A's organisation-only data.
      for (const id of [`grouping--${hidden.event}`, `observed-data--${hidden.attribute}`, hidden.cluster]) assert.ok(!objects.has(id), `C does not see ${id}`);
      assert.ok(![...objects.keys()].some((id) => id.endsWith(`--${model.hiddenObject}`)), 'nor the organisation-only MISP object');
      assert.ok(![...objects.values()].some((o) => o.value === '192.0.2.250'), 'nor the observable of a value only A may see');
      const bundle = { type: 'bundle', id: 'bundle--22222222-2222-4222-8222-222222222222', objects: [...objects.values()] as Array<Record<string, unknown> & { id: string; type: string }> };
      assert.deepEqual(createStixValidator().validateBundle(bundle), []);
      // And the OASIS validator's interoperability mode, but for what MISP data does not carry.
      const interop = interopProblems(bundle).filter((p) => !(p.rule === 'required' && (NOT_IN_MISP_DATA[String(objects.get(p.id)?.type)] ?? []).some((prop) => p.message.startsWith(`'${prop}'`))));
      assert.deepEqual(interop, []);
      // Every reference inside the collection resolves to an object of the collection (or a standard TLP marking).
      const dangling: string[] = [];
      for (const o of objects.values()) {
        for (const ref of [o.created_by_ref, o.source_ref, o.target_ref, ...((o.object_refs as string[]) ?? [])].filter((x): x is string => typeof x === 'string')) if (!objects.has(ref)) dangling.push(`${o.id} → ${ref}`);
      }
      assert.deepEqual(dangling, []);
      // The manifest pages through the same objects, with versions matching the objects'.
      const manifest = new Map<string, { version: string; date_added: string }>();
      for await (const envelope of asPages(coll.getManifest, 400)) for (const m of (envelope.objects ?? []) as unknown as Array<{ id: string; version: string; date_added: string }>) manifest.set(m.id, m);
      assert.deepEqual([...manifest.keys()].sort(), [...seen].sort());
      // (Versions as of now: the bulk event's grouping has a newer version since objects were added to it.)
      for (const [id, m] of manifest) {
        const o = latest.get(id)!;
        assert.equal(m.version, (o.modified ?? o.created ?? m.date_added) as string, id);
      }
      assert.ok(conn.requests > 10);
    });

    test('every kind of id served is found at /objects/{id}/ and /versions/, with the object as listed', async () => {
      const { collections } = await discover(base(), 'soc-analyst', C.key);
      const coll = collections[0];
      const all: Array<Record<string, unknown> & { id: string; type: string }> = [];
      for await (const envelope of asPages(coll.getObjects, 1000)) all.push(...(envelope.objects ?? []));
      // Up to three ids of every type served (markings, identities, reports, groupings, MISP objects,
      // attributes' objects, observables, clusters, relationships of both kinds).
      const perType = new Map<string, number>();
      const sample = all.filter((o) => {
        const n = perType.get(o.type) ?? 0;
        perType.set(o.type, n + 1);
        return n < 3;
      });
      assert.ok(perType.size >= 10, `${perType.size} types looked up: ${[...perType.keys()].join(', ')}`);
      for (const o of sample) {
        const one = await coll.getObject(o.id);
        assert.deepEqual(one.objects, [o], `GET objects/${o.id}/`);
        const versions = await coll.objectVersions(o.id);
        assert.deepEqual(versions.versions, [o.modified ?? o.created ?? versions.versions?.[0]], o.id);
      }
      // Both kinds of relationship: from a MISP object reference and from an attribute to its cluster.
      const rels = all.filter((o) => o.type === 'relationship');
      for (const o of [rels.find((r) => String(r.target_ref).startsWith('attack-pattern--')), rels.find((r) => r.relationship_type === 'communicates-with')]) {
        assert.ok(o, 'a relationship of each kind');
        assert.deepEqual((await coll.getObject(o.id)).objects, [o]);
      }
      const byIds = await coll.getObjects({ id: sample.slice(0, 30).map((o) => o.id) });
      assert.deepEqual(byIds.objects?.map((o) => o.id).sort(), sample.slice(0, 30).map((o) => o.id).sort(), 'match[id] finds them all');
      const typed = await coll.getObjects({ type: ['attack-pattern', 'threat-actor'], limit: 1000 });
      assert.deepEqual(new Set(typed.objects?.map((o) => o.type)), new Set(['attack-pattern', 'threat-actor']));
    });

    test('three organisations: hidden objects are absent at every endpoint for others, present for the owner', async () => {
      const { collections: forA } = await discover(base(), 'a', A.key);
      const listedA = new Set<string>();
      for await (const envelope of asPages(forA[0].getObjects, 1000)) for (const o of envelope.objects ?? []) listedA.add(o.id);
      const hiddenObject = [...listedA].find((id) => id.endsWith(`--${model.hiddenObject}`));
      assert.ok(hiddenObject, 'A sees its organisation-only MISP object');
      const hiddenIds = [`grouping--${hidden.event}`, `observed-data--${hidden.attribute}`, hidden.cluster, hiddenObject];
      for (const id of hiddenIds) assert.ok(listedA.has(id), `A sees its own ${id}`);
      const secretSco = (await forA[0].getObjects({ type: 'ipv4-addr', limit: 1000 })).objects!.find((o) => o.value === '192.0.2.250')!;
      assert.ok(secretSco, 'A sees the observable of its private value');
      for (const who of [B, C]) {
        const { collections } = await discover(base(), 'x', who.key);
        for (const id of [...hiddenIds, secretSco.id]) {
          await assert.rejects(collections[0].getObject(id), (e: TaxiiClientError) => e.status === 404, `${id} is 404 for another organisation`);
          await assert.rejects(collections[0].objectVersions(id), (e: TaxiiClientError) => e.status === 404);
          assert.deepEqual((await collections[0].getObjects({ id })).objects ?? [], []);
          assert.deepEqual((await collections[0].getManifest({ id })).objects ?? [], []);
        }
      }
      // The cluster reachable only through A's private event is A's alone; the shared one is everyone's.
      assert.equal((await forA[0].getObject(hidden.cluster)).objects?.[0].id, hidden.cluster);
      const { collections: forC } = await discover(base(), 'c', C.key);
      assert.equal((await forC[0].getObject(`threat-actor--${model.clusters.event}`)).objects?.[0].name, 'Sofacy');
      assert.ok(EVENT_GALAXY_TAG.includes('Sofacy'));
    });
  });
}
