/**
 * MISP-format feeds (DESIGN §7): `manifest.json` → only events that are new or newer than the stored copy
 * (manifest timestamp vs stored timestamp) are downloaded → each `<uuid>.json` is validated
 * (parsers/misp-feed.ts) and applied with the peer receiver's event-apply code (identity by uuid, newer wins
 * per event and per attribute, creator org captured by uuid, change-log rows), in groups of events per
 * transaction (apply-batch.ts); at most one group is in memory at a time. A bad event is reported and
 * skipped; the others are stored. Invalid attributes are counted and reported, never stored.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SystemActor } from '../../auth/actor';
import { HubServices } from '../../graphql/scope';
import { Distribution } from '../../shared/enums';
import { isAppError } from '../../shared/errors';
import { AttributeTally } from '../../db/change-recorder';
import { Event } from '../event/event.entity';
import { WireEventGroups } from '../misp-import/apply-batch';
import { hubUuidOf } from '../hub/hub.service';
import { SyncEventWire, SyncSharingGroupWire } from '../misp-import/wire.types';
import { reportProblem, toWire, WireOptions } from './misp-wire';
import { classifySource, FeedOutbound, FeedSourceError, openFeedSource } from './feed-fetch';
import { Feed } from './feed.entity';
import { FeedFetchResult, FeedPreview, FeedPreviewValue, FeedRules } from './feed.types';
import { FeedProgressReporter } from './feed-progress';
import type { FetchGuard } from './feed-ingest';
import { feedTags } from './feed-settings';
import { allAttributes, ManifestEntry, ManifestProblem, parseManifest, parseMispEvent, ParsedMispEvent } from './parsers/misp-feed';
import { FeedFormatError } from './parsers/misp-fields';

export interface SourceLimits {
  timeoutMs: number;
  maxBytes: number;
  /** The feed's extra request headers. */
  headers?: Record<string, string>;
  outbound: FeedOutbound;
  /** Stops the downloads (the fetch lost its lease). */
  signal?: AbortSignal;
}

/** The location of a file of a MISP feed: the feed url is the directory (a trailing `/` is optional). */
export function mispFeedFile(feedUrl: string, name: string): string {
  const source = classifySource(feedUrl);
  if (source.kind === 'http') {
    const base = new URL(source.url.toString());
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return new URL(name, base).toString();
  }
  return /^file:/i.test(feedUrl.trim()) ? new URL(name, feedUrl.trim().replace(/\/?$/, '/')).toString() : join(source.path, name);
}

/** Reads one (small) document of the feed in full, under the size cap; JSON-parsed. */
async function readJson(url: string, limits: SourceLimits, validators?: { etag?: string | null; lastModified?: string | null }) {
  const source = await openFeedSource({ url, ...limits, ...(validators ?? {}) });
  if (source.notModified) return { notModified: true as const };
  const chunks: Buffer[] = [];
  for await (const chunk of source.body) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FeedFormatError(`not valid JSON (${(e as Error).message}; ${text.length} characters read)`, { field: url.split('/').pop() ?? url });
  }
  return { notModified: false as const, json, etag: source.etag, lastModified: source.lastModified };
}

// ---- rules -------------------------------------------------------------------------------------------------

export function feedRules(f: Pick<Feed, 'rules'>): FeedRules {
  const r = new FeedRules();
  if (f.rules) Object.assign(r, JSON.parse(f.rules));
  return r;
}

/** Why an event is left out by the feed's tag/org rules, or null when it is taken. */
export function ruleRefusal(rules: FeedRules, tags: readonly string[], orgc: { uuid: string; name: string } | undefined): string | null {
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.trim().toLowerCase()));
  const eventTags = lower(tags);
  const orgKeys = orgc ? lower([orgc.uuid, orgc.name]) : new Set<string>();
  const blockedTag = [...lower(rules.tagsBlock)].find((t) => eventTags.has(t));
  if (blockedTag) return `tag "${blockedTag}" is blocked`;
  const blockedOrg = [...lower(rules.orgsBlock)].find((o) => orgKeys.has(o));
  if (blockedOrg) return `creator organisation "${blockedOrg}" is blocked`;
  if (rules.tagsAllow.length && ![...lower(rules.tagsAllow)].some((t) => eventTags.has(t))) return 'no allowed tag';
  if (rules.orgsAllow.length && ![...lower(rules.orgsAllow)].some((o) => orgKeys.has(o))) return 'creator organisation not allowed';
  return null;
}

// ---- the fetch ---------------------------------------------------------------------------------------------

/** The feed's own sharing group as a wire object the receiver recognises as already known (same timestamp). */
function sharingGroupWire(feed: Feed): SyncSharingGroupWire | null {
  const sg = feed.sharingGroup;
  if (!sg || feed.distribution !== Distribution.SHARING_GROUP) return null;
  return {
    id: sg.uuid,
    name: sg.name,
    roaming: sg.roaming,
    timestamp: sg.timestamp,
    ownerOrg: { id: '', name: '' },
    organisations: [],
    hubs: [],
  };
}

const IN_CHUNK = 500;

/** Manifest entries whose event is not stored yet or stored with an older timestamp (locally created events are never touched). */
async function wantedEvents(hub: HubServices, manifest: Map<string, ManifestEntry>): Promise<string[]> {
  const keys = [...manifest.keys()];
  const stored = new Map<string, { ts: number; locked: boolean }>();
  for (let i = 0; i < keys.length; i += IN_CHUNK) {
    const rows = await hub.em.fork().find(Event, { uuid: { $in: keys.slice(i, i + IN_CHUNK) } }, { fields: ['uuid', 'timestamp', 'locked'], disableIdentityMap: true });
    for (const r of rows) stored.set(r.uuid, { ts: r.timestamp.getTime(), locked: r.locked });
  }
  return keys.filter((k) => {
    const s = stored.get(k);
    return !s || (s.locked && manifest.get(k)!.timestamp * 1000 > s.ts);
  });
}

/**
 * Fetches a MISP feed into the hub. Returns the manifest's validators when every wanted event was stored
 * (so the next run may skip an unchanged manifest); null when some failed (the next run retries them).
 */
export async function ingestMispFeed(
  hub: HubServices,
  feed: Feed,
  result: FeedFetchResult,
  limits: SourceLimits,
  progress: FeedProgressReporter,
  conditional: { etag?: string | null; lastModified?: string | null },
  /** Checked before each event is read and each group is stored: throws when the fetch must stop (lease lost). */
  guard: FetchGuard,
): Promise<{ etag: string | null; lastModified: string | null } | null> {
  let firstFailure = '';
  const fail = (message: string) => {
    result.eventsFailed++;
    firstFailure ||= message;
    reportProblem(result, message);
  };
  progress.phase('DOWNLOADING');
  const doc = await readJson(mispFeedFile(feed.url, 'manifest.json'), limits, conditional);
  if (doc.notModified) {
    result.notModified = true;
    return { etag: conditional.etag ?? null, lastModified: conditional.lastModified ?? null };
  }
  const manifestProblems: ManifestProblem[] = [];
  const manifest = parseManifest(doc.json, manifestProblems);
  const rules = feedRules(feed);
  for (const [uuid, entry] of manifest) {
    const why = ruleRefusal(rules, entry.tags, entry.orgc);
    if (why) {
      manifest.delete(uuid);
      result.eventsSkipped++;
    }
  }
  for (const p of manifestProblems) fail(`manifest entry ${p.key}: ${p.message}`);
  const wanted = await wantedEvents(hub, manifest);
  result.eventsSkipped += manifest.size - wanted.length;
  progress.phase('STORING', { total: wanted.length });

  const thisHubUuid = await hubUuidOf(hub.em.fork());
  const actor: SystemActor = { kind: 'system', orgId: feed.org.id };
  const wireOptions: WireOptions = {
    keepOwnDistribution: feed.sourceDistribution,
    distribution: feed.distribution,
    sharingGroup: sharingGroupWire(feed),
    overrideIds: !!feed.overrideIds,
    publish: feed.publish,
    extraTags: feedTags(feed),
    now: hub.clock.now(),
    attachmentMaxBytes: hub.config.attachmentMaxBytes,
  };
  // The feed's sharing group was chosen by a site admin when the feed was saved (not named by a peer).
  const receive = { ownerOrg: feed.org, originHubUuid: null, thisHubUuid, logger: hub.logger, clock: hub.clock, configuredSharingGroup: true, attachmentMaxBytes: hub.config.attachmentMaxBytes };
  const record = (wire: SyncEventWire, a: { outcome: string; attributes: AttributeTally }) => {
    if (a.outcome === 'created') result.eventsCreated++;
    else if (a.outcome === 'updated') result.eventsUpdated++;
    else result.eventsSkipped++;
    const { created, updated, deleted } = a.attributes;
    result.new += created;
    result.updated += updated;
    result.deleted += deleted;
    result.skipped += wire.attributes.length - created - updated - deleted;
    if (!result.eventId) result.eventId = wire.id;
    progress.stored(created);
  };
  const eventFailed = (uuid: string, e: unknown) => {
    if (!(e instanceof FeedFormatError || e instanceof FeedSourceError || isAppError(e))) throw e;
    fail(`event ${uuid}: ${e.message}`);
    progress.failedEvent();
  };
  // Whatever the database refused for one event (e.g. a value longer than its column on MariaDB) is that
  // event's failure, not the fetch's: reported, logged, retried by the next run.
  const storeFailed = (wire: SyncEventWire, err: unknown) => {
    if (!isAppError(err)) hub.logger.warn({ feed: feed.name, event: wire.id, err }, 'feed event not stored');
    eventFailed(wire.id, isAppError(err) ? err : new FeedFormatError(`could not be stored: ${(err as Error)?.message ?? String(err)}`, { field: 'Event' }));
  };
  // Events are applied in groups as they are downloaded (apply-batch.ts: a few transactions, a failing
  // group again event by event, so that only the bad event is left out).
  const groups = new WireEventGroups<null>(
    () => hub.openScope(actor, randomUUID()),
    receive,
    (wire, _tag, o) => (o.ok ? record(wire, o) : storeFailed(wire, o.error)),
    { beforeGroup: () => guard.check() },
  );

  for (const uuid of wanted) {
    await guard.check();
    const entry = manifest.get(uuid)!;
    let wire: SyncEventWire | null;
    try {
      const file = await readJson(mispFeedFile(feed.url, `${uuid}.json`), limits);
      if (file.notModified) continue;
      const ev = parseMispEvent(file.json);
      if (ev.uuid !== uuid) throw new FeedFormatError(`the file holds event ${ev.uuid}, not the one the manifest lists`, { field: 'Event.uuid', value: ev.uuid });
      const valid = [...allAttributes(ev)].length;
      const invalid = ev.attributeCountInFile - valid;
      result.invalid += invalid;
      for (const p of ev.problems) reportProblem(result, `event ${uuid}: ${p.path}: ${p.message}`);
      progress.rows(ev.attributeCountInFile, invalid);
      if (ev.attributeCountInFile > 0 && valid === 0) {
        throw new FeedFormatError(`none of its ${ev.attributeCountInFile} attributes is valid`, { field: 'Event.Attribute' });
      }
      const why = ruleRefusal(rules, ev.tags.map((t) => t.name), ev.orgc ?? entry.orgc);
      if (why) {
        result.eventsSkipped++;
        continue;
      }
      wire = toWire(ev, entry, wireOptions, result);
      if (!wire) throw new FeedFormatError('no creator organisation (Orgc) in the event or the manifest', { field: 'Event.Orgc' });
    } catch (e) {
      eventFailed(uuid, e);
      continue;
    }
    await groups.add(wire, null);
  }
  await groups.end();
  if (result.eventsFailed) {
    result.error = `${result.eventsFailed} event(s) could not be stored; the others were (first: ${firstFailure})`;
    return null;
  }
  return { etag: doc.etag, lastModified: doc.lastModified };
}

/** previewFeed for MISP feeds: the attributes of the newest events of the manifest (at most 20 events read). */
export async function previewMispFeed(feed: Feed, limits: SourceLimits, limit: number, preview: FeedPreview): Promise<void> {
  const doc = await readJson(mispFeedFile(feed.url, 'manifest.json'), limits);
  if (doc.notModified) return;
  const manifest = parseManifest(doc.json, []);
  const rules = feedRules(feed);
  const newest = [...manifest.entries()]
    .filter(([, e]) => !ruleRefusal(rules, e.tags, e.orgc))
    .sort((a, b) => b[1].timestamp - a[1].timestamp)
    .slice(0, 20);
  for (const [uuid] of newest) {
    const file = await readJson(mispFeedFile(feed.url, `${uuid}.json`), limits);
    if (file.notModified) continue;
    let ev: ParsedMispEvent;
    try {
      ev = parseMispEvent(file.json);
    } catch (e) {
      if (!(e instanceof FeedFormatError)) throw e;
      continue;
    }
    preview.invalid += ev.attributeCountInFile - [...allAttributes(ev)].length;
    for (const a of allAttributes(ev)) {
      preview.values.push(Object.assign(new FeedPreviewValue(), { type: a.type, value: a.value, eventId: ev.uuid }));
      if (preview.values.length >= limit) return;
    }
  }
}
