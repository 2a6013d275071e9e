import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Subscription } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { AppError, isAppError } from '../../shared/errors';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { Feed } from './feed.entity';
import { feedRules } from './feed-misp';
import { abortableStream } from '../../shared/abortable-stream';
import { FeedFetchProgress } from './feed-progress';
import { CreateFeedInput, UpdateFeedInput } from './feed.inputs';
import { FeedFetchResult, FeedFetchSummary, FeedPreview, FeedRules } from './feed.types';
import * as feeds from './feed.service';
import * as runs from './feed-run';
import * as previews from './feed-preview';
import { feedHeaders, feedTags, feedValueColumns } from './feed-settings';

/**
 * Progress of one feed: checks the feed exists, then streams until unsubscribed. A refusal (NOT_FOUND) is
 * yielded and thrown by the field resolver, so that it reaches the client with its code (an error thrown by
 * the stream itself would arrive without a path and be masked), and ends the subscription.
 */
async function* progressOf(scope: Scope, id: string, signal: AbortSignal): AsyncGenerator<FeedFetchProgress | AppError> {
  let feed;
  try {
    feed = await feeds.getFeed(scope, id);
  } catch (e) {
    if (isAppError(e)) {
      yield e;
      return;
    }
    throw e;
  }
  yield* scope.feeds.progress.stream(feed.uuid, signal);
}

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
  @Query(() => FeedPreview, { description: 'Reads the first values of a feed\'s source, typed as a fetch would store them, without storing anything (site admin).' })
  previewFeed(
    @Arg('id', () => ID, { description: 'Feed uuid.' }) id: string,
    @Arg('limit', () => Int, { nullable: true, description: `At most this many values (default 20, max ${previews.MAX_PREVIEW}).` }) limit: number | null,
    @Ctx() scope: Scope,
  ) {
    return previews.previewFeed(scope, id, limit ?? 20);
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
  @Mutation(() => Feed, { description: 'Enables a feed: the schedules fetch it (site admin).' })
  enableFeed(@Arg('id', () => ID, { description: 'Feed uuid.' }) id: string, @Ctx() scope: Scope) {
    return feeds.setFeedEnabled(scope, id, true);
  }

  @Authorized('site:admin')
  @Mutation(() => Feed, { description: 'Disables a feed: the schedules no longer fetch it; its data stays (site admin).' })
  disableFeed(@Arg('id', () => ID, { description: 'Feed uuid.' }) id: string, @Ctx() scope: Scope) {
    return feeds.setFeedEnabled(scope, id, false);
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
  @Mutation(() => FeedFetchResult, { description: 'Fetches a feed now (site admin). A failing source is reported in `error` and recorded on the feed; earlier data stays. A fetch of a feed already being fetched is refused (`refused`).' })
  fetchFeed(@Arg('id', () => ID, { description: 'Feed uuid.' }) id: string, @Ctx() scope: Scope) {
    return runs.fetchFeed(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => [FeedFetchSummary], { description: 'Fetches every enabled feed now, one after the other (site admin).' })
  fetchAllFeeds(@Ctx() scope: Scope) {
    return runs.fetchAllFeeds(scope);
  }

  @Authorized('site:admin')
  @Subscription(() => FeedFetchProgress, {
    description: 'Progress reports of the fetches of one feed (site admin): phase, values read, stored and invalid, the end. Reports come from the replica running the fetch.',
    subscribe: ({ args, context }) => abortableStream((signal) => progressOf(context as Scope, args.feedId as string, signal)),
  })
  feedFetchProgress(
    @Parent() payload: FeedFetchProgress | AppError,
    @Arg('feedId', () => ID, { description: 'Feed uuid.' }) _feedId: string,
  ): FeedFetchProgress {
    if (payload instanceof AppError) throw payload;
    return payload;
  }

  @FieldResolver(() => [Int], { description: 'CSV: 1-based value columns (empty: column 1).' })
  valueColumns(@Parent() f: Feed): number[] {
    return feedValueColumns(f);
  }

  @FieldResolver(() => [String], { description: 'Tags applied to the events the feed creates.' })
  tags(@Parent() f: Feed): string[] {
    return feedTags(f);
  }

  @FieldResolver(() => [String], { description: 'Names of the extra request headers (their values are not shown: they may hold credentials).' })
  headerNames(@Parent() f: Feed): string[] {
    return Object.keys(feedHeaders(f));
  }

  @FieldResolver(() => FeedRules, { description: 'MISP feeds: tag and creator-organisation rules.' })
  rules(@Parent() f: Feed): FeedRules {
    return feedRules(f);
  }

  @FieldResolver(() => SharingGroup, { nullable: true, description: 'Sharing group of the created events (distribution SHARING_GROUP).' })
  sharingGroup(@Parent() f: Feed, @Ctx() scope: Scope) {
    return f.sharingGroup ? scope.loaders.sharingGroup.load(f.sharingGroup.id) : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The fixed event (fixedEvent feeds, after the first fetch).' })
  async event(@Parent() f: Feed, @Ctx() scope: Scope) {
    return f.event ? scope.em.findOne(Event, { id: f.event.id }) : null;
  }

  @FieldResolver(() => Organisation, { description: 'Owner of the data the feed creates (the host organisation).' })
  async organisation(@Parent() f: Feed, @Ctx() scope: Scope) {
    return (await scope.loaders.organisation.load(f.org.id))!;
  }
}
