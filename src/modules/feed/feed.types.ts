import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'MISP feeds: tag and creator-organisation rules (empty allow list = everything; block wins).' })
export class FeedRules {
  @Field(() => [String], { description: 'Take only events with at least one of these tags.' })
  tagsAllow: string[] = [];

  @Field(() => [String], { description: 'Never take events with any of these tags.' })
  tagsBlock: string[] = [];

  @Field(() => [String], { description: 'Take only events created by one of these organisations (uuid or name).' })
  orgsAllow: string[] = [];

  @Field(() => [String], { description: 'Never take events created by one of these organisations (uuid or name).' })
  orgsBlock: string[] = [];
}

@ObjectType({ description: 'The outcome of one feed fetch.' })
export class FeedFetchResult {
  @Field(() => Int, { description: 'Values added.' })
  new: number = 0;

  @Field(() => Int, { description: 'Values changed (always 0 for CSV and freetext feeds: a value either exists or not).' })
  updated: number = 0;

  @Field(() => Int, { description: 'Values soft-deleted because they are gone from the source (deltaMerge).' })
  deleted: number = 0;

  @Field(() => Int, { description: 'Values skipped: already present, repeated in the source, or an unchanged source (HTTP 304).' })
  skipped: number = 0;

  @Field(() => Int, { description: 'Values that are not valid indicators (counted, not stored).' })
  invalid: number = 0;

  @Field(() => Boolean, { description: 'The source was unchanged since the last fetch (conditional GET answered 304): nothing was downloaded or written.' })
  notModified: boolean = false;

  @Field(() => ID, { nullable: true, description: 'Uuid of the event the values went to (none when nothing was stored).' })
  eventId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why the fetch failed; earlier data is left intact.' })
  error: string | null = null;

  @Field(() => Int, { description: 'MISP feeds: events created.' })
  eventsCreated: number = 0;

  @Field(() => Int, { description: 'MISP feeds: events updated (newer in the source).' })
  eventsUpdated: number = 0;

  @Field(() => Int, { description: 'MISP feeds: events not downloaded (unchanged since stored, or left out by the rules).' })
  eventsSkipped: number = 0;

  @Field(() => Int, { description: 'MISP feeds: events that could not be stored (see problems); the others were stored.' })
  eventsFailed: number = 0;

  @Field(() => Boolean, { description: 'The fetch was refused because a fetch of this feed is already running (here or on another replica); nothing was done.' })
  refused: boolean = false;

  @Field(() => [String], { description: 'What was left out and why (bad events, invalid attributes), at most 100 lines.' })
  problems: string[] = [];

  @Field(() => Int, { description: 'Duration in milliseconds.' })
  durationMs: number = 0;
}

@ObjectType({ description: 'The outcome of fetching one feed of fetchAllFeeds.' })
export class FeedFetchSummary {
  @Field(() => ID, { description: 'Feed uuid.' })
  feedId!: string;

  @Field(() => String, { description: 'Feed name.' })
  name!: string;

  @Field(() => FeedFetchResult, { description: 'What the fetch did.' })
  result!: FeedFetchResult;
}

@ObjectType({ description: 'One value a feed would store (previewFeed).' })
export class FeedPreviewValue {
  @Field(() => String, { description: 'Attribute type (e.g. ip-dst, url, md5).' })
  type!: string;

  @Field(() => String, { description: 'Value in its normal form.' })
  value!: string;

  @Field(() => ID, { nullable: true, description: 'MISP feeds: uuid of the event the value is in.' })
  eventId: string | null = null;
}

@ObjectType({ description: 'The first values a feed would store, read without storing anything.' })
export class FeedPreview {
  @Field(() => [FeedPreviewValue], { description: 'The first valid values, typed and normalised.' })
  values: FeedPreviewValue[] = [];

  @Field(() => Int, { description: 'Invalid values met before the preview was full.' })
  invalid: number = 0;

  @Field(() => String, { nullable: true, description: 'Why the source could not be read.' })
  error: string | null = null;
}
