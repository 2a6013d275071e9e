import { ArrayMaxSize, IsOptional, Length, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { TagFilter, TimeRange } from '../search/search.inputs';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';

@InputType({ description: 'A new event, created for the caller\'s organisation.' })
export class CreateEventInput {
  @Field(() => String, { description: 'Short description.' })
  @Length(1, 65535)
  info!: string;

  @Field(() => Distribution, { description: 'Distribution level (not INHERIT_EVENT).' })
  distribution!: Distribution;

  @Field(() => ID, { nullable: true, description: 'Sharing group uuid; required exactly when distribution is SHARING_GROUP.' })
  sharingGroupId?: string;

  @Field(() => ThreatLevel, { nullable: true, description: 'Threat level (default UNDEFINED).' })
  threatLevel?: ThreatLevel;

  @Field(() => Analysis, { nullable: true, description: 'Analysis state (default INITIAL).' })
  analysis?: Analysis;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the event (default today, UTC).' })
  date?: string;

  @Field(() => [String], { nullable: true, description: 'Tag names (created on first use).' })
  @IsOptional()
  @ArrayMaxSize(100)
  tags?: string[];

  @Field(() => ID, { nullable: true, description: 'Uuid to use; random when absent.' })
  @IsOptional()
  @IsUUID()
  uuid?: string;

  @Field(() => Boolean, { nullable: true, description: 'Exclude from correlation (default false).' })
  disableCorrelation?: boolean;

  @Field(() => ID, { nullable: true, description: 'Uuid of an event this one extends.' })
  @IsOptional()
  @IsUUID()
  extendsUuid?: string;
}

@InputType({ description: 'Changes to an event; absent fields stay as they are. Any change unpublishes the event.' })
export class UpdateEventInput {
  @Field(() => ID, { description: 'Event uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @Length(1, 65535)
  info?: string;

  @Field(() => Distribution, { nullable: true, description: 'New distribution.' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'New sharing group (with distribution SHARING_GROUP).' })
  sharingGroupId?: string;

  @Field(() => ThreatLevel, { nullable: true, description: 'New threat level.' })
  threatLevel?: ThreatLevel;

  @Field(() => Analysis, { nullable: true, description: 'New analysis state.' })
  analysis?: Analysis;

  @Field(() => DateScalar, { nullable: true, description: 'New date.' })
  date?: string;

  @Field(() => Boolean, { nullable: true, description: 'Exclude from correlation.' })
  disableCorrelation?: boolean;
}

@InputType({ description: 'Which events to list. Every condition must hold (AND); lists match any of their values.' })
export class EventFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these event uuids.' })
  ids?: string[];

  @Field(() => String, { nullable: true, description: 'Info contains this text; `%` is a wildcard.' })
  info?: string;

  @Field(() => [ID], { nullable: true, description: 'Creator organisation uuids.' })
  creatorOrgId?: string[];

  @Field(() => [ID], { nullable: true, description: 'Owner organisation uuids.' })
  ownerOrgId?: string[];

  @Field(() => [Distribution], { nullable: true, description: 'Distribution levels.' })
  distribution?: Distribution[];

  @Field(() => Boolean, { nullable: true, description: 'Published or not.' })
  published?: boolean;

  @Field(() => [String], { nullable: true, description: 'Carries any of these tags (case-insensitive); a name starting with `!` excludes that tag (MISP style).' })
  tags?: string[];

  @Field(() => TagFilter, { nullable: true, description: 'Event tags with AND / OR / NOT.' })
  tagFilter?: TagFilter;

  @Field(() => String, { nullable: true, description: 'Contains a visible attribute with this value (exact, or a `%` pattern as in AttributeFilter.value).' })
  value?: string;

  @Field(() => [String], { nullable: true, description: 'Contains a visible attribute with any of these exact values (at most 10,000; one indexed lookup).' })
  values?: string[];

  @Field(() => [String], { nullable: true, description: 'Contains a visible IP attribute inside any of these CIDR blocks.' })
  cidr?: string[];

  @Field(() => [String], { nullable: true, description: 'With value/values/cidr: the matching attribute has one of these types (alone: contains an attribute of these types).' })
  attributeType?: string[];

  @Field(() => TimeRange, { nullable: true, description: 'Last change within this range (absolute or relative, e.g. `{ from: "12h" }`).' })
  timestamp?: TimeRange;

  @Field(() => TimeRange, { nullable: true, description: 'Last published within this range.' })
  publishTimestamp?: TimeRange;

  @Field(() => TimeRange, { nullable: true, description: 'Contains a visible attribute changed within this range.' })
  attributeTimestamp?: TimeRange;

  @Field(() => String, {
    nullable: true,
    description: 'Text found in the info, an event tag name, or the value or comment of a visible attribute (contains; `%` wildcards).',
  })
  quickFilter?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Event date on or after.' })
  dateFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Event date on or before.' })
  dateTo?: string;

  @Field(() => Date, { nullable: true, description: 'Last change at or after.' })
  timestampFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Last change at or before.' })
  timestampTo?: Date;
}
