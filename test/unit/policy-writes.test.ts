import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemActor, UserActor } from '../../src/auth/actor';
import {
  canChangeSharingGroup,
  canManageUser,
  canRemoveTagLink,
  EditDecision,
  SharingGroupChange,
  TagDecision,
  tagDecision,
  TagLinkFacts,
} from '../../src/auth/policy';
import { Role } from '../../src/shared/enums';

/** The write rules of DESIGN §4 "Roles" as tables. Role order of every row: */
const ROLES = [Role.ADMIN, Role.ORG_ADMIN, Role.PUBLISHER, Role.USER, Role.SYNC_USER, Role.READ_ONLY] as const;
const OWN = 1;
const OTHER = 2;
const ACTOR_USER = 500;

const actor = (role: Role, orgId = OWN): UserActor => ({
  kind: 'user',
  userId: ACTOR_USER,
  userUuid: 'u',
  orgId,
  orgUuid: 'o',
  role,
  apiKeyId: 1,
  sharingGroupIds: new Set(),
});
const SYSTEM: SystemActor = { kind: 'system', orgId: null };

/** 'A' ALLOWED, 'F' FORBIDDEN, one letter per role of ROLES. */
const decisions = (row: string): EditDecision[] => {
  assert.equal(row.length, ROLES.length, `row "${row}" needs one letter per role`);
  return [...row].map((c) => (c === 'A' ? 'ALLOWED' : 'FORBIDDEN'));
};

describe('canManageUser: who creates, changes and keys which users', () => {
  // [case, target org, target role, opts, expected per role]
  const table: Array<[string, number, Role, { self?: boolean; newRole?: Role }, string]> = [
    ['create USER in own org', OWN, Role.USER, { newRole: Role.USER }, 'AAFFFF'],
    ['create ORG_ADMIN in own org', OWN, Role.ORG_ADMIN, { newRole: Role.ORG_ADMIN }, 'AAFFFF'],
    ['create SYNC_USER in own org', OWN, Role.SYNC_USER, { newRole: Role.SYNC_USER }, 'AFFFFF'],
    ['create ADMIN in own org', OWN, Role.ADMIN, { newRole: Role.ADMIN }, 'AFFFFF'],
    ['create USER in another org', OTHER, Role.USER, { newRole: Role.USER }, 'AFFFFF'],
    ['change USER -> PUBLISHER in own org', OWN, Role.USER, { newRole: Role.PUBLISHER }, 'AAFFFF'],
    ['change USER -> ORG_ADMIN in own org', OWN, Role.USER, { newRole: Role.ORG_ADMIN }, 'AAFFFF'],
    ['change USER -> SYNC_USER in own org', OWN, Role.USER, { newRole: Role.SYNC_USER }, 'AFFFFF'],
    ['change USER -> ADMIN in own org', OWN, Role.USER, { newRole: Role.ADMIN }, 'AFFFFF'],
    ['change SYNC_USER -> USER in own org', OWN, Role.SYNC_USER, { newRole: Role.USER }, 'AFFFFF'],
    ['change ADMIN -> USER in own org', OWN, Role.ADMIN, { newRole: Role.USER }, 'AFFFFF'],
    ['disable (no role) a USER of own org', OWN, Role.USER, {}, 'AAFFFF'],
    ['disable (no role) a SYNC_USER of own org', OWN, Role.SYNC_USER, {}, 'AFFFFF'],
    ['disable (no role) an ADMIN of own org', OWN, Role.ADMIN, {}, 'AFFFFF'],
    ['change a USER of another org', OTHER, Role.USER, { newRole: Role.PUBLISHER }, 'AFFFFF'],
    ['keys of a colleague (USER)', OWN, Role.USER, { self: true }, 'AAFFFF'],
    ['keys of the org\'s SYNC_USER', OWN, Role.SYNC_USER, { self: true }, 'AFFFFF'],
    ['keys of a USER of another org', OTHER, Role.USER, { self: true }, 'AFFFFF'],
  ];
  for (const [name, orgId, role, opts, row] of table) {
    const want = decisions(row);
    ROLES.forEach((r, i) =>
      test(`${r}: ${name} -> ${want[i]}`, () => {
        assert.equal(canManageUser(actor(r), { userId: 900, orgId, role }, opts), want[i]);
      }),
    );
  }

  // Self: keys yes, for every role; the own role only as any org admin may (up to ORG_ADMIN).
  const selfTable: Array<[string, { self?: boolean; newRole?: Role }, string]> = [
    ['own keys', { self: true }, 'AAAAAA'],
    ['own role -> USER', { self: true, newRole: Role.USER }, 'AAFFFF'],
    ['own role -> SYNC_USER', { self: true, newRole: Role.SYNC_USER }, 'AFFFFF'],
    ['own role -> ADMIN', { self: true, newRole: Role.ADMIN }, 'AFFFFF'],
  ];
  for (const [name, opts, row] of selfTable) {
    const want = decisions(row);
    ROLES.forEach((r, i) =>
      test(`${r}: ${name} -> ${want[i]}`, () => {
        assert.equal(canManageUser(actor(r), { userId: ACTOR_USER, orgId: OWN, role: r }, opts), want[i]);
      }),
    );
  }

  test('the system actor (bootstrap, jobs) may do everything', () => {
    assert.equal(canManageUser(SYSTEM, { userId: 1, orgId: OTHER, role: Role.ADMIN }, { newRole: Role.SYNC_USER }), 'ALLOWED');
  });
});

describe('canChangeSharingGroup: capability, owner org, members with extend', () => {
  // [caller's relation to the group, membership, change, expected per role]
  const table: Array<[string, number, { extend: boolean } | null, SharingGroupChange, string]> = [
    ['owner org edits', OWN, { extend: true }, 'EDIT', 'AAFFAF'],
    ['owner org extends', OWN, { extend: true }, 'EXTEND', 'AAFFAF'],
    ['member with extend edits', OTHER, { extend: true }, 'EDIT', 'AFFFFF'],
    ['member with extend extends', OTHER, { extend: true }, 'EXTEND', 'AAFFAF'],
    ['member without extend extends', OTHER, { extend: false }, 'EXTEND', 'AFFFFF'],
    ['member without extend edits', OTHER, { extend: false }, 'EDIT', 'AFFFFF'],
    ['non-member extends', OTHER, null, 'EXTEND', 'AFFFFF'],
  ];
  for (const [name, ownerOrgId, membership, change, row] of table) {
    const want = decisions(row);
    ROLES.forEach((r, i) =>
      test(`${r}: ${name} -> ${want[i]}`, () => {
        assert.equal(canChangeSharingGroup(actor(r), { ownerOrgId }, membership, change), want[i]);
      }),
    );
  }
});

describe('tag links: tagDecision and canRemoveTagLink', () => {
  const GLOBAL: TagLinkFacts = { local: false, orgId: null };
  const OWN_LOCAL: TagLinkFacts = { local: true, orgId: OWN };
  const OTHER_LOCAL: TagLinkFacts = { local: true, orgId: OTHER };

  // A non-admin of org OWN. [existing link, asks local, may edit the event, expected]
  const tagTable: Array<[string, TagLinkFacts | null, boolean, EditDecision, TagDecision]> = [
    ['new global, editor', null, false, 'ALLOWED', 'CREATE'],
    ['new global, not editor', null, false, 'FORBIDDEN', 'FORBIDDEN'],
    ['new local, not editor', null, true, 'FORBIDDEN', 'CREATE'],
    ['global again, editor', GLOBAL, false, 'ALLOWED', 'NONE'],
    ['global again, not editor', GLOBAL, false, 'FORBIDDEN', 'FORBIDDEN'],
    ['local over a global link, not editor', GLOBAL, true, 'FORBIDDEN', 'CONFLICT'],
    ['local over a global link, editor', GLOBAL, true, 'ALLOWED', 'CONFLICT'],
    ['local over own local link', OWN_LOCAL, true, 'FORBIDDEN', 'NONE'],
    ['local over another org\'s local link', OTHER_LOCAL, true, 'FORBIDDEN', 'CONFLICT'],
    ['local over another org\'s local link, editor', OTHER_LOCAL, true, 'ALLOWED', 'CONFLICT'],
    ['global over own local link, editor', OWN_LOCAL, false, 'ALLOWED', 'MAKE_GLOBAL'],
    ['global over own local link, not editor', OWN_LOCAL, false, 'FORBIDDEN', 'FORBIDDEN'],
    ['global over another org\'s local link, editor', OTHER_LOCAL, false, 'ALLOWED', 'CONFLICT'],
  ];
  for (const [name, existing, wantLocal, edit, expected] of tagTable) {
    test(`tag: ${name} -> ${expected}`, () => {
      assert.equal(tagDecision(actor(Role.USER), edit, existing, wantLocal), expected);
    });
  }
  test('tag: a site admin may make another org\'s local link global; a local tag needs an organisation', () => {
    assert.equal(tagDecision(actor(Role.ADMIN), 'ALLOWED', OTHER_LOCAL, false), 'MAKE_GLOBAL');
    assert.equal(tagDecision(SYSTEM, 'ALLOWED', null, true), 'FORBIDDEN');
    assert.equal(tagDecision(SYSTEM, 'ALLOWED', null, false), 'CREATE');
  });

  // [link, may edit the event, expected for a non-admin of OWN, expected for a site admin]
  const removeTable: Array<[string, TagLinkFacts, EditDecision, EditDecision, EditDecision]> = [
    ['global, editor', GLOBAL, 'ALLOWED', 'ALLOWED', 'ALLOWED'],
    ['global, not editor', GLOBAL, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ['own local, not editor', OWN_LOCAL, 'FORBIDDEN', 'ALLOWED', 'ALLOWED'],
    ['another org\'s local, editor of the event', OTHER_LOCAL, 'ALLOWED', 'FORBIDDEN', 'ALLOWED'],
    ['another org\'s local, not editor', OTHER_LOCAL, 'FORBIDDEN', 'FORBIDDEN', 'ALLOWED'],
  ];
  for (const [name, link, edit, user, admin] of removeTable) {
    test(`remove: ${name} -> user ${user}, site admin ${admin}`, () => {
      assert.equal(canRemoveTagLink(actor(Role.ORG_ADMIN), edit, link), user);
      assert.equal(canRemoveTagLink(actor(Role.ADMIN), edit, link), admin);
    });
  }
});
