import { EntityManager } from '@mikro-orm/core';
import { AttributeAccess, canSeeAttribute, canSeeEvent, canSeeSighting, EventAccess, Viewer } from '../../auth/policy';
import { ChangeBus } from '../../pubsub/change-bus';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { Logger } from '../../shared/logger';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { eventAccess } from '../event/event.service';
import { Sighting } from '../sighting/sighting.entity';
import { AttributeTag, EventTag } from '../tag/tag.entity';
import { Change } from './change.entity';
import { DeliveryPacer } from './delivery-pacer';

/**
 * One change-log row as delivered to subscribers, with the current state of its object loaded once per
 * replica (not once per subscriber) for the kinds that carry an object payload.
 */
export interface FeedItem {
  readonly change: Change;
  /** Current attribute (ATTRIBUTE changes), with its event populated; null when gone. */
  readonly attribute: Attribute | null;
  /** Current event (EVENT changes, and the event of ATTRIBUTE changes); null when gone. */
  readonly event: Event | null;
  /** Lower-cased tag names of the attribute and of its event (for tag filters). */
  readonly tagKeys: ReadonlySet<string>;
  /** SIGHTING changes: the reporting organisation and the sighted attribute (event populated); null when gone. */
  readonly sighting?: { readonly orgId: number; readonly attribute: Attribute } | null;
}

export interface ChangeFeedOptions {
  /** How many recent items are kept in memory for live subscribers (shared by all). */
  windowSize: number;
  /** Rows read per query when catching up. */
  batchSize: number;
  /** Safety poll: the log is read at least this often even if a bus notice was missed. */
  pollMs: number;
  /** Delivery work per event-loop turn before other work gets its turn (ms). */
  deliveryBudgetMs: number;
}

const eventAccessOfChange = (c: Change): EventAccess => ({
  ownerOrgId: c.ownerOrgId ?? -1,
  distribution: c.eventDistribution ?? Distribution.ORGANISATION_ONLY,
  sharingGroupId: c.eventSharingGroupId ?? null,
  published: !!c.published,
});

/** The same facts the read paths use (one definition, in the event service). */
export const eventAccessOf = (e: Event): EventAccess => eventAccess(e);

export const attributeAccessOf = (a: Attribute): AttributeAccess => ({
  distribution: a.distribution,
  sharingGroupId: a.sharingGroup?.id ?? null,
  deleted: a.deleted,
});

/**
 * May this viewer learn of this change? Decided by the viewer's current rights against the visibility
 * snapshot of the row (DESIGN §5), and, when the object still exists, against its current state too
 * (data made more private since is not delivered). Pure: no database access.
 */
export function canSeeChange(v: Viewer, item: FeedItem): boolean {
  const c = item.change;
  if (c.kind === ChangeKind.EVENT) {
    if (!canSeeEvent(v, eventAccessOfChange(c))) return false;
    return !item.event || canSeeEvent(v, eventAccessOf(item.event));
  }
  if (c.kind === ChangeKind.ATTRIBUTE) {
    const snapshot: AttributeAccess = {
      distribution: c.distribution ?? Distribution.INHERIT_EVENT,
      sharingGroupId: c.sharingGroupId ?? null,
      deleted: false, // a deletion is news to whoever could see the attribute
    };
    if (!canSeeAttribute(v, eventAccessOfChange(c), snapshot)) return false;
    if (!item.attribute) return true;
    return canSeeAttribute(v, eventAccessOf(item.attribute.event), attributeAccessOf(item.attribute), { includeDeleted: true });
  }
  if (c.kind === ChangeKind.SIGHTING) {
    // The sighted attribute must be visible (as snapshotted and as it is now), and the sighting itself
    // per the sighting policy: the event owner's organisation sees all, others their own reports.
    const snapshot: AttributeAccess = {
      distribution: c.distribution ?? Distribution.INHERIT_EVENT,
      sharingGroupId: c.sharingGroupId ?? null,
      deleted: false,
    };
    if (!canSeeAttribute(v, eventAccessOfChange(c), snapshot)) return false;
    const s = item.sighting;
    if (!s) return canSeeSighting(v, { ownerOrgId: c.ownerOrgId ?? -1 }, { orgId: null });
    const current = eventAccessOf(s.attribute.event);
    return canSeeSighting(v, current, { orgId: s.orgId }) && canSeeAttribute(v, current, attributeAccessOf(s.attribute));
  }
  // Other kinds (sharing groups, organisations, tags) are not streamed to non-admins.
  return v.siteAdmin;
}

/**
 * Reads the change log once per replica and shares the result: a window of recent items in memory for
 * live subscribers, and a reader for cursors older than the window (resume). Wakes on bus notices and
 * polls as a safety net, so a lost notice delays delivery but never loses it.
 */
export class ChangeFeed {
  private items: FeedItem[] = [];
  private head = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  /** Shared by every stream of this replica (see DeliveryPacer). */
  readonly pacer: DeliveryPacer;

  constructor(
    private readonly rootEm: EntityManager,
    private readonly bus: ChangeBus,
    private readonly logger: Logger,
    private readonly opts: ChangeFeedOptions,
  ) {
    this.pacer = new DeliveryPacer(opts.deliveryBudgetMs);
  }

  /** Starts at the current end of the log: history is served from the database, not the window. */
  async start(): Promise<void> {
    const em = this.rootEm.fork();
    const [last] = await em.find(Change, {}, { orderBy: { seq: 'desc' }, fields: ['seq'], limit: 1 });
    this.head = last?.seq ?? 0;
    this.unsubscribe = this.bus.subscribe((seq) => {
      if (seq > this.head) this.poke();
    });
    this.timer = setInterval(() => this.poke(), this.opts.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    for (const w of this.waiters) w();
    this.waiters.clear();
  }

  /** The seq of the newest change read so far. */
  get headSeq(): number {
    return this.head;
  }

  /** Oldest seq still in the window minus one (cursors at or after it are served from memory). */
  private get windowFloor(): number {
    return this.items.length ? this.items[0].change.seq - 1 : this.head;
  }

  /**
   * Items after `cursor`, at most `max`: from the window when the cursor is inside it, otherwise from
   * the database (a resuming subscriber catching up).
   */
  async itemsAfter(cursor: number, max: number): Promise<FeedItem[]> {
    if (cursor >= this.head) return [];
    if (cursor >= this.windowFloor) {
      const start = this.indexAfter(cursor);
      return this.items.slice(start, start + max);
    }
    const em = this.rootEm.fork();
    const rows = await em.find(Change, { seq: { $gt: cursor, $lte: this.head } }, { orderBy: { seq: 'asc' }, limit: max });
    return this.load(em, rows);
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

  private async readNew(): Promise<void> {
    for (;;) {
      const em = this.rootEm.fork();
      const rows = await em.find(Change, { seq: { $gt: this.head } }, { orderBy: { seq: 'asc' }, limit: this.opts.batchSize });
      if (!rows.length || this.stopped) return;
      const items = await this.load(em, rows);
      this.items.push(...items);
      if (this.items.length > this.opts.windowSize) this.items.splice(0, this.items.length - this.opts.windowSize);
      this.head = rows[rows.length - 1].seq;
      for (const w of [...this.waiters]) w();
      if (rows.length < this.opts.batchSize) return;
    }
  }

  /** Loads the current objects of a batch of change rows with a constant number of queries. */
  private async load(em: EntityManager, rows: Change[]): Promise<FeedItem[]> {
    const attrUuids = rows.filter((r) => r.kind === ChangeKind.ATTRIBUTE && r.op !== ChangeOp.DELETED).map((r) => r.uuid);
    const eventUuids = [...new Set(rows.filter((r) => r.eventUuid).map((r) => r.eventUuid!))];
    const sightingUuids = rows.filter((r) => r.kind === ChangeKind.SIGHTING).map((r) => r.uuid);
    const [attributes, events, sightings] = await Promise.all([
      attrUuids.length ? em.find(Attribute, { uuid: { $in: [...new Set(attrUuids)] } }) : Promise.resolve([]),
      eventUuids.length ? em.find(Event, { uuid: { $in: eventUuids } }) : Promise.resolve([]),
      sightingUuids.length
        ? em.find(Sighting, { uuid: { $in: sightingUuids } }, { populate: ['attribute', 'attribute.event'] })
        : Promise.resolve([] as Sighting[]),
    ]);
    const sightingByUuid = new Map(sightings.map((x) => [x.uuid, { orgId: x.org.id, attribute: x.attribute }]));
    const eventByUuid = new Map(events.map((e) => [e.uuid, e]));
    const attrByUuid = new Map(attributes.map((a) => [a.uuid, a]));
    const [attrTags, eventTags] = await Promise.all([
      attributes.length ? em.find(AttributeTag, { attribute: { $in: attributes.map((a) => a.id) } }, { populate: ['tag'] }) : Promise.resolve([]),
      events.length ? em.find(EventTag, { event: { $in: events.map((e) => e.id) } }, { populate: ['tag'] }) : Promise.resolve([]),
    ]);
    const tagsOfAttr = new Map<number, string[]>();
    for (const t of attrTags) tagsOfAttr.set(t.attribute.id, [...(tagsOfAttr.get(t.attribute.id) ?? []), t.tag.nameKey]);
    const tagsOfEvent = new Map<number, string[]>();
    for (const t of eventTags) tagsOfEvent.set(t.event.id, [...(tagsOfEvent.get(t.event.id) ?? []), t.tag.nameKey]);
    return rows.map((change) => {
      const event = change.eventUuid ? (eventByUuid.get(change.eventUuid) ?? null) : null;
      const attribute = change.kind === ChangeKind.ATTRIBUTE ? (attrByUuid.get(change.uuid) ?? null) : null;
      const tagKeys = new Set([...(event ? (tagsOfEvent.get(event.id) ?? []) : []), ...(attribute ? (tagsOfAttr.get(attribute.id) ?? []) : [])]);
      const sighting = change.kind === ChangeKind.SIGHTING ? (sightingByUuid.get(change.uuid) ?? null) : undefined;
      return { change, attribute, event, tagKeys, sighting };
    });
  }
}
