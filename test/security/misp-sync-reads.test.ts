import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSharingGroupDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, orgWithUser, OrgWithUser, startTestHub, TestHub, userIn } from '../support/hub';
import { mispHttp } from '../support/misp-http';
import { MISP_PULL_VIEW_PARAMS } from '../support/misp-sync';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A MISP server pulling, tried as the wrong organisation and the wrong role (DESIGN §4: invisible is
 * absent): a sync user of an organisation outside a sharing group, and a normal user key sending MISP's
 * pull requests, get nothing a sync user of that organisation may not see — not in the index, 404 on the
 * view (GET and HEAD), no sightings — and a normal key gets no tombstones of others' events however it asks.
 * P's sync user (a member) is the positive control.
 */

for (const database of testDatabases()) {
  describe(`MISP pull: nothing beyond the sync user's rules (${database.name})`, () => {
    let hub: TestHub;
    let H: OrgWithUser;
    let P: OrgWithUser;
    let Q: OrgWithUser;
    let asH: ReturnType<typeof mispHttp>;
    const ev: Record<string, any> = {};
    let tombstone = '';
    let inGroup = '';
    let orgOnly = '';

    const add = async (body: Record<string, unknown>) => {
      const r = await asH('POST', '/events/add', { published: true, ...body });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      return r.json.Event;
    };
    const index = async (call: ReturnType<typeof mispHttp>) => {
      const r = await call('POST', '/events/index', { minimal: 1, published: 1 });
      assert.equal(r.status, 200);
      return new Set(r.json.map((x: any) => x.uuid));
    };

    before(async () => {
      hub = await startTestHub(database);
      H = await orgWithUser(hub, 'ORG_ADMIN');
      P = await orgWithUser(hub, 'SYNC_USER');
      Q = await orgWithUser(hub, 'SYNC_USER');
      asH = mispHttp(hub, H.key);
      const sg = ok(await H.client.request(CreateSharingGroupDocument, { input: { name: 'H and P', organisationIds: [P.orgId] } })).createSharingGroup.id;
      ev.sg = await add({ info: 'in the group', distribution: '4', sharing_group_id: sg, Attribute: [{ type: 'domain', value: 'group.example' }] });
      ev.com = await add({
        info: 'community',
        distribution: '1',
        Attribute: [
          { type: 'domain', value: 'open.example', distribution: '5' },
          { type: 'domain', value: 'group-attr.example', distribution: '4', sharing_group_id: sg },
          { type: 'domain', value: 'org-only.example', distribution: '0' },
          { type: 'domain', value: 'gone.example', distribution: '5' },
        ],
      });
      const uuidOf = (v: string) => ev.com.Attribute.find((a: any) => a.value === v).uuid;
      inGroup = uuidOf('group-attr.example');
      orgOnly = uuidOf('org-only.example');
      tombstone = uuidOf('gone.example');
      assert.equal((await asH('POST', `/attributes/delete/${tombstone}`)).status, 200);
      assert.equal((await asH('POST', `/events/publish/${ev.com.uuid}`)).status, 200);
      ev.draft = await add({ info: 'unpublished', distribution: '3', published: false, Attribute: [{ type: 'domain', value: 'draft.example' }] });
      const attr = ev.sg.Attribute[0].uuid;
      assert.equal((await asH('POST', '/sightings/add', { uuid: attr })).status, 200);
    });
    after(async () => hub?.stop());

    test('positive control: P\'s sync user (a member) pulls the group event and the group attribute', async () => {
      const misp = mispHttp(hub, P.key);
      assert.ok((await index(misp)).has(ev.sg.uuid));
      assert.equal((await misp('GET', `/events/view/${ev.sg.uuid}${MISP_PULL_VIEW_PARAMS}`)).status, 200);
      const com = await misp('GET', `/events/view/${ev.com.uuid}${MISP_PULL_VIEW_PARAMS}`);
      assert.ok(com.json.Event.Attribute.some((a: any) => a.uuid === inGroup));
    });

    test('wrong organisation: Q\'s sync user gets no trace of the group event, the group attribute or org-only data', async () => {
      const misp = mispHttp(hub, Q.key);
      const seen = await index(misp);
      assert.ok(!seen.has(ev.sg.uuid));
      assert.ok(seen.has(ev.com.uuid));
      assert.equal((await misp('GET', `/events/view/${ev.sg.uuid}${MISP_PULL_VIEW_PARAMS}`)).status, 404);
      assert.equal((await misp('HEAD', `/events/view/${ev.sg.uuid}`)).status, 404);
      const com = await misp('GET', `/events/view/${ev.com.uuid}${MISP_PULL_VIEW_PARAMS}`);
      const uuids = com.json.Event.Attribute.map((a: any) => a.uuid);
      assert.ok(!uuids.includes(inGroup) && !uuids.includes(orgOnly), JSON.stringify(uuids));
      const s = await misp('POST', '/sightings/restSearch/event', { returnFormat: 'json', last: 0, includeUuid: true, uuid: [ev.sg.uuid] });
      assert.equal(s.status, 200);
      assert.deepEqual(s.json.response, []);
    });

    test('a sync user pulls published events only: the unpublished one is absent from its index and 404 on view', async () => {
      const misp = mispHttp(hub, Q.key);
      assert.ok(!(await index(misp)).has(ev.draft.uuid));
      assert.equal((await misp('POST', '/events/index', { minimal: 1, published: 0 })).json.some((x: any) => x.uuid === ev.draft.uuid), false, 'asking for unpublished does not widen it');
      assert.equal((await misp('GET', `/events/view/${ev.draft.uuid}${MISP_PULL_VIEW_PARAMS}`)).status, 404);
    });

    test('wrong role: a normal key of Q sending MISP\'s pull requests sees no more (no group event, no group attribute, no tombstone)', async () => {
      const user = await userIn(hub, Q.orgId, 'USER');
      const call = mispHttp(hub, user.key);
      assert.ok(!(await index(call)).has(ev.sg.uuid));
      assert.equal((await call('GET', `/events/view/${ev.sg.uuid}${MISP_PULL_VIEW_PARAMS}`)).status, 404);
      const com = await call('GET', `/events/view/${ev.com.uuid}${MISP_PULL_VIEW_PARAMS}`);
      assert.equal(com.status, 200);
      const uuids = com.json.Event.Attribute.map((a: any) => a.uuid);
      assert.ok(!uuids.includes(inGroup) && !uuids.includes(orgOnly) && !uuids.includes(tombstone), JSON.stringify(uuids));
      const s = await call('POST', '/sightings/restSearch/event', { returnFormat: 'json', last: 0, includeUuid: true, uuid: [ev.sg.uuid] });
      assert.deepEqual(s.json.response, []);
    });
  });
}
