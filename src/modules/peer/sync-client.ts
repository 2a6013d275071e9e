import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  PushEventsDocument,
  SyncEventsDocument,
  SyncEventsQuery,
  SyncHandshakeDocument,
  SyncHandshakeQuery,
  SyncIndexDocument,
  SyncIndexQuery,
  SyncEventInput,
  PushEventsMutation,
  PushSightingsDocument,
  SyncPullStartDocument,
  SyncSightingsDocument,
  SyncSightingsQuery,
} from '../../generated/graphql';
import { AppError, ERROR_CODES } from '../../shared/errors';
import { PROTOCOL_VERSION } from '../hub/hub.service';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { SyncEventWire, SyncSightingWire } from '../misp-import/wire.types';
import { PeerClientOptions, PeerHttp } from './peer-http';

/**
 * GraphQL carries enums by name (COMMUNITY_ONLY) and instants as ISO strings; inside the hub they are
 * MISP's numbers and Dates. These two functions are the only place that converts between them.
 */
function enumValue<E extends Record<string, string | number>>(e: E, name: string, what: string): E[keyof E] {
  const v = e[name as keyof E];
  if (typeof v !== 'number') throw new AppError('PEER_UNAVAILABLE', `Peer sent an unknown ${what} "${name}"`);
  return v;
}

export function fromGraphql(e: SyncEventsQuery['syncEvents'][number]): SyncEventWire {
  const date = (v: unknown) => (v == null ? null : new Date(String(v)));
  const group = <G extends { timestamp: unknown } | null | undefined>(g: G) => (g ? { ...g, timestamp: new Date(String(g.timestamp)) } : null);
  return {
    ...e,
    distribution: enumValue(Distribution, e.distribution, 'distribution'),
    threatLevel: enumValue(ThreatLevel, e.threatLevel, 'threat level'),
    analysis: enumValue(Analysis, e.analysis, 'analysis'),
    publishedAt: date(e.publishedAt),
    timestamp: new Date(e.timestamp),
    sharingGroup: e.sharingGroup ? { ...e.sharingGroup, timestamp: new Date(e.sharingGroup.timestamp) } : null,
    attributes: e.attributes.map((a) => ({
      ...a,
      distribution: enumValue(Distribution, a.distribution, 'distribution'),
      timestamp: new Date(a.timestamp),
      firstSeen: date(a.firstSeen),
      lastSeen: date(a.lastSeen),
      sharingGroup: a.sharingGroup ? { ...a.sharingGroup, timestamp: new Date(a.sharingGroup.timestamp) } : null,
    })),
    objects:
      e.objects?.map((o) => ({
        ...o,
        distribution: enumValue(Distribution, o.distribution, 'distribution'),
        sharingGroup: group(o.sharingGroup),
        firstSeen: date(o.firstSeen),
        lastSeen: date(o.lastSeen),
        timestamp: new Date(o.timestamp),
        references: o.references.map((r) => ({ ...r, timestamp: new Date(r.timestamp) })),
      })) ?? null,
    reports:
      e.reports?.map((r) => ({ ...r, distribution: enumValue(Distribution, r.distribution, 'distribution'), sharingGroup: group(r.sharingGroup), timestamp: new Date(r.timestamp) })) ??
      null,
    proposals: e.proposals?.map((p) => ({ ...p, firstSeen: date(p.firstSeen), lastSeen: date(p.lastSeen), timestamp: new Date(p.timestamp) })) ?? null,
    galaxyClusters: e.galaxyClusters ?? null,
  } as SyncEventWire;
}

export function toGraphql(w: SyncEventWire): SyncEventInput {
  const plain = JSON.parse(JSON.stringify(w)) as SyncEventInput & Record<string, unknown>;
  return {
    ...plain,
    distribution: Distribution[w.distribution] as SyncEventInput['distribution'],
    threatLevel: ThreatLevel[w.threatLevel] as SyncEventInput['threatLevel'],
    analysis: Analysis[w.analysis] as SyncEventInput['analysis'],
    attributes: plain.attributes.map((a, i) => ({ ...a, distribution: Distribution[w.attributes[i].distribution] as SyncEventInput['distribution'] })),
    objects: plain.objects?.map((o, i) => ({ ...o, distribution: Distribution[w.objects![i].distribution] as SyncEventInput['distribution'] })) ?? null,
    reports: plain.reports?.map((r, i) => ({ ...r, distribution: Distribution[w.reports![i].distribution] as SyncEventInput['distribution'] })) ?? null,
  };
}

/**
 * The outbound side of the sync protocol: typed documents (codegen.ts) over HTTP, under the transport
 * contract of peer-http.ts (timeout, response cap, TLS, outbound policy, no redirect so the key is sent to
 * the configured URL only, a short Retry-After wait, PEER_UNAVAILABLE naming what went wrong). The
 * remote's own text (a body that is not the protocol, error messages before the handshake proved it a
 * hub) is never repeated in errors: a URL pointing at an internal service must not turn the hub into a
 * reader of it.
 */
/** What the peer answered to the handshake (testPeer reports it). */
export type HandshakeAnswer = 'compatible' | 'incompatible' | 'key-refused' | 'not-the-protocol';

/** A GraphQL error code as reported: only codes of the catalogue, anything else is "another code". */
const reportedCode = (code: unknown) => ((ERROR_CODES as readonly unknown[]).includes(code) ? String(code) : code == null ? 'no code' : 'an unknown code');

/** A page of a peer's sighting deltas, converted (instants as Dates). */
export interface SyncSightingPage {
  sightings: SyncSightingWire[];
  cursor: string;
  hasMore: boolean;
}

export class SyncClient {
  /** Set by handshake(). */
  handshakeAnswer: HandshakeAnswer | null = null;
  /** Error messages of the peer are repeated only once its handshake proved it a hub of the protocol. */
  private trusted = false;
  private readonly printed = new Map<unknown, string>();
  private readonly http: PeerHttp;

  constructor(private readonly opts: PeerClientOptions) {
    this.http = new PeerHttp(opts, opts.url);
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

  async request<T, V>(doc: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    let query = this.printed.get(doc);
    if (!query) this.printed.set(doc, (query = print(doc)));
    const res = await this.http.fetch(this.opts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return this.answer<T>(res);
  }

  private async answer<T>(res: Response): Promise<T> {
    const text = await this.http.read(res);
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text);
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      throw this.http.unavailable(`answered HTTP ${res.status} with something that is not GraphQL JSON (${text.length} characters, not shown)`);
    }
    if (Array.isArray(body.errors) && body.errors.length) {
      const first = body.errors[0];
      const code = reportedCode(first?.extensions?.code);
      const said = this.trusted && typeof first?.message === 'string' ? `: ${first.message.slice(0, 300)}` : '';
      if (code === 'UNAUTHENTICATED') throw this.http.unavailable(`refused our API key (${code}${said})`);
      if (code === 'FORBIDDEN') throw this.http.unavailable(`our key is not a sync user there (${code}${said})`);
      throw this.http.unavailable(`answered HTTP ${res.status} with an error: ${code}${said}`);
    }
    if (!body.data || typeof body.data !== 'object') throw this.http.unavailable(`answered HTTP ${res.status} without data`);
    return body.data;
  }

  async handshake(): Promise<SyncHandshakeQuery> {
    this.handshakeAnswer = 'not-the-protocol';
    let info: SyncHandshakeQuery;
    try {
      info = await this.request(SyncHandshakeDocument, {});
    } catch (e) {
      if (e instanceof AppError && /refused our API key|not a sync user there/.test(e.message)) this.handshakeAnswer = 'key-refused';
      throw e;
    }
    // Only the protocol's own fields of the right form are believed (and ever reported by testPeer).
    const short = (v: unknown) => typeof v === 'string' && v.length <= 255;
    this.http.expect(
      /^\d{1,4}\.\d{1,4}$/.test(String(info?.hubInfo?.protocolVersion)) &&
        /^[0-9a-f-]{36}$/i.test(String(info?.hubInfo?.id)) &&
        short(info.hubInfo.software) &&
        short(info.hubInfo.organisation?.name) &&
        /^[A-Z_]{1,40}$/.test(String(info.me?.role)),
      'the handshake (hubInfo, me)',
    );
    const theirs = info.hubInfo.protocolVersion;
    if (theirs.split('.')[0] !== PROTOCOL_VERSION.split('.')[0]) {
      this.handshakeAnswer = 'incompatible';
      throw this.http.unavailable(`speaks sync protocol ${theirs}, this hub speaks ${PROTOCOL_VERSION} (incompatible major version)`);
    }
    this.handshakeAnswer = 'compatible';
    this.trusted = true;
    if (info.me.role !== 'SYNC_USER' && info.me.role !== 'ADMIN') {
      throw this.http.unavailable(`our key belongs to a ${info.me.role} user there; a SYNC_USER key is required`);
    }
    return info;
  }

  async index(since: string | null, first: number): Promise<SyncIndexQuery['syncIndex']> {
    return this.checkedIndex((await this.request(SyncIndexDocument, { since, first })).syncIndex);
  }

  /**
   * The first request of a pull: the first page of the event index after `since` and of the sighting
   * deltas after `sightingsSince`, in one request (a pull with nothing new asks nothing more).
   */
  async pullStart(since: string | null, sightingsSince: string | null, first: number): Promise<{ index: SyncIndexQuery['syncIndex']; sightings: SyncSightingPage }> {
    const r = await this.request(SyncPullStartDocument, { since, sightingsSince, first });
    return { index: this.checkedIndex(r.syncIndex), sightings: this.checkedSightings(r.syncSightings) };
  }

  private checkedIndex(page: SyncIndexQuery['syncIndex']): SyncIndexQuery['syncIndex'] {
    this.http.expect(
      !!page &&
        Array.isArray(page.entries) &&
        typeof page.cursor === 'string' &&
        typeof page.hasMore === 'boolean' &&
        page.entries.every((e) => e && typeof e.id === 'string' && typeof e.timestamp === 'string' && Array.isArray(e.tags)),
      'the sync index',
    );
    return page;
  }

  /** Full events, converted to the internal wire form (enum names to MISP numbers, instants to Dates). */
  async events(ids: string[]): Promise<SyncEventWire[]> {
    const list = (await this.request(SyncEventsDocument, { ids })).syncEvents;
    this.http.expect(Array.isArray(list), 'syncEvents');
    try {
      return list.map(fromGraphql);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw this.http.unavailable(`answered events of the wrong shape (${(e as Error).message})`);
    }
  }

  async push(hubId: string, events: SyncEventWire[]): Promise<PushEventsMutation['pushEvents']> {
    const r = (await this.request(PushEventsDocument, { hubId, events: events.map(toGraphql) })).pushEvents;
    this.http.expect(!!r && ['created', 'updated', 'deleted', 'skipped', 'failed'].every((k) => typeof (r as Record<string, unknown>)[k] === 'number'), 'pushEvents');
    return r;
  }

  /** Sighting deltas after a cursor (protocol 1.1), instants as Dates. */
  async sightings(since: string | null, first: number): Promise<SyncSightingPage> {
    return this.checkedSightings((await this.request(SyncSightingsDocument, { since, first })).syncSightings);
  }

  private checkedSightings(page: SyncSightingsQuery['syncSightings']): SyncSightingPage {
    this.http.expect(
      !!page && Array.isArray(page.sightings) && typeof page.cursor === 'string' && typeof page.hasMore === 'boolean' && page.sightings.every((x) => x && typeof x.id === 'string'),
      'syncSightings',
    );
    return { ...page, sightings: page.sightings.map((x) => ({ ...x, at: new Date(String(x.at)) })) };
  }

  async pushSightings(hubId: string, sightings: SyncSightingWire[]): Promise<{ created: number; skipped: number }> {
    const plain = JSON.parse(JSON.stringify(sightings)) as SyncSightingWire[];
    const r = (await this.request(PushSightingsDocument, { hubId, sightings: plain as never })).pushSightings;
    this.http.expect(!!r && typeof r.created === 'number' && typeof r.skipped === 'number', 'pushSightings');
    return r;
  }

  async close() {
    await this.http.close();
  }
}
