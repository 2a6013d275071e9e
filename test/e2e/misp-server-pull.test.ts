import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSharingGroupDocument, ProposeAttributeChangeDocument, ProposeAttributeDocument } from '../../src/generated/graphql';
import { parseMispEvent } from '../../src/modules/feed/parsers/misp-feed';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, startTestHub, TestHub, userIn } from '../support/hub';
import { mispHttp } from '../support/misp-http';
import { MINIMAL_INDEX_FIELDS, MISP_PULL_VIEW_PARAMS, mispPullDowngrade, mispPushPayload, realMispEvent } from '../support/misp-sync';
import { realworldSkip } from '../support/paths';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A MISP server pulling from the hub (issue 13 part 3a): the requests of MISP's Server::pull ("full"),
 * with a SYNC_USER key of the pulling organisation P, each answer checked as MISP's PHP reads it:
 *   GET  /servers/getVersion
 *   POST /events/index {"minimal": 1, "published": 1} with If-None-Match (ETag cache)
 *   GET  /events/view/<uuid>/deleted[]:0/deleted[]:1/excludeGalaxy:1/…/excludeLocalTags:1
 *   POST /sightings/restSearch/event {"returnFormat": "json", "last": 0, "includeUuid": true, "uuid": [...]}
 * and DESIGN §6's table over this path: what the hub serves the sync user, then MISP's own downgrade on
 * receipt (Server::__updatePulledEventBeforeInsert, test/support/misp-sync.ts), gives the table's row.
 */

for (const database of testDatabases()) {
  describe(`MISP server pulling from the hub (${database.name})`, { skip: realworldSkip() }, () => {
    let hub: TestHub;
    let H: OrgWithUser; // this hub's own organisation (an org admin: events and sharing groups)
    let P: OrgWithUser; // the pulling MISP's organisation (its sync user)
    let R: OrgWithUser; // another MISP that pushed a copy here
    let asH: ReturnType<typeof mispHttp>;
    let misp: ReturnType<typeof mispHttp>;
    const ev: Record<string, any> = {};
    let sgHP = '';
    let etag = '';

    const addAs = async (call: ReturnType<typeof mispHttp>, body: Record<string, unknown>) => {
      const r = await call('POST', '/events/add', { published: true, threat_level_id: '2', analysis: '1', ...body });
      assert.equal(r.status, 200, r.text.slice(0, 400));
      return r.json.Event;
    };
    const view = async (uuid: string, params = MISP_PULL_VIEW_PARAMS) => misp('GET', `/events/view/${uuid}${params}`);
    const minimalIndex = (headers: Record<string, string> = {}) => misp('POST', '/events/index', { minimal: 1, published: 1 }, headers);

    before(async () => {
      hub = await startTestHub(database);
      H = await orgWithUser(hub, 'ORG_ADMIN');
      P = await orgWithUser(hub, 'SYNC_USER');
      R = await orgWithUser(hub, 'SYNC_USER');
      asH = mispHttp(hub, H.key);
      misp = mispHttp(hub, P.key);
      sgHP = ok(await H.client.request(CreateSharingGroupDocument, { input: { name: 'H and P', organisationIds: [P.orgId] } })).createSharingGroup.id;
      const sgH = ok(await H.client.request(CreateSharingGroupDocument, { input: { name: 'H alone' } })).createSharingGroup.id;
      const hidden = await asH('POST', '/tags/add', { name: 'h:not-exportable', exportable: false });
      assert.equal(hidden.status, 200, hidden.text);

      ev.org0 = await addAs(asH, { info: 'E0 organisation only', distribution: '0', Attribute: [{ type: 'ip-dst', value: '192.0.2.10' }] });
      ev.com = await addAs(asH, {
        info: 'E1 community',
        distribution: '1',
        Tag: [{ name: 'tlp:green' }],
        Attribute: [
          { type: 'ip-dst', value: '192.0.2.11', distribution: '5', comment: 'inherits' },
          { type: 'ip-dst', value: '192.0.2.12', distribution: '0', comment: 'organisation only' },
          { type: 'ip-dst', value: '192.0.2.13', distribution: '4', sharing_group_id: sgHP, comment: 'H and P' },
          { type: 'ip-dst', value: '192.0.2.14', distribution: '4', sharing_group_id: sgH, comment: 'H alone' },
          { type: 'ip-dst', value: '192.0.2.15', distribution: '5', comment: 'to be deleted' },
        ],
      });
      const byComment = (c: string) => ev.com.Attribute.find((a: any) => a.comment === c).uuid;
      ev.comAttr = { inherits: byComment('inherits'), orgOnly: byComment('organisation only'), sgHP: byComment('H and P'), sgH: byComment('H alone'), deleted: byComment('to be deleted') };
      assert.equal((await asH('POST', `/attributes/delete/${ev.comAttr.deleted}`)).status, 200);
      for (const [tag, local] of [['h:local-note', 1], ['h:not-exportable', 0]] as const) {
        const t = await asH('POST', '/tags/attachTagToObject', { uuid: ev.com.uuid, tag, local });
        assert.equal(t.status, 200, t.text);
      }
      // Changes unpublish an event (as in MISP): publish it again.
      assert.equal((await asH('POST', `/events/publish/${ev.com.uuid}`)).status, 200);
      ev.connected = await addAs(asH, { info: 'E2 connected', distribution: '2', Attribute: [{ type: 'domain', value: 'connected.example' }] });
      ev.all = await addAs(asH, { info: 'E3 all', distribution: '3', Attribute: [{ type: 'domain', value: 'all.example' }] });
      ev.sg = await addAs(asH, { info: 'E4 H and P', distribution: '4', sharing_group_id: sgHP, Attribute: [{ type: 'domain', value: 'sg.example' }] });
      ev.sgH = await addAs(asH, { info: 'E5 H alone', distribution: '4', sharing_group_id: sgH, Attribute: [{ type: 'domain', value: 'sgh.example' }] });
      ev.draft = await addAs(asH, { info: 'E6 unpublished', distribution: '3', published: false, Attribute: [{ type: 'domain', value: 'draft.example' }] });
      const pPublisher = await userIn(hub, P.orgId, 'PUBLISHER');
      ev.pOwn = await addAs(mispHttp(hub, pPublisher.key), { info: 'EP P\'s own, organisation only', distribution: '0', Attribute: [{ type: 'domain', value: 'p.example' }] });
      // A copy R pushed here (objects and references), visible to all communities.
      const pushed = await mispHttp(hub, R.key)('POST', '/events/add/metadata:1', mispPushPayload(realMispEvent('mainly_objects_1.json'), { distribution: '3' }));
      assert.equal(pushed.status, 200, pushed.text.slice(0, 300));
      ev.objects = pushed.json.Event;
    });
    after(async () => hub?.stop());

    test('getVersion and the minimal index: only what P\'s sync user may pull (published, visible), MISP\'s minimal fields, an ETag', async () => {
      const v = await misp('GET', '/servers/getVersion');
      assert.equal(v.json.perm_sync, true);
      const r = await minimalIndex({ 'if-none-match': '""' });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      etag = r.headers.get('etag') ?? '';
      assert.match(etag, /^"[0-9a-f]{40}"$/);
      assert.ok(Array.isArray(r.json));
      for (const row of r.json) {
        assert.deepEqual(Object.keys(row).sort(), MINIMAL_INDEX_FIELDS);
        assert.match(row.id, /^\d+$/);
        assert.match(row.timestamp, /^\d+$/);
        assert.match(row.sighting_timestamp, /^\d+$/);
        assert.equal(row.published, true, 'Server::getEventIdsFromServer drops rows whose published != 1');
      }
      const uuids = new Set(r.json.map((x: any) => x.uuid));
      const expected = ['com', 'connected', 'all', 'sg', 'pOwn', 'objects'].map((k) => ev[k].uuid);
      assert.deepEqual([...uuids].sort(), expected.sort());
      assert.equal(r.json.find((x: any) => x.uuid === ev.objects.uuid).orgc_uuid, realMispEvent('mainly_objects_1.json').Orgc.uuid);
    });

    test('pull rules as MISP sends them (filterRuleToParameter: tag and org lists, "!" negations) narrow the index', async () => {
      const tagged = await minimalIndex();
      assert.equal(tagged.status, 200);
      const r = await misp('POST', '/events/index', { minimal: 1, published: 1, tag: ['tlp:green'] });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      assert.deepEqual(r.json.map((x: any) => x.uuid), [ev.com.uuid]);
      const notGreen = await misp('POST', '/events/index', { minimal: 1, published: 1, tag: ['!tlp:green'] });
      assert.equal(notGreen.status, 200, notGreen.text.slice(0, 300));
      assert.ok(!notGreen.json.some((x: any) => x.uuid === ev.com.uuid) && notGreen.json.length === tagged.json.length - 1);
      const byOrg = await misp('POST', '/events/index', { minimal: 1, published: 1, org: [realMispEvent('mainly_objects_1.json').Orgc.uuid] });
      assert.equal(byOrg.status, 200, byOrg.text.slice(0, 300));
      assert.deepEqual(byOrg.json.map((x: any) => x.uuid), [ev.objects.uuid]);
    });

    test('events/view with MISP\'s pull parameters, then MISP\'s downgrade on receipt: DESIGN §6\'s table', async () => {
      // [event, served distribution, stored by MISP after its downgrade]
      const rows: Array<[string, string, string]> = [
        ['com', '1', '0'],
        ['connected', '2', '1'],
        ['all', '3', '3'],
        ['sg', '4', '4'],
        ['pOwn', '0', '0'],
      ];
      for (const [key, served, stored] of rows) {
        const r = await view(ev[key].uuid);
        assert.equal(r.status, 200, `${key}: ${r.text.slice(0, 300)}`);
        assert.equal(r.json.Event.distribution, served, key);
        assert.equal(mispPullDowngrade(r.json).Event.distribution, stored, key);
        assert.equal(r.json.Event.published, true);
        assert.equal(r.json.Event.uuid, ev[key].uuid);
        assert.equal(r.json.Event.Orgc.uuid, ev[key].Orgc.uuid);
        assert.deepEqual(r.json.Event.Galaxy, [], 'excludeGalaxy:1');
      }
      for (const key of ['org0', 'sgH', 'draft']) {
        const r = await view(ev[key].uuid);
        assert.equal(r.status, 404, key);
        assert.equal((await misp('HEAD', `/events/view/${ev[key].uuid}`)).status, 404, `${key} (HEAD)`);
      }
      // A sharing group travels with its member organisations (MISP's captureSG reads them by uuid).
      const sg = (await view(ev.sg.uuid)).json.Event.SharingGroup;
      assert.equal(sg.uuid, sgHP);
      assert.equal(sg.Organisation.uuid, H.orgId);
      assert.deepEqual(sg.SharingGroupOrg.map((m: any) => m.Organisation.uuid).sort(), [H.orgId, P.orgId].sort());
    });

    test('children: hidden attributes absent, the inheriting one downgraded with its event, the sharing-group one with its group, the tombstone sent; local and non-exportable tags never leave', async () => {
      const r = await view(ev.com.uuid);
      const attrs = new Map(r.json.Event.Attribute.map((a: any) => [a.uuid, a]));
      assert.deepEqual([...attrs.keys()].sort(), [ev.comAttr.inherits, ev.comAttr.sgHP, ev.comAttr.deleted].sort());
      const a = (k: string) => attrs.get(ev.comAttr[k]) as any;
      assert.equal(a('inherits').distribution, '5');
      assert.equal(a('sgHP').distribution, '4');
      assert.equal(a('sgHP').SharingGroup.uuid, sgHP);
      assert.equal(a('deleted').deleted, true);
      assert.match(a('inherits').timestamp, /^\d+$/);
      assert.equal(typeof a('inherits').to_ids, 'boolean');
      assert.deepEqual(r.json.Event.Tag.map((t: any) => t.name), ['tlp:green']);
      const downgraded = mispPullDowngrade(r.json).Event;
      assert.deepEqual(downgraded.Attribute.map((x: any) => [x.uuid, x.distribution]).sort(), [[ev.comAttr.inherits, '5'], [ev.comAttr.sgHP, '4'], [ev.comAttr.deleted, '5']].sort());

      // deleted[] as MISP reads it: absent or 0 → live only; 1 → tombstones only.
      for (const [params, want] of [['', [ev.comAttr.inherits, ev.comAttr.sgHP]], ['/deleted:0', [ev.comAttr.inherits, ev.comAttr.sgHP]], ['/deleted:1', [ev.comAttr.deleted]]] as const) {
        const v = await view(ev.com.uuid, params);
        assert.deepEqual(v.json.Event.Attribute.map((x: any) => x.uuid).sort(), [...want].sort(), params || '(none)');
      }
      const bad = await view(ev.com.uuid, '/deleted:2');
      assert.equal(bad.status, 400);
      assert.match(bad.json.message, /deleted "2"/);
    });

    test('objects, their attributes and references arrive as MISP JSON the hub\'s own MISP parser reads back whole', async () => {
      const source = realMispEvent('mainly_objects_1.json');
      const r = await view(ev.objects.uuid);
      assert.equal(r.status, 200);
      const e = r.json.Event;
      assert.equal(e.Object.length, source.Object.length);
      const refs = (x: any) => x.Object.flatMap((o: any) => (o.ObjectReference ?? []).map((ref: any) => `${ref.object_uuid ?? o.uuid}>${ref.referenced_uuid}:${ref.relationship_type}`)).sort();
      assert.deepEqual(refs(e), refs(source));
      const attrs = (x: any) => x.Object.flatMap((o: any) => o.Attribute.map((a: any) => `${o.uuid}/${a.uuid}/${a.object_relation}/${a.value}`)).sort();
      assert.deepEqual(attrs(e), attrs(source));
      const parsed = parseMispEvent(r.json);
      assert.equal(parsed.objects.length, source.Object.length);
      assert.deepEqual(parsed.problems, []);
    });

    test('sightings: sighting_timestamp in the index, then sightings/restSearch/event as MISP\'s pullSightings asks (MISP\'s sighting policy for P)', async () => {
      // H reports a sighting on the copy P owns? P owns none of H's events: P's own event is invisible to H.
      // So H sights an attribute of an event P owns — the copy R pushed is R's; P pushes one of its own.
      const mine = await misp('POST', '/events/add/metadata:1', mispPushPayload(realMispEvent('57c4445b-c548-4654-af0b-4be3950d210f.json')));
      assert.equal(mine.status, 200, mine.text.slice(0, 300));
      const attr = realMispEvent('57c4445b-c548-4654-af0b-4be3950d210f.json').Attribute[0].uuid;
      const s1 = await asH('POST', '/sightings/add', { uuid: attr, source: 'h-sensor' });
      assert.equal(s1.status, 200, s1.text);
      const s2 = await asH('POST', '/sightings/add', { uuid: ev.all.Attribute[0].uuid });
      assert.equal(s2.status, 200, s2.text);

      const index = await minimalIndex();
      const rowOf = (uuid: string) => index.json.find((x: any) => x.uuid === uuid);
      assert.ok(Number(rowOf(mine.json.Event.uuid).sighting_timestamp) > 0);
      assert.ok(Number(rowOf(ev.all.uuid).sighting_timestamp) > 0, 'sighting_timestamp moves whoever may see the sighting (as in MISP)');
      assert.equal(rowOf(ev.connected.uuid).sighting_timestamp, '0');

      const r = await misp('POST', '/sightings/restSearch/event', { returnFormat: 'json', last: 0, includeUuid: true, uuid: [mine.json.Event.uuid, ev.all.uuid] });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      const got = r.json.response.map((x: any) => x.Sighting);
      // MISP's default policy: P sees sightings of events it owns (and its own): H's on P's copy, not H's on H's event.
      assert.equal(got.length, 1);
      assert.equal(got[0].event_uuid, mine.json.Event.uuid);
      assert.equal(got[0].attribute_uuid, attr);
      assert.equal(got[0].Organisation.uuid, H.orgId);
      assert.equal(got[0].source, 'h-sensor');
      assert.match(got[0].date_sighting, /^\d+$/);
      assert.match(got[0].uuid, /^[0-9a-f-]{36}$/);
      // Blocked organisations (org_id ["!uuid"]) are left out.
      const blocked = await misp('POST', '/sightings/restSearch/event', { returnFormat: 'json', last: 0, includeUuid: true, uuid: [mine.json.Event.uuid], org_id: [`!${H.orgId}`] });
      assert.deepEqual(blocked.json.response, []);
    });

    test('proposals: shadow_attributes/index as MISP\'s pullProposals pages it, and inside the pulled event', async () => {
      const proposer = await orgWithUser(hub, 'USER');
      const target = ev.all.Attribute[0].uuid;
      ok(await proposer.client.request(ProposeAttributeChangeDocument, { input: { attributeId: target, comment: 'proposed comment' } }));
      ok(await proposer.client.request(ProposeAttributeDocument, { input: { eventId: ev.all.uuid, type: 'domain', value: 'proposed.example' } }));
      const since = Math.floor(Date.now() / 1000) - 90 * 86400;
      const r = await misp('GET', `/shadow_attributes/index/all:1/timestamp:${since}/limit:1000/page:1/deleted[]:0/deleted[]:1.json`);
      assert.equal(r.status, 200, r.text.slice(0, 300));
      const mine = r.json.map((x: any) => x.ShadowAttribute).filter((p: any) => p.event_uuid === ev.all.uuid);
      assert.equal(mine.length, 2);
      const change = mine.find((p: any) => p.comment === 'proposed comment');
      assert.equal(change.uuid, target, 'MISP names a change proposal by its attribute\'s uuid');
      assert.equal(change.Org.uuid, proposer.orgId);
      assert.match(change.timestamp, /^\d+$/);
      assert.ok(mine.some((p: any) => p.value === 'proposed.example' && p.uuid !== target));
      const page2 = await misp('GET', `/shadow_attributes/index/all:1/timestamp:${since}/limit:1000/page:2/deleted[]:0/deleted[]:1.json`);
      assert.deepEqual(page2.json, [], 'MISP stops at the first empty page');
      const view = await misp('GET', `/events/view/${ev.all.uuid}${MISP_PULL_VIEW_PARAMS}`);
      const attr = view.json.Event.Attribute.find((a: any) => a.uuid === target);
      assert.deepEqual(attr.ShadowAttribute.map((p: any) => [p.uuid, p.comment]), [[target, 'proposed comment']]);
      assert.deepEqual(view.json.Event.ShadowAttribute.map((p: any) => p.value), ['proposed.example']);
      const bad = await misp('GET', '/shadow_attributes/index/limit:5000');
      assert.equal(bad.status, 400);
      assert.match(bad.json.message, /limit "5000"/);
    });

    test('incremental: a second pull with nothing new is one small index request answered 304; a change answers the new index', async () => {
      const first = await minimalIndex({ 'if-none-match': '""' });
      const tag = first.headers.get('etag')!;
      assert.notEqual(tag, etag, 'writes since the first pull moved the tag');
      const again = await minimalIndex({ 'if-none-match': tag });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');
      const fresh = await addAs(asH, { info: 'E7 new', distribution: '3', Attribute: [{ type: 'domain', value: 'new.example' }] });
      const changed = await minimalIndex({ 'if-none-match': tag });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), tag);
      assert.ok(changed.json.some((x: any) => x.uuid === fresh.uuid));
      // Events already pulled keep their timestamp: MISP's removeOlderEvents skips them.
      for (const row of first.json) assert.equal(changed.json.find((x: any) => x.uuid === row.uuid).timestamp, row.timestamp);
    });
  });
}
