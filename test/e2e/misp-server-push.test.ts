import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, startTestHub, TestHub } from '../support/hub';
import { mispHttp } from '../support/misp-http';
import { MISP_PULL_VIEW_PARAMS, mispPushPayload, realMispEvent } from '../support/misp-sync';
import { realworldSkip } from '../support/paths';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A MISP server pushing to the hub (issue 13 part 3a): the exact request sequence of MISP's Server::push,
 * Event::uploadEventToServer (ServerSyncTool::pushEvent) and Sighting::pushSightings, with a SYNC_USER key
 * of the pushing organisation, each answer checked as MISP's PHP reads it:
 *   GET  /servers/getVersion                       → version, perm_sync, perm_sighting, filter_sightings
 *   POST /events/filterEventIdsForPush             → the uuids the hub wants
 *   HEAD /events/view/<uuid>                       → 404 (new) / 200 (exists)
 *   POST /events/add/metadata:1 | /events/edit/<uuid>/metadata:1 → {"Event": {"id", …}} or 403 {"errors"}
 *   POST /sightings/filterSightingUuidsForPush/<uuid> → sighting uuids already here
 *   POST /sightings/bulkSaveSightings/<uuid>       → {"saved", "success": "N sightings added."}
 * The event is a real MISP event (../shared/realworld), prepared as MISP's pusher prepares it. What was
 * stored is read back through GraphQL by the host's admin.
 */

const NOT_NEWER = 'Event could not be saved: Event in the request not newer than the local copy.';

for (const database of testDatabases()) {
  describe(`MISP server pushing to the hub (${database.name})`, { skip: realworldSkip() }, () => {
    let hub: TestHub;
    let P: OrgWithUser; // the MISP server's organisation (its sync user's)
    let misp: ReturnType<typeof mispHttp>;
    const source = () => realMispEvent('57c4445b-c548-4654-af0b-4be3950d210f.json');
    const UUID = '57c4445b-c548-4654-af0b-4be3950d210f';
    const REPORT = '7b1e2f00-0000-4000-8000-00000000abcd';
    const ts = (n: number) => String(n);
    let baseTs = 0;

    const stored = async () => ok(await hub.admin.request(EventDocument, { id: UUID, includeDeleted: true })).event!;

    before(async () => {
      hub = await startTestHub(database);
      P = await orgWithUser(hub, 'SYNC_USER');
      misp = mispHttp(hub, P.key);
      baseTs = Number(source().timestamp);
    });
    after(async () => hub?.stop());

    test('getVersion: MISP reads version, perm_sync, perm_sighting and filter_sightings before pushing', async () => {
      const v = await misp('GET', '/servers/getVersion');
      assert.equal(v.status, 200);
      assert.match(v.json.version, /^2\.(4\.\d+|5\.\d+)$/);
      // ServerSyncTool::isSupported: FEATURE_SIGHTING_REST_SEARCH, FEATURE_PROPOSALS need 2.4.165+/2.5.
      const [, minor] = v.json.version.split('.').map(Number);
      assert.equal(minor, 5);
      assert.equal(v.json.perm_sync, true);
      assert.equal(v.json.perm_sighting, true);
      assert.equal(v.json.filter_sightings, true);
      assert.equal(v.json.perm_galaxy_editor, false, 'no galaxy cluster push');
      assert.equal(v.json.perm_analyst_data, false, 'no analyst data push');
      // Server::runConnectionTest: postTest echoes the body and headers.
      const t = await misp('POST', '/servers/postTest', { testString: 'abc123' });
      assert.equal(t.status, 200);
      assert.equal(t.json.body.testString, 'abc123');
      assert.equal(t.json.headers['Content-type'], 'application/json');
      // Event::__updateEventReportForSync: reports are pushed only when GET eventReports/add has a description.
      const d = await misp('GET', '/eventReports/add');
      assert.equal(d.status, 200);
      assert.ok(d.json.description);
    });

    test('a new event: wanted, absent, added with metadata; the copy is the pusher\'s, locked, its creator kept', async () => {
      const payload = mispPushPayload(source());
      payload.Event.EventReport = [{ uuid: REPORT, name: 'Xorist notes', content: '# Xorist\n\nline two', distribution: '5', sharing_group_id: '0', timestamp: payload.Event.timestamp, deleted: false }];
      const want = await misp('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: UUID, timestamp: payload.Event.timestamp } }]);
      assert.equal(want.status, 200);
      assert.deepEqual(want.json, [UUID]);
      assert.equal((await misp('HEAD', `/events/view/${UUID}`)).status, 404);

      const add = await misp('POST', '/events/add/metadata:1', payload);
      assert.equal(add.status, 200, add.text.slice(0, 400));
      const ev = add.json.Event;
      assert.match(ev.id, /^\d+$/, 'uploadEventToServer logs $response["Event"]["id"]');
      assert.equal(ev.uuid, UUID);
      assert.equal(ev.timestamp, payload.Event.timestamp);
      assert.equal(ev.locked, true);
      assert.equal(ev.published, true);
      assert.equal(ev.Orgc.uuid, '55f6ea5e-2c60-40e5-964f-47a8950d210f');
      assert.equal(ev.Org.uuid, P.orgId);
      assert.deepEqual(ev.Attribute, [], 'metadata:1 answers without attributes');
      assert.deepEqual(ev.Tag.map((t: any) => t.name).sort(), source().Tag.map((t: any) => t.name).sort());

      const e = await stored();
      assert.equal(e.ownerOrg.id, P.orgId);
      assert.equal(e.creatorOrg.id, '55f6ea5e-2c60-40e5-964f-47a8950d210f');
      assert.equal(e.creatorOrg.name, 'CIRCL');
      assert.equal(e.locked, true);
      assert.equal(e.published, true);
      assert.equal(e.distribution, 'ALL_COMMUNITIES');
      assert.equal(e.attributes.length, source().Attribute.length);
      assert.equal((await misp('HEAD', `/events/view/${UUID}`)).status, 200);
      // The pusher reads its copy back as sync carries it: the report arrived whole.
      const back = await misp('GET', `/events/view/${UUID}${MISP_PULL_VIEW_PARAMS}`);
      assert.deepEqual(back.json.Event.EventReport.map((r: any) => [r.uuid, r.name, r.content]), [[REPORT, 'Xorist notes', '# Xorist\n\nline two']]);
      assert.equal(back.json.Event.Attribute.length, source().Attribute.length);
    });

    test('the same version again: not wanted, and a forced add is MISP\'s "not newer" 403 (which MISP does not count as a failure)', async () => {
      const payload = mispPushPayload(source());
      const want = await misp('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: UUID, timestamp: payload.Event.timestamp } }]);
      assert.deepEqual(want.json, []);
      const before = await stored();
      for (const [method, path] of [['POST', '/events/add/metadata:1'], ['POST', `/events/edit/${UUID}/metadata:1`]]) {
        const r = await misp(method, path, payload);
        assert.equal(r.status, 403);
        assert.equal(r.json.errors, NOT_NEWER);
        assert.equal(r.json.saved, false);
      }
      assert.deepEqual(await stored(), before, 'an idempotent re-push changes nothing');
    });

    test('a newer version: wanted, exists, edited; changed and deleted attributes follow', async () => {
      const ev = source();
      ev.timestamp = ts(baseTs + 100);
      ev.info = `${ev.info} (updated)`;
      ev.Attribute[0].comment = 'changed on the MISP side';
      ev.Attribute[0].timestamp = ts(baseTs + 100);
      ev.Attribute[1].deleted = true;
      ev.Attribute[1].timestamp = ts(baseTs + 100);
      const payload = mispPushPayload(ev);
      const want = await misp('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: UUID, timestamp: payload.Event.timestamp } }]);
      assert.deepEqual(want.json, [UUID]);
      assert.equal((await misp('HEAD', `/events/view/${UUID}`)).status, 200);
      const edit = await misp('POST', `/events/edit/${UUID}/metadata:1`, payload);
      assert.equal(edit.status, 200, edit.text.slice(0, 400));
      assert.equal(edit.json.Event.timestamp, ts(baseTs + 100));
      assert.equal(edit.json.Event.info, ev.info);
      const e = await stored();
      assert.equal(e.info, ev.info);
      assert.equal(e.ownerOrg.id, P.orgId);
      const byUuid = new Map(e.attributes.map((a) => [a.id, a]));
      assert.equal(byUuid.get(ev.Attribute[0].uuid)?.comment, 'changed on the MISP side');
      assert.equal(byUuid.get(ev.Attribute[1].uuid)?.deleted, true);
    });

    test('an older version: not wanted, refused as not newer, nothing changed', async () => {
      const ev = source();
      ev.timestamp = ts(baseTs + 50);
      ev.info = 'stale';
      const payload = mispPushPayload(ev);
      assert.deepEqual((await misp('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: UUID, timestamp: payload.Event.timestamp } }])).json, []);
      const before = await stored();
      const r = await misp('POST', `/events/edit/${UUID}/metadata:1`, payload);
      assert.equal(r.status, 403);
      assert.equal(r.json.errors, NOT_NEWER);
      assert.deepEqual(await stored(), before);
    });

    test('filterEventIdsForPush over several events answers only the wanted uuids, in MISP\'s bare-list shape', async () => {
      const fresh = '6a2bd0b3-3c0e-4a8e-9b7e-2f6a1b0c9d11';
      const r = await misp('POST', '/events/filterEventIdsForPush', [
        { Event: { uuid: UUID, timestamp: ts(baseTs + 100) } },
        { Event: { uuid: UUID, timestamp: ts(baseTs + 101) } },
        { Event: { uuid: fresh, timestamp: '1700000000' } },
      ]);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, [UUID, fresh]);
    });

    test('sightings: filterSightingUuidsForPush then bulkSaveSightings, idempotent by uuid, reporting organisation kept by uuid', async () => {
      const attr = source().Attribute[0].uuid;
      const rows = [
        { attribute_uuid: attr, uuid: 'a1b2c3d4-0000-4000-8000-000000000001', type: '0', source: 'sensor-1', date_sighting: '1700000000', org_id: '1', Organisation: { id: '1', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f', name: 'CIRCL' } },
        { attribute_uuid: attr, uuid: 'a1b2c3d4-0000-4000-8000-000000000002', type: '1', source: '', date_sighting: '1700000100', org_id: '0' },
      ];
      const known = await misp('POST', `/sightings/filterSightingUuidsForPush/${UUID}`, rows.map((r) => r.uuid));
      assert.equal(known.status, 200);
      assert.deepEqual(known.json, []);
      const saved = await misp('POST', `/sightings/bulkSaveSightings/${UUID}`, rows);
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.saved, true);
      assert.equal(saved.json.success, '2 sightings added.');
      const again = await misp('POST', `/sightings/filterSightingUuidsForPush/${UUID}`, rows.map((r) => r.uuid));
      assert.deepEqual([...again.json].sort(), rows.map((r) => r.uuid).sort());
      const twice = await misp('POST', `/sightings/bulkSaveSightings/${UUID}`, rows);
      assert.equal(twice.status, 200);
      assert.deepEqual([twice.json.saved, twice.json.success], [false, 'No sightings added.']);

      const admin = mispHttp(hub, hub.adminKey);
      const list = await admin('POST', '/sightings/listSightings', { id: attr, context: 'attribute' });
      assert.equal(list.status, 200, list.text);
      const got = new Map(list.json.map((x: any) => [x.Sighting.uuid, x.Sighting]));
      assert.equal(got.size, 2);
      assert.equal((got.get(rows[0].uuid) as any).Organisation.uuid, '55f6ea5e-2c60-40e5-964f-47a8950d210f');
      assert.equal((got.get(rows[0].uuid) as any).type, '0');
      assert.equal((got.get(rows[0].uuid) as any).date_sighting, '1700000000');
      // MISP's anonymised sighting (org_id "0"): the pushing organisation's here.
      assert.equal((got.get(rows[1].uuid) as any).Organisation.uuid, P.orgId);
      assert.equal((got.get(rows[1].uuid) as any).type, '1');
    });
  });
}
