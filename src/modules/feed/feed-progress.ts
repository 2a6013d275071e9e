/**
 * Progress of running feed fetches, for the `feedFetchProgress(feedId)` subscription and the CLI. Each hub
 * has its own in-process emitter (no module state: two hubs can live in one process). Progress is only
 * heard on the replica that runs the fetch (it holds the feed's lease); it is a convenience, the feed's
 * status fields are the record.
 */
import { EventEmitter } from 'node:events';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { FeedProgressRelay } from '../../pubsub/redis-feed-progress';
import type { FeedFetchResult } from './feed.types';

export enum FeedFetchPhase {
  STARTED = 'STARTED',
  DOWNLOADING = 'DOWNLOADING',
  STORING = 'STORING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(FeedFetchPhase, {
  name: 'FeedFetchPhase',
  description: 'Where a feed fetch is.',
  valuesConfig: {
    STARTED: { description: 'The fetch took the feed\'s lease.' },
    DOWNLOADING: { description: 'Requesting the source (or the MISP manifest).' },
    STORING: { description: 'Parsing and storing values (MISP: events).' },
    DONE: { description: 'Finished (see the counts; `error` is set when some events failed).' },
    FAILED: { description: 'Stopped with an error; earlier data is intact.' },
  },
});

@ObjectType({ description: 'A progress report of a running feed fetch.' })
export class FeedFetchProgress {
  @Field(() => ID, { description: 'Feed uuid.' })
  feedId!: string;

  @Field(() => FeedFetchPhase, { description: 'Phase.' })
  phase!: FeedFetchPhase;

  @Field(() => Int, { description: 'Values (rows, tokens or MISP attributes) read from the source so far.' })
  rows: number = 0;

  @Field(() => Int, { description: 'Values stored so far.' })
  new: number = 0;

  @Field(() => Int, { description: 'Invalid values counted so far.' })
  invalid: number = 0;

  @Field(() => Int, { nullable: true, description: 'MISP feeds: events to download in this run (known once the manifest is read).' })
  eventsTotal: number | null = null;

  @Field(() => Int, { description: 'MISP feeds: events handled so far (stored or failed).' })
  eventsDone: number = 0;

  /** CSV / free-text: bytes of the source read so far (CLI progress bar; not a GraphQL field). */
  bytes: number = 0;

  /** CSV / free-text: the source's size when known in advance (file size or Content-Length). */
  bytesTotal: number | null = null;

  @Field(() => Boolean, { description: 'The last report of this fetch.' })
  done: boolean = false;

  @Field(() => String, { nullable: true, description: 'Error of the fetch (with phase FAILED or DONE).' })
  error: string | null = null;
}

/**
 * Per-hub emitter of progress reports, keyed by feed uuid. With a relay (REDIS_URL set), a report goes only
 * through Redis and is delivered when it comes back, on every replica alike (one delivery path, as the
 * change bus does); without one, in process.
 */
export class FeedProgressBus {
  private readonly emitter = new EventEmitter();
  constructor(private readonly relay: FeedProgressRelay | null = null) {
    this.emitter.setMaxListeners(0);
    relay?.onMessage((json) => {
      let p: FeedFetchProgress;
      try {
        p = Object.assign(new FeedFetchProgress(), JSON.parse(json) as FeedFetchProgress);
      } catch {
        return;
      }
      if (typeof p.feedId === 'string') this.emitter.emit(p.feedId, p);
    });
  }

  publish(p: FeedFetchProgress): void {
    if (this.relay) this.relay.publish(JSON.stringify(p));
    else this.emitter.emit(p.feedId, p);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return this.relay?.close() ?? Promise.resolve();
  }

  /** Resolves when the next listener for this feed subscribes (tests: a subscription is in place). */
  nextSubscriber(feedUuid: string, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onNew = (name: string | symbol) => {
        if (name !== feedUuid) return;
        this.emitter.off('newListener', onNew);
        resolve();
      };
      this.emitter.on('newListener', onNew);
      signal?.addEventListener('abort', () => {
        this.emitter.off('newListener', onNew);
        reject(signal.reason);
      });
    });
  }

  subscribe(feedUuid: string, listener: (p: FeedFetchProgress) => void): () => void {
    this.emitter.on(feedUuid, listener);
    return () => void this.emitter.off(feedUuid, listener);
  }

  /** Reports of one feed as an async stream; ends when `signal` aborts (bounded: only the latest 100 are kept). */
  async *stream(feedUuid: string, signal?: AbortSignal): AsyncGenerator<FeedFetchProgress> {
    const queue: FeedFetchProgress[] = [];
    let wake: (() => void) | null = null;
    const off = this.subscribe(feedUuid, (p) => {
      queue.push(p);
      if (queue.length > 100) queue.splice(0, queue.length - 100);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted) {
        if (!queue.length) await new Promise<void>((r) => (wake = r));
        wake = null;
        while (queue.length) yield queue.shift()!;
      }
    } finally {
      off();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** What a running fetch tells: phases at once, counts at most every `intervalMs`, the end always. */
export class FeedProgressReporter {
  private readonly current: FeedFetchProgress;
  private lastSent = 0;

  constructor(
    private readonly bus: FeedProgressBus | null,
    feedUuid: string,
    private readonly onReport?: (p: FeedFetchProgress) => void,
    private readonly intervalMs = 250,
  ) {
    this.current = Object.assign(new FeedFetchProgress(), { feedId: feedUuid, phase: FeedFetchPhase.STARTED });
  }

  private send(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastSent < this.intervalMs) return;
    this.lastSent = now;
    const copy = Object.assign(new FeedFetchProgress(), this.current);
    this.bus?.publish(copy);
    this.onReport?.(copy);
  }

  start(): void {
    this.send(true);
  }

  phase(phase: FeedFetchPhase | keyof typeof FeedFetchPhase, opts: { total?: number } = {}): void {
    this.current.phase = phase as FeedFetchPhase;
    if (opts.total !== undefined) this.current.eventsTotal = opts.total;
    this.send(true);
  }

  /** CSV / free-text: the source is open; its size when known. */
  source(size: number | null): void {
    this.current.bytesTotal = size;
    this.send(true);
  }

  /** CSV / free-text: `n` more bytes of the source read. */
  read(n: number): void {
    this.current.bytes += n;
    this.send(false);
  }

  rows(n: number, invalid = 0): void {
    this.current.rows += n;
    this.current.invalid += invalid;
    this.send(false);
  }

  stored(n: number): void {
    this.current.new += n;
    this.current.eventsDone++;
    this.send(false);
  }

  /** CSV / freetext: counts taken from the running result. */
  counts(result: Pick<FeedFetchResult, 'new' | 'invalid'>, rows: number): void {
    this.current.rows = rows;
    this.current.new = result.new;
    this.current.invalid = result.invalid;
    this.send(false);
  }

  failedEvent(): void {
    this.current.eventsDone++;
    this.send(false);
  }

  finish(result: FeedFetchResult, failed: boolean): void {
    Object.assign(this.current, {
      phase: failed ? FeedFetchPhase.FAILED : FeedFetchPhase.DONE,
      new: result.new,
      invalid: result.invalid,
      done: true,
      error: result.error,
    });
    this.send(true);
  }
}
