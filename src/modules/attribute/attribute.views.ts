import { EntityManager, FilterQuery, QueryOrderMap, raw, RawQueryFragment, ReferenceKind } from '@mikro-orm/core';
import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { visibleCondition } from '../../auth/visibility-filter';
import { Attribute } from './attribute.entity';
import { QueryShapes, Where } from '../search/query-shapes';
import type { EventRead } from '../event/event-view';

/**
 * Read-only attribute rows for list reads (connections, nested event.attributes): plain objects with
 * the entity's property names and types, relations as `{ id }`. Hydrating thousands of tracked
 * entities per request costs far more than the query itself; these are what the GraphQL layer reads.
 */
export type AttributeView = Omit<Attribute, 'event' | 'sharingGroup' | 'object'> & {
  event: { id: number };
  sharingGroup: { id: number } | null;
  object: { id: number } | null;
};

export const ATTRIBUTE_VIEW_COLUMNS = [
  'id',
  'uuid',
  'event',
  'type',
  'category',
  'value',
  'toIds',
  'comment',
  'distribution',
  'sharingGroup',
  'timestamp',
  'deleted',
  'disableCorrelation',
  'firstSeen',
  'lastSeen',
  'objectRelation',
  'object',
] as const;
/** Columns read only on request (correlation lookups; the value hash for the duplicate rule). */
export type AttributeViewColumn = (typeof ATTRIBUTE_VIEW_COLUMNS)[number] | 'correlationKey' | 'correlationKey2' | 'valueHash';

/**
 * Always read: identity and the event (the page loaders group rows by it). Visibility is decided in
 * the statement itself (findAttributeViews' condition, or a `visibilityApplied` read), never from the
 * row afterwards: the distribution, sharing group and deleted columns are read when a field asks for them.
 */
const REQUIRED: readonly AttributeViewColumn[] = ['id', 'event'];

/** GraphQL field of Attribute -> the column it reads (fields not listed need only the required ones). */
const FIELD_COLUMNS: Readonly<Record<string, AttributeViewColumn | readonly AttributeViewColumn[]>> = {
  id: 'uuid',
  type: 'type',
  category: 'category',
  value: 'value',
  toIds: 'toIds',
  comment: 'comment',
  distribution: 'distribution',
  sharingGroup: 'sharingGroup',
  deleted: 'deleted',
  timestamp: 'timestamp',
  disableCorrelation: 'disableCorrelation',
  firstSeen: 'firstSeen',
  lastSeen: 'lastSeen',
  objectRelation: 'objectRelation',
  object: 'object',
  correlations: ['type', 'value', 'disableCorrelation', 'deleted'],
  correlationCapped: ['type', 'value', 'disableCorrelation', 'deleted'],
};

/**
 * The columns a selection of Attribute fields needs (projection pushdown: a client asking for
 * `{ id type value }` of 5,000 attributes should not pay for reading every column). Unknown shapes
 * (fragments on interfaces, etc.) fall back to every column.
 */
export function attributeColumnsFor(info: GraphQLResolveInfo): AttributeViewColumn[] {
  const cols = new Set<AttributeViewColumn>(REQUIRED);
  let complete = true;
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const col = FIELD_COLUMNS[s.name.value];
        if (typeof col === 'string') cols.add(col);
        else for (const c of col ?? []) cols.add(c);
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else {
        const frag = info.fragments[s.name.value];
        if (frag) visit(frag.selectionSet);
        else complete = false;
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return complete ? [...cols].sort() : [...ATTRIBUTE_VIEW_COLUMNS];
}

/**
 * Attribute rows matching `where`, narrowed to what the EntityManager's viewer may see (a QueryBuilder
 * read: the ORM's `visible` filter does not reach it, so the condition is ANDed here; no viewer, no
 * read). `visibilityApplied` skips that, for a `where` that is itself a visible read (say why).
 */
export async function findAttributeViews(
  em: EntityManager,
  where: FilterQuery<Attribute>,
  opts: {
    orderBy: QueryOrderMap<Attribute>;
    limit?: number;
    columns?: readonly AttributeViewColumn[];
    visibilityApplied?: true;
  },
): Promise<Attribute[]> {
  const columns = opts.columns ?? ATTRIBUTE_VIEW_COLUMNS;
  const cond = opts.visibilityApplied ? where : { $and: [visibleCondition(em, 'Attribute'), where] };
  return plainViews(em, cond as Where, opts.orderBy, opts.limit, columns);
}

/**
 * findAttributeViews' read: the statement the ORM builds for `cond` (the QueryBuilder read
 * as before, visibility in `cond`), built once per condition shape and then run with each call's values
 * (search/query-shapes: a page of event attributes cost more to build than the database took to answer).
 * Rows are mapped by the ORM's compiled column -> property mapper (as `qb.execute` maps them), or are the
 * views themselves (viewShape).
 */
async function plainViews(
  em: EntityManager,
  cond: Where,
  orderBy: QueryOrderMap<Attribute>,
  limit: number | undefined,
  columns: readonly AttributeViewColumn[],
): Promise<Attribute[]> {
  const shape = viewShape(em, columns);
  const name = `attribute-views:${shape.map ? '' : 'as-properties:'}${columns.join(',')}:${JSON.stringify(orderBy)}`;
  const rows = await QueryShapes.of(em).rows(em, name, cond, limit, (w, lim) => {
    const qb = (em as SqlEntityManager).createQueryBuilder(Attribute, 'a').select(shape.select()).where(w as never).orderBy(orderBy);
    if (lim !== undefined) qb.limit(lim);
    return qb;
  });
  const mapper = shape.map;
  const readsSharingGroup = columns.includes('sharingGroup');
  const readsObject = columns.includes('object');
  // One `{ id }` per event, shared by its rows (a page of 5,000 rows has a few dozen events): what the
  // page loaders group by and `Attribute.event` loads from. Relations not read stay absent.
  const events = new Map<number, { id: number }>();
  const views = new Array<Attribute>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = mapper ? mapper(rows[i]) : rows[i];
    const id = v.event as number;
    let event = events.get(id);
    if (!event) events.set(id, (event = { id }));
    v.event = event;
    if (readsSharingGroup) v.sharingGroup = v.sharingGroup == null ? null : { id: v.sharingGroup as number };
    if (readsObject) v.object = v.object == null ? null : { id: v.object as number };
    views[i] = v as unknown as Attribute;
  }
  return views;
}

/** What to select for a set of columns (called when the statement is built), and how a row becomes a view (null: it is one). */
interface ViewShape {
  select(): Array<string | RawQueryFragment>;
  map: ((row: Record<string, unknown>) => Record<string, unknown>) | null;
}

/** Shapes per ORM (its metadata) and column list: decided once, not on every page read. */
const viewShapes = new WeakMap<object, Map<string, ViewShape>>();

/**
 * What to select for `columns`, and how a row becomes a view. The ORM's compiled mapper
 * (EntityComparator.getResultMapper) converts only booleans, dates and embedded or composite properties,
 * and copies every other column to its property; when every column read is such a copy (`{ id type value }`
 * of a page), each column is selected under its property's name (`event_id as event`) and the driver's
 * row is the view itself (`map` null: no second object per row). Otherwise the columns are selected as
 * they are and the ORM's mapper maps each row.
 */
function viewShape(em: EntityManager, columns: readonly AttributeViewColumn[]): ViewShape {
  const metadata = em.getMetadata();
  let shapes = viewShapes.get(metadata);
  if (!shapes) viewShapes.set(metadata, (shapes = new Map()));
  const key = columns.join(',');
  let shape = shapes.get(key);
  if (shape) return shape;
  const meta = metadata.get(Attribute.name);
  const props = meta.props.filter((p) => (columns as readonly string[]).includes(p.name));
  const copied = props.length === new Set(columns).size && props.every((p) => p.fieldNames?.length === 1 && p.runtimeType !== 'boolean' && p.runtimeType !== 'Date' && !p.embedded && p.kind !== ReferenceKind.EMBEDDED);
  if (!copied) {
    shape = { select: () => [...columns], map: em.getComparator().getResultMapper(Attribute.name) as unknown as (row: Record<string, unknown>) => Record<string, unknown> };
  } else {
    const platform = em.getPlatform();
    // In the entity's property order, as the ORM's mapper writes them.
    const select = () =>
      props.map((p) => (p.fieldNames[0] === p.name ? p.name : raw(`${platform.quoteIdentifier(`a.${p.fieldNames[0]}`)} as ${platform.quoteIdentifier(p.name)}`)));
    shape = { select, map: null };
  }
  shapes.set(key, shape);
  return shape;
}

/**
 * The selection sets of the fields at `path` below the resolver's own field (fragments included; []: the
 * resolver's own), or null when the selection spreads a fragment the document does not define.
 */
function selectionSetsAt(info: GraphQLResolveInfo, path: readonly string[]): SelectionSetNode[] | null {
  const found: SelectionSetNode[] = [];
  let complete = true;
  const collect = (set: SelectionSetNode | undefined, at: number): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, at);
      else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const frag = info.fragments[s.name.value];
        if (frag) collect(frag.selectionSet, at);
        else complete = false;
      } else if (s.name.value === path[at]) {
        if (at + 1 < path.length) collect(s.selectionSet, at + 1);
        else if (s.selectionSet) found.push(s.selectionSet);
      }
    }
  };
  if (path.length) for (const n of info.fieldNodes) collect(n.selectionSet, 0);
  else for (const n of info.fieldNodes) if (n.selectionSet) found.push(n.selectionSet);
  return complete ? found : null;
}

/** Fields of Event that a brief event view answers (event-view.ts). */
const BRIEF_EVENT_FIELDS: ReadonlySet<string> = new Set(['id', '__typename']);

/** eventReadAt's answers, per selection (graphql-js hands every row of one field the same `fieldNodes`). */
const eventReads = new WeakMap<object, Map<string, EventRead>>();

/**
 * What of the event the selection under `path` (fields below the resolver's own, fragments included; []:
 * the resolver's own field is the event) asks for: `none` (no such field), `brief` (`id` / `__typename`
 * only, under every occurrence), else `all`.
 */
export function eventReadAt(info: GraphQLResolveInfo, path: readonly string[]): EventRead {
  const key = path.join('.');
  let known = eventReads.get(info.fieldNodes);
  const cached = known?.get(key);
  if (cached) return cached;
  const found = selectionSetsAt(info, path);
  const onlyBrief = (set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return BRIEF_EVENT_FIELDS.has(s.name.value);
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : info.fragments[s.name.value]?.selectionSet;
      return inner !== undefined && onlyBrief(inner);
    });
  const read: EventRead = !found ? 'all' : !found.length ? 'none' : found.every(onlyBrief) ? 'brief' : 'all';
  if (!known) eventReads.set(info.fieldNodes, (known = new Map()));
  known.set(key, read);
  return read;
}

/**
 * The columns the `edges { node { … } }` of an attribute connection select (undefined: every column).
 */
export function connectionNodeColumns(info: GraphQLResolveInfo): AttributeViewColumn[] | undefined {
  const nodes = selectionSetsAt(info, ['edges', 'node']);
  if (!nodes?.length) return undefined;
  return attributeColumnsFor({ ...info, fieldNodes: nodes.map((selectionSet) => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'node' }, selectionSet })) } as unknown as GraphQLResolveInfo);
}

