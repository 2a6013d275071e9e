import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { errorCode, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique, userIn } from '../support/hub';

/**
 * Issue 10 "Trust", defects 3, 8 and 9 (DESIGN §4 "Roles"), each as a hostile partner would try it:
 * 3. an org admin raising someone (or itself) to SYNC_USER, or taking over the org's sync user;
 * 8. another organisation stripping a global tag (tag it local, then untag), or an org removing another
 *    org's local tag;
 * 9. a read-only user of the owner org extending a sharing group.
 * Every refusal is checked to have changed nothing.
 */

const USER_Q = 'query U($id: ID!) { user(id: $id) { id role disabled } }';
const USERS_Q = 'query Us($org: ID) { users(organisationId: $org) { email role } }';
const CREATE_USER = 'mutation C($input: CreateUserInput!) { createUser(input: $input) { id role } }';
const UPDATE_USER = 'mutation U($input: UpdateUserInput!) { updateUser(input: $input) { id role } }';
const CREATE_KEY = 'mutation K($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }';
const EVENT_TAGS = 'query E($id: ID!) { event(id: $id) { tags { name local } } }';
const ATTRIBUTE_TAGS = 'query A($id: ID!) { attribute(id: $id) { tags { name local } } }';
const TAG_EVENT = 'mutation T($input: TagTargetInput!) { tagEvent(input: $input) { id } }';
const UNTAG_EVENT = 'mutation T($id: ID!, $tag: String!) { untagEvent(id: $id, tag: $tag) { id } }';
const TAG_ATTRIBUTE = 'mutation T($input: TagTargetInput!) { tagAttribute(input: $input) { id } }';
const UNTAG_ATTRIBUTE = 'mutation T($id: ID!, $tag: String!) { untagAttribute(id: $id, tag: $tag) { id } }';
const SG_MEMBERS = 'query S($id: ID!) { sharingGroup(id: $id) { organisations { organisation { id } extend } } }';
const ADD_SG_ORG = 'mutation S($input: AddSharingGroupOrganisationInput!) { addSharingGroupOrganisation(input: $input) { id } }';

type Tags = Array<{ name: string; local: boolean }>;

for (const database of testDatabases()) {
  describe(`roles and tags (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // org admin of A
    let B: OrgWithUser; // a USER of another organisation
    let C: OrgWithUser;

    before(async () => {
      hub = await startTestHub(database);
      A = await orgWithUser(hub, 'ORG_ADMIN');
      B = await orgWithUser(hub, 'USER');
      C = await orgWithUser(hub, 'USER');
    });
    after(() => hub?.stop());

    const roleOf = async (userId: string) => ok(await hub.admin.raw<{ user: { role: string } }>(USER_Q, { id: userId })).user.role;

    test('defect 3: an org admin cannot grant or revoke SYNC_USER/ADMIN, nor take over the org\'s sync user', async () => {
      const colleague = await userIn(hub, A.orgId, 'USER');
      const syncUser = await userIn(hub, A.orgId, 'SYNC_USER');

      // Raising a colleague, or itself, to SYNC_USER or ADMIN.
      for (const [who, id] of [['colleague', colleague.userId], ['self', A.userId]] as const) {
        for (const role of ['SYNC_USER', 'ADMIN']) {
          const res = await A.client.raw(UPDATE_USER, { input: { id, role } });
          assert.equal(errorCode(res), 'FORBIDDEN', `${who} -> ${role}: ${JSON.stringify(res)}`);
          assert.match(res.errors![0].message, new RegExp(role));
        }
      }
      assert.equal(await roleOf(colleague.userId), 'USER');
      assert.equal(await roleOf(A.userId), 'ORG_ADMIN');

      // Creating a sync user.
      const email = `${unique('sync')}@example.org`;
      const created = await A.client.raw(CREATE_USER, { input: { email, organisationId: A.orgId, role: 'SYNC_USER' } });
      assert.equal(errorCode(created), 'FORBIDDEN');
      const emails = ok(await hub.admin.raw<{ users: Array<{ email: string }> }>(USERS_Q, { org: A.orgId })).users.map((u) => u.email);
      assert.ok(!emails.includes(email), 'no user was created');

      // Taking over the org's sync user: a key for it, a new role, disabling it.
      assert.equal(errorCode(await A.client.raw(CREATE_KEY, { input: { userId: syncUser.userId } })), 'FORBIDDEN');
      assert.equal(errorCode(await A.client.raw(UPDATE_USER, { input: { id: syncUser.userId, role: 'USER' } })), 'FORBIDDEN');
      assert.equal(errorCode(await A.client.raw(UPDATE_USER, { input: { id: syncUser.userId, disabled: true } })), 'FORBIDDEN');
      const sync = ok(await hub.admin.raw<{ user: { role: string; disabled: boolean } }>(USER_Q, { id: syncUser.userId })).user;
      assert.deepEqual(sync, { id: syncUser.userId, role: 'SYNC_USER', disabled: false });

      // What an org admin may do stays possible; the site admin may do the rest.
      ok(await A.client.raw(UPDATE_USER, { input: { id: colleague.userId, role: 'ORG_ADMIN' } }));
      assert.equal(await roleOf(colleague.userId), 'ORG_ADMIN');
      ok(await hub.admin.raw(UPDATE_USER, { input: { id: colleague.userId, role: 'SYNC_USER' } }));
      assert.equal(await roleOf(colleague.userId), 'SYNC_USER');
    });

    /** Event of A (visible to all) with a global tag; the attribute too. */
    async function taggedEventOfA(tag: string) {
      const e = ok(
        await A.client.raw<{ createEvent: { id: string } }>('mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }', {
          input: { info: unique('tagged'), distribution: 'COMMUNITY_ONLY', tags: [tag] },
        }),
      ).createEvent.id;
      const a = ok(
        await A.client.raw<{ addAttribute: { id: string } }>('mutation($input: AddAttributeInput!) { addAttribute(input: $input) { id } }', {
          input: { eventId: e, type: 'domain', value: `${unique('d')}.example.com`, tags: [tag] },
        }),
      ).addAttribute.id;
      return { e, a };
    }

    const tagsOf = async (query: string, id: string): Promise<Tags> => {
      const data = ok(await hub.admin.raw<Record<string, { tags: Tags }>>(query, { id }));
      return Object.values(data)[0].tags.map(({ name, local }) => ({ name, local })).sort((x, y) => x.name.localeCompare(y.name));
    };

    for (const kind of ['event', 'attribute'] as const) {
      const [TAG, UNTAG, TAGS] = kind === 'event' ? [TAG_EVENT, UNTAG_EVENT, EVENT_TAGS] : [TAG_ATTRIBUTE, UNTAG_ATTRIBUTE, ATTRIBUTE_TAGS];

      test(`defect 8 (${kind}): another org cannot turn a global tag local and strip it; a local tag is its org's`, async () => {
        const g = unique('global').toLowerCase();
        const ids = await taggedEventOfA(g);
        const id = kind === 'event' ? ids.e : ids.a;
        const before = await tagsOf(TAGS, id);
        assert.deepEqual(before, [{ name: g, local: false }]);

        // The attack: flip A's global link to a local one, then remove it.
        const flip = await B.client.raw(TAG, { input: { id, tag: g, local: true } });
        assert.equal(errorCode(flip), 'CONFLICT', JSON.stringify(flip));
        assert.match(flip.errors![0].message, new RegExp(`"${g}".*global`));
        const strip = await B.client.raw(UNTAG, { id, tag: g });
        assert.equal(errorCode(strip), 'FORBIDDEN', JSON.stringify(strip));
        assert.deepEqual(await tagsOf(TAGS, id), before, 'the global tag is untouched');

        // B's own local tag: B's to keep; A (even as the event's org admin) may not remove it, nor take it over.
        const l = unique('local').toLowerCase();
        ok(await B.client.raw(TAG, { input: { id, tag: l, local: true } }));
        const withLocal = await tagsOf(TAGS, id);
        assert.equal(errorCode(await A.client.raw(UNTAG, { id, tag: l })), 'FORBIDDEN');
        assert.equal(errorCode(await A.client.raw(TAG, { input: { id, tag: l, local: true } })), 'CONFLICT');
        assert.equal(errorCode(await A.client.raw(TAG, { input: { id, tag: l, local: false } })), 'CONFLICT');
        assert.equal(errorCode(await C.client.raw(UNTAG, { id, tag: l })), 'FORBIDDEN');
        assert.deepEqual(await tagsOf(TAGS, id), withLocal);
        ok(await B.client.raw(UNTAG, { id, tag: l }));
        assert.deepEqual(await tagsOf(TAGS, id), before);

        // The owner still removes its own global tag.
        ok(await A.client.raw(UNTAG, { id, tag: g }));
        assert.deepEqual(await tagsOf(TAGS, id), []);
      });
    }

    test('defect 9: only the sharing-group capability (owner org, or a member with extend) extends a group', async () => {
      const readOnly = await userIn(hub, A.orgId, 'READ_ONLY');
      const plainUser = await userIn(hub, A.orgId, 'USER');
      const sg = ok(
        await A.client.raw<{ createSharingGroup: { id: string } }>(
          'mutation($input: CreateSharingGroupInput!) { createSharingGroup(input: $input) { id } }',
          { input: { name: unique('sg') } },
        ),
      ).createSharingGroup.id;
      const bAdmin = await userIn(hub, B.orgId, 'ORG_ADMIN');
      ok(await A.client.raw(ADD_SG_ORG, { input: { sharingGroupId: sg, organisationId: B.orgId, extend: true } }));
      const members = async () =>
        ok(await hub.admin.raw<{ sharingGroup: { organisations: Array<{ organisation: { id: string }; extend: boolean }> } }>(SG_MEMBERS, { id: sg }))
          .sharingGroup.organisations.map((m) => `${m.organisation.id}:${m.extend}`)
          .sort();
      const start = await members();

      const refuse = async (client: GraphqlClient, extend: boolean, who: string) => {
        const res = await client.raw(ADD_SG_ORG, { input: { sharingGroupId: sg, organisationId: C.orgId, extend } });
        assert.equal(errorCode(res), 'FORBIDDEN', `${who}: ${JSON.stringify(res)}`);
        assert.deepEqual(await members(), start, `${who}: nothing changed`);
      };
      await refuse(readOnly.client, true, 'READ_ONLY of the owner org, extend: true');
      await refuse(readOnly.client, false, 'READ_ONLY of the owner org');
      await refuse(plainUser.client, false, 'USER of the owner org');
      await refuse(B.client, false, 'USER of a member org with extend');
      await refuse(bAdmin.client, true, 'ORG_ADMIN of a member org with extend, granting extend');

      // A member with extend and the capability adds a plain member.
      ok(await bAdmin.client.raw(ADD_SG_ORG, { input: { sharingGroupId: sg, organisationId: C.orgId, extend: false } }));
      assert.deepEqual(await members(), [...start, `${C.orgId}:false`].sort());
    });

    test('listing a peer in a group one may not edit is refused before any handshake with the peer', async () => {
      let requests = 0;
      const server = createServer((_req, res) => {
        requests++;
        res.writeHead(500).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
        const peerId = ok(
          await hub.admin.raw<{ createPeer: { id: string } }>('mutation($i: CreatePeerInput!) { createPeer(input: $i) { id } }', {
            i: { name: unique('peer'), url, apiKey: 'k'.repeat(40), organisationId: C.orgId },
          }),
        ).createPeer.id;
        const sg = ok(
          await A.client.raw<{ createSharingGroup: { id: string } }>('mutation($i: CreateSharingGroupInput!) { createSharingGroup(input: $i) { id } }', {
            i: { name: unique('sg') },
          }),
        ).createSharingGroup.id;
        const outsider = await userIn(hub, B.orgId, 'ORG_ADMIN'); // may write sharing groups, not a member of this one
        const ADD_PEER = 'mutation($s: ID!, $p: ID!) { addSharingGroupPeer(sharingGroupId: $s, peerId: $p) { id } }';
        assert.equal(errorCode(await outsider.client.raw(ADD_PEER, { s: sg, p: peerId })), 'NOT_FOUND');
        ok(await A.client.raw(ADD_SG_ORG, { input: { sharingGroupId: sg, organisationId: B.orgId, extend: true } }));
        assert.equal(errorCode(await outsider.client.raw(ADD_PEER, { s: sg, p: peerId })), 'FORBIDDEN');
        assert.equal(requests, 0, 'no request reached the peer');
      } finally {
        await new Promise((r) => server.close(r));
      }
    });
  });
}
