import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';

/**
 * The sync wire format (protocol 1.x): what one hub sends another, in the public schema. Each class is
 * both the output type (pull: `syncEvents`) and the input type (push: `pushEvents`), so the two
 * directions cannot drift apart. Identities are uuids; local ids never appear.
 */

@ObjectType('SyncOrganisation', { description: 'An organisation as it travels: uuid and name.' })
@InputType('SyncOrganisationInput', { description: 'An organisation as it travels: uuid and name.' })
export class SyncOrganisationWire {
  @Field(() => ID, { description: 'Organisation uuid.' })
  id!: string;

  @Field(() => String, { description: 'Organisation name.' })
  name!: string;
}

@ObjectType('SyncHub', { description: 'A hub listed as a member instance of a sharing group.' })
@InputType('SyncHubInput', { description: 'A hub listed as a member instance of a sharing group.' })
export class SyncHubWire {
  @Field(() => ID, { description: 'Hub uuid (its hubInfo id).' })
  id!: string;

  @Field(() => Boolean, { description: 'Every organisation on that hub is a member.' })
  allOrgs!: boolean;
}

@ObjectType('SyncSharingGroup', { description: 'A sharing group travelling with its data (captured by uuid).' })
@InputType('SyncSharingGroupInput', { description: 'A sharing group travelling with its data (captured by uuid).' })
export class SyncSharingGroupWire {
  @Field(() => ID, { description: 'Sharing group uuid.' })
  id!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Releasability.' })
  releasability?: string | null;

  @Field(() => Boolean, { description: 'Roaming group.' })
  roaming!: boolean;

  @Field(() => Date, { description: 'Last change of the group.' })
  timestamp!: Date;

  @Field(() => SyncOrganisationWire, { description: 'Owner organisation.' })
  ownerOrg!: SyncOrganisationWire;

  @Field(() => [SyncOrganisationWire], { description: 'Member organisations.' })
  organisations!: SyncOrganisationWire[];

  @Field(() => [SyncHubWire], { description: 'Member hubs (by hub uuid).' })
  hubs!: SyncHubWire[];
}

@ObjectType('SyncTag', { description: 'A tag travelling with an event or attribute (only exportable, non-local tags travel).' })
@InputType('SyncTagInput', { description: 'A tag travelling with an event or attribute.' })
export class SyncTagWire {
  @Field(() => String, { description: 'Tag name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Colour #rrggbb.' })
  colour?: string | null;
}

@ObjectType('SyncAttribute', { description: 'An attribute as it travels (tombstones included).' })
@InputType('SyncAttributeInput', { description: 'An attribute as it travels (tombstones included).' })
export class SyncAttributeWire {
  @Field(() => ID, { description: 'Attribute uuid.' })
  id!: string;

  @Field(() => String, { description: 'Attribute type.' })
  type!: string;

  @Field(() => String, { description: 'Category.' })
  category!: string;

  @Field(() => String, { description: 'Value.' })
  value!: string;

  @Field(() => Boolean, { description: 'IDS flag.' })
  toIds!: boolean;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  comment?: string | null;

  @Field(() => Distribution, { description: 'Distribution.' })
  distribution!: Distribution;

  @Field(() => SyncSharingGroupWire, { nullable: true, description: 'Sharing group (with distribution SHARING_GROUP).' })
  sharingGroup?: SyncSharingGroupWire | null;

  @Field(() => Date, { description: 'Last change (newer wins).' })
  timestamp!: Date;

  @Field(() => Boolean, { description: 'Tombstone.' })
  deleted!: boolean;

  @Field(() => Boolean, { description: 'Excluded from correlation.' })
  disableCorrelation!: boolean;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  firstSeen?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  lastSeen?: Date | null;

  @Field(() => String, { nullable: true, description: 'Object relation.' })
  objectRelation?: string | null;

  @Field(() => [SyncTagWire], { description: 'Tags.' })
  tags!: SyncTagWire[];
}

@ObjectType('SyncEvent', { description: 'A full event as it travels between hubs.' })
@InputType('SyncEventInput', { description: 'A full event as it travels between hubs.' })
export class SyncEventWire {
  @Field(() => ID, { description: 'Event uuid.' })
  id!: string;

  @Field(() => String, { description: 'Info.' })
  info!: string;

  @Field(() => DateScalar, { description: 'Event date.' })
  date!: string;

  @Field(() => ThreatLevel, { description: 'Threat level.' })
  threatLevel!: ThreatLevel;

  @Field(() => Analysis, { description: 'Analysis state.' })
  analysis!: Analysis;

  @Field(() => Distribution, { description: 'Distribution.' })
  distribution!: Distribution;

  @Field(() => SyncSharingGroupWire, { nullable: true, description: 'Sharing group (with distribution SHARING_GROUP).' })
  sharingGroup?: SyncSharingGroupWire | null;

  @Field(() => Boolean, { description: 'Published (only published events travel).' })
  published!: boolean;

  @Field(() => Date, { nullable: true, description: 'Last publication.' })
  publishedAt?: Date | null;

  @Field(() => Date, { description: 'Last change (newer wins).' })
  timestamp!: Date;

  @Field(() => Boolean, { description: 'Event tombstone: the event was deleted at its source.' })
  deleted!: boolean;

  @Field(() => SyncOrganisationWire, { description: 'Creator organisation (kept across hubs).' })
  creatorOrg!: SyncOrganisationWire;

  @Field(() => Boolean, { description: 'Excluded from correlation.' })
  disableCorrelation!: boolean;

  @Field(() => String, { nullable: true, description: 'Uuid of an event this one extends.' })
  extendsUuid?: string | null;

  @Field(() => [SyncTagWire], { description: 'Tags.' })
  tags!: SyncTagWire[];

  @Field(() => [SyncAttributeWire], { description: 'Attributes, tombstones included.' })
  attributes!: SyncAttributeWire[];
}
