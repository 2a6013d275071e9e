import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { Feed } from './feed.entity';
import { CreateFeedInput, FeedFetchResult, UpdateFeedInput } from './feed.inputs';
import * as feeds from './feed.service';

@Resolver(() => Feed)
export class FeedResolver {
  @Authorized('site:admin')
  @Query(() => [Feed], { description: 'Feeds, by name (site admin).' })
  feeds(@Ctx() scope: Scope) {
    return feeds.listFeeds(scope);
  }

  @Authorized('site:admin')
  @Query(() => Feed, { description: 'One feed by uuid (site admin); NOT_FOUND when absent.' })
  feed(@Arg('id', () => ID, { description: 'Feed uuid.' }) id: string, @Ctx() scope: Scope) {
    return feeds.getFeed(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => Feed, { description: 'Creates a feed (site admin); its data will belong to the caller\'s (host) organisation.' })
  createFeed(@Arg('input', () => CreateFeedInput, { description: 'The feed.' }) input: CreateFeedInput, @Ctx() scope: Scope) {
    return feeds.createFeed(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => Feed, { description: 'Changes a feed (site admin).' })
  updateFeed(@Arg('input', () => UpdateFeedInput, { description: 'The changes.' }) input: UpdateFeedInput, @Ctx() scope: Scope) {
    return feeds.updateFeed(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => ID, { description: 'Removes a feed (site admin); returns its uuid. The events it created stay.' })
  deleteFeed(@Arg('id', () => ID, { description: 'Feed uuid.' }) id: string, @Ctx() scope: Scope) {
    return feeds.deleteFeed(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => Int, { description: 'Adds the default list of well-known public feeds, all disabled, skipping URLs already present; returns how many were added.' })
  loadDefaultFeeds(@Ctx() scope: Scope) {
    return feeds.loadDefaultFeeds(scope);
  }

  @Authorized('site:admin')
  @Mutation(() => FeedFetchResult, { description: 'Fetches a feed now (CSV and FREETEXT formats). A failing source is reported in `error` and recorded on the feed; earlier data stays.' })
  fetchFeed(@Arg('id', () => ID, { description: 'Feed uuid.' }) id: string, @Ctx() scope: Scope) {
    return feeds.fetchFeed(scope, id);
  }

  @FieldResolver(() => [Int], { description: 'CSV: 1-based value columns (empty: column 1).' })
  valueColumns(@Root() f: Feed): number[] {
    return feeds.feedValueColumns(f);
  }

  @FieldResolver(() => [String], { description: 'Tags applied to the events the feed creates.' })
  tags(@Root() f: Feed): string[] {
    return feeds.feedTags(f);
  }

  @FieldResolver(() => SharingGroup, { nullable: true, description: 'Sharing group of the created events (distribution SHARING_GROUP).' })
  sharingGroup(@Root() f: Feed, @Ctx() scope: Scope) {
    return f.sharingGroup ? scope.loaders.sharingGroup.load(f.sharingGroup.id) : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The fixed event (fixedEvent feeds, after the first fetch).' })
  async event(@Root() f: Feed, @Ctx() scope: Scope) {
    return f.event ? scope.em.findOne(Event, { id: f.event.id }) : null;
  }

  @FieldResolver(() => Organisation, { description: 'Owner of the data the feed creates (the host organisation).' })
  async organisation(@Root() f: Feed, @Ctx() scope: Scope) {
    return (await scope.loaders.organisation.load(f.org.id))!;
  }
}
