import { EntityManager, ReferenceKind, wrap } from '@mikro-orm/core';
import { Event } from './event.entity';

/**
 * Events as a read of many rows hands them on (a lookup's page with its events): the row's columns as the
 * entity's properties, typed by the ORM's compiled result mapper, and each relation as an `{ id }`
 * reference — what the event field resolvers and loaders read. Not a managed entity: MikroORM gives each
 * entity it registers its own property accessors (EntityHelper.ensurePropagation), about 40 µs an event,
 * 8 ms for the 200 events of a 500-row page. Read-only by nature: nothing here is flushed.
 */
export function eventViews(em: EntityManager): (row: Record<string, unknown>) => Event {
  const mapper = em.getComparator().getResultMapper(Event.name) as unknown as (row: object) => Record<string, unknown>;
  const relations = em
    .getMetadata()
    .get(Event.name)
    .props.filter((p) => p.kind === ReferenceKind.MANY_TO_ONE)
    .map((p) => p.name);
  return (row) => {
    const e = mapper(row);
    for (const r of relations) e[r] = e[r] == null ? null : { id: e[r] };
    return e as unknown as Event;
  };
}

/** `e` is an event read whole (a loaded entity or an event view), not a bare `{ id }` reference. */
export const isEventRead = (e: unknown): e is Event =>
  e instanceof Event ? wrap(e).isInitialized() : typeof (e as Partial<Event> | null)?.uuid === 'string';
