import { Configuration, JsonProperty, Utils, type Transaction } from '@mikro-orm/core';
import { BetterSqliteConnection, BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { AbstractSqlConnection, AbstractSqlPlatform, type Knex } from '@mikro-orm/knex';
import { MariaDbConnection, MariaDbDriver } from '@mikro-orm/mariadb';
import { randomBytes } from 'node:crypto';

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
 * knex re-reads a raw statement for its own placeholders. Positional `?` would also match a literal
 * question mark inside an inlined string, so the values go as knex named bindings whose names carry a
 * per-process random part: no text in a statement can spell one.
 */
const NONCE = randomBytes(8).toString('hex');

interface Bound {
  sql: string;
  values: Record<string, unknown>;
  count: number;
}

/** The statement with every value replaced by a named binding (see above), and those values. */
function bindStatement(platform: AbstractSqlPlatform, sql: string, params: readonly unknown[]): { sql: string; values: Record<string, unknown>; count: number } {
  const out: Bound = { sql: '', values: {}, count: 0 };
  out.sql = bindInto(platform, sql, params, out);
  return out;
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

function placeholder(out: Bound, value: unknown): string {
  const name = `b${NONCE}x${out.count++}`;
  out.values[name] = value;
  return `:${name}`;
}

/** The SQL standing for one parameter: a named binding, or (lists, fragments) several. */
function valueSql(platform: AbstractSqlPlatform, value: unknown, out: Bound): string {
  if (Utils.isRawSql(value)) return bindInto(platform, value.sql, value.params ?? [], out);
  if (platform.isRaw(value)) return String(value); // a knex raw: SQL text of our own
  if (value === undefined || value === null) return placeholder(out, null);
  if (Utils.isPlainObject(value) || (value as Record<symbol, unknown>)?.[JsonProperty]) return placeholder(out, JSON.stringify(value));
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? `(${valueSql(platform, v, out)})` : valueSql(platform, v, out))).join(', ');
  if (typeof value === 'boolean') return placeholder(out, value ? 1 : 0);
  if (value instanceof Date) return placeholder(out, dateValue(platform, value));
  if (Buffer.isBuffer(value) || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return placeholder(out, value);
  if (typeof (value as { toSqlString?: unknown }).toSqlString === 'function') return String((value as { toSqlString: () => string }).toSqlString());
  return placeholder(out, String(value));
}

/**
 * A Date as the platform writes it into SQL (SQLite: epoch milliseconds; MySQL family: the UTC datetime
 * text, e.g. `2026-12-05 12:49:16.123`), as a value to bind.
 */
function dateValue(platform: AbstractSqlPlatform, date: Date): string | number {
  const literal = String(platform.quoteValue(date));
  if (/^-?\d+$/.test(literal)) return Number(literal);
  if (/^'[0-9: .-]+'$/.test(literal)) return literal.slice(1, -1);
  throw new Error(`cannot bind date ${date.toISOString()}: written as ${literal}`);
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
            bound.count <= maxValues
              ? this.getKnex().raw(bound.sql, bound.values as Knex.ValueDict)
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

class BoundSqliteConnection extends bindingConnection(BetterSqliteConnection, SQLITE_MAX_VALUES) {}
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
