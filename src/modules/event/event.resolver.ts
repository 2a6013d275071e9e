import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { GraphQLResolveInfo } from 'graphql';
import { Connection, Page, pageSize, selects } from '../../graphql/pagination';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { attributeColumnsFor } from '../attribute/attribute.views';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { TagTargetInput } from '../tag/tag.inputs';
import { AppliedTag } from '../tag/tag.types';
import { applied } from '../tag/tag.service';
import { Event } from './event.entity';
import { CreateEventInput, EventFilter, UpdateEventInput } from './event.inputs';
import * as events from './event.service';

@ObjectType({ description: 'A page of events.' })
export class EventConnection extends Connection(Event, 'Event') {}

@ArgsType()
export class EventsArgs {
  @Field(() => EventFilter, { nullable: true, description: 'Conditions (all must hold).' })
  filter?: EventFilter;

  @Field(() => Int, { nullable: true, description: 'Page size (default DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string;
}

@Resolver(() => Event)
export class EventResolver {
  @Authorized()
  @Query(() => Event, { nullable: true, description: 'One event by uuid; NOT_FOUND when absent or not visible to the caller.' })
  event(@Arg('id', () => ID, { description: 'Event uuid.' }) id: string, @Ctx() scope: Scope) {
    return events.getEvent(scope, id);
  }

  @Authorized()
  @Query(() => EventConnection, { description: 'Events the caller may see, newest first.' })
  events(@Args(() => EventsArgs) args: EventsArgs, @Ctx() scope: Scope, @Info() info: GraphQLResolveInfo): Promise<Page<Event>> {
    return events.listEvents(scope, args.filter, args.first, args.after, selects(info, 'totalCount'));
  }

  @Authorized('event:write')
  @Mutation(() => Event, { description: 'Creates an event for the caller\'s organisation.' })
  createEvent(@Arg('input', () => CreateEventInput, { description: 'The new event.' }) input: CreateEventInput, @Ctx() scope: Scope) {
    return events.createEvent(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => Event, { description: 'Changes an event (creator organisation or site admin); the event becomes unpublished.' })
  updateEvent(@Arg('input', () => UpdateEventInput, { description: 'The changes.' }) input: UpdateEventInput, @Ctx() scope: Scope) {
    return events.updateEvent(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => ID, { description: 'Deletes an event and its attributes; returns its uuid. The deletion travels to peers as a tombstone.' })
  deleteEvent(@Arg('id', () => ID, { description: 'Event uuid.' }) id: string, @Ctx() scope: Scope) {
    return events.deleteEvent(scope, id);
  }

  @Authorized('event:publish')
  @Mutation(() => Event, { description: 'Publishes an event (publishing role in the creator organisation).' })
  publishEvent(@Arg('id', () => ID, { description: 'Event uuid.' }) id: string, @Ctx() scope: Scope) {
    return events.setPublished(scope, id, true);
  }

  @Authorized('event:publish')
  @Mutation(() => Event, { description: 'Unpublishes an event.' })
  unpublishEvent(@Arg('id', () => ID, { description: 'Event uuid.' }) id: string, @Ctx() scope: Scope) {
    return events.setPublished(scope, id, false);
  }

  @Authorized('tag:write')
  @Mutation(() => Event, { description: 'Tags an event (the tag is created on first use).' })
  tagEvent(@Arg('input', () => TagTargetInput, { description: 'Event and tag.' }) input: TagTargetInput, @Ctx() scope: Scope) {
    return events.tagEvent(scope, input.id, input.tag, input.local ?? false);
  }

  @Authorized('tag:write')
  @Mutation(() => Event, { description: 'Removes a tag from an event.' })
  untagEvent(
    @Arg('id', () => ID, { description: 'Event uuid.' }) id: string,
    @Arg('tag', () => String, { description: 'Tag name.' }) tag: string,
    @Ctx() scope: Scope,
  ) {
    return events.untagEvent(scope, id, tag);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that holds this copy on this hub.' })
  async ownerOrg(@Parent() e: Event, @Ctx() scope: Scope) {
    return (await scope.loaders.organisation.load(e.ownerOrg.id))!;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that created the event (kept across hubs).' })
  async creatorOrg(@Parent() e: Event, @Ctx() scope: Scope) {
    return (await scope.loaders.organisation.load(e.creatorOrg.id))!;
  }

  @FieldResolver(() => SharingGroup, { nullable: true, description: 'The sharing group, when distribution is SHARING_GROUP and the caller may see the group.' })
  sharingGroup(@Parent() e: Event, @Ctx() scope: Scope) {
    return e.sharingGroup ? scope.loaders.sharingGroup.load(e.sharingGroup.id) : null;
  }

  @FieldResolver(() => [AppliedTag], { description: 'Tags of the event.' })
  async tags(@Parent() e: Event, @Ctx() scope: Scope): Promise<AppliedTag[]> {
    return (await scope.loaders.eventTags.load(e.id)).map(applied);
  }

  @FieldResolver(() => [Event], {
    description:
      'Other events the caller may see that share a correlating value with a visible attribute of this one (same rules and ' +
      'exclusions as Attribute.correlations), newest first; at most MAX_PAGE_SIZE.',
  })
  async relatedEvents(@Parent() e: Event, @Ctx() scope: Scope): Promise<Event[]> {
    // Capped (newest first) so that the query cost limit can count this list at a known size.
    const ids = (await scope.loaders.relatedEvents.load(e)).slice(0, scope.config.maxPageSize);
    const events = await scope.loaders.event.loadMany(ids);
    return events.filter((x): x is Event => !!x && !(x instanceof Error));
  }

  @FieldResolver(() => [Attribute], {
    description:
      'The attributes of the event the caller may see, oldest first: at most `first` (default and maximum MAX_PAGE_SIZE). ' +
      'For more, pass the id of the last attribute received as `after`; `attributeCount` tells how many there are.',
  })
  attributes(
    @Parent() e: Event,
    @Arg('includeDeleted', () => Boolean, { defaultValue: false, description: 'Include soft-deleted attributes (owner organisation and sync users only).' })
    includeDeleted: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many attributes (default and maximum MAX_PAGE_SIZE).' })
    first: number | null,
    @Arg('after', () => ID, { nullable: true, description: 'Continue after this attribute (the id of the last attribute of the previous page).' })
    after: string | null,
    @Ctx() scope: Scope,
    @Info() info: GraphQLResolveInfo,
  ) {
    const cap = scope.config.maxPageSize;
    return scope.loaders.attributesOf({ includeDeleted, columns: attributeColumnsFor(info), first: pageSize(first, cap, cap), after: after ?? null }).load(e);
  }

  @FieldResolver(() => Int, { description: 'How many attributes of the event the caller may see (all pages of `attributes`).' })
  attributeCount(
    @Parent() e: Event,
    @Arg('includeDeleted', () => Boolean, { defaultValue: false, description: 'Count soft-deleted attributes too (owner organisation and sync users only).' })
    includeDeleted: boolean,
    @Ctx() scope: Scope,
  ): Promise<number> {
    return scope.loaders.attributeCount(includeDeleted).load(e);
  }
}
