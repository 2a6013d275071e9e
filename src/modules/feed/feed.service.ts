/**
 * Feed administration: create, update, enable/disable, delete, the default list (every change reschedules).
 * Settings checks: feed-settings.ts; fetch runs: feed-run.ts; previews: feed-preview.ts.
 */
import { randomUUID } from 'node:crypto';
import { SystemActor } from '../../auth/actor';
import { HubServices, requireActor, Scope } from '../../graphql/scope';
import { ChangeOp, Distribution } from '../../shared/enums';
import { conflict, forbidden, isAppError, notFound } from '../../shared/errors';
import { normaliseAttributeValue } from '../attribute/attribute-values';
import { forbiddenControlCharacter } from '../../shared/control-characters';
import { Attribute } from '../attribute/attribute.entity';
import { getAttributeType } from '../attribute/attribute-types';
import { valueColumns, valueHash } from '../attribute/attribute-keys';
import { insertRows } from '../../db/insert-rows';
import { writeTransaction } from '../../db/change-recorder';
import { Event } from '../event/event.entity';
import { createEvent, getEventForWrite, setPublished, tagEvent, touchEvent } from '../event/event.service';
import { Organisation } from '../organisation/organisation.entity';
import { resolveDistribution } from '../sharing-group/sharing-group.service';
import { DEFAULT_FEEDS } from './default-feeds';
import { ValueSet } from './value-set';
import { Feed, FeedFormat } from './feed.entity';
import { CreateFeedInput, UpdateFeedInput } from './feed.inputs';
import { FeedFetchResult } from './feed.types';
import { checkColumns, checkDelimiter, checkExcludeRegex, checkHeaders, checkRules, checkSchedule, checkTags, checkUrl, feedTags, feedValueColumns } from './feed-settings';
import { parseCsvFeed, parseExcludeRegex, typeCsvValue } from './parsers/csv';
import { detectIndicatorsInLines, readLines } from './parsers/freetext';
import { FeedFormatError } from './parsers/misp-feed';
import { FeedProgressReporter } from './feed-progress';

/** Values checked against the database and inserted per round trip. */
const BATCH = 1000;

// ---- administration ----------------------------------------------------------------------------------------

async function checkNameFree(scope: Scope, name: string, exceptId?: number) {
  const other = await scope.em.findOne(Feed, { name }, { fields: ['id'] });
  if (other && other.id !== exceptId) throw conflict(`A feed named "${name}" already exists`);
}

export const listFeeds = (scope: Scope) => scope.em.find(Feed, {}, { orderBy: { name: 'asc' }, populate: ['sharingGroup', 'event'] });

export async function getFeed(scope: Scope, uuid: string): Promise<Feed> {
  const f = await scope.em.findOne(Feed, { uuid: String(uuid).toLowerCase() }, { populate: ['sharingGroup', 'event'] });
  if (!f) throw notFound('Feed', uuid);
  return f;
}

/** The host organisation that owns feed data: the calling admin's organisation. */
function ownerOrgId(scope: Scope): number {
  const actor = requireActor(scope);
  if (actor.orgId === null) throw forbidden('Feeds belong to the host organisation: call as a user of it');
  return actor.orgId;
}

export async function createFeed(scope: Scope, input: CreateFeedInput): Promise<Feed> {
  const orgId = ownerOrgId(scope);
  const name = input.name.trim();
  await checkNameFree(scope, name);
  const { distribution, sharingGroup } = await resolveDistribution(
    scope,
    scope.em,
    input.distribution ?? Distribution.ORGANISATION_ONLY,
    input.sharingGroupId,
    { allowInherit: false },
  );
  const url = await checkUrl(scope, input.url);
  const feed = scope.em.create(Feed, {
    name,
    provider: input.provider?.trim() ?? '',
    url,
    format: input.format,
    enabled: input.enabled ?? false,
    distribution,
    sharingGroup,
    valueColumns: checkColumns(input.valueColumns ?? []),
    delimiter: checkDelimiter(input.delimiter ?? ','),
    excludeRegex: checkExcludeRegex(input.excludeRegex),
    fixedEvent: input.fixedEvent ?? false,
    deltaMerge: input.deltaMerge ?? false,
    publish: input.publish ?? false,
    overrideIds: input.overrideIds ?? null,
    tags: checkTags(input.tags ?? []),
    sourceDistribution: input.sourceDistribution ?? false,
    rules: checkRules(input.rules),
    schedule: checkSchedule(input.schedule),
    headers: checkHeaders(input.headers ?? []),
    org: scope.em.getReference(Organisation, orgId),
  } as Feed);
  await scope.em.flush();
  scope.feeds.reschedule();
  return feed;
}

export async function updateFeed(scope: Scope, input: UpdateFeedInput): Promise<Feed> {
  const feed = await getFeed(scope, input.id);
  if (input.name != null) {
    const name = input.name.trim();
    await checkNameFree(scope, name, feed.id);
    feed.name = name;
  }
  if (input.provider != null) feed.provider = input.provider.trim();
  if (input.url != null && input.url.trim() !== feed.url) {
    feed.url = await checkUrl(scope, input.url);
    feed.etag = null;
    feed.lastModified = null;
  }
  if (input.format != null) feed.format = input.format;
  if (input.enabled != null) feed.enabled = input.enabled;
  if (input.distribution != null || input.sharingGroupId !== undefined) {
    const d = await resolveDistribution(
      scope,
      scope.em,
      input.distribution ?? feed.distribution,
      input.sharingGroupId === undefined ? feed.sharingGroup?.uuid : input.sharingGroupId,
      { allowInherit: false },
    );
    feed.distribution = d.distribution;
    feed.sharingGroup = d.sharingGroup;
  }
  if (input.valueColumns != null) feed.valueColumns = checkColumns(input.valueColumns);
  if (input.delimiter != null) feed.delimiter = checkDelimiter(input.delimiter);
  if (input.excludeRegex != null) feed.excludeRegex = checkExcludeRegex(input.excludeRegex);
  if (input.fixedEvent != null) feed.fixedEvent = input.fixedEvent;
  if (input.deltaMerge != null) feed.deltaMerge = input.deltaMerge;
  if (input.publish != null) feed.publish = input.publish;
  if (input.overrideIds != null) feed.overrideIds = input.overrideIds;
  if (input.tags != null) feed.tags = checkTags(input.tags);
  if (input.sourceDistribution != null) feed.sourceDistribution = input.sourceDistribution;
  if (input.rules != null) feed.rules = checkRules(input.rules);
  if (input.schedule != null) feed.schedule = checkSchedule(input.schedule);
  if (input.headers != null) feed.headers = checkHeaders(input.headers);
  await scope.em.flush();
  scope.feeds.reschedule();
  return feed;
}

/** Enables or disables a feed (enabled feeds are fetched by the global schedule and their own). */
export async function setFeedEnabled(scope: Scope, uuid: string, enabled: boolean): Promise<Feed> {
  const feed = await getFeed(scope, uuid);
  if (feed.enabled !== enabled) {
    feed.enabled = enabled;
    await scope.em.flush();
    scope.feeds.reschedule();
  }
  return feed;
}

/** Removes a feed; the events it created stay (they are ordinary events of the host organisation). */
export async function deleteFeed(scope: Scope, uuid: string): Promise<string> {
  const feed = await getFeed(scope, uuid);
  await scope.em.nativeDelete(Feed, { id: feed.id });
  scope.em.getUnitOfWork().unsetIdentity(feed);
  scope.feeds.reschedule();
  return feed.uuid;
}

/** Inserts the default feed list (DEFAULT_FEEDS), skipping URLs and names already present; all disabled. */
export async function loadDefaultFeeds(scope: Scope): Promise<number> {
  const orgId = ownerOrgId(scope);
  const present = await scope.em.find(Feed, {}, { fields: ['id', 'url', 'name'] });
  const urls = new Set(present.map((f) => f.url));
  const names = new Set(present.map((f) => f.name));
  let added = 0;
  for (const d of DEFAULT_FEEDS) {
    if (urls.has(d.url) || names.has(d.name)) continue;
    urls.add(d.url);
    names.add(d.name);
    scope.em.create(Feed, {
      name: d.name,
      provider: d.provider,
      url: d.url,
      format: d.sourceFormat as FeedFormat,
      enabled: false,
      distribution: d.distribution as Distribution,
      sharingGroup: null,
      valueColumns: d.csv.valueColumns.join(','),
      delimiter: d.csv.delimiter || ',',
      excludeRegex: d.excludeRegex ?? null,
      fixedEvent: d.fixedEvent,
      deltaMerge: d.deltaMerge,
      publish: d.publish,
      overrideIds: d.overrideIds,
      tags: d.tag ? JSON.stringify([d.tag]) : null,
      org: scope.em.getReference(Organisation, orgId),
    } as Feed);
    added++;
  }
  await scope.em.flush();
  return added;
}

// ---- fetching ----------------------------------------------------------------------------------------------

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
    let fresh = batch;
    // The event exists (from an earlier fetch, or created by an earlier batch of this one): values it has
    // are skipped; this is also how repeats across batches are found (memory stays flat).
    if (this.eventId !== null) {
      // By value hash only, so that the value-hash index is used (with the event in the condition, SQLite
      // picks the (event, deleted) index and scans the whole event for every batch); rows of other events
      // with the same values are filtered out here.
      const existing = await this.hub.em.fork().find(
        Attribute,
        { valueHash: { $in: [...new Set(batch.map((p) => p.hash))] } },
        { fields: ['type', 'valueHash', 'event', 'deleted'], disableIdentityMap: true },
      );
      const present = new Set(existing.filter((a) => a.event.id === this.eventId && !a.deleted).map((a) => keyOf(a.type, a.valueHash)));
      fresh = batch.filter((p) => !present.has(keyOf(p.type, p.hash)));
      this.result.skipped += batch.length - fresh.length;
    }
    if (!fresh.length) return;
    await this.ensureEvent();
    const chunk = Math.min(BATCH, this.hub.config.maxBulkAttributes);
    for (let i = 0; i < fresh.length; i += chunk) await this.insert(fresh.slice(i, i + chunk));
  }

  /**
   * One transaction per batch on the bulk path: the values were validated and normalised with the API's
   * own functions (attribute-types, attribute-values) and checked against the event already, so they go
   * in as plain rows with one multi-row INSERT, the event is touched and the change-log rows appended
   * (subscribers and peers see feed IOCs like any other). No per-row entities, no id read-back.
   */
  private async insert(values: Pending[]): Promise<void> {
    await this.guard.check();
    const scope = this.system();
    await writeTransaction(scope, async (em, changes) => {
      const event = await getEventForWrite(scope, em, this.eventUuid!);
      const now = scope.clock.now();
      const rows = values.map((p) => {
        const info = getAttributeType(p.type);
        return {
          uuid: randomUUID(),
          event: event.id,
          type: info.type,
          category: info.defaultCategory,
          ...valueColumns(info.type, p.value, p.hash),
          toIds: this.feed.overrideIds ? false : info.toIdsDefault,
          comment: null,
          distribution: Distribution.INHERIT_EVENT,
          sharingGroup: null,
          timestamp: now,
          createdAt: now,
          updatedAt: now,
          deleted: false,
          disableCorrelation: false,
          firstSeen: null,
          lastSeen: null,
          objectRelation: null,
        };
      });
      await insertRows(em, Attribute, rows);
      for (const r of rows) changes.attribute(ChangeOp.CREATED, r as unknown as Attribute, event);
      touchEvent(scope, event);
      changes.event(ChangeOp.UPDATED, event);
    });
    this.result.new += values.length;
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
