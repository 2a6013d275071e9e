import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, startTestHub, TestHub } from '../support/hub';
import { mispHttp } from '../support/misp-http';
import { mispPushPayload, realMispEvent } from '../support/misp-sync';
import { realworldSkip } from '../support/paths';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A MISP server pushing to the hub, tried as the wrong role, the wrong organisation and a peer that lies
 * in its payload (DESIGN §4 "who may write through sync", policy.isMispSyncPeer / mispPushOwnerClaim /
 * syncEventDecision / syncMayUseSharingGroup / canPushSighting). Every refusal changes nothing.
 * Organisations: H (this hub's own users), P (the pushing MISP's sync user), Q (another MISP's sync user).
 */

const SOURCE = '57c4445b-c548-4654-af0b-4be3950d210f.json';
const CIRCL = '55f6ea5e-2c60-40e5-964f-47a8950d210f';

for (const database of testDatabases()) {
  describe(`MISP sync writes refused (${database.name})`, { skip: realworldSkip() }, () => {
    let hub: TestHub;
    let H: OrgWithUser;
    let P: OrgWithUser;
    let Q: OrgWithUser;
    let asP: ReturnType<typeof mispHttp>;
    let asQ: ReturnType<typeof mispHttp>;
    let asH: ReturnType<typeof mispHttp>;
    let n = 0;
    /** A fresh copy of the real event under a new uuid (each test its own event). */
    const fresh = (over: Record<string, unknown> = {}) => {
      const ev = realMispEvent(SOURCE);
      n++;
      ev.uuid = `5f0c0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      for (const [i, a] of ev.Attribute.entries()) a.uuid = `5f0c${String(n).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
      return mispPushPayload(ev, over);
    };
    /** The event as the host's admin reads it through GraphQL; null when it does not exist. */
    const stored = async (uuid: string) => {
      const r = await hub.admin.request(EventDocument, { id: uuid, includeDeleted: true });
      if (r.errors?.some((e) => e.extensions?.code === 'NOT_FOUND')) return null;
      return ok(r).event;
    };

    before(async () => {
      hub = await startTestHub(database, { BODY_LIMIT: '1mb' });
      H = await orgWithUser(hub, 'PUBLISHER');
      P = await orgWithUser(hub, 'SYNC_USER');
      Q = await orgWithUser(hub, 'SYNC_USER');
      asP = mispHttp(hub, P.key);
      asQ = mispHttp(hub, Q.key);
      asH = mispHttp(hub, H.key);
    });
    after(async () => hub?.stop());

    test('wrong role: a PUBLISHER key of the pushing org is no sync server (perm_sync false, sync endpoints 403, its add is its own local event)', async () => {
      const pub = await orgWithUser(hub, 'PUBLISHER');
      const call = mispHttp(hub, pub.key);
      assert.equal((await call('GET', '/servers/getVersion')).json.perm_sync, false);
      assert.equal((await mispHttp(hub, hub.adminKey)('GET', '/servers/getVersion')).json.perm_sync, false, 'a site admin key is not a sync server either');
      const payload = fresh();
      for (const [path, body] of [
        ['/events/filterEventIdsForPush', [{ Event: { uuid: payload.Event.uuid, timestamp: payload.Event.timestamp } }]],
        [`/sightings/bulkSaveSightings/${payload.Event.uuid}`, []],
        [`/sightings/filterSightingUuidsForPush/${payload.Event.uuid}`, []],
      ] as const) {
        const r = await call('POST', path, body);
        assert.equal(r.status, 403, path);
        assert.equal(r.json.code, 'FORBIDDEN');
      }
      // Its events/add is the PyMISP path: the payload's Orgc (CIRCL) is not taken, nothing is locked.
      const add = await call('POST', '/events/add/metadata:1', payload);
      assert.equal(add.status, 200, add.text.slice(0, 300));
      const e = (await stored(payload.Event.uuid))!;
      assert.equal(e.creatorOrg.id, pub.orgId);
      assert.equal(e.ownerOrg.id, pub.orgId);
      assert.equal(e.locked, false);
    });

    test('wrong organisation: Q may not change P\'s copy (not wanted, 403, unchanged)', async () => {
      const payload = fresh();
      assert.equal((await asP('POST', '/events/add/metadata:1', payload)).status, 200);
      const before = await stored(payload.Event.uuid);
      const newer = structuredClone(payload);
      newer.Event.timestamp = String(Number(payload.Event.timestamp) + 10);
      newer.Event.info = 'Q rewrites P\'s copy';
      assert.deepEqual((await asQ('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: payload.Event.uuid, timestamp: newer.Event.timestamp } }])).json, []);
      for (const path of [`/events/edit/${payload.Event.uuid}/metadata:1`, '/events/add/metadata:1']) {
        const r = await asQ('POST', path, newer);
        assert.equal(r.status, 403, path);
        assert.equal(r.json.code, 'NOT_SENDERS_COPY');
        assert.match(r.json.errors, /received from another organisation/);
      }
      assert.deepEqual(await stored(payload.Event.uuid), before);
    });

    test('a lying payload: an Org naming another organisation than the key\'s is refused, nothing stored', async () => {
      const payload = fresh({ Org: { uuid: H.orgId, name: H.orgName } });
      const r = await asP('POST', '/events/add/metadata:1', payload);
      assert.equal(r.status, 403);
      assert.equal(r.json.code, 'OWNER_CLAIM');
      assert.ok(r.json.errors.includes(H.orgId) && r.json.errors.includes(P.orgId), r.json.errors);
      assert.equal(await stored(payload.Event.uuid), null);
      // Naming its own organisation is fine (the key decides either way).
      const own = fresh({ Org: { uuid: P.orgId, name: P.orgName } });
      assert.equal((await asP('POST', '/events/add/metadata:1', own)).status, 200);
      assert.equal((await stored(own.Event.uuid))!.ownerOrg.id, P.orgId);
    });

    test('a local event is never overwritten: not wanted, 403 LOCAL_EVENT, unchanged', async () => {
      const payload = fresh();
      const local = await asH('POST', '/events/add', { uuid: payload.Event.uuid, info: 'H\'s own event', distribution: '3', published: true });
      assert.equal(local.status, 200, local.text.slice(0, 300));
      const before = await stored(payload.Event.uuid);
      const newer = structuredClone(payload);
      newer.Event.timestamp = String(Math.floor(Date.now() / 1000) + 3600);
      assert.deepEqual((await asP('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: payload.Event.uuid, timestamp: newer.Event.timestamp } }])).json, []);
      const r = await asP('POST', `/events/edit/${payload.Event.uuid}/metadata:1`, newer);
      assert.equal(r.status, 403);
      assert.equal(r.json.code, 'LOCAL_EVENT');
      assert.deepEqual(await stored(payload.Event.uuid), before);
      assert.equal(before!.info, 'H\'s own event');
    });

    test('a sharing group the pusher is not in: the event is refused and no group is created; one without its group is a 400 naming it', async () => {
      const sgUuid = '5f0c5f0c-0000-4000-8000-00000000a5a5';
      const group = {
        uuid: sgUuid, name: 'H and CIRCL only', releasability: '', description: '', roaming: false, modified: '2024-01-01 00:00:00',
        Organisation: { uuid: H.orgId, name: H.orgName },
        SharingGroupOrg: [{ extend: false, Organisation: { uuid: H.orgId, name: H.orgName } }, { extend: false, Organisation: { uuid: CIRCL, name: 'CIRCL' } }],
        SharingGroupServer: [{ all_orgs: true, server_id: '0', Server: { id: 0, url: 'https://misp.example', name: 'MISP' } }],
      };
      const payload = fresh({ distribution: '4', sharing_group_id: '7', SharingGroup: group });
      const r = await asP('POST', '/events/add/metadata:1', payload);
      assert.equal(r.status, 403, r.text.slice(0, 300));
      assert.equal(r.json.code, 'SHARING_GROUP_NOT_MEMBER');
      assert.equal(await stored(payload.Event.uuid), null);
      const groups = await mispHttp(hub, hub.adminKey)('GET', '/sharing_groups/index');
      assert.ok(!groups.json.response.some((g: any) => g.SharingGroup.uuid === sgUuid), 'the group is not created');

      const bare = fresh({ distribution: '4', sharing_group_id: '7' });
      const b = await asP('POST', '/events/add/metadata:1', bare);
      assert.equal(b.status, 400);
      assert.match(b.json.message, /Event\.SharingGroup/);
      assert.equal(await stored(bare.Event.uuid), null);
    });

    test('an attribute in a sharing group the pusher is not in is left out and reported; the rest of the event is stored', async () => {
      const payload = fresh();
      const [first, second] = payload.Event.Attribute;
      first.distribution = '4';
      first.SharingGroup = {
        uuid: '5f0c5f0c-0000-4000-8000-00000000b6b6', name: 'not P', roaming: false, modified: '2024-01-01 00:00:00',
        Organisation: { uuid: H.orgId, name: H.orgName }, SharingGroupOrg: [{ Organisation: { uuid: H.orgId, name: H.orgName } }],
      };
      second.distribution = '4'; // no SharingGroup described: left out, never widened to the event's distribution
      const r = await asP('POST', '/events/add/metadata:1', payload);
      assert.equal(r.status, 200, r.text.slice(0, 300));
      const reasons = r.json.refused.map((x: any) => x.reason);
      assert.ok(reasons.includes('ATTRIBUTE_SHARING_GROUP_NOT_MEMBER'), JSON.stringify(r.json.refused));
      assert.ok(r.json.refused.some((x: any) => /Event\.Attribute\[1\]\.SharingGroup/.test(x.detail ?? '')), JSON.stringify(r.json.refused));
      const e = (await stored(payload.Event.uuid))!;
      const uuids = new Set(e.attributes.map((a) => a.id));
      assert.ok(!uuids.has(first.uuid) && !uuids.has(second.uuid));
      assert.equal(e.attributes.length, payload.Event.Attribute.length - 2);
    });

    test('sightings: none on an event the pusher cannot see (404, as absent), none on another event\'s attribute', async () => {
      const hidden = await asH('POST', '/events/add', { info: 'H only', distribution: '0', published: true, Attribute: [{ type: 'ip-dst', value: '203.0.113.9' }] });
      assert.equal(hidden.status, 200);
      const hiddenUuid = hidden.json.Event.uuid;
      const hiddenAttr = hidden.json.Event.Attribute[0].uuid;
      const row = (attribute_uuid: string, uuid: string) => ({ attribute_uuid, uuid, type: '0', source: '', date_sighting: '1700000000', org_id: '0' });
      for (const [path, body] of [
        [`/sightings/bulkSaveSightings/${hiddenUuid}`, [row(hiddenAttr, '5f0c0000-aaaa-4000-8000-000000000001')]],
        [`/sightings/filterSightingUuidsForPush/${hiddenUuid}`, ['5f0c0000-aaaa-4000-8000-000000000001']],
      ] as const) {
        const r = await asP('POST', path, body);
        assert.equal(r.status, 404, `${path}: ${r.text.slice(0, 300)}`);
        assert.equal(r.json.code, 'NOT_FOUND');
      }
      // Through P's own event, naming H's hidden attribute: skipped.
      const mine = fresh();
      assert.equal((await asP('POST', '/events/add/metadata:1', mine)).status, 200);
      const r = await asP('POST', `/sightings/bulkSaveSightings/${mine.Event.uuid}`, [row(hiddenAttr, '5f0c0000-aaaa-4000-8000-000000000002')]);
      assert.equal(r.status, 200);
      assert.deepEqual([r.json.saved, r.json.skipped], [false, 1]);
      const list = await mispHttp(hub, hub.adminKey)('POST', '/sightings/listSightings', { id: hiddenAttr, context: 'attribute' });
      assert.deepEqual(list.json, []);
    });

    test('bounded cost: too many sightings (400 naming the count), a body over BODY_LIMIT (413), bad entries named (400)', async () => {
      const mine = fresh();
      assert.equal((await asP('POST', '/events/add/metadata:1', mine)).status, 200);
      const many = Array.from({ length: 5001 }, () => ({ uuid: 'x' }));
      const r = await asP('POST', `/sightings/bulkSaveSightings/${mine.Event.uuid}`, many);
      assert.equal(r.status, 400);
      assert.match(r.json.message, /5001/);
      const huge = Array.from({ length: 20_000 }, (_, i) => ({ Event: { uuid: `5f0c0000-0000-4000-8000-${String(i).padStart(12, '0')}`, timestamp: '1700000000' } }));
      const big = await asP('POST', '/events/filterEventIdsForPush', huge);
      assert.equal(big.status, 413);
      assert.equal(big.json.code, 'PAYLOAD_TOO_LARGE');
      const bad = await asP('POST', '/events/filterEventIdsForPush', [{ Event: { uuid: mine.Event.uuid, timestamp: '1' } }, { Event: { uuid: 'not-a-uuid', timestamp: '1' } }]);
      assert.equal(bad.status, 400);
      assert.match(bad.json.message, /\[1\]\.Event\.uuid "not-a-uuid"/);
      const notList = await asP('POST', '/events/filterEventIdsForPush', { Event: { uuid: mine.Event.uuid } });
      assert.equal(notList.status, 400);
      const mismatch = await asP('POST', `/events/edit/${fresh().Event.uuid}/metadata:1`, mine);
      assert.equal(mismatch.status, 400);
      assert.match(mismatch.json.message, /path names event/);
    });
  });
}
