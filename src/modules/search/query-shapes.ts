import { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';

/**
 * Lookup statements built by the ORM once per *shape* and then run with each request's values (as the
 * CSV export's page reads are): building a search with its visibility conditions through MikroORM cost
 * more than the database took to answer it.
 *
 * The shape of a condition tree is the tree with every value left out: operators, property names,
 * list lengths, sub-query texts. The caller builds the full tree exactly as before (the viewer's
 * visibility from policy.ts first, then the search terms); `shapeOf` replaces each value by a marker,
 * the ORM builds the statement of the marked tree once, and each run puts the request's values where
 * the markers landed among the statement's parameters. The SQL a request runs is therefore the SQL the
 * ORM builds for that request's own tree, values bound as parameters; visibility is in the tree, never
 * in this cache.
 *
 * What is not a value stays in the shape: booleans and null (`deleted: false`, `object: null` change the
 * SQL), sub-query texts of knex raws (their bindings are values). Lists under `$in`/`$nin` are padded to
 * a few lengths with their last value (same rows) so that a list of any length shares a few shapes.
 * A statement where a marker does not come back exactly once as a parameter (a value the ORM rewrote or
 * inlined) is not kept: that shape is built for every request, as before.
 */

export type Where = Record<string, unknown>;

/** A marker standing for value `k` while the statement is built. */
const MARK = '\u0001tm-shape-value:';
const marker = (k: number) => `${MARK}${k}\u0001`;
/** The LIMIT while building: a number (the ORM may write it into the text), found again afterwards. */
export const LIMIT_MARK = 987_654_321;

/** List lengths of `$in`/`$nin`: exact up to 8, then the next power of two, past 4,096 the next multiple of 1,024. */
export function paddedLength(n: number): number {
  if (n <= 8) return n;
  if (n > 4096) return Math.ceil(n / 1024) * 1024;
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

const isKnexRaw = (v: unknown): v is Knex.Raw => typeof v === 'object' && v !== null && typeof (v as Knex.Raw).toSQL === 'function' && 'sql' in v;
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || v instanceof Date;

export interface Shaped {
  /** The tree with markers in place of values (null when not asked for: `marked: false`). */
  marked: Where | null;
  /** Identifies the shape (with the caller's own parts of the key). */
  key: string;
  /** The values, in marker order. */
  values: unknown[];
}

/** Property names and operators as JSON strings, made once each (a tree holds the same few dozen names). */
const quotedNames = new Map<string, string>();
function quoted(name: string): string {
  let q = quotedNames.get(name);
  if (q === undefined) {
    q = JSON.stringify(name);
    // Names come from code (entity properties, operators); a bounded map all the same.
    if (quotedNames.size < 10_000) quotedNames.set(name, q);
  }
  return q;
}

/** A value of a kind the shapes do not know (an entity, a MikroORM raw fragment): built as it is. */
class Unshapeable extends Error {}

/**
 * The shape of a condition tree (see above), null when it holds a value of a kind not known here. With
 * `marked`, also the tree with markers (what the ORM builds a new shape from; `knex` rebuilds raws with
 * marked bindings); without, only the key and the values, in the same order (a known shape's run).
 */
export function shapeOf(knex: Knex, where: Where, marked = true): Shaped | null {
  const values: unknown[] = [];
  // Appended as a string (one flat copy when it is first used as a map key, not a join of hundreds of parts).
  let key = '';
  const mark = (v: unknown) => {
    values.push(v);
    return marked ? marker(values.length - 1) : v;
  };
  const walk = (v: unknown, list: boolean): unknown => {
    if (isScalar(v)) {
      key += typeof v === 'string' ? 's' : v instanceof Date ? 'd' : 'n';
      return mark(v);
    }
    if (v === null || v === undefined || typeof v === 'boolean') {
      key += v === true ? 'true' : v === false ? 'false' : 'null';
      return v;
    }
    if (Array.isArray(v)) {
      const pad = list && v.length && v.every(isScalar) ? paddedLength(v.length) - v.length : 0;
      key += `[${v.length + pad}`;
      const out = marked ? new Array<unknown>(v.length + pad) : null;
      for (let i = 0; i < v.length + pad; i++) {
        const x = walk(i < v.length ? v[i] : v[v.length - 1], false);
        if (out) out[i] = x;
      }
      key += ']';
      return out;
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Where | null = marked ? {} : null;
      key += '{';
      for (const k in v) {
        key += `${quoted(k)}:`;
        const x = walk((v as Where)[k], k === '$in' || k === '$nin');
        if (out) out[k] = x;
      }
      key += '}';
      return out;
    }
    if (isKnexRaw(v)) {
      const { sql, bindings } = v.toSQL();
      key += `raw(${JSON.stringify(sql)}`;
      const inner = (bindings ?? []).map((b) => walk(b, false));
      key += ')';
      return marked ? knex.raw(sql, inner as Knex.RawBinding[]) : null;
    }
    throw new Unshapeable();
  };
  try {
    const tree = walk(where, false) as Where | null;
    return { marked: tree, key, values };
  } catch (e) {
    if (e instanceof Unshapeable) return null;
    throw e;
  }
}

interface Built {
  sql: string;
  params: unknown[];
  /** Parameter index of each value marker, then of the limit (-1: no limit). */
  slots: number[];
}

/** Most shapes kept per ORM; past it the oldest is dropped. */
const MAX_SHAPES = 500;

/**
 * The statements of one ORM (one hub): kept with its driver, so two hubs in one process share nothing,
 * and a statement is only ever run on the dialect it was built for.
 */
const byDriver = new WeakMap<object, QueryShapes>();

export class QueryShapes {
  private readonly built = new Map<string, Built | 'unshapeable'>();
  /** Statements built (a new shape, or an unshapeable one) and reused, for tests and profiles. */
  builds = 0;
  reuses = 0;

  static of(em: EntityManager): QueryShapes {
    const driver = em.getDriver();
    let shapes = byDriver.get(driver);
    if (!shapes) byDriver.set(driver, (shapes = new QueryShapes()));
    return shapes;
  }

  /**
   * Rows (database column names, as the driver returns them) of the statement `build` makes from `where`
   * and `limit`. `name` tells apart the statements of different callers (columns, joins, order).
   * `build` gets the marked tree and LIMIT_MARK, or, for a shape the ORM cannot keep, the real ones.
   */
  async rows(
    em: EntityManager,
    name: string,
    where: Where,
    limit: number | undefined,
    build: (where: Where, limit: number | undefined) => { toQuery(): { _sql: Knex.Sql } },
  ): Promise<Array<Record<string, unknown>>> {
    const knex = (em.getConnection() as unknown as { getKnex(): Knex }).getKnex();
    // The key and values first; the marked tree only for a shape not built yet.
    const shaped = shapeOf(knex, where, false);
    const key = shaped && `${name}|${limit === undefined ? '' : 'limit'}|${shaped.key}`;
    let q = key === null ? 'unshapeable' : this.built.get(key);
    if (!q && shaped && key !== null) {
      this.builds++;
      const marked = shapeOf(knex, where)!.marked!;
      q = this.compile(build(marked, limit === undefined ? undefined : LIMIT_MARK), shaped.values.length, limit !== undefined);
      if (this.built.size >= MAX_SHAPES) this.built.delete(this.built.keys().next().value!);
      this.built.set(key, q);
    } else if (q !== 'unshapeable') this.reuses++;
    let sql: string;
    let params: unknown[];
    if (!q || q === 'unshapeable' || !shaped) {
      const built = build(where, limit).toQuery()._sql;
      sql = built.sql;
      params = [...(built.bindings as unknown[])];
    } else {
      sql = q.sql;
      params = [...q.params];
      const slots = q.slots;
      for (let k = 0; k < shaped.values.length; k++) params[slots[k]] = shaped.values[k];
      if (limit !== undefined) params[slots[shaped.values.length]] = limit;
    }
    return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as Array<Record<string, unknown>>;
  }

  /** Where each marker (and the limit) landed among the built statement's parameters. */
  private compile(qb: { toQuery(): { _sql: Knex.Sql } }, count: number, withLimit: boolean): Built | 'unshapeable' {
    const built = qb.toQuery()._sql;
    let sql = built.sql;
    const params = [...(built.bindings as unknown[])];
    // A limit written into the text (not bound) becomes the last parameter.
    if (withLimit && !params.includes(LIMIT_MARK) && sql.endsWith(`limit ${LIMIT_MARK}`)) {
      sql = `${sql.slice(0, -String(LIMIT_MARK).length)}?`;
      params.push(LIMIT_MARK);
    }
    const slots: number[] = [];
    for (let k = 0; k < count; k++) {
      const at = params.indexOf(marker(k));
      if (at < 0 || params.lastIndexOf(marker(k)) !== at) return 'unshapeable';
      slots.push(at);
    }
    if (withLimit) {
      const at = params.indexOf(LIMIT_MARK);
      if (at < 0 || params.lastIndexOf(LIMIT_MARK) !== at) return 'unshapeable';
      slots.push(at);
    }
    // Every parameter left is a constant of the shape; no marker may survive elsewhere.
    if (sql.includes(MARK) || params.some((p, i) => typeof p === 'string' && p.includes(MARK) && !slots.includes(i))) return 'unshapeable';
    return { sql, params, slots };
  }
}
