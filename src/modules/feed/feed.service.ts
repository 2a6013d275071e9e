import { randomUUID } from 'node:crypto';
import { validate as validateCron } from 'node-cron';
import { SystemActor } from '../../auth/actor';
import { HubServices, requireActor, Scope } from '../../graphql/scope';
import { HeldLease } from '../../db/lease';
import { ChangeOp, Distribution } from '../../shared/enums';
import { badInput, conflict, forbidden, isAppError, notFound } from '../../shared/errors';
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
import { checkTagName } from '../tag/tag.service';
import { DEFAULT_FEEDS } from './default-feeds';
import { ValueSet } from './value-set';
import { localFileBelowRoot, OutboundHttp, OutboundRefusedError } from '../../shared/outbound';
import { classifySource, FeedOutbound, FeedSourceError, openFeedSource } from './feed-fetch';
import { Feed, FeedFormat } from './feed.entity';
import { CreateFeedInput, FeedFetchResult, FeedFetchSummary, FeedPreview, FeedPreviewValue, FeedRulesInput, UpdateFeedInput } from './feed.inputs';
import { parseCsvFeed, parseExcludeRegex, resolveDelimiter, typeCsvValue } from './parsers/csv';
import { detectIndicatorsInLines, readLines } from './parsers/freetext';
import { FeedFormatError } from './parsers/misp-feed';
import { ingestMispFeed, previewMispFeed } from './feed-misp';
import { FeedFetchProgress, FeedProgressReporter } from './feed-progress';

/** Values checked against the database and inserted per round trip. */
const BATCH = 1000;

// ---- settings ----------------------------------------------------------------------------------------------

const asBadInput = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    if (e instanceof FeedFormatError || e instanceof FeedSourceError) throw badInput(e.message);
    throw e;
  }
};

/** A feed url: http(s), or a local file below FEED_FILE_ROOT (checked again at every read). */
async function checkUrl(scope: Scope, url: string): Promise<string> {
  const text = url.trim();
  const source = asBadInput(() => classifySource(text));
  if (source.kind === 'file') {
    try {
      await localFileBelowRoot(scope.config.feedFileRoot, source.path);
    } catch (e) {
      if (e instanceof OutboundRefusedError) throw badInput(`Invalid feed url: ${e.message}`);
      throw e;
    }
  }
  return text;
}

function checkColumns(columns: number[]): string {
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 1) throw badInput(`valueColumns must be 1-based column numbers, got ${c}`);
  }
  return columns.join(',');
}

function checkDelimiter(delimiter: string): string {
  asBadInput(() => resolveDelimiter(delimiter));
  return delimiter === '' ? ',' : delimiter;
}

function checkExcludeRegex(text: string | null | undefined): string | null {
  if (!text?.trim()) return null;
  asBadInput(() => parseExcludeRegex(text));
  return text.trim();
}

function checkTags(tags: string[]): string | null {
  const names = [...new Set(tags.map((t) => checkTagName(t.trim())))];
  return names.length ? JSON.stringify(names) : null;
}

function checkSchedule(schedule: string | null | undefined): string | null {
  if (!schedule?.trim()) return null;
  if (!validateCron(schedule.trim())) throw badInput(`Invalid schedule "${schedule}": not a cron expression (node-cron, e.g. "0 */6 * * *")`);
  return schedule.trim();
}

function checkRules(rules: FeedRulesInput | null | undefined): string | null {
  if (!rules) return null;
  const clean = (xs: string[] | undefined, what: string) =>
    [...new Set((xs ?? []).map((x) => x.trim()))].map((x) => {
      if (!x || x.length > 255) throw badInput(`rules.${what}: "${x.slice(0, 100)}" must be 1 to 255 characters`);
      return x;
    });
  const out = {
    tagsAllow: clean(rules.tagsAllow, 'tagsAllow'),
    tagsBlock: clean(rules.tagsBlock, 'tagsBlock'),
    orgsAllow: clean(rules.orgsAllow, 'orgsAllow'),
    orgsBlock: clean(rules.orgsBlock, 'orgsBlock'),
  };
  return Object.values(out).some((l) => l.length) ? JSON.stringify(out) : null;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Request headers the hub sets itself (conditional GET); a feed may not override them. */
const RESERVED_HEADERS = new Set(['if-none-match', 'if-modified-since', 'host', 'content-length', 'connection', 'transfer-encoding']);

/** "Name: value" lines → JSON of [name, value] pairs (null = none). */
function checkHeaders(lines: string[]): string | null {
  const pairs = lines.map((line) => {
    const i = line.indexOf(':');
    const name = i > 0 ? line.slice(0, i).trim() : '';
    const value = i > 0 ? line.slice(i + 1).trim() : '';
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || /[\r\n\0]/.test(value) || value.length > 4096) {
      throw badInput(`Invalid header "${line.slice(0, 60)}": expected "Name: value" (a token name other than ${[...RESERVED_HEADERS].join(', ')}; no line breaks)`);
    }
    return [name, value];
  });
  return pairs.length ? JSON.stringify(pairs) : null;
}

/** The feed's extra request headers (values may hold credentials: never exposed through the API). */
export const feedHeaders = (f: Pick<Feed, 'headers'>): Record<string, string> =>
  f.headers ? Object.fromEntries(JSON.parse(f.headers) as Array<[string, string]>) : {};

export const feedTags = (f: Feed): string[] => (f.tags ? (JSON.parse(f.tags) as string[]) : []);
export const feedValueColumns = (f: Feed): number[] => (f.valueColumns ? f.valueColumns.split(',').map(Number) : []);

async function checkNameFree(scope: Scope, name: string, exceptId?: number) {
  const other = await scope.em.findOne(Feed, { name }, { fields: ['id'] });
  if (other && other.id !== exceptId) throw conflict(`A feed named "${name}" already exists`);
}

// ---- administration ----------------------------------------------------------------------------------------

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

async function* csvCandidates(feed: Feed, body: AsyncIterable<Buffer>): AsyncGenerator<Candidate> {
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

async function* freetextCandidates(feed: Feed, body: AsyncIterable<Buffer>): AsyncGenerator<Candidate> {
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
class FeedIngest {
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
async function ingestBody(feed: Feed, body: AsyncIterable<Buffer>, ingest: FeedIngest, progress: FeedProgressReporter, result: FeedFetchResult): Promise<void> {
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

/**
 * Fetches one feed now (admin request). Failures of the source are part of the result (and recorded on the
 * feed), not GraphQL errors. A fetch of a feed that is already being fetched is refused (result.error).
 */
export async function fetchFeed(scope: Scope, uuid: string): Promise<FeedFetchResult> {
  const feed = await getFeed(scope, uuid);
  return runFeedFetch(scope, feed.id);
}

/** Fetches every enabled feed, one after the other (by name); one result per feed. */
export async function fetchAllFeeds(hub: HubServices, opts: FeedFetchOptions & { onFeed?: (f: Pick<Feed, "id" | "uuid" | "name">) => void } = {}): Promise<FeedFetchSummary[]> {
  const feeds = await hub.em.fork().find(Feed, { enabled: true }, { orderBy: { name: 'asc' }, fields: ['id', 'uuid', 'name'] });
  const out: FeedFetchSummary[] = [];
  for (const f of feeds) {
    if (opts.signal?.aborted) break; // the global run lost its lease: another replica took over
    opts.onFeed?.(f);
    out.push(Object.assign(new FeedFetchSummary(), { feedId: f.uuid, name: f.name, result: await runFeedFetch(hub, f.id, opts) }));
  }
  return out;
}

export interface FeedFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Called with every progress report (CLI progress bar). */
  onProgress?: (p: FeedFetchProgress) => void;
  /** Stops the fetch (the global run's lease was lost). */
  signal?: AbortSignal;
}

export const ALREADY_RUNNING = 'a fetch of this feed is already running';

/**
 * The fetch itself, as the hub (system actor of the host organisation): never two of one feed at once (an
 * in-process guard, and the feed's database lease across replicas: a second fetch is refused, not queued),
 * conditional, streamed, batched; the status is recorded on the feed; progress is reported.
 */
export async function runFeedFetch(hub: HubServices, feedId: number, opts: FeedFetchOptions = {}): Promise<FeedFetchResult> {
  const result = new FeedFetchResult();
  const started = Date.now();
  if (hub.feeds.running.has(feedId)) {
    result.error = ALREADY_RUNNING;
    result.refused = true;
    return result;
  }
  hub.feeds.running.add(feedId);
  let held: HeldLease | null = null;
  try {
    // Renewed while the fetch runs; a fetcher that died frees it within FEED_LEASE_TTL_MS.
    const lease = (held = await HeldLease.acquire(hub.em, `feed:${feedId}`, randomUUID(), {
      ttlMs: hub.config.feedLeaseTtlMs,
      clock: hub.clock,
      onRenewError: (e) => hub.logger.warn({ feedId, err: e }, 'feed lease not renewed'),
    }));
    if (!lease) {
      result.error = ALREADY_RUNNING;
      result.refused = true;
      return result;
    }
    const signal = opts.signal ? AbortSignal.any([lease.signal, opts.signal]) : lease.signal;
    const guard: FetchGuard = {
      signal,
      check: async () => {
        opts.signal?.throwIfAborted();
        await lease.check();
      },
    };
    const em = hub.em.fork();
    const feed = await em.findOne(Feed, { id: feedId }, { populate: ['sharingGroup', 'event', 'org'] });
    if (!feed) {
      // Deleted meanwhile.
      result.error = 'the feed no longer exists';
      return result;
    }
    const progress = new FeedProgressReporter(hub.feeds.progress, feed.uuid, opts.onProgress);
    progress.start();
    const outbound = feedOutbound(hub.config);
    const limits = { timeoutMs: opts.timeoutMs ?? hub.config.feedTimeoutMs, maxBytes: opts.maxBytes ?? hub.config.feedMaxBytes, headers: feedHeaders(feed), outbound, signal };
    let failed = false;
    try {
      if (feed.format === FeedFormat.MISP) {
        const validators = await ingestMispFeed(hub, feed, result, limits, progress, { etag: feed.etag, lastModified: feed.lastModified }, guard);
        // Some events failed: forget the validators so that the next run reads the manifest again.
        feed.etag = validators?.etag ?? null;
        feed.lastModified = validators?.lastModified ?? null;
      } else {
        const ingest = new FeedIngest(hub, feed, result, guard);
        await ingest.reuseFixedEvent();
        await ingest.resumePendingEvent();
        // Without the fixed event, or with a pending event to complete, the data must be read again in full.
        const conditional = feed.fixedEvent ? result.eventId !== null : result.eventId === null;
        progress.phase('DOWNLOADING');
        const source = await openFeedSource({
          url: feed.url,
          etag: conditional ? feed.etag : null,
          lastModified: conditional ? feed.lastModified : null,
          ...limits,
        });
        if (source.notModified) {
          result.notModified = true;
        } else {
          progress.phase('STORING');
          await ingestBody(feed, source.body, ingest, progress, result);
          await ingest.deltaMerge();
          await ingest.finish();
          feed.etag = source.etag;
          feed.lastModified = source.lastModified;
        }
      }
      feed.lastError = result.error;
    } catch (e) {
      failed = true;
      result.error = isAppError(e) || e instanceof Error ? e.message : String(e);
      feed.lastError = result.error;
      hub.logger.warn({ feed: feed.name, err: result.error }, 'feed fetch failed');
    } finally {
      result.durationMs = Date.now() - started;
      Object.assign(feed, {
        lastFetchAt: hub.clock.now(),
        lastDurationMs: result.durationMs,
        lastNew: result.new,
        lastUpdated: result.updated,
        lastDeleted: result.deleted,
        lastSkipped: result.skipped,
        lastInvalid: result.invalid,
      });
      await outbound.http.close().catch(() => undefined);
      // A fetch that lost its lease leaves the status to the run that took over.
      if (!lease.signal.aborted) await em.flush().catch((e) => hub.logger.error({ err: e }, 'feed status not saved'));
      await lease.release().catch((e) => hub.logger.error({ err: e }, 'feed lease not released'));
      progress.finish(result, failed);
    }
    return result;
  } finally {
    // Once (a no-op after the fetch's own release): also when something failed before the fetch began.
    await held?.release().catch((e) => hub.logger.error({ err: e }, 'feed lease not released'));
    hub.feeds.running.delete(feedId);
  }
}

/** How one run (fetch or preview) reaches its sources under the outbound policy. */
const feedOutbound = (config: Scope['config']): FeedOutbound => ({
  http: new OutboundHttp({ allowPrivate: config.outboundAllowPrivate }),
  fileRoot: config.feedFileRoot,
});

/** At most this many values in a preview. */
export const MAX_PREVIEW = 500;

/**
 * Reads the first `limit` valid values of a feed's source, typed and normalised exactly as a fetch would
 * store them, and stores nothing (no conditional GET, no status change). MISP feeds: the newest events of
 * the manifest, at most 20 of them.
 */
export async function previewFeed(scope: Scope, uuid: string, limit: number): Promise<FeedPreview> {
  const feed = await getFeed(scope, uuid);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PREVIEW) throw badInput(`limit must be between 1 and ${MAX_PREVIEW}, got ${limit}`);
  const preview = new FeedPreview();
  const outbound = feedOutbound(scope.config);
  const limits = { timeoutMs: scope.config.feedTimeoutMs, maxBytes: scope.config.feedMaxBytes, headers: feedHeaders(feed), outbound };
  try {
    if (feed.format === FeedFormat.MISP) {
      await previewMispFeed(feed, limits, limit, preview);
    } else {
      const source = await openFeedSource({ url: feed.url, ...limits });
      if (source.notModified) return preview;
      const candidates = feed.format === FeedFormat.CSV ? csvCandidates(feed, source.body) : freetextCandidates(feed, source.body);
      for await (const c of candidates) {
        if (!c) preview.invalid++;
        else preview.values.push(Object.assign(new FeedPreviewValue(), c));
        if (preview.values.length >= limit) break;
      }
    }
  } catch (e) {
    if (!(e instanceof FeedSourceError || e instanceof FeedFormatError || isAppError(e))) throw e;
    preview.error = e.message;
  } finally {
    await outbound.http.close().catch(() => undefined);
  }
  return preview;
}
