import { randomUUID } from 'node:crypto';
import { validate as validateCron } from 'node-cron';
import { HubServices, requireActor, Scope } from '../../graphql/scope';
import { HeldLease } from '../../db/lease';
import { Distribution } from '../../shared/enums';
import { badInput, conflict, forbidden, isAppError, notFound } from '../../shared/errors';
import { Organisation } from '../organisation/organisation.entity';
import { resolveDistribution } from '../sharing-group/sharing-group.service';
import { checkTagName } from '../tag/tag.service';
import { DEFAULT_FEEDS } from './default-feeds';
import { localFileBelowRoot, OutboundHttp, OutboundRefusedError } from '../../shared/outbound';
import { classifySource, FeedOutbound, FeedSourceError, openFeedSource } from './feed-fetch';
import { Feed, FeedFormat } from './feed.entity';
import { CreateFeedInput, FeedFetchResult, FeedFetchSummary, FeedPreview, FeedPreviewValue, FeedRulesInput, UpdateFeedInput } from './feed.inputs';
import { parseExcludeRegex, resolveDelimiter } from './parsers/csv';
import { FeedFormatError } from './parsers/misp-feed';
import { ingestMispFeed, previewMispFeed } from './feed-misp';
import { csvCandidates, feedTags, feedValueColumns, FeedIngest, freetextCandidates, FetchGuard, ingestBody } from './feed-ingest';
import { FeedFetchProgress, FeedProgressReporter } from './feed-progress';

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

export { feedTags, feedValueColumns };

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
