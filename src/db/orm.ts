import 'reflect-metadata';
import { MikroORM, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MySqlDriver } from '@mikro-orm/mysql';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { BoundMariaDbDriver, BoundSqliteDriver } from './bound-connection';
import { Dialect, dialectOf } from './dialect';
import { ENTITIES } from './entities';

/** Migrations folder per dialect family: MariaDB and MySQL share `migrations/mysql`. */
export type MigrationsDialect = 'sqlite' | 'mysql';

export const migrationsDialectOf = (d: Dialect): MigrationsDialect => (d === 'sqlite' ? 'sqlite' : 'mysql');

/** Folder of compiled migrations for a dialect (dist/migrations/<dialect> next to dist/src). */
export const migrationsPath = (d: MigrationsDialect) => resolve(__dirname, '../../migrations', d);
/** Folder of migration sources (used only when generating migrations). */
export const migrationsSourcePath = (d: MigrationsDialect) => resolve(__dirname, '../../../migrations', d);

export interface OrmOptions {
  databaseUrl: string;
  logger?: Logger;
  /** Count every SQL statement (for "no N+1" tests and benchmarks). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /**
   * Global filters, e.g. auth/visibility-filter's `visible` (the hub passes it: db/ sits below auth/ and
   * does not know the access rules).
   */
  filters?: Options['filters'];
}

export function ormConfig(opts: OrmOptions): Options {
  const dialect = dialectOf(opts.databaseUrl);
  const md = migrationsDialectOf(dialect);
  const common: Options = {
    entities: [...ENTITIES],
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      path: migrationsPath(md),
      pathTs: migrationsSourcePath(md),
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    debug: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ? (msg: string) => opts.onQuery!(msg) : (msg: string) => opts.logger?.debug({ orm: msg }),
    colors: false,
    // Multi-row INSERTs of up to 1000 rows (bulk attribute adds, change-log appends).
    batchSize: 1000,
    filters: opts.filters ?? {},
    // Filters narrow the entity read, not its relations: a visible attribute keeps the reference to its
    // sharing group (the rules decide on the ids), and no reference join (needing a viewer) is added
    // behind every read of an entity that merely points at a filtered one (a feed's event).
    filtersOnRelations: false,
    autoJoinRefsForFilters: false,
  };
  if (dialect === 'sqlite') {
    const file = opts.databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    return { ...common, driver: BoundSqliteDriver, dbName: file };
  }
  const pool = { min: 0, max: opts.poolMax ?? 10 };
  // SQLite and MariaDB bind every value (bound-connection.ts); mysql2's query() would substitute values
  // into the text itself, regardless of quotes, so mysql:// keeps MikroORM's own escaping.
  return dialect === 'mariadb'
    ? { ...common, driver: BoundMariaDbDriver, clientUrl: opts.databaseUrl, pool }
    : { ...common, driver: MySqlDriver, clientUrl: opts.databaseUrl, pool };
}

export async function createOrm(opts: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(opts));
  if (dialectOf(opts.databaseUrl) === 'sqlite') {
    // WAL lets readers proceed during a write; busy_timeout waits instead of failing under contention.
    await orm.em.getConnection().execute('pragma journal_mode = WAL');
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
    await orm.em.getConnection().execute('pragma foreign_keys = ON');
  }
  return orm;
}

export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}
