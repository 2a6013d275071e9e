import { BetterSqliteKnexDialect } from '@mikro-orm/knex';

/**
 * Prepared statements kept per better-sqlite3 connection. knex's better-sqlite3 client prepares every
 * statement it runs (`connection.prepare(sql)`), so SQLite parses and plans the same text again for
 * each read; the hub runs a few dozen distinct statement texts over and over (the values are bound, see
 * bound-connection.ts). Measured: compiling costs 0.02-0.04 ms per statement (a small share of a page
 * read, which is dominated by running the statements), and a cached value lookup's SQL took 0.27 ms
 * instead of 0.65 ms in bench:search at 20,000 attributes.
 *
 * What makes reuse safe (better-sqlite3 11):
 * - `all()`, `get()` and `run()` step the statement to its end and reset it before they return, even when
 *   they throw; bindings are per call. A statement left between calls holds no lock and no open read.
 * - A statement being iterated (`iterate()`) is `busy` and cannot run again until its iterator ends; the
 *   hub never iterates (knex's stream() reads with `all()`), and a busy one is not reused anyway: a
 *   fresh statement is prepared for that call.
 * - SQLite re-prepares a statement whose schema changed (sqlite3_prepare_v2: a migration's ALTER/DROP),
 *   and better-sqlite3 reads the column names of each row from the statement as it now is; `reader`
 *   (returns rows or not) is fixed by the statement text.
 * - A statement belongs to its connection: the cache is a property of the connection and dropped when
 *   knex's pool destroys it (closing the database finalises its statements).
 * - `safeIntegers` is a setting of the statement; a query carrying that option gets a statement of its
 *   own, as before, so no cached statement carries it over to another query.
 *
 * Bounded by count and by the length of the texts (a 1,000-row INSERT is tens of kB of SQL and compiles
 * to a program of its size); the least recently used statement goes first, and a statement longer than
 * the whole text budget is not kept.
 */

/** The part of a better-sqlite3 Statement used here. */
export interface SqliteStatement {
  readonly reader: boolean;
  readonly busy: boolean;
  safeIntegers(on?: boolean): this;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/** The part of a better-sqlite3 Database used here. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

export interface StatementCacheLimits {
  /** Statements kept at most. */
  statements: number;
  /** Characters of SQL text kept at most, over all statements. */
  textLength: number;
}

/**
 * A compiled statement takes about 50 bytes of memory per character of its text (measured: ten 1,000-row
 * INSERTs of 15 columns, 320 k characters, 17 MB), so the text budget holds a connection's cache to
 * ~13 MB; the hub's reads are a few hundred to a few thousand characters each.
 */
export const STATEMENT_CACHE_LIMITS: Readonly<StatementCacheLimits> = { statements: 256, textLength: 1 << 18 };

const LIMIT_PARAMETER = /\b(limit|offset)\s+\?/i;
const BEFORE_PARAMETER = /\b(limit|offset)\s+$/i;

/**
 * The statement with its LIMIT and OFFSET values written into the text instead of bound, where they are
 * non-negative integers (the hub's page sizes); every other value stays bound. SQLite (3.49, as built by
 * better-sqlite3) reads a bound LIMIT's value when it plans an ORDER BY … LIMIT, and so marks the
 * statement to be compiled again each time that parameter is bound: a kept statement with `limit ?` was
 * compiled anew on every run (0.05–0.15 ms for the hub's joins, as much as running it). A text per page
 * size is kept instead (a handful of sizes).
 */
export function inlineLimits(sql: string, bindings: readonly unknown[]): { sql: string; bindings: readonly unknown[] } {
  if (!LIMIT_PARAMETER.test(sql)) return { sql, bindings };
  let text = '';
  const kept: unknown[] = [];
  let from = 0;
  let index = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '?') {
      const value = bindings[index++];
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && BEFORE_PARAMETER.test(sql.slice(Math.max(0, i - 12), i))) {
        text += sql.slice(from, i) + String(value);
        from = i + 1;
      } else kept.push(value);
    }
  }
  if (from === 0) return { sql, bindings };
  return { sql: text + sql.slice(from), bindings: kept };
}

/** BEGIN, COMMIT, ROLLBACK [TO], SAVEPOINT, RELEASE [SAVEPOINT]. */
const TRANSACTION_CONTROL = /^\s*(begin|commit|end|rollback|savepoint|release)\b/i;

/** One connection's prepared statements by SQL text, least recently used first. */
export class StatementCache {
  private readonly statements = new Map<string, SqliteStatement>();
  private textLength = 0;
  /** Statements prepared / taken from the cache (tests and diagnostics). */
  prepared = 0;
  reused = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly limits: StatementCacheLimits = STATEMENT_CACHE_LIMITS,
  ) {}

  get size(): number {
    return this.statements.size;
  }

  /** Whether a statement for this text is kept (tests and diagnostics). */
  has(sql: string): boolean {
    return this.statements.has(sql);
  }

  /**
   * The statement for `sql`: the kept one unless it is busy, else newly prepared (and kept if it fits).
   * Transaction control is never kept: knex names every savepoint anew (`savepoint trx12`), so those
   * texts never come back and would only push out the statements that do.
   */
  get(sql: string): SqliteStatement {
    if (TRANSACTION_CONTROL.test(sql)) {
      this.prepared++;
      return this.db.prepare(sql);
    }
    const kept = this.statements.get(sql);
    if (kept !== undefined) {
      // Most recently used goes last (a Map iterates in insertion order).
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      if (!kept.busy) {
        this.reused++;
        return kept;
      }
      this.prepared++;
      return this.db.prepare(sql);
    }
    const statement = this.db.prepare(sql);
    this.prepared++;
    if (sql.length <= this.limits.textLength) {
      this.statements.set(sql, statement);
      this.textLength += sql.length;
      this.evict();
    }
    return statement;
  }

  /** Forgets every statement (the connection is about to close). */
  clear(): void {
    this.statements.clear();
    this.textLength = 0;
  }

  private evict(): void {
    for (const sql of this.statements.keys()) {
      if (this.statements.size <= this.limits.statements && this.textLength <= this.limits.textLength) return;
      this.statements.delete(sql);
      this.textLength -= sql.length;
    }
  }
}

interface KnexQueryObject {
  sql: string;
  bindings?: unknown[];
  options?: { safeIntegers?: unknown };
  response?: unknown;
  context?: { lastID: number | bigint; changes: number };
}

/** Rows per index an ANALYZE of the hub's SQLite database reads (`pragma analysis_limit`, below). */
export const SQLITE_ANALYSIS_LIMIT = 1000;

/**
 * The settings of every SQLite connection the pool opens, in this order (a connection opened again after
 * a reconnect gets them too):
 * - `journal_mode = WAL`: readers proceed during a write (kept in the database file once set).
 * - `synchronous = NORMAL`: a commit writes the write-ahead log without waiting for the disk; the log is
 *   synced at each checkpoint. A crash of the hub loses nothing committed; a power cut or an OS crash may
 *   lose the last transactions before a checkpoint, never the database's consistency (SQLite's advice for
 *   WAL). better-sqlite3 builds SQLite with this default for a database that is already in WAL mode, so a
 *   hub ran NORMAL on every start but the first one, which ran FULL until restarted; now every start is
 *   the same. MariaDB is the database for a hub that must keep every commit through a power cut.
 * - `busy_timeout = 5000`: wait for a lock (another process, e.g. a CLI command) instead of failing.
 * - `foreign_keys = ON`.
 * - `analysis_limit`: ANALYZE (an operator's, or one run through the hub) keeps to sqlite_stat1: with a
 *   limit set, SQLite samples no sqlite_stat4 histograms. With stat4 samples, every statement whose bound
 *   values meet a sampled index is planned again at each run (SQLite reads the values to plan), which cost
 *   the hub's visibility joins 0.1-0.3 ms a statement (bench:search, tag + 7 days: its count took 0.48 ms
 *   with them, 0.18 ms without; same plans). 1,000 rows per index is within the range SQLite's
 *   documentation gives for `PRAGMA optimize`.
 */
export const SQLITE_CONNECTION_PRAGMAS: readonly string[] = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  `analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`,
];

/** Where a connection keeps its cache: on the better-sqlite3 Database object itself. */
const STATEMENTS = Symbol('threatmesh.statements');

type CachingDatabase = SqliteDatabase & { [STATEMENTS]?: StatementCache };

/**
 * knex's better-sqlite3 client (MikroORM's dialect of it) running each statement through its
 * connection's StatementCache. `_query` is knex's own (knex 3.1 lib/dialects/better-sqlite3) with the
 * prepare replaced. The cache is a property of the connection (knex runs a transaction's statements on a
 * copy of the client, over the same connection): created when the pool opens the connection, dropped
 * when it destroys it. Each connection it opens gets SQLITE_CONNECTION_PRAGMAS first.
 */
export class CachingBetterSqliteDialect extends BetterSqliteKnexDialect {
  /** The cache of a connection opened by this client (undefined once the pool destroyed it). */
  statementCache(connection: SqliteDatabase): StatementCache | undefined {
    return (connection as CachingDatabase)[STATEMENTS];
  }

  async acquireRawConnection(): Promise<SqliteDatabase> {
    const db = (await super.acquireRawConnection()) as CachingDatabase;
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) db.pragma(pragma);
    db[STATEMENTS] = new StatementCache(db);
    return db;
  }

  async destroyRawConnection(connection: SqliteDatabase): Promise<void> {
    const db = connection as CachingDatabase;
    db[STATEMENTS]?.clear();
    delete db[STATEMENTS];
    return super.destroyRawConnection(connection);
  }

  async _query(connection: SqliteDatabase, obj: KnexQueryObject): Promise<KnexQueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    const safeIntegers = this._optSafeIntegers(obj.options) as boolean | undefined;
    const cache = (connection as CachingDatabase)[STATEMENTS];
    const { sql, bindings } = inlineLimits(obj.sql, this._formatBindings(obj.bindings) as unknown[]);
    let statement: SqliteStatement;
    if (safeIntegers !== undefined || !cache) {
      statement = connection.prepare(sql);
      if (safeIntegers !== undefined) statement.safeIntegers(safeIntegers);
    } else statement = cache.get(sql);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }
}
