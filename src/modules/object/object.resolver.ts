import { wrap } from '@mikro-orm/core';
import { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { pageSize } from '../../graphql/pagination';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { attributeColumnsFor } from '../attribute/attribute.views';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { ObjectReference } from './object-reference.entity';
import { MispObject } from './object.entity';
import { AddObjectInput, AddObjectReferenceInput, UpdateObjectInput } from './object.inputs';
import * as objects from './object.service';

/** A relation already loaded with its root (e.g. by a write or the change feed); list reads give `{ id }` only. */
const loaded = <T extends object>(x: unknown, as: new (...args: never[]) => T): boolean => x instanceof as && wrap(x).isInitialized();

@Resolver(() => MispObject)
export class ObjectResolver {
  @Authorized()
  @Query(() => MispObject, { nullable: true, description: 'One MISP object by uuid; NOT_FOUND when absent or not visible to the caller.' })
  object(@Arg('id', () => ID, { description: 'Object uuid.' }) id: string, @Ctx() scope: Scope) {
    return objects.getObject(scope, id);
  }

  @Authorized('event:write')
  @Mutation(() => MispObject, { description: 'Adds a MISP object with its attributes and references to an event, all or nothing.' })
  addObject(@Arg('input', () => AddObjectInput, { description: 'The object.' }) input: AddObjectInput, @Ctx() scope: Scope) {
    return objects.addObject(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => MispObject, { description: 'Changes an object (not its attributes: see updateAttribute).' })
  updateObject(@Arg('input', () => UpdateObjectInput, { description: 'The changes.' }) input: UpdateObjectInput, @Ctx() scope: Scope) {
    return objects.updateObject(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => MispObject, { description: 'Soft-deletes an object: it, its attributes and its references become tombstones that travel to peers.' })
  deleteObject(@Arg('id', () => ID, { description: 'Object uuid.' }) id: string, @Ctx() scope: Scope) {
    return objects.deleteObject(scope, id);
  }

  @Authorized('event:write')
  @Mutation(() => ObjectReference, { description: 'Adds a reference from an object to an object or attribute of the same event.' })
  addObjectReference(@Arg('input', () => AddObjectReferenceInput, { description: 'The reference.' }) input: AddObjectReferenceInput, @Ctx() scope: Scope) {
    return objects.addObjectReference(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => ObjectReference, { description: 'Soft-deletes an object reference.' })
  deleteObjectReference(@Arg('id', () => ID, { description: 'Reference uuid.' }) id: string, @Ctx() scope: Scope) {
    return objects.deleteObjectReference(scope, id);
  }

  @FieldResolver(() => Event, { description: 'The event the object belongs to.' })
  async event(@Parent() o: MispObject, @Ctx() scope: Scope): Promise<Event> {
    // A visible object always has a visible event (the rules require it).
    if (loaded(o.event, Event)) return o.event;
    return (await scope.loaders.event.load(o.event.id))!;
  }

  @FieldResolver(() => SharingGroup, { nullable: true, description: 'The sharing group, when distribution is SHARING_GROUP and the caller may see the group.' })
  sharingGroup(@Parent() o: MispObject, @Ctx() scope: Scope) {
    return o.sharingGroup ? scope.loaders.sharingGroup.load(o.sharingGroup.id) : null;
  }

  @FieldResolver(() => [Attribute], {
    description: 'The attributes of the object the caller may see, oldest first: at most `first` (default and maximum MAX_PAGE_SIZE).',
  })
  attributes(
    @Parent() o: MispObject,
    @Arg('includeDeleted', () => Boolean, { defaultValue: false, description: 'Include soft-deleted attributes (owner organisation and sync users only).' })
    includeDeleted: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many attributes (default and maximum MAX_PAGE_SIZE).' })
    first: number | null,
    @Ctx() scope: Scope,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Attribute[]> {
    const cap = scope.config.maxPageSize;
    return scope.loaders.objectAttributes({ includeDeleted, first: pageSize(first, cap, cap), columns: attributeColumnsFor(info) }).load(o.id);
  }

  @FieldResolver(() => [ObjectReference], {
    description:
      'Live references of the object, oldest first (of the first `first`, default and maximum MAX_PAGE_SIZE). A reference whose ' +
      'target is on this hub but not visible to the caller (or deleted) is left out; a target that is not on this hub is named by its uuid.',
  })
  references(
    @Parent() o: MispObject,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many references (default and maximum MAX_PAGE_SIZE).' })
    first: number | null,
    @Ctx() scope: Scope,
  ): Promise<ObjectReference[]> {
    const cap = scope.config.maxPageSize;
    return scope.loaders.objectReferences(pageSize(first, cap, cap)).load(o.id);
  }
}

@Resolver(() => ObjectReference)
export class ObjectReferenceResolver {
  @FieldResolver(() => MispObject, { description: 'The source object.' })
  async object(@Parent() r: ObjectReference, @Ctx() scope: Scope): Promise<MispObject> {
    if (loaded(r.object, MispObject)) return r.object;
    return (await scope.loaders.object.load(r.object.id))!;
  }
}

/** Event.objects and Event.objectCount (fields of Event that live with objects). */
@Resolver(() => Event)
export class EventObjectsResolver {
  @FieldResolver(() => [MispObject], {
    description:
      'The MISP objects of the event the caller may see, oldest first: at most `first` (default and maximum MAX_PAGE_SIZE). ' +
      'For more, pass the id of the last object received as `after`; `objectCount` tells how many there are.',
  })
  objects(
    @Parent() e: Event,
    @Arg('includeDeleted', () => Boolean, { defaultValue: false, description: 'Include soft-deleted objects (owner organisation and sync users only).' })
    includeDeleted: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many objects (default and maximum MAX_PAGE_SIZE).' })
    first: number | null,
    @Arg('after', () => ID, { nullable: true, description: 'Continue after this object (the id of the last object of the previous page).' })
    after: string | null,
    @Ctx() scope: Scope,
  ): Promise<MispObject[]> {
    const cap = scope.config.maxPageSize;
    return scope.loaders.objectsOf({ includeDeleted, first: pageSize(first, cap, cap), after: after ?? null }).load(e);
  }

  @FieldResolver(() => Int, { description: 'How many objects of the event the caller may see (all pages of `objects`).' })
  objectCount(
    @Parent() e: Event,
    @Arg('includeDeleted', () => Boolean, { defaultValue: false, description: 'Count soft-deleted objects too (owner organisation and sync users only).' })
    includeDeleted: boolean,
    @Ctx() scope: Scope,
  ): Promise<number> {
    return scope.loaders.objectCount(includeDeleted).load(e);
  }
}

/** Attribute.object. */
@Resolver(() => Attribute)
export class AttributeObjectResolver {
  @FieldResolver(() => MispObject, { nullable: true, description: 'The MISP object the attribute belongs to (null: a plain attribute of the event).' })
  async object(@Parent() a: Attribute, @Ctx() scope: Scope): Promise<MispObject | null> {
    if (!a.object) return null;
    // A visible attribute's object is visible (an invisible object hides its attributes).
    if (loaded(a.object, MispObject)) return a.object;
    return scope.loaders.object.load(a.object.id);
  }
}
