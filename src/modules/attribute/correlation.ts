import { EntityManager, raw } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { attributeVisibilityFilter, Viewer } from '../../auth/policy';
import { columnOf, indexOf, tableOf } from '../../db/names';
import { onSqlite } from '../../db/dialect';
import { Event } from '../event/event.entity';
import { isEventBrief, isEventRead } from '../event/event-view';
import { correlatingParts, correlationKeyOf } from './attribute-keys';
import { Attribute } from './attribute.entity';
import { AttributeViewColumn, findAttributeViews } from './attribute.views';
import { lookupAttributes } from './attribute-lookup';
import type { CorrelationKey, CorrelationResult } from '../../graphql/loaders';

/**
 * Correlation (DESIGN §8): attributes with the same normalised value (per part; URLs without scheme) in
 * other events, found through the indexed correlation-key columns — no table of pairs. MISP's exclusions:
 * non-correlating types have no keys (attribute-keys.ts), disableCorrelation on either attribute or either
 * event, configured excluded values, and over-correlating values (more than `max` visible attributes share
 * the part): those parts are not listed and the result says so (`capped`).
 *
 * Both sides obey the caller's visibility: the other attribute must pass attributeVisibilityFilter (so its
 * event is visible too), and the over-correlation count counts visible attributes only — a count never
 * reveals an event the caller cannot see.
 */

export interface CorrelationSettings {
  readonly max: number;
  readonly exclusions: readonly string[];
}

/** The columns a source attribute needs for its correlations. */
export const CORRELATION_SOURCE_COLUMNS = ['type', 'value', 'disableCorrelation'] as const;

/** A matcher for the configured exclusions: exact values (case-insensitive) or `%` patterns. */
export function exclusionMatcher(exclusions: readonly string[]): (part: string) => boolean {
  const exact = new Set(exclusions.filter((e) => !e.includes('%')).map((e) => e.toLowerCase()));
  const patterns = exclusions
    .filter((e) => e.includes('%'))
    .map((e) => new RegExp(`^${e.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'is'));
  return (part) => exact.has(part.toLowerCase()) || patterns.some((p) => p.test(part));
}

/** Correlation keys of a source, after exclusions ([] when the attribute does not correlate at all). */
function sourceKeys(a: Attribute, excluded: (part: string) => boolean): string[] {
  if (a.deleted || a.disableCorrelation || a.type === undefined || a.value === undefined) return [];
  return correlatingParts(a.type, a.value)
    .filter((p) => !excluded(p))
    .map(correlationKeyOf);
}

type Where = Record<string, unknown>;

/**
 * "either correlation key is one of `keys`". MariaDB/MySQL answer the OR with an index-merge union of the
 * two key indexes; SQLite's planner prefers to scan by the visibility conditions instead, so there the
 * candidates come from a UNION of two index lookups (keys are our own hex hashes, inlined; table, column and
 * index names from the entity's metadata).
 */
function keyCondition(em: EntityManager, keys: readonly string[]): Where {
  if (!onSqlite(em)) return { $or: [{ correlationKey: { $in: keys } }, { correlationKey2: { $in: keys } }] };
  const list = keys.map(() => '?').join(',');
  const [table, id] = [tableOf(em, Attribute), columnOf(em, Attribute, 'id')];
  const lookup = (key: 'correlationKey' | 'correlationKey2') =>
    `select ${id} from ${table} indexed by ${indexOf(em, Attribute, key)} where ${columnOf(em, Attribute, key)} in (${list})`;
  // INDEXED BY: after ANALYZE, SQLite sees correlation_key2 as one big NULL group and would scan it.
  // The keys are bound (the statement is built once per number of keys: search/query-shapes).
  return { id: { $in: (em as SqlEntityManager).getKnex().raw(`${lookup('correlationKey')} union all ${lookup('correlationKey2')}`, [...keys, ...keys]) } };
}

/** Visible, correlating attributes (in correlating events) with any of `keys` as either key. */
function otherSide(em: EntityManager, viewer: Viewer, keys: readonly string[]): Where {
  return {
    $and: [
      attributeVisibilityFilter(viewer),
      keyCondition(em, keys),
      { disableCorrelation: false },
      { event: { disableCorrelation: false } },
    ],
  };
}

/**
 * Keys over-correlating for the viewer: shared by the source and more than `max` other visible,
 * correlating attributes (one grouped count over the key indexes).
 */
async function overCorrelating(em: EntityManager, viewer: Viewer, keys: readonly string[], max: number): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(Attribute, 'c')
    .select(['c.correlationKey', 'c.correlationKey2', raw('count(*) as n')])
    .where(otherSide(em, viewer, keys) as never)
    .groupBy(['c.correlationKey', 'c.correlationKey2'])
    .execute('all', true)) as unknown as Array<{ correlationKey: string | null; correlationKey2: string | null; n: number | string }>;
  const wanted = new Set(keys);
  const counts = new Map<string, number>();
  for (const r of rows) {
    for (const k of new Set([r.correlationKey, r.correlationKey2])) {
      if (k && wanted.has(k)) counts.set(k, (counts.get(k) ?? 0) + Number(r.n));
    }
  }
  return new Set([...counts].filter(([, n]) => n - 1 > max).map(([k]) => k));
}

const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];

/** What correlatedRows reads of every row besides the caller's columns: identity and event. */
const CORRELATION_ROW_COLUMNS: readonly AttributeViewColumn[] = ['id', 'event'];
/** Also read when several keys are looked up: both keys of each row, to tell which keys it shares. */
const CORRELATION_KEY_COLUMNS: readonly AttributeViewColumn[] = ['correlationKey', 'correlationKey2'];

/** The correlated rows of a read, and the looked-up keys each of them has. */
interface CorrelatedRows {
  capped: Set<string>;
  rows: Attribute[];
  keysOf: (row: Attribute) => readonly string[];
}

/**
 * The visible, correlating attributes sharing one of `keys`, newest first, with their events (one
 * join; `events`: brief or all, see event-view) and the attribute columns `columns` (besides identity
 * and event), except those of over-correlating keys (`capped`); `keysOf` tells which of `keys` a row
 * has (with one key, every row has it: the rows' keys are not read).
 * Usually one statement: the rows are read up to the most that could still be under the cap for every
 * key, and counted per key from them; only when that many arrive (some key may be over the cap) does it
 * count in SQL first and read again.
 */
async function correlatedRows(
  em: EntityManager,
  viewer: Viewer,
  keys: readonly string[],
  max: number,
  events: 'brief' | 'all',
  columns: readonly AttributeViewColumn[],
): Promise<CorrelatedRows> {
  const single = keys.length === 1;
  const keysOf = single ? () => keys : (r: Attribute) => unique([r.correlationKey, r.correlationKey2]).filter((k): k is string => !!k);
  if (!keys.length) return { capped: new Set(), rows: [], keysOf };
  const wanted = [...new Set([...CORRELATION_ROW_COLUMNS, ...(single ? [] : CORRELATION_KEY_COLUMNS), ...columns])].sort();
  // `visibilityApplied`: otherSide holds the viewer's attribute visibility.
  const read = (listed: readonly string[], limit?: number) =>
    lookupAttributes(em, otherSide(em, viewer, listed), { order: 'desc', columns: wanted, visibilityApplied: true, events, limit });
  // A key is over the cap with more than max + 1 rows (the source is one of them).
  const limit = (max + 2) * keys.length;
  const rows = await read(keys, limit);
  if (rows.length < limit) {
    const counts = new Map<string, number>();
    for (const r of rows) for (const k of keysOf(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const capped = new Set(keys.filter((k) => (counts.get(k) ?? 0) - 1 > max));
    if (!capped.size) return { capped, rows, keysOf };
    // What the read of the listed keys alone would return: rows with at least one listed key.
    const listed = new Set(keys.filter((k) => !capped.has(k)));
    return { capped, rows: rows.filter((r) => keysOf(r).some((k) => listed.has(k))), keysOf };
  }
  const capped = await overCorrelating(em, viewer, keys, max);
  const listed = keys.filter((k) => !capped.has(k));
  return { capped, rows: listed.length ? await read(listed) : [], keysOf };
}

/**
 * Per request: correlations of a batch of attributes (a page of 500 costs the same few statements as
 * one): the source events (through the request's event loader, unless read with the source), one grouped
 * count, one row read. The same source may be loaded with brief and with whole events (two fields of one
 * query): one read serves both.
 */
export function correlationLoader(
  em: EntityManager,
  viewer: Viewer,
  settings: CorrelationSettings,
  /** The request's event loader, made only when a source's event was not read with it. */
  eventLoader: () => DataLoader<number, Event | null>,
): DataLoader<CorrelationKey, CorrelationResult, string> {
  const excluded = exclusionMatcher(settings.exclusions);
  return new DataLoader<CorrelationKey, CorrelationResult, string>(
    async (loads) => {
      const sources = loads.map((l) => l.attribute);
      const events = loads.some((l) => l.events === 'all') ? 'all' : 'brief';
      // One read serves every load of the batch: the columns any of them asks for.
      const columns = [...new Set(loads.flatMap((l) => l.columns))];
      // Source events already read with the attribute (e.g. attribute(id)) are not read again.
      const known = sources
        .map((a) => a.event)
        .filter((e): e is Event => (isEventRead(e) || isEventBrief(e)) && typeof e.disableCorrelation === 'boolean');
      const knownIds = new Set(known.map((e) => e.id));
      const unknown = unique(sources.map((a) => a.event.id).filter((id) => !knownIds.has(id)));
      const loaded = unknown.length ? await eventLoader().loadMany(unknown) : [];
      const disabledEvents = new Set(
        [...known, ...loaded].filter((e): e is Event => !!e && !(e instanceof Error) && e.disableCorrelation).map((e) => e.id),
      );
      const keysOf = sources.map((a) => (disabledEvents.has(a.event.id) ? [] : sourceKeys(a, excluded)));
      const allKeys = unique(keysOf.flat());
      const { capped, rows, keysOf: keysOfRow } = await correlatedRows(em, viewer, allKeys, settings.max, events, columns);
      const byKey = new Map<string, Attribute[]>();
      for (const r of rows) {
        for (const k of keysOfRow(r)) {
          const list = byKey.get(k);
          if (list) list.push(r);
          else byKey.set(k, [r]);
        }
      }
      return sources.map((a, i) => {
        const seen = new Set<number>();
        const out: Attribute[] = [];
        for (const k of keysOf[i]) {
          for (const r of byKey.get(k) ?? []) {
            if (r.event.id === a.event.id || seen.has(r.id)) continue;
            seen.add(r.id);
            out.push(r);
          }
        }
        return { attributes: out.sort((x, y) => y.id - x.id), capped: keysOf[i].some((k) => capped.has(k)) };
      });
    },
    { cacheKeyFn: (l) => `${l.attribute.id}:${l.events}:${l.columns.join(',')}` },
  );
}

/**
 * Per request: the ids of the other visible events related to each event through a correlation of one
 * of its visible attributes (same exclusions and cap as attribute correlations), newest first.
 */
export function relatedEventsLoader(
  em: EntityManager,
  viewer: Viewer,
  settings: CorrelationSettings,
): DataLoader<Event, number[], number> {
  const excluded = exclusionMatcher(settings.exclusions);
  return new DataLoader<Event, number[], number>(
    async (events) => {
      const open = events.filter((e) => !e.disableCorrelation);
      const sources = open.length
        ? await findAttributeViews(
            em,
            {
              $and: [
                attributeVisibilityFilter(viewer),
                { event: { $in: open.map((e) => e.id) } },
                { disableCorrelation: false },
                { $or: [{ correlationKey: { $ne: null } }, { correlationKey2: { $ne: null } }] },
              ],
            },
            // The where starts with the viewer's attribute visibility.
            { orderBy: { id: 'asc' }, columns: ['id', 'event', 'distribution', 'sharingGroup', 'deleted', 'type', 'value', 'disableCorrelation'], visibilityApplied: true },
          )
        : [];
      const keysByEvent = new Map<number, Set<string>>();
      for (const a of sources) {
        const set = keysByEvent.get(a.event.id) ?? new Set<string>();
        for (const k of sourceKeys(a, excluded)) set.add(k);
        keysByEvent.set(a.event.id, set);
      }
      const allKeys = unique([...keysByEvent.values()].flatMap((s) => [...s]));
      const capped = await overCorrelating(em, viewer, allKeys, settings.max);
      const listed = allKeys.filter((k) => !capped.has(k));
      const pairs = listed.length
        ? ((await (em as SqlEntityManager)
            .createQueryBuilder(Attribute, 'c')
            .select([raw(`c.${columnOf(em, Attribute, 'event')} as event_ref`), 'c.correlationKey', 'c.correlationKey2'])
            .distinct()
            .where(otherSide(em, viewer, listed) as never)
            .execute('all', true)) as unknown as Array<{ event_ref: number | string; correlationKey: string | null; correlationKey2: string | null }>)
        : [];
      const eventsByKey = new Map<string, Set<number>>();
      for (const p of pairs) {
        for (const k of [p.correlationKey, p.correlationKey2]) {
          if (!k) continue;
          const set = eventsByKey.get(k) ?? new Set<number>();
          set.add(Number(p.event_ref));
          eventsByKey.set(k, set);
        }
      }
      return events.map((e) => {
        const related = new Set<number>();
        for (const k of keysByEvent.get(e.id) ?? []) for (const id of eventsByKey.get(k) ?? []) if (id !== e.id) related.add(id);
        return [...related].sort((x, y) => y - x);
      });
    },
    { cacheKeyFn: (e) => e.id },
  );
}
