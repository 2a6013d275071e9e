import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { PeerClientOptions, PeerHttp } from './peer-http';
import { HandshakeAnswer } from './sync-client';

/**
 * The outbound side of MISP's own sync API, as a MISP server speaks it when it pulls from or pushes to
 * another one (MISP's ServerSyncTool / Server::pull / Server::push): `servers/getVersion`,
 * `users/view/me`, `events/index` (minimal), `events/view/<uuid>` with CakePHP named parameters,
 * `events/filterEventIdsForPush`, `events/add|edit/…/metadata:1`, `sightings/restSearch`,
 * `sightings/filterSightingUuidsForPush/<event>`, `sightings/bulkSaveSightings/<event>`.
 *
 * Same transport as the hub's GraphQL client (SyncClient): peer-http.ts (timeout, response cap, TLS,
 * outbound policy, no redirect, a short Retry-After wait, PEER_UNAVAILABLE naming what went wrong). The
 * remote's own text is repeated only once its handshake proved it a MISP server and our key a sync user's
 * there.
 */

/** One row of MISP's minimal event index (`events/index` with `minimal: 1`). */
export interface MispIndexRow {
  uuid: string;
  /** Event timestamp, seconds. */
  timestamp: number;
  /** Sightings timestamp, seconds (0: none). */
  sightingTimestamp: number;
  published: boolean;
  orgcUuid: string | null;
}

/** What the handshake learned. */
export interface MispHandshake {
  /** The MISP version string (dot-separated integers). */
  version: string;
  /** The server's uuid (getVersion `uuid`), or one derived from its URL when it gives none. */
  hubUuid: string;
  /** The organisation of our sync user there. */
  organisation: { uuid: string | null; name: string };
  /** The server says it filters sightings already known before a push (filterSightingUuidsForPush). */
  filterSightings: boolean;
}

/** What the peer answered to one pushed event. */
export type MispPushAnswer = { kind: 'saved'; created: boolean } | { kind: 'refused'; why: string } | { kind: 'failed'; why: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** MISP's booleans and numbers arrive as booleans, numbers or numeric strings. */
const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
const seconds = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

/** A stable uuid for a MISP server that gives none (getVersion `uuid` "-" or absent): derived from its URL. */
export function derivedServerUuid(url: string): string {
  const h = createHash('sha256').update(`misp-server:${new URL(url).origin}${new URL(url).pathname.replace(/\/+$/, '')}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Answer {
  status: number;
  json: unknown;
  headers: Headers;
}

export class MispSyncClient {
  /** Set by handshake(). */
  handshakeAnswer: HandshakeAnswer | null = null;
  private trusted: boolean;
  private readonly http: PeerHttp;
  private readonly base: string;

  constructor(opts: PeerClientOptions) {
    this.base = opts.url.replace(/\/+$/, '');
    this.http = new PeerHttp(opts, this.base);
    this.trusted = opts.knownHub ?? false;
  }

  /** Requests made so far, each attempt counted (sync results report it). */
  get requests(): number {
    return this.http.requests;
  }

  /** HTTP status of the last answer (null before one). */
  get lastStatus(): number | null {
    return this.http.lastStatus;
  }

  /** The remote's error text, once it is known to be a MISP server (never before: it could be anything). */
  private said(json: unknown): string {
    if (!this.trusted || !isObject(json)) return '';
    const text = [json.message, json.errors, json.name].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
    return text ? `: ${text.slice(0, 300)}` : '';
  }

  /**
   * One request; JSON in and out. `accept` lists the statuses answered to the caller (others throw):
   * 200 always. A 429 with a short Retry-After is waited for, a few times.
   */
  private async call(method: 'GET' | 'POST' | 'HEAD', path: string, body?: unknown, accept: number[] = [200], headers: Record<string, string> = {}): Promise<Answer> {
    const res = await this.http.fetch(`${this.base}/${path}`, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'threatmesh-misp-sync', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const what = path.split('/').slice(0, 2).join('/');
    const text = method === 'HEAD' || res.status === 304 ? '' : await this.http.read(res, (e) => new MispResponseTooLarge(e.message));
    let json: unknown = null;
    if (text.trim()) {
      try {
        json = JSON.parse(text);
      } catch {
        throw this.http.unavailable(`answered HTTP ${res.status} to ${what} with something that is not JSON (${text.length} characters, not shown)`);
      }
    }
    if (res.status === 200 || accept.includes(res.status)) return { status: res.status, json, headers: res.headers };
    if (res.status === 401) throw this.http.unavailable(`refused our API key (HTTP 401 on ${what}${this.said(json)})`);
    if (res.status === 403) throw this.http.unavailable(`refused ${what} (HTTP 403${this.said(json)}): our key may not be a sync user's there`);
    throw this.http.unavailable(`answered HTTP ${res.status} to ${what}${this.said(json)}`);
  }

  /**
   * `servers/getVersion` then `users/view/me` (MISP's own checks before a sync): a MISP version of the
   * form MISP writes, and a key whose role has perm_sync. Anything else is refused with a clear status.
   */
  async handshake(): Promise<MispHandshake> {
    this.handshakeAnswer = 'not-the-protocol';
    let version: Answer;
    try {
      version = await this.call('GET', 'servers/getVersion');
    } catch (e) {
      if (e instanceof AppError && /HTTP 40[13]/.test(e.message)) this.handshakeAnswer = 'key-refused';
      throw e;
    }
    const v = version.json;
    this.http.expect(isObject(v) && typeof v.version === 'string' && /^\d{1,4}\.\d{1,4}\.\d{1,6}/.test(v.version), 'servers/getVersion (version)');
    const info = v as Record<string, unknown>;
    if (!String(info.version).startsWith('2.')) {
      this.handshakeAnswer = 'incompatible';
      throw this.http.unavailable(`speaks MISP ${String(info.version).slice(0, 20)}; this hub speaks MISP 2.x sync`);
    }
    const me = (await this.call('GET', 'users/view/me')).json;
    this.http.expect(isObject(me) && isObject(me.Role) && isObject(me.Organisation), 'users/view/me (User, Role, Organisation)');
    const role = (me as Record<string, Record<string, unknown>>).Role;
    const org = (me as Record<string, Record<string, unknown>>).Organisation;
    this.handshakeAnswer = 'compatible';
    this.trusted = true;
    if (!truthy(role.perm_sync) || !truthy(info.perm_sync ?? role.perm_sync)) {
      this.handshakeAnswer = 'key-refused';
      throw this.http.unavailable(`our key belongs to a user whose role "${String(role.name ?? '?').slice(0, 50)}" lacks perm_sync there; a sync user's key is required`);
    }
    const uuid = typeof info.uuid === 'string' && UUID.test(info.uuid) ? info.uuid.toLowerCase() : derivedServerUuid(this.base);
    return {
      version: String(info.version).slice(0, 40),
      hubUuid: uuid,
      organisation: { uuid: typeof org.uuid === 'string' && UUID.test(org.uuid) ? org.uuid.toLowerCase() : null, name: String(org.name ?? '').slice(0, 255) },
      filterSightings: truthy(info.filter_sightings),
    };
  }

  /** `events/index` with MISP's minimal filters (POST body, as MISP's getEventIdsFromServer sends them). */
  async index(filters: Record<string, unknown>): Promise<MispIndexRow[]> {
    return (await this.indexIfChanged(filters, null)).rows!;
  }

  /**
   * The minimal index with MISP's ETag (ServerSyncTool::eventIndex): `rows` null when the server answers
   * 304 to `etag` (nothing changed since), else the rows and the server's new ETag (if any).
   */
  async indexIfChanged(filters: Record<string, unknown>, etag: string | null): Promise<{ rows: MispIndexRow[] | null; etag: string | null }> {
    const a = await this.call('POST', 'events/index', { minimal: 1, published: 1, ...filters }, [304], etag ? { 'if-none-match': etag } : {});
    const tag = a.headers.get('etag');
    const newTag = tag && tag.length <= 200 && /^(W\/)?"[^"]*"$/.test(tag) ? tag : null;
    if (a.status === 304) return { rows: null, etag: newTag ?? etag };
    const list = a.json;
    // MISP answers a single event as a bare object (Server::getEventIdsFromServer "correct if just one event").
    const rows = isObject(list) && 'uuid' in list ? [list] : list;
    this.http.expect(Array.isArray(rows), 'events/index (a list)');
    const out: MispIndexRow[] = [];
    for (const r of rows as unknown[]) {
      const ts = isObject(r) ? seconds(r.timestamp) : null;
      this.http.expect(isObject(r) && typeof r.uuid === 'string' && UUID.test(r.uuid) && ts !== null, 'events/index rows (uuid, timestamp)');
      const row = r as Record<string, unknown>;
      out.push({
        uuid: String(row.uuid).toLowerCase(),
        timestamp: ts!,
        sightingTimestamp: seconds(row.sighting_timestamp) ?? 0,
        published: row.published === undefined ? true : truthy(row.published),
        orgcUuid: typeof row.orgc_uuid === 'string' && UUID.test(row.orgc_uuid) ? row.orgc_uuid.toLowerCase() : null,
      });
    }
    return { rows: out, etag: newTag };
  }

  /**
   * One full event as MISP's pull downloads it (Event::downloadEventFromServer): tombstones of its
   * attributes and objects included (`deleted[]:0/deleted[]:1`), local tags left out unless the link is
   * internal. Galaxy clusters are asked for (MISP pulls them separately; the hub keeps them with their
   * tags). Null when the event is not there (404: deleted or unpublished since the index).
   */
  async event(uuid: string, opts: { internal: boolean }): Promise<unknown> {
    const named = `deleted[]:0/deleted[]:1${opts.internal ? '' : '/excludeLocalTags:1'}`;
    const a = await this.call('GET', `events/view/${encodeURIComponent(uuid)}/${named}`, undefined, [404]);
    return a.status === 404 ? null : a.json;
  }

  /** `events/filterEventIdsForPush`: of these (uuid, timestamp), the uuids the peer wants (new or newer there). */
  async filterEventIdsForPush(events: Array<{ uuid: string; timestamp: number }>): Promise<Set<string>> {
    const body = events.map((e) => ({ Event: { uuid: e.uuid, timestamp: String(e.timestamp) } }));
    const list = (await this.call('POST', 'events/filterEventIdsForPush', body)).json;
    this.http.expect(Array.isArray(list) && list.every((u) => typeof u === 'string'), 'events/filterEventIdsForPush (a list of uuids)');
    return new Set((list as string[]).map((u) => u.toLowerCase()));
  }

  /** HEAD `events/view/<uuid>` (MISP's eventExists): true on 200, false on 404. */
  async eventExists(uuid: string): Promise<boolean> {
    const a = await this.call('HEAD', `events/view/${encodeURIComponent(uuid)}`, undefined, [404]);
    return a.status === 200;
  }

  /**
   * Pushes one event as MISP's ServerSyncTool::pushEvent does: `events/add/metadata:1` when the peer does
   * not have it, else `events/edit/<uuid>/metadata:1` (and add after all when the edit answers 404). A 403
   * is the peer's refusal (not newer, not ours to change, …): reported, not retried.
   */
  async pushEvent(uuid: string, event: unknown): Promise<MispPushAnswer> {
    const exists = await this.eventExists(uuid).catch(() => false);
    const send = (path: string) => this.call('POST', path, event, [400, 403, 404, 405, 409, 422]);
    let created = !exists;
    let a = await send(exists ? `events/edit/${encodeURIComponent(uuid)}/metadata:1` : 'events/add/metadata:1');
    if (a.status === 404 && exists) {
      created = true;
      a = await send('events/add/metadata:1');
    }
    if (a.status === 200) {
      this.http.expect(isObject(a.json) && isObject(a.json.Event), 'the pushed event ({"Event": …})');
      return { kind: 'saved', created };
    }
    const why = `HTTP ${a.status}${this.said(a.json) || ''}`;
    return a.status === 403 || a.status === 409 ? { kind: 'refused', why } : { kind: 'failed', why };
  }

  /**
   * Every sighting of these events (MISP's ServerSyncTool::fetchSightingsForEvents: `sightings/restSearch/event`
   * with `last` 0, `includeUuid`, the event uuids), as `{"response": [{"Sighting": …}]}`.
   */
  async sightingsOfEvents(eventUuids: string[]): Promise<Array<Record<string, unknown>>> {
    const a = (await this.call('POST', 'sightings/restSearch/event', { returnFormat: 'json', last: 0, includeUuid: true, uuid: eventUuids })).json;
    const list = isObject(a) ? a.response : a;
    this.http.expect(Array.isArray(list) && list.every((s) => isObject(s) && isObject(s.Sighting)), 'sightings/restSearch ({"response": [{"Sighting": …}]})');
    return (list as Array<{ Sighting: Record<string, unknown> }>).map((s) => s.Sighting);
  }

  /** `sightings/filterSightingUuidsForPush/<event>`: of these sighting uuids, those the peer already has. */
  async knownSightings(eventUuid: string, uuids: string[]): Promise<Set<string>> {
    const a = await this.call('POST', `sightings/filterSightingUuidsForPush/${encodeURIComponent(eventUuid)}`, uuids, [404]);
    if (a.status === 404 || !Array.isArray(a.json)) return new Set();
    return new Set((a.json as unknown[]).filter((u): u is string => typeof u === 'string').map((u) => u.toLowerCase()));
  }

  /** `sightings/bulkSaveSightings/<event>`; the count the peer says it saved (MISP: "N sightings added"), else null. */
  async bulkSaveSightings(eventUuid: string, sightings: unknown[]): Promise<number | null> {
    const a = (await this.call('POST', `sightings/bulkSaveSightings/${encodeURIComponent(eventUuid)}`, sightings)).json;
    const text = isObject(a) ? [a.message, a.name].find((v) => typeof v === 'string') : undefined;
    const m = typeof text === 'string' ? /(\d+)\s+sighting/i.exec(text) : null;
    return m ? Number(m[1]) : null;
  }

  async close() {
    await this.http.close();
  }
}

/** A response over the size cap (the run reports which event and goes on). */
export class MispResponseTooLarge extends AppError {
  constructor(message: string) {
    super('PEER_UNAVAILABLE', message);
  }
}
