import { EntityManager, EntityName } from '@mikro-orm/core';
import { Organisation } from '../modules/organisation/organisation.entity';
import { Tag } from '../modules/tag/tag.entity';

/**
 * `%` is the user's wildcard; every other LIKE metacharacter is escaped. `contains` wraps the pattern
 * in `%…%` when the user gave no wildcard (substring search, e.g. on event info).
 */
export function likePattern(input: string, opts: { contains?: boolean } = {}): string {
  const escaped = input.replace(/[\\_]/g, (c) => `\\${c}`);
  return opts.contains && !input.includes('%') ? `%${escaped}%` : escaped;
}

/** Local ids of organisations by uuid (unknown uuids simply match nothing). */
export async function orgIdsByUuid(em: EntityManager, uuids: readonly string[]): Promise<number[]> {
  const rows = await em.find(Organisation, { uuid: { $in: uuids.map((u) => u.toLowerCase()) } }, { fields: ['id'] });
  return rows.map((r) => r.id);
}

/** Ids of the rows (events or attributes) tagged with any of the names, via the link entity. */
export async function taggedIds(
  em: EntityManager,
  link: EntityName<object>,
  side: 'event' | 'attribute',
  names: readonly string[],
): Promise<number[]> {
  const tags = await em.find(Tag, { nameKey: { $in: names.map((n) => n.trim().toLowerCase()) } }, { fields: ['id'] });
  if (!tags.length) return [];
  const rows = (await em.find(link, { tag: { $in: tags.map((t) => t.id) } } as never, { fields: [side] as never })) as Array<
    Record<string, { id: number }>
  >;
  return [...new Set(rows.map((r) => r[side].id))];
}
