import { setTimeout as delay } from 'node:timers/promises';
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
  SyncSightingsDocument,
  SyncSightingsQuery,
} from '../../generated/graphql';
import { AppError, ERROR_CODES } from '../../shared/errors';
import { OutboundHttp, OutboundPolicy, outboundRefusal } from '../../shared/outbound';
import { PROTOCOL_VERSION } from '../hub/hub.service';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { SyncEventWire, SyncSightingWire } from '../misp-import/wire.types';

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
 * The outbound side of the sync protocol: typed documents (codegen.ts) over HTTP, with a timeout, a
 * response size cap, TLS verification unless the peer is explicitly marked otherwise, and every failure
 * turned into PEER_UNAVAILABLE with a message saying what went wrong. Under the outbound policy
 * (shared/outbound.ts): public addresses only unless allowed, and redirects are never followed, so the key
 * is sent to the configured URL only. The remote's own text (a body that is not the protocol, error
 * messages before the handshake proved it a hub) is never repeated in errors: a URL pointing at an
 * internal service must not turn the hub into a reader of it.
 */
export interface SyncClientOptions {
  url: string;
  apiKey: string;
  tlsVerify: boolean;
  timeoutMs: number;
  maxResponseBytes: number;
  policy: OutboundPolicy;
  /** The peer's handshake already succeeded once (its hub uuid is known): its error messages are repeated. */
  knownHub?: boolean;
  /** Ends a wait for the peer's Retry-After (the run lost its lease, or the hub stops). */
  signal?: AbortSignal;
}

/** What the peer answered to the handshake (testPeer reports it). */
export type HandshakeAnswer = 'compatible' | 'incompatible' | 'key-refused' | 'not-the-protocol';

/** A GraphQL error code as reported: only codes of the catalogue, anything else is "another code". */
const reportedCode = (code: unknown) => ((ERROR_CODES as readonly unknown[]).includes(code) ? String(code) : code == null ? 'no code' : 'an unknown code');

const RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_WAIT_MS = 30_000;

/** Retry-After in seconds (the only form the hub sends; an HTTP date is not waited for). */
export function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}

export class SyncClient {
  /** Requests made so far (sync results report it). */
  requests = 0;
  /** HTTP status of the last answer (null before one). */
  lastStatus: number | null = null;
  /** Set by handshake(). */
  handshakeAnswer: HandshakeAnswer | null = null;
  /** Error messages of the peer are repeated only once its handshake proved it a hub of the protocol. */
  private trusted = false;
  private readonly printed = new Map<unknown, string>();
  private readonly http: OutboundHttp;

  constructor(private readonly opts: SyncClientOptions) {
    this.http = new OutboundHttp(opts.policy, { tlsVerify: opts.tlsVerify });
    this.trusted = opts.knownHub ?? false;
  }

  private unavailable(message: string): AppError {
    return new AppError('PEER_UNAVAILABLE', `Peer ${this.opts.url}: ${message}`);
  }

  async request<T, V>(doc: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    let query = this.printed.get(doc);
    if (!query) this.printed.set(doc, (query = print(doc)));
    // A peer that rate-limits our key (429 + Retry-After) is waited for, a few times and briefly: a sync
    // is paged and resumable, so a longer wait is better left to the next scheduled run.
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(query, variables);
      const wait = res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null;
      if (wait === null || attempt >= RATE_LIMIT_RETRIES || wait > MAX_RATE_LIMIT_WAIT_MS) return this.answer<T>(res);
      await res.body?.cancel().catch(() => undefined);
      await delay(wait, undefined, { signal: this.opts.signal });
    }
  }

  private async send(query: string, variables: unknown): Promise<Response> {
    this.requests++;
    let res: Response;
    try {
      res = await this.http.fetch(
        new URL(this.opts.url),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        },
        // The key goes to the configured URL only: no redirect is followed.
        { maxRedirects: 0, originOnlyHeaders: { authorization: this.opts.apiKey } },
      );
    } catch (e) {
      const refused = outboundRefusal(e);
      if (refused) throw this.unavailable(`refused: ${refused.message}`);
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why = err.name === 'TimeoutError' ? `no answer within ${this.opts.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
      throw this.unavailable(`unreachable (${why})`);
    }
    this.lastStatus = res.status;
    return res;
  }

  private async answer<T>(res: Response): Promise<T> {
    const text = await this.readCapped(res);
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text);
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      throw this.unavailable(`answered HTTP ${res.status} with something that is not GraphQL JSON (${text.length} characters, not shown)`);
    }
    if (Array.isArray(body.errors) && body.errors.length) {
      const first = body.errors[0];
      const code = reportedCode(first?.extensions?.code);
      const said = this.trusted && typeof first?.message === 'string' ? `: ${first.message.slice(0, 300)}` : '';
      if (code === 'UNAUTHENTICATED') throw this.unavailable(`refused our API key (${code}${said})`);
      if (code === 'FORBIDDEN') throw this.unavailable(`our key is not a sync user there (${code}${said})`);
      throw this.unavailable(`answered HTTP ${res.status} with an error: ${code}${said}`);
    }
    if (!body.data || typeof body.data !== 'object') throw this.unavailable(`answered HTTP ${res.status} without data`);
    return body.data;
  }

  private async readCapped(res: Response): Promise<string> {
    const reader = res.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.opts.maxResponseBytes) {
        await reader.cancel();
        throw this.unavailable(`response larger than ${this.opts.maxResponseBytes} bytes`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Handshake: the peer's identity and a compatible protocol (same major version). */
  /** Checks the shape of an answer: a peer answering the wrong JSON gets a clear error, not a crash. */
  private expect(ok: boolean, what: string): void {
    if (!ok) throw this.unavailable(`answered ${what} of the wrong shape`);
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
    this.expect(
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
      throw this.unavailable(`speaks sync protocol ${theirs}, this hub speaks ${PROTOCOL_VERSION} (incompatible major version)`);
    }
    this.handshakeAnswer = 'compatible';
    this.trusted = true;
    if (info.me.role !== 'SYNC_USER' && info.me.role !== 'ADMIN') {
      throw this.unavailable(`our key belongs to a ${info.me.role} user there; a SYNC_USER key is required`);
    }
    return info;
  }

  async index(since: string | null, first: number): Promise<SyncIndexQuery['syncIndex']> {
    const page = (await this.request(SyncIndexDocument, { since, first })).syncIndex;
    this.expect(
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
    this.expect(Array.isArray(list), 'syncEvents');
    try {
      return list.map(fromGraphql);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw this.unavailable(`answered events of the wrong shape (${(e as Error).message})`);
    }
  }

  async push(hubId: string, events: SyncEventWire[]): Promise<PushEventsMutation['pushEvents']> {
    const r = (await this.request(PushEventsDocument, { hubId, events: events.map(toGraphql) })).pushEvents;
    this.expect(!!r && ['created', 'updated', 'deleted', 'skipped', 'failed'].every((k) => typeof (r as Record<string, unknown>)[k] === 'number'), 'pushEvents');
    return r;
  }

  /** Sighting deltas after a cursor (protocol 1.1), instants as Dates. */
  async sightings(since: string | null, first: number): Promise<{ sightings: SyncSightingWire[]; cursor: string; hasMore: boolean }> {
    const page: SyncSightingsQuery['syncSightings'] = (await this.request(SyncSightingsDocument, { since, first })).syncSightings;
    this.expect(
      !!page && Array.isArray(page.sightings) && typeof page.cursor === 'string' && typeof page.hasMore === 'boolean' && page.sightings.every((x) => x && typeof x.id === 'string'),
      'syncSightings',
    );
    return { ...page, sightings: page.sightings.map((x) => ({ ...x, at: new Date(String(x.at)) })) };
  }

  async pushSightings(hubId: string, sightings: SyncSightingWire[]): Promise<{ created: number; skipped: number }> {
    const plain = JSON.parse(JSON.stringify(sightings)) as SyncSightingWire[];
    const r = (await this.request(PushSightingsDocument, { hubId, sightings: plain as never })).pushSightings;
    this.expect(!!r && typeof r.created === 'number' && typeof r.skipped === 'number', 'pushSightings');
    return r;
  }

  async close() {
    await this.http.close();
  }
}
