import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UserActor } from '../../src/auth/actor';
import {
  accessClassOf,
  canEditEvent,
  canPublishEvent,
  canSeeAttribute,
  canSeeEvent,
  orgIsSharingGroupMember,
  viewerOf,
} from '../../src/auth/policy';
import { Distribution as D, Role } from '../../src/shared/enums';

const OWNER = 1;
const OTHER = 2;
const SG = 7;

const actor = (role: Role, orgId: number, sgIds: number[] = []): UserActor => ({
  kind: 'user',
  userId: 100 + orgId,
  userUuid: 'u',
  orgId,
  orgUuid: 'o',
  role,
  apiKeyId: 1,
  sharingGroupIds: new Set(sgIds),
});

const ev = (distribution: D, published = true) => ({
  ownerOrgId: OWNER,
  distribution,
  sharingGroupId: distribution === D.SHARING_GROUP ? SG : null,
  published,
});

const ROLES = Object.values(Role);
const EVENT_LEVELS = [D.ORGANISATION_ONLY, D.COMMUNITY_ONLY, D.CONNECTED_COMMUNITIES, D.ALL_COMMUNITIES, D.SHARING_GROUP];

describe('sharing group membership', () => {
  test('listed org, or this hub with allOrgs', () => {
    const table: Array<[number[], boolean, number, boolean]> = [
      [[OWNER], false, OWNER, true],
      [[OWNER], false, OTHER, false],
      [[], true, OTHER, true],
      [[OWNER], true, OTHER, true],
      [[], false, OTHER, false],
    ];
    for (const [memberOrgIds, thisHubAllOrgs, org, expected] of table) {
      assert.equal(orgIsSharingGroupMember(org, { memberOrgIds, thisHubAllOrgs }), expected, JSON.stringify({ memberOrgIds, thisHubAllOrgs, org }));
    }
  });
});

describe('event visibility: distribution x owner/other x membership x role', () => {
  // Expected visibility for a non-admin, written out as the table of DESIGN §4.
  //                    level:  ORG  COMM  CONN  ALL  SG
  const OWNER_SEES: boolean[] = [true, true, true, true, true];
  const OTHER_MEMBER_SEES: boolean[] = [false, true, true, true, true];
  const OTHER_NONMEMBER_SEES: boolean[] = [false, true, true, true, false];

  for (const role of ROLES) {
    for (const [i, level] of EVENT_LEVELS.entries()) {
      for (const [who, orgId, member, expected] of [
        ['owner', OWNER, false, OWNER_SEES[i]],
        ['other org, sharing-group member', OTHER, true, OTHER_MEMBER_SEES[i]],
        ['other org, not a member', OTHER, false, OTHER_NONMEMBER_SEES[i]],
      ] as const) {
        const want = role === Role.ADMIN ? true : expected;
        test(`${role} of ${who} sees ${D[level]}: ${want}`, () => {
          const v = viewerOf(actor(role, orgId, member ? [SG] : []), false);
          assert.equal(canSeeEvent(v, ev(level)), want);
        });
      }
    }
  }

  test('UNPUBLISHED_PRIVATE hides unpublished events from other orgs only', () => {
    const other = viewerOf(actor(Role.USER, OTHER, [SG]), true);
    const owner = viewerOf(actor(Role.USER, OWNER), true);
    for (const level of EVENT_LEVELS) {
      assert.equal(canSeeEvent(other, ev(level, false)), false, D[level]);
      assert.equal(canSeeEvent(owner, ev(level, false)), true, D[level]);
    }
    assert.equal(canSeeEvent(other, ev(D.COMMUNITY_ONLY, true)), true);
  });
});

describe('attribute visibility inside an event', () => {
  const ATTRIBUTE_LEVELS = [...EVENT_LEVELS, D.INHERIT_EVENT];
  //                      attribute level: ORG   COMM  CONN  ALL   SG    INHERIT
  const OTHER_MEMBER: boolean[] = [false, true, true, true, true, true];
  const OTHER_NONMEMBER: boolean[] = [false, true, true, true, false, true];

  for (const eventLevel of [D.COMMUNITY_ONLY, D.SHARING_GROUP, D.ORGANISATION_ONLY]) {
    for (const [i, level] of ATTRIBUTE_LEVELS.entries()) {
      test(`event ${D[eventLevel]}, attribute ${D[level]}`, () => {
        const a = { distribution: level, sharingGroupId: level === D.SHARING_GROUP ? SG : null, deleted: false };
        const owner = viewerOf(actor(Role.READ_ONLY, OWNER), false);
        const member = viewerOf(actor(Role.USER, OTHER, [SG]), false);
        const nonMember = viewerOf(actor(Role.USER, OTHER), false);
        const admin = viewerOf(actor(Role.ADMIN, OTHER), false);
        const e = ev(eventLevel);
        assert.equal(canSeeAttribute(owner, e, a), true, 'owner org sees every attribute');
        assert.equal(canSeeAttribute(admin, e, a), true, 'site admin sees every attribute');
        const eventVisibleToMember = eventLevel !== D.ORGANISATION_ONLY;
        const eventVisibleToNonMember = eventLevel === D.COMMUNITY_ONLY;
        assert.equal(canSeeAttribute(member, e, a), eventVisibleToMember && OTHER_MEMBER[i], 'member');
        assert.equal(canSeeAttribute(nonMember, e, a), eventVisibleToNonMember && OTHER_NONMEMBER[i], 'non-member');
      });
    }
  }

  test('soft-deleted attributes: hidden unless asked, and then only for the owner org, sync users and admins', () => {
    const a = { distribution: D.INHERIT_EVENT, sharingGroupId: null, deleted: true };
    const e = ev(D.ALL_COMMUNITIES);
    const table: Array<[string, UserActor, boolean, boolean]> = [
      ['owner', actor(Role.USER, OWNER), false, true],
      ['sync user of another org', actor(Role.SYNC_USER, OTHER), false, true],
      ['admin', actor(Role.ADMIN, OTHER), false, true],
      ['other org user', actor(Role.USER, OTHER), false, false],
      ['other org publisher', actor(Role.PUBLISHER, OTHER), false, false],
    ];
    for (const [who, act, plain, asked] of table) {
      const v = viewerOf(act, false);
      assert.equal(canSeeAttribute(v, e, a), plain, `${who}, not asked`);
      assert.equal(canSeeAttribute(v, e, a, { includeDeleted: true }), asked, `${who}, asked`);
    }
  });
});

describe('editing and publishing', () => {
  const own = { creatorOrgId: OWNER, locked: false };
  const locked = { creatorOrgId: OWNER, locked: true };
  const table: Array<[Role, number, 'ALLOWED' | 'FORBIDDEN', 'ALLOWED' | 'FORBIDDEN']> = [
    [Role.ADMIN, OTHER, 'ALLOWED', 'ALLOWED'],
    [Role.ORG_ADMIN, OWNER, 'ALLOWED', 'ALLOWED'],
    [Role.PUBLISHER, OWNER, 'ALLOWED', 'ALLOWED'],
    [Role.USER, OWNER, 'ALLOWED', 'FORBIDDEN'],
    [Role.SYNC_USER, OWNER, 'ALLOWED', 'ALLOWED'],
    [Role.READ_ONLY, OWNER, 'FORBIDDEN', 'FORBIDDEN'],
    [Role.ORG_ADMIN, OTHER, 'FORBIDDEN', 'FORBIDDEN'],
    [Role.PUBLISHER, OTHER, 'FORBIDDEN', 'FORBIDDEN'],
    [Role.USER, OTHER, 'FORBIDDEN', 'FORBIDDEN'],
  ];
  for (const [role, org, edit, publish] of table) {
    test(`${role} of ${org === OWNER ? 'creator' : 'another'} org: edit ${edit}, publish ${publish}`, () => {
      assert.equal(canEditEvent(actor(role, org), own), edit);
      assert.equal(canPublishEvent(actor(role, org), own), publish);
    });
  }
  test('locked copies: only sync users and admins', () => {
    assert.equal(canEditEvent(actor(Role.PUBLISHER, OWNER), locked), 'FORBIDDEN');
    assert.equal(canEditEvent(actor(Role.SYNC_USER, OWNER), locked), 'ALLOWED');
    assert.equal(canEditEvent(actor(Role.ADMIN, OTHER), locked), 'ALLOWED');
  });
});

describe('access classes (shared live deliveries)', () => {
  const key = (a: UserActor, unpublishedPrivate = false) => accessClassOf(a, viewerOf(a, unpublishedPrivate));

  test('callers with the same rights share a class, whoever they are; membership order does not matter', () => {
    const one = { ...actor(Role.USER, OTHER, [3, SG]), userId: 1, apiKeyId: 11 };
    const two = { ...actor(Role.USER, OTHER, [SG, 3]), userId: 2, apiKeyId: 12 };
    assert.equal(key(one), key(two));
  });

  test('any difference the rules or capability checks can see is another class', () => {
    const base = actor(Role.USER, OTHER, [SG]);
    const variants: Array<[string, string]> = [
      ['another organisation', key(actor(Role.USER, OWNER, [SG]))],
      ['one membership fewer', key(actor(Role.USER, OTHER))],
      ['one membership more', key(actor(Role.USER, OTHER, [SG, 8]))],
      ['another role', key(actor(Role.PUBLISHER, OTHER, [SG]))],
      ['site admin', key(actor(Role.ADMIN, OTHER, [SG]))],
      ['sync user', key(actor(Role.SYNC_USER, OTHER, [SG]))],
      ['UNPUBLISHED_PRIVATE', key(base, true)],
    ];
    for (const [what, k] of variants) assert.notEqual(k, key(base), what);
    assert.equal(new Set(variants.map(([, k]) => k)).size, variants.length, 'all distinct');
  });
});
