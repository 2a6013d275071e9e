/**
 * Running feed fetches: one feed on request, every enabled feed (the global schedule), and the fetch itself
 * (lease, guard, source, the ingest of the feed's format, the status recorded on the feed, progress).
 */
import { randomUUID } from 'node:crypto';
import { HubServices, Scope } from '../../graphql/scope';
import { HeldLease } from '../../db/lease';
import { isAppError } from '../../shared/errors';
import { feedOutbound, openFeedSource } from './feed-fetch';
import { ingestMispFeed } from './feed-misp';
import { FeedFetchProgress, FeedProgressReporter } from './feed-progress';
import { feedHeaders } from './feed-settings';
import { Feed, FeedFormat } from './feed.entity';
import { getFeed } from './feed.service';
import { FeedIngest, FetchGuard, ingestBody } from './feed-ingest';
import { FeedFetchResult, FeedFetchSummary } from './feed.types';

/**
 * Fetches one feed now (admin request). Failures of the source are part of the result (and recorded on the
 * feed), not GraphQL errors. A fetch of a feed that is already being fetched is refused (result.error).
 */
export async function fetchFeed(scope: Scope, uuid: string): Promise<FeedFetchResult> {
  const feed = await getFeed(scope, uuid);
  return runFeedFetch(scope, feed.id);
}

/** Fetches every enabled feed, one after the other (by name); one result per feed. */
export async function fetchAllFeeds(hub: HubServices, opts: FeedFetchOptions = {}): Promise<FeedFetchSummary[]> {
  const feeds = await hub.em.fork().find(Feed, { enabled: true }, { orderBy: { name: 'asc' }, fields: ['id', 'uuid', 'name'] });
  const out: FeedFetchSummary[] = [];
  for (const f of feeds) {
    if (opts.signal?.aborted) break; // the global run lost its lease: another replica took over
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

/** Passes the chunks of a body through, telling `onBytes` their size (progress in bytes). */
async function* counted(body: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    onBytes(chunk.length);
    yield chunk;
  }
}

const ALREADY_RUNNING = 'a fetch of this feed is already running';

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
          progress.source(source.size);
          await ingestBody(feed, counted(source.body, (n) => progress.read(n)), ingest, progress, result);
          await ingest.deltaMerge();
          await ingest.finish();
          feed.etag = source.etag;
          feed.lastModified = source.lastModified;
        }
      }
      feed.lastError = result.error;
      if (!result.error) feed.lastSuccessAt = hub.clock.now();
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
