import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { EventEmitter, once } from 'node:events';

export type FixtureFault =
  /** Answers this HTTP status. */
  | { status: number }
  /** Never answers (the client must time out). */
  | { hang: true }
  /** Announces the full length, sends the first `bytes` bytes, then cuts the connection. */
  | { truncateAt: number }
  /** Sends the first `pauseAt` bytes in chunks of `chunk` bytes (one per event-loop turn), then holds the connection open (a slow source mid-download). */
  | { pauseAt: number; chunk?: number };

export interface Fixture {
  body: string | Buffer;
  fault?: FixtureFault;
}

/**
 * A real HTTP server on 127.0.0.1 port 0 serving fixtures the tests write: path → body (ETag = a hash of the
 * body, If-None-Match answered with 304) or a fault. Counts full downloads, per path too, and bytes sent.
 */
export class FeedFixtureServer {
  readonly files = new Map<string, Fixture>();
  downloads = 0;
  bytesSent = 0;
  readonly downloadsByPath = new Map<string, number>();
  /** Request headers of the last request per path. */
  readonly headersByPath = new Map<string, Record<string, string | string[] | undefined>>();
  private server!: Server;
  private readonly hanging = new Set<ServerResponse>();
  /** Emits 'request' (path) for every request, when it arrives. */
  readonly requests = new EventEmitter();
  url = '';

  /** Resolves when the next request for `path` arrives. */
  async nextRequest(path: string, timeoutMs = 10_000): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const [p] = await once(this.requests, 'request', { signal });
      if (p === path) return;
    }
  }

  /** Ends every hanging request by cutting its connection. */
  releaseHanging() {
    for (const res of this.hanging) res.socket?.destroy();
  }

  private readonly mounts: Array<{ prefix: string; dir: string; map: (rest: string) => string }> = [];

  /** Serves the files of `dir` (read at request time, never copied) under `prefix`; `map` rewrites the rest of the path. */
  mount(prefix: string, dir: string, map: (rest: string) => string = (r) => r) {
    this.mounts.push({ prefix: prefix.replace(/\/?$/, '/'), dir, map });
  }

  private fromMount(path: string): Fixture | undefined {
    for (const m of this.mounts) {
      if (!path.startsWith(m.prefix)) continue;
      const rest = normalize(m.map(decodeURIComponent(path.slice(m.prefix.length))));
      if (rest.startsWith('..') || rest.split(sep).includes('..')) return undefined;
      const file = join(m.dir, rest);
      try {
        if (statSync(file).isFile()) return { body: readFileSync(file) };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  set(path: string, body: string | Buffer, fault?: FixtureFault) {
    this.files.set(path, fault ? { body, fault } : { body });
  }

  async start() {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      this.requests.emit('request', path);
      this.headersByPath.set(path, req.headers);
      const f = this.files.get(path) ?? this.fromMount(path);
      if (!f) return void res.writeHead(404).end('not found');
      const body = typeof f.body === 'string' ? Buffer.from(f.body) : f.body;
      if (f.fault && 'status' in f.fault) return void res.writeHead(f.fault.status).end('boom');
      if (f.fault && ('hang' in f.fault || 'pauseAt' in f.fault)) {
        if ('pauseAt' in f.fault) {
          const { pauseAt, chunk = 16 * 1024 } = f.fault;
          res.writeHead(200, { 'content-type': 'text/plain' });
          const send = (at: number) => {
            if (at >= pauseAt || res.destroyed) return;
            const end = Math.min(pauseAt, at + chunk);
            res.write(body.subarray(at, end));
            this.bytesSent += end - at;
            setImmediate(() => send(end));
          };
          send(0);
        }
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      this.downloads++;
      this.downloadsByPath.set(path, (this.downloadsByPath.get(path) ?? 0) + 1);
      if (f.fault && 'truncateAt' in f.fault) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length), etag });
        res.write(body.subarray(0, f.fault.truncateAt));
        this.bytesSent += f.fault.truncateAt;
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      this.bytesSent += body.length;
      res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'text/plain', etag }).end(body);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    for (const res of this.hanging) res.socket?.destroy();
    this.server.closeAllConnections?.();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** A MISP feed event document as MISP/PyMISP write them ({"Event": {...}}), from a few facts. */
export function mispEventDoc(e: {
  uuid: string;
  info: string;
  timestamp: number;
  orgc: { uuid: string; name: string };
  tags?: string[];
  distribution?: number;
  attributes: Array<{ uuid?: string; type: string; value: string; category?: string; to_ids?: boolean; timestamp?: number; deleted?: boolean; distribution?: number; tags?: string[] }>;
}) {
  return {
    Event: {
      uuid: e.uuid,
      info: e.info,
      date: '2024-05-01',
      threat_level_id: '2',
      analysis: '1',
      timestamp: String(e.timestamp),
      published: true,
      distribution: String(e.distribution ?? 3),
      Orgc: e.orgc,
      Tag: (e.tags ?? []).map((name) => ({ name, colour: '#ffffff' })),
      Attribute: e.attributes.map((a) => ({
        ...(a.uuid ? { uuid: a.uuid } : {}),
        type: a.type,
        category: a.category ?? 'Network activity',
        value: a.value,
        to_ids: a.to_ids ?? true,
        timestamp: String(a.timestamp ?? e.timestamp),
        deleted: a.deleted ?? false,
        distribution: String(a.distribution ?? 5),
        comment: '',
        ...(a.tags ? { Tag: a.tags.map((name) => ({ name, colour: '#ffffff' })) } : {}),
      })),
    },
  };
}

/** The manifest entry MISP writes for an event document. */
export function manifestEntry(doc: ReturnType<typeof mispEventDoc>) {
  const e = doc.Event;
  return { info: e.info, Orgc: e.Orgc, Tag: e.Tag, timestamp: Number(e.timestamp), date: e.date, analysis: 1, threat_level_id: 2 };
}
