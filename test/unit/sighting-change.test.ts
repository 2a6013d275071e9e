import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UserActor } from '../../src/auth/actor';
import { viewerOf } from '../../src/auth/policy';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { canSeeChange, FeedItem } from '../../src/auth/change-access';
import { Change } from '../../src/modules/change/change.entity';
import { Event } from '../../src/modules/event/event.entity';
import { ChangeKind, ChangeOp, Distribution as D, Role } from '../../src/shared/enums';

const OWNER = 1;
const REPORTER = 2;
const OTHER = 3;

const viewer = (orgId: number, role = Role.USER) =>
  viewerOf({ kind: 'user', userId: orgId, userUuid: 'u', orgId, orgUuid: 'o', role, apiKeyId: 1, sharingGroupIds: new Set() } as UserActor, false);

/** A SIGHTING change row of an attribute (distribution `attr`) in an event (distribution `ev`), reported by `reporter`. */
function item(ev: D, attr: D, reporter: number | null, opts: { gone?: boolean; nowPrivate?: boolean } = {}): FeedItem {
  const change = {
    seq: 1,
    kind: ChangeKind.SIGHTING,
    op: ChangeOp.CREATED,
    uuid: 's',
    eventUuid: 'e',
    ownerOrgId: OWNER,
    eventDistribution: ev,
    eventSharingGroupId: null,
    distribution: attr,
    sharingGroupId: null,
    published: true,
    at: new Date(),
  } as Change;
  const event = { uuid: 'e', ownerOrg: { id: OWNER }, distribution: opts.nowPrivate ? D.ORGANISATION_ONLY : ev, sharingGroup: null, published: true } as unknown as Event;
  const attribute = { uuid: 'a', event, distribution: attr, sharingGroup: null, deleted: false } as unknown as Attribute;
  return { change, attribute: null, event, tagKeys: new Set(), sighting: opts.gone || reporter === null ? null : { orgId: reporter, attribute } };
}

describe('sighting changes in the live stream (canSeeChange)', () => {
  test('the owner sees every sighting, a reporter its own, others none', () => {
    const it = item(D.COMMUNITY_ONLY, D.INHERIT_EVENT, REPORTER);
    assert.equal(canSeeChange(viewer(OWNER), it), true);
    assert.equal(canSeeChange(viewer(REPORTER), it), true);
    assert.equal(canSeeChange(viewer(OTHER), it), false);
    assert.equal(canSeeChange(viewer(OTHER, Role.ADMIN), it), true);
  });

  test('no sighting of an attribute the viewer cannot see, even its own report after the event became private', () => {
    assert.equal(canSeeChange(viewer(REPORTER), item(D.ORGANISATION_ONLY, D.INHERIT_EVENT, REPORTER)), false);
    assert.equal(canSeeChange(viewer(REPORTER), item(D.COMMUNITY_ONLY, D.ORGANISATION_ONLY, REPORTER)), false);
    assert.equal(canSeeChange(viewer(REPORTER), item(D.COMMUNITY_ONLY, D.INHERIT_EVENT, REPORTER, { nowPrivate: true })), false);
  });

  test('a sighting gone since (its attribute deleted for good) is news to the owner only', () => {
    const gone = item(D.COMMUNITY_ONLY, D.INHERIT_EVENT, REPORTER, { gone: true });
    assert.equal(canSeeChange(viewer(OWNER), gone), true);
    assert.equal(canSeeChange(viewer(REPORTER), gone), false);
  });
});
