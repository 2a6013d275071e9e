/**
 * Feed administration: create, update, enable/disable, delete, the default list (every change reschedules).
 * Settings checks: feed-settings.ts; fetch runs: feed-run.ts; previews: feed-preview.ts.
 */
import { requireActor, Scope } from '../../graphql/scope';
import { Distribution } from '../../shared/enums';
import { conflict, forbidden, notFound } from '../../shared/errors';
import { Organisation } from '../organisation/organisation.entity';
import { resolveDistribution } from '../sharing-group/sharing-group.service';
import { DEFAULT_FEEDS } from './default-feeds';
import { Feed, FeedFormat } from './feed.entity';
import { CreateFeedInput, UpdateFeedInput } from './feed.inputs';
import { checkColumns, checkDelimiter, checkExcludeRegex, checkHeaders, checkRules, checkSchedule, checkTags, checkUrl } from './feed-settings';

// ---- administration ----------------------------------------------------------------------------------------

async function checkNameFree(scope: Scope, name: string, exceptId?: number) {
  const other = await scope.em.findOne(Feed, { name }, { fields: ['id'] });
  if (other && other.id !== exceptId) throw conflict(`A feed named "${name}" already exists`);
}

/**
 * One feed per source: a URL that another feed already has (compared as stored, i.e. trimmed) is refused,
 * naming that feed — two feeds on one source would download it twice and store every value twice.
 */
async function checkUrlFree(scope: Scope, url: string, exceptId?: number) {
  const other = await scope.em.findOne(Feed, { url }, { fields: ['id', 'name'] });
  if (other && other.id !== exceptId) throw conflict(`The URL "${url}" is already configured as feed "${other.name}"`, { field: 'url', feed: other.name });
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
  await checkUrlFree(scope, url);
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
    const url = await checkUrl(scope, input.url);
    await checkUrlFree(scope, url, feed.id);
    feed.url = url;
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
