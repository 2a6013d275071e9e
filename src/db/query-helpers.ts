import { EntityManager } from '@mikro-orm/core';
import { Organisation } from '../modules/organisation/organisation.entity';

/**
 * `%` is the user's wildcard; on MariaDB/MySQL every other LIKE metacharacter (`_`, `\`) is escaped with
 * the default escape character `\`. SQLite's LIKE has no escape character (MikroORM's $like adds no
 * ESCAPE clause), so there the text is used as is: a backslash is literal and `_` matches any single
 * character (a superset of the literal match, never a miss). `contains` wraps the pattern in `%…%` when
 * the user gave no wildcard (substring search, e.g. on event info).
 */
export function likePattern(input: string, opts: { contains?: boolean; sqlite?: boolean } = {}): string {
  const escaped = opts.sqlite ? input : input.replace(/[\\_]/g, (c) => `\\${c}`);
  return opts.contains && !input.includes('%') ? `%${escaped}%` : escaped;
}

/** Local ids of organisations by uuid (unknown uuids simply match nothing). */
export async function orgIdsByUuid(em: EntityManager, uuids: readonly string[]): Promise<number[]> {
  const rows = await em.find(Organisation, { uuid: { $in: uuids.map((u) => u.toLowerCase()) } }, { fields: ['id'] });
  return rows.map((r) => r.id);
}
