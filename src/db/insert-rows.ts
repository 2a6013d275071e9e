import { EntityManager, EntityName } from '@mikro-orm/core';

/** Rows per INSERT statement for bulk writes (attributes, change rows). */
export const INSERT_CHUNK = 1000;

/**
 * Plain multi-row INSERTs of `rows` (objects keyed by the entity's property names: `props`, by default
 * the keys of the first row; a missing value is written as null) into the entity's table, in the caller's transaction: no entities, no unit-of-work bookkeeping,
 * no id read-back. Values are written as the ORM writes them: dates through the platform (epoch
 * milliseconds on SQLite, UTC datetime on MySQL-family servers), booleans as 1/0, a relation as its id.
 */
export async function insertRows<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<object>, props: readonly string[] = Object.keys(rows[0] ?? {})): Promise<void> {
  if (!rows.length) return;
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
    const params: unknown[] = [];
    for (const row of part) {
      for (const p of props) {
        const v = (row as Record<string, unknown>)[p];
        if (v instanceof Date) params.push(platform.processDateProperty(v));
        else if (typeof v === 'boolean') params.push(v ? 1 : 0);
        else if (v !== null && typeof v === 'object' && 'id' in v) params.push((v as { id: unknown }).id);
        else params.push(v ?? null);
      }
    }
    await conn.execute(head + Array(part.length).fill(tuple).join(', '), params, 'run', ctx);
  }
}
