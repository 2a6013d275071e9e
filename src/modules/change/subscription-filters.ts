import { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { orgIdsByUuid } from '../../db/query-helpers';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { EventFilter } from '../event/event.inputs';
import { FeedItem } from '../../auth/change-access';
import { parseSearchCidr } from '../attribute/attribute-keys';
import { checkCidrCount, checkQuickFilter, checkValueList } from '../search/search-terms';
import { TagFilter } from '../search/search.inputs';

/**
 * Subscription filters, resolved once at subscribe time (org uuids to ids, patterns to predicates) and
 * then matched in memory against each delivered item: no database access per delivery.
 */
export interface ItemFilter {
  (item: FeedItem): boolean;
}

const valueMatcher = (pattern: string) => {
  const p = pattern.trim().toLowerCase();
  if (!p.includes('%')) return (v: string) => v.toLowerCase() === p;
  const re = new RegExp(`^${p.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return (v: string) => re.test(v.toLowerCase());
};

const UNSUPPORTED_ATTRIBUTE_FIELDS = [
  'deleted', 'dateFrom', 'dateTo', 'timestampFrom', 'timestampTo', 'timestamp', 'eventTimestamp', 'publishTimestamp',
] as const; // prettier-ignore
const UNSUPPORTED_EVENT_FIELDS = [
  'ids', 'dateFrom', 'dateTo', 'timestampFrom', 'timestampTo', 'ownerOrgId', 'timestamp', 'publishTimestamp',
  'value', 'values', 'cidr', 'attributeType', 'attributeTimestamp', 'quickFilter',
] as const; // prettier-ignore

/** Legacy `tags` (any; `!name` excludes) and TagFilter (all / any / none) over the item's tag keys. */
function tagMatcher(legacy: readonly string[] | null | undefined, filter: TagFilter | null | undefined): ((keys: ReadonlySet<string>) => boolean) | null {
  const key = (t: string) => t.trim().toLowerCase();
  const anyLists: string[][] = [];
  const legacyAny = (legacy ?? []).filter((t) => !t.trim().startsWith('!')).map(key);
  if (legacy && (legacyAny.length || legacy.length === 0)) anyLists.push(legacyAny);
  if (filter?.any) anyLists.push(filter.any.map(key));
  const none = [...(legacy ?? []).filter((t) => t.trim().startsWith('!')).map((t) => key(t.trim().slice(1))), ...(filter?.none ?? []).map(key)];
  const all = (filter?.all ?? []).map(key);
  if (!anyLists.length && !none.length && !all.length) return null;
  return (keys) =>
    anyLists.every((l) => l.some((t) => keys.has(t))) && all.every((t) => keys.has(t)) && !none.some((t) => keys.has(t));
}

export async function attributeItemFilter(scope: Scope, f: AttributeFilter | null | undefined): Promise<ItemFilter> {
  if (!f) return () => true;
  for (const field of UNSUPPORTED_ATTRIBUTE_FIELDS) {
    if (f[field] != null) throw badInput(`filter.${field} is not supported by subscriptions (new attributes are live, not historical)`);
  }
  const types = f.type ? new Set(f.type) : null;
  const categories = f.category ? new Set(f.category.map((c) => c.toLowerCase())) : null;
  const value = f.value != null ? valueMatcher(f.value) : null;
  const values = f.values ? new Set(checkValueList(f.values).map((v) => v.toLowerCase())) : null;
  if (f.cidr) checkCidrCount(f.cidr);
  const cidrs = f.cidr ? f.cidr.map(parseSearchCidr) : null;
  const relations = f.objectRelation ? new Set(f.objectRelation) : null;
  const objectNames = f.objectName ? new Set(f.objectName) : null;
  const quick = f.quickFilter != null ? valueMatcher(`%${checkQuickFilter(f.quickFilter)}%`) : null;
  const tags = tagMatcher(f.tags, f.tagFilter);
  const distributions = f.distribution ? new Set<number>(f.distribution) : null;
  const creators = f.creatorOrgId ? new Set(await orgIdsByUuid(scope.em, f.creatorOrgId)) : null;
  const eventUuid = f.eventId?.toLowerCase() ?? null;
  return ({ attribute: a, event: e, tagKeys }) =>
    !!a &&
    !!e &&
    (!types || types.has(a.type)) &&
    (!categories || categories.has(a.category.toLowerCase())) &&
    (!value || value(a.value)) &&
    (f.toIds == null || a.toIds === f.toIds) &&
    (!distributions || distributions.has(a.distribution)) &&
    (!creators || creators.has(e.creatorOrg.id)) &&
    (!eventUuid || e.uuid === eventUuid) &&
    (f.published == null || e.published === f.published) &&
    (!values || values.has(a.value.toLowerCase())) &&
    (!cidrs || (!!a.ipStart && !!a.ipEnd && cidrs.some((r) => a.ipStart! >= r.start && a.ipStart! <= r.end && a.ipEnd! <= r.end))) &&
    (!relations || (!!a.objectRelation && relations.has(a.objectRelation))) &&
    // The change feed loads an attribute with its object (change-log-reader), so the name is at hand.
    (!objectNames || (!!a.object && objectNames.has(a.object.name))) &&
    (!quick || quick(a.value) || quick(a.comment ?? '') || quick(e.info) || [...tagKeys].some((t) => quick(t))) &&
    (!tags || tags(tagKeys));
}

export async function eventItemFilter(scope: Scope, f: EventFilter | null | undefined): Promise<ItemFilter> {
  if (!f) return () => true;
  for (const field of UNSUPPORTED_EVENT_FIELDS) {
    if (f[field] != null) throw badInput(`filter.${field} is not supported by the eventPublished subscription`);
  }
  const info = f.info != null ? valueMatcher(f.info.includes('%') ? f.info : `%${f.info}%`) : null;
  const distributions = f.distribution ? new Set<number>(f.distribution) : null;
  const creators = f.creatorOrgId ? new Set(await orgIdsByUuid(scope.em, f.creatorOrgId)) : null;
  const tags = tagMatcher(f.tags, f.tagFilter);
  return ({ event: e, tagKeys }) =>
    !!e &&
    (!info || info(e.info)) &&
    (!distributions || distributions.has(e.distribution)) &&
    (!creators || creators.has(e.creatorOrg.id)) &&
    (f.published == null || e.published === f.published) &&
    (!tags || tags(tagKeys));
}
