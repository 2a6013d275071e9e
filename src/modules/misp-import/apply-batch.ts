/**
 * Applying a page of incoming events (the sync wire form) in a few transactions instead of one each:
 * groups of up to GROUP_EVENTS events (or about GROUP_ATTRIBUTES attributes) share one transaction and
 * the lookups that would otherwise run per event (which events and attribute uuids are stored here, the
 * creator organisations) and the INSERTs of the new events and of their untagged attributes. Each event
 * is still applied by `applyWireEvent` with the same rules, in order.
 * A group that fails is applied again one event per transaction, so that a bad event fails alone (the
 * same per-event isolation as one transaction per event); what each event's apply refused is collected per
 * event and per attempt (a retried transaction starts over).
 *
 * Every receiver applies events this way: the hub-to-hub pull and push, MISP servers pulled, MISP feeds
 * and MISP files imported (one event at a time only where MISP sends one per request: `events/add|edit`).
 */
import { EntityManager } from '@mikro-orm/core';
import { AttributeTally, ChangeRecorder, WriteScope, writeTransactionRetrying } from '../../db/change-recorder';
import { consecutiveInsertIds, INSERT_CHUNK } from '../../db/insert-rows';
import { Attribute } from '../attribute/attribute.entity';
import { DeferredAttributeRows } from '../attribute/attribute-writes';
import { Event } from '../event/event.entity';
import { ApplyOutcome, applyWireEvent, ReceiveBatch, ReceiveContext } from './apply-event';
import { SyncSkipNote } from './skip-note';
import { SyncEventWire } from './wire.types';

/**
 * Events per transaction (at most), and attributes per transaction (about): a pull page at the default
 * SYNC_PAGE_SIZE (2,000 change rows, some 87 events of 20 attributes) is one or two transactions. Each
 * commit costs the database a write of every page the group changed (on SQLite with a checkpoint now and
 * then); a failing group costs its events a second apply, one per transaction.
 */
export const GROUP_EVENTS = 100;
export const GROUP_ATTRIBUTES = 2000;

/** What applying one event did: its outcome, what the sync write rules refused, and its attribute changes. */
export type BatchOutcome = { ok: true; outcome: ApplyOutcome; skips: SyncSkipNote[]; attributes: AttributeTally } | { ok: false; error: unknown };

export interface ApplyBatchOptions {
  /** Runs first in every transaction (e.g. the viewer of the transaction's entity manager). */
  begin?(em: EntityManager): void | Promise<void>;
  events?: number;
  attributes?: number;
  /** Runs before each group's transaction (e.g. a lease check). */
  beforeGroup?(): Promise<void>;
}

const lower = (s: string) => String(s).toLowerCase();

/** The lookups of one group, made once (see ReceiveBatch). */
async function lookUp(em: EntityManager, wires: readonly SyncEventWire[]): Promise<ReceiveBatch> {
  const eventUuids = [...new Set(wires.map((w) => lower(w.id)))];
  const attributeUuids = [...new Set(wires.flatMap((w) => (w.attributes ?? []).map((a) => lower(a.id))))];
  const stored = new Set<string>();
  for (let i = 0; i < eventUuids.length; i += INSERT_CHUNK) {
    const rows = await em.find(Event, { uuid: { $in: eventUuids.slice(i, i + INSERT_CHUNK) } }, { fields: ['uuid'], disableIdentityMap: true });
    for (const r of rows) stored.add(r.uuid);
  }
  const attributeEvents = new Map<string, { id: number }>();
  for (let i = 0; i < attributeUuids.length; i += INSERT_CHUNK) {
    const rows = await em.find(Attribute, { uuid: { $in: attributeUuids.slice(i, i + INSERT_CHUNK) } }, { fields: ['uuid', 'event'], disableIdentityMap: true });
    for (const r of rows) attributeEvents.set(r.uuid, r.event);
  }
  return {
    absentEvents: new Set(eventUuids.filter((u) => !stored.has(u))),
    attributesLookedUp: new Set(attributeUuids),
    attributeEvents,
    organisationIds: new Map(),
    eventsTogether: await consecutiveInsertIds(em),
    deferredAttributes: new DeferredAttributeRows(),
  };
}

type ReceiveCtx = Omit<ReceiveContext, 'skips' | 'batch'>;

/**
 * Applies `wires` in order, in groups; one outcome per wire (same order). `openScope` gives a fresh write
 * scope per transaction. Nothing is thrown for an event that fails: its outcome says so.
 */
export async function applyWireEvents(
  openScope: () => WriteScope,
  ctx: ReceiveCtx,
  wires: readonly SyncEventWire[],
  opts: ApplyBatchOptions = {},
): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = [];
  const groups = new WireEventGroups<null>(openScope, ctx, (_wire, _tag, o) => out.push(o), opts);
  for (const wire of wires) await groups.add(wire, null);
  await groups.end();
  return out;
}

/**
 * Takes incoming events in order and applies them a group at a time, each time a group is full (and the
 * last one at `end`): at most one group is held, so a receiver that reads its events one by one (a feed,
 * a MISP server) keeps no more than that in memory. `onOutcome` gets each event's outcome, in order, with
 * what the caller attached to it.
 */
export class WireEventGroups<T> {
  private wires: SyncEventWire[] = [];
  private tags: T[] = [];
  private attributes = 0;

  constructor(
    private readonly openScope: () => WriteScope,
    private readonly ctx: ReceiveCtx,
    private readonly onOutcome: (wire: SyncEventWire, tag: T, outcome: BatchOutcome) => void,
    private readonly opts: ApplyBatchOptions = {},
  ) {}

  async add(wire: SyncEventWire, tag: T): Promise<void> {
    const n = wire.attributes?.length ?? 0;
    const full = this.wires.length >= (this.opts.events ?? GROUP_EVENTS) || this.attributes + n > (this.opts.attributes ?? GROUP_ATTRIBUTES);
    if (this.wires.length && full) await this.end();
    this.wires.push(wire);
    this.tags.push(tag);
    this.attributes += n;
  }

  /** Applies the events held. */
  async end(): Promise<void> {
    const [wires, tags] = [this.wires, this.tags];
    this.wires = [];
    this.tags = [];
    this.attributes = 0;
    if (!wires.length) return;
    await this.opts.beforeGroup?.();
    let outcomes: BatchOutcome[];
    try {
      outcomes = await this.applyGroup(wires);
    } catch (e) {
      // One event per transaction: only the bad one fails.
      outcomes = [];
      if (wires.length === 1) outcomes.push({ ok: false, error: e });
      else {
        for (const wire of wires) {
          try {
            outcomes.push(...(await this.applyGroup([wire])));
          } catch (e1) {
            outcomes.push({ ok: false, error: e1 });
          }
        }
      }
    }
    outcomes.forEach((o, i) => this.onOutcome(wires[i], tags[i], o));
  }

  /** One transaction for the group: its lookups made once, its new rows written together. */
  private applyGroup(group: readonly SyncEventWire[]): Promise<BatchOutcome[]> {
    const { ctx, opts } = this;
    return writeTransactionRetrying(this.openScope(), async (em: EntityManager, changes: ChangeRecorder) => {
      await opts.begin?.(em);
      const batch = await lookUp(em, group);
      // The group's new events and their new attributes wait for one INSERT each (see applyWireEvent).
      const writePending = async () => {
        await em.flush();
        await batch.deferredAttributes.write(em);
      };
      const applied: BatchOutcome[] = [];
      for (const wire of group) {
        const absent = batch.absentEvents.has(lower(wire.id));
        // An event stored before (or earlier in this group) reads what is stored: what waits is written first.
        if (!absent) await writePending();
        const skips: SyncSkipNote[] = [];
        const before = changes.size;
        const outcome = await applyWireEvent(em, changes, { ...ctx, skips, batch }, wire);
        applied.push({ ok: true, outcome, skips, attributes: changes.attributeTally(before) });
        // After any other event the next one starts with an empty unit of work (flushes stay proportional
        // to one event); a new one stays for the group's next flush.
        if (!(absent && outcome === 'created' && batch.eventsTogether)) {
          await em.flush();
          em.clear();
        }
      }
      await writePending();
      return applied;
    });
  }
}
