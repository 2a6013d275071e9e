import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
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
