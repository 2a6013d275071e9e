import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddAttributesDocument,
  CreateEventDocument,
  CreatePeerDocument,
  CreateSharingGroupDocument,
  Distribution,
  PeersDocument,
  SharingGroupDetailDocument,
  RemoveSharingGroupThisHubDocument,
  PublishEventDocument,
  TestPeerDocument,
  UpdateEventDocument,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases, TestDatabase } from '../support/databases';
import { expectError, ok, unique, userIn } from '../support/hub';
import { ensureOrg, FedHub, holdings, Link, peerStatus, pullOk, pushOk, startHubs, waitFor } from '../support/federation';

/**
 * MISP compares an event's versions in whole seconds (the wire's `timestamp`: events/index for a pull,
 * filterEventIdsForPush for a push, as between two MISP servers): an edit in the same second as the
 * version the other side holds is not newer to it. A test that edits a synced event and expects the edit
 * to travel makes it in a later second than everything before (README, "Differences from MISP").
 */
const inALaterSecond = () => new Promise((resolve) => setTimeout(resolve, 1_005 - (Date.now() % 1_000)));

/**
 * MISP servers as peers (issue 13 part 3b): hub B registers hub A as a peer of kind MISP, pointing at A's
 * MISP REST layer (A's base URL), with the key of a sync user A made for B's organisation — as a MISP admin
 * adds a remote server. B then pulls and pushes over MISP's own sync API (events/index, events/view,
 * events/filterEventIdsForPush, events/add|edit with metadata, sightings), and what each hub holds is
 * compared with DESIGN §6's table, computed here independently of src/modules/peer/sync.rules.ts.
 */

type Level = Distribution;
const SHORT: Record<string, Level> = { ORG: 'ORGANISATION_ONLY', COMM: 'COMMUNITY_ONLY', CONN: 'CONNECTED_COMMUNITIES', ALL: 'ALL_COMMUNITIES', INHERIT: 'INHERIT_EVENT' };
const COMMUNITIES: Level[] = ['COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES'];

/** DESIGN §6 "pulled by a peer" for one element: null when the puller's sync user may not see it. */
function pulled(level: Level, ownedBySyncOrg: boolean, isEvent: boolean): Level | null {
  const visible = ownedBySyncOrg || COMMUNITIES.includes(level) || (!isEvent && level === 'INHERIT_EVENT');
  if (!visible) return null;
  return level === 'COMMUNITY_ONLY' ? 'ORGANISATION_ONLY' : level === 'CONNECTED_COMMUNITIES' ? 'COMMUNITY_ONLY' : level;
}

/** DESIGN §6 "pushed to a peer" (not internal) for one element: null when it stays. */
function pushed(level: Level, isEvent: boolean): Level | null {
  if (level === 'CONNECTED_COMMUNITIES') return 'COMMUNITY_ONLY';
  if (level === 'ALL_COMMUNITIES') return level;
  if (level === 'INHERIT_EVENT') return isEvent ? null : level;
  return null;
}

/** A MISP-kind link from `from` to `to`'s MISP REST layer (base URL, sync user key of `from`'s org on `to`). */
async function mispLink(from: FedHub, to: FedHub, opts: { push?: boolean; pull?: boolean } = {}): Promise<Link> {
  const fromOrgOnTo = await ensureOrg(to, from.org);
  const sync = await userIn(to, fromOrgOnTo, 'SYNC_USER');
  const toOrgOnFrom = await ensureOrg(from, to.org);
  const peer = ok(
    await from.admin.request(CreatePeerDocument, {
      input: {
        name: unique(`${from.name}->${to.name} (MISP)`),
        kind: 'MISP',
        url: to.url.replace(/\/graphql$/, ''),
        apiKey: sync.key,
        organisationId: toOrgOnFrom,
        push: opts.push ?? false,
        pull: opts.pull ?? false,
      },
    }),
  ).createPeer;
  assert.equal(peer.kind, 'MISP');
  return { peerId: peer.id, from, to, syncKey: sync.key, fromOrgOnTo, toOrgOnFrom };
}

interface Built {
  /** label ("ALL", "ALL/CONN" …) → uuid, and back. */
  ids: Map<string, string>;
  labelOf: Map<string, string>;
}

/** Published events, one per event level, each with one attribute per attribute level (+ INHERIT). */
async function buildEvents(client: GraphqlClient, run: string, events: string[], attributes: string[], built: Built, prefix = ''): Promise<void> {
  for (const [ei, ev] of events.entries()) {
    const label = `${prefix}${ev}`;
    const e = ok(await client.request(CreateEventDocument, { input: { info: `${run} ${label}`, distribution: SHORT[ev] } })).createEvent;
    const added = ok(
      await client.request(AddAttributesDocument, {
        eventId: e.id,
        attributes: attributes.map((a, ai) => ({ type: 'ip-dst', value: `10.${ei + (prefix ? 50 : 0)}.${ai}.9`, comment: `${label}/${a}`, distribution: SHORT[a] })),
      }),
    ).addAttributes;
    ok(await client.request(PublishEventDocument, { id: e.id }));
    built.ids.set(label, e.id);
    built.labelOf.set(e.id, label);
    attributes.forEach((a, ai) => {
      built.ids.set(`${label}/${a}`, added[ai].id);
      built.labelOf.set(added[ai].id, `${label}/${a}`);
    });
  }
}

type Rendered = Record<string, { owner: string; event: string; attributes: Record<string, string> }>;

async function held(hub: FedHub, b: Built, orgNames: Map<string, string>): Promise<Rendered> {
  const eventIds = [...b.ids].filter(([l]) => !l.includes('/')).map(([, id]) => id);
  const out: Rendered = {};
  for (const [id, e] of await holdings(hub, eventIds)) {
    out[b.labelOf.get(id)!] = {
      owner: orgNames.get(e.ownerOrg) ?? e.ownerOrg,
      event: e.distribution,
      attributes: Object.fromEntries([...e.attributes].map(([aid, a]) => [b.labelOf.get(aid) ?? aid, a.distribution + (a.deleted ? ' (deleted)' : '')])),
    };
  }
  return out;
}

const sorted = (r: Rendered): Rendered =>
  Object.fromEntries(
    Object.keys(r)
      .sort()
      .map((k) => [k, { ...r[k], attributes: Object.fromEntries(Object.keys(r[k].attributes).sort().map((a) => [a, r[k].attributes[a]])) }]),
  );

function suite(database: TestDatabase) {
  describe(`MISP-kind peers: hub B pulls from and pushes to hub A's MISP REST layer (${database.name})`, () => {
    let A: FedHub, B: FedHub;
    let l: Link;
    const names = new Map<string, string>();

    before(async () => {
      [A, B] = await startHubs(database, ['A', 'B']);
      names.set(A.org.id, 'A');
      names.set(B.org.id, 'B');
      l = await mispLink(B, A, { pull: true, push: true });
    });
    after(async () => {
      await Promise.all([A?.stop(), B?.stop()]);
    });

    test('bad input: an unknown kind and a MISP url that is not a base URL are refused, naming them; nothing is created', async () => {
      const input = { name: unique('bad'), url: A.url.replace(/\/graphql$/, ''), apiKey: l.syncKey, organisationId: l.toOrgOnFrom };
      const before = ok(await B.admin.request(PeersDocument, {})).peers.length;
      const res = await B.admin.request(CreatePeerDocument, { input: { ...input, kind: 'SMTP' as never } });
      assert.ok(res.errors?.length, 'an unknown kind is refused');
      assert.match(res.errors![0].message, /SMTP/);
      await expectError(B.admin.request(CreatePeerDocument, { input: { ...input, kind: 'MISP', url: A.url } }), 'BAD_USER_INPUT', A.url);
      await expectError(B.admin.request(CreatePeerDocument, { input: { ...input, kind: 'MISP', url: `${input.url}/?x=1` } }), 'BAD_USER_INPUT', '?x=1');
      assert.equal(ok(await B.admin.request(PeersDocument, {})).peers.length, before);
    });

    test('testPeer: MISP version, the sync user\'s organisation, the server uuid', async () => {
      const r = ok(await B.admin.request(TestPeerDocument, { id: l.peerId })).testPeer;
      assert.equal(r.ok, true, String(r.error));
      assert.equal(r.software, 'MISP');
      assert.match(String(r.protocolVersion), /^2\.\d+\.\d+/);
      assert.equal(r.hubId, A.hubId);
      assert.equal(r.organisationName, B.org.name);
      assert.equal(r.speaksProtocol, true);
    });

    test('pull: every distribution level ends where DESIGN §6 says; the second pull changes nothing in two requests', async () => {
      const run = unique('mp');
      const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
      const b: Built = { ids: new Map(), labelOf: new Map() };
      const levels = ['ORG', 'COMM', 'CONN', 'ALL'];
      const attrs = ['ORG', 'COMM', 'CONN', 'ALL', 'INHERIT'];
      await buildEvents(author, run, levels, attrs, b);
      // An org-only event owned by B's organisation on A: B's sync user sees it (owner), so it is pulled and stays org-only.
      const bOnA = (await userIn(A, l.fromOrgOnTo, 'PUBLISHER')).client;
      await buildEvents(bOnA, run, ['ORG'], attrs, b, 'B:');

      const r1 = await pullOk(l);
      const expected: Rendered = {};
      for (const ev of levels) {
        const e = pulled(SHORT[ev], false, true);
        if (!e) continue;
        const attributes: Record<string, string> = {};
        for (const a of attrs) {
          const x = pulled(SHORT[a], false, false);
          if (x) attributes[`${ev}/${a}`] = x;
        }
        expected[ev] = { owner: 'A', event: e, attributes };
      }
      const attributes: Record<string, string> = {};
      for (const a of attrs) attributes[`B:ORG/${a}`] = pulled(SHORT[a], true, false)!;
      expected['B:ORG'] = { owner: 'A', event: 'ORGANISATION_ONLY', attributes };
      assert.deepEqual(sorted(await held(B, b, names)), sorted(expected));
      assert.equal(r1.created, Object.keys(expected).length);
      for (const [id, e] of await holdings(B, [...b.ids.values()])) {
        assert.equal(e.locked, true, `${b.labelOf.get(id)}: a pulled copy is locked`);
        assert.equal(e.published, true);
      }
      const r2 = await pullOk(l);
      assert.deepEqual({ created: r2.created, updated: r2.updated, failed: r2.failed }, { created: 0, updated: 0, failed: 0 });
      assert.equal(r2.requests, 2, 'a pull with nothing new is two small requests: events/index from the timestamp cursor, and the sighting index with its ETag (304)');

      // One event changes on A: the next pull downloads that one only.
      await inALaterSecond();
      ok(await author.request(UpdateEventDocument, { input: { id: b.ids.get('ALL')!, info: `${run} ALL (edited)` } }));
      ok(await author.request(PublishEventDocument, { id: b.ids.get('ALL')! }));
      const r3 = await pullOk(l);
      assert.equal(r3.updated, 1);
      assert.equal(r3.requests, 3, 'index + the one changed event + sightings');
      const status = await peerStatus(l);
      assert.equal(status.lastError, null);
      assert.ok(status.lastPullAt);
      assert.ok(status.pulledCount >= Object.keys(expected).length + 1);
    });

    test('pull: sharing groups as B\'s sync user sees them on A, carried with their members; data of a group B is not in stays', async () => {
      const run = unique('msg');
      const author = (await userIn(A, A.org.id, 'ORG_ADMIN')).client;
      const bOnA = l.fromOrgOnTo;
      const withB = ok(await author.request(CreateSharingGroupDocument, { input: { name: `${run} with B`, roaming: false, organisationIds: [bOnA] } })).createSharingGroup;
      const withoutB = ok(await author.request(CreateSharingGroupDocument, { input: { name: `${run} without B`, roaming: false, organisationIds: [] } })).createSharingGroup;
      const ids = new Map<string, string>();
      for (const [label, input] of [
        ['SG:withB', { distribution: 'SHARING_GROUP' as Distribution, sharingGroupId: withB.id }],
        ['SG:withoutB', { distribution: 'SHARING_GROUP' as Distribution, sharingGroupId: withoutB.id }],
        ['ALL', { distribution: 'ALL_COMMUNITIES' as Distribution }],
      ] as const) {
        const e = ok(await author.request(CreateEventDocument, { input: { info: `${run} ${label}`, ...input } })).createEvent;
        const added = ok(
          await author.request(AddAttributesDocument, {
            eventId: e.id,
            attributes: [
              { type: 'domain', value: `inherit.${label.replace(/[^a-z]/gi, '')}.${run}.example`, distribution: 'INHERIT_EVENT' },
              { type: 'domain', value: `withb.${label.replace(/[^a-z]/gi, '')}.${run}.example`, distribution: 'SHARING_GROUP', sharingGroupId: withB.id },
              { type: 'domain', value: `withoutb.${label.replace(/[^a-z]/gi, '')}.${run}.example`, distribution: 'SHARING_GROUP', sharingGroupId: withoutB.id },
            ],
          }),
        ).addAttributes;
        ok(await author.request(PublishEventDocument, { id: e.id }));
        ids.set(label, e.id);
        ids.set(`${label}/INHERIT`, added[0].id);
        ids.set(`${label}/SG:withB`, added[1].id);
        ids.set(`${label}/SG:withoutB`, added[2].id);
      }
      const r = await pullOk(l);
      assert.equal(r.created, 2);
      const label = new Map([...ids].map(([k, v]) => [v, k]));
      const sgName = new Map([[withB.id, 'withB'], [withoutB.id, 'withoutB']]);
      const got = Object.fromEntries(
        [...(await holdings(B, [...ids.values()]))].map(([id, e]) => [
          label.get(id),
          {
            event: e.sharingGroup ? `SG:${sgName.get(e.sharingGroup)}` : e.distribution,
            attributes: Object.fromEntries([...e.attributes].map(([aid, x]) => [label.get(aid), x.sharingGroup ? `SG:${sgName.get(x.sharingGroup)}` : x.distribution])),
          },
        ]),
      );
      assert.deepEqual(got, {
        'SG:withB': { event: 'SG:withB', attributes: { 'SG:withB/INHERIT': 'INHERIT_EVENT', 'SG:withB/SG:withB': 'SG:withB' } },
        ALL: { event: 'ALL_COMMUNITIES', attributes: { 'ALL/INHERIT': 'INHERIT_EVENT', 'ALL/SG:withB': 'SG:withB' } },
      });
      const group = ok(await B.admin.request(SharingGroupDetailDocument, { id: withB.id })).sharingGroup;
      assert.deepEqual(group.organisations.map((o) => o.organisation.id).sort(), [A.org.id, B.org.id].sort(), 'the group arrives with its member organisations (by uuid)');
    });

    test('push: what leaves B is what DESIGN §6 lets travel, owned on A by B\'s organisation and locked; no echo of A\'s events; the second push sends nothing', async () => {
      const run = unique('mq');
      const author = (await userIn(B, B.org.id, 'ORG_ADMIN')).client;
      const b: Built = { ids: new Map(), labelOf: new Map() };
      const levels = ['ORG', 'COMM', 'CONN', 'ALL'];
      const attrs = ['ORG', 'COMM', 'CONN', 'ALL', 'INHERIT'];
      await buildEvents(author, run, levels, attrs, b);
      // Sharing groups: A's organisation a member (no hubs listed: admitted), and one A's organisation is not in (stays).
      const aOnB = l.toOrgOnFrom;
      const withA = ok(await author.request(CreateSharingGroupDocument, { input: { name: `${run} with A`, roaming: false, organisationIds: [aOnB] } })).createSharingGroup;
      ok(await author.request(RemoveSharingGroupThisHubDocument, { sharingGroupId: withA.id }));
      const withoutA = ok(await author.request(CreateSharingGroupDocument, { input: { name: `${run} without A`, roaming: false, organisationIds: [] } })).createSharingGroup;
      ok(await author.request(RemoveSharingGroupThisHubDocument, { sharingGroupId: withoutA.id }));
      for (const [label, sg] of [['SG:withA', withA.id], ['SG:withoutA', withoutA.id]] as const) {
        const e = ok(await author.request(CreateEventDocument, { input: { info: `${run} ${label}`, distribution: 'SHARING_GROUP', sharingGroupId: sg } })).createEvent;
        const added = ok(await author.request(AddAttributesDocument, { eventId: e.id, attributes: [{ type: 'domain', value: `${label.slice(3).toLowerCase()}.${run}.example`, distribution: 'INHERIT_EVENT' }] })).addAttributes;
        ok(await author.request(PublishEventDocument, { id: e.id }));
        b.ids.set(label, e.id);
        b.labelOf.set(e.id, label);
        b.ids.set(`${label}/INHERIT`, added[0].id);
        b.labelOf.set(added[0].id, `${label}/INHERIT`);
      }

      // (B's peer has push on: its writes are also pushed in the background, push-on-change; this push finishes the job.)
      await pushOk(l);
      const expected: Rendered = {};
      for (const ev of levels) {
        const e = pushed(SHORT[ev], true);
        if (!e) continue;
        const attributes: Record<string, string> = {};
        for (const a of attrs) {
          const x = pushed(SHORT[a], false);
          if (x) attributes[`${ev}/${a}`] = x;
        }
        expected[ev] = { owner: 'B', event: e, attributes };
      }
      expected['SG:withA'] = { owner: 'B', event: 'SHARING_GROUP', attributes: { 'SG:withA/INHERIT': 'INHERIT_EVENT' } };
      const namesOnA = new Map([[A.org.id, 'A'], [l.fromOrgOnTo, 'B']]);
      assert.deepEqual(sorted(await held(A, b, namesOnA)), sorted(expected));
      const onA = await holdings(A, [...b.ids.values()]);
      for (const [id, e] of onA) assert.equal(e.locked, true, `${b.labelOf.get(id)} on A: a pushed copy is locked`);
      assert.equal(onA.get(b.ids.get('SG:withA')!)!.sharingGroup, withA.id, 'the sharing group travels with its uuid');

      const r2 = await pushOk(l);
      assert.deepEqual({ created: r2.created, updated: r2.updated, requests: r2.requests }, { created: 0, updated: 0, requests: 0 }, 'the second push sends nothing');

      // An edit travels as an update of A's copy, pushed in the background after B's write (push-on-change).
      await inALaterSecond();
      ok(await author.request(UpdateEventDocument, { input: { id: b.ids.get('ALL')!, info: `${run} ALL (edited on B)` } }));
      ok(await author.request(PublishEventDocument, { id: b.ids.get('ALL')! }));
      await waitFor('the edit on A', async () => (await holdings(A, [b.ids.get('ALL')!])).get(b.ids.get('ALL')!)?.info === `${run} ALL (edited on B)`);
      const r3 = await pushOk(l);
      assert.deepEqual({ created: r3.created, updated: r3.updated }, { created: 0, updated: 0 }, 'nothing left to push');
      assert.ok((await peerStatus(l)).pushedCount >= Object.keys(expected).length + 1);
    });

    test('no echo: events B pulled from A are never pushed back to A', async () => {
      const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
      const run = unique('echo');
      const b: Built = { ids: new Map(), labelOf: new Map() };
      await buildEvents(author, run, ['ALL'], ['ALL'], b);
      await pullOk(l);
      const onB = await holdings(B, [b.ids.get('ALL')!]);
      assert.equal(onB.get(b.ids.get('ALL')!)!.locked, true);
      const r = await pushOk(l);
      assert.deepEqual({ created: r.created, updated: r.updated }, { created: 0, updated: 0 });
      const onA = (await holdings(A, [b.ids.get('ALL')!])).get(b.ids.get('ALL')!)!;
      assert.deepEqual({ owner: onA.ownerOrg, locked: onA.locked }, { owner: A.org.id, locked: false }, 'A\'s own event is untouched');
    });
  });
}

for (const database of testDatabases()) suite(database);
