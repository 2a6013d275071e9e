import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A MISP server's sync API answered from recorded shapes (MISP's EventsController / ServerSyncTool /
 * SightingsController as of 2.5: numbers as strings, `{"Event": …}` documents, the minimal index, saveFail
 * 403 bodies), served by a real HTTP server on 127.0.0.1 port 0, for what a hub's own MISP REST layer does
 * not do (a real MISP cannot run here). Each key (Authorization header) gets its own `MispFixtureUser`;
 * every request is recorded so tests can check what the hub asked, with which named parameters and bodies.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the leading slash (named parameters included). */
  path: string;
  key: string;
  body: unknown;
  ifNoneMatch: string | null;
}

export interface MispFixtureUser {
  role: { name: string; perm_sync: boolean };
  org: { uuid: string; name: string };
  /** Minimal index rows (timestamps in seconds); filtered by `timestamp` (>=) as MISP does. */
  index: Array<{ uuid: string; timestamp: number; orgcUuid: string; published?: boolean; sightingTimestamp?: number }>;
  /** events/view answers by uuid: the JSON document, or a raw text (an oversize answer). */
  events: Map<string, unknown | { raw: string }>;
  /** sightings/restSearch/event answers (MISP's Sighting rows, with event_uuid); filtered by the `uuid` list. */
  sightings: Array<Record<string, unknown>>;
  /** Push: uuids the server wants (filterEventIdsForPush answers those of the request it holds here). */
  wants: Set<string>;
  /** Push: events the server has (HEAD events/view answers 200). */
  has: Set<string>;
  /** Push: events whose add/edit the server refuses with MISP's "not newer" 403. */
  refuse: Set<string>;
  /** Push: what events/add|edit received, by uuid. */
  received: Map<string, { path: string; body: Record<string, unknown> }>;
  /** Push: sightings received by event uuid. */
  sightingsReceived: Map<string, Array<Record<string, unknown>>>;
}

export function fixtureUser(org: { uuid: string; name: string }, perm_sync = true): MispFixtureUser {
  return {
    role: { name: perm_sync ? 'Sync user' : 'User', perm_sync },
    org,
    index: [],
    events: new Map(),
    sightings: [],
    wants: new Set(),
    has: new Set(),
    refuse: new Set(),
    received: new Map(),
    sightingsReceived: new Map(),
  };
}

export interface MispFixtureServer {
  /** Base URL (what a MISP-kind peer is given). */
  url: string;
  uuid: string;
  users: Map<string, MispFixtureUser>;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

export async function startMispFixture(serverUuid: string): Promise<MispFixtureServer> {
  const users = new Map<string, MispFixtureUser>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const path = decodeURIComponent((req.url ?? '/').replace(/^\//, '').split('?')[0]);
    const key = String(req.headers.authorization ?? '');
    requests.push({ method: req.method ?? 'GET', path, key, body, ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null });
    const u = users.get(key);
    if (!u) return json(res, 403, { name: 'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.', message: 'Authentication failed.', url: `/${path}` });
    const seg = path.split('/');
    const b = (body ?? {}) as Record<string, unknown>;
    if (path === 'servers/getVersion') {
      return json(res, 200, {
        version: '2.5.1',
        pymisp_recommended_version: '2.5.1',
        perm_sync: u.role.perm_sync,
        perm_sighting: true,
        perm_galaxy_editor: false,
        perm_analyst_data: false,
        uuid: serverUuid,
        request_encoding: ['gzip', 'br'],
        filter_sightings: true,
      });
    }
    if (path === 'users/view/me' || path === 'users/view/me.json') {
      return json(res, 200, {
        User: { id: '7', org_id: '2', email: 'sync@partner.example', autoalert: false, authkey: null, role_id: '5', disabled: false },
        Role: { id: '5', name: u.role.name, perm_add: true, perm_modify: true, perm_publish: true, perm_sync: u.role.perm_sync, perm_admin: false, perm_site_admin: false, perm_sighting: true },
        UserSetting: [],
        Organisation: { id: '2', name: u.org.name, uuid: u.org.uuid, local: true },
      });
    }
    if (!u.role.perm_sync && (seg[0] !== 'events' || seg[1] !== 'index')) return json(res, 403, { name: 'You do not have permission to use this functionality.', message: 'Forbidden', url: `/${path}` });
    if (path === 'events/index' && req.method === 'POST') {
      const from = Number(b.timestamp ?? 0);
      const limit = Number(b.limit ?? 0);
      const page = Number(b.page ?? 1);
      let rows = u.index.filter((r) => r.timestamp >= from && (b.published === undefined || (r.published ?? true)));
      rows = rows.sort((x, y) => x.timestamp - y.timestamp);
      if (limit) rows = rows.slice((page - 1) * limit, page * limit);
      const answer = JSON.stringify(
        rows.map((r, i) => ({ id: String(100 + i), timestamp: String(r.timestamp), sighting_timestamp: String(r.sightingTimestamp ?? 0), published: r.published ?? true, uuid: r.uuid, orgc_uuid: r.orgcUuid })),
      );
      // MISP's index ETag (EventsController::index with If-None-Match): 304 without a body when unchanged.
      const etag = `"${createHash('sha1').update(answer).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json', etag });
      return res.end(answer);
    }
    if (seg[0] === 'events' && seg[1] === 'view') {
      const uuid = seg[2];
      if (req.method === 'HEAD') {
        res.writeHead(u.has.has(uuid) ? 200 : 404);
        return res.end();
      }
      const answer = u.events.get(uuid);
      if (answer === undefined) return json(res, 404, { name: 'Invalid event', message: 'Invalid event', url: `/${path}` });
      if (answer && typeof answer === 'object' && 'raw' in (answer as object)) return json(res, 200, (answer as { raw: string }).raw);
      return json(res, 200, answer);
    }
    if (path === 'events/filterEventIdsForPush') {
      const list = Array.isArray(body) ? (body as Array<{ Event: { uuid: string } }>) : [];
      return json(res, 200, list.map((x) => x.Event.uuid).filter((id) => u.wants.has(id)));
    }
    if (seg[0] === 'events' && (seg[1] === 'add' || seg[1] === 'edit')) {
      const ev = (b.Event ?? b) as Record<string, unknown>;
      const uuid = String(ev.uuid);
      if (u.refuse.has(uuid)) {
        return json(res, 403, { saved: false, name: 'Could not add Event', message: 'Could not add Event', url: `/${path}`, errors: 'Event could not be saved: Event in the request not newer than the local copy.' });
      }
      u.received.set(uuid, { path, body: b });
      u.has.add(uuid);
      return json(res, 200, { Event: { ...ev, id: '42', org_id: '2', orgc_id: '3' } });
    }
    if (seg[0] === 'sightings' && seg[1] === 'restSearch') {
      const events = new Set(Array.isArray(b.uuid) ? (b.uuid as string[]) : []);
      const rows = u.sightings.filter((s) => events.has(String(s.event_uuid)));
      return json(res, 200, { response: rows.map((s) => ({ Sighting: b.includeUuid ? s : { ...s, attribute_uuid: undefined, event_uuid: undefined } })) });
    }
    if (seg[0] === 'sightings' && seg[1] === 'filterSightingUuidsForPush') {
      // The server's own sightings and those pushed to it (MISP answers from its sightings table).
      const known = new Set([...(u.sightingsReceived.get(seg[2]) ?? []), ...u.sightings].map((s) => String(s.uuid)));
      return json(res, 200, (Array.isArray(body) ? (body as string[]) : []).filter((id) => known.has(id)));
    }
    if (seg[0] === 'sightings' && seg[1] === 'bulkSaveSightings') {
      const list = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [];
      u.sightingsReceived.set(seg[2], [...(u.sightingsReceived.get(seg[2]) ?? []), ...list]);
      return json(res, 200, { saved: true, success: true, name: `${list.length} sightings added.`, message: `${list.length} sightings added.`, url: `/${path}` });
    }
    return json(res, 404, { name: 'Not Found', message: 'Not Found', url: `/${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    uuid: serverUuid,
    users,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A MISP organisation as MISP nests it in events (`Org`, `Orgc`, `Organisation`). */
export const mispOrgJson = (o: { uuid: string; name: string }, id = '1') => ({ id, name: o.name, uuid: o.uuid, local: true });

/** A full MISP `SharingGroup` as events/view gives it to a sync user (members and instances). */
export function mispSharingGroupJson(g: { uuid: string; name: string; owner: { uuid: string; name: string }; members: Array<{ uuid: string; name: string }>; roaming?: boolean; serverUrl: string }) {
  return {
    id: '3',
    name: g.name,
    releasability: 'partners',
    description: '',
    uuid: g.uuid,
    organisation_uuid: g.owner.uuid,
    org_id: '1',
    sync_user_id: '0',
    active: true,
    created: '2023-11-01 10:00:00',
    modified: '2023-11-02 10:00:00',
    local: true,
    roaming: g.roaming ?? false,
    Organisation: mispOrgJson(g.owner),
    SharingGroupOrg: g.members.map((m, i) => ({ id: String(i + 1), sharing_group_id: '3', org_id: String(i + 1), extend: i === 0, Organisation: mispOrgJson(m, String(i + 1)) })),
    SharingGroupServer: [{ id: '1', sharing_group_id: '3', server_id: '0', all_orgs: false, Server: { id: '0', url: g.serverUrl, name: g.serverUrl } }],
  };
}

/** An attribute as MISP's events/view writes it. */
export function mispAttributeJson(a: { uuid: string; type: string; value: string; distribution: number; timestamp: number; sharingGroup?: unknown; tags?: Array<{ name: string; local?: boolean }>; category?: string }) {
  return {
    id: '10',
    type: a.type,
    category: a.category ?? 'Network activity',
    to_ids: true,
    uuid: a.uuid,
    event_id: '12',
    distribution: String(a.distribution),
    timestamp: String(a.timestamp),
    comment: '',
    sharing_group_id: a.sharingGroup ? '3' : '0',
    deleted: false,
    disable_correlation: false,
    object_id: '0',
    object_relation: null,
    first_seen: null,
    last_seen: null,
    value: a.value,
    ...(a.sharingGroup ? { SharingGroup: a.sharingGroup } : {}),
    Tag: (a.tags ?? []).map((t, i) => ({ id: String(i + 1), name: t.name, colour: '#33FF00', exportable: true, user_id: '0', hide_tag: false, numerical_value: null, is_galaxy: false, is_custom_galaxy: false, local_only: false, local: t.local ? 1 : 0 })),
  };
}

/** An event document as MISP's events/view answers a sync user (`{"Event": …}`). */
export function mispEventJson(e: {
  uuid: string;
  info: string;
  distribution: number;
  timestamp: number;
  orgc: { uuid: string; name: string };
  org: { uuid: string; name: string };
  sharingGroup?: unknown;
  attributes: unknown[];
  tags?: Array<{ name: string; local?: boolean }>;
  published?: boolean;
}) {
  return {
    Event: {
      id: '12',
      orgc_id: '1',
      org_id: '1',
      date: '2023-11-14',
      threat_level_id: '2',
      info: e.info,
      published: e.published ?? true,
      uuid: e.uuid,
      attribute_count: String(e.attributes.length),
      analysis: '1',
      timestamp: String(e.timestamp),
      distribution: String(e.distribution),
      proposal_email_lock: false,
      locked: false,
      publish_timestamp: String(e.timestamp),
      sharing_group_id: e.sharingGroup ? '3' : '0',
      disable_correlation: false,
      extends_uuid: '',
      protected: null,
      event_creator_email: '',
      Org: mispOrgJson(e.org),
      Orgc: mispOrgJson(e.orgc),
      ...(e.sharingGroup ? { SharingGroup: e.sharingGroup } : {}),
      Attribute: e.attributes,
      ShadowAttribute: [],
      RelatedEvent: [],
      Galaxy: [],
      Object: [],
      EventReport: [],
      CryptographicKey: [],
      Tag: (e.tags ?? []).map((t, i) => ({ id: String(i + 1), name: t.name, colour: '#33FF00', exportable: true, user_id: '0', hide_tag: false, numerical_value: null, is_galaxy: false, is_custom_galaxy: false, local_only: false, local: t.local ? 1 : 0 })),
    },
  };
}
