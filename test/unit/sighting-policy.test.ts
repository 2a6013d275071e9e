import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UserActor } from '../../src/auth/actor';
import { canSeeSighting, viewerOf } from '../../src/auth/policy';
import { Role } from '../../src/shared/enums';

const OWNER = 1;
const REPORTER = 2;
const BYSTANDER = 3;

const viewer = (role: Role, orgId: number) =>
  viewerOf({ kind: 'user', userId: orgId, userUuid: 'u', orgId, orgUuid: 'o', role, apiKeyId: 1, sharingGroupIds: new Set() } as UserActor, false);

describe('sighting visibility (MISP default policy: event owner + reporter)', () => {
  test('table: viewer x reporting organisation', () => {
    // [viewer org, viewer role, sighting org, expected]
    const table: Array<[number, Role, number | null, boolean]> = [
      [OWNER, Role.USER, OWNER, true],
      [OWNER, Role.USER, REPORTER, true], // the event owner sees every organisation's sightings
      [OWNER, Role.READ_ONLY, REPORTER, true],
      [OWNER, Role.USER, null, true],
      [REPORTER, Role.USER, REPORTER, true], // a reporter sees its own
      [REPORTER, Role.USER, OWNER, false], // not the owner's
      [REPORTER, Role.USER, BYSTANDER, false], // nor a third organisation's
      [REPORTER, Role.USER, null, false],
      [BYSTANDER, Role.ORG_ADMIN, REPORTER, false],
      [BYSTANDER, Role.SYNC_USER, REPORTER, false],
      [BYSTANDER, Role.ADMIN, REPORTER, true], // site admins see all
      [BYSTANDER, Role.ADMIN, null, true],
    ];
    for (const [org, role, sightingOrg, expected] of table) {
      assert.equal(canSeeSighting(viewer(role, org), { ownerOrgId: OWNER }, { orgId: sightingOrg }), expected, JSON.stringify({ org, role, sightingOrg }));
    }
  });

  test('the system actor sees every sighting', () => {
    assert.equal(canSeeSighting(viewerOf({ kind: 'system', orgId: null }, false), { ownerOrgId: OWNER }, { orgId: REPORTER }), true);
  });
});
