import { FeedItem } from '../../auth/change-access';
import { Viewer } from '../../auth/policy';

/** Delivered instead of an item when a live subscriber has fallen further behind than allowed. */
export interface LagNotice {
  readonly lagged: true;
  /** Seq of the last change delivered to (or skipped for) this subscriber. */
  readonly cursor: number;
}

export const isLagNotice = (v: unknown): v is LagNotice => typeof v === 'object' && v !== null && (v as LagNotice).lagged === true;

/** Per item: what to deliver to this viewer (the subscription's root value), or null for nothing. */
export type LivePick<T> = (item: FeedItem, viewer: Viewer) => T | null;

/**
 * What a change-log subscription (`attributeAdded`, `eventPublished`, `changes`) hands to its transport:
 * where it starts (`since`) and, once `open`ed (filter resolved, caller checked), a pure per-item pick.
 * The socket server's fan-out (src/server/live-fanout.ts) delivers it, executing each item once per
 * class of identical callers; it is the only transport for subscriptions, so this is not an iterator of
 * its own (graphql-js asks for one: iterating it is a programming error, reported as such).
 */
export class LiveStream<T extends object> implements AsyncIterableIterator<T | LagNotice> {
  constructor(
    readonly since: number | null,
    private readonly prepare: () => Promise<LivePick<T>>,
  ) {}

  /** Checks the caller and resolves the filter (a bad filter rejects here). */
  open(): Promise<LivePick<T>> {
    return this.prepare();
  }

  next(): Promise<IteratorResult<T | LagNotice>> {
    return Promise.reject(new Error('change-log subscriptions are delivered by the WebSocket fan-out only'));
  }

  return(): Promise<IteratorResult<T | LagNotice>> {
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
