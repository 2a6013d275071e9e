import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Distribution as D } from '../../src/shared/enums';
import { mergeAttributes } from '../../src/modules/misp-import/attribute-merge';
import { syncEventDecision } from '../../src/auth/policy';
import {
  downgradeOnPull,
  PeerLink,
  prepareForPush,
  sharingGroupAdmitsPeer,
  SyncAttribute,
  SyncEvent,
  SyncSharingGroup,
  SyncTag,
} from '../../src/modules/peer/sync.rules';
import { EMPTY_SYNC_RULES, parseSyncRules, passesSyncRules } from '../../src/modules/peer/sync-filter-rules';

// Three hubs A → B → C; these tests run on A ("this hub").
const HUB_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const HUB_C = 'cccccccc-0000-4000-8000-00000000000c';
const ORG_A = 'aaaaaaaa-1111-4111-8111-00000000000a';
const ORG_B = 'bbbbbbbb-1111-4111-8111-00000000000b';
const ORG_C = 'cccccccc-1111-4111-8111-00000000000c';

const PEER_B: PeerLink = { peerHubUuid: HUB_B, peerOrgUuid: ORG_B, internal: false };
const PEER_C: PeerLink = { peerHubUuid: HUB_C, peerOrgUuid: ORG_C, internal: false };
/** An internal peer: a second hub of A's own organisation. */
const PEER_A2: PeerLink = { peerHubUuid: 'a2a2a2a2-0000-4000-8000-0000000000a2', peerOrgUuid: ORG_A, internal: true };

const sg = (over: Partial<SyncSharingGroup> = {}): SyncSharingGroup => ({
  uuid: 'sg-uuid',
  name: 'group',
  roaming: false,
  memberOrgUuids: [ORG_A],
  thisHubListed: true,
  listedPeerUuids: [],
  ...over,
});
/** Lists B as a member instance (and this hub). */
const SG_LISTS_B = sg({ uuid: 'sg-lists-b', listedPeerUuids: [HUB_B] });
/** Roaming, B's org a member; lists only this hub. */
const SG_ROAMING_B = sg({ uuid: 'sg-roaming-b', roaming: true, memberOrgUuids: [ORG_A, ORG_B] });
/** Lists only this hub (A), not roaming, B's org a member all the same. */
const SG_ONLY_A = sg({ uuid: 'sg-only-a', memberOrgUuids: [ORG_A, ORG_B] });
/** Lists no hubs at all, B's org a member. */
const SG_NO_HUBS = sg({ uuid: 'sg-no-hubs', thisHubListed: false, memberOrgUuids: [ORG_A, ORG_B] });

const tag = (name: string, local = false, exportable = true): SyncTag => ({ name, local, exportable });

type TestAttribute = SyncAttribute & { value: string };
const attr = (uuid: string, distribution: D, over: Partial<SyncAttribute> = {}): TestAttribute => ({
  uuid,
  distribution,
  sharingGroup: distribution === D.SHARING_GROUP ? SG_LISTS_B : null,
  timestamp: 100,
  deleted: false,
  tags: [],
  value: `value-${uuid}`,
  ...over,
});

const event = (distribution: D, over: Partial<SyncEvent<TestAttribute>> = {}): SyncEvent<TestAttribute> & { info: string } => ({
  uuid: 'ev-uuid',
  distribution,
  sharingGroup: distribution === D.SHARING_GROUP ? SG_LISTS_B : null,
  published: true,
  timestamp: 100,
  creatorOrgUuid: ORG_A,
  ownerOrgUuid: ORG_A,
  tags: [],
  attributes: [],
  info: 'an event',
  ...over,
});

const NAMES: Record<number, string> = { 0: 'ORG', 1: 'COMM', 2: 'CONN', 3: 'ALL', 4: 'SG', 5: 'INHERIT' };
const levelOf = (e: SyncEvent | null): D | null => (e === null ? null : e.distribution);

describe('sharing group admits peer', () => {
  // [case, group, peer, admitted]
  const table: Array<[string, SyncSharingGroup, PeerLink, boolean]> = [
    ['lists B: B admitted', SG_LISTS_B, PEER_B, true],
    ['lists B: C not admitted', SG_LISTS_B, PEER_C, false],
    ['lists B without B org as member: still admitted', sg({ memberOrgUuids: [ORG_A], listedPeerUuids: [HUB_B] }), PEER_B, true],
    ['roaming, B org member: B admitted', SG_ROAMING_B, PEER_B, true],
    ['roaming, C org not member: C not admitted', SG_ROAMING_B, PEER_C, false],
    ['roaming, lists C only, B org member: B admitted', sg({ roaming: true, memberOrgUuids: [ORG_B], listedPeerUuids: [HUB_C] }), PEER_B, true],
    ['lists only A, not roaming, B org member: B not admitted', SG_ONLY_A, PEER_B, false],
    ['lists only C, not roaming, B org member: B not admitted', sg({ thisHubListed: false, memberOrgUuids: [ORG_B], listedPeerUuids: [HUB_C] }), PEER_B, false],
    ['lists no hubs, B org member: B admitted', SG_NO_HUBS, PEER_B, true],
    ['lists no hubs, C org not member: C not admitted', SG_NO_HUBS, PEER_C, false],
    ['uuids compared case-insensitively', sg({ listedPeerUuids: [HUB_B.toUpperCase()] }), PEER_B, true],
    ['org uuid compared case-insensitively', sg({ thisHubListed: false, memberOrgUuids: [ORG_B.toUpperCase()] }), PEER_B, true],
  ];
  for (const [name, group, peer, expected] of table)
    test(name, () => assert.equal(sharingGroupAdmitsPeer(group, peer), expected));
});

describe('push: DESIGN §6 table, events', () => {
  // [event level, its sharing group, peer, expected level on arrival or null = never pushed]
  const table: Array<[D, SyncSharingGroup | null, PeerLink, D | null]> = [
    [D.ORGANISATION_ONLY, null, PEER_B, null],
    [D.COMMUNITY_ONLY, null, PEER_B, null],
    [D.CONNECTED_COMMUNITIES, null, PEER_B, D.COMMUNITY_ONLY],
    [D.ALL_COMMUNITIES, null, PEER_B, D.ALL_COMMUNITIES],
    [D.SHARING_GROUP, SG_LISTS_B, PEER_B, D.SHARING_GROUP],
    [D.SHARING_GROUP, SG_LISTS_B, PEER_C, null],
    [D.SHARING_GROUP, SG_ROAMING_B, PEER_B, D.SHARING_GROUP],
    [D.SHARING_GROUP, SG_ONLY_A, PEER_B, null],
    [D.SHARING_GROUP, SG_NO_HUBS, PEER_B, D.SHARING_GROUP],
    [D.SHARING_GROUP, null, PEER_B, null], // malformed: fail closed
    [D.INHERIT_EVENT, null, PEER_B, null], // not an event level: fail closed
  ];
  for (const [level, group, peer, expected] of table) {
    test(`${NAMES[level]}${group ? ` (${group.uuid})` : ''} to ${peer === PEER_B ? 'B' : 'C'} → ${expected === null ? 'never' : NAMES[expected]}`, () => {
      const out = prepareForPush(event(level, { sharingGroup: group }), peer);
      assert.equal(levelOf(out), expected);
      if (out) assert.equal(out.sharingGroup, expected === D.SHARING_GROUP ? group : null);
    });
  }
});

describe('push: DESIGN §6 table, attributes inside an event', () => {
  // [attribute level, its sharing group, expected level on arrival at B or null = removed]
  const table: Array<[D, SyncSharingGroup | null, D | null]> = [
    [D.ORGANISATION_ONLY, null, null],
    [D.COMMUNITY_ONLY, null, null],
    [D.CONNECTED_COMMUNITIES, null, D.COMMUNITY_ONLY],
    [D.ALL_COMMUNITIES, null, D.ALL_COMMUNITIES],
    [D.SHARING_GROUP, SG_LISTS_B, D.SHARING_GROUP],
    [D.SHARING_GROUP, SG_ROAMING_B, D.SHARING_GROUP],
    [D.SHARING_GROUP, SG_NO_HUBS, D.SHARING_GROUP],
    [D.SHARING_GROUP, SG_ONLY_A, null],
    [D.SHARING_GROUP, sg({ listedPeerUuids: [HUB_C] }), null],
    [D.INHERIT_EVENT, null, D.INHERIT_EVENT],
  ];
  for (const eventLevel of [D.CONNECTED_COMMUNITIES, D.ALL_COMMUNITIES, D.SHARING_GROUP]) {
    test(`in a ${NAMES[eventLevel]} event, every attribute level`, () => {
      const attributes = table.map(([level, group], i) => attr(`a${i}`, level, { sharingGroup: group }));
      const out = prepareForPush(event(eventLevel, { attributes }), PEER_B);
      assert.ok(out);
      const arrived = new Map(out.attributes.map((a) => [a.uuid, a]));
      table.forEach(([level, group, expected], i) => {
        const a = arrived.get(`a${i}`);
        assert.equal(a ? a.distribution : null, expected, `attribute ${NAMES[level]} ${group?.uuid ?? ''}`);
        if (a) {
          assert.equal(a.sharingGroup, expected === D.SHARING_GROUP ? group : null);
          assert.equal(a.value, `value-a${i}`, 'other fields pass through');
        }
      });
    });
  }

  test('an event that may not travel takes none of its attributes', () => {
    const attributes = [attr('x', D.ALL_COMMUNITIES)];
    assert.equal(prepareForPush(event(D.COMMUNITY_ONLY, { attributes }), PEER_B), null);
    assert.equal(prepareForPush(event(D.SHARING_GROUP, { sharingGroup: SG_LISTS_B, attributes }), PEER_C), null);
  });
});

describe('push to an internal peer (same organisation): no downgrade', () => {
  // [element level, expected for an event owned by the peer org, expected for an event owned by another org]
  const table: Array<[D, SyncSharingGroup | null, D | null, D | null]> = [
    [D.ORGANISATION_ONLY, null, D.ORGANISATION_ONLY, null],
    [D.COMMUNITY_ONLY, null, D.COMMUNITY_ONLY, D.COMMUNITY_ONLY],
    [D.CONNECTED_COMMUNITIES, null, D.CONNECTED_COMMUNITIES, D.CONNECTED_COMMUNITIES],
    [D.ALL_COMMUNITIES, null, D.ALL_COMMUNITIES, D.ALL_COMMUNITIES],
    [D.SHARING_GROUP, SG_LISTS_B, null, null], // internal skips the downgrade, not the group's admission
    [D.SHARING_GROUP, sg({ thisHubListed: false, memberOrgUuids: [ORG_A] }), D.SHARING_GROUP, D.SHARING_GROUP],
  ];
  for (const [level, group, ownedByPeerOrg, ownedByOther] of table) {
    test(`event ${NAMES[level]}${group ? ` (${group.uuid})` : ''}`, () => {
      assert.equal(levelOf(prepareForPush(event(level, { sharingGroup: group, ownerOrgUuid: ORG_A }), PEER_A2)), ownedByPeerOrg);
      assert.equal(levelOf(prepareForPush(event(level, { sharingGroup: group, ownerOrgUuid: ORG_C }), PEER_A2)), ownedByOther);
    });
    test(`attribute ${NAMES[level]}${group ? ` (${group.uuid})` : ''}`, () => {
      for (const [owner, expected] of [[ORG_A, ownedByPeerOrg], [ORG_C, ownedByOther]] as const) {
        const out = prepareForPush(
          event(D.ALL_COMMUNITIES, { ownerOrgUuid: owner, attributes: [attr('x', level, { sharingGroup: group })] }),
          PEER_A2,
        );
        assert.ok(out);
        assert.equal(out.attributes[0]?.distribution ?? null, expected, `owner ${owner}`);
      }
    });
  }
  test('INHERIT_EVENT attributes unchanged', () => {
    const out = prepareForPush(event(D.COMMUNITY_ONLY, { attributes: [attr('x', D.INHERIT_EVENT)] }), PEER_A2);
    assert.deepEqual(out?.attributes.map((a) => a.distribution), [D.INHERIT_EVENT]);
  });
});

describe('pull: DESIGN §6 table, downgrade on receipt', () => {
  // [level as sent, level kept after a pull from a normal peer, from an internal peer]
  const table: Array<[D, D, D]> = [
    [D.ORGANISATION_ONLY, D.ORGANISATION_ONLY, D.ORGANISATION_ONLY],
    [D.COMMUNITY_ONLY, D.ORGANISATION_ONLY, D.COMMUNITY_ONLY],
    [D.CONNECTED_COMMUNITIES, D.COMMUNITY_ONLY, D.CONNECTED_COMMUNITIES],
    [D.ALL_COMMUNITIES, D.ALL_COMMUNITIES, D.ALL_COMMUNITIES],
    [D.SHARING_GROUP, D.SHARING_GROUP, D.SHARING_GROUP],
  ];
  for (const [sent, normal, internal] of table) {
    test(`event ${NAMES[sent]} → ${NAMES[normal]} (internal: ${NAMES[internal]})`, () => {
      assert.equal(downgradeOnPull(event(sent), { internal: false }).distribution, normal);
      assert.equal(downgradeOnPull(event(sent), { internal: true }).distribution, internal);
    });
  }
  test('attributes of every level, including INHERIT_EVENT', () => {
    const rows: Array<[D, D, D]> = [...table, [D.INHERIT_EVENT, D.INHERIT_EVENT, D.INHERIT_EVENT]];
    const e = event(D.ALL_COMMUNITIES, { attributes: rows.map(([level], i) => attr(`a${i}`, level)) });
    const normal = downgradeOnPull(e, { internal: false });
    const internal = downgradeOnPull(e, { internal: true });
    assert.deepEqual(normal.attributes.map((a) => a.distribution), rows.map((r) => r[1]));
    assert.deepEqual(internal.attributes.map((a) => a.distribution), rows.map((r) => r[2]));
    assert.equal(normal.attributes.length, rows.length, 'nothing dropped on receipt');
    assert.equal(normal.attributes[0]?.value, 'value-a0');
  });
  test('chain A → B → C: CONNECTED stops after one hop either way', () => {
    // push A→B, then B pushes on to C
    const atB = prepareForPush(event(D.CONNECTED_COMMUNITIES), PEER_B);
    assert.equal(atB?.distribution, D.COMMUNITY_ONLY);
    assert.equal(prepareForPush(atB!, PEER_C), null);
    // pull B←A, then C←B: C's sync user sees B's COMMUNITY_ONLY copy, which arrives as ORGANISATION_ONLY
    const pulledByB = downgradeOnPull(event(D.CONNECTED_COMMUNITIES), { internal: false });
    assert.equal(pulledByB.distribution, D.COMMUNITY_ONLY);
    assert.equal(downgradeOnPull(pulledByB, { internal: false }).distribution, D.ORGANISATION_ONLY);
  });
});

describe('only published events travel', () => {
  for (const level of [D.ORGANISATION_ONLY, D.COMMUNITY_ONLY, D.CONNECTED_COMMUNITIES, D.ALL_COMMUNITIES, D.SHARING_GROUP]) {
    test(`unpublished ${NAMES[level]}`, () => {
      for (const peer of [PEER_B, PEER_C, PEER_A2])
        assert.equal(prepareForPush(event(level, { published: false }), peer), null);
    });
  }
});

describe('tags: local and non-exportable never leave', () => {
  const tags = [tag('tlp:green'), tag('local-note', true), tag('internal-only', false, false), tag('both', true, false)];
  test('on push, from the event and every attribute', () => {
    const out = prepareForPush(event(D.ALL_COMMUNITIES, { tags, attributes: [attr('x', D.ALL_COMMUNITIES, { tags })] }), PEER_B);
    assert.deepEqual(out?.tags.map((t) => t.name), ['tlp:green']);
    assert.deepEqual(out?.attributes[0]?.tags.map((t) => t.name), ['tlp:green']);
  });
  test('also to an internal peer', () => {
    const out = prepareForPush(event(D.ALL_COMMUNITIES, { tags }), PEER_A2);
    assert.deepEqual(out?.tags.map((t) => t.name), ['tlp:green']);
  });
  test('on pull, whatever the sender exposed', () => {
    const out = downgradeOnPull(event(D.ALL_COMMUNITIES, { tags, attributes: [attr('x', D.ALL_COMMUNITIES, { tags })] }), { internal: false });
    assert.deepEqual(out.tags.map((t) => t.name), ['tlp:green']);
    assert.deepEqual(out.attributes[0]?.tags.map((t) => t.name), ['tlp:green']);
  });
});

describe('tombstones', () => {
  test('deleted attributes travel as tombstones, by the same distribution rules', () => {
    const out = prepareForPush(
      event(D.ALL_COMMUNITIES, {
        attributes: [
          attr('gone', D.ALL_COMMUNITIES, { deleted: true }),
          attr('gone-conn', D.CONNECTED_COMMUNITIES, { deleted: true }),
          attr('gone-private', D.ORGANISATION_ONLY, { deleted: true }),
          attr('live', D.ALL_COMMUNITIES),
        ],
      }),
      PEER_B,
    );
    assert.deepEqual(
      out?.attributes.map((a) => [a.uuid, a.deleted, a.distribution]),
      [
        ['gone', true, D.ALL_COMMUNITIES],
        ['gone-conn', true, D.COMMUNITY_ONLY],
        ['live', false, D.ALL_COMMUNITIES],
      ],
    );
  });
  test('an event tombstone travels (even unpublished) where the event could, with no content', () => {
    const dead = event(D.ALL_COMMUNITIES, { deleted: true, published: false, tags: [tag('x')], attributes: [attr('a', D.ALL_COMMUNITIES)] });
    const out = prepareForPush(dead, PEER_B);
    assert.equal(out?.deleted, true);
    assert.deepEqual([out?.tags, out?.attributes], [[], []]);
    assert.equal(prepareForPush(event(D.ORGANISATION_ONLY, { deleted: true }), PEER_B), null);
    assert.equal(prepareForPush(event(D.SHARING_GROUP, { deleted: true, sharingGroup: SG_LISTS_B }), PEER_C), null);
  });
});

describe('push copies, never mutates', () => {
  test('input unchanged; unknown fields pass through', () => {
    const input = event(D.CONNECTED_COMMUNITIES, {
      tags: [tag('a'), tag('l', true)],
      attributes: [attr('x', D.CONNECTED_COMMUNITIES, { tags: [tag('l', true)] }), attr('y', D.ORGANISATION_ONLY)],
    });
    const before = structuredClone(input);
    const out = prepareForPush(input, PEER_B);
    assert.deepEqual(input, before);
    assert.equal(out?.info, 'an event');
    const pulled = downgradeOnPull(input, { internal: false });
    assert.deepEqual(input, before);
    assert.equal(pulled.info, 'an event');
  });
});

describe('receiving: newer wins', () => {
  // The receiving decision is policy.syncEventDecision (the sync-write rules); here its newer-wins part,
  // for the sender's own copy (org 1) and for an event created on this hub. [existing, incoming, applied]
  const table: Array<[{ timestamp: number; locallyCreated: boolean } | null, number, 'CREATE' | 'UPDATE' | 'not applied']> = [
    [null, 100, 'CREATE'],
    [{ timestamp: 100, locallyCreated: false }, 101, 'UPDATE'],
    [{ timestamp: 100, locallyCreated: false }, 100, 'not applied'],
    [{ timestamp: 100, locallyCreated: false }, 99, 'not applied'],
    [{ timestamp: 100, locallyCreated: true }, 101, 'not applied'],
    [{ timestamp: 100, locallyCreated: true }, 99, 'not applied'],
    [{ timestamp: 100.5, locallyCreated: false }, 100.75, 'UPDATE'], // finer than seconds
  ];
  for (const [existing, ts, expected] of table)
    test(`${JSON.stringify(existing)} ← ${ts}: ${expected}`, () => {
      const stored = existing && { ownerOrgId: 1, locked: !existing.locallyCreated, timestamp: existing.timestamp };
      const d = syncEventDecision({ orgId: 1 }, stored, { timestamp: ts, deleted: false });
      assert.equal(d.kind === 'CREATE' || d.kind === 'UPDATE' ? d.kind : 'not applied', expected);
    });

  test('per attribute', () => {
    const plan = mergeAttributes(
      [
        { uuid: 'same', timestamp: 10 },
        { uuid: 'older', timestamp: 10 },
        { uuid: 'newer', timestamp: 10 },
        { uuid: 'UPPER', timestamp: 10 },
        { uuid: 'untouched', timestamp: 10 },
      ],
      [
        { uuid: 'same', timestamp: 10 },
        { uuid: 'older', timestamp: 9 },
        { uuid: 'newer', timestamp: 11 },
        { uuid: 'upper', timestamp: 11 },
        { uuid: 'new', timestamp: 1 },
        { uuid: 'twice', timestamp: 1 },
        { uuid: 'twice', timestamp: 2 },
      ],
    );
    assert.deepEqual(plan, { create: ['new', 'twice'], update: ['newer', 'upper'], ignore: ['same', 'older'] });
  });
  test('merging the same data twice: second time all ignored', () => {
    const data = [{ uuid: 'a', timestamp: 5 }, { uuid: 'b', timestamp: 6 }];
    assert.deepEqual(mergeAttributes(data, data), { create: [], update: [], ignore: ['a', 'b'] });
  });
});

describe('push/pull rules', () => {
  const ev = { tags: ['TLP:GREEN', 'osint'], creatorOrgUuid: ORG_A, creatorOrgName: 'CIRCL' };
  // [rules, passes]
  const table: Array<[unknown, boolean]> = [
    [null, true],
    [{}, true],
    [{ tags: { OR: ['tlp:green'] } }, true],
    [{ tags: { OR: ['tlp:red', 'OSINT'] } }, true],
    [{ tags: { OR: ['tlp:red'] } }, false],
    [{ tags: { NOT: ['tlp:green'] } }, false],
    [{ tags: { NOT: ['tlp:red'] } }, true],
    [{ tags: { OR: ['osint'], NOT: ['tlp:green'] } }, false], // NOT wins
    [{ orgs: { OR: [ORG_A] } }, true],
    [{ orgs: { OR: [ORG_A.toUpperCase()] } }, true],
    [{ orgs: { OR: ['circl'] } }, true],
    [{ orgs: { OR: [ORG_B] } }, false],
    [{ orgs: { NOT: ['CIRCL'] } }, false],
    [{ orgs: { NOT: [ORG_B] } }, true],
    [{ tags: { OR: ['osint'] }, orgs: { OR: [ORG_B] } }, false], // both must pass
    [{ tags: { OR: ['osint'] }, orgs: { OR: [ORG_A] } }, true],
    [JSON.stringify({ tags: { OR: ['osint'], NOT: [] }, orgs: { OR: [], NOT: [] } }), true],
    ['', true],
  ];
  for (const [rules, expected] of table)
    test(`${JSON.stringify(rules)} → ${expected}`, () => assert.equal(passesSyncRules(parseSyncRules(rules), ev), expected));

  test('an event without tags fails a tag OR and passes a tag NOT', () => {
    const bare = { tags: [], creatorOrgUuid: ORG_A, creatorOrgName: 'CIRCL' };
    assert.equal(passesSyncRules(parseSyncRules({ tags: { OR: ['x'] } }), bare), false);
    assert.equal(passesSyncRules(parseSyncRules({ tags: { NOT: ['x'] } }), bare), true);
    assert.equal(passesSyncRules(EMPTY_SYNC_RULES, bare), true);
  });
  test('parsing trims and de-duplicates', () => {
    assert.deepEqual(parseSyncRules({ tags: { OR: [' a ', 'A', 'b'] } }), { tags: { OR: ['a', 'b'], NOT: [] }, orgs: { OR: [], NOT: [] } });
  });
});

describe('parseSyncRules errors name the field and value', () => {
  // [input, expected message fragment]
  const table: Array<[unknown, RegExp]> = [
    [42, /must be an object .*42/],
    [[], /must be an object .*\[\]/],
    ['{not json', /not valid JSON.*\{not json/],
    [{ tag: {} }, /unknown key tag/],
    [{ url_params: '' }, /unknown key url_params/],
    [{ tags: 'tlp:green' }, /tags must be an object .*"tlp:green"/],
    [{ tags: { or: ['x'] } }, /unknown key tags\.or/],
    [{ tags: { OR: 'x' } }, /tags\.OR must be an array of strings, got "x"/],
    [{ orgs: { NOT: ['ok', 7] } }, /orgs\.NOT\[1\] must be a string, got 7/],
    [{ orgs: { OR: ['  '] } }, /orgs\.OR\[0\] must not be empty/],
  ];
  for (const [input, message] of table)
    test(JSON.stringify(input), () => assert.throws(() => parseSyncRules(input), message));
});
