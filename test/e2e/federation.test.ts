import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import {
  AddAttributesDocument,
  AddSharingGroupOrganisationDocument,
  AddSharingGroupPeerDocument,
  CreateEventDocument,
  CreateSharingGroupDocument,
  CreateTagDocument,
  DeleteAttributeDocument,
  DeleteEventDocument,
  Distribution,
  EventDocument,
  PublishEventDocument,
  PullFromPeerDocument,
  PushToPeerDocument,
  PushEventsDocument,
  RemoveSharingGroupThisHubDocument,
  SharingGroupDetailDocument,
  SyncEventsDocument,
  SyncEventInput,
  TagEventDocument,
  TestPeerDocument,
  UpdateAttributeDocument,
  UpdateEventDocument,
  UpdatePeerDocument,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases, TestDatabase } from '../support/databases';
import { ok, orgWithUser, unique, userIn } from '../support/hub';
import {
  assertNoOp,
  closedPortUrl,
  ensureOrg,
  FedHub,
  HeldEvent,
  holdings,
  link,
  Link,
  peerStatus,
  pullNow,
  pullOk,
  pushNow,
  pushOk,
  NO_SIGHTINGS,
  startFakePeer,
  syncAnswer,
  startGate,
  PULL_NOOP_REQUESTS,
  PULL_NOOP_WHY,
  startHub,
  startHubs,
  SyncOutcome,
  waitFor,
} from '../support/federation';

/**
 * Federation end to end (issue 4, DESIGN §6): several real hubs in this process, each on its own
 * database, linked through the public API as a MISP admin links instances. The expected holdings of
 * every hub are computed by a small model of DESIGN §6 / README "What travels" written here, independent
 * of src/modules/peer/sync.rules.ts, and compared with what each hub's site admin sees.
 */

// ---- the model ---------------------------------------------------------------------------------------

type Level = Distribution;
/** An element's distribution: a level, and the sharing group's key in the scenario for SHARING_GROUP. */
interface Elem {
  level: Level;
  sg: string | null;
}
/** What a hub holds of one event: who owns the copy, who created it, distributions. */
interface Copy {
  owner: string;
  creator: string;
  event: Elem;
  attributes: Map<string, Elem>;
}
/** A sharing group of the scenario: `orgs` and `hubs` are names ("A" = the hub that created it). */
interface SgDef {
  roaming: boolean;
  orgs: string[];
  hubs: string[];
}

const COMMUNITIES: Level[] = ['COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES'];
const SHORT: Record<string, Level> = {
  ORG: 'ORGANISATION_ONLY',
  COMM: 'COMMUNITY_ONLY',
  CONN: 'CONNECTED_COMMUNITIES',
  ALL: 'ALL_COMMUNITIES',
  INHERIT: 'INHERIT_EVENT',
};
const elemOf = (spec: string): Elem => (spec.startsWith('SG:') ? { level: 'SHARING_GROUP', sg: spec.slice(3) } : { level: SHORT[spec], sg: null });

/** The group admits a peer (README "What travels"): hub listed, or its org a member and roaming or no hubs listed. */
const admits = (g: SgDef, peerHub: string, peerOrg: string) =>
  g.hubs.includes(peerHub) || (g.orgs.includes(peerOrg) && (g.roaming || g.hubs.length === 0));

interface PushLinkModel {
  /** Receiving hub's name. */
  to: string;
  /** Organisation registered as the peer's on the sender. */
  peerOrg: string;
  /** The sender's organisation on the receiver (the sync user's): owner of the copies there. */
  senderOrg: string;
  internal: boolean;
}

/** DESIGN §6 "pushed to a peer", for the event and each attribute. */
function pushModel(copies: Map<string, Copy>, sgs: Record<string, SgDef>, l: PushLinkModel): Map<string, Copy> {
  const travel = (e: Elem, owner: string, isEvent: boolean): Elem | null => {
    switch (e.level) {
      case 'ORGANISATION_ONLY':
        return l.internal && owner === l.peerOrg ? e : null;
      case 'COMMUNITY_ONLY':
        return l.internal ? e : null;
      case 'CONNECTED_COMMUNITIES':
        return l.internal ? e : { level: 'COMMUNITY_ONLY', sg: null };
      case 'ALL_COMMUNITIES':
        return e;
      case 'INHERIT_EVENT':
        return isEvent ? null : e;
      case 'SHARING_GROUP':
        return admits(sgs[e.sg!], l.to, l.peerOrg) ? e : null;
    }
  };
  const out = new Map<string, Copy>();
  for (const [label, c] of copies) {
    const event = travel(c.event, c.owner, true);
    if (!event) continue;
    const attributes = new Map<string, Elem>();
    for (const [al, a] of c.attributes) {
      const t = travel(a, c.owner, false);
      if (t) attributes.set(al, t);
    }
    out.set(label, { owner: l.senderOrg, creator: c.creator, event, attributes });
  }
  return out;
}

interface PullLinkModel {
  /** Organisation of the puller's sync user on the source. */
  syncOrg: string;
  /** Organisation registered as the peer's on the puller: owner of the copies. */
  peerOrg: string;
  internal: boolean;
}

/**
 * DESIGN §6 "pulled by a peer": what the sync user may see (DESIGN §4), downgraded on receipt. For
 * SHARING_GROUP this follows README "What travels" ("as the puller's sync user sees it"): membership of
 * the sync user's organisation, whatever the group's roaming flag and listed hubs.
 */
function pullModel(copies: Map<string, Copy>, sgs: Record<string, SgDef>, l: PullLinkModel): Map<string, Copy> {
  const visible = (e: Elem, owner: string, isEvent: boolean) =>
    owner === l.syncOrg ||
    COMMUNITIES.includes(e.level) ||
    (!isEvent && e.level === 'INHERIT_EVENT') ||
    (e.level === 'SHARING_GROUP' && sgs[e.sg!].orgs.includes(l.syncOrg));
  const down = (e: Elem): Elem =>
    l.internal
      ? e
      : e.level === 'COMMUNITY_ONLY'
        ? { level: 'ORGANISATION_ONLY', sg: null }
        : e.level === 'CONNECTED_COMMUNITIES'
          ? { level: 'COMMUNITY_ONLY', sg: null }
          : e;
  const out = new Map<string, Copy>();
  for (const [label, c] of copies) {
    if (!visible(c.event, c.owner, true)) continue;
    const attributes = new Map<string, Elem>();
    for (const [al, a] of c.attributes) if (visible(a, c.owner, false)) attributes.set(al, down(a));
    out.set(label, { owner: l.peerOrg, creator: c.creator, event: down(c.event), attributes });
  }
  return out;
}

// ---- building a scenario on the first hub --------------------------------------------------------------

interface MatrixSpec {
  sgs: Record<string, SgDef>;
  /** Event specs: ORG, COMM, CONN, ALL or SG:<key>; owned by the hub's host organisation ("A"). */
  events: string[];
  /** Attribute specs, each event gets one attribute per spec (plus INHERIT). */
  attributes: string[];
  /** Events owned by another organisation on the hub ("B" = B's organisation there, "X" = a local one). */
  extras?: Array<{ owner: string; event: string; attributes: string[] }>;
}

interface Matrix {
  eventIds: Map<string, string>;
  attributeIds: Map<string, string>;
  sgIds: Map<string, string>;
  labelOf: Map<string, string>;
  sgKeyOf: Map<string, string>;
  initial: Map<string, Copy>;
  /** Label of the ALL_COMMUNITIES event, which carries an exportable, a non-exportable and a local tag. */
  taggedEvent: string | null;
  tags: { exportable: string; nonExportable: string; local: string };
}

interface ScenarioContext {
  hub: FedHub;
  /** Name → organisation uuid (the same uuid on every hub); created on `hub` when needed. */
  org(name: string): Promise<string>;
  /** An author in that organisation on `hub`. */
  author(name: string): Promise<GraphqlClient>;
  /** Peer uuid on `hub` for a hub name (to list it in a sharing group). */
  peer(name: string): string;
}

async function buildMatrix(ctx: ScenarioContext, spec: MatrixSpec): Promise<Matrix> {
  const run = unique('m');
  const owner = await ctx.author('A');
  const sgIds = new Map<string, string>();
  for (const [key, def] of Object.entries(spec.sgs)) {
    const members = await Promise.all(def.orgs.filter((o) => o !== 'A').map((o) => ctx.org(o)));
    const sg = ok(await owner.request(CreateSharingGroupDocument, { input: { name: `${run} ${key}`, roaming: def.roaming, organisationIds: members } }))
      .createSharingGroup;
    if (!def.hubs.includes('A')) ok(await owner.request(RemoveSharingGroupThisHubDocument, { sharingGroupId: sg.id }));
    for (const h of def.hubs.filter((h) => h !== 'A')) {
      const res = ok(await owner.request(AddSharingGroupPeerDocument, { sharingGroupId: sg.id, peerId: ctx.peer(h) })).addSharingGroupPeer;
      assert.equal(res.thisHub, def.hubs.includes('A'));
    }
    sgIds.set(key, sg.id);
  }
  const dist = (s: string): { distribution: Distribution; sharingGroupId?: string } => {
    const e = elemOf(s);
    return e.sg ? { distribution: 'SHARING_GROUP', sharingGroupId: sgIds.get(e.sg)! } : { distribution: e.level };
  };
  const tags = {
    exportable: `${run}:exportable`.toLowerCase(),
    nonExportable: `${run}:not-exportable`.toLowerCase(),
    local: `${run}:local`.toLowerCase(),
  };
  ok(await ctx.hub.admin.request(CreateTagDocument, { input: { name: tags.nonExportable, exportable: false } }));

  const eventIds = new Map<string, string>();
  const attributeIds = new Map<string, string>();
  const initial = new Map<string, Copy>();
  let taggedEvent: string | null = null;
  const all = [
    ...spec.events.map((e) => ({ owner: 'A', event: e, attributes: spec.attributes, label: e })),
    ...(spec.extras ?? []).map((x) => ({ ...x, label: `${x.event}@${x.owner}` })),
  ];
  // Authors first (one per organisation), then the events side by side.
  for (const item of all) await ctx.author(item.owner);
  await Promise.all(
    all.map(async (item, ei) => {
      const client = await ctx.author(item.owner);
      const tagged = item.owner === 'A' && item.event === 'ALL';
      const e = ok(
        await client.request(CreateEventDocument, {
          input: { info: `${run} ${item.label}`, ...dist(item.event), tags: tagged ? [tags.exportable, tags.nonExportable] : [] },
        }),
      ).createEvent;
      const added = ok(
        await client.request(AddAttributesDocument, {
          eventId: e.id,
          attributes: item.attributes.map((a, ai) => ({ type: 'ip-dst', value: `10.${ei}.${ai}.1`, comment: `${item.label}/${a}`, ...dist(a) })),
        }),
      ).addAttributes;
      if (tagged) {
        ok(await client.request(TagEventDocument, { input: { id: e.id, tag: tags.local, local: true } }));
        taggedEvent = item.label;
      }
      ok(await client.request(PublishEventDocument, { id: e.id }));
      eventIds.set(item.label, e.id);
      const attributes = new Map<string, Elem>();
      item.attributes.forEach((a, ai) => {
        attributeIds.set(`${item.label}/${a}`, added[ai].id);
        attributes.set(`${item.label}/${a}`, elemOf(a));
      });
      initial.set(item.label, { owner: item.owner, creator: item.owner, event: elemOf(item.event), attributes });
    }),
  );
  const labelOf = new Map<string, string>([...[...eventIds].map(([l, id]) => [id, l] as const), ...[...attributeIds].map(([l, id]) => [id, l] as const)]);
  return { eventIds, attributeIds, sgIds, labelOf, sgKeyOf: new Map([...sgIds].map(([k, id]) => [id, k])), initial, taggedEvent, tags };
}

type Rendered = Record<string, { owner: string; creator: string; event: string; attributes: Record<string, string> }>;

const elemText = (e: Elem) => (e.sg ? `SHARING_GROUP:${e.sg}` : e.level);

function render(copies: Map<string, Copy>): Rendered {
  const out: Rendered = {};
  for (const label of [...copies.keys()].sort()) {
    const c = copies.get(label)!;
    out[label] = {
      owner: c.owner,
      creator: c.creator,
      event: elemText(c.event),
      attributes: Object.fromEntries([...c.attributes.keys()].sort().map((al) => [al, elemText(c.attributes.get(al)!)])),
    };
  }
  return out;
}

/** What a hub holds of the matrix, in the model's terms (labels, sharing-group keys, org names). */
function labelled(held: Map<string, HeldEvent>, m: Matrix, orgNames: Map<string, string>): Rendered {
  const sgText = (level: string, sg: string | null) => (sg ? `SHARING_GROUP:${m.sgKeyOf.get(sg) ?? `unknown ${sg}`}` : level);
  const out: Rendered = {};
  const entries = [...held].map(([id, e]) => [m.labelOf.get(id) ?? `unknown ${id}`, e] as const).sort(([a], [b]) => a.localeCompare(b));
  for (const [label, e] of entries) {
    out[label] = {
      owner: orgNames.get(e.ownerOrg) ?? e.ownerOrg,
      creator: orgNames.get(e.creatorOrg) ?? e.creatorOrg,
      event: sgText(e.distribution, e.sharingGroup),
      attributes: Object.fromEntries(
        [...e.attributes]
          .map(([id, a]) => [m.labelOf.get(id) ?? `unknown ${id}`, sgText(a.distribution, a.sharingGroup) + (a.deleted ? ' (deleted)' : '')] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  }
  return out;
}

async function assertHolds(hub: FedHub, m: Matrix, expected: Map<string, Copy>, orgNames: Map<string, string>, opts: { locked: boolean }) {
  const held = await holdings(hub, [...m.eventIds.values()]);
  assert.deepEqual(labelled(held, m, orgNames), render(expected), `hub ${hub.name} holds exactly what DESIGN §6 says`);
  for (const [id, e] of held) {
    assert.equal(e.locked, opts.locked, `${m.labelOf.get(id)} on ${hub.name}: locked`);
    assert.equal(e.published, true, `${m.labelOf.get(id)} on ${hub.name}: published`);
  }
  if (m.taggedEvent && held.has(m.eventIds.get(m.taggedEvent)!)) {
    const tags = held.get(m.eventIds.get(m.taggedEvent)!)!.tags;
    assert.deepEqual(tags, opts.locked ? [m.tags.exportable] : [m.tags.exportable, m.tags.local, m.tags.nonExportable].sort(), `tags on ${hub.name}`);
  }
}

async function contextFor(hub: FedHub, orgs: Record<string, { id: string; name: string }>, peers: Record<string, string> = {}): Promise<ScenarioContext> {
  const authors = new Map<string, GraphqlClient>();
  const orgIds = new Map<string, string>();
  const org = async (name: string) => {
    if (!orgIds.has(name)) {
      if (orgs[name]) orgIds.set(name, await ensureOrg(hub, orgs[name]));
      else {
        // A local organisation of this hub only.
        const o = await orgWithUser(hub, 'PUBLISHER');
        orgIds.set(name, o.orgId);
        authors.set(name, o.client);
        orgs[name] = { id: o.orgId, name: o.orgName };
      }
    }
    return orgIds.get(name)!;
  };
  return {
    hub,
    org,
    author: async (name) => {
      if (!authors.has(name)) {
        const orgId = await org(name);
        if (!authors.has(name)) authors.set(name, (await userIn(hub, orgId, name === 'A' ? 'ORG_ADMIN' : 'PUBLISHER')).client);
      }
      return authors.get(name)!;
    },
    peer: (name) => {
      assert.ok(peers[name], `no peer ${name} on ${hub.name}`);
      return peers[name];
    },
  };
}

const namesOf = (orgs: Record<string, { id: string }>) => new Map(Object.entries(orgs).map(([n, o]) => [o.id, n]));

// ---- small scenario helpers ------------------------------------------------------------------------

async function publishedEvent(
  client: GraphqlClient,
  info: string,
  attributes: Array<{ value: string; distribution?: Distribution }>,
  opts: { uuid?: string; distribution?: Distribution; sharingGroupId?: string } = {},
) {
  const e = ok(
    await client.request(CreateEventDocument, { input: { info, distribution: opts.distribution ?? 'ALL_COMMUNITIES', sharingGroupId: opts.sharingGroupId, uuid: opts.uuid } }),
  ).createEvent;
  const added = attributes.length
    ? ok(await client.request(AddAttributesDocument, { eventId: e.id, attributes: attributes.map((a) => ({ type: 'ip-dst', value: a.value, distribution: a.distribution ?? 'ALL_COMMUNITIES' })) })).addAttributes
    : [];
  ok(await client.request(PublishEventDocument, { id: e.id }));
  return { id: e.id, attributes: added.map((a) => a.id) };
}

async function eventOn(hub: FedHub, id: string) {
  const res = await hub.admin.request(EventDocument, { id, includeDeleted: true });
  if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return null;
  return ok(res).event;
}

/** The result of `p`, or a failure naming `what` after `ms` (a sync that never ends must not hang the suite). */
async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  p.catch(() => {}); // abandoned on timeout: its late failure is not this test's
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const SYNC_FAILED = /Peer http:\/\/127\.0\.0\.1:\d+\/graphql: /;

// ---- the suites ------------------------------------------------------------------------------------

/** The sharing groups of the chains (README "What travels", sync.rules semantics). */
const CHAIN_SGS: Record<string, SgDef> = {
  /** Roaming, B's organisation a member: reaches B, not C. */
  roamB: { roaming: true, orgs: ['A', 'B'], hubs: ['A'] },
  /** Roaming, B's and C's organisations members: reaches B and C. */
  roamBC: { roaming: true, orgs: ['A', 'B', 'C'], hubs: ['A'] },
  /** Lists only this hub (A), not roaming, B's organisation a member all the same: stays on A when pushed. */
  onlyA: { roaming: false, orgs: ['A', 'B'], hubs: ['A'] },
  /** Lists no hubs at all, B's organisation a member: reaches B. */
  noHubs: { roaming: false, orgs: ['A', 'B'], hubs: [] },
  /** Lists hub B only (addSharingGroupPeer), B's organisation not a member: pushed to B. */
  listsB: { roaming: false, orgs: ['A'], hubs: ['B'] },
};
const CHAIN_SPEC: MatrixSpec = {
  sgs: CHAIN_SGS,
  events: ['ORG', 'COMM', 'CONN', 'ALL', 'SG:roamB', 'SG:roamBC', 'SG:onlyA', 'SG:noHubs', 'SG:listsB'],
  attributes: ['ORG', 'COMM', 'CONN', 'ALL', 'SG:roamBC', 'SG:onlyA', 'SG:listsB', 'INHERIT'],
  // ORGANISATION_ONLY owned by B's organisation on A: pulled by B's sync user (same org), never pushed.
  extras: [{ owner: 'B', event: 'ORG', attributes: ['ORG', 'COMM', 'CONN', 'ALL', 'SG:roamBC', 'SG:onlyA', 'INHERIT'] }],
};

function federationSuite(database: TestDatabase, opts: { errors: boolean }) {
  describe(`federation: chain A→B→C by push (${database.name})`, () => {
    let A: FedHub, B: FedHub, C: FedHub;
    let ab: Link, bc: Link;
    let orgs: Record<string, { id: string; name: string }>;

    before(async () => {
      [A, B, C] = await startHubs(database, ['A', 'B', 'C']);
      ab = await link(A, B, { push: true });
      bc = await link(B, C, { push: true });
      orgs = { A: A.org, B: B.org, C: C.org };
    });
    after(async () => Promise.all([A, B, C].map((h) => h?.stop())));

    test('every distribution level ends where DESIGN §6 says, and the second run of each push is a no-op', async () => {
      const [ab0, bc0] = [await peerStatus(ab), await peerStatus(bc)];
      const m = await buildMatrix(await contextFor(A, orgs, { B: ab.peerId }), CHAIN_SPEC);
      await pushOk(ab);
      assertNoOp(await pushNow(ab), 'second push A→B', 1);
      await pushOk(bc);
      assertNoOp(await pushNow(bc), 'second push B→C', 1);

      const atB = pushModel(m.initial, CHAIN_SGS, { to: 'B', peerOrg: 'B', senderOrg: 'A', internal: false });
      const atC = pushModel(atB, CHAIN_SGS, { to: 'C', peerOrg: 'C', senderOrg: 'B', internal: false });
      // The model says what the issue spells out; make sure it does.
      assert.deepEqual([...atB.keys()].sort(), ['ALL', 'CONN', 'SG:listsB', 'SG:noHubs', 'SG:roamB', 'SG:roamBC']);
      assert.deepEqual([...atC.keys()].sort(), ['ALL', 'SG:roamBC']);
      const names = namesOf(orgs);
      await assertHolds(A, m, m.initial, names, { locked: false });
      await assertHolds(B, m, atB, names, { locked: true });
      await assertHolds(C, m, atC, names, { locked: true });

      // Status: every event that arrived was counted once, whoever ran the push (push-on-change included).
      const [ab1, bc1] = [await peerStatus(ab), await peerStatus(bc)];
      assert.equal(ab1.pushedCount - ab0.pushedCount, atB.size, 'pushedCount A→B');
      assert.equal(bc1.pushedCount - bc0.pushedCount, atC.size, 'pushedCount B→C');
      for (const s of [ab1, bc1]) {
        assert.equal(s.lastError, null);
        assert.equal(s.failures, 0);
        assert.ok(s.lastPushAt);
        assert.equal(s.hubUuid, s === ab1 ? B.hubId : C.hubId);
      }
      assert.equal(ab1.pushLag, 0, 'nothing left to push');
    });

    test('a sharing group travels with its data: same uuid, member organisations, listed hubs', async () => {
      const m = await buildMatrix(await contextFor(A, orgs, { B: ab.peerId }), { ...CHAIN_SPEC, events: ['SG:roamBC', 'SG:listsB'], attributes: ['ALL'], extras: [] });
      await pushOk(ab);
      await pushOk(bc);
      const detail = async (hub: FedHub, key: string) => ok(await hub.admin.request(SharingGroupDetailDocument, { id: m.sgIds.get(key)! })).sharingGroup;
      for (const hub of [B, C]) {
        const g = await detail(hub, 'roamBC');
        assert.equal(g.roaming, true);
        assert.equal(g.ownerOrg.id, A.org.id, `owner of the group on ${hub.name}`);
        assert.deepEqual(g.organisations.map((o) => o.organisation.id).sort(), [A.org.id, B.org.id, C.org.id].sort(), `members on ${hub.name}`);
        assert.equal(g.thisHub, false, `${hub.name} is not listed`);
        assert.deepEqual(g.peerHubs, [A.hubId], `hubs listed on ${hub.name}`);
      }
      const onB = await detail(B, 'listsB');
      assert.equal(onB.thisHub, true, 'a group listing B maps back to "this hub" on B');
      assert.deepEqual(onB.peerHubs, []);
    });

    test('a sharing group change travels with the next update of its data', async () => {
      const owner = (await userIn(A, A.org.id, 'ORG_ADMIN')).client;
      const cOnA = await ensureOrg(A, C.org);
      const sg = ok(await owner.request(CreateSharingGroupDocument, { input: { name: unique('growing'), roaming: true, organisationIds: [B.org.id] } }))
        .createSharingGroup.id;
      const e = await publishedEvent(owner, unique('in a growing group'), [{ value: '192.0.2.91' }], { distribution: 'SHARING_GROUP', sharingGroupId: sg });
      await pushOk(ab);
      await pushOk(bc);
      assert.ok(await eventOn(B, e.id), 'B\'s organisation is a member');
      assert.equal(await eventOn(C, e.id), null, 'C\'s organisation is not (yet) a member');
      ok(await owner.request(AddSharingGroupOrganisationDocument, { input: { sharingGroupId: sg, organisationId: cOnA } }));
      ok(await owner.request(UpdateEventDocument, { input: { id: e.id, info: 'shared with C too' } }));
      ok(await owner.request(PublishEventDocument, { id: e.id }));
      await pushOk(ab);
      await pushOk(bc);
      const members = ok(await B.admin.request(SharingGroupDetailDocument, { id: sg })).sharingGroup.organisations.map((o) => o.organisation.id);
      assert.ok(members.includes(C.org.id), 'the group\'s new member is known on B');
      assert.equal((await eventOn(C, e.id))?.info, 'shared with C too', 'and the data follows it to C');
    });

    test('newer wins, equal or older is ignored (per event and per attribute), a local event is never overwritten', async () => {
      await conflictScenario(A, B, ab, () => pushOk(ab));
    });

    test('only published events travel', async () => {
      await publishedOnlyScenario(A, B, () => pushOk(ab));
    });

    test('deletions propagate: attribute tombstones and event deletions, hop by hop', async () => {
      await deletionScenario(A, B, C, () => pushOk(ab), () => pushOk(bc), 'push');
    });

    test('push on publish runs in the background, hop by hop', async () => {
      const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
      const e = await publishedEvent(author, unique('background'), [{ value: '192.0.2.77' }]);
      await waitFor('the event on B', () => eventOn(B, e.id));
      await waitFor('the event on C', () => eventOn(C, e.id));
    });

    test('no echo: B pushing to A sends none of A\'s events back', async () => {
      const ba = await link(B, A); // push on demand only
      const own = await publishedEvent((await userIn(B, B.org.id, 'PUBLISHER')).client, unique('made on B'), [{ value: '198.51.100.9' }]);
      const ids = await allEventIds(A);
      const before = await holdings(A, ids);
      const { cursor } = await changesSince(A, '0');
      const r = await pushOk(ba);
      assert.equal(r.updated, 0, 'nothing of A\'s updated on A');
      assert.ok(await eventOn(A, own.id), 'B\'s own event reaches A');
      assert.deepEqual(await holdings(A, ids), before, 'A\'s events unchanged');
      const { rows } = await changesSince(A, cursor);
      assert.deepEqual([...new Set(rows.map((c) => c.eventId))], [own.id], 'the only changes on A are B\'s own event arriving');
      assertNoOp(await pushNow(ba), 'second push B→A', 1);
    });

    test('status: pushLag counts the changes a push has not covered yet', async () => {
      await pushOk(ab);
      assert.equal((await peerStatus(ab)).pushLag, 0, 'nothing left after a push');
      const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
      await publishedEvent(author, unique('lag'), []);
      assert.ok((await peerStatus(ab)).pushLag > 0, 'an unpushed event counts');
      await pushOk(ab);
      assert.equal((await peerStatus(ab)).pushLag, 0);
      // A change that is not about an event (a new sharing group) has nothing to push.
      const owner = (await userIn(A, A.org.id, 'ORG_ADMIN')).client;
      ok(await owner.request(CreateSharingGroupDocument, { input: { name: unique('lag') } }));
      await pushOk(ab);
      assert.equal((await peerStatus(ab)).pushLag, 0, 'lag after a push when the newest change is a sharing group');
    });
  });

  describe(`federation: chain A→B→C by pull (${database.name})`, () => {
    let A: FedHub, B: FedHub, C: FedHub;
    let ba: Link, cb: Link, ab: Link;
    let orgs: Record<string, { id: string; name: string }>;

    before(async () => {
      [A, B, C] = await startHubs(database, ['A', 'B', 'C']);
      ba = await link(B, A, { pull: true }); // B pulls from A
      cb = await link(C, B, { pull: true }); // C pulls from B
      ab = await link(A, B); // only to list B in a sharing group, and for the echo test
      orgs = { A: A.org, B: B.org, C: C.org };
    });
    after(async () => Promise.all([A, B, C].map((h) => h?.stop())));

    test('every distribution level ends where DESIGN §6 says, and the second run of each pull is one request', async () => {
      const [ba0, cb0] = [await peerStatus(ba), await peerStatus(cb)];
      const m = await buildMatrix(await contextFor(A, orgs, { B: ab.peerId }), CHAIN_SPEC);
      await pullOk(ba);
      const again = await pullNow(ba);
      assertNoOp(again, 'second pull B←A', PULL_NOOP_REQUESTS);
      assert.equal(again.requests, PULL_NOOP_REQUESTS, PULL_NOOP_WHY);
      await pullOk(cb);
      const again2 = await pullNow(cb);
      assertNoOp(again2, 'second pull C←B', PULL_NOOP_REQUESTS);
      assert.equal(again2.requests, PULL_NOOP_REQUESTS, PULL_NOOP_WHY);

      const atB = pullModel(m.initial, CHAIN_SGS, { syncOrg: 'B', peerOrg: 'A', internal: false });
      const atC = pullModel(atB, CHAIN_SGS, { syncOrg: 'C', peerOrg: 'B', internal: false });
      assert.equal(atB.get('ORG@B')?.event.level, 'ORGANISATION_ONLY', 'org-only data of the puller\'s own org is pulled and stays 0');
      assert.equal(atB.get('COMM')?.event.level, 'ORGANISATION_ONLY');
      assert.equal(atB.get('CONN')?.event.level, 'COMMUNITY_ONLY');
      assert.equal(atC.get('CONN')?.event.level, 'ORGANISATION_ONLY');
      assert.equal(atB.has('ORG'), false);
      const names = namesOf(orgs);
      await assertHolds(A, m, m.initial, names, { locked: false });
      await assertHolds(B, m, atB, names, { locked: true });
      await assertHolds(C, m, atC, names, { locked: true });
      const [ba1, cb1] = [await peerStatus(ba), await peerStatus(cb)];
      assert.equal(ba1.pulledCount - ba0.pulledCount, atB.size, 'pulledCount B←A');
      assert.equal(cb1.pulledCount - cb0.pulledCount, atC.size, 'pulledCount C←B');
      assert.ok(ba1.lastPullAt);
      assert.equal(ba1.lastError, null);
    });

    test('newer wins, equal or older is ignored (per event and per attribute), a local event is never overwritten', async () => {
      await conflictScenario(A, B, ab, () => pullOk(ba));
    });

    test('only published events travel', async () => {
      await publishedOnlyScenario(A, B, () => pullOk(ba));
    });

    test('deletions propagate: attribute tombstones and event deletions, hop by hop', async () => {
      await deletionScenario(A, B, C, () => pullOk(ba), () => pullOk(cb), 'pull');
    });

    test('no echo: A pulling from B fetches none of its own events back', async () => {
      const ids = await allEventIds(A);
      const before = await holdings(A, ids);
      const r = await pullOk(ab);
      assert.deepEqual([r.created, r.updated, r.deleted], [0, 0, 0]);
      assert.deepEqual(await holdings(A, ids), before, 'A unchanged');
      const again = await pullOk(ab);
      assert.equal(again.requests, PULL_NOOP_REQUESTS, PULL_NOOP_WHY);
    });

    test('a pull terminates when the newest changes on the source are not about events', async () => {
      // A sharing group (or an organisation) created after the last event change is at the tail of A's log.
      const owner = (await userIn(A, A.org.id, 'ORG_ADMIN')).client;
      ok(await owner.request(CreateSharingGroupDocument, { input: { name: unique('tail') } }));
      const r = await withTimeout(pullNow(ba), 5_000, 'pull B←A with a sharing-group change at the tail of A\'s log');
      assert.equal(r.error, null);
      const again = await withTimeout(pullNow(ba), 10_000, 'second pull');
      assert.equal(again.requests, PULL_NOOP_REQUESTS, PULL_NOOP_WHY);
    });
  });

  describe(`federation: internal peers, same organisation on both sides (${database.name})`, () => {
    let A: FedHub, A2: FedHub, A3: FedHub;
    let push: Link, pull: Link;
    const SGS: Record<string, SgDef> = {
      onlyA: { roaming: false, orgs: ['A'], hubs: ['A'] },
      noHubs: { roaming: false, orgs: ['A'], hubs: [] },
      roam: { roaming: true, orgs: ['A'], hubs: ['A'] },
    };
    const SPEC: MatrixSpec = {
      sgs: SGS,
      events: ['ORG', 'COMM', 'CONN', 'ALL', 'SG:onlyA', 'SG:noHubs', 'SG:roam'],
      attributes: ['ORG', 'COMM', 'CONN', 'ALL', 'SG:onlyA', 'SG:roam', 'INHERIT'],
      extras: [
        { owner: 'X', event: 'ORG', attributes: ['ORG', 'ALL'] },
        { owner: 'X', event: 'COMM', attributes: ['ORG', 'COMM', 'CONN', 'INHERIT'] },
      ],
    };

    before(async () => {
      [A, A2, A3] = await startHubs(database, ['A', 'A2', 'A3']);
      push = await link(A, A2, { internal: true }); // A pushes to A2
      pull = await link(A3, A, { internal: true, sharedOrg: A.org }); // A3 pulls from A
    });
    after(async () => Promise.all([A, A2, A3].map((h) => h?.stop())));

    test('push and pull skip the downgrade; org-only data of the shared organisation travels; groups still need admission', async () => {
      const orgs: Record<string, { id: string; name: string }> = { A: A.org };
      const m = await buildMatrix(await contextFor(A, orgs), SPEC);
      await pushOk(push);
      assertNoOp(await pushNow(push), 'second internal push', 1);
      await pullOk(pull);
      assertNoOp(await pullNow(pull), 'second internal pull', PULL_NOOP_REQUESTS);
      const atA2 = pushModel(m.initial, SGS, { to: 'A2', peerOrg: 'A', senderOrg: 'A', internal: true });
      const atA3 = pullModel(m.initial, SGS, { syncOrg: 'A', peerOrg: 'A', internal: true });
      assert.equal(atA2.get('CONN')?.event.level, 'CONNECTED_COMMUNITIES');
      assert.equal(atA2.get('ORG')?.event.level, 'ORGANISATION_ONLY');
      assert.equal(atA2.has('ORG@X'), false);
      assert.equal(atA2.has('SG:onlyA'), false);
      const names = namesOf(orgs);
      await assertHolds(A2, m, atA2, names, { locked: true });
      await assertHolds(A3, m, atA3, names, { locked: true });
    });
  });

  describe(`federation: interrupted syncs resume (${database.name})`, () => {
    let X: FedHub, Y: FedHub;
    let gateX: Awaited<ReturnType<typeof startGate>>, gateY: Awaited<ReturnType<typeof startGate>>;
    let xy: Link, yx: Link;

    before(async () => {
      // Small pages, so that a sync of a dozen events takes many requests.
      [X, Y] = await startHubs(database, ['X', 'Y'], { SYNC_PAGE_SIZE: '5' });
      [gateX, gateY] = await Promise.all([startGate(X.url), startGate(Y.url)]);
      xy = await link(X, Y, { url: gateY.url }); // X pushes to Y (on demand)
      yx = await link(Y, X, { url: gateX.url }); // Y pulls from X (on demand)
    });
    after(async () => {
      await Promise.all([gateX?.close(), gateY?.close()]);
      await Promise.all([X, Y].map((h) => h?.stop()));
    });

    const batch = async (n: number) => {
      const author = (await userIn(X, X.org.id, 'PUBLISHER')).client;
      return Promise.all(Array.from({ length: n }, (_, i) => publishedEvent(author, unique('batch'), [0, 1, 2].map((k) => ({ value: `10.9.${i}.${k}` })))));
    };
    /** Y holds exactly these events, each with exactly its attributes (nothing lost, nothing doubled). */
    const assertExactly = async (events: Array<{ id: string; attributes: string[] }>) => {
      const held = await holdings(Y, events.map((e) => e.id));
      assert.equal(held.size, events.length, 'every event arrived');
      for (const e of events) assert.deepEqual([...held.get(e.id)!.attributes.keys()].sort(), [...e.attributes].sort(), `attributes of ${e.id}`);
    };

    test('push: the receiver stops mid-push and restarts; the next push resumes with nothing lost or doubled', async () => {
      const events = await batch(12);
      const before = await peerStatus(xy);
      let n = 0;
      gateY.onRequest = async (_i, { query }) => {
        if (query.includes('pushEvents') && ++n === 3) await Y.halt();
      };
      const cut = await pushNow(xy);
      gateY.onRequest = null;
      assert.match(cut.error ?? '', SYNC_FAILED);
      assert.match(cut.error ?? '', /unreachable/);
      assert.ok(cut.created > 0, 'some events went through before the stop');
      const failed = await peerStatus(xy);
      assert.equal(failed.failures, 1);
      assert.equal(failed.lastError, cut.error);
      await Y.restart();
      const partial = await holdings(Y, events.map((e) => e.id));
      assert.ok(partial.size > 0 && partial.size < events.length, `Y holds ${partial.size} of ${events.length} after the stop`);
      await pushOk(xy);
      await assertExactly(events);
      const done = await peerStatus(xy);
      assert.equal(done.pushedCount - before.pushedCount, events.length, 'each event created once at Y');
      assert.deepEqual([done.failures, done.lastError, done.retryAfter], [0, null, null], 'status cleared by the successful run');
      assertNoOp(await pushNow(xy), 'push after the resumed push', 1);
    });

    test('push: an answer lost after the receiver applied a page; the page is sent again and skipped', async () => {
      const events = await batch(6);
      let n = 0;
      gateY.onRequest = (_i, { query }) => {
        gateY.mode = query.includes('pushEvents') && ++n === 2 ? 'lose-answer' : 'forward';
      };
      const cut = await pushNow(xy);
      gateY.onRequest = null;
      gateY.mode = 'forward';
      assert.match(cut.error ?? '', SYNC_FAILED);
      const resumed = await pushOk(xy);
      assert.ok(resumed.skipped > 0, 'the lost page was sent again and found already applied');
      await assertExactly(events);
      assertNoOp(await pushNow(xy), 'push after the resumed push', 1);
    });

    test('two runs of the same sync at once do not run side by side (one replica)', async () => {
      await batch(12);
      // Both at once, without the helpers' wait-for-the-lease: one must be refused or find nothing left.
      const twice = <T>(run: () => Promise<T>) => Promise.all([run(), run()]);
      const pushes = await twice(async () => ok(await X.admin.request(PushToPeerDocument, { id: xy.peerId })).pushToPeer);
      assert.ok(Math.min(...pushes.map((r) => r.requests)) <= 1, `two pushes ran side by side: ${JSON.stringify(pushes)}`);
      assert.deepEqual(pushes.map((r) => r.failed), [0, 0]);
      await batch(12);
      await pushOk(xy); // keep X's other tests independent of this one
      const pulls = await twice(async () => ok(await Y.admin.request(PullFromPeerDocument, { id: yx.peerId })).pullFromPeer);
      assert.ok(Math.min(...pulls.map((r) => r.requests)) <= 1, `two pulls ran side by side: ${JSON.stringify(pulls)}`);
    });

    test('pull: the source stops mid-pull and restarts; the next pull resumes with nothing lost or doubled', async () => {
      // Whatever X pushed before is already on Y: the pull skips it without fetching.
      await pullOk(yx);
      const events = await batch(12);
      const before = await peerStatus(yx);
      let n = 0;
      gateX.onRequest = async (_i, { query }) => {
        if (query.includes('syncEvents') && ++n === 3) await X.halt();
      };
      const cut = await pullNow(yx);
      gateX.onRequest = null;
      assert.match(cut.error ?? '', /unreachable/);
      assert.ok(cut.created > 0, 'some events came through before the stop');
      await X.restart();
      const partial = await holdings(Y, events.map((e) => e.id));
      assert.ok(partial.size > 0 && partial.size < events.length, `Y holds ${partial.size} of ${events.length} after the stop`);
      await pullOk(yx);
      await assertExactly(events);
      const done = await peerStatus(yx);
      assert.equal(done.pulledCount - before.pulledCount, events.length, 'each event created once at Y');
      const again = await pullNow(yx);
      assertNoOp(again, 'pull after the resumed pull', PULL_NOOP_REQUESTS);
      assert.equal(again.requests, PULL_NOOP_REQUESTS, PULL_NOOP_WHY);
    });
  });

  // Failing and misbehaving peers exercise the outbound HTTP client and the status bookkeeping, the same
  // on every database: once (SQLite) keeps the file within its time budget.
  if (!opts.errors) return;

  describe(`federation: a wrong key, a wrong protocol, garbage, an unreachable peer each give a clear status (${database.name})`, () => {
    let E: FedHub, T: FedHub;
    const servers: Array<{ close(): Promise<void> }> = [];

    before(async () => {
      [E, T] = await startHubs(database, ['E', 'T'], { PEER_TIMEOUT_MS: '1000' });
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all([E, T].map((h) => h?.stop()));
    });

    test('a wrong key: refused, recorded, backed off; fixed by a new key', async () => {
      const l = await link(E, T, { apiKey: `bogus-${randomUUID()}` });
      const r = await pushNow(l);
      assert.match(r.error ?? '', SYNC_FAILED);
      assert.match(r.error ?? '', /refused our API key/);
      let s = await peerStatus(l);
      assert.equal(s.lastError, r.error);
      assert.equal(s.failures, 1);
      assert.ok(s.retryAfter && Date.parse(s.retryAfter) > Date.now() + 20_000, `retryAfter ${s.retryAfter} ~30 s ahead`);
      const r2 = await pullNow(l);
      assert.match(r2.error ?? '', /refused our API key/);
      s = await peerStatus(l);
      assert.equal(s.failures, 2);
      assert.ok(s.retryAfter && Date.parse(s.retryAfter) > Date.now() + 50_000, `retryAfter ${s.retryAfter} ~60 s ahead (back-off doubles)`);
      const t = ok(await E.admin.request(TestPeerDocument, { id: l.peerId })).testPeer;
      assert.equal(t.ok, false);
      assert.match(t.error ?? '', /refused our API key/);
      ok(await E.admin.request(UpdatePeerDocument, { input: { id: l.peerId, apiKey: l.syncKey } }));
      await pushOk(l);
      s = await peerStatus(l);
      assert.deepEqual([s.failures, s.lastError, s.retryAfter], [0, null, null]);
    });

    test('a peer that is this hub itself', async () => {
      const l = await link(E, E);
      const r = await pushNow(l);
      assert.match(r.error ?? '', /this hub itself/);
      assert.equal((await peerStatus(l)).failures, 1);
      // And it stays refused: the next run must not take the peer for a valid one.
      const r2 = await withTimeout(pushNow(l), 10_000, 'second push to itself');
      assert.match(r2.error ?? '', /this hub itself/, 'second run');
      const s = await peerStatus(l);
      assert.equal(s.failures, 2);
      assert.equal(s.hubUuid, null, 'this hub is not recorded as the peer hub');
    });

    test('a peer repointed to another hub pulls that hub from its beginning', async () => {
      const T2 = await startHub(database, 'T2');
      try {
        const publisherOf = async (hub: FedHub) => (await userIn(hub, hub.org.id, 'PUBLISHER')).client;
        const l = await link(E, T, { pull: true });
        const second = await link(E, T2); // only for its sync key on T2
        const onT2 = await publishedEvent(await publisherOf(T2), unique('on T2'), [{ value: '192.0.2.222' }]);
        for (let i = 0; i < 3; i++) await publishedEvent(await publisherOf(T), unique('on T'), [{ value: `192.0.2.${i}` }]);
        await pullOk(l);
        ok(await E.admin.request(UpdatePeerDocument, { input: { id: l.peerId, url: T2.url, apiKey: second.syncKey } }));
        await pullOk(l);
        assert.equal((await peerStatus(l)).hubUuid, T2.hubId);
        assert.ok(await eventOn(E, onT2.id), 'the new hub\'s event is pulled (its cursor starts at 0, not where the old hub\'s ended)');
      } finally {
        await T2.stop();
      }
    });

    test('testPeer on a good link', async () => {
      const l = await link(E, T);
      const t = ok(await E.admin.request(TestPeerDocument, { id: l.peerId })).testPeer;
      assert.deepEqual(t, { ok: true, hubId: T.hubId, software: t.software, protocolVersion: '1.1', organisationName: T.org.name, error: null, httpStatus: 200, speaksProtocol: true });
      assert.match(t.software ?? '', /threatmesh/);
    });

    test('a key that is not a sync user\'s', async () => {
      const orgOnT = await ensureOrg(T, E.org);
      const publisher = await userIn(T, orgOnT, 'PUBLISHER');
      const l = await link(E, T, { apiKey: publisher.key });
      const r = await pullNow(l);
      assert.match(r.error ?? '', /SYNC_USER key is required/);
      assert.equal((await peerStatus(l)).failures, 1);
    });

    test('a peer speaking protocol 2.0 is refused at the handshake', async () => {
      const fake = await startFakePeer(() => ({
        body: JSON.stringify({
          data: {
            hubInfo: { id: randomUUID(), software: 'othermesh 9.0.0', protocolVersion: '2.0', organisation: { id: randomUUID(), name: 'Other' } },
            me: { id: randomUUID(), role: 'SYNC_USER', organisation: { id: randomUUID(), name: 'Other' } },
          },
        }),
      }));
      servers.push(fake);
      const l = await link(E, T, { url: fake.url });
      const r = await pullNow(l);
      assert.match(r.error ?? '', /speaks sync protocol 2\.0.*incompatible/);
      const r2 = await pushNow(l);
      assert.match(r2.error ?? '', /incompatible/);
      assert.equal(fake.requests, 2, 'nothing is asked after a refused handshake');
      const s = await peerStatus(l);
      assert.equal(s.failures, 2);
      assert.equal(s.hubUuid, null, 'an incompatible hub is not recorded as the peer');
      const t = ok(await E.admin.request(TestPeerDocument, { id: l.peerId })).testPeer;
      assert.equal(t.ok, false);
      assert.match(t.error ?? '', /2\.0/);
    });

    test('a peer answering garbage', async () => {
      const html = await startFakePeer(() => ({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }));
      servers.push(html);
      const l = await link(E, T, { url: html.url });
      const r = await pullNow(l);
      assert.match(r.error ?? '', SYNC_FAILED);
      assert.match(r.error ?? '', /HTTP 502 .*not GraphQL JSON/);
      assert.equal((await peerStatus(l)).lastError, r.error);
    });

    test('a peer answering JSON of the wrong shape', async () => {
      const odd = await startFakePeer(() => ({ body: JSON.stringify({ data: { hubInfo: null, me: null } }) }));
      servers.push(odd);
      const l = await link(E, T, { url: odd.url });
      const r = await pullNow(l);
      assert.ok(r.error, 'the run fails');
      assert.match(r.error ?? '', SYNC_FAILED, `the error names the peer: ${r.error}`);
    });

    test('an unreachable peer: clear error; nothing lost once it is back', async () => {
      const author = (await userIn(E, E.org.id, 'PUBLISHER')).client;
      const e = await publishedEvent(author, unique('while down'), [{ value: '203.0.113.50' }]);
      const l = await link(E, T, { url: await closedPortUrl() });
      const r = await pushNow(l);
      assert.match(r.error ?? '', SYNC_FAILED);
      assert.match(r.error ?? '', /unreachable \(ECONNREFUSED\)/);
      const s = await peerStatus(l);
      assert.equal(s.failures, 1);
      assert.ok(s.lastPushAt);
      // Another origin: the key is given again (it is never sent to an origin it was not given for).
      ok(await E.admin.request(UpdatePeerDocument, { input: { id: l.peerId, url: T.url, apiKey: l.syncKey } }));
      await pushOk(l);
      assert.ok(await eventOn(T, e.id), 'the event pushed once the peer is back');
    });

    test('a peer with a schedule syncs on its own', async () => {
      const l = await link(E, T, { pull: true });
      const e = await publishedEvent((await userIn(T, T.org.id, 'PUBLISHER')).client, unique('scheduled'), [{ value: '192.0.2.188' }]);
      ok(await E.admin.request(UpdatePeerDocument, { input: { id: l.peerId, schedule: '* * * * * *' } }));
      try {
        await waitFor('the scheduled pull', () => eventOn(E, e.id), 10_000);
        assert.ok((await peerStatus(l)).lastPullAt);
      } finally {
        ok(await E.admin.request(UpdatePeerDocument, { input: { id: l.peerId, schedule: '' } }));
      }
    });

    test('a peer that does not answer in time', async () => {
      const pending: Array<() => void> = [];
      const server = createServer((_req, res) => pending.push(() => res.end()));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      servers.push({
        close: () => {
          pending.forEach((f) => f());
          server.closeAllConnections();
          return new Promise<void>((r) => server.close(() => r()));
        },
      });
      const port = (server.address() as { port: number }).port;
      const l = await link(E, T, { url: `http://127.0.0.1:${port}/graphql` });
      const r = await pullNow(l);
      assert.match(r.error ?? '', /no answer within 1000 ms/);
    });

    // A handshake that passes, then an index that is garbage or never ends. Last in this suite: a pull
    // that never ends would keep running in the background until its peer goes away.
    const goodHandshake = () =>
      JSON.stringify({
        data: {
          hubInfo: { id: randomUUID(), software: 'othermesh 1.0.0', protocolVersion: '1.0', organisation: { id: randomUUID(), name: 'Other' } },
          me: { id: randomUUID(), role: 'SYNC_USER', organisation: { id: randomUUID(), name: 'Other' } },
        },
      });

    test('a peer whose index is garbage', async () => {
      const fake = await startFakePeer(({ query }) => ({
        body: query.includes('hubInfo') ? goodHandshake() : syncAnswer(query, { syncIndex: { cursor: 'x', hasMore: false, entries: 'nope' }, syncSightings: NO_SIGHTINGS })!.body,
      }));
      servers.push(fake);
      const l = await link(E, T, { url: fake.url });
      const r = await withTimeout(pullNow(l), 5_000, 'pull from a peer answering a garbage index');
      assert.ok(r.error, 'the run fails');
      assert.match(r.error ?? '', SYNC_FAILED, `the error names the peer: ${r.error}`);
    });

    test('a peer whose index never ends (hasMore, cursor never advances)', async () => {
      const fake = await startFakePeer(({ query }) => ({
        body: query.includes('hubInfo') ? goodHandshake() : syncAnswer(query, { syncIndex: { cursor: 'stuck', hasMore: true, entries: [] }, syncSightings: NO_SIGHTINGS })!.body,
      }));
      servers.push(fake);
      const l = await link(E, T, { url: fake.url });
      const r = await withTimeout(pullNow(l), 5_000, 'pull from a peer whose index never advances');
      assert.match(r.error ?? '', SYNC_FAILED);
      assert.ok(fake.requests < 100, `${fake.requests} requests`);
    });
  });
}

// ---- helpers of the conflict and deletion scenarios --------------------------------------------------

async function allEventIds(hub: FedHub): Promise<string[]> {
  const res = ok(await hub.admin.raw<{ events: { edges: Array<{ node: { id: string } }> } }>('{ events(first: 500) { edges { node { id } } } }'));
  return res.events.edges.map((e) => e.node.id);
}

interface ChangeRow {
  eventId: string | null;
  kind: string;
  op: string;
}

/** The change log of `hub` after a cursor ("0": all of it), as its site admin reads it, and the end cursor. */
async function changesSince(hub: FedHub, since: string): Promise<{ rows: ChangeRow[]; cursor: string }> {
  const rows: ChangeRow[] = [];
  let cursor = since;
  for (;;) {
    const page: { changes: { changes: ChangeRow[]; cursor: string; hasMore: boolean } } = ok(
      await hub.admin.raw('query($since: String) { changes(since: $since, first: 500) { changes { eventId kind op } cursor hasMore } }', { since: cursor }),
    );
    rows.push(...page.changes.changes);
    cursor = page.changes.cursor;
    if (!page.changes.hasMore) return { rows, cursor };
  }
}

/**
 * Newer wins / older ignored / local never overwritten, with `sync` moving data from A to B (a push
 * or a pull). Older and equal versions are handed to B over the protocol itself (`pushEvents` with the
 * key of A's sync user on B), as a lagging peer would.
 */
async function conflictScenario(A: FedHub, B: FedHub, ab: Link, sync: () => Promise<unknown>) {
  const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
  const e = await publishedEvent(author, 'v1', [{ value: '192.0.2.1' }, { value: '192.0.2.2' }]);
  await sync();
  assert.equal((await eventOn(B, e.id))?.info, 'v1');

  // A newer version (event and one attribute) replaces the copy; the untouched attribute stays as it was.
  ok(await author.request(UpdateEventDocument, { input: { id: e.id, info: 'v2' } }));
  ok(await author.request(UpdateAttributeDocument, { input: { id: e.attributes[0], value: '192.0.2.101' } }));
  ok(await author.request(PublishEventDocument, { id: e.id }));
  const onA = (await eventOn(A, e.id))!;
  const before = (await eventOn(B, e.id))!;
  await sync();
  const onB = (await eventOn(B, e.id))!;
  assert.equal(onB.info, 'v2');
  assert.equal(onB.timestamp, onA.timestamp, 'the copy carries the source timestamp');
  const valueOf = (ev: typeof onB, id: string) => ev.attributes.find((a) => a.id === id);
  assert.equal(valueOf(onB, e.attributes[0])?.value, '192.0.2.101');
  assert.equal(valueOf(onB, e.attributes[1])?.timestamp, valueOf(before, e.attributes[1])?.timestamp, 'the unchanged attribute is untouched');

  // Equal and older versions, handed over by A's sync user on B, are ignored.
  const syncUserOnA = (await userIn(A, await ensureOrg(A, B.org), 'SYNC_USER')).client;
  const [wire] = ok(await syncUserOnA.request(SyncEventsDocument, { ids: [e.id] })).syncEvents;
  const asInput = (w: typeof wire, over: Partial<SyncEventInput>): SyncEventInput => ({ ...(w as unknown as SyncEventInput), ...over });
  const peerOfB = B.client(ab.syncKey);
  const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  const send = async (ev: SyncEventInput) => ok(await peerOfB.request(PushEventsDocument, { hubId: A.hubId, events: [ev] })).pushEvents;
  // The same version, differently worded: equal timestamp, ignored.
  let r = await send(asInput(wire, { info: 'equal but different', distribution: 'ALL_COMMUNITIES', attributes: wire.attributes.map((a) => ({ ...a, distribution: 'ALL_COMMUNITIES' })) as SyncEventInput['attributes'] }));
  assert.deepEqual([r.created, r.updated, r.skipped], [0, 0, 1], 'equal timestamp: ignored');
  // An older version: ignored.
  r = await send(asInput(wire, { info: 'older', timestamp: shift(wire.timestamp, -60_000), attributes: [] }));
  assert.deepEqual([r.updated, r.skipped], [0, 1], 'older timestamp: ignored');
  // A newer event carrying an older attribute: the event changes, the attribute does not.
  r = await send(
    asInput(wire, {
      info: 'v2 (newer)',
      timestamp: shift(wire.timestamp, 1),
      attributes: [{ ...(wire.attributes.find((a) => a.id === e.attributes[0]) as unknown as SyncEventInput['attributes'][number]), value: '192.0.2.201', timestamp: shift(wire.timestamp, -60_000) }],
    }),
  );
  assert.equal(r.updated, 1);
  const after1 = (await eventOn(B, e.id))!;
  assert.equal(after1.info, 'v2 (newer)');
  assert.equal(valueOf(after1, e.attributes[0])?.value, '192.0.2.101', 'older attribute ignored inside a newer event');

  // A locally created event is never overwritten by a peer, whatever its timestamp.
  const uuid = randomUUID();
  const bAuthor = (await userIn(B, B.org.id, 'PUBLISHER')).client;
  await publishedEvent(bAuthor, 'made on B', [{ value: '198.51.100.1' }], { uuid });
  await publishedEvent(author, 'made on A with the same uuid', [{ value: '198.51.100.2' }], { uuid });
  await sync();
  const local = (await eventOn(B, uuid))!;
  assert.equal(local.info, 'made on B');
  assert.equal(local.locked, false);
  assert.equal(local.ownerOrg.id, B.org.id);
  assert.deepEqual(local.attributes.map((a) => a.value), ['198.51.100.1']);
}

/** An unpublished event stays home; once published it travels; an unpublished later change does not. */
async function publishedOnlyScenario(A: FedHub, B: FedHub, sync: () => Promise<unknown>) {
  const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
  const e = ok(await author.request(CreateEventDocument, { input: { info: 'draft', distribution: 'ALL_COMMUNITIES' } })).createEvent;
  ok(await author.request(AddAttributesDocument, { eventId: e.id, attributes: [{ type: 'domain', value: `${unique('draft')}.example` }] }));
  await sync();
  assert.equal(await eventOn(B, e.id), null, 'an unpublished event does not travel');
  ok(await author.request(PublishEventDocument, { id: e.id }));
  await sync();
  assert.equal((await eventOn(B, e.id))?.info, 'draft');
  ok(await author.request(UpdateEventDocument, { input: { id: e.id, info: 'draft 2 (unpublished)' } }));
  await sync();
  assert.equal((await eventOn(B, e.id))?.info, 'draft', 'an unpublished change does not travel');
}

/** Attribute and event deletions on A reach B and then C; each sync runs twice (the second a no-op). */
async function deletionScenario(A: FedHub, B: FedHub, C: FedHub, ab: () => Promise<SyncOutcome>, bc: () => Promise<SyncOutcome>, how: 'push' | 'pull') {
  const author = (await userIn(A, A.org.id, 'PUBLISHER')).client;
  const e = await publishedEvent(author, unique('to delete'), [{ value: '192.0.2.61' }, { value: '192.0.2.62' }]);
  const both = async () => {
    const r1 = await ab();
    assertNoOp(await ab(), `second ${how} A→B`, how === 'pull' ? PULL_NOOP_REQUESTS : 1);
    const r2 = await bc();
    assertNoOp(await bc(), `second ${how} B→C`, how === 'pull' ? PULL_NOOP_REQUESTS : 1);
    return [r1, r2];
  };
  await both();
  for (const hub of [B, C]) assert.ok(await eventOn(hub, e.id), `event on ${hub.name}`);

  ok(await author.request(DeleteAttributeDocument, { id: e.attributes[0] }));
  ok(await author.request(PublishEventDocument, { id: e.id }));
  await both();
  for (const hub of [B, C]) {
    const ev = (await eventOn(hub, e.id))!;
    const state = Object.fromEntries(ev.attributes.map((a) => [a.id, a.deleted]));
    assert.deepEqual(state, { [e.attributes[0]]: true, [e.attributes[1]]: false }, `tombstone on ${hub.name}`);
    // Hidden unless asked for.
    const plain = ok(await hub.admin.request(EventDocument, { id: e.id, includeDeleted: false })).event!;
    assert.deepEqual(plain.attributes.map((a) => a.id), [e.attributes[1]], `tombstone hidden on ${hub.name} by default`);
  }

  ok(await author.request(DeleteEventDocument, { id: e.id }));
  const [r1, r2] = await both();
  // The explicit run applies the deletion — unless, on push, the sender's own push on change (debounced,
  // in the background: A's for A→B, B's for B→C) got there first, e.g. one the publish above started that
  // was still running when the deletion committed; then it finds nothing left to do. Either way the event
  // is gone on B and C (below), and a run that reports the deletion reports it once.
  if (how === 'pull' || r1.deleted !== 0) assert.equal(r1.deleted, 1, `${how} A→B applied the event deletion`);
  if (how === 'pull' || r2.deleted !== 0) assert.equal(r2.deleted, 1, `${how} B→C applied the event deletion`);
  for (const hub of [B, C]) assert.equal(await eventOn(hub, e.id), null, `event gone on ${hub.name}`);
}

// ---- run ---------------------------------------------------------------------------------------------

for (const database of testDatabases()) {
  federationSuite(database, { errors: database.name === 'sqlite' });
}

