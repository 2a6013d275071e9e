import { badInput } from '../../shared/errors';

/**
 * Pure parsing and checking of search terms (time bounds, value patterns, value lists), shared by the
 * attribute and event searches. Every refusal is BAD_USER_INPUT naming the offending value.
 */

/** Most values one `values` search may list (answered by one indexed IN lookup). */
export const MAX_SEARCH_VALUES = 10_000;
/** Longest `value` pattern or `quickFilter` text. */
export const MAX_PATTERN_LENGTH = 1000;
/** A `%` pattern must keep at least this many other characters (`%` alone would scan everything). */
export const MIN_PATTERN_LITERALS = 2;
/** Most CIDR blocks in one search. */
export const MAX_SEARCH_CIDRS = 100;

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * One bound of a time range: ISO 8601 instant or date, Unix seconds, or relative (`7d` = seven days
 * before `now`). `field` names the filter field in the error message.
 */
export function parseTimeBound(text: string, now: Date, field: string): Date {
  const t = text.trim();
  const rel = /^(\d{1,9})\s*([A-Za-z]+)$/.exec(t);
  if (rel) {
    const unit = UNIT_MS[rel[2].toLowerCase()];
    if (unit === undefined) {
      throw badInput(`Invalid ${field} "${text}": unknown time unit "${rel[2]}" (expected s, m, h, d or w, e.g. 7d or 12h)`, { field, value: text });
    }
    return new Date(now.getTime() - Number(rel[1]) * unit);
  }
  if (/^\d{9,11}$/.test(t)) return new Date(Number(t) * 1000);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const d = new Date(t.length === 10 ? `${t}T00:00:00Z` : t.replace(' ', 'T'));
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw badInput(
    `Invalid ${field} "${text}": expected an ISO 8601 instant or date, Unix seconds, or a relative time such as 30m, 12h, 7d or 2w`,
    { field, value: text },
  );
}

/** Both bounds of a range (either may be absent); `from` after `to` is refused. */
export function parseTimeRange(
  range: { from?: string | null; to?: string | null } | null | undefined,
  now: Date,
  field: string,
): { from?: Date; to?: Date } {
  if (!range) return {};
  const from = range.from != null ? parseTimeBound(range.from, now, `${field}.from`) : undefined;
  const to = range.to != null ? parseTimeBound(range.to, now, `${field}.to`) : undefined;
  if (from && to && from > to) {
    throw badInput(`Invalid ${field}: from "${range.from}" is after to "${range.to}"`, { field });
  }
  return { from, to };
}

/** A `%` pattern of `value`: refused when too long or when it keeps too little besides wildcards. */
export function checkValuePattern(pattern: string, field = 'value'): string {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw badInput(`Invalid ${field} pattern "${pattern.slice(0, 100)}…": at most ${MAX_PATTERN_LENGTH} characters`, { field });
  }
  if (pattern.replace(/%/g, '').trim().length < MIN_PATTERN_LITERALS) {
    throw badInput(`Invalid ${field} pattern "${pattern}": give at least ${MIN_PATTERN_LITERALS} characters besides the % wildcards`, { field, value: pattern });
  }
  return pattern;
}

/** A quickFilter text: at least MIN_PATTERN_LITERALS characters, at most MAX_PATTERN_LENGTH. */
export function checkQuickFilter(text: string): string {
  const t = text.trim();
  if (t.replace(/%/g, '').length < MIN_PATTERN_LITERALS || t.length > MAX_PATTERN_LENGTH) {
    throw badInput(`Invalid quickFilter "${text.slice(0, 100)}": give ${MIN_PATTERN_LITERALS} to ${MAX_PATTERN_LENGTH} characters`, { value: text.slice(0, 100) });
  }
  return t;
}

/** The `values` list: at most MAX_SEARCH_VALUES, none empty; trimmed and deduplicated. */
export function checkValueList(values: readonly string[], field = 'values'): string[] {
  if (values.length > MAX_SEARCH_VALUES) {
    throw badInput(`Too many ${field} (${values.length}): at most ${MAX_SEARCH_VALUES} per search`, { field, count: values.length, max: MAX_SEARCH_VALUES });
  }
  const out = new Set<string>();
  for (const [i, v] of values.entries()) {
    const t = v.trim();
    if (!t) throw badInput(`Invalid ${field}[${i}] "${v}": a value is empty`, { field, index: i });
    if (t.length > 65535) throw badInput(`Invalid ${field}[${i}]: longer than 65535 characters`, { field, index: i });
    out.add(t);
  }
  return [...out];
}

export function checkCidrCount(cidrs: readonly string[]): void {
  if (cidrs.length > MAX_SEARCH_CIDRS) {
    throw badInput(`Too many cidr blocks (${cidrs.length}): at most ${MAX_SEARCH_CIDRS} per search`, { count: cidrs.length });
  }
}
