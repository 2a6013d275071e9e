import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { join } from 'node:path';
import { GraphqlClient, GraphqlResponse } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { accessOrgs, ROLES, RoleName as Role, usersByRole } from '../support/access-fixture';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique, userIn } from '../support/hub';
import { REPO_ROOT } from '../support/paths';

/**
 * The write-permission matrix (DESIGN §4 "Editing", "Roles"), next to the read matrix of
 * test/integration/access-matrix.test.ts: every mutation of schema/schema.graphql × every role of org A ×
 * the target (A's own object, another org's visible object, another org's invisible object, …), with the
 * expected outcome written as a table. A refusal must answer the expected code AND leave the target as
 * it was (read back as site admin); an allowed write must succeed and change it. Allowed cases run on
 * fresh objects; refusals share one object per row and target (nothing may change it anyway).
 *
 * Speed (CI runs this on SQLite and MariaDB): rows whose state is one object of their own run a few at a
 * time on MariaDB, and the targets of a row side by side; rows whose state is a hub-wide list (users of an org, feeds,
 * peers, organisations, all events) run one at a time afterwards, so no other row can change what they
 * compare.
 */

/** One letter per role, in ROLES order: A ALLOWED, F FORBIDDEN, N NOT_FOUND (invisible is absent). */
type Row = string;
const OUTCOME = { A: 'ALLOWED', F: 'FORBIDDEN', N: 'NOT_FOUND' } as const;

type Target = 'none' | 'own' | 'other' | 'hidden' | 'locked' | 'extend' | 'member' | 'colleague' | 'self' | 'syncUser' | 'otherOrg';

interface Case {
  vars: Record<string, unknown>;
  /** Acts instead of the role's fixture user (rows where the actor is also the target). */
  client?: GraphqlClient;
  /** What must not change on refusal, read as site admin. */
  state(): Promise<unknown>;
}

interface MutationRow {
  name: string;
  mutation: string;
  expect: Partial<Record<Target, Row>>;
  prepare(target: Target, role: Role): Promise<Case>;
  /** An allowed call that changes nothing visible in `state` (a probe, an empty sync). */
  noChange?: boolean;
  /** `state` reads a hub-wide list that other rows' set-up changes: the row runs alone. */
  global?: boolean;
}

/**
 * Rows of their own objects that run at once. On MariaDB a request mostly waits for the server, so rows
 * overlap; SQLite runs in this very thread (synchronous driver), where overlapping buys nothing.
 */
const ROW_CONCURRENCY = { sqlite: 1, mysql: 4 } as const;

for (const database of testDatabases()) {
  describe(`write matrix through GraphQL (${database.name})`, () => {
    let hub: TestHub;
    let actors: Record<Role, { userId: string; key: string; client: GraphqlClient }>; // one user of each role in A
    // The shared access fixture (test/support/access-fixture.ts), with B an ORG_ADMIN that builds groups.
    let A: OrgWithUser; // aMaker: an ORG_ADMIN of A that builds A's targets (not an actor under test)
    let B: OrgWithUser; // bMaker: ORG_ADMIN of B, owner of the other org's targets
    let C: OrgWithUser; // a third org, member of the groups built here
    let D: OrgWithUser; // a fourth org, added to groups by the matrix
    let selfPeer: string; // a peer whose hub uuid is known (no network needed to list it in a group)
    let downPeer: string; // a peer nobody answers for

    const q = (client: GraphqlClient, query: string, vars: Record<string, unknown> = {}) => client.raw(query, vars);
    const must = async <T = Record<string, any>>(client: GraphqlClient, query: string, vars: Record<string, unknown> = {}) =>
      ok(await client.raw<T>(query, vars)) as T;
    /** A response or its error code, as a comparable state. */
    const read = async (query: string, vars: Record<string, unknown>) => {
      const res = await hub.admin.raw(query, vars);
      return res.errors ? String(res.errors[0].extensions?.code) : res.data;
    };

    before(async () => {
      hub = await startTestHub(database);
      ({ A, B, C } = await accessOrgs(hub, { B: 'ORG_ADMIN' }));
      let P: OrgWithUser;
      [D, P, actors] = await Promise.all([orgWithUser(hub, 'USER'), orgWithUser(hub, 'SYNC_USER'), usersByRole(hub, A.orgId)]);
      selfPeer = (await must(hub.admin, 'mutation($i: CreatePeerInput!) { createPeer(input: $i) { id } }', {
        i: { name: unique('self'), url: hub.url, apiKey: P.key, organisationId: P.orgId },
      })).createPeer.id;
      // One listing learns the peer's hub uuid (handshake); the matrix then never needs the network for it.
      const warm = await sg('own');
      await must(hub.admin, 'mutation($s: ID!, $p: ID!) { addSharingGroupPeer(sharingGroupId: $s, peerId: $p) { id } }', { s: warm, p: selfPeer });
      downPeer = await peer();
    });
    after(() => hub?.stop());

    // ---- target builders (fresh objects) ------------------------------------------------------------

    /** An event (and one attribute) with a global tag `g`; owner A or B; hidden = ORGANISATION_ONLY. */
    async function event(target: Target, opts: { published?: boolean; localTagBy?: GraphqlClient } = {}) {
      const maker = target === 'own' ? A.client : B.client;
      const g = unique('g').toLowerCase();
      const e = (await must(maker, 'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }', {
        i: { info: unique('w'), distribution: target === 'hidden' ? 'ORGANISATION_ONLY' : 'COMMUNITY_ONLY', tags: [g] },
      })).createEvent.id as string;
      const a = (await must(maker, 'mutation($i: AddAttributeInput!) { addAttribute(input: $i) { id } }', {
        i: { eventId: e, type: 'domain', value: `${unique('d')}.example.com`, tags: [g] },
      })).addAttribute.id as string;
      if (opts.published) await must(maker, 'mutation($id: ID!) { publishEvent(id: $id) { id } }', { id: e });
      const l = unique('l').toLowerCase();
      if (opts.localTagBy) {
        await must(opts.localTagBy, 'mutation($i: TagTargetInput!) { tagEvent(input: $i) { id } }', { i: { id: e, tag: l, local: true } });
        await must(opts.localTagBy, 'mutation($i: TagTargetInput!) { tagAttribute(input: $i) { id } }', { i: { id: a, tag: l, local: true } });
      }
      const state = () =>
        read(
          `query($id: ID!) { event(id: $id) { info published distribution tags { name local }
             attributes(includeDeleted: true) { id value comment deleted tags { name local } sightings { sightingCount } } } }`,
          { id: e },
        );
      return { e, a, g, l, state };
    }

    /**
     * A MISP object (one attribute, one reference to the event's attribute) in an event of `target`;
     * hidden: B's visible event, the object ORGANISATION_ONLY (an invisible object in a visible event).
     */
    async function mispObject(target: Target) {
      const x = await event(target === 'hidden' ? 'other' : target);
      const maker = target === 'own' ? A.client : B.client;
      const o = (await must(maker, 'mutation($i: AddObjectInput!) { addObject(input: $i) { id references { id } } }', {
        i: {
          eventId: x.e,
          name: 'file',
          metaCategory: 'file',
          distribution: target === 'hidden' ? 'ORGANISATION_ONLY' : 'INHERIT_EVENT',
          attributes: [{ objectRelation: 'filename', type: 'filename', value: unique('f') }],
          references: [{ targetId: x.a, relationshipType: 'related-to' }],
        },
      })).addObject;
      const state = () =>
        read(
          `query($id: ID!) { event(id: $id) { published objects(includeDeleted: true) { id comment distribution deleted
             references { id relationshipType } attributes(includeDeleted: true) { id deleted } } } }`,
          { id: x.e },
        );
      return { ...x, o: o.id as string, r: o.references[0].id as string, state };
    }
    const onObject = (name: string, mutation: string, vars: (x: Awaited<ReturnType<typeof mispObject>>) => Record<string, unknown>): MutationRow => ({
      name,
      mutation,
      expect: EDIT,
      prepare: async (target) => {
        const x = await mispObject(target);
        return { vars: vars(x), state: x.state };
      },
    });

    /** A sharing group with C as member: own (A's), or B's with A as member with/without extend, or not. */
    async function sg(target: Target, opts: { withPeer?: boolean } = {}): Promise<string> {
      const maker = target === 'own' ? A.client : B.client;
      const id = (await must(maker, 'mutation($i: CreateSharingGroupInput!) { createSharingGroup(input: $i) { id } }', {
        i: { name: unique('sg'), organisationIds: [C.orgId] },
      })).createSharingGroup.id as string;
      if (target === 'extend' || target === 'member') {
        await must(maker, 'mutation($i: AddSharingGroupOrganisationInput!) { addSharingGroupOrganisation(input: $i) { id } }', {
          i: { sharingGroupId: id, organisationId: A.orgId, extend: target === 'extend' },
        });
      }
      if (opts.withPeer) {
        await must(hub.admin, 'mutation($s: ID!, $p: ID!) { addSharingGroupPeer(sharingGroupId: $s, peerId: $p) { id } }', { s: id, p: selfPeer });
      }
      return id;
    }
    const sgState = (id: string) => () =>
      read(
        `query($id: ID!) { sharingGroup(id: $id) { name description active roaming thisHub thisHubAllOrgs peerHubs
           organisations { organisation { id } extend } } }`,
        { id },
      );

    /** The user a user-management row acts on. */
    async function targetUser(target: Target, role: Role) {
      if (target === 'self') return { ...(await userIn(hub, A.orgId, role)), self: true };
      const orgId = target === 'otherOrg' ? B.orgId : A.orgId;
      return { ...(await userIn(hub, orgId, target === 'syncUser' ? 'SYNC_USER' : 'USER')), self: false };
    }
    const userState = (id: string) => () => read('query($id: ID!) { user(id: $id) { role disabled } }', { id });
    const keysState = (id: string) => () => read('query($id: ID!) { apiKeys(userId: $id) { id revokedAt } }', { id });

    async function feed(): Promise<string> {
      return (await must(hub.admin, 'mutation($i: CreateFeedInput!) { createFeed(input: $i) { id } }', {
        i: { name: unique('feed'), url: `http://127.0.0.1:9/${unique('feed')}.csv`, format: 'CSV', enabled: false }, // one feed per URL
      })).createFeed.id;
    }
    const feedsState = () => read('query { feeds { id name enabled url lastFetchAt lastError } }', {});
    const taxiiState = () => read('query { taxiiCollections { id title description filter } }', {});
    const taxiiCollection = async (): Promise<string> =>
      (await must(hub.admin, 'mutation($i: CreateTaxiiCollectionInput!) { createTaxiiCollection(input: $i) { id } }', { i: { title: unique('taxii'), filter: { type: ['ip-dst'] } } }))
        .createTaxiiCollection.id;
    async function peer(): Promise<string> {
      return (await must(hub.admin, 'mutation($i: CreatePeerInput!) { createPeer(input: $i) { id } }', {
        i: { name: unique('peer'), url: 'http://127.0.0.1:9/graphql', apiKey: 'k'.repeat(40), organisationId: D.orgId },
      })).createPeer.id;
    }
    const peersState = () => read('query { peers { id name url } }', {});

    // ---- event reports and proposals (issue 12) ------------------------------------------------------

    let syncOrg: OrgWithUser | undefined; // a peer's sync user: sends the locked copies below
    /** A copy received through sync (locked): creator A (as the sender claims), owner the sender, one attribute. */
    async function lockedEvent() {
      syncOrg ??= await orgWithUser(hub, 'SYNC_USER');
      const e = randomUUID();
      const a = randomUUID();
      const ts = new Date().toISOString();
      const wire = {
        id: e, info: unique('locked'), date: '2026-06-01', threatLevel: 'LOW', analysis: 'INITIAL', distribution: 'COMMUNITY_ONLY',
        sharingGroup: null, published: true, publishedAt: ts, timestamp: ts, deleted: false, creatorOrg: { id: A.orgId, name: A.orgName },
        disableCorrelation: false, extendsUuid: null, tags: [],
        attributes: [{ id: a, type: 'domain', category: 'Network activity', value: `${unique('l')}.example.com`, toIds: true, comment: null,
          distribution: 'INHERIT_EVENT', sharingGroup: null, timestamp: ts, deleted: false, disableCorrelation: false, firstSeen: null,
          lastSeen: null, objectRelation: null, tags: [] }],
      };
      const r = (await must(syncOrg.client, 'mutation($h: ID!, $l: [SyncEventInput!]!) { pushEvents(hubId: $h, events: $l) { created } }', { h: randomUUID(), l: [wire] })).pushEvents;
      assert.equal(r.created, 1, 'the locked copy was received');
      return { e, a };
    }
    /** An event of `target` (A's own, B's visible, B's hidden, or a locked copy created by A) with a report and open proposals. */
    async function mispEvent(target: Target) {
      const { e, a } = target === 'locked' ? await lockedEvent() : await event(target);
      const maker = target === 'own' ? A.client : target === 'locked' ? hub.admin : B.client;
      const report = (await must(maker, 'mutation($i: AddEventReportInput!) { addEventReport(input: $i) { id } }', { i: { eventId: e, name: 'r', content: 'report' } })).addEventReport.id as string;
      // A proposal of another organisation (B, which sees every target), and one of A's own where A sees the event.
      const foreign = (await must(B.client, 'mutation($i: ProposeAttributeChangeInput!) { proposeAttributeChange(input: $i) { id } }', { i: { attributeId: a, comment: 'proposed' } })).proposeAttributeChange.id as string;
      const ownProposal = target === 'hidden' ? null : ((await must(A.client, 'mutation($i: ProposeAttributeChangeInput!) { proposeAttributeChange(input: $i) { id } }', { i: { attributeId: a, toIds: false } })).proposeAttributeChange.id as string);
      const state = () =>
        read(
          `query($id: ID!) { event(id: $id) { info published reports { id name content distribution deleted } proposals { id comment }
             attributes(includeDeleted: true) { id value comment toIds deleted } } }`,
          { id: e },
        );
      return { e, a, report, foreign, ownProposal, state };
    }
    const onMispEvent = (name: string, mutation: string, expect: MutationRow['expect'], vars: (x: Awaited<ReturnType<typeof mispEvent>>) => Record<string, unknown>): MutationRow => ({
      name,
      mutation,
      expect,
      prepare: async (target) => {
        const x = await mispEvent(target);
        return { vars: vars(x), state: x.state };
      },
    });
    //                         ADMIN ORG_ADMIN PUBLISHER USER SYNC_USER READ_ONLY
    const EDIT_OR_LOCKED = { own: 'AAAAAF', other: 'AFFFFF', hidden: 'ANNNNF', locked: 'AFFFAF' };
    const PROPOSE = { own: 'AAAAAF', other: 'AAAAAF', hidden: 'ANNNNF', locked: 'AAAAAF' };
    const MISP_MODEL_ROWS: MutationRow[] = [
      onMispEvent('addEventReport', 'mutation($i: AddEventReportInput!) { addEventReport(input: $i) { id } }', EDIT_OR_LOCKED, (x) => ({ i: { eventId: x.e, name: 'new', content: '# new' } })),
      onMispEvent('updateEventReport', 'mutation($i: UpdateEventReportInput!) { updateEventReport(input: $i) { id } }', EDIT_OR_LOCKED, (x) => ({ i: { id: x.report, content: 'changed' } })),
      onMispEvent('deleteEventReport', 'mutation($id: ID!) { deleteEventReport(id: $id) { id } }', EDIT_OR_LOCKED, (x) => ({ id: x.report })),
      onMispEvent('proposeAttribute', 'mutation($i: ProposeAttributeInput!) { proposeAttribute(input: $i) { id } }', PROPOSE, (x) => ({ i: { eventId: x.e, type: 'ip-dst', value: '192.0.2.77' } })),
      onMispEvent('proposeAttributeChange', 'mutation($i: ProposeAttributeChangeInput!) { proposeAttributeChange(input: $i) { id } }', PROPOSE, (x) => ({ i: { attributeId: x.a, comment: 'better' } })),
      onMispEvent('proposeAttributeDeletion', 'mutation($id: ID!) { proposeAttributeDeletion(attributeId: $id) { id } }', PROPOSE, (x) => ({ id: x.a })),
      onMispEvent('acceptProposal', 'mutation($id: ID!) { acceptProposal(id: $id) { id } }', EDIT_OR_LOCKED, (x) => ({ id: x.foreign })),
      onMispEvent('discardProposal (another organisation\'s)', 'mutation($id: ID!) { discardProposal(id: $id) { id } }', EDIT_OR_LOCKED, (x) => ({ id: x.foreign })),
      onMispEvent('discardProposal (the caller\'s organisation\'s own)', 'mutation($id: ID!) { discardProposal(id: $id) { id } }', { own: 'AAAAAF', other: 'AAAAAF', locked: 'AAAAAF' }, (x) => ({ id: x.ownProposal })),
    ];

    // ---- the rows ----------------------------------------------------------------------------------
    //                    roles:  ADMIN ORG_ADMIN PUBLISHER USER SYNC_USER READ_ONLY
    const EDIT = { own: 'AAAAAF', other: 'AFFFFF', hidden: 'ANNNNF' };
    const PUBLISH = { own: 'AAAFAF', other: 'AFFFFF', hidden: 'ANNFNF' };
    const SEE_AND_WRITE = { own: 'AAAAAF', other: 'AAAAAF', hidden: 'ANNNNF' };
    const SG_EDIT = { own: 'AAFFAF', extend: 'AFFFFF', member: 'AFFFFF', hidden: 'ANFFNF' };
    const SITE_ADMIN = { none: 'AFFFFF' };

    const onEvent = (name: string, mutation: string, expect: MutationRow['expect'], vars: (x: Awaited<ReturnType<typeof event>>) => Record<string, unknown>, opts: { published?: boolean; localTagBy?: () => GraphqlClient } = {}): MutationRow => ({
      name,
      mutation,
      expect,
      prepare: async (target) => {
        const x = await event(target, { published: opts.published, localTagBy: opts.localTagBy?.() });
        return { vars: vars(x), state: x.state };
      },
    });
    const onGroup = (name: string, mutation: string, expect: MutationRow['expect'], vars: (id: string) => Record<string, unknown>, opts: { withPeer?: boolean } = {}): MutationRow => ({
      name,
      mutation,
      expect,
      prepare: async (target) => {
        const id = await sg(target, opts);
        return { vars: vars(id), state: sgState(id) };
      },
    });
    const adminOnly = (name: string, mutation: string, make: () => Promise<{ vars: Record<string, unknown>; state: () => Promise<unknown> }>, noChange = false): MutationRow => ({
      name,
      mutation,
      expect: SITE_ADMIN,
      prepare: make,
      noChange,
      global: true,
    });
    const newUser = (name: string, orgId: () => string, role: string, expect: Row): MutationRow => ({
      name,
      mutation: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      expect: { none: expect },
      global: true,
      prepare: async () => ({
        vars: { i: { email: `${unique('new')}@example.org`, organisationId: orgId(), role } },
        state: () => read('query($o: ID) { users(organisationId: $o) { email role } }', { o: orgId() }),
      }),
    });
    const changeUser = (name: string, expect: MutationRow['expect'], change: Record<string, unknown>): MutationRow => ({
      name,
      mutation: 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }',
      expect,
      prepare: async (target, role) => {
        const u = await targetUser(target, role);
        return { vars: { i: { id: u.userId, ...change } }, client: u.self ? u.client : undefined, state: userState(u.userId) };
      },
    });

    const ROWS: MutationRow[] = [
      {
        name: 'createEvent',
        mutation: 'mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }',
        expect: { none: 'AAAAAF' },
        prepare: async () => {
          const info = unique('created');
          return { vars: { i: { info, distribution: 'ORGANISATION_ONLY' } }, state: () => read('query($f: EventFilter) { events(filter: $f) { totalCount } }', { f: { info } }) };
        },
      },
      {
        // Who may import: whoever may create events (policy.canImportEvents). Importing over another
        // organisation's event is an allowed call that changes nothing: test/integration/misp-import.test.ts.
        name: 'importEvents',
        mutation: 'mutation($i: ImportEventsInput!) { importEvents(input: $i) { created failed } }',
        expect: { none: 'AAAAAF' },
        prepare: async () => {
          const info = unique('imported');
          const data = JSON.stringify({ Event: { uuid: randomUUID(), info, timestamp: '1700000000', Attribute: [{ type: 'domain', value: `${unique('i')}.example.org` }] } });
          return { vars: { i: { format: 'MISP_JSON', data } }, state: () => read('query($f: EventFilter) { events(filter: $f) { totalCount } }', { f: { info } }) };
        },
      },
      onEvent('updateEvent', 'mutation($i: UpdateEventInput!) { updateEvent(input: $i) { id } }', EDIT, (x) => ({ i: { id: x.e, info: 'changed' } })),
      onEvent('deleteEvent', 'mutation($id: ID!) { deleteEvent(id: $id) }', EDIT, (x) => ({ id: x.e })),
      onEvent('publishEvent', 'mutation($id: ID!) { publishEvent(id: $id) { id } }', PUBLISH, (x) => ({ id: x.e })),
      onEvent('unpublishEvent', 'mutation($id: ID!) { unpublishEvent(id: $id) { id } }', PUBLISH, (x) => ({ id: x.e }), { published: true }),
      onEvent('addAttribute', 'mutation($i: AddAttributeInput!) { addAttribute(input: $i) { id } }', EDIT, (x) => ({
        i: { eventId: x.e, type: 'ip-dst', value: '192.0.2.7' },
      })),
      onEvent('addAttributes', 'mutation($e: ID!, $l: [AttributeInput!]!) { addAttributes(eventId: $e, attributes: $l) { id } }', EDIT, (x) => ({
        e: x.e,
        l: [{ type: 'ip-dst', value: '192.0.2.8' }, { type: 'ip-dst', value: '192.0.2.9' }],
      })),
      onEvent('updateAttribute', 'mutation($i: UpdateAttributeInput!) { updateAttribute(input: $i) { id } }', EDIT, (x) => ({ i: { id: x.a, comment: 'changed' } })),
      onEvent('deleteAttribute', 'mutation($id: ID!) { deleteAttribute(id: $id) { id } }', EDIT, (x) => ({ id: x.a })),
      onEvent('addObject', 'mutation($i: AddObjectInput!) { addObject(input: $i) { id } }', EDIT, (x) => ({
        i: { eventId: x.e, name: 'file', metaCategory: 'file', attributes: [{ objectRelation: 'filename', type: 'filename', value: 'a.exe' }], references: [{ targetId: x.a, relationshipType: 'drops' }] },
      })),
      onObject('updateObject', 'mutation($i: UpdateObjectInput!) { updateObject(input: $i) { id } }', (x) => ({ i: { id: x.o, comment: 'changed' } })),
      onObject('deleteObject', 'mutation($id: ID!) { deleteObject(id: $id) { id } }', (x) => ({ id: x.o })),
      onObject('addObjectReference', 'mutation($i: AddObjectReferenceInput!) { addObjectReference(input: $i) { id } }', (x) => ({
        i: { objectId: x.o, targetId: x.a, relationshipType: 'drops' },
      })),
      onObject('deleteObjectReference', 'mutation($id: ID!) { deleteObjectReference(id: $id) { id } }', (x) => ({ id: x.r })),
      onEvent('tagEvent (global)', 'mutation($i: TagTargetInput!) { tagEvent(input: $i) { id } }', EDIT, (x) => ({ i: { id: x.e, tag: `${x.g}-new` } })),
      onEvent('tagEvent (local)', 'mutation($i: TagTargetInput!) { tagEvent(input: $i) { id } }', SEE_AND_WRITE, (x) => ({ i: { id: x.e, tag: `${x.g}-new`, local: true } })),
      onEvent('untagEvent (global tag)', 'mutation($id: ID!, $t: String!) { untagEvent(id: $id, tag: $t) { id } }', EDIT, (x) => ({ id: x.e, t: x.g })),
      onEvent('untagEvent (local tag of the caller\'s org)', 'mutation($id: ID!, $t: String!) { untagEvent(id: $id, tag: $t) { id } }', { own: 'AAAAAF', other: 'AAAAAF' }, (x) => ({ id: x.e, t: x.l }), { localTagBy: () => A.client }),
      onEvent('untagEvent (local tag of another org)', 'mutation($id: ID!, $t: String!) { untagEvent(id: $id, tag: $t) { id } }', { own: 'AFFFFF', other: 'AFFFFF', hidden: 'ANNNNF' }, (x) => ({ id: x.e, t: x.l }), { localTagBy: () => B.client }),
      onEvent('tagAttribute (global)', 'mutation($i: TagTargetInput!) { tagAttribute(input: $i) { id } }', EDIT, (x) => ({ i: { id: x.a, tag: `${x.g}-new` } })),
      onEvent('tagAttribute (local)', 'mutation($i: TagTargetInput!) { tagAttribute(input: $i) { id } }', SEE_AND_WRITE, (x) => ({ i: { id: x.a, tag: `${x.g}-new`, local: true } })),
      onEvent('untagAttribute (global tag)', 'mutation($id: ID!, $t: String!) { untagAttribute(id: $id, tag: $t) { id } }', EDIT, (x) => ({ id: x.a, t: x.g })),
      onEvent('untagAttribute (local tag of the caller\'s org)', 'mutation($id: ID!, $t: String!) { untagAttribute(id: $id, tag: $t) { id } }', { own: 'AAAAAF', other: 'AAAAAF' }, (x) => ({ id: x.a, t: x.l }), { localTagBy: () => A.client }),
      onEvent('untagAttribute (local tag of another org)', 'mutation($id: ID!, $t: String!) { untagAttribute(id: $id, tag: $t) { id } }', { own: 'AFFFFF', other: 'AFFFFF', hidden: 'ANNNNF' }, (x) => ({ id: x.a, t: x.l }), { localTagBy: () => B.client }),
      onEvent('addSighting', 'mutation($i: AddSightingInput!) { addSighting(input: $i) { id } }', SEE_AND_WRITE, (x) => ({ i: { attributeId: x.a, type: 'SIGHTING' } })),
      {
        name: 'createTag',
        mutation: 'mutation($i: CreateTagInput!) { createTag(input: $i) { id } }',
        expect: { none: 'AAAAAF' },
        prepare: async () => {
          const name = unique('newtag');
          return { vars: { i: { name } }, state: async () => ((await read('query { tags { name } }', {})) as { tags: Array<{ name: string }> }).tags.some((t) => t.name === name) };
        },
      },
      {
        name: 'createSharingGroup',
        mutation: 'mutation($i: CreateSharingGroupInput!) { createSharingGroup(input: $i) { id } }',
        expect: { none: 'AAFFAF' },
        prepare: async () => {
          const name = unique('newsg');
          return { vars: { i: { name } }, state: async () => ((await read('query { sharingGroups { name } }', {})) as { sharingGroups: Array<{ name: string }> }).sharingGroups.some((g) => g.name === name) };
        },
      },
      onGroup('updateSharingGroup', 'mutation($i: UpdateSharingGroupInput!) { updateSharingGroup(input: $i) { id } }', SG_EDIT, (id) => ({ i: { id, description: 'changed' } })),
      onGroup('addSharingGroupOrganisation (plain member)', 'mutation($i: AddSharingGroupOrganisationInput!) { addSharingGroupOrganisation(input: $i) { id } }', { ...SG_EDIT, extend: 'AAFFAF' }, (id) => ({
        i: { sharingGroupId: id, organisationId: D.orgId, extend: false },
      })),
      onGroup('addSharingGroupOrganisation (with extend)', 'mutation($i: AddSharingGroupOrganisationInput!) { addSharingGroupOrganisation(input: $i) { id } }', SG_EDIT, (id) => ({
        i: { sharingGroupId: id, organisationId: D.orgId, extend: true },
      })),
      onGroup('removeSharingGroupOrganisation', 'mutation($s: ID!, $o: ID!) { removeSharingGroupOrganisation(sharingGroupId: $s, organisationId: $o) { id } }', SG_EDIT, (id) => ({ s: id, o: C.orgId })),
      onGroup('addSharingGroupThisHub', 'mutation($s: ID!) { addSharingGroupThisHub(sharingGroupId: $s, allOrgs: true) { id } }', SG_EDIT, (id) => ({ s: id })),
      onGroup('removeSharingGroupThisHub', 'mutation($s: ID!) { removeSharingGroupThisHub(sharingGroupId: $s) { id } }', SG_EDIT, (id) => ({ s: id })),
      onGroup('addSharingGroupPeer', 'mutation($s: ID!, $p: ID!) { addSharingGroupPeer(sharingGroupId: $s, peerId: $p) { id } }', SG_EDIT, (id) => ({ s: id, p: selfPeer })),
      onGroup('removeSharingGroupPeer', 'mutation($s: ID!, $p: ID!) { removeSharingGroupPeer(sharingGroupId: $s, peerId: $p) { id } }', SG_EDIT, (id) => ({ s: id, p: selfPeer }), { withPeer: true }),
      newUser('createUser (USER in own org)', () => A.orgId, 'USER', 'AAFFFF'),
      newUser('createUser (ORG_ADMIN in own org)', () => A.orgId, 'ORG_ADMIN', 'AAFFFF'),
      newUser('createUser (SYNC_USER in own org)', () => A.orgId, 'SYNC_USER', 'AFFFFF'),
      newUser('createUser (ADMIN in own org)', () => A.orgId, 'ADMIN', 'AFFFFF'),
      newUser('createUser (USER in another org)', () => B.orgId, 'USER', 'AFFFFF'),
      changeUser('updateUser (role -> PUBLISHER)', { colleague: 'AAFFFF', otherOrg: 'ANFFFF' }, { role: 'PUBLISHER' }),
      changeUser('updateUser (role -> SYNC_USER)', { colleague: 'AFFFFF', self: 'AFFFFF', otherOrg: 'ANFFFF' }, { role: 'SYNC_USER' }),
      changeUser('updateUser (role -> ADMIN)', { colleague: 'AFFFFF' }, { role: 'ADMIN' }),
      changeUser('updateUser (a SYNC_USER -> USER)', { syncUser: 'AFFFFF' }, { role: 'USER' }),
      changeUser('updateUser (disable)', { colleague: 'AAFFFF', syncUser: 'AFFFFF', otherOrg: 'ANFFFF' }, { disabled: true }),
      {
        name: 'createApiKey',
        mutation: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
        expect: { self: 'AAAAAA', colleague: 'AANNNN', syncUser: 'AFNNNN', otherOrg: 'ANNNNN' },
        prepare: async (target, role) => {
          const u = await targetUser(target, role);
          return { vars: { i: { userId: u.userId } }, client: u.self ? u.client : undefined, state: keysState(u.userId) };
        },
      },
      {
        name: 'revokeApiKey',
        mutation: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
        expect: { self: 'AAAAAA', colleague: 'AANNNN', syncUser: 'ANNNNN', otherOrg: 'ANNNNN' },
        prepare: async (target, role) => {
          const u = await targetUser(target, role);
          // A second key of the target: the one revoked (a self call keeps its own key working).
          const k = (await must(hub.admin, 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }', { i: { userId: u.userId } }))
            .createApiKey.apiKey.id;
          return { vars: { id: k }, client: u.self ? u.client : undefined, state: keysState(u.userId) };
        },
      },
      adminOnly('createOrganisation', 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', async () => ({
        vars: { i: { name: unique('neworg') } },
        state: () => read('query { organisations { id name } }', {}),
      })),
      adminOnly('updateOrganisation', 'mutation($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { id } }', async () => {
        const o = await orgWithUser(hub, 'USER');
        return { vars: { i: { id: o.orgId, description: 'changed' } }, state: () => read('query($id: ID!) { organisation(id: $id) { name description } }', { id: o.orgId }) };
      }),
      adminOnly('createFeed', 'mutation($i: CreateFeedInput!) { createFeed(input: $i) { id } }', async () => ({
        vars: { i: { name: unique('newfeed'), url: `http://127.0.0.1:9/${unique('x')}.csv`, format: 'CSV', enabled: false } },
        state: feedsState,
      })),
      adminOnly('updateFeed', 'mutation($i: UpdateFeedInput!) { updateFeed(input: $i) { id } }', async () => ({ vars: { i: { id: await feed(), name: unique('renamed') } }, state: feedsState })),
      adminOnly('enableFeed', 'mutation($id: ID!) { enableFeed(id: $id) { id } }', async () => ({ vars: { id: await feed() }, state: feedsState })),
      adminOnly('disableFeed', 'mutation($id: ID!) { disableFeed(id: $id) { id } }', async () => {
        const id = await feed();
        await must(hub.admin, 'mutation($id: ID!) { enableFeed(id: $id) { id } }', { id });
        return { vars: { id }, state: feedsState };
      }),
      adminOnly('deleteFeed', 'mutation($id: ID!) { deleteFeed(id: $id) }', async () => ({ vars: { id: await feed() }, state: feedsState })),
      adminOnly('fetchFeed', 'mutation($id: ID!) { fetchFeed(id: $id) { error } }', async () => ({ vars: { id: await feed() }, state: feedsState })),
      adminOnly('fetchAllFeeds', 'mutation { fetchAllFeeds { feedId } }', async () => ({ vars: {}, state: feedsState }), true),
      adminOnly('loadDefaultFeeds', 'mutation { loadDefaultFeeds }', async () => ({ vars: {}, state: feedsState })),
      adminOnly('createTaxiiCollection', 'mutation($i: CreateTaxiiCollectionInput!) { createTaxiiCollection(input: $i) { id } }', async () => ({
        vars: { i: { title: unique('newtaxii'), filter: { toIds: true } } },
        state: taxiiState,
      })),
      adminOnly('updateTaxiiCollection', 'mutation($i: UpdateTaxiiCollectionInput!) { updateTaxiiCollection(input: $i) { id } }', async () => ({
        vars: { i: { id: await taxiiCollection(), title: unique('renamed'), filter: { type: ['domain'] } } },
        state: taxiiState,
      })),
      adminOnly('deleteTaxiiCollection', 'mutation($id: ID!) { deleteTaxiiCollection(id: $id) }', async () => ({ vars: { id: await taxiiCollection() }, state: taxiiState })),
      adminOnly('createPeer', 'mutation($i: CreatePeerInput!) { createPeer(input: $i) { id } }', async () => ({
        vars: { i: { name: unique('newpeer'), url: 'http://127.0.0.1:9/graphql', apiKey: 'k'.repeat(40), organisationId: D.orgId } },
        state: peersState,
      })),
      adminOnly('updatePeer', 'mutation($i: UpdatePeerInput!) { updatePeer(input: $i) { id } }', async () => ({ vars: { i: { id: await peer(), name: unique('renamed') } }, state: peersState })),
      adminOnly('deletePeer', 'mutation($id: ID!) { deletePeer(id: $id) }', async () => ({ vars: { id: await peer() }, state: peersState })),
      adminOnly('testPeer', 'mutation($id: ID!) { testPeer(id: $id) { ok } }', async () => ({ vars: { id: downPeer }, state: peersState }), true),
      adminOnly('pullFromPeer', 'mutation($id: ID!) { pullFromPeer(id: $id) { error } }', async () => ({ vars: { id: downPeer }, state: peersState }), true),
      adminOnly('pushToPeer', 'mutation($id: ID!) { pushToPeer(id: $id) { error } }', async () => ({ vars: { id: downPeer }, state: peersState }), true),
      {
        name: 'pushEvents (sync)',
        mutation: 'mutation($h: ID!) { pushEvents(hubId: $h, events: []) { error } }',
        expect: { none: 'AFFFAF' },
        prepare: async () => ({ vars: { h: randomUUID() }, state: () => read('query { events(first: 1) { totalCount } }', {}) }),
        noChange: true,
        global: true,
      },
      {
        name: 'pushSightings (sync)',
        mutation: 'mutation($h: ID!) { pushSightings(hubId: $h, sightings: []) { created } }',
        expect: { none: 'AFFFAF' },
        prepare: async () => ({ vars: { h: randomUUID() }, state: () => read('query { events(first: 1) { totalCount } }', {}) }),
        noChange: true,
        global: true,
      },
      ...MISP_MODEL_ROWS,
    ];

    test('the matrix lists every mutation of the schema', async () => {
      const sdl = readFileSync(join(REPO_ROOT, 'schema/schema.graphql'), 'utf8');
      const names = Object.keys(buildSchema(sdl).getMutationType()!.getFields());
      const covered = new Set(ROWS.map((r) => /\{\s*(\w+)/.exec(r.mutation.slice(r.mutation.indexOf('{')))![1]));
      assert.deepEqual(names.filter((n) => !covered.has(n)), [], 'mutations without a row in the write matrix');
    });

    /** Every role on every target of a row; targets side by side (each has its own objects). */
    const runRow = async (row: MutationRow) => {
      const targets = Object.entries(row.expect) as Array<[Target, Row]>;
      for (const [target, letters] of targets) assert.equal(letters.length, ROLES.length, `${row.name}/${target}: one letter per role`);
      await Promise.all(targets.map(([target, letters]) => runTarget(row, target, letters)));
    };
    const runTarget = async (row: MutationRow, target: Target, letters: Row) => {
      // Refusals share one object per target; its state after one refusal is the state before the next.
      let shared: { c: Case; state: unknown } | undefined;
      for (const [i, role] of ROLES.entries()) {
        const want = OUTCOME[letters[i] as keyof typeof OUTCOME];
        const label = `${row.name} by ${role} on ${target}`;
        let c: Case;
        let before: unknown;
        const reuse = want !== 'ALLOWED' && target !== 'self' ? shared : undefined;
        if (reuse) ({ c, state: before } = reuse);
        else {
          c = await row.prepare(target, role);
          before = await c.state();
        }
        const res: GraphqlResponse<unknown> = await q(c.client ?? actors[role].client, row.mutation, c.vars);
        const afterState = await c.state();
        if (want === 'ALLOWED') {
          assert.equal(res.errors, undefined, `${label}: expected ALLOWED, got ${JSON.stringify(res.errors)}`);
          if (!row.noChange) assert.notDeepEqual(afterState, before, `${label}: allowed, but nothing changed`);
        } else {
          assert.equal(res.errors?.[0]?.extensions?.code, want, `${label}: expected ${want}, got ${JSON.stringify(res.errors ?? res.data)}`);
          assert.deepEqual(afterState, before, `${label}: refused, but the target changed`);
          if (target !== 'self') shared = { c, state: afterState };
        }
      }
    };

    describe('rows on objects of their own', { concurrency: ROW_CONCURRENCY[database.name] }, () => {
      for (const row of ROWS.filter((r) => !r.global)) test(row.name, () => runRow(row));
    });
    describe('rows that compare hub-wide lists (one at a time)', () => {
      for (const row of ROWS.filter((r) => r.global)) test(row.name, () => runRow(row));
    });
  });
}
