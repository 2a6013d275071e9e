/** Feed preview: what a feed would store, read from its source without storing anything. */
import { Scope } from '../../graphql/scope';
import { badInput, isAppError } from '../../shared/errors';
import { feedOutbound, FeedSourceError, openFeedSource } from './feed-fetch';
import { previewMispFeed } from './feed-misp';
import { feedHeaders } from './feed-settings';
import { FeedFormat } from './feed.entity';
import { getFeed } from './feed.service';
import { csvCandidates, freetextCandidates } from './feed-ingest';
import { FeedPreview, FeedPreviewValue } from './feed.types';
import { FeedFormatError } from './parsers/misp-fields';

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
