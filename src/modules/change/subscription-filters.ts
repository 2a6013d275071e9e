import { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { orgIdsByUuid } from '../../shared/query-helpers';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { EventFilter } from '../event/event.inputs';
import { FeedItem } from './change-feed';

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

const UNSUPPORTED_ATTRIBUTE_FIELDS = ['deleted', 'dateFrom', 'dateTo', 'timestampFrom', 'timestampTo'] as const;
const UNSUPPORTED_EVENT_FIELDS = ['ids', 'dateFrom', 'dateTo', 'timestampFrom', 'timestampTo', 'ownerOrgId'] as const;

export async function attributeItemFilter(scope: Scope, f: AttributeFilter | null | undefined): Promise<ItemFilter> {
  if (!f) return () => true;
  for (const field of UNSUPPORTED_ATTRIBUTE_FIELDS) {
    if (f[field] != null) throw badInput(`filter.${field} is not supported by subscriptions (new attributes are live, not historical)`);
  }
  const types = f.type ? new Set(f.type) : null;
  const categories = f.category ? new Set(f.category.map((c) => c.toLowerCase())) : null;
  const value = f.value != null ? valueMatcher(f.value) : null;
  const tags = f.tags ? f.tags.map((t) => t.trim().toLowerCase()) : null;
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
    (!tags || tags.some((t) => tagKeys.has(t)));
}

export async function eventItemFilter(scope: Scope, f: EventFilter | null | undefined): Promise<ItemFilter> {
  if (!f) return () => true;
  for (const field of UNSUPPORTED_EVENT_FIELDS) {
    if (f[field] != null) throw badInput(`filter.${field} is not supported by the eventPublished subscription`);
  }
  const info = f.info != null ? valueMatcher(f.info.includes('%') ? f.info : `%${f.info}%`) : null;
  const distributions = f.distribution ? new Set<number>(f.distribution) : null;
  const creators = f.creatorOrgId ? new Set(await orgIdsByUuid(scope.em, f.creatorOrgId)) : null;
  const tags = f.tags ? f.tags.map((t) => t.trim().toLowerCase()) : null;
  return ({ event: e, tagKeys }) =>
    !!e &&
    (!info || info(e.info)) &&
    (!distributions || distributions.has(e.distribution)) &&
    (!creators || creators.has(e.creatorOrg.id)) &&
    (f.published == null || e.published === f.published) &&
    (!tags || tags.some((t) => tagKeys.has(t)));
}
