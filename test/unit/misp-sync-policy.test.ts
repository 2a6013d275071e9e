import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../src/auth/actor';
import { isMispSyncPeer, mispPushOwnerClaim, mispWantsPushedEvent, SyncStoredEvent } from '../../src/auth/policy';
import { Role } from '../../src/shared/enums';

/**
 * The write rules of a MISP server pushing to the hub (issue 13 part 3a), as tables: which keys act as a
 * MISP sync server, which owner claim a pushed event may make, and which versions filterEventIdsForPush
 * asks for. Organisations by id: 1 = the hub's own, 2 = the pusher X, 3 = another peer.
 */

const user = (role: Role, orgId = 2): Actor => ({ kind: 'user', userId: 1, userUuid: 'u', orgId, orgUuid: 'o', role, apiKeyId: 1, sharingGroupIds: new Set() });

describe('isMispSyncPeer: only a SYNC_USER key pushes and pulls as a MISP sync server', () => {
  const expected: Record<Role, boolean> = {
    [Role.ADMIN]: false,
    [Role.ORG_ADMIN]: false,
    [Role.PUBLISHER]: false,
    [Role.USER]: false,
    [Role.SYNC_USER]: true,
    [Role.READ_ONLY]: false,
  };
  for (const role of Object.values(Role)) {
    test(`${role} → ${expected[role]}`, () => assert.equal(isMispSyncPeer(user(role)), expected[role]));
  }
  test('the system (CLI, jobs) is not a MISP peer', () => assert.equal(isMispSyncPeer({ kind: 'system', orgId: 1 }), false));
});

describe('mispPushOwnerClaim: a pushed event may name no owner, or the key\'s organisation', () => {
  const KEY = '0a6e1f1e-0000-4000-8000-0000000000aa';
  const rows: Array<[string, string | null | undefined, 'OK' | 'LIE']> = [
    ['no Org (what MISP sends)', undefined, 'OK'],
    ['null', null, 'OK'],
    ['empty', '', 'OK'],
    ['the key\'s organisation', KEY, 'OK'],
    ['the key\'s organisation, upper case', KEY.toUpperCase(), 'OK'],
    ['another organisation', '0a6e1f1e-0000-4000-8000-0000000000bb', 'LIE'],
  ];
  for (const [name, claim, want] of rows) test(`${name} → ${want}`, () => assert.equal(mispPushOwnerClaim(KEY, claim), want));
});

describe('mispWantsPushedEvent: filterEventIdsForPush wants exactly what the sync rules would write', () => {
  const T0 = 1_000_000;
  const X = { orgId: 2 };
  const copy = (ownerOrgId: number, locked: boolean): SyncStoredEvent => ({ ownerOrgId, locked, timestamp: T0 });
  const rows: Array<[string, SyncStoredEvent | null, number, boolean]> = [
    ['unknown uuid', null, T0, true],
    ['X\'s copy, newer', copy(2, true), T0 + 1, true],
    ['X\'s copy, equal', copy(2, true), T0, false],
    ['X\'s copy, older', copy(2, true), T0 - 1, false],
    ['a local event of the hub, newer', copy(1, false), T0 + 1, false],
    ['a local event of X\'s own org on this hub, newer', copy(2, false), T0 + 1, false],
    ['another peer\'s copy, newer', copy(3, true), T0 + 1, false],
  ];
  for (const [name, existing, ts, want] of rows) test(`${name} → ${want ? 'wanted' : 'not wanted'}`, () => assert.equal(mispWantsPushedEvent(X, existing, ts), want));
});
