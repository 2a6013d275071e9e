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
import { maskUrl, startupStep } from '../config/startup-error';

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

/** How long opening a MariaDB/MySQL connection may take (see ormConfig). */
const MYSQL_CONNECT_TIMEOUT_MS = 10_000;
/** Run on every new MariaDB connection of the hub (see ormConfig). */
export const MARIADB_SESSION_SQL = "SET SESSION optimizer_switch = 'rowid_filter=off'";

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
      // SQLite runs DDL inside transactions: all pending migrations apply or none does. MySQL and MariaDB
      // commit implicitly at every DDL statement, so a transaction around a migration protects nothing and
      // only makes knex warn ("Transaction was implicitly committed … (#805)") when it releases a savepoint
      // the DDL already ended: there each migration runs on its own, recorded as it completes.
      transactional: dialect === 'sqlite',
      allOrNothing: dialect === 'sqlite',
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
  // A new connection may take more than the MariaDB connector's default second on a busy server (many
  // connections opening at once, a loaded host); the hub waits up to MYSQL_CONNECT_TIMEOUT_MS before a
  // request fails with a connection timeout. mysql2's default is the same 10 s.
  const driverOptions = { connection: { connectTimeout: MYSQL_CONNECT_TIMEOUT_MS } };
  // MariaDB's rowid filters (10.4+; MySQL has none) off for the hub's sessions, so MariaDB plans as MySQL
  // does. With them on, a lookup whose visibility joins events and objects (tag + 7 days at 1,000,000
  // attributes) walked every event and each event's attributes through a rowid filter: 0.3-0.7 s, where
  // the range on attributes(type, timestamp) it takes without them answers in 30 ms (bench:search).
  const mariadbOptions = { connection: { ...driverOptions.connection, initSql: MARIADB_SESSION_SQL } };
  // SQLite and MariaDB bind every value (bound-connection.ts); mysql2's query() would substitute values
  // into the text itself, regardless of quotes, so mysql:// keeps MikroORM's own escaping.
  return dialect === 'mariadb'
    ? { ...common, driver: BoundMariaDbDriver, clientUrl: opts.databaseUrl, pool, driverOptions: mariadbOptions }
    : { ...common, driver: MySqlDriver, clientUrl: opts.databaseUrl, pool, driverOptions };
}

/**
 * Connects (MikroORM creates a missing MariaDB/MySQL database). A database that cannot be reached or
 * opened (or a SQLite file that refuses the hub's settings) is a StartupError naming DATABASE_URL, its
 * address (password masked) and the reason.
 */
export async function createOrm(opts: OrmOptions): Promise<MikroORM> {
  // A SQLite connection gets the hub's settings as the pool opens it (SQLITE_CONNECTION_PRAGMAS).
  return startupStep('DATABASE_URL', maskUrl(opts.databaseUrl), () => MikroORM.init(ormConfig(opts)));
}

/**
 * What the database holds of the migrations this build ships: names of the applied ones and of those
 * still pending (readiness: a replica started with MIGRATE_ON_START=false is not ready before them).
 */
export async function migrationState(orm: MikroORM): Promise<{ applied: string[]; pending: string[] }> {
  const migrator = orm.getMigrator();
  const [executed, pending] = await Promise.all([migrator.getExecutedMigrations(), migrator.getPendingMigrations()]);
  return { applied: executed.map((m) => m.name), pending: pending.map((m) => m.name) };
}

/** Names recorded in the migrations table (one small query: the readiness probe's migration check). */
export async function appliedMigrationNames(orm: MikroORM): Promise<Set<string>> {
  const rows: { name: string }[] = await orm.em.getConnection().execute('select name from mikro_orm_migrations');
  return new Set(rows.map((r) => r.name));
}

export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}

/** The connection pool of a MariaDB/MySQL or SQLite database (knex's tarn pool): connections by state. */
export function poolStats(orm: MikroORM): { used: number; free: number; pending: number; max: number } | null {
  const knex = (orm.em.getConnection() as unknown as { getKnex?: () => { client?: { pool?: TarnLike } } }).getKnex?.();
  const pool = knex?.client?.pool;
  if (!pool) return null;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() + pool.numPendingCreates(), max: pool.max };
}

interface TarnLike {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}
