import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SyncEventDecision,
  syncEventDecision,
  SyncGroupState,
  syncMayUseSharingGroup,
  syncSharingGroupDecision,
  SyncSkipReason as R,
  SyncStoredEvent,
} from '../../src/auth/policy';

/**
 * Who may write through sync (DESIGN §4): the pure rules of policy.ts "sync writes", as tables.
 * Organisations by id: 1 = A (this hub's own), 2 = B (the sender X in every row), 3 = C (another peer).
 */
const A = 1;
const B = 2;
const C = 3;
const X = { orgId: B };
const T0 = 1_000_000;

describe('syncEventDecision: create, change and delete only the sender\'s own copies', () => {
  const copy = (ownerOrgId: number, locked: boolean): SyncStoredEvent => ({ ownerOrgId, locked, timestamp: T0 });
  const stored: Array<[string, SyncStoredEvent | null]> = [
    ['none', null],
    ['local event of A', copy(A, false)],
    ['local event of B (a user of B on this hub)', copy(B, false)],
    ['copy received from B', copy(B, true)],
    ['copy received from C', copy(C, true)],
    ['copy received from A (an internal link)', copy(A, true)],
  ];
  const incoming: Array<[string, { timestamp: number; deleted: boolean }]> = [
    ['older', { timestamp: T0 - 1, deleted: false }],
    ['equal', { timestamp: T0, deleted: false }],
    ['newer', { timestamp: T0 + 1, deleted: false }],
    ['tombstone', { timestamp: T0 - 1, deleted: true }],
  ];
  const REFUSE = (reason: R): SyncEventDecision => ({ kind: 'REFUSE', reason });
  const IGNORE: SyncEventDecision = { kind: 'IGNORE' };
  // Rows: stored; columns: older, equal, newer, tombstone.
  const expected: Record<string, SyncEventDecision[]> = {
    none: [{ kind: 'CREATE' }, { kind: 'CREATE' }, { kind: 'CREATE' }, IGNORE],
    'local event of A': [IGNORE, IGNORE, REFUSE(R.LOCAL_EVENT), REFUSE(R.LOCAL_EVENT)],
    'local event of B (a user of B on this hub)': [IGNORE, IGNORE, REFUSE(R.LOCAL_EVENT), REFUSE(R.LOCAL_EVENT)],
    'copy received from B': [IGNORE, IGNORE, { kind: 'UPDATE' }, { kind: 'DELETE' }],
    'copy received from C': [IGNORE, IGNORE, REFUSE(R.NOT_SENDERS_COPY), REFUSE(R.NOT_SENDERS_COPY)],
    'copy received from A (an internal link)': [IGNORE, IGNORE, REFUSE(R.NOT_SENDERS_COPY), REFUSE(R.NOT_SENDERS_COPY)],
  };
  for (const [sName, s] of stored) {
    incoming.forEach(([iName, i], col) => {
      const want = expected[sName][col];
      test(`${sName} ← ${iName} from B: ${want.kind}${'reason' in want ? ` ${want.reason}` : ''}`, () => {
        assert.deepEqual(syncEventDecision(X, s, i), want);
      });
    });
  }
});

describe('syncSharingGroupDecision: created when new, changed only by its owner, owner kept, no allOrgs added here', () => {
  const group = (over: Partial<SyncGroupState> = {}): SyncGroupState => ({ ownerOrgId: A, timestamp: T0, memberOrgIds: [A, B], thisHubAllOrgs: false, ...over });
  type Row = [name: string, existing: SyncGroupState | null, incoming: SyncGroupState, want: ReturnType<typeof syncSharingGroupDecision>];
  const rows: Row[] = [
    // New groups: created as received, the owner always a member, never allOrgs on this hub.
    ['new, owned by B', null, group({ ownerOrgId: B, memberOrgIds: [B, C] }), { kind: 'CREATE', ownerOrgId: B, members: { memberOrgIds: [B, C], thisHubAllOrgs: false }, refused: [] }],
    ['new, owned by A (a relayed group)', null, group(), { kind: 'CREATE', ownerOrgId: A, members: { memberOrgIds: [A, B], thisHubAllOrgs: false }, refused: [] }],
    ['new, owner not listed as a member', null, group({ ownerOrgId: C, memberOrgIds: [B] }), { kind: 'CREATE', ownerOrgId: C, members: { memberOrgIds: [C, B], thisHubAllOrgs: false }, refused: [] }],
    ['new, listing this hub with allOrgs', null, group({ ownerOrgId: B, memberOrgIds: [B], thisHubAllOrgs: true }), { kind: 'CREATE', ownerOrgId: B, members: { memberOrgIds: [B], thisHubAllOrgs: false }, refused: [R.SHARING_GROUP_ALL_ORGS_REFUSED] }],
    // Stored groups, equal or older: kept, nothing refused (nothing would change).
    ['A\'s group, equal version with other members', group(), group({ memberOrgIds: [B, C] }), { kind: 'KEEP', refused: [] }],
    ['B\'s group, older version', group({ ownerOrgId: B }), group({ ownerOrgId: B, timestamp: T0 - 1, memberOrgIds: [B, C] }), { kind: 'KEEP', refused: [] }],
    // Stored groups, newer version: only the owner changes them.
    ['A\'s group, newer version dropping A and adding C', group(), group({ timestamp: T0 + 1, memberOrgIds: [B, C] }), { kind: 'KEEP', refused: [R.SHARING_GROUP_NOT_OWNER] }],
    ['A\'s group, newer version listing this hub with allOrgs', group({ memberOrgIds: [A, C] }), group({ timestamp: T0 + 1, memberOrgIds: [A, C], thisHubAllOrgs: true }), { kind: 'KEEP', refused: [R.SHARING_GROUP_NOT_OWNER] }],
    ['C\'s group, newer version claiming B as owner', group({ ownerOrgId: C, memberOrgIds: [C, B] }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [B] }), { kind: 'KEEP', refused: [R.SHARING_GROUP_NOT_OWNER] }],
    ['B\'s group, newer version adding C', group({ ownerOrgId: B, memberOrgIds: [B] }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [B, C] }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B, C], thisHubAllOrgs: false }, refused: [] }],
    ['B\'s group, newer version removing C', group({ ownerOrgId: B, memberOrgIds: [B, C] }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [B] }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B], thisHubAllOrgs: false }, refused: [] }],
    ['B\'s group, newer version leaving B out', group({ ownerOrgId: B, memberOrgIds: [B, C] }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [C] }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B, C], thisHubAllOrgs: false }, refused: [R.SHARING_GROUP_OWNER_KEPT] }],
    ['B\'s group, newer version naming C the owner', group({ ownerOrgId: B, memberOrgIds: [B] }), group({ ownerOrgId: C, timestamp: T0 + 1, memberOrgIds: [B, C] }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B, C], thisHubAllOrgs: false }, refused: [R.SHARING_GROUP_OWNER_KEPT] }],
    ['B\'s group, newer version adding allOrgs here', group({ ownerOrgId: B, memberOrgIds: [B] }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [B], thisHubAllOrgs: true }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B], thisHubAllOrgs: false }, refused: [R.SHARING_GROUP_ALL_ORGS_REFUSED] }],
    ['B\'s group with allOrgs here, newer version keeping it', group({ ownerOrgId: B, memberOrgIds: [B], thisHubAllOrgs: true }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [B], thisHubAllOrgs: true }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B], thisHubAllOrgs: true }, refused: [] }],
    ['B\'s group with allOrgs here, newer version dropping it', group({ ownerOrgId: B, memberOrgIds: [B], thisHubAllOrgs: true }), group({ ownerOrgId: B, timestamp: T0 + 1, memberOrgIds: [B] }), { kind: 'UPDATE', ownerOrgId: B, members: { memberOrgIds: [B], thisHubAllOrgs: false }, refused: [] }],
  ];
  for (const [name, existing, incoming, want] of rows) {
    test(`${name} (from B): ${want.kind}${want.refused.length ? ` refusing ${want.refused.join(', ')}` : ''}`, () => {
      assert.deepEqual(syncSharingGroupDecision(X, existing, incoming), want);
    });
  }
  test('the owner stays a member and keeps the group whatever the incoming version says', () => {
    for (const existing of [null, group({ ownerOrgId: B }), group({ ownerOrgId: C })]) {
      for (const incoming of [group({ timestamp: T0 + 1, memberOrgIds: [] }), group({ ownerOrgId: C, timestamp: T0 + 1, memberOrgIds: [C] })]) {
        const d = syncSharingGroupDecision(X, existing, incoming);
        if (d.kind === 'KEEP') continue;
        const owner = existing ? existing.ownerOrgId : incoming.ownerOrgId;
        assert.equal(d.ownerOrgId, owner);
        assert.ok(d.members.memberOrgIds.includes(owner), 'owner is a member');
      }
    }
  });
});

describe('syncMayUseSharingGroup: data goes into a group only when the sender is a member here', () => {
  const rows: Array<[string, { memberOrgIds: number[]; thisHubAllOrgs: boolean }, boolean]> = [
    ['B listed', { memberOrgIds: [A, B], thisHubAllOrgs: false }, true],
    ['B not listed', { memberOrgIds: [A, C], thisHubAllOrgs: false }, false],
    ['no members', { memberOrgIds: [], thisHubAllOrgs: false }, false],
    ['B not listed, this hub with allOrgs (as stored here)', { memberOrgIds: [A], thisHubAllOrgs: true }, true],
  ];
  for (const [name, group, want] of rows) {
    test(`${name}: ${want}`, () => assert.equal(syncMayUseSharingGroup(X, group), want));
  }
});
