/**
 * Applying a page of incoming events (the sync wire form) in a few transactions instead of one each:
 * groups of up to GROUP_EVENTS events (or about GROUP_ATTRIBUTES attributes) share one transaction and
 * the lookups that would otherwise run per event (which events and attribute uuids are stored here, the
 * creator organisations) and the INSERTs of the new events and of their untagged attributes. Each event
 * is still applied by `applyWireEvent` with the same rules, in order.
 * A group that fails is applied again one event per transaction, so that a bad event fails alone (the
 * same per-event isolation as one transaction per event); what each event's apply refused is collected per
 * event and per attempt (a retried transaction starts over).
 */
import { EntityManager } from '@mikro-orm/core';
import { ChangeRecorder, WriteScope, writeTransactionRetrying } from '../../db/change-recorder';
import { consecutiveInsertIds, INSERT_CHUNK } from '../../db/insert-rows';
import { Attribute } from '../attribute/attribute.entity';
import { DeferredAttributeRows } from '../attribute/attribute-writes';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
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

export type BatchOutcome = { ok: true; outcome: ApplyOutcome; skips: SyncSkipNote[] } | { ok: false; error: unknown };

export interface ApplyBatchOptions {
  /** Runs first in every transaction (e.g. the viewer of the transaction's entity manager). */
  begin?(em: EntityManager): void | Promise<void>;
  /** The owner of the copies as an entity of the transaction (default: `ctx.ownerOrg` as given). */
  ownerOrg?(em: EntityManager): Promise<Organisation>;
  events?: number;
  attributes?: number;
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

/**
 * Applies `wires` in order, in groups; one outcome per wire (same order). `openScope` gives a fresh write
 * scope per transaction. Nothing is thrown for an event that fails: its outcome says so.
 */
export async function applyWireEvents(
  openScope: () => WriteScope,
  ctx: Omit<ReceiveContext, 'skips' | 'batch'>,
  wires: readonly SyncEventWire[],
  opts: ApplyBatchOptions = {},
): Promise<BatchOutcome[]> {
  const maxEvents = opts.events ?? GROUP_EVENTS;
  const maxAttributes = opts.attributes ?? GROUP_ATTRIBUTES;
  const out: BatchOutcome[] = [];
  const applyGroup = (group: readonly SyncEventWire[]) =>
    writeTransactionRetrying(openScope(), async (em: EntityManager, changes: ChangeRecorder) => {
      await opts.begin?.(em);
      const ownerOrg = opts.ownerOrg ? await opts.ownerOrg(em) : ctx.ownerOrg;
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
        const outcome = await applyWireEvent(em, changes, { ...ctx, ownerOrg, skips, batch }, wire);
        applied.push({ ok: true, outcome, skips });
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
  let group: SyncEventWire[] = [];
  let attributes = 0;
  const flush = async () => {
    const g = group;
    group = [];
    attributes = 0;
    if (!g.length) return;
    try {
      out.push(...(await applyGroup(g)));
    } catch (e) {
      if (g.length === 1) {
        out.push({ ok: false, error: e });
        return;
      }
      // One event per transaction: only the bad one fails.
      for (const wire of g) {
        try {
          out.push(...(await applyGroup([wire])));
        } catch (e1) {
          out.push({ ok: false, error: e1 });
        }
      }
    }
  };
  for (const wire of wires) {
    const n = wire.attributes?.length ?? 0;
    if (group.length && (group.length >= maxEvents || attributes + n > maxAttributes)) await flush();
    group.push(wire);
    attributes += n;
  }
  await flush();
  return out;
}
