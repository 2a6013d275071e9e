import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Distribution } from '../../shared/enums';
import { FeedFormat } from './feed.entity';


@InputType({ description: 'MISP feeds: which events to take, by tag name and creator organisation (uuid or name); case-insensitive. An empty allow list allows everything; a block match always wins.' })
export class FeedRulesInput {
  @Field(() => [String], { nullable: true, description: 'Take only events with at least one of these tags.' })
  @IsOptional()
  @ArrayMaxSize(200)
  tagsAllow?: string[];

  @Field(() => [String], { nullable: true, description: 'Never take events with any of these tags.' })
  @IsOptional()
  @ArrayMaxSize(200)
  tagsBlock?: string[];

  @Field(() => [String], { nullable: true, description: 'Take only events created by one of these organisations (uuid or name).' })
  @IsOptional()
  @ArrayMaxSize(200)
  orgsAllow?: string[];

  @Field(() => [String], { nullable: true, description: 'Never take events created by one of these organisations (uuid or name).' })
  @IsOptional()
  @ArrayMaxSize(200)
  orgsBlock?: string[];
}

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

@InputType({ description: 'A new feed (site admin). Its data belongs to the hub\'s host organisation.' })
export class CreateFeedInput {
  @Field(() => String, { description: 'Unique name.' })
  @Length(1, 255)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Who publishes the feed.' })
  @IsOptional()
  @Length(0, 255)
  provider?: string;

  @Field(() => String, { description: 'Source: an http(s) URL, a file:// URL or a local path.' })
  @Length(1, 2048)
  url!: string;

  @Field(() => FeedFormat, { description: 'Source format.' })
  format!: FeedFormat;

  @Field(() => Boolean, { nullable: true, description: 'Fetched by the schedules (default false).' })
  enabled?: boolean;

  @Field(() => Distribution, { nullable: true, description: 'Distribution of the created events (default ORGANISATION_ONLY; not INHERIT_EVENT).' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'Sharing group uuid; required exactly when distribution is SHARING_GROUP.' })
  sharingGroupId?: string;

  @Field(() => [Int], { nullable: true, description: 'CSV: 1-based value columns (default [1]).' })
  @IsOptional()
  @ArrayMaxSize(50)
  valueColumns?: number[];

  @Field(() => String, { nullable: true, description: 'CSV delimiter: one character, or "\\t" for tab (default ",").' })
  @IsOptional()
  @Length(0, 8)
  delimiter?: string;

  @Field(() => String, { nullable: true, description: 'Skip values matching this regular expression ("/pattern/flags" or a bare pattern).' })
  @IsOptional()
  @Length(0, 4096)
  excludeRegex?: string;

  @Field(() => Boolean, { nullable: true, description: 'Reuse one event for every fetch (default false: a new event per fetch).' })
  fixedEvent?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'With fixedEvent: soft-delete values gone from the source (default false).' })
  deltaMerge?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Publish the event after a fetch (default false).' })
  publish?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'true: everything the feed creates has the IDS flag off.' })
  overrideIds?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'MISP feeds: keep each event\'s own distribution instead of the feed\'s (default false).' })
  sourceDistribution?: boolean;

  @Field(() => FeedRulesInput, { nullable: true, description: 'MISP feeds: tag and organisation rules.' })
  rules?: FeedRulesInput;

  @Field(() => String, { nullable: true, description: 'Cron expression of the feed\'s own schedule (e.g. "0 */6 * * *"); absent = none.' })
  @IsOptional()
  @Length(0, 255)
  schedule?: string;

  @Field(() => [String], { nullable: true, description: 'Extra request headers, "Name: value" each (e.g. an API key of the source); the values are never shown again.' })
  @IsOptional()
  @ArrayMaxSize(20)
  headers?: string[];

  @Field(() => [String], { nullable: true, description: 'Tags applied to the events the feed creates.' })
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];
}

@InputType({ description: 'Changes to a feed (site admin); absent fields stay as they are.' })
export class UpdateFeedInput {
  @Field(() => ID, { description: 'Feed uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 255)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New provider.' })
  @IsOptional()
  @Length(0, 255)
  provider?: string;

  @Field(() => String, { nullable: true, description: 'New source (the stored ETag / Last-Modified are forgotten).' })
  @IsOptional()
  @Length(1, 2048)
  url?: string;

  @Field(() => FeedFormat, { nullable: true, description: 'New format.' })
  format?: FeedFormat;

  @Field(() => Boolean, { nullable: true, description: 'Enable or disable.' })
  enabled?: boolean;

  @Field(() => Distribution, { nullable: true, description: 'New distribution for events created from now on.' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'New sharing group (with distribution SHARING_GROUP).' })
  sharingGroupId?: string;

  @Field(() => [Int], { nullable: true, description: 'CSV: new 1-based value columns.' })
  @IsOptional()
  @ArrayMaxSize(50)
  valueColumns?: number[];

  @Field(() => String, { nullable: true, description: 'CSV: new delimiter.' })
  @IsOptional()
  @Length(0, 8)
  delimiter?: string;

  @Field(() => String, { nullable: true, description: 'New exclude regex ("" removes it).' })
  @IsOptional()
  @Length(0, 4096)
  excludeRegex?: string;

  @Field(() => Boolean, { nullable: true, description: 'Reuse one event for every fetch.' })
  fixedEvent?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Soft-delete values gone from the source.' })
  deltaMerge?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Publish after a fetch.' })
  publish?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'IDS flag off on everything the feed creates.' })
  overrideIds?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'MISP feeds: keep each event\'s own distribution.' })
  sourceDistribution?: boolean;

  @Field(() => FeedRulesInput, { nullable: true, description: 'MISP feeds: new tag and organisation rules (replace the old ones).' })
  rules?: FeedRulesInput;

  @Field(() => String, { nullable: true, description: 'New cron expression of the feed\'s own schedule ("" removes it).' })
  @IsOptional()
  @Length(0, 255)
  schedule?: string;

  @Field(() => [String], { nullable: true, description: 'New extra request headers, "Name: value" each (replace the old ones; [] removes them).' })
  @IsOptional()
  @ArrayMaxSize(20)
  headers?: string[];

  @Field(() => [String], { nullable: true, description: 'New tags (replace the old list).' })
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];
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
