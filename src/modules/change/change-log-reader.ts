import { performance } from 'node:perf_hooks';
import { EntityManager, EntityName } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { FeedItem } from '../../auth/change-access';
import { columnOf, tableOf } from '../../db/names';
import { ChangeBus } from '../../pubsub/change-bus';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { Logger } from '../../shared/logger';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { Sighting } from '../sighting/sighting.entity';
import { AttributeTag, EventTag, Tag } from '../tag/tag.entity';
import { Change } from './change.entity';

export interface ChangeLogReaderOptions {
  /** How many recent items are kept in memory for live subscribers (shared by all). */
  windowSize: number;
  /** Rows read per query when catching up. */
  batchSize: number;
  /** Safety poll: the log is read at least this often even if a bus notice was missed. */
  pollMs: number;
  /**
   * While local writes are in progress, new changes are read at most this often (ms): several commits
   * are then loaded together, and reading the log takes less from the writers' database time.
   */
  busyReadIntervalMs: number;
}

/**
 * Reads the change log once per replica and shares the result: a window of recent items in memory for
 * live subscribers, and a reader for cursors older than the window (resume). Wakes on bus notices and
 * polls as a safety net, so a lost notice delays delivery but never loses it.
 *
 * With nobody reading live (no subscriber), a commit notice only moves the head (the notice carries the
 * seq, and seqs become visible in commit order): nothing is loaded, so ingest does not pay for a window
 * that nobody reads. The window restarts at the head when the first reader arrives (`acquire`).
 */
export class ChangeLogReader {
  private items: FeedItem[] = [];
  private head = 0;
  /** Highest seq announced on the bus (not yet read while idle). */
  private announced = 0;
  /** A bus notice moved `announced` since the last safety poll (see `start`). */
  private heard = false;
  private reading: Promise<void> | null = null;
  private again = false;
  private waiters = new Set<() => void>();
  private advanceListeners = new Set<(from: number, to: number) => void>();
  private readers = 0;
  private lastRead = 0;
  private lastWriteEnd = 0;
  private writes = 0;
  /** Time with at least one local write in flight, up to `busySince` (live delivery's share adapts to it). */
  private busyMs = 0;
  private busySince = 0;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  /**
   * Objects of this replica's own commits that the window has not read yet (see `committed`): by uuid,
   * with the seqs of the commit's rows, (upTo - rows, upTo].
   */
  private handed = new Map<string, { obj: Attribute | Event | null; upTo: number; rows: number }>();

  constructor(
    private readonly rootEm: EntityManager,
    private readonly bus: ChangeBus,
    private readonly logger: Logger,
    private readonly opts: ChangeLogReaderOptions,
  ) {}

  /** Starts at the current end of the log: history is served from the database, not the window. */
  async start(): Promise<void> {
    this.head = await this.lastSeq();
    this.unsubscribe = this.bus.subscribe((seq) => {
      if (seq > this.head) {
        if (seq > this.announced) this.announced = seq;
        this.heard = true;
        this.poke();
      }
    });
    // The safety poll reads the log's end for a notice that was lost. While nobody reads live and notices
    // keep arriving (a pull or an import writing here), it is skipped: a later notice covers a lost one
    // (seqs become visible in commit order, so the head may move to the highest seq announced).
    this.timer = setInterval(() => {
      const heard = this.heard;
      this.heard = false;
      if (heard && this.readers === 0) return;
      this.poke();
    }, this.opts.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.handed.clear();
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    for (const w of this.waiters) w();
    this.waiters.clear();
  }

  /**
   * Registers a live reader (a subscription, or the fan-out of a socket server while it has
   * subscribers): while there is none, commits are not loaded. Returns the release function.
   */
  acquire(): () => void {
    this.readers++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.readers === 0) {
        this.items = []; // a window with a gap must not be served later
        this.handed.clear();
      }
    };
  }

  /**
   * A local write transaction starts (writeTransaction): live delivery on this replica gives way to it
   * until the returned function is called (see LiveFanout).
   */
  writeStarted(): () => void {
    if (this.writes++ === 0) this.busySince = performance.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.lastWriteEnd = performance.now();
      if (--this.writes === 0) this.busyMs += this.lastWriteEnd - this.busySince;
    };
  }

  /** Milliseconds (cumulative, since start) during which at least one local write transaction was in flight. */
  writeBusyMs(): number {
    return this.busyMs + (this.writes > 0 ? performance.now() - this.busySince : 0);
  }

  /**
   * A local write committed `rows` change rows, the last with seq `lastSeq`, about `objects` as it left
   * them (ChangeRecorder.objects). The window still reads the rows themselves from the log (order, gaps,
   * and other replicas' commits stay the database's), but for rows of this commit it takes the objects
   * from here instead of loading them again. Appends are serialised and seqs increase, so seqs in
   * (lastSeq − rows, lastSeq] belong to this commit.
   */
  committed(lastSeq: number, rows: number, objects: ReadonlyMap<string, Attribute | Event | null>): void {
    if (this.readers === 0 || lastSeq <= this.head || this.stopped) return;
    for (const [uuid, obj] of objects) this.handed.set(uuid, { obj, upTo: lastSeq, rows });
  }

  /** Local write transactions in progress. */
  get writesInFlight(): number {
    return this.writes;
  }

  /** Local writes are going on: one is in progress, or one ended less than `withinMs` ago. */
  writingWithin(withinMs: number): boolean {
    return this.writes > 0 || performance.now() - this.lastWriteEnd < withinMs;
  }

  /** Called with (previous head, new head) after new items entered the window. */
  onAdvance(listener: (from: number, to: number) => void): () => void {
    this.advanceListeners.add(listener);
    return () => void this.advanceListeners.delete(listener);
  }

  /** The seq of the newest change read so far. */
  get headSeq(): number {
    return this.head;
  }

  /** Oldest seq still in the window minus one (cursors at or after it are served from memory). */
  get windowFloor(): number {
    return this.items.length ? this.items[0].change.seq - 1 : this.head;
  }

  /**
   * Items after `cursor`, at most `max`: from the window when the cursor is inside it, otherwise from
   * the database (a resuming subscriber catching up).
   */
  async itemsAfter(cursor: number, max: number, upTo: number = this.head): Promise<FeedItem[]> {
    if (upTo <= this.head) {
      const inWindow = this.windowAfter(cursor, max);
      if (inWindow) return upTo === this.head ? inWindow : inWindow.filter((i) => i.change.seq <= upTo);
    }
    const em = this.rootEm.fork();
    const rows = await changeRows(em, { $gt: cursor, $lte: upTo }, max);
    return this.load(em, rows);
  }

  /**
   * The newest change committed to the database. The head may lag it by a read (it follows commit
   * notices, spaced while local writes go on); a query reads up to this so a caller sees its own writes.
   * Seqs become visible in commit order (appends are serialised), so everything up to it is readable.
   */
  async committedSeq(): Promise<number> {
    return Math.max(this.head, await this.lastSeq());
  }

  /** Items after `cursor` from the window (at most `max`), or null when the cursor is older than the window. */
  windowAfter(cursor: number, max: number): FeedItem[] | null {
    if (cursor >= this.head) return [];
    if (cursor < this.windowFloor) return null;
    const start = this.indexAfter(cursor);
    return this.items.slice(start, start + max);
  }

  /** Resolves when the head moves past `cursor` (or the feed stops). */
  waitFor(cursor: number, signal?: AbortSignal): Promise<void> {
    if (this.head > cursor || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', done);
    });
  }

  get isStopped() {
    return this.stopped;
  }

  private indexAfter(cursor: number): number {
    // Window items are in seq order; binary search the first item with seq > cursor.
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].change.seq <= cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Single-flight read of everything after the head. */
  poke(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readNew()
      .catch((e) => this.logger.error({ err: e }, 'change feed read failed'))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async lastSeq(): Promise<number> {
    const [last] = await this.rootEm.fork().find(Change, {}, { orderBy: { seq: 'desc' }, fields: ['seq'], limit: 1 });
    return last?.seq ?? 0;
  }

  private moveHead(to: number): void {
    const from = this.head;
    this.head = to;
    for (const [uuid, h] of this.handed) if (h.upTo <= to) this.handed.delete(uuid);
    for (const w of [...this.waiters]) w();
    for (const l of [...this.advanceListeners]) l(from, to);
  }

  /** While local writes go on (one in progress or ended since the last read), waits out the read interval. */
  private spaceReads(): Promise<void> {
    const wait = this.lastRead + this.opts.busyReadIntervalMs - performance.now();
    const busy = this.writes > 0 || this.lastWriteEnd > this.lastRead;
    if (!busy || wait <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, wait));
  }

  private async readNew(): Promise<void> {
    if (this.readers === 0) {
      // Nobody reads live: follow the head only (the announced seq, or one cheap query on the safety poll).
      const to = this.announced > this.head ? this.announced : await this.lastSeq();
      if (to > this.head && !this.stopped && this.readers === 0) this.moveHead(to);
      if (this.readers === 0) return;
    }
    await this.spaceReads();
    if (this.stopped) return;
    for (;;) {
      this.lastRead = performance.now();
      const em = this.rootEm.fork();
      const rows = await changeRows(em, { $gt: this.head }, this.opts.batchSize);
      if (!rows.length || this.stopped) return;
      const items = await this.load(em, rows, true);
      if (this.readers > 0) {
        this.items.push(...items);
        if (this.items.length > this.opts.windowSize) this.items.splice(0, this.items.length - this.opts.windowSize);
      }
      this.moveHead(rows[rows.length - 1].seq);
      if (rows.length < this.opts.batchSize) return;
    }
  }

  /**
   * Loads the current objects of a batch of change rows with at most three queries (attributes with
   * their events and MISP objects joined — attributeAccessOf needs the object —, events of event-only changes, and the tag names of both in one union), so
   * that following the log costs the database little next to the writes it follows.
   */
  private async load(em: EntityManager, rows: Change[], useHanded = false): Promise<FeedItem[]> {
    // Objects handed over by local commits (see `committed`), for uuids whose every row in this batch
    // belongs to the commit that handed them; everything else is loaded.
    const handed = new Map<string, Attribute | Event | null>();
    if (useHanded && this.handed.size) {
      const unusable = new Set<string>();
      const consider = (uuid: string, seq: number) => {
        const h = this.handed.get(uuid);
        if (h && seq <= h.upTo && seq > h.upTo - h.rows) {
          if (!unusable.has(uuid)) handed.set(uuid, h.obj);
        } else {
          unusable.add(uuid);
          handed.delete(uuid);
        }
      };
      for (const r of rows) {
        if (r.kind === ChangeKind.ATTRIBUTE || r.kind === ChangeKind.EVENT) consider(r.uuid, r.seq);
        if (r.eventUuid) consider(r.eventUuid, r.seq);
      }
    }
    const handedAttrs: Attribute[] = [];
    for (const [uuid, o] of handed) {
      const a = o as Attribute | null;
      // An attribute as the bulk path returns it (a plain row with its event) or an entity: usable with its id and event.
      if (a && !(o instanceof Event)) {
        if (typeof a.id === 'number' && a.event?.uuid) {
          // A plain row becomes an Attribute (GraphQL object types take their roots as instances; a plain
          // object would be copied field by field per delivery): a copy of its own data properties with
          // the entity's prototype (no ORM setters run; 0.1 µs where copying property descriptors took 8 µs).
          const attr = a instanceof Attribute ? a : (Object.setPrototypeOf({ ...(a as object) }, Attribute.prototype) as Attribute);
          handedAttrs.push(attr);
          handed.set(uuid, attr);
        } else handed.delete(uuid);
      }
    }
    const attrUuids = [
      ...new Set(rows.filter((r) => r.kind === ChangeKind.ATTRIBUTE && r.op !== ChangeOp.DELETED && !handed.has(r.uuid)).map((r) => r.uuid)),
    ];
    const eventUuids = [...new Set(rows.filter((r) => r.eventUuid).map((r) => r.eventUuid!))];
    const sightingUuids = rows.filter((r) => r.kind === ChangeKind.SIGHTING).map((r) => r.uuid);
    const [loadedAttributes, sightings] = await Promise.all([
      attrUuids.length ? em.find(Attribute, { uuid: { $in: attrUuids } }, { populate: ['event', 'object'], strategy: 'joined' }) : Promise.resolve([]),
      sightingUuids.length
        ? em.find(Sighting, { uuid: { $in: sightingUuids } }, { populate: ['attribute', 'attribute.event', 'attribute.object'] })
        : Promise.resolve([] as Sighting[]),
    ]);
    const attributes = [...loadedAttributes, ...handedAttrs];
    const sightingByUuid = new Map(sightings.map((x) => [x.uuid, { orgId: x.org.id, attribute: x.attribute }]));
    const eventByUuid = new Map<string, Event>();
    for (const [uuid, o] of handed) if (o instanceof Event) eventByUuid.set(uuid, o as Event);
    for (const a of attributes) eventByUuid.set(a.event.uuid, a.event);
    for (const x of sightings) eventByUuid.set(x.attribute.event.uuid, x.attribute.event);
    const missing = eventUuids.filter((u) => !eventByUuid.has(u) && !handed.has(u));
    if (missing.length) for (const e of await em.find(Event, { uuid: { $in: missing } })) eventByUuid.set(e.uuid, e);
    const attrByUuid = new Map(attributes.map((a) => [a.uuid, a]));
    const tagsOfAttr = new Map<number, string[]>();
    const tagsOfEvent = new Map<number, string[]>();
    if (eventByUuid.size) {
      const knex = (em as SqlEntityManager).getKnex();
      // Table and column names from the link entities' metadata.
      const tagged = <T extends EventTag | AttributeTag>(link: EntityName<T>, target: keyof T & string, kind: string, ids: number[]) =>
        knex
          .select(knex.raw('? as k', [kind]), `l.${columnOf(em, link, target)} as id`, `t.${columnOf(em, Tag, 'nameKey')} as name`)
          .from(`${tableOf(em, link)} as l`)
          .join(`${tableOf(em, Tag)} as t`, `t.${columnOf(em, Tag, 'id')}`, `l.${columnOf(em, link, 'tag')}`)
          .whereIn(`l.${columnOf(em, link, target)}`, ids);
      const query = tagged(EventTag, 'event', 'e', [...eventByUuid.values()].map((e) => e.id));
      if (attributes.length) query.unionAll(tagged(AttributeTag, 'attribute', 'a', attributes.map((a) => a.id)));
      const tagRows = (await (em as SqlEntityManager).getConnection().execute(query)) as Array<{ k: string; id: number; name: string }>;
      for (const t of tagRows) {
        const to = t.k === 'a' ? tagsOfAttr : tagsOfEvent;
        const id = Number(t.id);
        to.set(id, [...(to.get(id) ?? []), t.name]);
      }
    }
    return rows.map((change) => {
      const event = change.eventUuid ? (eventByUuid.get(change.eventUuid) ?? null) : null;
      const attribute = change.kind === ChangeKind.ATTRIBUTE ? (attrByUuid.get(change.uuid) ?? null) : null;
      const tagKeys = new Set([...(event ? (tagsOfEvent.get(event.id) ?? []) : []), ...(attribute ? (tagsOfAttr.get(attribute.id) ?? []) : [])]);
      const sighting = change.kind === ChangeKind.SIGHTING ? (sightingByUuid.get(change.uuid) ?? null) : undefined;
      return { change, attribute, event, tagKeys, sighting };
    });
  }
}

/**
 * Change rows in seq order, as plain rows with the entity's property names and types (the query builder's
 * result mapping), not managed entities: the log is read once per commit while anyone subscribes, and
 * creating and registering a managed entity per row was most of the cost of following a burst of writes
 * (a page of 100 rows a commit). The rows are never changed or flushed.
 */
async function changeRows(em: EntityManager, seq: { $gt: number; $lte?: number }, limit: number): Promise<Change[]> {
  return (await (em as SqlEntityManager)
    .createQueryBuilder(Change)
    .select('*')
    .where({ seq })
    .orderBy({ seq: 'asc' })
    .limit(limit)
    .execute('all', true)) as unknown as Change[];
}
