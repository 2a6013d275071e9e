import { createParameterDecorator } from 'type-graphql';

/**
 * A field resolver's parent object exactly as the resolver above it returned it (use instead of
 * type-graphql's `@Parent()`).
 *
 * `@Parent()` converts a parent that is not an instance of the parameter's class into a new instance,
 * for every field of every row: `new Attribute()` runs the entity's initialisers (a fresh uuid, two
 * dates: a column the read did not select would show a made-up value) and `Object.assign` then runs
 * MikroORM's relation setters. Lookups and loaders return plain rows (attribute views), so a page of
 * 500 attributes asking for `event` paid about 5 ms for copies nobody needed.
 */
export const Parent = () => createParameterDecorator(({ root }) => root);
