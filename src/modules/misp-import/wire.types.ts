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

@ObjectType('SyncSighting', { description: 'A sighting as it travels (organisation by uuid; anonymous when null).' })
@InputType('SyncSightingInput', { description: 'A sighting as it travels.' })
export class SyncSightingWire {
  @Field(() => ID, { description: 'Sighting uuid.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Uuid of the sighted attribute (sighting deltas; implied inside an attribute).' })
  attributeId?: string | null;

  @Field(() => SyncOrganisationWire, { nullable: true, description: 'Reporting organisation.' })
  org?: SyncOrganisationWire | null;

  @Field(() => String, { description: 'SIGHTING, FALSE_POSITIVE or EXPIRATION.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Source.' })
  source?: string | null;

  @Field(() => Date, { description: 'When it was seen.' })
  at!: Date;
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

  @Field(() => ID, { nullable: true, description: 'Uuid of the MISP object it belongs to (one of the event\'s `objects`); null for a plain attribute.' })
  objectId?: string | null;

  @Field(() => String, { nullable: true, description: 'attachment / malware-sample: the file, base64 (a malware sample is the encrypted zip MISP makes, opened with "infected").' })
  data?: string | null;

  @Field(() => [SyncSightingWire], { nullable: true, description: 'Sightings of this attribute (MISP JSON imports; hub sync sends sightings as deltas).' })
  sightings?: SyncSightingWire[] | null;
}

@ObjectType('SyncObjectReference', { description: 'A MISP object reference as it travels.' })
@InputType('SyncObjectReferenceInput', { description: 'A MISP object reference as it travels.' })
export class SyncObjectReferenceWire {
  @Field(() => ID, { description: 'Reference uuid.' })
  id!: string;

  @Field(() => ID, { description: 'Uuid of the referenced object or attribute.' })
  targetId!: string;

  @Field(() => String, { description: 'Relationship type.' })
  relationshipType!: string;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  comment?: string | null;

  @Field(() => Date, { description: 'Last change (newer wins).' })
  timestamp!: Date;

  @Field(() => Boolean, { description: 'Tombstone.' })
  deleted!: boolean;
}

@ObjectType('SyncObject', { description: 'A MISP object as it travels (its attributes travel in the event\'s list with `objectId`).' })
@InputType('SyncObjectInput', { description: 'A MISP object as it travels.' })
export class SyncObjectWire {
  @Field(() => ID, { description: 'Object uuid.' })
  id!: string;

  @Field(() => String, { description: 'Template name.' })
  name!: string;

  @Field(() => String, { description: 'Meta-category.' })
  metaCategory!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Template uuid.' })
  templateUuid?: string | null;

  @Field(() => String, { nullable: true, description: 'Template version.' })
  templateVersion?: string | null;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  comment?: string | null;

  @Field(() => Distribution, { description: 'Distribution.' })
  distribution!: Distribution;

  @Field(() => SyncSharingGroupWire, { nullable: true, description: 'Sharing group (with distribution SHARING_GROUP).' })
  sharingGroup?: SyncSharingGroupWire | null;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  firstSeen?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  lastSeen?: Date | null;

  @Field(() => Date, { description: 'Last change (newer wins per object).' })
  timestamp!: Date;

  @Field(() => Boolean, { description: 'Tombstone.' })
  deleted!: boolean;

  @Field(() => [SyncObjectReferenceWire], { description: 'References from this object.' })
  references!: SyncObjectReferenceWire[];
}

@ObjectType('SyncGalaxyCluster', { description: 'A galaxy cluster as MISP exports it (carried by its tag).' })
@InputType('SyncGalaxyClusterInput', { description: 'A galaxy cluster as MISP exports it (carried by its tag).' })
export class SyncGalaxyClusterWire {
  @Field(() => ID, { description: 'Cluster uuid.' })
  id!: string;

  @Field(() => String, { description: 'Its tag name (misp-galaxy:…).' })
  tagName!: string;

  @Field(() => String, { nullable: true, description: 'MISP cluster version (newer replaces).' })
  version?: string | null;

  @Field(() => String, { description: 'The galaxy (MISP Galaxy without its cluster list), JSON.' })
  galaxy!: string;

  @Field(() => String, { description: 'The cluster as MISP exports it (type, value, description, meta …), JSON.' })
  data!: string;
}

@ObjectType('SyncEventReport', { description: 'An event report as it travels.' })
@InputType('SyncEventReportInput', { description: 'An event report as it travels.' })
export class SyncEventReportWire {
  @Field(() => ID, { description: 'Report uuid.' })
  id!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { description: 'Markdown content.' })
  content!: string;

  @Field(() => Distribution, { description: 'Distribution.' })
  distribution!: Distribution;

  @Field(() => SyncSharingGroupWire, { nullable: true, description: 'Sharing group (with distribution SHARING_GROUP).' })
  sharingGroup?: SyncSharingGroupWire | null;

  @Field(() => Date, { description: 'Last change (newer wins).' })
  timestamp!: Date;

  @Field(() => Boolean, { description: 'Tombstone.' })
  deleted!: boolean;
}

@ObjectType('SyncProposal', { description: 'A proposal (MISP ShadowAttribute) as it travels.' })
@InputType('SyncProposalInput', { description: 'A proposal (MISP ShadowAttribute) as it travels.' })
export class SyncProposalWire {
  @Field(() => ID, { description: 'Proposal uuid.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Uuid of the attribute it changes or deletes; null for a new attribute.' })
  attributeId?: string | null;

  @Field(() => SyncOrganisationWire, { description: 'Proposing organisation.' })
  org!: SyncOrganisationWire;

  @Field(() => String, { description: 'Type.' })
  type!: string;

  @Field(() => String, { description: 'Category.' })
  category!: string;

  @Field(() => String, { description: 'Value.' })
  value!: string;

  @Field(() => Boolean, { description: 'IDS flag.' })
  toIds!: boolean;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  comment?: string | null;

  @Field(() => String, { nullable: true, description: 'Object relation.' })
  objectRelation?: string | null;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  firstSeen?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  lastSeen?: Date | null;

  @Field(() => Boolean, { description: 'A proposal to delete the attribute.' })
  proposalToDelete!: boolean;

  @Field(() => Date, { description: 'Last change (newer wins).' })
  timestamp!: Date;

  @Field(() => Boolean, { description: 'Tombstone (discarded or accepted).' })
  deleted!: boolean;
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

  @Field(() => [SyncAttributeWire], { description: 'Attributes, tombstones included (object attributes name their object in `objectId`).' })
  attributes!: SyncAttributeWire[];

  @Field(() => [SyncObjectWire], { nullable: true, description: 'MISP objects, tombstones included (absent from peers of protocol 1.0).' })
  objects?: SyncObjectWire[] | null;

  @Field(() => [SyncGalaxyClusterWire], { nullable: true, description: 'Galaxy clusters carried by the tags of the event and its attributes.' })
  galaxyClusters?: SyncGalaxyClusterWire[] | null;

  @Field(() => [SyncEventReportWire], { nullable: true, description: 'Event reports, tombstones included.' })
  reports?: SyncEventReportWire[] | null;

  @Field(() => [SyncProposalWire], { nullable: true, description: 'Proposals (MISP ShadowAttributes).' })
  proposals?: SyncProposalWire[] | null;
}
