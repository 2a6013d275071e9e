import { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { MariaDbPlatform } from '@mikro-orm/mariadb';

/** The SQL dialects the hub runs on. */
export type Dialect = 'sqlite' | 'mariadb' | 'mysql';

/**
 * The one answer to "which dialect is this": from a DATABASE_URL (before a connection exists) or from an
 * EntityManager (by its platform). Every dialect-specific branch asks here.
 */
export function dialectOf(source: string | EntityManager): Dialect {
  if (typeof source !== 'string') {
    const platform = source.getPlatform();
    if (platform instanceof BaseSqlitePlatform) return 'sqlite';
    return platform instanceof MariaDbPlatform ? 'mariadb' : 'mysql';
  }
  if (source.startsWith('sqlite:')) return 'sqlite';
  if (source.startsWith('mariadb://')) return 'mariadb';
  if (source.startsWith('mysql://')) return 'mysql';
  throw new Error(`Unsupported DATABASE_URL "${source}": expected sqlite:<path>, mariadb://… or mysql://…`);
}

/** Is this EntityManager on SQLite (no LIKE escape character unless told, no row locks, one writer)? */
export const onSqlite = (em: EntityManager): boolean => dialectOf(em) === 'sqlite';
