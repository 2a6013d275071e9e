/**
 * CSV and freetext feeds: the source is read value by value (typed and normalised as the API does), and
 * stored into the feed's event through the shared attribute write path in batches (FeedIngest).
 */
import { randomUUID } from 'node:crypto';
import { SystemActor } from '../../auth/actor';
import { HubServices, Scope } from '../../graphql/scope';
import { writeTransaction } from '../../db/change-recorder';
import { forbiddenControlCharacter } from '../../shared/control-characters';
import { ChangeOp } from '../../shared/enums';
import { isAppError } from '../../shared/errors';
import { valueHash } from '../attribute/attribute-keys';
import { normaliseAttributeValue } from '../attribute/attribute-values';
import { Attribute } from '../attribute/attribute.entity';
import { insertAttributes, PreparedRow, prepareRows } from '../attribute/attribute-writes';
import { Event } from '../event/event.entity';
import { createEvent, getEventForWrite, setPublished, tagEvent, touchEvent } from '../event/event.service';
import { Feed, FeedFormat } from './feed.entity';
import { FeedFetchResult } from './feed.types';
import { feedTags, feedValueColumns } from './feed-settings';
import { FeedProgressReporter } from './feed-progress';
import { parseCsvFeed, parseExcludeRegex, typeCsvValue } from './parsers/csv';
import { detectIndicatorsInLines, readLines } from './parsers/freetext';
import { FeedFormatError } from './parsers/misp-fields';
import { ValueSet } from './value-set';

/** Values checked against the database and inserted per round trip. */
const BATCH = 1000;


/** One value read from the source: typed and normalised, or invalid (counted, never stored). */
type Candidate = { type: string; value: string } | null;

function normalised(type: string, value: string): Candidate {
  try {
    return { type, value: normaliseAttributeValue(type, value) };
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}

export async function* csvCandidates(feed: Feed, body: AsyncIterable<Buffer>): AsyncGenerator<Candidate> {
  const excludeRegex = parseExcludeRegex(feed.excludeRegex);
  const rows = parseCsvFeed(body, {
    valueColumns: feedValueColumns(feed),
    delimiter: feed.delimiter,
    ...(excludeRegex ? { excludeRegex } : {}),
  });
  for await (const row of rows) {
    for (const cell of row.values) {
      // A cell with a control character is invalid as a whole (not mined for an indicator inside it).
      if (forbiddenControlCharacter(cell, false)) {
        yield null;
        continue;
      }
      const typed = typeCsvValue(cell);
      yield typed ? normalised(typed.type, typed.value) : null;
    }
  }
}

export async function* freetextCandidates(feed: Feed, body: AsyncIterable<Buffer>): AsyncGenerator<Candidate> {
  const excludeRegex = parseExcludeRegex(feed.excludeRegex);
  // The detector only yields valid values; repeats are counted by the caller (dedupe off).
  for await (const hit of detectIndicatorsInLines(readLines(body), { dedupe: false, ...(excludeRegex ? { excludeRegex } : {}) })) {
    yield normalised(hit.type, hit.value);
  }
}

interface Pending {
  type: string;
  value: string;
  hash: string;
}

const keyOf = (type: string, hash: string) => `${type}\u0000${hash}`;

/** What a running fetch checks before each write: throws when it must stop (its lease was lost). */
export interface FetchGuard {
  check(): Promise<void>;
  readonly signal: AbortSignal;
}

/**
 * Streams the feed into its event. Values already live in the event are skipped (so an unchanged source
 * writes nothing); new ones go through the ordinary bulk path (validation, change log, subscriptions) in
 * batches. Returns once the whole source has been read; a source error midway leaves what was added and
 * skips delta merge.
 */
export class FeedIngest {
  private eventUuid: string | null = null;
  private eventId: number | null = null;
  private eventExisted = false;
  /** The event is the feed's pending event, left incomplete by an earlier fetch that died. */
  private resumed = false;
  /** Values of the source (delta merge, and a resumed pending event: what is not in it gets soft-deleted). */
  private seen: ValueSet | null;
  /** Keys of the current batch (repeats within it); repeats across batches are found in the database. */
  private batchKeys = new Set<string>();
  /** Valid values read (repeats included). */
  valid = 0;
  private pending: Pending[] = [];
  private changed = false;

  constructor(
    private readonly hub: HubServices,
    private readonly feed: Feed,
    private readonly result: FeedFetchResult,
    private readonly guard: FetchGuard,
  ) {
    this.seen = feed.fixedEvent && feed.deltaMerge ? new ValueSet() : null;
  }

  private system(): Scope {
    const actor: SystemActor = { kind: 'system', orgId: this.feed.org.id };
    return this.hub.openScope(actor, randomUUID());
  }

  /** The fixed event of the feed if it still exists. */
  async reuseFixedEvent(): Promise<void> {
    if (!this.feed.fixedEvent || !this.feed.event) return;
    const e = await this.hub.em.fork().findOne(Event, { id: this.feed.event.id }, { fields: ['id', 'uuid'] });
    if (e) {
      this.eventId = e.id;
      this.eventUuid = e.uuid;
      this.eventExisted = true;
      this.result.eventId = e.uuid;
    }
  }

  /**
   * Non-fixed-event feeds: the event an earlier fetch created and did not complete (it died or failed
   * midway), if it still exists. This fetch fills it instead of creating another one: the values it holds
   * are skipped like a fixed event's, and values it holds that the source no longer has are soft-deleted
   * at the end (so the completed event is the source as read now, each value once).
   */
  async resumePendingEvent(): Promise<void> {
    if (this.feed.fixedEvent || !this.feed.pendingEvent) return;
    const e = await this.hub.em.fork().findOne(Event, { id: this.feed.pendingEvent.id }, { fields: ['id', 'uuid'] });
    if (!e) return;
    this.eventId = e.id;
    this.eventUuid = e.uuid;
    this.resumed = true;
    this.changed = true; // completing it publishes it, even when every value is in already
    this.seen = new ValueSet();
    this.result.eventId = e.uuid;
  }

  private async ensureEvent(): Promise<void> {
    if (this.eventUuid) return;
    await this.guard.check();
    const now = this.hub.clock.now();
    const e = await createEvent(this.system(), {
      info: this.feed.fixedEvent ? this.feed.name : `${this.feed.name} (${now.toISOString()})`,
      distribution: this.feed.distribution,
      sharingGroupId: this.feed.sharingGroup?.uuid,
      tags: feedTags(this.feed),
    });
    this.eventId = e.id;
    this.eventUuid = e.uuid;
    this.result.eventId = e.uuid;
    this.changed = true;
    // Recorded before any value goes in: a fetch that dies from here on leaves the event to the next fetch.
    await this.hub.em.fork().nativeUpdate(Feed, { id: this.feed.id }, this.feed.fixedEvent ? { event: e.id } : { pendingEvent: e.id });
  }

  async add(c: Candidate): Promise<void> {
    if (!c) {
      this.result.invalid++;
      return;
    }
    this.valid++;
    const hash = valueHash(c.value);
    this.seen?.add(c.type, hash);
    const key = keyOf(c.type, hash);
    if (this.batchKeys.has(key)) {
      this.result.skipped++;
      return;
    }
    this.batchKeys.add(key);
    this.pending.push({ type: c.type, value: c.value, hash });
    if (this.pending.length >= BATCH) await this.startBatch();
  }

  /**
   * Starts storing the pending batch once the previous one is stored, and returns without waiting for it:
   * the source is parsed while the database works (one batch in flight; batches stay in order, so each
   * one's duplicate check sees the ones before).
   */
  private async startBatch(): Promise<void> {
    await this.inflight;
    const batch = this.pending;
    this.pending = [];
    this.batchKeys = new Set();
    this.inflight = this.store(batch);
    this.inflight.catch(() => undefined); // surfaced by the next await of it
  }

  private inflight: Promise<void> | null = null;

  /**
   * Waits for the batch in flight (its outcome is the caller's error path's business): a fetch that fails
   * while reading must not end — and give up its lease — while a batch of it may still commit, or a retry
   * would not see those values and store them again.
   */
  async settle(): Promise<void> {
    await this.inflight?.catch(() => undefined);
  }

  /** Stores what is pending and waits until every batch is stored. */
  async flush(): Promise<void> {
    await this.startBatch();
    const last = this.inflight;
    this.inflight = null;
    await last;
  }

  private async store(batch: Pending[]): Promise<void> {
    if (!batch.length) return;
    // The shared write path (attribute-writes). Its duplicate rule against the event's stored values (from
    // an earlier fetch, or an earlier batch of this one: how repeats across batches are found, memory
    // stays flat) skips what the event has, so an unchanged source writes nothing.
    const { rows, refused } = await prepareRows(
      this.hub.em.fork(),
      this.eventId,
      batch.map((p) => ({ type: p.type, value: p.value, toIds: this.feed.overrideIds ? false : null })),
      { now: this.hub.clock.now(), lookup: 'value' },
    );
    for (const r of refused) {
      if (r.reason === 'DUPLICATE') this.result.skipped++;
      else this.result.invalid++;
    }
    if (!rows.length) return;
    await this.ensureEvent();
    const chunk = Math.min(BATCH, this.hub.config.maxBulkAttributes);
    for (let i = 0; i < rows.length; i += chunk) await this.insert(rows.slice(i, i + chunk));
  }

  /**
   * One transaction per batch on the bulk path (multi-row INSERTs, no per-row entities, no id read-back):
   * the event is touched and the change-log rows appended (subscribers and peers see feed IOCs like any
   * other).
   */
  private async insert(rows: PreparedRow[]): Promise<void> {
    await this.guard.check();
    const scope = this.system();
    await writeTransaction(scope, async (em, changes) => {
      const event = await getEventForWrite(scope, em, this.eventUuid!);
      await insertAttributes(em, changes, event, rows);
      touchEvent(scope, event);
      changes.event(ChangeOp.UPDATED, event);
    });
    this.result.new += rows.length;
    this.changed = true;
  }

  /**
   * Delta merge: soft-deletes the live values of the fixed event that the source no longer has, in bulk:
   * per page of the event's attributes one transaction with one UPDATE and the change-log rows of the
   * tombstones (subscribers and peers see the deletions like any other).
   */
  async deltaMerge(): Promise<void> {
    const merge = this.resumed || (this.feed.fixedEvent && this.feed.deltaMerge && this.eventExisted);
    if (!merge || this.eventId === null) return;
    // An empty read (garbage page, wrong format) must not wipe the feed's data.
    if (!this.seen || this.seen.size === 0) return;
    let afterId = 0;
    for (;;) {
      const page = await this.hub.em.fork().find(
        Attribute,
        { event: this.eventId, deleted: false, id: { $gt: afterId } },
        { fields: ['id', 'uuid', 'type', 'valueHash', 'distribution', 'sharingGroup'], orderBy: { id: 'asc' }, limit: BATCH, disableIdentityMap: true },
      );
      if (!page.length) return;
      afterId = page[page.length - 1].id;
      const seen = this.seen;
      const gone = page.filter((a) => !seen.has(a.type, a.valueHash));
      if (!gone.length) continue;
      await this.guard.check();
      const scope = this.system();
      const deleted = await writeTransaction(scope, async (em, changes) => {
        const event = await getEventForWrite(scope, em, this.eventUuid!);
        const n = await em.nativeUpdate(Attribute, { id: { $in: gone.map((a) => a.id) }, deleted: false }, { deleted: true, timestamp: scope.clock.now() });
        if (!n) return 0;
        touchEvent(scope, event);
        for (const a of gone) changes.attribute(ChangeOp.DELETED, a as unknown as Attribute, event);
        return n;
      });
      this.result.deleted += deleted;
      if (deleted) this.changed = true;
    }
  }

  /** Tags and publication after the data is in; a new event stops being pending (it is complete). */
  async finish(): Promise<void> {
    if (!this.eventUuid || !this.changed) return;
    await this.guard.check();
    if (this.eventExisted) for (const tag of feedTags(this.feed)) await tagEvent(this.system(), this.eventUuid, tag, false);
    if (this.feed.publish) await setPublished(this.system(), this.eventUuid, true);
    if (!this.feed.fixedEvent) await this.hub.em.fork().nativeUpdate(Feed, { id: this.feed.id, pendingEvent: this.eventId }, { pendingEvent: null });
  }
}

/** Reads the whole source through the parser of the feed's format into the ingest. */
export async function ingestBody(feed: Feed, body: AsyncIterable<Buffer>, ingest: FeedIngest, progress: FeedProgressReporter, result: FeedFetchResult): Promise<void> {
  const candidates = feed.format === FeedFormat.CSV ? csvCandidates(feed, body) : freetextCandidates(feed, body);
  let rows = 0;
  try {
    for await (const c of candidates) {
      await ingest.add(c);
      if ((++rows & 1023) === 0) progress.counts(result, rows);
    }
  } catch (e) {
    await ingest.settle();
    throw e;
  }
  await ingest.flush();
  progress.counts(result, rows);
  // Garbage (an HTML error page, a binary file, the wrong format) must not pass for an empty feed: it is
  // an error, the validators are not kept, and the next run reads the source again.
  if (ingest.valid === 0 && result.invalid > 0) {
    throw new FeedFormatError(`none of the ${result.invalid} values read is a valid indicator (is the source a ${feed.format} feed with these settings?)`, { field: 'source' });
  }
}

