import { EntityManager, EntityName } from '@mikro-orm/core';

/**
 * Table, column and index names for hand-written SQL, read from the entities' metadata (never copied
 * into query text, so a renamed column or index cannot leave a query behind). Names are returned
 * unquoted, as MikroORM's own SQL writes them; they come from our entity declarations, never from input.
 */

/** The table of an entity. */
export const tableOf = <T extends object>(em: EntityManager, entity: EntityName<T>): string => em.getMetadata().get(entity).tableName;

/** The column of an entity property (a relation: its foreign-key column). */
export function columnOf<T extends object>(em: EntityManager, entity: EntityName<T>, property: keyof T & string): string {
  const meta = em.getMetadata().get(entity);
  const column = (meta.properties as Record<string, { fieldNames?: string[] }>)[property]?.fieldNames?.[0];
  if (!column) throw new Error(`${meta.className}.${property} has no column`);
  return column;
}

/** The name of the index declared on exactly these properties of an entity (`@Index({ name, properties })`). */
export function indexOf<T extends object>(em: EntityManager, entity: EntityName<T>, ...properties: Array<keyof T & string>): string {
  const meta = em.getMetadata().get(entity);
  const index = meta.indexes.find((i) => {
    const props = ([] as string[]).concat((i.properties ?? []) as string | string[]);
    return i.name && props.length === properties.length && props.every((p, n) => p === properties[n]);
  });
  if (!index?.name) throw new Error(`${meta.className} declares no named index on ${properties.join(', ')}`);
  return index.name;
}
