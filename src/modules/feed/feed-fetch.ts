/**
 * The outbound side of feeds (DESIGN §12.8: outbound HTTP behind a small client module): opens a feed source
 * as a byte stream. http(s) sources get a timeout, a size cap and a conditional GET (If-None-Match /
 * If-Modified-Since from the previous fetch; 304 means "unchanged, nothing downloaded"). Local sources
 * (`file://` URLs or paths, for air-gapped hubs) are read with a stream; their ETag is size + mtime, so an
 * unchanged file is not read again either. Both go through the outbound policy (shared/outbound.ts): http
 * sources reach public addresses only (every redirect hop checked, at most MAX_REDIRECTS, the feed's own
 * headers never sent to another origin); local files are read only below FEED_FILE_ROOT.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { localFileBelowRoot, OutboundHttp, outboundRefusal } from '../../shared/outbound';

/** Default outbound limits for feed sources (big public feeds reach hundreds of MB). */
export const FEED_TIMEOUT_MS = 120_000;
export const FEED_MAX_BYTES = 1024 * 1024 * 1024;
/** Redirect hops followed for a feed source. */
export const MAX_REDIRECTS = 5;

/** How a feed run reaches its sources: its HTTP client (closed by the run) and the local-file root. */
export interface FeedOutbound {
  http: OutboundHttp;
  /** FEED_FILE_ROOT; null = local file feeds off. */
  fileRoot: string | null;
}

/** How one run (fetch or preview) reaches its sources under the outbound policy. */
export const feedOutbound = (config: { outboundAllowPrivate: boolean; feedFileRoot: string | null }): FeedOutbound => ({
  http: new OutboundHttp({ allowPrivate: config.outboundAllowPrivate }),
  fileRoot: config.feedFileRoot,
});

export interface FeedSourceRequest {
  url: string;
  /** Validators of the previous successful fetch. */
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  /** Extra request headers (http sources; sent to the feed's origin only). */
  headers?: Record<string, string>;
  outbound: FeedOutbound;
  /** Stops the download (e.g. the fetch lost its lease); the read then fails with the signal's reason. */
  signal?: AbortSignal;
}

export type FeedSource =
  | { notModified: true }
  | {
      notModified: false;
      body: AsyncIterable<Buffer>;
      etag: string | null;
      lastModified: string | null;
      /** Size when known in advance (the file's size, or the response's Content-Length): progress percentages. */
      size: number | null;
    };

/** A source that could not be read: HTTP error, timeout, too big, missing file. The message says which. */
export class FeedSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedSourceError';
  }
}

/** Where a feed url points: an http(s) URL, or a local file (file:// URL or a path). Throws for anything else. */
export function classifySource(url: string): { kind: 'http'; url: URL } | { kind: 'file'; path: string } {
  const text = url.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let u: URL;
    try {
      u = new URL(text);
    } catch {
      throw new FeedSourceError(`feed url "${url}" is not a valid URL`);
    }
    if (u.protocol === 'http:' || u.protocol === 'https:') return { kind: 'http', url: u };
    if (u.protocol === 'file:') return { kind: 'file', path: fileURLToPath(u) };
    throw new FeedSourceError(`feed url "${url}" has scheme ${u.protocol}: expected http, https, file or a local path`);
  }
  if (text === '' || /[\0]/.test(text)) throw new FeedSourceError(`feed url "${url}" is neither a URL nor a path`);
  return { kind: 'file', path: text };
}

/** Counts bytes and stops the stream with an error past the cap. */
async function* capped(body: AsyncIterable<Uint8Array | Buffer | string>, maxBytes: number, what: string, timeoutMs: number, signal?: AbortSignal): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of body) {
      signal?.throwIfAborted();
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      total += buf.length;
      if (total > maxBytes) throw new FeedSourceError(`${what} is larger than the limit of ${maxBytes} bytes`);
      yield buf;
    }
  } catch (e) {
    throw signal?.aborted ? signal.reason : toSourceError(e, what, timeoutMs);
  }
}

function toSourceError(e: unknown, what: string, timeoutMs: number): Error {
  if (e instanceof FeedSourceError) return e;
  const refused = outboundRefusal(e);
  if (refused) return new FeedSourceError(`${what} refused: ${refused.message}`, { cause: e });
  const name = (e as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new FeedSourceError(`${what} timed out after ${timeoutMs} ms`, { cause: e });
  const cause = (e as { cause?: { message?: string } })?.cause?.message;
  return new FeedSourceError(`${what} could not be read: ${(e as Error)?.message ?? String(e)}${cause ? ` (${cause})` : ''}`, { cause: e });
}

const isConnectionReset = (e: unknown) => {
  const code = (e as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
};

/** Opens the source; throws FeedSourceError when it cannot be read. */
export async function openFeedSource(req: FeedSourceRequest): Promise<FeedSource> {
  const timeoutMs = req.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = req.maxBytes ?? FEED_MAX_BYTES;
  const source = classifySource(req.url);
  if (source.kind === 'file') {
    const what = `feed file ${source.path}`;
    let path: string;
    try {
      path = await localFileBelowRoot(req.outbound.fileRoot, source.path);
    } catch (e) {
      throw toSourceError(e, what, timeoutMs);
    }
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      throw new FeedSourceError(`${what} could not be read: ${(e as Error).message}`, { cause: e });
    }
    if (!info.isFile()) throw new FeedSourceError(`${what} is not a regular file`);
    if (info.size > maxBytes) throw new FeedSourceError(`${what} is larger than the limit of ${maxBytes} bytes`);
    const etag = `"file-${info.size}-${Math.trunc(info.mtimeMs)}"`;
    if (req.etag && req.etag === etag) return { notModified: true };
    return { notModified: false, body: capped(createReadStream(path), maxBytes, what, timeoutMs, req.signal), etag, lastModified: info.mtime.toUTCString(), size: info.size };
  }
  const what = `feed source ${source.url.toString()}`;
  const headers: Record<string, string> = { 'user-agent': 'threatmesh-feed-fetcher' };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  let res: Response;
  const signal = req.signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), req.signal]) : AbortSignal.timeout(timeoutMs);
  const get = () => req.outbound.http.fetch(source.url, { headers, signal }, { maxRedirects: MAX_REDIRECTS, originOnlyHeaders: req.headers });
  try {
    try {
      res = await get();
    } catch (e) {
      // A kept-alive connection the server closed meanwhile: retried once on a fresh one (GET is idempotent).
      if (!isConnectionReset(e) || signal.aborted) throw e;
      res = await get();
    }
  } catch (e) {
    throw req.signal?.aborted ? req.signal.reason : toSourceError(e, what, timeoutMs);
  }
  if (res.status === 304) {
    await res.body?.cancel().catch(() => undefined);
    return { notModified: true };
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedSourceError(`${what} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length) && length > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    throw new FeedSourceError(`${what} announces ${length} bytes, more than the limit of ${maxBytes}`);
  }
  return {
    notModified: false,
    body: capped(res.body as unknown as AsyncIterable<Uint8Array>, maxBytes, what, timeoutMs, req.signal),
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
    // A compressed transfer announces the compressed length, not the bytes the body yields.
    size: Number.isFinite(length) && !res.headers.get('content-encoding') ? length : null,
  };
}
