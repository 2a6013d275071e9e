import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemActor, UserActor } from '../../src/auth/actor';
import { canSeeChange, FeedItem } from '../../src/auth/change-access';
import { canAcceptProposal, canDiscardProposal, canEditEvent, canPropose, EditDecision, viewerOf } from '../../src/auth/policy';
import { Change } from '../../src/modules/change/change.entity';
import { Event } from '../../src/modules/event/event.entity';
import { ChangeKind, ChangeOp, Distribution as D, Role } from '../../src/shared/enums';

/**
 * The proposal rules of policy.ts (section "proposals", after MISP's ShadowAttributesController) as
 * tables, one letter per role: A ALLOWED, F FORBIDDEN.
 */
const ROLES = [Role.ADMIN, Role.ORG_ADMIN, Role.PUBLISHER, Role.USER, Role.SYNC_USER, Role.READ_ONLY] as const;
const CREATOR = 1;
const PROPOSER = 2;
const THIRD = 3;
const actor = (role: Role, orgId: number): UserActor => ({ kind: 'user', userId: 9, userUuid: 'u', orgId, orgUuid: 'o', role, apiKeyId: 1, sharingGroupIds: new Set() });
const letters = (ds: EditDecision[]) => ds.map((d) => (d === 'ALLOWED' ? 'A' : 'F')).join('');

describe('proposal rules', () => {
  test('canPropose: any organisation\'s writer (MISP perm_add); never without an organisation', () => {
    for (const org of [CREATOR, PROPOSER, THIRD]) assert.equal(letters(ROLES.map((r) => canPropose(actor(r, org)))), 'AAAAAF', `org ${org}`);
    const system: SystemActor = { kind: 'system', orgId: null };
    assert.equal(canPropose(system), 'FORBIDDEN', 'a proposal belongs to an organisation');
    assert.equal(canPropose({ kind: 'system', orgId: CREATOR }), 'ALLOWED');
  });

  // [case, actor org, event locked, expected accept per role, expected discard per role]
  const table: Array<[string, number, boolean, string, string]> = [
    ['the creator organisation, local event', CREATOR, false, 'AAAAAF', 'AAAAAF'],
    ['the creator organisation, locked copy', CREATOR, true, 'AFFFAF', 'AFFFAF'],
    ['the proposing organisation', PROPOSER, false, 'AFFFFF', 'AAAAAF'],
    ['the proposing organisation, locked copy', PROPOSER, true, 'AFFFFF', 'AAAAAF'],
    ['a third organisation', THIRD, false, 'AFFFFF', 'AFFFFF'],
  ];
  for (const [name, org, locked, accept, discard] of table) {
    test(`accept and discard: ${name}`, () => {
      const edit = (r: Role) => canEditEvent(actor(r, org), { creatorOrgId: CREATOR, locked });
      assert.equal(letters(ROLES.map((r) => canAcceptProposal(edit(r)))), accept, 'accept');
      assert.equal(letters(ROLES.map((r) => canDiscardProposal(actor(r, org), edit(r), { orgId: PROPOSER }))), discard, 'discard');
    });
  }
});

describe('PROPOSAL change rows (canSeeChange)', () => {
  const viewer = (orgId: number) => viewerOf(actor(Role.USER, orgId), false);
  /** A PROPOSAL row of an event (distribution `ev`, owner CREATOR); `attr`: the distribution of the attribute it is about (null: a new attribute). */
  function item(ev: D, attr: D | null): FeedItem {
    const change = {
      seq: 1, kind: ChangeKind.PROPOSAL, op: ChangeOp.CREATED, uuid: 'p', eventUuid: 'e', ownerOrgId: CREATOR, eventDistribution: ev,
      eventSharingGroupId: null, distribution: attr, sharingGroupId: null, published: true, at: new Date(),
    } as Change;
    const event = { uuid: 'e', ownerOrg: { id: CREATOR }, distribution: ev, sharingGroup: null, published: true } as unknown as Event;
    return { change, attribute: null, event, tagKeys: new Set() };
  }
  test('a proposed new attribute follows the event; a proposal about an attribute follows the attribute', () => {
    assert.equal(canSeeChange(viewer(THIRD), item(D.COMMUNITY_ONLY, null)), true);
    assert.equal(canSeeChange(viewer(THIRD), item(D.ORGANISATION_ONLY, null)), false);
    assert.equal(canSeeChange(viewer(THIRD), item(D.COMMUNITY_ONLY, D.INHERIT_EVENT)), true);
    assert.equal(canSeeChange(viewer(THIRD), item(D.COMMUNITY_ONLY, D.ORGANISATION_ONLY)), false, 'about a hidden attribute: hidden');
    assert.equal(canSeeChange(viewer(CREATOR), item(D.COMMUNITY_ONLY, D.ORGANISATION_ONLY)), true, 'the owner sees all');
  });
});
