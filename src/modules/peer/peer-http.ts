/**
 * The transport both peer clients share (SyncClient for hubs, MispSyncClient for MISP servers): the
 * options a peer's client is made with, one request under the outbound policy, and a bounded answer.
 *
 * Contract: a timeout per request, a response size cap, TLS verification unless the peer is explicitly
 * marked otherwise, the outbound policy (public addresses only unless allowed; redirects never followed,
 * so the key reaches the configured origin only), a short wait for a peer's 429 Retry-After, and every
 * failure an AppError PEER_UNAVAILABLE naming the peer and what went wrong (never the remote's own text:
 * each client decides when that may be repeated).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '../../config/config';
import { AppError } from '../../shared/errors';
import { OutboundHttp, OutboundPolicy, outboundRefusal } from '../../shared/outbound';
import type { Peer } from './peer.entity';
import type { PeerSecretBox } from './peer-secret';

export interface PeerClientOptions {
  url: string;
  apiKey: string;
  tlsVerify: boolean;
  timeoutMs: number;
  maxResponseBytes: number;
  policy: OutboundPolicy;
  /** The peer's handshake already succeeded once (its uuid is known): its error messages are repeated. */
  knownHub?: boolean;
  /** Ends a wait for the peer's Retry-After (the run lost its lease, or the hub stops). */
  signal?: AbortSignal;
}

/**
 * The client options of a stored peer, from the hub's configuration. With `run` (a sync run under its
 * lease) the peer's messages are trusted once its uuid is known and a Retry-After wait ends with the run;
 * without (testPeer) nothing the peer says is trusted before its handshake.
 */
export function peerClientOptions(
  peer: Pick<Peer, 'url' | 'apiKeyEncrypted' | 'tlsVerify' | 'hubUuid'>,
  secrets: PeerSecretBox,
  config: Pick<Config, 'peerTimeoutMs' | 'peerMaxResponseBytes' | 'outboundAllowPrivate'>,
  run?: { signal: AbortSignal },
): PeerClientOptions {
  return {
    url: peer.url,
    apiKey: secrets.open(peer.apiKeyEncrypted),
    tlsVerify: peer.tlsVerify,
    timeoutMs: config.peerTimeoutMs,
    maxResponseBytes: config.peerMaxResponseBytes,
    policy: { allowPrivate: config.outboundAllowPrivate },
    ...(run ? { knownHub: !!peer.hubUuid, signal: run.signal } : {}),
  };
}

const RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_WAIT_MS = 30_000;

/** Retry-After in seconds (the only form waited for; an HTTP date is not). */
export function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}

/**
 * The body as text, at most `max` bytes: past that the stream is cancelled and `tooLarge()` thrown (so a
 * peer cannot make the hub buffer an answer of any size).
 */
export async function readBodyCapped(res: Response, max: number, tooLarge: () => Error): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One peer's HTTP side: requests counted, the last status kept, errors naming the peer (`label`). */
export class PeerHttp {
  /** Requests made so far, each attempt counted (sync results report it). */
  requests = 0;
  /** HTTP status of the last answer (null before one). */
  lastStatus: number | null = null;
  private readonly http: OutboundHttp;

  constructor(
    private readonly opts: PeerClientOptions,
    private readonly label: string,
  ) {
    this.http = new OutboundHttp(opts.policy, { tlsVerify: opts.tlsVerify });
  }

  unavailable(message: string): AppError {
    return new AppError('PEER_UNAVAILABLE', `Peer ${this.label}: ${message}`);
  }

  /** Checks the shape of an answer: a peer answering the wrong JSON gets a clear error, not a crash. */
  expect(ok: boolean, what: string): void {
    if (!ok) throw this.unavailable(`answered ${what} of the wrong shape`);
  }

  /**
   * One request, the key in `authorization` for the configured origin only (no redirect is followed). A
   * 429 with a short Retry-After is waited for, a few times: a sync is paged and resumable, so a longer
   * wait is better left to the next scheduled run.
   */
  async fetch(url: string, init: Omit<RequestInit, 'signal'>): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(url, init);
      const wait = res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null;
      if (wait === null || attempt >= RATE_LIMIT_RETRIES || wait > MAX_RATE_LIMIT_WAIT_MS) return res;
      await res.body?.cancel().catch(() => undefined);
      await delay(wait, undefined, { signal: this.opts.signal });
    }
  }

  private async send(url: string, init: Omit<RequestInit, 'signal'>): Promise<Response> {
    this.requests++;
    let res: Response;
    try {
      res = await this.http.fetch(new URL(url), { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs) }, { maxRedirects: 0, originOnlyHeaders: { authorization: this.opts.apiKey } });
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

  /** The body within the response cap; past it PEER_UNAVAILABLE, or what `asError` makes of it. */
  read(res: Response, asError: (e: AppError) => Error = (e) => e): Promise<string> {
    const max = this.opts.maxResponseBytes;
    return readBodyCapped(res, max, () => asError(this.unavailable(`response larger than ${max} bytes`)));
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
