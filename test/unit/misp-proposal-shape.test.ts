import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mispProposal, proposalOfWire } from '../../src/modules/export/export-misp';
import { parseProposals } from '../../src/modules/feed/parsers/misp-event-parts';
import type { FeedProblem } from '../../src/modules/feed/parsers/misp-fields';
import type { SyncEventWire, SyncProposalWire } from '../../src/modules/misp-import/wire.types';
import { wireToMispEvent } from '../../src/modules/peer/misp-sync-wire';
import { mispEventFromWire } from '../../src/server/misp-rest/misp-wire-shapes';
import { Analysis, Distribution, ThreatLevel } from '../../src/shared/enums';

/**
 * MISP's ShadowAttribute has one writer (export-misp.mispProposal) behind the MISP JSON export, the hub's
 * events/view and shadow_attributes/index for a pulling MISP, and the push to a MISP-kind peer. Its shape is
 * MISP's (ShadowAttribute::capture and afterFind): the target attribute's uuid, `old_id` present, `event_uuid`,
 * first_seen / last_seen with microseconds and an offset.
 */
const EVENT = '6f1c6f5e-0b5e-4c7a-9c55-1a2b3c4d5e60';
const ATTRIBUTE = '0d6a0bd3-4b1e-4f6e-8a3e-7a1c2b3d4e50';
const ORG = { id: '55f6ea5e-2c60-40e5-964f-47a8950d210f', name: 'CIRCL' };
const change: SyncProposalWire = {
  id: '1e4f3f0a-5b6c-4d7e-8f90-a1b2c3d4e5f6',
  attributeId: ATTRIBUTE,
  org: ORG,
  type: 'ip-dst',
  category: 'Network activity',
  value: '198.51.100.8',
  toIds: true,
  comment: 'better value',
  objectRelation: null,
  firstSeen: new Date('2024-01-02T03:04:05.678Z'),
  lastSeen: null,
  proposalToDelete: false,
  timestamp: new Date('2024-02-01T00:00:00.000Z'),
  deleted: false,
};
const fresh: SyncProposalWire = { ...change, id: '2e4f3f0a-5b6c-4d7e-8f90-a1b2c3d4e5f7', attributeId: null, value: 'evil.example', type: 'domain', comment: null };

test('a proposal about an attribute: that attribute\'s uuid, old_id, event_uuid, MISP\'s microsecond instants', () => {
  assert.deepEqual(mispProposal(proposalOfWire(change), EVENT), {
    uuid: ATTRIBUTE,
    event_uuid: EVENT,
    old_id: '0',
    type: 'ip-dst',
    category: 'Network activity',
    value: '198.51.100.8',
    to_ids: true,
    comment: 'better value',
    object_relation: null,
    first_seen: '2024-01-02T03:04:05.678000+00:00',
    last_seen: null,
    proposal_to_delete: false,
    timestamp: '1706745600',
    deleted: false,
    Org: { uuid: ORG.id, name: ORG.name },
  });
  // A proposed new attribute keeps its own uuid.
  assert.equal(mispProposal(proposalOfWire(fresh), EVENT).uuid, fresh.id);
});

test('what the writer gives, the hub\'s MISP reader takes back: same target, same organisation, same instant', () => {
  const problems: FeedProblem[] = [];
  const [onAttribute] = parseProposals([mispProposal(proposalOfWire(change), EVENT)], 'Attribute[0].ShadowAttribute', ATTRIBUTE, problems);
  const [newOne] = parseProposals([mispProposal(proposalOfWire(fresh), EVENT)], 'ShadowAttribute', undefined, problems);
  assert.deepEqual(problems, []);
  assert.equal(onAttribute.attributeUuid, ATTRIBUTE);
  assert.equal(onAttribute.org?.uuid, ORG.id);
  assert.equal(new Date(onAttribute.firstSeen!).toISOString(), change.firstSeen!.toISOString());
  assert.equal(newOne.uuid, fresh.id);
  assert.equal(newOne.attributeUuid, undefined);
});

test('events/view (a pulling MISP) and the push to a MISP peer write the same ShadowAttribute', () => {
  const wire = {
    id: EVENT,
    info: 'e',
    date: '2024-01-01',
    threatLevel: ThreatLevel.LOW,
    analysis: Analysis.INITIAL,
    distribution: Distribution.ALL_COMMUNITIES,
    published: true,
    publishedAt: new Date('2024-02-01T00:00:00Z'),
    timestamp: new Date('2024-02-01T00:00:00Z'),
    deleted: false,
    creatorOrg: ORG,
    disableCorrelation: false,
    tags: [],
    attributes: [
      {
        id: ATTRIBUTE, type: 'ip-dst', category: 'Network activity', value: '198.51.100.7', toIds: true, distribution: Distribution.INHERIT_EVENT,
        timestamp: new Date('2024-02-01T00:00:00Z'), deleted: false, disableCorrelation: false, tags: [],
      },
    ],
    proposals: [change, fresh],
  } as unknown as SyncEventWire;
  const view = mispEventFromWire(wire, {
    eventId: 7, ownerOrg: { id: 1, uuid: ORG.id, name: ORG.name }, sharingGroupIds: new Map(), deleted: { live: true, deleted: false }, excludeGalaxy: true,
  }).Event;
  const pushed = wireToMispEvent(wire, { thisHubUuid: EVENT, peer: { hubUuid: ATTRIBUTE, url: 'https://misp.example', name: 'm' } }).Event as Record<string, any>;
  const expected = [change, fresh].map((p) => mispProposal(proposalOfWire(p), EVENT));
  assert.deepEqual(view.Attribute[0].ShadowAttribute, [expected[0]]);
  assert.deepEqual(view.ShadowAttribute, [expected[1]]);
  assert.deepEqual(pushed.ShadowAttribute, expected);
});
