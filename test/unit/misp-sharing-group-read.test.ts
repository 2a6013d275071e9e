import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mispSharingGroup } from '../../src/modules/export/misp-sharing-group';
import { sharingGroupFromMisp } from '../../src/modules/feed/parsers/misp-sharing-group';
import { FeedFormatError } from '../../src/modules/feed/parsers/misp-fields';
import type { SyncSharingGroupWire } from '../../src/modules/misp-import/wire.types';

/**
 * One reader of MISP's SharingGroup for a pushing MISP server (misp-api) and a pulled MISP peer (peer):
 * strict, errors name the field and the value; instances map to hubs only where the caller knows them.
 */
const OWNER = { id: '55f6ea5e-2c60-40e5-964f-47a8950d210f', name: 'CIRCL' };
const MEMBER = { id: '5b2f8c1e-9d1a-4c3b-8e7f-0a1b2c3d4e5f', name: 'Other' };
const PEER_HUB = '11111111-2222-4333-8444-555555555555';
const KNOWN_HUB = '66666666-7777-4888-8999-aaaaaaaaaaaa';
const group: SyncSharingGroupWire = {
  id: '0a0b0c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  name: 'Group',
  description: 'Who may see it',
  releasability: 'TLP:AMBER',
  roaming: false,
  timestamp: new Date('2024-03-04T05:06:07.000Z'),
  ownerOrg: OWNER,
  organisations: [OWNER, MEMBER],
  hubs: [],
};
const servers = [
  { server_id: '0', all_orgs: false, Server: { id: '0', url: '', name: 'this instance' } },
  { server_id: '3', all_orgs: '1', Server: { url: 'https://Known.example/misp/', name: 'known' } },
  { server_id: '4', all_orgs: true, Server: { url: 'https://stranger.example', name: 'stranger' } },
];

test('what the writer gives the reader takes back; servers become hubs only through the caller\'s instances', () => {
  const json = mispSharingGroup(group, { id: '3', servers });
  assert.deepEqual(sharingGroupFromMisp(json, 'Event.SharingGroup'), group, 'without instances: no hub, never all_orgs');
  const withHubs = sharingGroupFromMisp(json, 'Event.SharingGroup', { peerHubUuid: PEER_HUB, byUrl: new Map([['https://known.example/misp', KNOWN_HUB]]) });
  assert.deepEqual(withHubs.hubs, [
    { id: PEER_HUB, allOrgs: false },
    { id: KNOWN_HUB, allOrgs: true },
  ]);
});

test('a group that does not describe its members is refused, naming the field and the value', () => {
  const json = mispSharingGroup(group, { servers: [] }) as Record<string, unknown>;
  const refused = (v: unknown, field: string, shown: string) =>
    assert.throws(
      () => sharingGroupFromMisp(v, 'Event.Attribute[2].SharingGroup'),
      (e: unknown) => e instanceof FeedFormatError && e.field === field && e.message.includes(shown),
    );
  refused({ ...json, uuid: 'not-a-uuid' }, 'Event.Attribute[2].SharingGroup', 'not-a-uuid');
  refused({ ...json, name: '  ' }, 'Event.Attribute[2].SharingGroup.name', '"  "');
  refused({ ...json, Organisation: { name: 'no uuid' } }, 'Event.Attribute[2].SharingGroup.Organisation', 'no uuid');
  refused({ ...json, SharingGroupOrg: undefined }, 'Event.Attribute[2].SharingGroup.SharingGroupOrg', 'undefined');
  refused({ ...json, SharingGroupOrg: [{ Organisation: { uuid: 'x-1' } }] }, 'Event.Attribute[2].SharingGroup.SharingGroupOrg[0].Organisation', 'x-1');
});

test('a group without a readable modified date is dated at the epoch (never newer than a stored one)', () => {
  const json = { ...(mispSharingGroup(group, { servers: [] }) as Record<string, unknown>), modified: 'soon' };
  assert.equal(sharingGroupFromMisp(json, 'SharingGroup').timestamp.getTime(), 0);
});
