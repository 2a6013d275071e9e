import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { isEventBrief, isEventRead } from '../event/event-view';
import { GraphQLResolveInfo } from 'graphql';
import { Connection, Page, selects } from '../../graphql/pagination';
import { attributeColumnsFor, connectionNodeColumns, eventReadAt } from './attribute.views';
import { Scope } from '../../graphql/scope';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { TagTargetInput } from '../tag/tag.inputs';
import { AppliedTag } from '../tag/tag.types';
import { applied } from '../tag/tag.service';
import { Attribute } from './attribute.entity';
import { AddAttributeInput, AttributeFilter, AttributeInput, UpdateAttributeInput } from './attribute.inputs';
import * as attributes from './attribute.service';

@ObjectType({ description: 'A page of attributes.' })
export class AttributeConnection extends Connection(Attribute, 'Attribute') {}

@ArgsType()
export class AttributesArgs {
  @Field(() => AttributeFilter, { nullable: true, description: 'Conditions (all must hold).' })
  filter?: AttributeFilter;

  @Field(() => Int, { nullable: true, description: 'Page size (default DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string;
}

@Resolver(() => Attribute)
export class AttributeResolver {
  @Authorized()
  @Query(() => Attribute, { nullable: true, description: 'One attribute by uuid; NOT_FOUND when absent or not visible to the caller.' })
  attribute(@Arg('id', () => ID, { description: 'Attribute uuid.' }) id: string, @Ctx() scope: Scope, @Info() info: GraphQLResolveInfo) {
    return attributes.findVisibleAttribute(scope, id, eventReadAt(info, ['event']) === 'all' ? 'all' : 'brief', attributeColumnsFor(info));
  }

  @Authorized()
  @Query(() => AttributeConnection, { description: 'Attributes the caller may see, newest first.' })
  attributes(@Args(() => AttributesArgs) args: AttributesArgs, @Ctx() scope: Scope, @Info() info: GraphQLResolveInfo): Promise<Page<Attribute>> {
    return attributes.listAttributes(scope, args.filter, args.first, args.after, selects(info, 'totalCount'), connectionNodeColumns(info), eventReadAt(info, ['edges', 'node', 'event']));
  }

  @Authorized('event:write')
  @Mutation(() => Attribute, { description: 'Adds one attribute to an event.' })
  addAttribute(@Arg('input', () => AddAttributeInput, { description: 'The attribute.' }) input: AddAttributeInput, @Ctx() scope: Scope) {
    return attributes.addAttribute(scope, input.eventId, input);
  }

  @Authorized('event:write')
  @Mutation(() => [Attribute], { description: 'Adds many attributes to an event, all or nothing (at most MAX_BULK_ATTRIBUTES).' })
  addAttributes(
    @Arg('eventId', () => ID, { description: 'Event uuid.' }) eventId: string,
    @Arg('attributes', () => [AttributeInput], { description: 'The attributes.' }) list: AttributeInput[],
    @Ctx() scope: Scope,
  ) {
    return attributes.addAttributes(scope, eventId, list);
  }

  @Authorized('event:write')
  @Mutation(() => Attribute, { description: 'Changes an attribute.' })
  updateAttribute(@Arg('input', () => UpdateAttributeInput, { description: 'The changes.' }) input: UpdateAttributeInput, @Ctx() scope: Scope) {
    return attributes.updateAttribute(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => Attribute, { description: 'Soft-deletes an attribute (it becomes a tombstone that travels to peers).' })
  deleteAttribute(@Arg('id', () => ID, { description: 'Attribute uuid.' }) id: string, @Ctx() scope: Scope) {
    return attributes.deleteAttribute(scope, id);
  }

  @Authorized('tag:write')
  @Mutation(() => Attribute, { description: 'Tags an attribute (the tag is created on first use).' })
  tagAttribute(@Arg('input', () => TagTargetInput, { description: 'Attribute and tag.' }) input: TagTargetInput, @Ctx() scope: Scope) {
    return attributes.tagAttribute(scope, input.id, input.tag, input.local ?? false);
  }

  @Authorized('tag:write')
  @Mutation(() => Attribute, { description: 'Removes a tag from an attribute.' })
  untagAttribute(
    @Arg('id', () => ID, { description: 'Attribute uuid.' }) id: string,
    @Arg('tag', () => String, { description: 'Tag name.' }) tag: string,
    @Ctx() scope: Scope,
  ) {
    return attributes.untagAttribute(scope, id, tag);
  }

  @FieldResolver(() => Event, { description: 'The event the attribute belongs to.' })
  event(@Parent() a: Attribute, @Ctx() scope: Scope, @Info() info: GraphQLResolveInfo): Event | Promise<Event> {
    // Visible attributes always have a visible event (the rules require it); an event already loaded
    // with the attribute (a lookup's page, the change feed for subscriptions) is used without another
    // query, and returned as is: not a promise per row for graphql-js to wait on. A brief one (event-view)
    // answers a selection of its id only; anything more loads the event.
    if (isEventRead(a.event)) return a.event;
    if (isEventBrief(a.event) && eventReadAt(info, []) === 'brief') return a.event as Event;
    return scope.loaders.event.load((a.event as { id: number }).id).then((e) => e!);
  }

  @FieldResolver(() => SharingGroup, { nullable: true, description: 'The sharing group, when distribution is SHARING_GROUP and the caller may see the group.' })
  sharingGroup(@Parent() a: Attribute, @Ctx() scope: Scope) {
    return a.sharingGroup ? scope.loaders.sharingGroup.load(a.sharingGroup.id) : null;
  }

  @FieldResolver(() => [Attribute], {
    description:
      'Other attributes the caller may see, in other events the caller may see, with the same normalised value (composite ' +
      'values by part, e.g. the IP of ip-dst|port; URLs also without scheme), newest first. Empty for non-correlating types ' +
      'and when correlation is disabled on either attribute or event; excluded values (CORRELATION_EXCLUSIONS) and ' +
      'over-correlating parts (see correlationCapped) are left out. At most CORRELATION_MAX.',
  })
  async correlations(@Parent() a: Attribute, @Ctx() scope: Scope, @Info() info: GraphQLResolveInfo): Promise<Attribute[]> {
    // Each part lists at most CORRELATION_MAX (more is over-correlating); a two-part value could list
    // twice that. Capped so that the query cost limit can count this list at a known size.
    const events = eventReadAt(info, ['event']) === 'all' ? 'all' : 'brief';
    // The correlated attributes' columns that this selection of them needs (projection, as pages read).
    return (await scope.loaders.correlations.load({ attribute: a, events, columns: attributeColumnsFor(info) })).attributes.slice(0, scope.config.correlationMax);
  }

  @FieldResolver(() => Boolean, {
    description:
      'A part of the value is over-correlating: more than CORRELATION_MAX attributes the caller may see share it, so its ' +
      'correlations are not listed (MISP\'s over-correlation limit).',
  })
  async correlationCapped(@Parent() a: Attribute, @Ctx() scope: Scope): Promise<boolean> {
    return (await scope.loaders.correlations.load({ attribute: a, events: 'brief', columns: [] })).capped;
  }

  @FieldResolver(() => [AppliedTag], { description: 'Tags of the attribute (not those of its event).' })
  async tags(@Parent() a: Attribute, @Ctx() scope: Scope): Promise<AppliedTag[]> {
    return (await scope.loaders.attributeTags.load(a.id)).map(applied);
  }
}
