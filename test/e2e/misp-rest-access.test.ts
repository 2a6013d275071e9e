import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accessEvents, AccessEvents, accessOrgs, AccessOrgs, ATTRIBUTE_LEVELS, EVENT_LEVELS, visibleAttributes, visibleEvents } from '../support/access-fixture';
import { testDatabases } from '../support/databases';
import { startTestHub, TestHub, unique, userIn } from '../support/hub';
import { mispHttp, unwrapResponse } from '../support/misp-http';

/**
 * DESIGN §4 through the MISP REST layer, with the three-organisation fixture the GraphQL access matrix
 * uses: every view, exists check, search, index and listing answers exactly what the caller may see;
 * what it may not see is 404 (by local id and by uuid, like something that does not exist); writes by the
 * wrong organisation or the wrong role are refused and change nothing.
 */
for (const database of testDatabases()) {
  describe(`MISP REST access rules (${database.name})`, () => {
    let hub: TestHub;
    let fx: AccessOrgs;
    let data: AccessEvents;
    const run = unique('mra');
    /** uuid -> local id (read by the site admin, who sees everything). */
    const localId = new Map<string, string>();

    before(async () => {
      hub = await startTestHub(database);
      fx = await accessOrgs(hub);
      data = await accessEvents(fx, run);
      const admin = mispHttp(hub, hub.adminKey);
      for (const uuid of data.events.values()) {
        const ev = (await admin('GET', `events/view/${uuid}`)).json.Event;
        localId.set(uuid, ev.id);
        for (const a of ev.Attribute) localId.set(a.uuid, a.id);
      }
    });
    after(async () => hub?.stop());

    test('events/view and HEAD: 200 exactly for visible events, 404 otherwise (by id and by uuid)', async () => {
      for (const v of fx.viewers) {
        const call = mispHttp(hub, v.org.key);
        for (const el of EVENT_LEVELS) {
          const uuid = data.events.get(el)!;
          const want = v.sees(el) ? 200 : 404;
          for (const ref of [uuid, localId.get(uuid)!]) {
            const r = await call('GET', `events/view/${ref}`);
            assert.equal(r.status, want, `${v.who} GET ${el} by ${ref}`);
            assert.ok(r.json, 'JSON body');
            if (want === 404) assert.equal(r.json.url, `/events/view/${ref}`);
            assert.equal((await call('HEAD', `events/view/${ref}`)).status, want, `${v.who} HEAD ${el}`);
          }
          if (want === 200) {
            const attrs = (await call('GET', `events/view/${uuid}`)).json.Event.Attribute.map((a: any) => a.comment).sort();
            assert.deepEqual(attrs, ATTRIBUTE_LEVELS.filter((al) => v.sees(al)).map((al) => `${el}/${al}`).sort(), `${v.who} attributes of ${el}`);
          }
        }
      }
    });

    test('attributes/view: 200 exactly for visible attributes', async () => {
      for (const v of fx.viewers) {
        const call = mispHttp(hub, v.org.key);
        const visible = new Set(visibleAttributes(v.sees));
        for (const [key, uuid] of data.attributes) {
          const r = await call('GET', `attributes/view/${localId.get(uuid)}`);
          assert.equal(r.status, visible.has(key) ? 200 : 404, `${v.who} attribute ${key}`);
        }
      }
    });

    test('restSearch, events/index, X-Result-Count: only what the caller may see', async () => {
      const values = EVENT_LEVELS.flatMap((_, ei) => ATTRIBUTE_LEVELS.map((_a, ai) => `10.${ei}.${ai}.1`));
      const eventTags = EVENT_LEVELS.map((el) => data.tagOf(el));
      for (const v of fx.viewers) {
        const call = mispHttp(hub, v.org.key);
        const attrs = await call('POST', 'attributes/restSearch', { returnFormat: 'json', value: values });
        assert.equal(attrs.status, 200, attrs.text);
        const got = unwrapResponse(attrs.json).Attribute.map((a: any) => a.comment).sort();
        assert.deepEqual(got, visibleAttributes(v.sees).sort(), `${v.who} attributes/restSearch`);
        assert.equal(attrs.headers.get('x-result-count'), String(got.length));
        const events = await call('POST', 'events/restSearch', { returnFormat: 'json', tags: eventTags });
        const infos = unwrapResponse(events.json).map((e: any) => e.Event.info).sort();
        assert.deepEqual(infos, visibleEvents(v.sees).map((el) => `${run} ${el}`).sort(), `${v.who} events/restSearch`);
        assert.equal(events.headers.get('x-result-count'), String(infos.length));
        const index = await call('GET', 'events/index');
        assert.deepEqual(index.json.map((e: any) => e.info).filter((i: string) => i.startsWith(run)).sort(), infos, `${v.who} events/index`);
        const csv = await call('POST', 'attributes/restSearch', { returnFormat: 'csv', value: values });
        assert.equal(csv.status, 200);
        assert.equal(csv.text.trim().split('\n').length - 1, got.length, `${v.who} csv rows`);
        // Tags in use on data the caller may see, and no others.
        const tags = (await call('GET', 'tags/index')).json.Tag.map((t: any) => t.name).filter((n: string) => n.startsWith(run.toLowerCase()));
        const expected = [...visibleEvents(v.sees), ...visibleAttributes(v.sees)].map((k) => data.tagOf(k)).sort();
        assert.deepEqual(tags.sort(), expected, `${v.who} tags/index`);
      }
    });

    test('an invisible event cannot be found by search with its uuid or eventid either', async () => {
      const uuid = data.events.get('ORGANISATION_ONLY')!;
      const C = mispHttp(hub, fx.C.key);
      for (const body of [{ uuid }, { eventid: uuid }, { eventid: localId.get(uuid) }]) {
        const r = await C('POST', 'events/restSearch', body);
        assert.ok(r.status === 404 || (r.status === 200 && unwrapResponse(r.json).length === 0), `${JSON.stringify(body)}: ${r.status}`);
      }
      const r = await C('POST', 'attributes/restSearch', { eventid: localId.get(uuid) });
      assert.equal(r.status, 404);
    });

    test('writes: another organisation gets 403 on a visible event and 404 on an invisible one; nothing changes', async () => {
      const B = mispHttp(hub, fx.B.key);
      const C = mispHttp(hub, fx.C.key);
      const community = data.events.get('COMMUNITY_ONLY')!;
      const sg1 = data.events.get('SG1')!;
      const cases: Array<[ReturnType<typeof mispHttp>, string, string, unknown, number]> = [
        [B, 'POST', `events/edit/${community}`, { info: 'hijacked' }, 403],
        [B, 'POST', `events/publish/${localId.get(community)}`, undefined, 403],
        [B, 'POST', `events/delete/${community}`, undefined, 403],
        [B, 'POST', `attributes/add/${community}`, { type: 'domain', value: 'hijack.example' }, 403],
        [B, 'POST', `attributes/edit/${data.attributes.get('COMMUNITY_ONLY/COMMUNITY_ONLY')}`, { comment: 'hijacked' }, 403],
        [B, 'POST', `attributes/delete/${data.attributes.get('COMMUNITY_ONLY/COMMUNITY_ONLY')}`, undefined, 403],
        [B, 'POST', 'tags/attachTagToObject', { uuid: community, tag: 'hijack:global' }, 403],
        [C, 'POST', `events/edit/${sg1}`, { info: 'hijacked' }, 404],
        [C, 'POST', `events/delete/${localId.get(sg1)}`, undefined, 404],
        [C, 'POST', `attributes/add/${sg1}`, { type: 'domain', value: 'hijack.example' }, 404],
        [C, 'POST', 'tags/attachTagToObject', { uuid: sg1, tag: 'hijack:global' }, 404],
        [C, 'POST', `sightings/add/${localId.get(data.attributes.get('SG1/SG1')!)}`, { source: 'x' }, 404],
      ];
      for (const [call, method, path, body, want] of cases) {
        const r = await call(method, path, body);
        assert.equal(r.status, want, `${method} ${path}: ${r.text.slice(0, 200)}`);
        assert.ok(r.json?.message && r.json?.url, 'MISP error shape');
      }
      const admin = mispHttp(hub, hub.adminKey);
      const ev = (await admin('GET', `events/view/${community}`)).json.Event;
      assert.equal(ev.info, `${run} COMMUNITY_ONLY`);
      assert.ok(!ev.Tag.some((t: any) => t.name === 'hijack:global'));
      assert.ok(!ev.Attribute.some((a: any) => a.value === 'hijack.example' || a.comment === 'hijacked'));
      // A local tag of B's own on a visible event is allowed (it belongs to B and never travels).
      assert.equal((await B('POST', 'tags/attachTagToObject', { uuid: community, tag: 'b:local', local: 1 })).status, 200);
    });

    test('the wrong role: READ_ONLY may not write, USER may not publish (403, MISP shape)', async () => {
      const readOnly = mispHttp(hub, (await userIn(hub, fx.A.orgId, 'READ_ONLY')).key);
      const user = mispHttp(hub, (await userIn(hub, fx.A.orgId, 'USER')).key);
      const own = data.events.get('COMMUNITY_ONLY')!;
      assert.equal((await readOnly('POST', 'events/add', { info: 'nope' })).status, 403);
      assert.equal((await readOnly('POST', `attributes/add/${own}`, { type: 'domain', value: 'ro.example' })).status, 403);
      assert.equal((await readOnly('POST', 'tags/add', { name: 'ro:tag' })).status, 403);
      assert.equal((await readOnly('POST', 'sightings/add', { value: '10.1.1.1' })).status, 403);
      assert.equal((await user('POST', `events/publish/${own}`)).status, 403);
      assert.equal((await readOnly('GET', `events/view/${own}`)).status, 200, 'reading is allowed');
      const me = await readOnly('GET', 'users/view/me');
      assert.equal(me.json.Role.perm_add, false);
    });

    test('a key that claims another creator (Orgc/org_id in the body) creates for its own organisation; a sync user\'s push is a locked copy owned by its organisation', async () => {
      const admin = mispHttp(hub, hub.adminKey);
      const aOrg = (await admin('GET', `organisations/view/${fx.A.orgId}`)).json.Organisation;
      const claim = (info: string) => ({ info, distribution: '1', orgc_id: aOrg.id, org_id: aOrg.id, Orgc: { id: aOrg.id, name: aOrg.name, uuid: aOrg.uuid }, locked: true });
      const r = await mispHttp(hub, fx.B.key)('POST', 'events/add', claim(`${run} claims A`));
      assert.equal(r.status, 200, r.text.slice(0, 200));
      assert.equal(r.json.Event.Orgc.uuid, fx.B.orgId, 'the creator is the key\'s organisation');
      assert.equal(r.json.Event.Org.uuid, fx.B.orgId);
      assert.equal(r.json.Event.locked, false);
      // A SYNC_USER key is a MISP server pushing (issue 13 part 3): DESIGN §4/§6 keep the creator it names
      // (captured by uuid) on a copy owned by the key's organisation, locked — never an event of A's.
      const sync = mispHttp(hub, (await userIn(hub, fx.B.orgId, 'SYNC_USER')).key);
      const s = await sync('POST', 'events/add', { ...claim(`${run} pushed, created by A`), uuid: '0b0c0d0e-0000-4000-8000-00000000c1a1', timestamp: '1700000000' });
      assert.equal(s.status, 200, s.text.slice(0, 200));
      assert.equal(s.json.Event.Orgc.uuid, fx.A.orgId);
      assert.equal(s.json.Event.Org.uuid, fx.B.orgId);
      assert.equal(s.json.Event.locked, true);
    });

    test('sightings: the event owner sees every organisation\'s, others only their own', async () => {
      const attr = localId.get(data.attributes.get('COMMUNITY_ONLY/COMMUNITY_ONLY')!)!;
      const event = localId.get(data.events.get('COMMUNITY_ONLY')!)!;
      for (const o of [fx.B, fx.C]) assert.equal((await mispHttp(hub, o.key)('POST', `sightings/add/${attr}`, { source: o.orgName })).status, 200);
      const list = async (key: string) => (await mispHttp(hub, key)('POST', 'sightings/listSightings', { context: 'event', id: event })).json.map((s: any) => s.Sighting.source).sort();
      assert.deepEqual(await list(fx.A.key), [fx.B.orgName, fx.C.orgName].sort());
      assert.deepEqual(await list(fx.B.key), [fx.B.orgName]);
      assert.deepEqual(await list(fx.C.key), [fx.C.orgName]);
    });

    test('sharing groups: a member sees SG1, an outsider gets 404 for it', async () => {
      const sgOf = async (key: string) => unwrapResponse((await mispHttp(hub, key)('GET', 'sharing_groups/index')).json).map((g: any) => g.SharingGroup.uuid);
      assert.ok((await sgOf(fx.B.key)).includes(fx.sg1));
      assert.ok(!(await sgOf(fx.C.key)).includes(fx.sg1));
      const view = await mispHttp(hub, fx.C.key)('GET', `sharing_groups/view/${fx.sg1}`);
      assert.equal(view.status, 404);
      const mine = await mispHttp(hub, fx.B.key)('GET', `sharing_groups/view/${fx.sg1}`);
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.json.SharingGroupOrg.map((m: any) => m.Organisation.uuid).sort(), [fx.A.orgId, fx.B.orgId].sort(), 'the owner and B');
      assert.equal(mine.json.Organisation.uuid, fx.A.orgId);
    });
  });
}
