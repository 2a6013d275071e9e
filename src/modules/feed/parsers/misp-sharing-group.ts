/**
 * MISP's `SharingGroup` as a MISP server sends it inside an event (pushed to the hub's events/add|edit, or
 * answered to the hub's pull from a MISP-kind peer), read into the wire's group: the one reader behind
 * both directions (the writer is export/misp-sharing-group.ts).
 */
import type { SyncOrganisationWire, SyncSharingGroupWire } from '../../misp-import/wire.types';
import { FeedFormatError, isObject } from './misp-fields';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** The instances a MISP sharing group lists, as hubs: who is who on this hub's side. */
export interface InstanceMap {
  /** The sending instance (MISP's `server_id` 0 in what it sends: "this instance"). */
  peerHubUuid: string;
  /** Other instances by URL origin+path (known peers of this hub), to their hub uuids. */
  byUrl: ReadonlyMap<string, string>;
}

/** A URL as instances are compared (origin and path, no trailing slash, lower case), or null. */
export function instanceKey(url: unknown): string | null {
  if (typeof url !== 'string' || !url.trim()) return null;
  try {
    const u = new URL(url.trim());
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return null;
  }
}

function orgOf(v: unknown, path: string): SyncOrganisationWire {
  if (!isObject(v) || typeof v.uuid !== 'string' || !UUID.test(v.uuid)) throw new FeedFormatError('expected an organisation with a uuid', { field: path, value: v });
  const name = typeof v.name === 'string' && v.name.trim() ? v.name.trim().slice(0, 255) : v.uuid;
  return { id: v.uuid.toLowerCase(), name };
}

/** MISP's `modified` ("2024-01-02 10:00:00", UTC) or Unix seconds; unreadable: the epoch (never newer than a stored group). */
function modifiedOf(v: unknown): Date {
  if (typeof v === 'number' || (typeof v === 'string' && /^\d{1,12}$/.test(v))) return new Date(Number(v) * 1000);
  if (typeof v === 'string') {
    const d = new Date(`${v.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z'}`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date(0);
}

/**
 * The group with its owner and member organisations by uuid. Strict: a group that does not describe its
 * members (no uuid, no name, no owner, no `SharingGroupOrg` list, a member without an organisation uuid)
 * throws FeedFormatError naming the field and the value; the caller leaves out what needed the group (fail
 * closed: never widened to the event's distribution). Listed MISP servers (`SharingGroupServer`) become
 * hubs only through `instances` (server_id 0 is the sender; others by URL, as MISP's captureSG matches
 * them); without it the group lists no hub and never grants `all_orgs`.
 */
export function sharingGroupFromMisp(v: unknown, path: string, instances?: InstanceMap): SyncSharingGroupWire {
  if (!isObject(v) || typeof v.uuid !== 'string' || !UUID.test(v.uuid)) throw new FeedFormatError('expected a sharing group with a uuid', { field: path, value: v });
  if (typeof v.name !== 'string' || !v.name.trim()) throw new FeedFormatError('expected a sharing group name', { field: `${path}.name`, value: v.name });
  const ownerOrg = orgOf(v.Organisation, `${path}.Organisation`);
  if (!Array.isArray(v.SharingGroupOrg)) throw new FeedFormatError('expected the member organisations (a list)', { field: `${path}.SharingGroupOrg`, value: v.SharingGroupOrg });
  const organisations = v.SharingGroupOrg.map((m, i) => orgOf(isObject(m) ? m.Organisation : m, `${path}.SharingGroupOrg[${i}].Organisation`));
  const hubs = new Map<string, boolean>();
  if (instances && Array.isArray(v.SharingGroupServer)) {
    for (const s of v.SharingGroupServer.filter(isObject)) {
      const url = isObject(s.Server) ? s.Server.url : undefined;
      const id = String(s.server_id ?? '') === '0' ? instances.peerHubUuid : instances.byUrl.get(instanceKey(url) ?? '');
      if (id) hubs.set(id, (hubs.get(id) ?? false) || truthy(s.all_orgs));
    }
  }
  return {
    id: v.uuid.toLowerCase(),
    name: v.name.trim().slice(0, 255),
    description: typeof v.description === 'string' ? v.description : null,
    releasability: typeof v.releasability === 'string' ? v.releasability : null,
    roaming: truthy(v.roaming),
    timestamp: modifiedOf(v.modified),
    ownerOrg,
    organisations,
    hubs: [...hubs].map(([id, allOrgs]) => ({ id, allOrgs })),
  };
}
