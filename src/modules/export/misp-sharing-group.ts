/**
 * A wire sharing group (SyncSharingGroupWire) as MISP writes one inside an event (`SharingGroup`): the one
 * writer behind both directions of MISP's sync, the hub's `events/view` for a pulling MISP server
 * (server/misp-rest, with the local id) and the push of a MISP-kind peer (modules/peer, with the
 * instances the receiving MISP knows by URL).
 */
import type { SyncSharingGroupWire } from '../misp-import/wire.types';

const mispDateTime = (d: Date | string | number) => new Date(d).toISOString().replace('T', ' ').slice(0, 19);

export function mispSharingGroup(g: SyncSharingGroupWire, opts: { id?: string; servers: readonly unknown[] }) {
  const idField = opts.id === undefined ? {} : { id: opts.id };
  const memberId = opts.id === undefined ? {} : { sharing_group_id: opts.id };
  return {
    ...idField,
    uuid: g.id,
    name: g.name,
    description: g.description ?? '',
    releasability: g.releasability ?? '',
    roaming: g.roaming,
    active: true,
    local: false,
    organisation_uuid: g.ownerOrg.id,
    modified: mispDateTime(g.timestamp),
    Organisation: { uuid: g.ownerOrg.id, name: g.ownerOrg.name },
    SharingGroupOrg: g.organisations.map((o) => ({ ...memberId, extend: false, Organisation: { uuid: o.id, name: o.name } })),
    SharingGroupServer: opts.servers,
  };
}
