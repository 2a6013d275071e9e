import { Scope } from '../../graphql/scope';
import { onSqlite } from '../../db/dialect';
import { likePattern } from '../../db/query-helpers';
import ipaddr from 'ipaddr.js';
import { parseSearchCidr, valueHash } from '../attribute/attribute-keys';
import { normaliseAttributeValue } from '../attribute/attribute-values';
import { dottedQuad } from '../attribute/dotted-quad';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { checkCidrCount, checkValueList, checkValuePattern, parseTimeRange } from './search-terms';

/**
 * Search conditions on an attribute's own columns, shared by attribute search, event search ("events
 * containing a matching attribute") and sightings by value.
 */

/** The hashes under which a searched value may be stored (as given, lower-cased, and as a normalised IP). */
export function valueHashCandidates(value: string, types?: readonly string[] | null): string[] {
  const v = value.trim();
  // The common case of a value list: an IPv4 address already in the one form ip-dst stores (the
  // general path below parses it twice to find that out). Test: search-terms "canonical IPv4".
  if (!types?.length && dottedQuad(v) >= 0) return [valueHash(v)];
  const forms = new Set([v, v.toLowerCase()]);
  for (const t of /^[\d.]+$|:/.test(v) && isIpOrCidr(v) ? ['ip-dst', ...(types ?? [])] : (types ?? [])) {
    try {
      forms.add(normaliseAttributeValue(t, v));
    } catch {
      // not a value of that type: nothing of that type can match it anyway
    }
  }
  return [...forms].map(valueHash);
}

/** Does ipRangeOf read an IP or CIDR in the text (the same parse, without computing the range)? */
const isIpOrCidr = (text: string): boolean => (text.includes('/') ? ipaddr.isValidCIDR(text) : ipaddr.isValid(text));

/** `value` filter: a `%` pattern (prefix `abc%`, suffix `%.example.com`, anywhere) or an exact value. */
function valueCondition(scope: Scope, value: string, types: readonly string[] | null | undefined): Record<string, unknown> {
  const v = value.trim();
  return v.includes('%')
    ? { value: { $like: likePattern(checkValuePattern(v), { sqlite: onSqlite(scope.em) }) } }
    : { valueHash: { $in: valueHashCandidates(v, types) } };
}

/** CIDR containment: the attribute's IP (or its whole CIDR block) lies inside one of the blocks. */
function cidrCondition(cidrs: readonly string[]): Record<string, unknown> {
  checkCidrCount(cidrs);
  return {
    $or: cidrs.map((c) => {
      const r = parseSearchCidr(c);
      return { ipStart: { $gte: r.start, $lte: r.end }, ipEnd: { $lte: r.end } };
    }),
  };
}

/**
 * Conditions on the attribute's own columns (value, values, cidr, type, category, objectRelation, objectName, toIds,
 * distribution, attribute timestamp): shared by attribute search and by event search ("events containing
 * a matching attribute").
 */
export function attributeOwnConditions(scope: Scope, f: AttributeSearchTerms): Record<string, unknown>[] {
  const where: Record<string, unknown>[] = [];
  if (f.type) where.push({ type: { $in: f.type } });
  if (f.category) where.push({ category: { $in: f.category } });
  if (f.objectRelation) where.push({ objectRelation: { $in: f.objectRelation } });
  // The object's name: the attribute's visibility already includes its object's, so this only narrows.
  if (f.objectName) where.push({ object: { name: { $in: f.objectName } } });
  if (f.value != null) where.push(valueCondition(scope, f.value, f.type));
  if (f.values != null) {
    const list = checkValueList(f.values);
    where.push({ valueHash: { $in: [...new Set(list.flatMap((v) => valueHashCandidates(v, f.type)))] } });
  }
  if (f.cidr != null) where.push(cidrCondition(f.cidr));
  if (f.toIds != null) where.push({ toIds: f.toIds });
  if (f.distribution) where.push({ distribution: { $in: f.distribution } });
  if (f.timestampFrom) where.push({ timestamp: { $gte: f.timestampFrom } });
  if (f.timestampTo) where.push({ timestamp: { $lte: f.timestampTo } });
  const ts = parseTimeRange(f.timestamp, scope.clock.now(), 'timestamp');
  if (ts.from) where.push({ timestamp: { $gte: ts.from } });
  if (ts.to) where.push({ timestamp: { $lte: ts.to } });
  return where;
}

/** The search terms on an attribute's own columns (a subset of AttributeFilter, also used by EventFilter). */
export type AttributeSearchTerms = Pick<
  AttributeFilter,
  'type' | 'category' | 'objectRelation' | 'objectName' | 'value' | 'values' | 'cidr' | 'toIds' | 'distribution' | 'timestampFrom' | 'timestampTo' | 'timestamp'
>;

