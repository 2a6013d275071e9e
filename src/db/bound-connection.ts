import { Configuration, JsonProperty, Utils, type Transaction } from '@mikro-orm/core';
import { BetterSqliteConnection, BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { AbstractSqlConnection, AbstractSqlPlatform, type Knex } from '@mikro-orm/knex';
import { MariaDbConnection, MariaDbDriver } from '@mikro-orm/mariadb';
import { CachingBetterSqliteDialect } from './statement-cache';

/**
 * Every SQL value bound as a parameter (DESIGN §10). MikroORM 6 (AbstractSqlConnection.execute) formats
 * each parameter into the SQL text with its platform's escaping and hands the driver a string with no
 * parameters; no option turns that off. The connections below run the same statements with the values
 * handed to the driver as parameters instead: better-sqlite3 binds them to the prepared statement, the
 * MariaDB connector sends them through its own placeholder handling.
 *
 * The statement is read exactly as MikroORM's formatQuery reads it (`?` a value, `??` an identifier,
 * `\?` a literal question mark), so the SQL means the same; only each value leaves the text. Values
 * are converted as MikroORM's escaping converts them: a Date as the platform writes it, a boolean to
 * 1/0 (what TRUE/FALSE are on both dialects), a plain object or JSON property to its JSON text, an array
 * to a list of values (an array of arrays to a list of tuples), a Buffer as bytes, null/undefined as
 * NULL. SQL fragments (raw() with its own parameters) are spliced in with their parameters bound too.
 */

/**
 * The values go to the driver as a positional array, past knex's own reading of a raw statement: knex
 * would take any `?` of the text for a placeholder (a literal question mark from `\?`, or one inside an
 * identifier or a raw fragment) and keeps `\?` as is, which SQLite reads as two characters. A statement
 * handed over this way is text and values exactly as built here; the driver's own parser (SQLite's, the
 * MariaDB connector's) places each value at its `?` and leaves a `?` inside a quoted string alone.
 */
interface Bound {
  sql: string;
  values: unknown[];
  /** The last Date converted and what it became (a bulk write repeats the same instant on every row). */
  lastDate: { time: number; value: string | number } | null;
}

/** The statement with every value replaced by a positional `?`, and those values in order. */
function bindStatement(platform: AbstractSqlPlatform, sql: string, params: readonly unknown[]): Bound {
  const out: Bound = { sql: '', values: [], lastDate: null };
  const values = params.length ? plainValues(platform, sql, params, out) : null;
  if (values) {
    out.sql = sql;
    out.values = values;
  } else out.sql = bindInto(platform, sql, params, out);
  return out;
}

/**
 * The values of a statement that bindInto would leave as it is (a multi-row INSERT: tens of thousands
 * of plain values), without rebuilding its text: every `?` is a value (no `??`, no `\?`), one per
 * parameter, and every parameter a plain value (string, number, bigint, boolean, null, Date), each
 * converted as valueSql converts it. Null for anything else (lists, fragments, JSON, other objects, a
 * count that differs), which bindInto then reads in full.
 */
function plainValues(platform: AbstractSqlPlatform, sql: string, params: readonly unknown[], out: Bound): unknown[] | null {
  if (sql.includes('??') || sql.includes('\\?')) return null;
  let marks = 0;
  for (let i = sql.indexOf('?'); i >= 0; i = sql.indexOf('?', i + 1)) marks++;
  if (marks !== params.length) return null;
  const values: unknown[] = new Array(params.length);
  for (let k = 0; k < params.length; k++) {
    const v = params[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') values[k] = v;
    else if (v === undefined || v === null) values[k] = null;
    else if (typeof v === 'boolean') values[k] = v ? 1 : 0;
    else if (v instanceof Date) values[k] = dateValue(platform, v, out);
    else return null;
  }
  return values;
}

/**
 * SQLite's limit on the values of one statement (SQLITE_MAX_VARIABLE_NUMBER). Every write path chunks
 * far below it (1000 rows); a statement over it (an unusually long id list) is formatted by MikroORM as
 * before rather than refused.
 */
const SQLITE_MAX_VALUES = 32766;

function bindInto(platform: AbstractSqlPlatform, sql: string, params: readonly unknown[], out: Bound): string {
  let j = 0;
  let ret = '';
  let pos = 0;
  // The scan of Platform.formatQuery: `\?` literal, `??` identifier, `?` value.
  while (pos < sql.length) {
    const idx = sql.indexOf('?', pos);
    if (idx === -1) {
      ret += sql.substring(pos);
      break;
    }
    if (idx > 0 && sql[idx - 1] === '\\') {
      ret += sql.substring(pos, idx - 1) + '?';
      pos = idx + 1;
    } else if (sql[idx + 1] === '?') {
      ret += sql.substring(pos, idx) + platform.quoteIdentifier(params[j++] as string);
      pos = idx + 2;
    } else {
      ret += sql.substring(pos, idx) + valueSql(platform, params[j++], out);
      pos = idx + 1;
    }
  }
  return ret;
}

/** The SQL standing for one parameter: `?` with the value appended to the list, or (lists, fragments) several. */
function valueSql(platform: AbstractSqlPlatform, value: unknown, out: Bound): string {
  // Plain values first (bulk writes bind tens of thousands of them): no primitive is a fragment or JSON.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return bind(out, value);
  if (value === undefined || value === null) return bind(out, null);
  if (typeof value === 'boolean') return bind(out, value ? 1 : 0);
  // Objects in the order MikroORM's escaping tests them.
  if (Utils.isRawSql(value)) return bindInto(platform, value.sql, value.params ?? [], out);
  if (platform.isRaw(value)) return String(value); // a knex raw: SQL text of our own
  if (Utils.isPlainObject(value) || (value as Record<symbol, unknown>)[JsonProperty]) return bind(out, JSON.stringify(value));
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? `(${valueSql(platform, v, out)})` : valueSql(platform, v, out))).join(', ');
  if (value instanceof Date) return bind(out, dateValue(platform, value, out));
  if (Buffer.isBuffer(value)) return bind(out, value);
  if (typeof (value as { toSqlString?: unknown }).toSqlString === 'function') return String((value as { toSqlString: () => string }).toSqlString());
  return bind(out, String(value));
}

function bind(out: Bound, value: unknown): '?' {
  out.values.push(value);
  return '?';
}

/**
 * A Date as the platform writes it into SQL (SQLite: epoch milliseconds; MySQL family: the UTC datetime
 * text, e.g. `2026-12-05 12:49:16.123`), as a value to bind. The same instant as the statement's previous
 * Date is not converted again.
 */
function dateValue(platform: AbstractSqlPlatform, date: Date, out: Bound): string | number {
  const time = date.getTime();
  if (out.lastDate?.time === time) return out.lastDate.value;
  const literal = String(platform.quoteValue(date));
  let value: string | number;
  if (/^-?\d+$/.test(literal)) value = Number(literal);
  else if (/^'[0-9: .-]+'$/.test(literal)) value = literal.slice(1, -1);
  else throw new Error(`cannot bind date ${date.toISOString()}: written as ${literal}`);
  out.lastDate = { time, value };
  return value;
}

/**
 * A knex raw statement that runs `sql` with `values` as they are: created without bindings, so knex does
 * not read the text for placeholders, and handing the values over in place of its empty list.
 */
function positionalRaw(knex: Knex, sql: string, values: unknown[]): Knex.Raw {
  const raw = knex.raw(sql);
  const compile = raw.toSQL.bind(raw);
  return Object.assign(raw, { toSQL: () => Object.assign(compile(), { bindings: values }) });
}

type ExecuteMethod = 'all' | 'get' | 'run';
type Ctor<T> = abstract new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A MikroORM SQL connection whose execute binds the values (see above). */
function bindingConnection<C extends Ctor<AbstractSqlConnection>>(Base: C, maxValues = Infinity) {
  abstract class BindingConnection extends Base {
    override async execute<T>(
      queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
      params: unknown[] = [],
      method: ExecuteMethod = 'all',
      ctx?: Transaction,
      loggerContext?: Record<string, unknown>,
    ): Promise<T> {
      await this.ensureConnection();
      let query: string;
      if (typeof queryOrKnex !== 'string') {
        ctx ??= ((queryOrKnex as unknown as { client: { transacting?: boolean } }).client.transacting ? queryOrKnex : undefined) as Transaction | undefined;
        const q = queryOrKnex.toSQL();
        query = q.sql;
        params = [...(q.bindings ?? [])];
      } else query = queryOrKnex;
      const config = this.config as Configuration;
      query = config.get('onQuery')(query, params);
      const platform = this.platform as AbstractSqlPlatform;
      const bound = bindStatement(platform, query, params);
      const logger = config.getLogger();
      const logged = logger.isEnabled('query-params', loggerContext) ? platform.formatQuery(query, params) : query;
      return this.executeQuery(
        logged,
        async () => {
          const raw =
            bound.values.length <= maxValues
              ? positionalRaw(this.getKnex(), bound.sql, bound.values)
              : this.getKnex().raw(platform.formatQuery(query, params));
          if (ctx) raw.transacting(ctx as Knex.Transaction);
          return this.transformRawResult<T>(await raw, method);
        },
        { query, params, ...loggerContext },
      );
    }
  }
  return BindingConnection;
}

class BoundSqliteConnection extends bindingConnection(BetterSqliteConnection, SQLITE_MAX_VALUES) {
  /** BetterSqliteConnection's knex, on the client that keeps each connection's prepared statements. */
  override createKnex(): void {
    this.client = this.createKnexClient(CachingBetterSqliteDialect as unknown as string);
    this.connected = true;
  }
}
class BoundMariaDbConnection extends bindingConnection(MariaDbConnection) {}

/** better-sqlite3 with every value bound. */
export class BoundSqliteDriver extends BetterSqliteDriver {
  constructor(config: Configuration) {
    super(config);
    // The driver's own connection (not connected yet) replaced by the binding one.
    Object.assign(this, { connection: new BoundSqliteConnection(this.config) });
  }
}

/** MariaDB with every value bound. */
export class BoundMariaDbDriver extends MariaDbDriver {
  constructor(config: Configuration) {
    super(config);
    Object.assign(this, { connection: new BoundMariaDbConnection(this.config) });
  }
}
