import { EntityManager, EntityName } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Scope } from '../../graphql/scope';
import { columnOf, tableOf } from '../../db/names';
import { onSqlite } from '../../db/dialect';
import { likePattern } from '../../db/query-helpers';
import { AttributeTag, EventTag, Tag } from '../tag/tag.entity';
import { TagFilter } from './search.inputs';
import { checkQuickFilter } from './search-terms';
import { QueryShapes } from './query-shapes';

/**
 * SQL building blocks of the searches, as MikroORM filter fragments. Tag and quick-filter conditions are
 * sub-queries on the link tables (`id in (select attribute_id … where tag_id in …)`), never id lists
 * read into memory first: a tag on half a million attributes costs an index probe per candidate row, not a
 * half-million-element IN list.
 */

type Filter = Record<string, unknown>;

/** Lower-cased tag names -> tag ids (one query for all names; unknown names are absent). */
export async function tagIdsByName(em: EntityManager, names: readonly string[]): Promise<Map<string, number>> {
  const keys = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  if (!keys.length) return new Map();
  // Tags are not shared data (no visibility); built once per number of names (query-shapes).
  const rows = await QueryShapes.of(em).rows(em, 'tags:id-by-name', { nameKey: { $in: keys } }, undefined, (where) =>
    (em as SqlEntityManager).createQueryBuilder(Tag, 't').select(['id', 'nameKey']).where(where as never),
  );
  const [id, nameKey] = [columnOf(em, Tag, 'id'), columnOf(em, Tag, 'nameKey')];
  return new Map(rows.map((r) => [String(r[nameKey]), Number(r[id])]));
}

const ids = (list: number[]) => (list.length ? list.map((n) => Math.trunc(Number(n))).join(',') : 'null');

/**
 * Sub-queries as knex raw SQL without bindings (ids inlined as integers): MikroORM inlines them into
 * `in (…)` and, unlike raw() fragments, they can be used by both the page query and its count.
 */
const sub = (em: EntityManager, sql: string) => (em as SqlEntityManager).getKnex().raw(sql);
/** `select <link.target> from <link table> where <link.tag> in (…)`, names from the link entity's metadata. */
const tagged = <T extends object>(em: EntityManager, link: EntityName<T>, target: keyof T & string, tag: keyof T & string, tagIds: number[]) =>
  sub(em, `select l.${columnOf(em, link, target)} from ${tableOf(em, link)} l where l.${columnOf(em, link, tag)} in (${ids(tagIds)})`);
const attributesTagged = (em: EntityManager, tagIds: number[]) => tagged(em, AttributeTag, 'attribute', 'tag', tagIds);
const eventsTagged = (em: EntityManager, tagIds: number[]) => tagged(em, EventTag, 'event', 'tag', tagIds);

/** "the row carries one of these tags": for attributes the tag is on it or on its event. */
function carries(em: EntityManager, side: 'attribute' | 'event', tagIds: number[]): Filter {
  return side === 'event'
    ? { id: { $in: eventsTagged(em, tagIds) } }
    : { $or: [{ id: { $in: attributesTagged(em, tagIds) } }, { event: { $in: eventsTagged(em, tagIds) } }] };
}

/** "the row carries none of these tags". */
function carriesNone(em: EntityManager, side: 'attribute' | 'event', tagIds: number[]): Filter {
  return side === 'event'
    ? { id: { $nin: eventsTagged(em, tagIds) } }
    : { id: { $nin: attributesTagged(em, tagIds) }, event: { $nin: eventsTagged(em, tagIds) } };
}

const NOTHING: Filter = { id: { $in: [] } };

/**
 * The conditions of the legacy `tags` list (any of them; entries starting with `!` are NOT, as in MISP's
 * restSearch) and of a TagFilter (all / any / none).
 */
export async function tagConditions(
  scope: Scope,
  side: 'attribute' | 'event',
  legacy: readonly string[] | null | undefined,
  filter: TagFilter | null | undefined,
): Promise<Filter[]> {
  const any = [...(legacy ?? []).filter((t) => !t.trim().startsWith('!'))];
  const none = [...(legacy ?? []).filter((t) => t.trim().startsWith('!')).map((t) => t.trim().slice(1))];
  const anyLists: string[][] = [];
  if (legacy && any.length) anyLists.push(any);
  if (filter?.any?.length) anyLists.push(filter.any);
  none.push(...(filter?.none ?? []));
  const all = filter?.all ?? [];
  if (!anyLists.length && !none.length && !all.length) {
    // `tags: []` (or `tagFilter: { any: [] }`) matches nothing, as an empty OR does.
    return (legacy && legacy.length === 0) || (filter?.any && filter.any.length === 0) ? [NOTHING] : [];
  }
  const byName = await tagIdsByName(scope.em, [...anyLists.flat(), ...none, ...all]);
  const idOf = (n: string) => byName.get(n.trim().toLowerCase());
  const out: Filter[] = [];
  for (const list of anyLists) {
    const found = list.map(idOf).filter((x): x is number => x !== undefined);
    out.push(found.length ? carries(scope.em, side, found) : NOTHING);
  }
  for (const name of all) {
    const id = idOf(name);
    out.push(id === undefined ? NOTHING : carries(scope.em, side, [id]));
  }
  const excluded = none.map(idOf).filter((x): x is number => x !== undefined);
  if (excluded.length) out.push(carriesNone(scope.em, side, excluded));
  return out;
}

/** Ids of the tags whose name contains the quick-filter text (case-insensitive; one small query). */
async function tagIdsLike(em: EntityManager, text: string): Promise<number[]> {
  const tags = await em.find(Tag, { nameKey: { $like: likePattern(text.toLowerCase(), { contains: true, sqlite: onSqlite(em) }) } }, { fields: ['id'] });
  return tags.map((t) => t.id);
}

/**
 * quickFilter for attributes: the text (a contains-match; `%` wildcards allowed) in the value, the
 * comment, the event info, or the name of a tag on the attribute or its event.
 */
export async function attributeQuickFilter(scope: Scope, text: string): Promise<Filter> {
  const t = checkQuickFilter(text);
  const like = likePattern(t, { contains: true, sqlite: onSqlite(scope.em) });
  const tagIds = await tagIdsLike(scope.em, t);
  return {
    $or: [
      { value: { $like: like } },
      { comment: { $like: like } },
      { event: { info: { $like: like } } },
      ...(tagIds.length ? [carries(scope.em, 'attribute', tagIds)] : []),
    ],
  };
}

/** quickFilter for events: event info, tag names of the event (attribute values go through the attribute side). */
export async function eventQuickFilterOwn(scope: Scope, text: string): Promise<Filter[]> {
  const t = checkQuickFilter(text);
  const tagIds = await tagIdsLike(scope.em, t);
  return [{ info: { $like: likePattern(t, { contains: true, sqlite: onSqlite(scope.em) }) } }, ...(tagIds.length ? [carries(scope.em, 'event', tagIds)] : [])];
}
