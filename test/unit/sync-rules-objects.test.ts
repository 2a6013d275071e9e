import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Distribution as D } from '../../src/shared/enums';
import { downgradeOnPull, PeerLink, prepareForPush, SyncAttribute, SyncChild, SyncEvent, SyncObject } from '../../src/modules/peer/sync.rules';

/** The sync rules for what lives in an event besides attributes (issue 12): MISP objects, references, reports. */
const ORG_A = 'aaaaaaaa-1111-4111-8111-00000000000a';
const PEER_B: PeerLink = { peerHubUuid: 'bbbbbbbb-0000-4000-8000-00000000000b', peerOrgUuid: 'bbbbbbbb-1111-4111-8111-00000000000b', internal: false };
const PEER_A2: PeerLink = { peerHubUuid: 'a2a2a2a2-0000-4000-8000-0000000000a2', peerOrgUuid: ORG_A, internal: true };

const attr = (uuid: string, distribution: D, objectUuid: string | null = null): SyncAttribute => ({ uuid, distribution, sharingGroup: null, timestamp: 1, deleted: false, tags: [], objectUuid });
const obj = (uuid: string, distribution: D, targets: string[] = []): SyncObject => ({
  uuid,
  distribution,
  sharingGroup: null,
  timestamp: 1,
  deleted: false,
  references: targets.map((targetUuid) => ({ targetUuid })),
});
const report = (uuid: string, distribution: D): SyncChild => ({ uuid, distribution, sharingGroup: null, timestamp: 1, deleted: false });

const event = (over: Partial<SyncEvent> = {}): SyncEvent => ({
  uuid: 'e',
  distribution: D.CONNECTED_COMMUNITIES,
  sharingGroup: null,
  published: true,
  timestamp: 1,
  creatorOrgUuid: ORG_A,
  ownerOrgUuid: ORG_A,
  tags: [],
  attributes: [attr('plain', D.INHERIT_EVENT), attr('in-open', D.INHERIT_EVENT, 'open'), attr('in-hidden', D.ALL_COMMUNITIES, 'hidden')],
  objects: [obj('open', D.CONNECTED_COMMUNITIES, ['hidden', 'in-hidden', 'plain', 'elsewhere']), obj('hidden', D.ORGANISATION_ONLY)],
  reports: [report('r-open', D.INHERIT_EVENT), report('r-org', D.ORGANISATION_ONLY), report('r-comm', D.COMMUNITY_ONLY)],
  ...over,
});

describe('sync rules for objects, references and reports', () => {
  test('push: objects and reports follow the attributes\' rule; an object that stays hides its attributes and the references to it', () => {
    const out = prepareForPush(event(), PEER_B)!;
    assert.equal(out.distribution, D.COMMUNITY_ONLY);
    assert.deepEqual(out.objects!.map((o) => [o.uuid, o.distribution]), [['open', D.COMMUNITY_ONLY]]);
    assert.deepEqual(out.attributes.map((a) => a.uuid), ['plain', 'in-open'], 'the attribute of the object that stays, stays');
    assert.deepEqual(out.objects![0].references.map((r) => r.targetUuid), ['plain', 'elsewhere'], 'references to what stays are left out; outside the event they pass');
    assert.deepEqual(out.reports!.map((r) => r.uuid), ['r-open'], 'ORGANISATION_ONLY and COMMUNITY_ONLY reports stay');
  });

  test('push to an internal peer of the owner organisation: nothing is downgraded or left out', () => {
    const out = prepareForPush(event(), PEER_A2)!;
    assert.deepEqual(out.objects!.map((o) => [o.uuid, o.distribution]), [['open', D.CONNECTED_COMMUNITIES], ['hidden', D.ORGANISATION_ONLY]]);
    assert.equal(out.attributes.length, 3);
    assert.equal(out.objects![0].references.length, 4);
    assert.equal(out.reports!.length, 3);
  });

  test('pull: objects and reports are downgraded like attributes; absent lists stay absent (a protocol-1.0 sender)', () => {
    const out = downgradeOnPull(event(), { internal: false });
    assert.deepEqual(out.objects!.map((o) => o.distribution), [D.COMMUNITY_ONLY, D.ORGANISATION_ONLY]);
    assert.deepEqual(out.reports!.map((r) => r.distribution), [D.INHERIT_EVENT, D.ORGANISATION_ONLY, D.ORGANISATION_ONLY]);
    const old = downgradeOnPull(event({ objects: undefined, reports: null }), { internal: false });
    assert.deepEqual([old.objects, old.reports], [undefined, null]);
    const pushedOld = prepareForPush(event({ objects: undefined, reports: undefined, attributes: [attr('plain', D.ALL_COMMUNITIES)] }), PEER_B)!;
    assert.deepEqual([pushedOld.objects, pushedOld.reports, pushedOld.attributes.length], [undefined, undefined, 1]);
  });
});
