import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { ExecutionArgs, ExecutionResult, getOperationAST, GraphQLError, Kind, print, visit, execute } from 'graphql';
import { accessClassOf, Viewer } from '../auth/policy';
import { FeedItem } from '../auth/change-access';
import { ChangeLogReader } from '../modules/change/change-log-reader';
import { LagNotice, LivePick, LiveStream } from '../modules/change/change-stream';
import { HubServices, LiveSession, Scope } from '../graphql/scope';
import { createLiveScope } from './scope-factory';

/**
 * Live delivery of the change-log subscriptions (DESIGN §5) to every socket of a replica, without a
 * stream, a graphql-js execution and a JSON serialisation per subscriber and item:
 *
 * - Each subscriber keeps its own cursor (resume, order, no gap, no duplicate; its own lag bound), but
 *   what it receives for an item is computed once per **frame group**: same subscription (document,
 *   operation, variables other than `since`) and same **access class** (policy.accessClassOf: org,
 *   role, site-admin/sync flags, sharing-group memberships, setting — everything the access rules and
 *   the capability checks read). Callers of one class are indistinguishable to every rule, so the
 *   visibility decision (canSeeChange) and the whole GraphQL result (nested fields too: their loaders
 *   apply the same viewer) are the same for all of them. The class is taken at delivery time from the
 *   socket's current rights: a membership change moves the subscriber to another group at once, and
 *   while its rights are being re-read after an access notice it receives nothing.
 * - The group's result is serialised (and UTF-8 encoded) once; a subscriber's frame is its operation id
 *   around it, and everything a subscriber has ready goes to its socket in one write. The wire format is
 *   graphql-ws' own `next` message; errors of a result are formatted as graphql-ws' onNext would (the
 *   caller's `formatResult`).
 * - Delivery runs in passes over all subscribers, each sending everything it has ready as one socket
 *   write. A pass yields to other work (ingest, queries) after `budgetMs` and continues on the next turn
 *   of the event loop, after pending I/O. While local writes go on, slices are shorter; while writes outpace
 *   delivery (a burst) they take only the share the writers leave (deliveryShare): ingest keeps its pace,
 *   and what it wrote is delivered as it pauses. A trickle behind writers that are not saturated is
 *   delivered at full speed.
 * - Back-pressure: a socket with more than `highWaterBytes` unsent is skipped until it drains; its
 *   cursor stays, so it falls behind alone, and past `maxLag` it is told (SUBSCRIBER_TOO_SLOW through
 *   the normal graphql-ws path, naming its cursor) and its subscription ends.
 */

/** One socket as the fan-out writes to it. */
export interface FrameSink {
  readonly open: boolean;
  /** Bytes accepted but not yet handed to the operating system. */
  readonly bufferedBytes: number;
  /** Sends one text message per body, `head + body + tail`, in order (as one write where the transport can). */
  sendAll(head: Buffer, bodies: readonly Buffer[], tail: Buffer): void;
  /** Calls back once, when what is buffered has been written out (or the socket closed). */
  whenDrained(cb: () => void): void;
}

/** The caller of a subscription, read at each delivery. `settling`: its rights are being re-read. */
export interface LiveCaller extends LiveSession {
  readonly settling: boolean;
}

export interface FanoutOptions {
  /** Live subscribers further behind the head than this many changes are told so and stopped. */
  maxLag: number;
  /** Delivery work per event-loop turn (ms) before other work gets its turn. */
  budgetMs: number;
  /**
   * The same while local writes go on (one in progress, or one ended less than `writerWindowMs` ago, so
   * that the steps of a writer between its transactions count too): shorter slices, so that each step
   * of the writer (every query result it waits for) waits at most this long for delivery work to yield.
   * Delivery still uses all the time the writer leaves (it mostly waits for the database).
   */
  writerBudgetMs: number;
  writerWindowMs: number;
  /**
   * While local writes outpace delivery (a burst, see deliveryShare), the least share of the event loop's
   * time delivery takes (0 < share <= 1): after each slice, delivery waits until its slices are at most
   * its share of the elapsed time. The
   * writers then keep most of the thread (and of the machine: every frame sent is also work for the
   * kernel and for the receivers) instead of delivery filling every moment a writer waits for the
   * database; delivery never stops (no starvation under a continuous write load) and goes at full
   * speed again once the writes pause. 1: no limit.
   */
  writerShare: number;
  /**
   * Adaptive share: over the last `dutyWindowMs`, the fraction of time a local write transaction was in
   * flight (the writers' duty). A writer that keeps the database busy (duty at or above `saturation`, a
   * burst of ingest) gets all but `writerShare`; a lighter write load leaves delivery the rest:
   * share = max(writerShare, 1 − duty / saturation). Bursts go at the writer's pace; a trickle (the
   * backlog within one pass, `itemsPerTurn`) behind writers below `saturation` is delivered at full
   * speed (deliveryShare).
   */
  saturation: number;
  dutyWindowMs: number;
  /**
   * Delivery's least share of the time while a live subscriber is more than half of `maxLag` behind (so
   * that writes never get a reader cut off as too slow). Default 0.5.
   */
  lagShare?: number;
  /** A socket with more unsent bytes than this is not written to until it drains. */
  highWaterBytes: number;
  /** Items one subscriber is served per pass. */
  itemsPerTurn: number;
  /** Items read from the database per step when a subscriber catches up from before the window. */
  catchUpBatch: number;
  /** Errors of a result as they go on the wire (graphql-ws onNext formatting). */
  formatResult: (result: ExecutionResult) => ExecutionResult;
}

type Pick = LivePick<object>;

/** Results of one subscription for one access class, by change seq (null: nothing to deliver). */
class FrameGroup {
  /** UTF-8 JSON of the result (the `payload` of a graphql-ws `next` message). */
  readonly frames = new Map<number, Buffer | null>();
  readonly pending = new Set<number>();
  refs = 0;
  /** Lowest cursor of its subscribers in the current pass (frames at or below it are done). */
  low = Infinity;
  private scope: Scope | null = null;

  constructor(
    readonly key: string,
    private readonly hub: HubServices,
    /** A snapshot of the class: the rights of the subscriber that opened the group. */
    readonly caller: LiveSession,
    readonly args: ExecutionArgs,
    readonly pick: Pick,
  ) {}

  /** The execution scope of the class; a fresh EntityManager and loaders for each batch (no stale caches). */
  freshScope(): Scope {
    if (!this.scope) this.scope = createLiveScope(this.hub, this.caller, `live-${randomUUID()}`);
    else this.scope.refresh?.();
    return this.scope;
  }
}

class Subscriber {
  cursor = 0;
  live = false;
  allowance = 0;
  pick: Pick | null = null;
  backlog: FeedItem[] = [];
  backlogAt = 0;
  loading = false;
  awaitingDrain = false;
  group: FrameGroup | null = null;
  groupViewer: Viewer | null = null;
  ended = false;
  /** `{"id":…,"type":"next","payload":` — the frame is this, the group's payload, and `}`. */
  readonly prefix: Buffer;
  readonly end: Promise<IteratorResult<ExecutionResult>>;
  settle!: (r: IteratorResult<ExecutionResult>) => void;
  fail!: (e: unknown) => void;

  constructor(
    readonly stream: LiveStream<object>,
    readonly args: ExecutionArgs,
    readonly docKey: string,
    readonly sink: FrameSink,
    readonly caller: LiveCaller,
    id: string,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
    this.end = new Promise((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.end.catch(() => undefined); // handled by whoever pulls it (graphql-ws), maybe later than it fails
  }
}

const FRAME_END = Buffer.from('}');

const DONE: IteratorResult<ExecutionResult> = { done: true, value: undefined };

const isPromise = <T>(v: unknown): v is Promise<T> => typeof (v as Promise<T> | null)?.then === 'function';

/**
 * The group key of a subscription: its document, operation and variables, except the variable that
 * only feeds the root field's `since` (where a stream starts does not change what it delivers).
 */
export function subscriptionKey(args: ExecutionArgs): string {
  const op = getOperationAST(args.document, args.operationName);
  const root = op?.selectionSet.selections.length === 1 ? op.selectionSet.selections[0] : undefined;
  const since = root?.kind === Kind.FIELD ? root.arguments?.find((a) => a.name.value === 'since') : undefined;
  let skip: string | null = null;
  if (since?.value.kind === Kind.VARIABLE) {
    const name = since.value.name.value;
    let uses = 0;
    visit(args.document, {
      VariableDefinition: () => false, // its own Variable node is not a use
      Variable: (v) => {
        if (v.name.value === name) uses++;
      },
    });
    if (uses === 1) skip = name;
  }
  const vars = { ...(args.variableValues ?? {}) };
  if (skip !== null) delete vars[skip];
  const text = args.document.loc?.source.body ?? print(args.document);
  return JSON.stringify([text, args.operationName ?? null, vars]);
}

/** What deliveryShare reads of the moment: the writers' duty (null: not measured yet) and the pass's backlog. */
export interface ShareState {
  duty: number | null;
  /** How many changes the furthest subscriber was behind the head when the current pass started. */
  lag: number;
  /** The same among live subscribers (a subscriber resuming from an old cursor is not live until it caught up). */
  liveLag: number;
}

type ShareOptions = Readonly<Partial<FanoutOptions>> & Readonly<Required<{ [K in 'writerShare' | 'saturation' | 'itemsPerTurn' | 'maxLag']: FanoutOptions[K] }>>;

/**
 * Live delivery's share of the time while local writes go on (the rest is the writers'):
 * - a trickle (every subscriber within one pass of the head, `itemsPerTurn`: delivery keeps up with the
 *   writes) is delivered at full speed while the writers are not saturated (duty below `saturation`):
 *   steady writes reach their subscribers within a pass;
 * - a burst (writes outpacing delivery, or saturated writers, however close the subscribers are) by the
 *   writers' duty: max(writerShare, 1 − duty / saturation): a busy writer keeps its pace and what it
 *   wrote is delivered as it pauses (at full speed, a trickle behind a saturated writer took 10–20% of
 *   the thread in bench:fanout's burst, every commit's items at once);
 * - a live subscriber past half of `maxLag` behind gets at least `lagShare`: a burst never makes a
 *   subscriber that reads as fast as it can fall so far behind that it would be cut off as too slow (one
 *   catching up from an old cursor is not live: it is never cut off, and does not slow the writers).
 */
export function deliveryShare(o: ShareOptions, s: ShareState): number {
  const saturated = s.duty !== null && s.duty >= o.saturation;
  if (s.lag <= o.itemsPerTurn && !saturated) return 1;
  let share = s.duty === null ? o.writerShare : Math.max(o.writerShare, 1 - s.duty / o.saturation);
  if (s.liveLag > o.maxLag / 2) share = Math.max(share, o.lagShare ?? 0.5);
  return Math.min(1, share);
}

export class LiveFanout {
  private readonly subs = new Set<Subscriber>();
  private readonly groups = new Map<string, FrameGroup>();
  private readonly classKeys = new WeakMap<Viewer, string>();
  private order: Subscriber[] = [];
  private passIndex = 0;
  /** How far behind the head the furthest subscriber was when the current pass started. */
  private passLag = 0;
  /** The same for live subscribers only (the ones maxLag applies to). */
  private passLiveLag = 0;
  private scheduled = false;
  /** Something happened since the current pass started (new items, a drained socket, a settled result). */
  private dirty = false;
  private more = false;
  private releaseFeed: (() => void) | null = null;
  private closed = false;
  /** Results sent to subscribers so far (the metrics' delivery counter). */
  private delivered = 0;
  private readonly stopAdvance: () => void;

  constructor(
    private readonly hub: HubServices,
    private readonly log: ChangeLogReader,
    private readonly opts: FanoutOptions,
  ) {
    this.stopAdvance = log.onAdvance((from, to) => {
      // The backlog a caught-up subscriber wakes up to is not its lag (one large write is not "too slow").
      for (const s of this.subs) if (s.live && s.cursor >= from) s.allowance = to - s.cursor;
      this.poke();
    });
  }

  get subscriberCount(): number {
    return this.subs.size;
  }

  /** Results delivered to subscribers since the start. */
  get deliveredCount(): number {
    return this.delivered;
  }

  /**
   * Takes over a change-log subscription: returns the iterator graphql-ws drives for it. Its items go
   * straight to `sink`; the iterator itself only yields the final SUBSCRIBER_TOO_SLOW result (through
   * graphql-ws' normal `next`) or ends, and `return()` (client `complete`, socket closed) unsubscribes.
   */
  add(stream: LiveStream<object>, args: ExecutionArgs, sink: FrameSink, id: string, caller: LiveCaller): AsyncIterableIterator<ExecutionResult> {
    const sub = new Subscriber(stream, args, subscriptionKey(args), sink, caller, id);
    stream.open().then(
      (pick) => {
        if (sub.ended) return;
        if (this.closed) return this.finish(sub);
        sub.pick = pick;
        sub.cursor = stream.since ?? this.log.headSeq;
        sub.live = stream.since === null;
        this.subs.add(sub);
        if (!this.releaseFeed) this.releaseFeed = this.log.acquire();
        this.poke();
      },
      (e) => {
        this.detach(sub);
        sub.fail(e);
      },
    );
    let pulled = false;
    return {
      next: () => {
        if (pulled) return Promise.resolve(DONE);
        pulled = true;
        return sub.end;
      },
      return: () => {
        this.finish(sub);
        return Promise.resolve(DONE);
      },
      throw: (e?: unknown) => {
        this.finish(sub);
        return Promise.reject(e);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Something may be deliverable now (new rights, a drained socket). */
  poke(): void {
    this.dirty = true;
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(this.runPass);
  }

  /** Ends every subscription (the hub is stopping). */
  close(): void {
    this.closed = true;
    this.stopAdvance();
    for (const s of [...this.subs]) this.finish(s);
  }

  private finish(sub: Subscriber): void {
    this.detach(sub);
    sub.settle(DONE);
  }

  /** Unsubscribes (idempotent). */
  private detach(sub: Subscriber): void {
    if (!sub.ended) {
      sub.ended = true;
      this.subs.delete(sub);
      if (sub.group) sub.group.refs--;
      sub.group = null;
      if (this.subs.size === 0 && this.releaseFeed) {
        this.releaseFeed();
        this.releaseFeed = null;
      }
    }
  }

  private readonly runPass = () => {
    this.scheduled = false;
    const t0 = performance.now();
    const writing = this.log.writingWithin(this.opts.writerWindowMs);
    const budget = writing ? this.opts.writerBudgetMs : this.opts.budgetMs;
    if (this.passIndex === 0) {
      this.order = [...this.subs];
      let low = this.log.headSeq;
      let lowLive = low;
      for (const s of this.order) {
        if (s.cursor < low) low = s.cursor;
        if (s.live && s.cursor < lowLive) lowLive = s.cursor;
      }
      this.passLag = this.log.headSeq - low;
      this.passLiveLag = this.log.headSeq - lowLive;
      this.dirty = false;
      this.more = false;
      for (const g of this.groups.values()) g.low = Infinity;
    }
    while (this.passIndex < this.order.length) {
      const sub = this.order[this.passIndex++];
      if (!sub.ended) {
        if (this.serve(sub, t0 + budget)) this.more = true;
        if (sub.group && sub.cursor < sub.group.low) sub.group.low = sub.cursor;
      }
      if (performance.now() - t0 >= budget) break;
    }
    if (this.passIndex >= this.order.length) {
      this.passIndex = 0;
      this.order = [];
      this.trim();
      if (!(this.more || this.dirty) || this.closed) return;
    }
    // More to do: on the next turn, after pending I/O (the writer first); while writes go on, only after
    // a pause that keeps delivery within its share of the time.
    this.scheduled = true;
    const share = writing ? deliveryShare(this.opts, { duty: this.duty(), lag: this.passLag, liveLag: this.passLiveLag }) : 1;
    if (share < 1) setTimeout(this.runPass, ((performance.now() - t0) * (1 - share)) / share);
    else setImmediate(this.runPass);
  };

  /** Write duty samples (time, cumulative busy ms): the window the adaptive share looks at. */
  private dutyNow: { at: number; busy: number } = { at: 0, busy: 0 };
  private dutyPrev: { at: number; busy: number } = { at: 0, busy: 0 };

  /** The writers' duty over the last `dutyWindowMs` (0–1), null until a window has been seen. */
  private duty(): number | null {
    const now = performance.now();
    const busy = this.log.writeBusyMs();
    if (now - this.dutyNow.at >= this.opts.dutyWindowMs / 2) {
      this.dutyPrev = this.dutyNow;
      this.dutyNow = { at: now, busy };
    }
    const span = now - this.dutyPrev.at;
    if (!this.dutyPrev.at || span <= 0) return null;
    return Math.min(1, (busy - this.dutyPrev.busy) / span);
  }

  /**
   * Sends what this subscriber has ready. True when it may have more right away. Results its group has
   * not computed yet are computed until `deadline` (at least one, so that every call makes progress).
   */
  private serve(sub: Subscriber, deadline: number): boolean {
    if (!sub.pick || sub.caller.settling) return false;
    const sink = sub.sink;
    if (!sink.open) return false;
    if (sink.bufferedBytes > this.opts.highWaterBytes) {
      if (!sub.awaitingDrain) {
        sub.awaitingDrain = true;
        sink.whenDrained(() => {
          sub.awaitingDrain = false;
          this.poke();
        });
      }
      return false;
    }
    const head = this.log.headSeq;
    if (sub.live && head - sub.cursor > this.opts.maxLag + sub.allowance) {
      this.lagged(sub);
      return false;
    }
    const items = this.itemsFor(sub);
    if (!items.length) {
      if (sub.cursor >= head) sub.live = true;
      return false;
    }
    const g = this.groupOf(sub);
    const bodies: Buffer[] = [];
    let i = 0;
    let outOfTime = false;
    for (; i < items.length; i++) {
      const seq = items[i].change.seq;
      let f = g.frames.get(seq);
      if (f === undefined) {
        if (!g.pending.has(seq)) {
          if (i > 0 && performance.now() >= deadline) {
            outOfTime = true; // the rest on the next slice
            break;
          }
          this.compute(g, items, i, deadline);
          f = g.frames.get(seq);
        }
        if (f === undefined) break; // being executed: this subscriber goes on when it is done
      }
      sub.cursor = seq;
      if (f !== null) bodies.push(f);
    }
    if (bodies.length) {
      sink.sendAll(sub.prefix, bodies, FRAME_END);
      this.delivered += bodies.length;
    }
    return outOfTime || (i === items.length && sub.cursor < this.log.headSeq);
  }

  /** The next items after the subscriber's cursor: its catch-up backlog, the window, or a database read. */
  private itemsFor(sub: Subscriber): FeedItem[] {
    const max = this.opts.itemsPerTurn;
    while (sub.backlogAt < sub.backlog.length && sub.backlog[sub.backlogAt].change.seq <= sub.cursor) sub.backlogAt++;
    if (sub.backlogAt < sub.backlog.length) return sub.backlog.slice(sub.backlogAt, sub.backlogAt + max);
    sub.backlog = [];
    sub.backlogAt = 0;
    const inWindow = this.log.windowAfter(sub.cursor, max);
    if (inWindow) return inWindow;
    if (!sub.loading) {
      sub.loading = true;
      this.log.itemsAfter(sub.cursor, this.opts.catchUpBatch).then(
        (items) => {
          sub.backlog = items;
          sub.backlogAt = 0;
          sub.loading = false;
          this.poke();
        },
        (e) => {
          sub.loading = false;
          this.detach(sub);
          sub.fail(e);
        },
      );
    }
    return [];
  }

  private groupOf(sub: Subscriber): FrameGroup {
    const viewer = sub.caller.viewer;
    if (sub.group && sub.groupViewer === viewer) return sub.group;
    let cls = this.classKeys.get(viewer);
    if (cls === undefined) {
      cls = accessClassOf(sub.caller.actor, viewer);
      this.classKeys.set(viewer, cls);
    }
    const key = `${sub.docKey}\n${cls}`;
    let g = this.groups.get(key);
    if (!g) {
      g = new FrameGroup(key, this.hub, { actor: sub.caller.actor, viewer }, sub.args, sub.pick!);
      this.groups.set(key, g);
    }
    if (sub.group !== g) {
      if (sub.group) sub.group.refs--;
      g.refs++;
      sub.group = g;
    }
    sub.groupViewer = viewer;
    return g;
  }

  /**
   * Executes the group's subscription for the items from `from` on that it has no result for yet, until
   * `deadline` (at least one): a pass never holds the thread much past its slice, however many items wait
   * (measured before this bound: 87 items a call, up to 60 ms, while a writer's requests waited on it).
   */
  private compute(g: FrameGroup, items: FeedItem[], from: number, deadline: number): void {
    let scope: Scope | null = null;
    let computed = 0;
    for (let i = from; i < items.length; i++) {
      const item = items[i];
      const seq = item.change.seq;
      if (g.frames.has(seq) || g.pending.has(seq)) continue;
      if (computed++ > 0 && performance.now() >= deadline) return;
      const root = g.pick(item, g.caller.viewer);
      if (root === null) {
        g.frames.set(seq, null);
        continue;
      }
      scope ??= g.freshScope();
      let result: ReturnType<typeof execute>;
      try {
        result = execute({ ...g.args, rootValue: root, contextValue: scope });
      } catch (e) {
        result = { errors: [e instanceof GraphQLError ? e : new GraphQLError(String((e as Error)?.message ?? e), { originalError: e as Error })] };
      }
      if (isPromise<ExecutionResult>(result)) {
        g.pending.add(seq);
        result
          .then(
            (r) => g.frames.set(seq, this.payloadOf(r)),
            (e) => g.frames.set(seq, this.payloadOf({ errors: [new GraphQLError(String((e as Error)?.message ?? e), { originalError: e as Error })] })),
          )
          .finally(() => {
            g.pending.delete(seq);
            this.poke();
          });
      } else g.frames.set(seq, this.payloadOf(result));
    }
  }

  private payloadOf(r: ExecutionResult): Buffer {
    return Buffer.from(JSON.stringify(r.errors ? this.opts.formatResult(r) : r));
  }

  private lagged(sub: Subscriber): void {
    // Unsubscribed now; the error (naming the cursor) is the subscription's last result, executed with
    // the subscriber's own context like any graphql-ws result, then graphql-ws completes it.
    this.detach(sub);
    const notice: LagNotice = { lagged: true, cursor: sub.cursor };
    Promise.resolve(execute({ ...sub.args, rootValue: notice })).then(
      (value) => sub.settle({ done: false, value }),
      (e) => sub.fail(e),
    );
  }

  /** Drops results every subscriber of a group is past, and groups nobody is in. */
  private trim(): void {
    for (const [key, g] of this.groups) {
      if (g.refs <= 0 && g.pending.size === 0) {
        this.groups.delete(key);
        continue;
      }
      if (g.low === Infinity) continue;
      for (const seq of g.frames.keys()) {
        if (seq > g.low) break;
        g.frames.delete(seq);
      }
    }
  }
}
