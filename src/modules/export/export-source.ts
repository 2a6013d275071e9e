import { EntityManager, raw } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { attributeVisibilityFilter, eventVisibilityFilter } from '../../auth/policy';
import { Scope } from '../../graphql/scope';
import { columnOf, tableOf } from '../../db/names';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { Attribute } from '../attribute/attribute.entity';
import { ATTRIBUTE_VIEW_COLUMNS, AttributeViewColumn, findAttributeViews } from '../attribute/attribute.views';
import { MispObject } from '../object/object.entity';
import { Event } from '../event/event.entity';
import { AttributeTag, EventTag, Tag } from '../tag/tag.entity';
import { readAhead } from '../../shared/read-ahead';

/**
 * The read side of exports: matching attributes streamed in bounded pages, grouped by event, with the
 * event facts, creator organisation and tags every format needs. Memory is bounded by the page sizes,
 * not by the size of the export: events are walked in id order in batches (event ids of the matching
 * attributes with their counts, keyset-paged), cut into groups of a few pages' worth of attributes, and
 * each group's attributes are keyset-paged by (event, id).
 * Filters come from the `where` conditions the caller passes (the attribute search's `attributeWhere`);
 * visibility does not: every read here ANDs the scope viewer's own rules (policy.attributeVisibilityFilter
 * / eventVisibilityFilter; the QueryBuilder reads are not covered by the ORM's `visible` filter), so a
 * `where` can only narrow what an export holds, never widen it.
 */

export interface ExportTag {
  name: string;
  colour: string;
}

export interface ExportOrg {
  uuid: string;
  name: string;
  createdAt: Date;
}

export interface ExportEvent {
  id: number;
  uuid: string;
  info: string;
  date: string;
  threatLevel: ThreatLevel;
  analysis: Analysis;
  distribution: Distribution;
  sharingGroup: { uuid: string; name: string } | null;
  published: boolean;
  publishedAt: Date | null;
  timestamp: Date;
  createdAt: Date;
  disableCorrelation: boolean;
  extendsUuid: string | null;
  creatorOrg: ExportOrg;
  /** Local id of the owner organisation (access rules only; never written out). */
  ownerOrgId: number;
  /** Exportable, non-local tags (exports leave the hub, like sync). */
  tags: ExportTag[];
}

export interface ExportAttribute {
  id: number;
  uuid: string;
  type: string;
  category: string;
  value: string;
  toIds: boolean;
  comment: string | null;
  distribution: Distribution;
  timestamp: Date;
  deleted: boolean;
  disableCorrelation: boolean;
  firstSeen: Date | null;
  lastSeen: Date | null;
  objectRelation: string | null;
  /** The MISP object it belongs to (CSV's object columns); null for a plain attribute. */
  object: ExportObjectRef | null;
  tags: ExportTag[];
}

export interface ExportObjectRef {
  uuid: string;
  name: string;
  metaCategory: string;
}

/** A run of consecutive attributes of one event (an event's attributes may span several chunks). */
export interface ExportChunk {
  event: ExportEvent;
  attributes: ExportAttribute[];
}

export interface ExportSourceOptions {
  /** Events per batch (distinct event ids read at once). */
  eventBatch?: number;
  /** Attributes per page. */
  pageSize?: number;
  /** Stop after this many attributes (GraphQL previews). */
  limit?: number;
}

type Where = Record<string, unknown>;

/** Chunks of matching attributes, ordered by event id then attribute id. */
export async function* exportChunks(scope: Scope, where: readonly Where[], opts: ExportSourceOptions = {}): AsyncGenerator<ExportChunk> {
  // The next page is read while the caller turns this one into output (readAhead): the database's
  // time and the formatting's overlap instead of adding up.
  for await (const page of readAhead(exportPages(scope, where, opts))) {
    let run: ExportChunk | null = null;
    const { rows, eventIds, objectIds } = page.rows;
    for (let i = 0; i < rows.length; i++) {
      const a = rows[i];
      const event = page.events.get(eventIds[i])!;
      if (!run || run.event !== event) {
        if (run) yield run;
        run = { event, attributes: [] };
      }
      a.tags = page.tags.get(a.id) ?? [];
      if (objectIds[i] !== null) a.object = page.objects.get(objectIds[i]!) ?? null;
      run.attributes.push(a);
    }
    if (run) yield run;
  }
}

/** A page of matching attributes as read, with what its chunks need: events, tags, objects. */
interface ExportPage {
  events: Map<number, ExportEvent>;
  rows: PageRows;
  tags: Map<number, ExportTag[]>;
  objects: Map<number, ExportObjectRef>;
}

/** The pages of exportChunks, in order. */
async function* exportPages(scope: Scope, where: readonly Where[], opts: ExportSourceOptions): AsyncGenerator<ExportPage> {
  const eventBatch = opts.eventBatch ?? 200;
  const pageSize = opts.pageSize ?? 1000;
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  // Tombstones only where the viewer may see them; whether to export them at all is the caller's `where`.
  where = [attributeVisibilityFilter(scope.viewer, { includeDeleted: true }), ...where];
  let afterEvent = 0;
  const pages = new PageReads(where);
  while (remaining > 0) {
    // Each batch works in its own fork: nothing read for one batch stays in an identity map afterwards.
    const em = scope.em.fork({ clear: true, useContext: false });
    const counts = await matchingPerEvent(em, [...where, { event: { $gt: afterEvent } }], eventBatch);
    if (!counts.length) return;
    afterEvent = counts[counts.length - 1].eventId;
    const events = await loadExportEvents(em, counts.map((c) => c.eventId));
    // Groups of events that fit one page (fewer rows than a page: the first read ends the group, unless
    // rows were added meanwhile): each row is read and sorted once. Re-reading a larger group page by page
    // with an (event, id) keyset had MariaDB sort the whole group again for every page.
    for (const group of groupsOf(counts, pageSize - 1)) {
      const [first, last] = [group[0].eventId, group[group.length - 1].eventId];
      // A group that fits one page (as counted): its tags are read by its events' range at the same time
      // as its rows, rather than after them by the rows' ids (only the tags of rows read are looked up).
      const onePage = group.reduce((n, c) => n + c.n, 0) < Math.min(pageSize, remaining);
      let after: { event: number; id: number } | null = null;
      while (remaining > 0) {
        const limit = Math.min(pageSize, remaining);
        const groupTags = onePage && !after ? eventRangeTags(em, first, last) : null;
        groupTags?.catch(() => undefined); // awaited below; not an unhandled rejection if the page read fails first
        const page = await pages.read(em, first, last, after, limit);
        const rows = page.rows;
        if (!rows.length) {
          await groupTags;
          break;
        }
        const lastRow = rows[rows.length - 1];
        after = { event: page.eventIds[rows.length - 1], id: lastRow.id };
        remaining -= rows.length;
        const ids = rows.map((r) => r.id);
        const [tags, objects] = await Promise.all([groupTags ?? attributeTags(em, ids), objectRefs(em, page.objectIds)]);
        yield { events, rows: page, tags, objects };
        if (rows.length < limit) break;
      }
      if (remaining <= 0) return;
    }
  }
}

/**
 * The page reads of exportChunks: built by the ORM once per export and shape, then run with each page's
 * values (building the query with its visibility conditions cost more than the database took to answer
 * it). A group is the range of event ids from its first to its last event: the same rows as the list of
 * its events, as events in between have no matching row (the group comes from matchingPerEvent under the
 * same conditions). One event: keyset by id (an index range of the event, no sort); several: by (event, id).
 */
class PageReads {
  private readonly built = new Map<'single' | 'group', { sql: string; params: unknown[]; slots: number[] }>();

  constructor(private readonly where: readonly Where[]) {}

  async read(em: EntityManager, first: number, last: number, after: { event: number; id: number } | null, limit: number): Promise<PageRows> {
    const single = first === last;
    const shape = single ? 'single' : 'group';
    let q = this.built.get(shape);
    if (!q) {
      // Placeholder values, found again among the built query's parameters and replaced on each read.
      const [A, B, C, D, E] = SLOTS;
      const keyset = single ? [{ id: { $gt: C } }] : [{ $or: [{ event: { $gt: C } }, { event: D, id: { $gt: E } }] }];
      const range = single ? { event: A } : { event: { $gte: A, $lte: B } };
      const qb = (em as SqlEntityManager)
        .createQueryBuilder(Attribute, 'a')
        .select([...VIEW_COLUMNS])
        .where({ $and: [...this.where, range, ...keyset] } as never)
        .orderBy(single ? { id: 'asc' } : { event: 'asc', id: 'asc' })
        .limit(LIMIT_SLOT);
      const built = qb.toQuery()._sql;
      let sql = built.sql;
      const params = [...(built.bindings as unknown[])];
      // A limit written into the text (not bound) becomes the last parameter.
      if (!params.includes(LIMIT_SLOT) && sql.endsWith(`limit ${LIMIT_SLOT}`)) {
        sql = `${sql.slice(0, -String(LIMIT_SLOT).length)}?`;
        params.push(LIMIT_SLOT);
      }
      const slots = [...SLOTS, LIMIT_SLOT].map((v) => params.indexOf(v));
      if ((single ? [0, 2, 5] : [0, 1, 2, 3, 4, 5]).some((k) => slots[k] < 0)) throw new Error('export page query: a placeholder value is missing from the built query');
      q = { sql, params, slots };
      this.built.set(shape, q);
    }
    // Before the first row of the group: every id is after 0, every event after first − 1.
    const values = single ? [first, last, after?.id ?? 0, 0, 0, limit] : [first, last, after ? after.event : first - 1, after?.event ?? -1, after?.id ?? 0, limit];
    const params = [...q.params];
    q.slots.forEach((at, k) => {
      if (at >= 0) params[at] = values[k];
    });
    const res = (await em.getConnection().execute(q.sql, params, 'all', em.getTransactionContext())) as Array<Record<string, unknown>>;
    this.convert ??= rowConverter(em);
    const out: PageRows = { rows: new Array(res.length), eventIds: new Array(res.length), objectIds: new Array(res.length) };
    for (let i = 0; i < res.length; i++) this.convert(res[i], out, i);
    return out;
  }

  private convert: ((row: Record<string, unknown>, out: PageRows, i: number) => void) | null = null;
}

/** A page as read: the attributes (tags and object set later), with their event and object ids alongside. */
interface PageRows {
  rows: ExportAttribute[];
  eventIds: number[];
  objectIds: Array<number | null>;
}

/**
 * A page row (VIEW_COLUMNS, by column name) straight into an ExportAttribute: one object per row, values
 * converted as the ORM's compiled result mapper converts them (EntityComparator: booleans from 0/1, dates
 * as the platform reads them, in its timezone) and as toExportAttribute then normalises them.
 */
function rowConverter(em: EntityManager): (row: Record<string, unknown>, out: PageRows, i: number) => void {
  const meta = em.getMetadata().get(Attribute.name);
  const f = (p: string) => meta.properties[p as keyof typeof meta.properties].fieldNames[0];
  const [id, uuid, type, category, value, toIds, comment, distribution, timestamp, deleted, disableCorrelation, firstSeen, lastSeen, objectRelation, event, object] = [
    'id', 'uuid', 'type', 'category', 'value', 'toIds', 'comment', 'distribution', 'timestamp', 'deleted', 'disableCorrelation', 'firstSeen', 'lastSeen', 'objectRelation', 'event', 'object',
  ].map(f);
  const platform = em.getPlatform();
  const tz = platform.getTimezone();
  const zoned = !!tz && tz !== 'local';
  const date = (v: unknown): Date => {
    if (v instanceof Date) return v;
    if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
    const s = String(v);
    return new Date(!zoned || s.includes('+') || s.lastIndexOf('-') > 10 || s.endsWith('Z') ? s : s + tz);
  };
  return (r, out, i) => {
    out.rows[i] = {
      id: r[id] as number,
      uuid: r[uuid] as string,
      type: r[type] as string,
      category: r[category] as string,
      value: r[value] as string,
      toIds: !!r[toIds],
      comment: (r[comment] as string | null) ?? null,
      distribution: r[distribution] as Distribution,
      timestamp: date(r[timestamp]),
      deleted: !!r[deleted],
      disableCorrelation: !!r[disableCorrelation],
      firstSeen: r[firstSeen] == null ? null : date(r[firstSeen]),
      lastSeen: r[lastSeen] == null ? null : date(r[lastSeen]),
      objectRelation: (r[objectRelation] as string | null) ?? null,
      object: null,
      tags: [],
    };
    out.eventIds[i] = r[event] as number;
    out.objectIds[i] = r[object] == null ? null : (r[object] as number);
  };
}

/** Values no real query parameter takes (ids are positive, limits small). */
const SLOTS = [-987_654_301, -987_654_302, -987_654_303, -987_654_304, -987_654_305];
const LIMIT_SLOT = 987_654_306;

/** Consecutive events grouped up to `cap` matching attributes per group (a bigger event is a group of its own). */
function groupsOf<C extends { eventId: number; n: number }>(counts: readonly C[], cap: number): C[][] {
  const groups: C[][] = [];
  let current: C[] = [];
  let size = 0;
  for (const c of counts) {
    if (current.length && size + c.n > cap) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(c);
    size += c.n;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** The next `limit` events (by id) with matching attributes, and how many match in each. */
export async function matchingPerEvent(em: EntityManager, where: readonly Where[], limit: number): Promise<Array<{ eventId: number; n: number }>> {
  // Raw columns: MikroORM would otherwise select the joined event's id under an alias of its own.
  const eventId = `a.${columnOf(em, Attribute, 'event')}`;
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(Attribute, 'a')
    .select([raw(`${eventId} as export_event_id`), raw('count(*) as export_n')])
    .where({ $and: where } as never)
    .groupBy(raw(eventId) as never)
    .orderBy({ event: 'asc' })
    .limit(limit)
    .execute('all', false)) as unknown as Array<{ export_event_id: number | string; export_n: number | string }>;
  return rows.map((r) => ({ eventId: Number(r.export_event_id), n: Number(r.export_n) }));
}

/** Events by id with their creator organisation, sharing group and exportable tags (a fixed number of queries). */
export async function loadExportEvents(em: EntityManager, ids: readonly number[]): Promise<Map<number, ExportEvent>> {
  if (!ids.length) return new Map();
  const [events, links] = await Promise.all([
    em.find(Event, { id: { $in: [...ids] } }, { populate: ['creatorOrg', 'sharingGroup'] }),
    em.find(EventTag, { event: { $in: [...ids] }, local: false, tag: { exportable: true } }, { populate: ['tag'], orderBy: { id: 'asc' } }),
  ]);
  const tagsOf = new Map<number, ExportTag[]>();
  for (const l of links) tagsOf.set(l.event.id, [...(tagsOf.get(l.event.id) ?? []), { name: l.tag.name, colour: l.tag.colour }]);
  return new Map(
    events.map((e) => [
      e.id,
      {
        id: e.id,
        uuid: e.uuid,
        info: e.info,
        date: e.date,
        threatLevel: e.threatLevel,
        analysis: e.analysis,
        distribution: e.distribution,
        sharingGroup: e.sharingGroup ? { uuid: e.sharingGroup.uuid, name: e.sharingGroup.name } : null,
        published: e.published,
        publishedAt: e.publishedAt ?? null,
        timestamp: e.timestamp,
        createdAt: e.createdAt,
        disableCorrelation: e.disableCorrelation,
        extendsUuid: e.extendsUuid ?? null,
        creatorOrg: { uuid: e.creatorOrg.uuid, name: e.creatorOrg.name, createdAt: e.creatorOrg.createdAt },
        ownerOrgId: e.ownerOrg.id,
        tags: tagsOf.get(e.id) ?? [],
      },
    ]),
  );
}

/** The view columns plus the attribute's object (a foreign key: read as its id). */
const VIEW_COLUMNS = [...new Set([...ATTRIBUTE_VIEW_COLUMNS, 'object'])] as unknown as AttributeViewColumn[];

/** The objects of a page of attributes (uuid, name, meta-category), by id: one query. */
async function objectRefs(em: EntityManager, objectIds: ReadonlyArray<number | null>): Promise<Map<number, ExportObjectRef>> {
  const ids = [...new Set(objectIds.filter((id): id is number => id !== null))];
  if (!ids.length) return new Map();
  // Visible through the ORM filter; an attribute that is visible has a visible object anyway.
  const objects = await em.find(MispObject, { id: { $in: ids } }, { fields: ['uuid', 'name', 'metaCategory'] });
  return new Map(objects.map((o) => [o.id, { uuid: o.uuid, name: o.name, metaCategory: o.metaCategory }]));
}

export async function attributeTags(em: EntityManager, ids: number[]): Promise<Map<number, ExportTag[]>> {
  const out = new Map<number, ExportTag[]>();
  if (!ids.length) return out;
  // A page's ids are mostly a dense range (an event's attributes): one index range read instead of one
  // lookup per id; links of other attributes inside the range are dropped below. A sparse page: by id.
  let [min, max] = [ids[0], ids[0]];
  for (const id of ids) [min, max] = [Math.min(min, id), Math.max(max, id)];
  const dense = max - min < ids.length * 4;
  // Plain SQL (bound values; names from the entities): the tags of attributes the caller read as visible.
  const [link, tag] = [tableOf(em, AttributeTag), tableOf(em, Tag)];
  const col = (p: 'attribute' | 'tag' | 'local' | 'id') => `l.${columnOf(em, AttributeTag, p)}`;
  const sql =
    `select ${col('attribute')} as attribute_id, t.${columnOf(em, Tag, 'name')} as name, t.${columnOf(em, Tag, 'colour')} as colour ` +
    `from ${link} l join ${tag} t on t.${columnOf(em, Tag, 'id')} = ${col('tag')} ` +
    `where ${dense ? `${col('attribute')} between ? and ?` : `${col('attribute')} in (${ids.map(() => '?').join(', ')})`} ` +
    `and ${col('local')} = ? and t.${columnOf(em, Tag, 'exportable')} = ? order by ${col('id')}`;
  const links = (await em.getConnection().execute(sql, [...(dense ? [min, max] : ids), false, true], 'all', em.getTransactionContext())) as Array<{ attribute_id: number; name: string; colour: string }>;
  const wanted = dense ? new Set(ids) : null;
  for (const l of links) {
    const id = Number(l.attribute_id);
    if (wanted && !wanted.has(id)) continue;
    out.set(id, [...(out.get(id) ?? []), { name: l.name, colour: l.colour }]);
  }
  return out;
}

/**
 * The exportable, non-local tags of every attribute of the events `first`..`last` (by attribute id), for
 * a page holding all those events' matching attributes: the caller looks up only the rows it read as
 * visible, so a tag of an attribute it did not read is never used.
 */
async function eventRangeTags(em: EntityManager, first: number, last: number): Promise<Map<number, ExportTag[]>> {
  const [link, tag, attr] = [tableOf(em, AttributeTag), tableOf(em, Tag), tableOf(em, Attribute)];
  const col = (p: 'attribute' | 'tag' | 'local' | 'id') => `l.${columnOf(em, AttributeTag, p)}`;
  const sql =
    `select ${col('attribute')} as attribute_id, t.${columnOf(em, Tag, 'name')} as name, t.${columnOf(em, Tag, 'colour')} as colour ` +
    `from ${attr} a join ${link} l on ${col('attribute')} = a.${columnOf(em, Attribute, 'id')} join ${tag} t on t.${columnOf(em, Tag, 'id')} = ${col('tag')} ` +
    `where a.${columnOf(em, Attribute, 'event')} between ? and ? and ${col('local')} = ? and t.${columnOf(em, Tag, 'exportable')} = ? order by ${col('id')}`;
  const links = (await em.getConnection().execute(sql, [first, last, false, true], 'all', em.getTransactionContext())) as Array<{ attribute_id: number; name: string; colour: string }>;
  const out = new Map<number, ExportTag[]>();
  for (const l of links) {
    const id = Number(l.attribute_id);
    const tags = out.get(id);
    if (tags) tags.push({ name: l.name, colour: l.colour });
    else out.set(id, [{ name: l.name, colour: l.colour }]);
  }
  return out;
}

export function toExportAttribute(a: Attribute, tags: ExportTag[], object: ExportObjectRef | null = null): ExportAttribute {
  return {
    id: a.id,
    uuid: a.uuid,
    type: a.type,
    category: a.category,
    value: a.value,
    toIds: !!a.toIds,
    comment: a.comment ?? null,
    distribution: a.distribution,
    timestamp: asDate(a.timestamp),
    deleted: !!a.deleted,
    disableCorrelation: !!a.disableCorrelation,
    firstSeen: a.firstSeen ? asDate(a.firstSeen) : null,
    lastSeen: a.lastSeen ? asDate(a.lastSeen) : null,
    objectRelation: a.objectRelation ?? null,
    object,
    tags,
  };
}

const asDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(v));

/**
 * Visible events (and only those) in id order, in batches, with no attribute condition: the MISP feed
 * manifest. `where` are further Event conditions (e.g. published).
 */
export async function* exportEvents(scope: Scope, where: readonly Where[], batch = 500): AsyncGenerator<ExportEvent[]> {
  // Explicit as well as through the scope's `visible` filter: the export's own guarantee.
  where = [eventVisibilityFilter(scope.viewer), ...where];
  let after = 0;
  for (;;) {
    const em = scope.em.fork({ clear: true, useContext: false });
    const rows = await em.find(Event, { $and: [...where, { id: { $gt: after } }] } as never, { fields: ['id'], orderBy: { id: 'asc' }, limit: batch });
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    const events = await loadExportEvents(em, rows.map((r) => r.id));
    yield rows.map((r) => events.get(r.id)!);
    if (rows.length < batch) return;
  }
}

/** A keyset position in (date added here, id) order. */
export interface AddedPosition {
  addedAt: Date;
  id: number;
}

export interface AddedAttribute {
  addedAt: Date;
  event: ExportEvent;
  attribute: ExportAttribute;
}

/**
 * Matching attributes in the order they were added to this hub — (createdAt, id), a total order that
 * new attributes only extend at the end — after `after`, at most `limit` (TAXII collections). Like
 * exportChunks, the viewer's attribute visibility is ANDed to the caller's `where`.
 */
export async function attributesAddedAfter(scope: Scope, where: readonly Where[], after: AddedPosition | null, addedAfter: Date | null, limit: number): Promise<AddedAttribute[]> {
  const em = scope.em.fork({ clear: true, useContext: false });
  const conditions: Where[] = [attributeVisibilityFilter(scope.viewer), ...where];
  if (addedAfter) conditions.push({ createdAt: { $gt: addedAfter } });
  if (after) conditions.push({ $or: [{ createdAt: { $gt: after.addedAt } }, { createdAt: after.addedAt, id: { $gt: after.id } }] });
  const rows = await findAttributeViews(em, { $and: conditions }, {
    orderBy: { createdAt: 'asc', id: 'asc' },
    limit,
    // createdAt is not one of the GraphQL view's columns; it is a plain column of the same table.
    columns: [...ATTRIBUTE_VIEW_COLUMNS, 'createdAt' as AttributeViewColumn],
    visibilityApplied: true,
  });
  if (!rows.length) return [];
  const [events, tags] = await Promise.all([loadExportEvents(em, [...new Set(rows.map((r) => r.event.id))]), attributeTags(em, rows.map((r) => r.id))]);
  return rows.map((r) => ({ addedAt: asDate(r.createdAt), event: events.get(r.event.id)!, attribute: toExportAttribute(r, tags.get(r.id) ?? []) }));
}

/**
 * Visible events holding at least one attribute matching `where` (the attribute conditions of an
 * export filter), in id order, in batches: the events of a restSearch-like MISP JSON export.
 */
export async function* eventsWithMatches(scope: Scope, where: readonly Where[], batch = 200): AsyncGenerator<ExportEvent[]> {
  where = [attributeVisibilityFilter(scope.viewer, { includeDeleted: true }), ...where];
  let afterEvent = 0;
  for (;;) {
    const em = scope.em.fork({ clear: true, useContext: false });
    const counts = await matchingPerEvent(em, [...where, { event: { $gt: afterEvent } }], batch);
    if (!counts.length) return;
    afterEvent = counts[counts.length - 1].eventId;
    const events = await loadExportEvents(em, counts.map((c) => c.eventId));
    yield counts.map((c) => events.get(c.eventId)!);
    if (counts.length < batch) return;
  }
}
