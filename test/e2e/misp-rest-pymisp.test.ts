import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, startTestHub, TestHub } from '../support/hub';
import { MispAnswer, mispHttp, unwrapResponse } from '../support/misp-http';

/**
 * The MISP REST layer answering the requests PyMISP 2.5.34 sends, in the order of the recorded transcript
 * of ../shared/realworld/reference/pymisp-http-contract.md (same paths, headers, unwrapped bodies,
 * numbers as strings, named parameters), each response checked against what PyMISP parses. The
 * outcomes are also read back through GraphQL (the same services).
 */

const EVENT_UUID = 'fca0a82b-9664-471d-a81f-056b3ffb75ca';
const ADD_EVENT_BODY = {
  uuid: EVENT_UUID,
  Attribute: [{ uuid: 'e378a69a-8266-4609-935b-a8859a7190f8', type: 'ip-dst', value: '198.51.100.7', category: 'Network activity', to_ids: true, disable_correlation: false, comment: 'c2' }],
  Object: [
    {
      name: 'domain-ip',
      'meta-category': 'network',
      template_uuid: '43b3b146-77eb-4931-b4cc-b66c60f28734',
      description: 'A domain/hostname and IP address seen as a tuple in a specific time frame.',
      template_version: '11',
      uuid: '392f29af-6b09-42b0-ad20-8b9df443bc1d',
      Attribute: [{ uuid: 'bdbdd493-638b-4a56-9f06-fb41612f62bf', object_relation: 'domain', value: 'evil.example', type: 'domain', category: 'Network activity', disable_correlation: false, to_ids: true }],
      distribution: '5',
      sharing_group_id: '0',
    },
  ],
  Tag: [{ name: 'tlp:green' }],
  info: 'probe event',
  distribution: '0',
  threat_level_id: '2',
  analysis: '1',
};
const SEARCH_FLAGS = {
  withAttachments: 0, metadata: 0, enforceWarninglist: 0, includeEventUuid: 0, includeEventTags: 0, sgReferenceOnly: 0,
  includeContext: 0, headerless: 0, includeSightings: 0, includeDecayScore: 0, includeCorrelations: 0, excludeDecayed: 0,
};

/** PyMISP's checks on a numeric id (it calls int() on it). */
const isNumericId = (v: unknown) => typeof v === 'string' && /^\d+$/.test(v);

function assertPyMispEvent(ev: any, info: string) {
  assert.equal(ev.info, info);
  assert.ok(isNumericId(ev.id), `id ${ev.id}`);
  assert.ok(isNumericId(ev.org_id) && isNumericId(ev.orgc_id));
  assert.match(ev.timestamp, /^\d+$/);
  assert.match(ev.publish_timestamp, /^\d+$/);
  assert.match(ev.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(['0', '1', '2', '3', '4'].includes(ev.distribution));
  assert.ok(['1', '2', '3', '4'].includes(ev.threat_level_id));
  assert.ok(['0', '1', '2'].includes(ev.analysis));
  assert.equal(typeof ev.published, 'boolean');
  assert.ok(Array.isArray(ev.Attribute) && Array.isArray(ev.Tag) && Array.isArray(ev.Object));
  assert.ok(ev.Orgc.name && ev.Org.name);
}

const assertJson = (r: MispAnswer, status = 200) => {
  assert.equal(r.status, status, r.text.slice(0, 500));
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  assert.notEqual(r.json, undefined, 'JSON body');
};

for (const database of testDatabases()) {
  describe(`MISP REST: the PyMISP transcript (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let call: ReturnType<typeof mispHttp>;
    let eventId = '';

    before(async () => {
      hub = await startTestHub(database);
      A = await orgWithUser(hub, 'PUBLISHER');
      call = mispHttp(hub, A.key);
    });
    after(async () => hub?.stop());

    test('the hub issues keys in MISP\'s format (40 letters and digits)', () => {
      assert.match(A.key, /^[A-Za-z0-9]{40}$/);
    });

    test('PyMISP(url, key): getVersion, users/view/me, describeTypes.json', async () => {
      const v = await call('GET', 'servers/getVersion');
      assertJson(v);
      assert.deepEqual(v.json.version.split('.').map(Number).some(Number.isNaN), false);
      assert.deepEqual(v.json.pymisp_recommended_version.split('.').slice(0, 3).map(Number).some(Number.isNaN), false);
      assert.equal(v.json.perm_sync, false);
      assert.equal(v.json.perm_sighting, true);
      assert.equal(typeof v.json.uuid, 'string');
      const me = await call('GET', 'users/view/me');
      assertJson(me);
      assert.ok(me.json.Role, 'Role is required by PyMISP');
      assert.equal(me.json.Role.perm_publish, true);
      assert.equal(me.json.Role.perm_site_admin, false);
      assert.deepEqual(me.json.UserSetting, {});
      assert.equal(me.json.Organisation.name, A.orgName);
      assert.ok(isNumericId(me.json.User.id) && isNumericId(me.json.User.org_id));
      const types = await call('GET', 'attributes/describeTypes.json');
      assertJson(types);
      const r = types.json.result;
      assert.equal(r.types.length, 194);
      assert.equal(r.categories.length, 16);
      assert.deepEqual(r.sane_defaults['ip-dst'], { default_category: 'Network activity', to_ids: 1 });
      assert.ok(r.category_type_mappings['Network activity'].includes('ip-dst'));
    });

    test('the key in X-MISP-AUTH works too; no key or a bad key is a MISP 403 JSON', async () => {
      assertJson(await mispHttp(hub, A.key, { header: 'x-misp-auth' })('GET', 'servers/getVersion'));
      const bad = await mispHttp(hub, 'x'.repeat(40))('GET', 'servers/getVersion');
      assertJson(bad, 403);
      assert.match(bad.json.message, /Authentication failed/);
      assert.equal(bad.json.url, '/servers/getVersion');
      const none = await mispHttp(hub, '')('GET', 'events/index');
      assertJson(none, 403);
    });

    test('add_event with a MISP object, attributes and tags: {"Event"} as PyMISP reads it', async () => {
      const r = await call('POST', 'events/add', ADD_EVENT_BODY);
      assertJson(r);
      const ev = r.json.Event;
      assertPyMispEvent(ev, 'probe event');
      assert.equal(ev.uuid, EVENT_UUID);
      assert.equal(ev.distribution, '0');
      assert.equal(ev.threat_level_id, '2');
      assert.equal(ev.analysis, '1');
      assert.deepEqual(ev.Tag.map((t: any) => t.name), ['tlp:green']);
      assert.equal(ev.Attribute.length, 1, 'object attributes are listed under their object, as in MISP');
      assert.equal(ev.Object.length, 1);
      const o = ev.Object[0];
      assert.equal(o.name, 'domain-ip');
      assert.equal(o.uuid, '392f29af-6b09-42b0-ad20-8b9df443bc1d');
      assert.ok(isNumericId(o.id));
      assert.deepEqual(o.Attribute.map((x: any) => [x.object_relation, x.value, x.object_id]), [['domain', 'evil.example', o.id]]);
      const a = ev.Attribute[0];
      assert.equal(a.uuid, 'e378a69a-8266-4609-935b-a8859a7190f8');
      assert.equal(a.value, '198.51.100.7');
      assert.equal(a.to_ids, true);
      assert.equal(a.comment, 'c2');
      assert.equal(a.event_id, ev.id);
      assert.ok(isNumericId(a.id));
      eventId = ev.id;
      // The same event through GraphQL.
      const g = ok(await A.client.request(EventDocument, { id: EVENT_UUID })).event!;
      assert.equal(g.info, 'probe event');
      assert.equal(g.distribution, 'ORGANISATION_ONLY');
    });

    test('the body wrapped as {"Event": {...}} is read the same', async () => {
      const r = await call('POST', 'events/add', { Event: { info: 'wrapped', distribution: 1, threat_level_id: 4, analysis: 0, Attribute: [{ type: 'domain', value: 'wrapped.example' }] } });
      assertJson(r);
      assert.equal(r.json.Event.info, 'wrapped');
      assert.equal(r.json.Event.distribution, '1');
      assert.equal(r.json.Event.Attribute[0].category, 'Network activity');
      assert.equal(r.json.Event.Attribute[0].to_ids, true, 'the type default');
    });

    test('get_event by id (with a named parameter) and by uuid; event_exists by HEAD', async () => {
      const byId = await call('GET', `events/view/${eventId}/noSightings:1`);
      assertJson(byId);
      assert.equal(byId.json.Event.uuid, EVENT_UUID);
      // The named parameters MISP's own sync sends (list keys included) are read as named, not as arguments.
      const syncStyle = await call('GET', `events/view/${EVENT_UUID}/deleted[]:0/deleted[]:1/excludeGalaxy:1/includeEventCorrelations:0`);
      assert.equal(syncStyle.status, 200, syncStyle.text);
      const byUuid = await call('GET', `events/view/${EVENT_UUID}`);
      assert.deepEqual(byUuid.json, byId.json);
      const post = await call('POST', `events/view/${eventId}`, { deleted: 0, extended: 0 });
      assert.equal(post.json.Event.uuid, EVENT_UUID);
      const head = await call('HEAD', `events/view/${EVENT_UUID}`);
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
      assert.equal((await call('HEAD', 'events/view/00000000-0000-4000-8000-000000000000')).status, 404);
      assert.equal((await call('HEAD', 'events/view/999999')).status, 404);
    });

    test('update_event: the full event back with an edited info (ids, timestamps, Org echoed)', async () => {
      const current = (await call('GET', `events/view/${eventId}`)).json.Event;
      const body = {
        ...current,
        info: 'probe event (edited)',
        Attribute: [
          ...current.Attribute,
          { uuid: '11111111-2222-4333-8444-555555555555', type: 'domain', value: 'added-on-edit.example', to_ids: true },
        ],
      };
      const r = await call('POST', `events/edit/${EVENT_UUID}`, body);
      assertJson(r);
      assertPyMispEvent(r.json.Event, 'probe event (edited)');
      assert.deepEqual(r.json.Event.Attribute.map((a: any) => a.value).sort(), ['198.51.100.7', 'added-on-edit.example']);
      assert.equal(r.json.Event.Attribute.find((a: any) => a.value === '198.51.100.7').timestamp, current.Attribute[0].timestamp, 'an unchanged attribute is left alone');
      // An attribute changed in the body is updated; one marked deleted is removed.
      const changed = {
        ...r.json.Event,
        Attribute: r.json.Event.Attribute.map((a: any) => (a.value === '198.51.100.7' ? { ...a, comment: 'c2 (edited)' } : { ...a, deleted: true })),
      };
      const r2 = await call('POST', `events/edit/${eventId}`, changed);
      assertJson(r2);
      assert.deepEqual(r2.json.Event.Attribute.map((a: any) => [a.value, a.comment]), [['198.51.100.7', 'c2 (edited)']]);
    });

    test('update_event with a bad attribute changes nothing (checked before the first write)', async () => {
      const before = (await call('GET', `events/view/${eventId}`)).json.Event;
      const r = await call('POST', `events/edit/${eventId}`, { info: 'must not stick', Attribute: [{ type: 'ip-dst', value: 'not-an-ip' }] });
      assertJson(r, 400);
      assert.match(r.json.message, /Attribute\[0\].*not-an-ip/);
      const after = (await call('GET', `events/view/${eventId}`)).json.Event;
      assert.equal(after.info, before.info);
      assert.equal(after.timestamp, before.timestamp);
    });

    test('add_attribute: unwrapped body, breakOnDuplicate named parameter; a list; a duplicate is a 4xx JSON', async () => {
      const r = await call('POST', `attributes/add/${eventId}/breakOnDuplicate:0`, { uuid: '10940131-5d1d-4abc-84f9-61e1f29e7566', type: 'domain', value: 'bad.example', to_ids: true });
      assertJson(r);
      assert.equal(r.json.Attribute.uuid, '10940131-5d1d-4abc-84f9-61e1f29e7566');
      assert.equal(r.json.Attribute.event_id, eventId);
      assert.equal(r.json.Attribute.category, 'Network activity');
      const list = await call('POST', `attributes/add/${EVENT_UUID}`, [{ type: 'md5', value: 'D41D8CD98F00B204E9800998ECF8427E' }, { type: 'url', value: 'http://bad.example/x', to_ids: '0' }]);
      assertJson(list);
      assert.deepEqual(list.json.Attribute.map((a: any) => [a.type, a.value, a.to_ids]), [['md5', 'd41d8cd98f00b204e9800998ecf8427e', true], ['url', 'http://bad.example/x', false]]);
      const dup = await call('POST', `attributes/add/${eventId}`, { type: 'domain', value: 'bad.example' });
      assertJson(dup, 409);
      assert.ok(dup.json.message && dup.json.url && dup.json.name);
      const view = await call('GET', `attributes/view/${r.json.Attribute.id}`);
      assert.equal(view.json.Attribute.uuid, r.json.Attribute.uuid);
      assert.equal((await call('HEAD', `attributes/view/${r.json.Attribute.uuid}`)).status, 200);
      const edited = await call('POST', `attributes/edit/${r.json.Attribute.uuid}`, { Attribute: { comment: 'now with a comment', to_ids: 0 } });
      assertJson(edited);
      assert.equal(edited.json.Attribute.comment, 'now with a comment');
      assert.equal(edited.json.Attribute.to_ids, false);
    });

    test('add_object: {"Object": {name, Attribute}}; objects/edit and objects/delete', async () => {
      const body = {
        name: 'url',
        'meta-category': 'network',
        template_uuid: '60efb77b-40b5-4c46-871b-ed1ed999fce5',
        template_version: '10',
        uuid: 'fe44e90d-6357-46f5-96b9-fc85ba0a6d5d',
        Attribute: [{ uuid: '608abdea-6a0e-4e4e-bd41-8cff95359a2a', object_relation: 'url', value: 'http://bad.example/x', type: 'url', disable_correlation: false, to_ids: true, category: 'Network activity' }],
        distribution: '5',
        sharing_group_id: '0',
      };
      const r = await call('POST', `objects/add/${eventId}/breakOnDuplicate:1`, body);
      assertJson(r);
      assert.equal(r.json.Object.name, 'url');
      assert.equal(r.json.Object.event_id, eventId);
      assert.deepEqual(r.json.Object.Attribute.map((x: any) => x.value), ['http://bad.example/x']);
      const edited = await call('POST', `objects/edit/${r.json.Object.id}`, { comment: 'seen in mail' });
      assertJson(edited);
      assert.equal(edited.json.Object.comment, 'seen in mail');
      const bad = await call('POST', `objects/add/${eventId}`, { name: 'url', Attribute: [{ value: 'x', type: 'url' }] });
      assertJson(bad, 400);
      assert.match(bad.json.message, /object_relation/);
      assertJson(await call('POST', `objects/delete/${r.json.Object.uuid}`));
      const ev = (await call('GET', `events/view/${eventId}`)).json.Event;
      assert.ok(!ev.Object.some((o: any) => o.uuid === body.uuid));
    });

    test('publish: no body, MISP\'s saveSuccessResponse; the event is published', async () => {
      // publish(alert=True) is events/alert: the same publication (no e-mail here).
      assertJson(await call('POST', `events/alert/${eventId}`));
      assertJson(await call('POST', `events/unpublish/${eventId}`));
      assert.equal((await call('GET', `events/view/${eventId}`)).json.Event.published, false);
      const r = await call('POST', `events/publish/${eventId}`);
      assertJson(r);
      assert.equal(r.json.saved, true);
      assert.equal(r.json.success, true);
      assert.equal(r.json.id, eventId);
      const ev = (await call('GET', `events/view/${eventId}`)).json.Event;
      assert.equal(ev.published, true);
      assert.notEqual(ev.publish_timestamp, '0');
    });

    test('search(controller="events", value=...): {"response": [{"Event"}]}', async () => {
      const r = await call('POST', 'events/restSearch', { returnFormat: 'json', value: '198.51.100.7', ...SEARCH_FLAGS });
      assertJson(r);
      const events = unwrapResponse(r.json);
      assert.ok(Array.isArray(events));
      assert.deepEqual(events.map((e: any) => e.Event.uuid), [EVENT_UUID]);
      assertPyMispEvent(events[0].Event, 'probe event (edited)');
      assert.equal(r.headers.get('x-result-count'), '1');
    });

    test('search(controller="attributes", type_attribute, tags, last="1d"): {"response": {"Attribute": [...]}}', async () => {
      const r = await call('POST', 'attributes/restSearch', { returnFormat: 'json', type: 'ip-dst', tags: ['tlp:green'], publish_timestamp: '1d', ...SEARCH_FLAGS });
      assertJson(r);
      const attributes = unwrapResponse(r.json).Attribute;
      assert.deepEqual(attributes.map((a: any) => a.value), ['198.51.100.7']);
      const a = attributes[0];
      assert.deepEqual(Object.keys(a.Event).sort(), ['distribution', 'id', 'info', 'org_id', 'orgc_id', 'uuid']);
      assert.equal(a.Event.uuid, EVENT_UUID);
      assert.equal(a.Event.id, eventId);
    });

    test('search(controller="events", tags=build_complex_query(...), published=True, limit=10, page=1)', async () => {
      const body = { returnFormat: 'json', page: 1, limit: 10, tags: { NOT: ['tlp:red'], OR: ['tlp:green'] }, published: true, ...SEARCH_FLAGS };
      const r = await call('POST', 'events/restSearch', body);
      assertJson(r);
      assert.deepEqual(unwrapResponse(r.json).map((e: any) => e.Event.uuid), [EVENT_UUID]);
      const none = await call('POST', 'events/restSearch', { ...body, tags: { NOT: ['tlp:green'] } });
      assert.deepEqual(unwrapResponse(none.json), []);
    });

    test('add_sighting by value and by attribute id; sightings(event) via listSightings', async () => {
      const byValue = await call('POST', 'sightings/add', { value: '198.51.100.7', source: 'probe', type: '0' });
      assertJson(byValue);
      const s = byValue.json.Sighting;
      for (const k of ['id', 'attribute_id', 'event_id', 'org_id', 'date_sighting']) assert.ok(isNumericId(s[k]), `${k} ${s[k]}`);
      assert.equal(s.source, 'probe');
      assert.equal(s.type, '0');
      assert.equal(s.event_id, eventId);
      const ev = (await call('GET', `events/view/${eventId}`)).json.Event;
      const attrId = ev.Attribute.find((a: any) => a.value === '198.51.100.7').id;
      const byId = await call('POST', `sightings/add/${attrId}`, { source: 'probe' });
      assertJson(byId);
      assert.equal(byId.json.Sighting.attribute_id, attrId);
      const fp = await call('POST', `sightings/add/${attrId}`, { source: 'fp', type: '1' });
      assert.equal(fp.json.Sighting.type, '1');
      const list = await call('POST', 'sightings/listSightings', { context: 'event', id: Number(eventId) });
      assertJson(list);
      assert.equal(list.json.length, 3);
      assert.ok(list.json.every((x: any) => x.Sighting && x.Sighting.event_id === eventId));
      const perAttribute = await call('POST', 'sightings/listSightings', { context: 'attribute', id: attrId });
      assert.equal(perAttribute.json.length, 3);
      const search = await call('POST', 'sightings/restSearch', { context: 'event', id: eventId, type: '1' });
      assert.deepEqual(unwrapResponse(search.json).map((x: any) => x.Sighting.source), ['fp']);
      const byPath = await call('POST', 'sightings/restSearch/attribute', { id: attrId, source: 'probe' });
      assert.equal(unwrapResponse(byPath.json).length, 2);
      const badType = await call('POST', 'sightings/add', { value: '198.51.100.7', type: '7' });
      assertJson(badType, 400);
      assert.match(badType.json.message, /"7"/);
    });

    test('tags(), add_tag, tag/untag an event by uuid', async () => {
      const idx = await call('GET', 'tags/index');
      assertJson(idx);
      assert.ok(Array.isArray(idx.json.Tag), 'the Tag key is required');
      assert.ok(idx.json.Tag.some((t: any) => t.name === 'tlp:green' && isNumericId(t.id)));
      const added = await call('POST', 'tags/add', { name: 'probe:new', colour: '#ff0000' });
      assertJson(added);
      assert.equal(added.json.Tag.name, 'probe:new');
      assert.equal(added.json.Tag.colour, '#ff0000');
      const attach = await call('POST', 'tags/attachTagToObject', { uuid: EVENT_UUID, tag: 'tlp:amber', local: false });
      assertJson(attach);
      assert.equal(attach.json.saved, true);
      let ev = (await call('GET', `events/view/${EVENT_UUID}`)).json.Event;
      assert.ok(ev.Tag.some((t: any) => t.name === 'tlp:amber'));
      const view = await call('GET', `tags/view/${ev.Tag.find((t: any) => t.name === 'tlp:amber').id}`);
      assert.equal(view.json.Tag.name, 'tlp:amber');
      const detach = await call('POST', 'tags/removeTagFromObject', { uuid: EVENT_UUID, tag: 'tlp:amber' });
      assertJson(detach);
      ev = (await call('GET', `events/view/${EVENT_UUID}`)).json.Event;
      assert.ok(!ev.Tag.some((t: any) => t.name === 'tlp:amber'));
      // An attribute by uuid.
      const attr = ev.Attribute[0];
      assertJson(await call('POST', 'tags/attachTagToObject', { uuid: attr.uuid, tag: 'kill-chain:c2' }));
      ev = (await call('GET', `events/view/${EVENT_UUID}`)).json.Event;
      assert.deepEqual(ev.Attribute.find((a: any) => a.uuid === attr.uuid).Tag.map((t: any) => t.name), ['kill-chain:c2']);
    });

    test('events(): bare index rows with numbers as strings', async () => {
      const r = await call('GET', 'events/index');
      assertJson(r);
      assert.ok(Array.isArray(r.json));
      const row = r.json.find((e: any) => e.uuid === EVENT_UUID);
      assert.ok(row && !row.Event, 'index rows are not wrapped');
      assert.ok(isNumericId(row.id) && isNumericId(row.attribute_count));
      assert.equal(row.attribute_count, '5', 'four attributes and one object attribute');
      assert.ok(row.EventTag.some((l: any) => l.Tag.name === 'tlp:green'));
      // (tagging the event above unpublished it, as every change of an event does on this hub)
      const minimal = await call('POST', 'events/index', { minimal: 1, published: 0, eventid: eventId });
      assert.deepEqual(minimal.json.map((e: any) => e.uuid), [EVENT_UUID]);
      assert.deepEqual(Object.keys(minimal.json[0]).sort(), ['id', 'orgc_uuid', 'published', 'sighting_timestamp', 'timestamp', 'uuid']);
      const paged = await call('GET', 'events/index/limit:1/page:2');
      assert.equal(paged.json.length, 1);
      assert.equal(paged.headers.get('x-result-count'), '2');
    });

    test('organisations, sharing_groups, feeds (site admin), openapi.json', async () => {
      const orgs = await call('GET', 'organisations/index');
      assertJson(orgs);
      const mine = orgs.json.find((o: any) => o.Organisation.name === A.orgName);
      assert.ok(mine && isNumericId(mine.Organisation.id));
      const one = await call('GET', `organisations/view/${mine.Organisation.id}`);
      assert.equal(one.json.Organisation.uuid, A.orgId);
      const sgs = await call('GET', 'sharing_groups/index');
      assertJson(sgs);
      assert.ok(Array.isArray(unwrapResponse(sgs.json)));
      assertJson(await call('GET', 'feeds/index'), 403);
      const feeds = await mispHttp(hub, hub.adminKey)('GET', 'feeds/index');
      assertJson(feeds);
      assert.ok(Array.isArray(feeds.json));
      const api = await fetch(hub.url.replace(/\/graphql$/, '/openapi.json'));
      const doc = (await api.json()) as any;
      assert.equal(doc.openapi, '3.0.3');
      for (const p of ['/events/restSearch', '/attributes/restSearch', '/servers/getVersion', '/events/view/{id}', '/sightings/add/{attributeId}']) assert.ok(doc.paths[p], p);
    });

    test('delete_event: saveSuccessResponse; the event is gone (404 JSON)', async () => {
      const r = await call('POST', `events/delete/${eventId}`);
      assertJson(r);
      assert.equal(r.json.saved, true);
      const gone = await call('GET', `events/view/${eventId}`);
      assertJson(gone, 404);
      assert.equal(gone.json.url, `/events/view/${eventId}`);
    });
  });
}
