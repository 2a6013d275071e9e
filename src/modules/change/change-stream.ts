import { Viewer } from '../../auth/policy';
import { FeedItem, ChangeFeed } from './change-feed';

/** Yielded instead of an item when a live subscriber has fallen further behind than allowed. */
export interface LagNotice {
  readonly lagged: true;
  /** Seq of the last change delivered to (or skipped for) this subscriber. */
  readonly cursor: number;
}

export const isLagNotice = (v: unknown): v is LagNotice => typeof v === 'object' && v !== null && (v as LagNotice).lagged === true;

export interface StreamOptions {
  /** Live subscribers further behind the head than this many changes are told so and stopped. */
  maxLag: number;
  /** Items pulled per step. */
  batch: number;
}

/**
 * One subscriber's stream as an async iterator: a cursor over the change log (DESIGN §5). It only advances as fast as the
 * consumer pulls (graphql-ws awaits each socket send), so a slow socket slows nobody else; replay after
 * `since` and the live tail are the same loop, so there is no gap and no duplicate at the switch-over.
 * `accept` decides, per item and with the viewer's rights at that moment, what (if anything) to deliver.
 */
export async function* streamChanges<T>(
  feed: ChangeFeed,
  viewer: () => Viewer,
  since: number | null,
  accept: (item: FeedItem, viewer: Viewer) => T | null,
  opts: StreamOptions,
  signal: AbortSignal,
  beforeDelivery: () => void = () => {},
): AsyncGenerator<T | LagNotice> {
  const release = feed.acquire();
  try {
    yield* streamFrom(feed, viewer, since, accept, opts, signal, beforeDelivery);
  } finally {
    release();
  }
}

async function* streamFrom<T>(
  feed: ChangeFeed,
  viewer: () => Viewer,
  since: number | null,
  accept: (item: FeedItem, viewer: Viewer) => T | null,
  opts: StreamOptions,
  signal: AbortSignal,
  beforeDelivery: () => void,
): AsyncGenerator<T | LagNotice> {
  let cursor = since ?? feed.headSeq;
  let live = since === null;
  let allowance = 0; // the backlog it woke up to is not this subscriber's lag
  while (!signal.aborted && !feed.isStopped) {
    if (live && feed.headSeq - cursor > opts.maxLag + allowance) {
      yield { lagged: true, cursor };
      return;
    }
    const items = await feed.itemsAfter(cursor, opts.batch);
    if (!items.length) {
      live = true;
      await feed.waitFor(cursor, signal);
      allowance = feed.headSeq - cursor;
      continue;
    }
    for (const item of items) {
      if (signal.aborted) return;
      cursor = item.change.seq;
      const wait = feed.pacer.permit();
      if (wait) await wait;
      if (signal.aborted) return;
      const out = accept(item, viewer());
      if (out !== null) {
        beforeDelivery();
        yield out;
      }
    }
  }
}

/** An async iterator whose return() also wakes a stream that is waiting for new changes. */
export function abortableStream<T>(make: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const ac = new AbortController();
  const gen = make(ac.signal);
  return {
    next: () => gen.next(),
    return: (value?: unknown) => {
      ac.abort();
      return gen.return(value as T);
    },
    throw: (e?: unknown) => {
      ac.abort();
      return gen.throw(e);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Per item: what to deliver to this viewer (the subscription's root value), or null for nothing. */
export type LivePick<T> = (item: FeedItem, viewer: Viewer) => T | null;

/**
 * What a change-log subscription (`attributeAdded`, `eventPublished`, `changes`) hands to its transport:
 * where it starts (`since`) and, once `open`ed (filter resolved, caller checked), a pure per-item pick.
 * The socket server's fan-out (src/graphql/live-fanout.ts) recognises it and delivers it without a
 * stream per subscriber, executing each item once per class of identical callers. Consumed as a plain
 * async iterator instead (any other transport), it is the per-subscriber stream above.
 */
export class LiveStream<T extends object> implements AsyncIterableIterator<T | LagNotice> {
  private inner: AsyncIterableIterator<T | LagNotice> | null = null;

  constructor(
    readonly feed: ChangeFeed,
    readonly since: number | null,
    private readonly prepare: () => Promise<LivePick<T>>,
    private readonly iterate: (pick: LivePick<T>) => AsyncIterableIterator<T | LagNotice>,
  ) {}

  /** Checks the caller and resolves the filter (a bad filter rejects here, as the first pull would). */
  open(): Promise<LivePick<T>> {
    return this.prepare();
  }

  private stream(): AsyncIterableIterator<T | LagNotice> {
    if (!this.inner) {
      const open = this.open();
      let it: AsyncIterableIterator<T | LagNotice> | null = null;
      const get = async () => (it ??= this.iterate(await open));
      this.inner = {
        next: async () => (await get()).next(),
        return: async (v?: unknown) => (it ? it.return!(v) : { done: true, value: undefined }),
        throw: async (e?: unknown) => (it ? it.throw!(e) : Promise.reject(e)),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    }
    return this.inner;
  }

  next(): Promise<IteratorResult<T | LagNotice>> {
    return this.stream().next();
  }

  return(value?: unknown): Promise<IteratorResult<T | LagNotice>> {
    return this.stream().return!(value);
  }

  throw(e?: unknown): Promise<IteratorResult<T | LagNotice>> {
    return this.stream().throw!(e);
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
