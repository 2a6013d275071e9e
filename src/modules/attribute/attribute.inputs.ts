import { ArrayMaxSize, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { TagFilter, TimeRange } from '../search/search.inputs';
import { Distribution } from '../../shared/enums';

@InputType({ description: 'An attribute to add to an event (used by addAttributes).' })
export class AttributeInput {
  @Field(() => String, { description: 'MISP attribute type, e.g. ip-dst, domain, sha256.' })
  type!: string;

  @Field(() => String, { description: 'The value; validated and normalised for its type.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Category; the type\'s default category when absent.' })
  category?: string;

  @Field(() => Boolean, { nullable: true, description: 'IDS flag; the type\'s default when absent.' })
  toIds?: boolean;

  @Field(() => Distribution, { nullable: true, description: 'Distribution (default INHERIT_EVENT).' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'Sharing group uuid; required exactly when distribution is SHARING_GROUP.' })
  sharingGroupId?: string;

  @Field(() => String, { nullable: true, description: 'Analyst comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

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

  @Field(() => Date, { nullable: true, description: 'First seen in the wild.' })
  firstSeen?: Date;

  @Field(() => Date, { nullable: true, description: 'Last seen in the wild.' })
  lastSeen?: Date;
}

@InputType({ description: 'One attribute to add to an event.' })
export class AddAttributeInput extends AttributeInput {
  @Field(() => ID, { description: 'Event uuid.' })
  eventId!: string;
}

@InputType({ description: 'Changes to an attribute; absent fields stay as they are. The event becomes unpublished.' })
export class UpdateAttributeInput {
  @Field(() => ID, { description: 'Attribute uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New value (validated for the attribute\'s type).' })
  value?: string;

  @Field(() => String, { nullable: true, description: 'New category (allowed for the type).' })
  category?: string;

  @Field(() => Boolean, { nullable: true, description: 'New IDS flag.' })
  toIds?: boolean;

  @Field(() => Distribution, { nullable: true, description: 'New distribution.' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'New sharing group (with distribution SHARING_GROUP).' })
  sharingGroupId?: string;

  @Field(() => String, { nullable: true, description: 'New comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

  @Field(() => Boolean, { nullable: true, description: 'Exclude from correlation.' })
  disableCorrelation?: boolean;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  firstSeen?: Date;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  lastSeen?: Date;
}

@InputType({ description: 'Which attributes to list. Every condition must hold (AND); lists match any of their values.' })
export class AttributeFilter {
  @Field(() => ID, { nullable: true, description: 'Only attributes of this event (uuid).' })
  eventId?: string;

  @Field(() => [String], { nullable: true, description: 'Attribute types.' })
  type?: string[];

  @Field(() => [String], { nullable: true, description: 'Categories.' })
  category?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Value: exact (indexed; also matched lower-cased and, for IPs, in normal form), or a pattern with `%` wildcards: ' +
      'prefix `evil%`, suffix `%.example.com`, anywhere `%evil%` (at least 2 characters besides `%`).',
  })
  value?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Any of these exact values (at most 10,000), answered by one indexed lookup: "which of these IOCs do we have?".',
  })
  values?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'IP types (ip-src, ip-dst, ip-src|port, ip-dst|port, the IP of domain|ip): the address or CIDR block lies inside any of ' +
      'these blocks (e.g. `10.0.0.0/8`, `2001:db8::/32`, or one address). At most 100 blocks.',
  })
  cidr?: string[];

  @Field(() => [String], { nullable: true, description: 'Relation names inside a MISP object (e.g. filename, sha256).' })
  @IsOptional()
  @ArrayMaxSize(100)
  objectRelation?: string[];

  @Field(() => [String], { nullable: true, description: 'Only attributes of MISP objects with any of these names (e.g. file, domain-ip).' })
  @IsOptional()
  @ArrayMaxSize(100)
  objectName?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Attribute or its event carries any of these tags (case-insensitive); a name starting with `!` excludes that tag (MISP style).',
  })
  tags?: string[];

  @Field(() => TagFilter, { nullable: true, description: 'Tags with AND / OR / NOT (on the attribute or its event).' })
  tagFilter?: TagFilter;

  @Field(() => TimeRange, { nullable: true, description: 'Attribute last changed within this range (absolute or relative, e.g. `{ from: "7d" }`).' })
  timestamp?: TimeRange;

  @Field(() => TimeRange, { nullable: true, description: 'The event last changed within this range.' })
  eventTimestamp?: TimeRange;

  @Field(() => TimeRange, { nullable: true, description: 'The event was last published within this range.' })
  publishTimestamp?: TimeRange;

  @Field(() => String, {
    nullable: true,
    description: 'Text found in the value, the comment, the event info or a tag name of the attribute or its event (contains; `%` wildcards).',
  })
  quickFilter?: string;

  @Field(() => Boolean, { nullable: true, description: 'IDS flag.' })
  toIds?: boolean;

  @Field(() => [Distribution], { nullable: true, description: 'Attribute distribution levels.' })
  distribution?: Distribution[];

  @Field(() => Boolean, { nullable: true, description: 'true: only soft-deleted attributes (owner organisation and sync users); false (default): only live ones.' })
  deleted?: boolean;

  @Field(() => [ID], { nullable: true, description: 'Creator organisation uuids of the event.' })
  creatorOrgId?: string[];

  @Field(() => Boolean, { nullable: true, description: 'The event is published.' })
  published?: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'Event date on or after.' })
  dateFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Event date on or before.' })
  dateTo?: string;

  @Field(() => Date, { nullable: true, description: 'Attribute changed at or after.' })
  timestampFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Attribute changed at or before.' })
  timestampTo?: Date;
}
