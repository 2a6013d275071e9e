import { EntityManager, raw } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { visibleCondition } from '../../auth/visibility-filter';
import { QueryShapes, Where } from '../search/query-shapes';
import { Event } from '../event/event.entity';
import { EVENT_BRIEF_PROPERTIES, EventRead, eventViews } from '../event/event-view';
import { Attribute } from './attribute.entity';
import { ATTRIBUTE_VIEW_COLUMNS, AttributeViewColumn, findAttributeViews } from './attribute.views';

/**
 * The reads of attribute lookups (searches, correlations, the duplicate rule): findAttributeViews' rows
 * and counts, each statement built by the ORM once per shape (search/query-shapes) and its rows mapped
 * by the ORM's compiled result mapper, not hydrated: these rows go straight to the response. The page's
 * events, when asked for (`events`: brief or all, see event-view.ts), come in the same statement, through
 * the join the visibility conditions already make, and become one event view per distinct event (what the
 * `Attribute.event` field resolver answers from).
 *
 * `where` must hold the viewer's attribute visibility (policy.attributeVisibilityFilter, as attributeWhere
 * and the correlation conditions start with it): `visibilityApplied: true` says so; without it the
 * EntityManager's viewer's condition is ANDed here (no viewer, no read).
 */
export interface LookupOptions {
  /** By id; absent: in any order (no ORDER BY, e.g. a check that reads a handful of rows by value). */
  order?: 'asc' | 'desc';
  limit?: number;
  columns?: readonly AttributeViewColumn[];
  visibilityApplied?: true;
  /** What to read of the rows' events (default none: `{ id }` references). */
  events?: EventRead;
}

const visible = (em: EntityManager, where: Where, applied: true | undefined): Where =>
  applied ? where : { $and: [visibleCondition(em, 'Attribute'), where] };

/**
 * The database columns of an event read (`all`: what `select e.*` would read; `brief`: those of
 * EVENT_BRIEF_PROPERTIES), from the entity's metadata: read once per ORM.
 */
const columnLists = new WeakMap<object, Map<string, readonly string[]>>();
function eventColumnsOf(em: EntityManager, read: 'brief' | 'all'): readonly string[] {
  const metadata = em.getMetadata();
  let lists = columnLists.get(metadata);
  if (!lists) columnLists.set(metadata, (lists = new Map()));
  let columns = lists.get(read);
  if (!columns) {
    const brief: readonly string[] = EVENT_BRIEF_PROPERTIES;
    columns = metadata
      .get(Event.name)
      .props.filter((p) => p.fieldNames?.length && p.persist !== false && !['1:m', 'm:n'].includes(p.kind))
      .filter((p) => read === 'all' || brief.includes(p.name))
      .flatMap((p) => p.fieldNames);
    lists.set(read, columns);
  }
  return columns;
}

export async function lookupAttributes(em: EntityManager, where: Where, opts: LookupOptions): Promise<Attribute[]> {
  const { order, limit, visibilityApplied } = opts;
  const read = opts.events ?? 'none';
  // Without the events: the attribute views' own read (the same shaped statement and row mapping).
  if (read === 'none') return findAttributeViews(em, where as never, { orderBy: order ? { id: order } : {}, limit, columns: opts.columns, visibilityApplied });
  const columns = [...(opts.columns ?? ATTRIBUTE_VIEW_COLUMNS)];
  const eventColumns = eventColumnsOf(em, read);
  const name = `attributes:${columns.join(',')}:event-${read}:${order ?? ''}`;
  const rows = await QueryShapes.of(em).rows(em, name, visible(em, where, visibilityApplied), limit, (w, lim) => {
    // Joined before the conditions, so that the ORM puts the visibility's conditions on the event on this
    // join too: one join of events, not a second one for the event's columns.
    const qb = (em as SqlEntityManager).createQueryBuilder(Attribute, 'a').select(columns).join('a.event', 'ev').where(w as never);
    if (order) qb.orderBy({ id: order });
    if (lim !== undefined) qb.limit(lim);
    qb.addSelect(eventColumns.map((c) => raw(`ev.${c} as ev__${c}`)));
    return qb;
  });
  // The ORM's compiled column → property mapper (types as the entity declares them, as the export reads).
  const mapper = em.getComparator().getResultMapper(Attribute.name) as unknown as (row: object) => Record<string, unknown>;
  const events = new Map<number, Event>();
  const toEvent = eventViews(em, read);
  // The row's own columns and its event's (`ev__` aliases) apart, by key lists made once per read: a
  // 500-row page with its events is 12,000 values.
  const eventKeys = eventColumns.map((c) => `ev__${c}`);
  const ownKeys = rows.length ? Object.keys(rows[0]).filter((k) => !k.startsWith('ev__')) : [];
  return rows.map((r) => {
    const own: Record<string, unknown> = {};
    for (const k of ownKeys) own[k] = r[k];
    const id = Number(r.ev__id);
    let event = events.get(id);
    if (!event) {
      const data: Record<string, unknown> = {};
      for (let i = 0; i < eventColumns.length; i++) data[eventColumns[i]] = r[eventKeys[i]];
      events.set(id, (event = toEvent(data)));
    }
    const m = mapper(own);
    m.event = event;
    m.sharingGroup = m.sharingGroup == null ? null : { id: m.sharingGroup as number };
    m.object = m.object == null ? null : { id: m.object as number };
    return m as unknown as Attribute;
  });
}

/** How many attributes match `where` (see lookupAttributes for visibility). */
export async function countLookup(em: EntityManager, where: Where, opts: { visibilityApplied?: true } = {}): Promise<number> {
  const [row] = await QueryShapes.of(em).rows(em, 'attributes:count', visible(em, where, opts.visibilityApplied), undefined, (w) =>
    (em as SqlEntityManager).createQueryBuilder(Attribute, 'a').count().where(w as never),
  );
  return Number(Object.values(row ?? { n: 0 })[0]);
}
