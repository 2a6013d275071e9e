import { EntityManager, raw } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { attributeVisibilityFilter, objectVisibilityFilter, Viewer } from '../../auth/policy';
import { columnOf } from '../../db/names';
import type { ObjectAttributePageOptions, ObjectLoaders, ObjectPageOptions } from '../../graphql/loaders';
import { badInput } from '../../shared/errors';
import { Makers, perKey } from '../../shared/lazily';
import { Attribute } from '../attribute/attribute.entity';
import { findAttributeViews } from '../attribute/attribute.views';
import { Event } from '../event/event.entity';
import { ObjectReference } from './object-reference.entity';
import { MispObject } from './object.entity';

type Ranked = typeof MispObject | typeof Attribute | typeof ObjectReference;

/**
 * Ids of the first `first` rows (by id) per parent among the rows matching `where`: one statement for a
 * whole batch of parents, each cut in SQL (row_number per parent), so a parent with 100,000 children
 * costs one page. `where` must carry the viewer's visibility (a QueryBuilder read: no ORM filter).
 */
async function firstPerParent(em: EntityManager, entity: Ranked, parent: 'event' | 'object', where: object, first: number): Promise<number[]> {
  const sql = em as SqlEntityManager;
  const ranked = sql
    .createQueryBuilder(entity as typeof Attribute, 'r')
    .select(['r.id', raw(`row_number() over (partition by r.${columnOf(em, entity as typeof Attribute, parent)} order by r.id) as rn`)])
    .where(where as never);
  const page = sql.getKnex().select('ranked.id').from(ranked.getKnexQuery().as('ranked')).where('ranked.rn', '<=', first);
  const rows = (await sql.getConnection().execute(page)) as Array<{ id: number | string }>;
  return rows.map((r) => Number(r.id));
}

/** Rows grouped by their parent id, in the order given, for each key of a batch. */
function byParent<K, T>(keys: readonly K[], keyId: (k: K) => number, rows: readonly T[], parentId: (r: T) => number): T[][] {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(parentId(r));
    if (list) list.push(r);
    else map.set(parentId(r), [r]);
  }
  return keys.map((k) => map.get(keyId(k)) ?? []);
}

/**
 * The object loaders of one request (DESIGN §12.4): every read carries the viewer's visibility (the ORM
 * `visible` filter on em.find, policy's filters ANDed into the QueryBuilder reads), so a field resolver
 * never returns an object, an object's attribute or a reference the caller may not see.
 */
export function objectLoaderMakers(em: EntityManager, viewer: Viewer): Makers<ObjectLoaders> {
  const objectPage = ({ includeDeleted, first, after }: ObjectPageOptions) =>
    new DataLoader<Event, MispObject[], number>(
      async (events) => {
        const from = after === null ? null : await em.findOne(MispObject, { uuid: after.toLowerCase() }, { fields: ['id', 'event'], disableIdentityMap: true });
        const wrongCursor = (e: Event) => after !== null && from?.event.id !== e.id;
        const eventIds = events.filter((e) => !wrongCursor(e)).map((e) => e.id);
        const ids = eventIds.length
          ? await firstPerParent(em, MispObject, 'event', { $and: [objectVisibilityFilter(viewer, { includeDeleted }), { event: { $in: eventIds } }, from ? { id: { $gt: from.id } } : {}] }, first)
          : [];
        const rows = ids.length ? await em.find(MispObject, { id: { $in: ids } }, { orderBy: { id: 'asc' } }) : [];
        const pages = byParent(events, (e) => e.id, rows, (o) => o.event.id);
        return events.map((e, i) =>
          wrongCursor(e) ? badInput(`Invalid cursor after="${after}": not an object of event ${e.uuid} that you may see`) : pages[i],
        );
      },
      { cacheKeyFn: (e) => e.id },
    );
  const objectCounter = (includeDeleted: boolean) =>
    new DataLoader<Event, number, number>(
      async (events) => {
        const col = columnOf(em, MispObject, 'event');
        const rows = (await (em as SqlEntityManager)
          .createQueryBuilder(MispObject, 'c')
          .select([raw(`c.${col} as event_ref`), raw('count(*) as n')])
          .where({ $and: [objectVisibilityFilter(viewer, { includeDeleted }), { event: { $in: events.map((e) => e.id) } }] } as never)
          .groupBy(raw(`c.${col}`))
          .execute('all', true)) as unknown as Array<{ event_ref: number | string; n: number | string }>;
        const counts = new Map(rows.map((r) => [Number(r.event_ref), Number(r.n)]));
        return events.map((e) => counts.get(e.id) ?? 0);
      },
      { cacheKeyFn: (e) => e.id },
    );
  const attributePage = ({ includeDeleted, first, columns }: ObjectAttributePageOptions) =>
    new DataLoader<number, Attribute[]>(async (objectIds) => {
      const ids = await firstPerParent(em, Attribute, 'object', { $and: [attributeVisibilityFilter(viewer, { includeDeleted }), { object: { $in: [...objectIds] } }] }, first);
      // Fast path: the ids above come from a read under the viewer's attribute visibility.
      const rows = ids.length
        ? await findAttributeViews(em, { id: { $in: ids } }, { orderBy: { id: 'asc' }, columns: [...new Set([...columns, 'object' as const])], visibilityApplied: true })
        : [];
      return byParent(objectIds, (id) => id, rows, (a) => a.object!.id);
    });
  const referencePage = (first: number) =>
    new DataLoader<number, ObjectReference[]>(async (objectIds) => {
      const visibleObjects = { object: objectVisibilityFilter(viewer, { includeDeleted: true }) };
      const ids = await firstPerParent(em, ObjectReference, 'object', { $and: [visibleObjects, { object: { $in: [...objectIds] }, deleted: false }] }, first);
      const refs = ids.length ? await em.find(ObjectReference, { id: { $in: ids } }, { orderBy: { id: 'asc' } }) : [];
      const shown = await shownTargets(em, refs.map((r) => r.targetUuid));
      return byParent(objectIds, (id) => id, refs.filter((r) => shown.has(r.targetUuid)), (r) => r.object.id);
    });
  return {
    object: () =>
      new DataLoader<number, MispObject | null>(async (ids) => {
        const rows = await em.find(MispObject, { id: { $in: [...ids] } });
        const map = new Map(rows.map((o) => [o.id, o]));
        return ids.map((id) => map.get(id) ?? null);
      }),
    objectsOf: () => perKey((o: ObjectPageOptions) => JSON.stringify([o.includeDeleted, o.first, o.after]), objectPage),
    objectCount: () => perKey((includeDeleted: boolean) => includeDeleted, objectCounter),
    objectAttributes: () => perKey((o: ObjectAttributePageOptions) => JSON.stringify([o.includeDeleted, o.first, o.columns]), attributePage),
    objectReferences: () => perKey((first: number) => first, referencePage),
  };
}

/**
 * The target uuids a reference may be shown with (DESIGN §4, "a reference to something the reader may
 * not see is left out, not shown half"): a live object or attribute the viewer sees, or a uuid that is
 * not on this hub at all (named by uuid only). A target that is here but invisible (or a tombstone)
 * hides the reference. Existence is over every row (filters off): it only decides what to leave out.
 */
async function shownTargets(em: EntityManager, uuids: string[]): Promise<Set<string>> {
  const all = [...new Set(uuids)];
  if (!all.length) return new Set();
  const where = { uuid: { $in: all } };
  const only = { fields: ['uuid'] as never, disableIdentityMap: true };
  const [objects, attributes, anyObjects, anyAttributes] = await Promise.all([
    em.find(MispObject, { ...where, deleted: false }, only),
    em.find(Attribute, { ...where, deleted: false }, only),
    em.find(MispObject, where, { ...only, filters: false }),
    em.find(Attribute, where, { ...only, filters: false }),
  ]);
  const here = new Set([...anyObjects, ...anyAttributes].map((x) => x.uuid));
  const visible = new Set([...objects, ...attributes].map((x) => x.uuid));
  return new Set(all.filter((u) => visible.has(u) || !here.has(u)));
}
