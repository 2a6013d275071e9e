import { EntityManager, EntityName } from '@mikro-orm/core';
import { onSqlite } from './dialect';

/** Rows per INSERT statement for bulk writes (attributes, change rows). */
export const INSERT_CHUNK = 1000;

/**
 * Plain multi-row INSERTs of `rows` (objects keyed by the entity's property names: `props`, by default
 * the keys of the first row; a missing value is written as null) into the entity's table, in the caller's transaction: no entities, no unit-of-work bookkeeping,
 * no id read-back. Values are written as the ORM writes them: dates through the platform (epoch
 * milliseconds on SQLite, UTC datetime on MySQL-family servers), booleans as 1/0, a relation as its id.
 */
export async function insertRows<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<object>, props: readonly string[] = Object.keys(rows[0] ?? {})): Promise<void> {
  await insertRowsWithIds(em, entity, rows, props, false);
}

/**
 * insertRows that also gives the generated ids of the rows, in order, from each statement's insert id
 * (no read-back): one multi-row INSERT takes consecutive auto-increment values — SQLite's single writer
 * gives each row max(id) + 1; MariaDB/MySQL do so for an INSERT of known row count under
 * innodb_autoinc_lock_mode 0 or 1 (MariaDB's default), stepping by auto_increment_increment, which is what
 * MikroORM's own batch inserts rely on. Null where that does not hold (lock mode 2): read the ids back.
 */
export async function insertRowsReturningIds<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<object>, props: readonly string[] = Object.keys(rows[0] ?? {})): Promise<number[] | null> {
  return insertRowsWithIds(em, entity, rows, props, true);
}

/** Per connection: the step between consecutive ids of one INSERT, or null when they need not be consecutive. */
const idSteps = new WeakMap<object, Promise<number | null>>();
function idStep(em: EntityManager): Promise<number | null> {
  const conn = em.getConnection();
  let step = idSteps.get(conn);
  if (!step) {
    step = (conn.execute('select @@innodb_autoinc_lock_mode as mode, @@auto_increment_increment as step', [], 'all') as Promise<Array<{ mode: number | string; step: number | string }>>).then(
          ([r]) => (Number(r.mode) <= 1 ? Number(r.step) || 1 : null),
        );
    idSteps.set(conn, step);
  }
  return step;
}

/**
 * Whether one multi-row INSERT gives its rows consecutive ids here (as insertRowsReturningIds reads them):
 * what MikroORM's batch insert of new entities assumes when it sets their ids from the statement's first.
 * False on a MariaDB/MySQL server with innodb_autoinc_lock_mode 2, where concurrent INSERTs interleave.
 */
export async function consecutiveInsertIds(em: EntityManager): Promise<boolean> {
  return onSqlite(em) || (await idStep(em)) !== null;
}

async function insertRowsWithIds<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<object>, props: readonly string[], wantIds: boolean): Promise<number[] | null> {
  if (!rows.length) return [];
  const sqlite = onSqlite(em);
  const step = wantIds ? (sqlite ? 1 : await idStep(em)) : null;
  const ids: number[] | null = step === null ? null : [];
  const meta = em.getMetadata().get(entity);
  const platform = em.getPlatform();
  const columns = props.map((p) => {
    const prop = (meta.properties as Record<string, { fieldNames?: string[] }>)[p];
    if (!prop?.fieldNames?.length) throw new Error(`insertRows: ${meta.className} has no column for ${p}`);
    return platform.quoteIdentifier(prop.fieldNames[0]);
  });
  const head = `insert into ${platform.quoteIdentifier(meta.tableName)} (${columns.join(', ')}) values `;
  const tuple = `(${props.map(() => '?').join(', ')})`;
  const conn = em.getConnection();
  const ctx = em.getTransactionContext();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const part = rows.slice(i, i + INSERT_CHUNK);
    const params: unknown[] = new Array(part.length * props.length); // sized once (tens of thousands of values)
    let k = 0;
    for (const row of part) {
      for (const p of props) {
        const v = (row as Record<string, unknown>)[p];
        if (v instanceof Date) params[k++] = platform.processDateProperty(v);
        else if (typeof v === 'boolean') params[k++] = v ? 1 : 0;
        else if (v !== null && typeof v === 'object' && 'id' in v) params[k++] = (v as { id: unknown }).id;
        else params[k++] = v ?? null;
      }
    }
    const res = (await conn.execute(head + Array(part.length).fill(tuple).join(', '), params, 'run', ctx)) as { insertId?: number | bigint };
    if (ids && step !== null) {
      // SQLite reports the last row's id, MariaDB/MySQL the first's.
      const insertId = Number(res?.insertId);
      if (!Number.isFinite(insertId) || insertId <= 0) return null;
      const first = sqlite ? insertId - (part.length - 1) * step : insertId;
      for (let k = 0; k < part.length; k++) ids.push(first + k * step);
    }
  }
  return ids;
}
