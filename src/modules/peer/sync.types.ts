import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SyncSkipReason } from '../../auth/policy';
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

@ObjectType({ description: 'One entry of the sync index: an event changed after the cursor.' })
export class SyncIndexEntry {
  @Field(() => ID, { description: 'Event uuid.' })
  id!: string;

  @Field(() => Date, { description: 'Event timestamp (last change).' })
  timestamp!: Date;

  @Field(() => ID, { description: 'Creator organisation uuid.' })
  creatorOrgId!: string;

  @Field(() => String, { description: 'Creator organisation name.' })
  creatorOrgName!: string;

  @Field(() => Boolean, { description: 'Published.' })
  published!: boolean;

  @Field(() => Boolean, { description: 'Tombstone: the event was deleted.' })
  deleted!: boolean;

  @Field(() => [String], { description: 'Names of the event\'s exportable tags (for pull rules).' })
  tags!: string[];
}

@ObjectType({ description: 'A page of the sync index.' })
export class SyncIndexPage {
  @Field(() => [SyncIndexEntry], { description: 'Events changed after the cursor that the caller may pull.' })
  entries!: SyncIndexEntry[];

  @Field(() => String, { description: 'Cursor after this page (commit it once the page is applied).' })
  cursor!: string;

  @Field(() => Boolean, { description: 'More pages follow.' })
  hasMore!: boolean;
}

registerEnumType(SyncSkipReason, {
  name: 'SyncSkipReason',
  description: 'Why a sync write was refused (README "Federation protocol", Receiving: who may write through sync).',
  valuesConfig: {
    LOCAL_EVENT: { description: 'The event was created on this hub; a peer never overwrites or deletes it.' },
    NOT_SENDERS_COPY: { description: 'The copy here was received from another organisation; only that one may change or delete it.' },
    SHARING_GROUP_NOT_MEMBER: { description: 'The event\'s sharing group does not list the sender\'s organisation as a member here.' },
    SHARING_GROUP_NOT_OWNER: { description: 'A newer version of a sharing group the sender does not own here; the group here is kept.' },
    SHARING_GROUP_OWNER_KEPT: { description: 'A sharing group update leaving out or replacing the owner organisation; the owner is kept.' },
    SHARING_GROUP_ALL_ORGS_REFUSED: { description: 'A sharing group listing this hub with allOrgs where it does not already; stored without allOrgs.' },
    ATTRIBUTE_UUID_TAKEN: { description: 'An attribute uuid belonging to another event here; never moved or overwritten.' },
    ATTRIBUTE_SHARING_GROUP_NOT_MEMBER: { description: 'An attribute in a sharing group the sender\'s organisation is not a member of; left out.' },
    ATTRIBUTE_INVALID: { description: 'An attribute with an unknown type or an invalid value; left out.' },
  },
});

/** Event uuids named per reason in a sync result (the count covers them all). */
export const SYNC_SKIP_EXAMPLES = 10;

@ObjectType({ description: 'Sync writes refused for one reason: how many, and the first event uuids concerned.' })
export class SyncSkip {
  @Field(() => SyncSkipReason, { description: 'Why.' })
  reason!: SyncSkipReason;

  @Field(() => Int, { description: 'How many were refused for this reason (events, attributes or sharing groups, as the reason says).' })
  count!: number;

  @Field(() => [ID], { description: `Uuids of the events concerned (the first ${SYNC_SKIP_EXAMPLES}).` })
  eventIds!: string[];
}

/** One refusal noted while applying an event (folded into the result once its transaction commits). */
export interface SyncSkipNote {
  reason: SyncSkipReason;
  eventUuid: string;
  count: number;
}

/** Adds refusals to a result: grouped by reason, counted, the first few event uuids named. */
export function addSyncSkips(result: SyncResult, notes: readonly SyncSkipNote[]): void {
  for (const n of notes) {
    let entry = result.skippedReasons.find((s) => s.reason === n.reason);
    if (!entry) result.skippedReasons.push((entry = Object.assign(new SyncSkip(), { reason: n.reason, count: 0, eventIds: [] })));
    entry.count += n.count;
    if (entry.eventIds.length < SYNC_SKIP_EXAMPLES && !entry.eventIds.includes(n.eventUuid)) entry.eventIds.push(n.eventUuid);
  }
}

@ObjectType({ description: 'What a push or pull did.' })
export class SyncResult {
  @Field(() => Int, { description: 'Events created here (pull) or at the peer (push).' })
  created: number = 0;

  @Field(() => Int, { description: 'Events updated.' })
  updated: number = 0;

  @Field(() => Int, { description: 'Events deleted (tombstones applied).' })
  deleted: number = 0;

  @Field(() => Int, { description: 'Events skipped: unchanged, older, locally created, filtered by rules or not allowed to travel.' })
  skipped: number = 0;

  @Field(() => Int, { description: 'Events that failed.' })
  failed: number = 0;

  @Field(() => [SyncSkip], {
    description:
      'Sync writes refused by the rules of who may write through sync, by reason (events refused are also in skipped; attributes and sharing-group changes refused only here). Filled by the receiving hub: pushEvents and pullFromPeer.',
  })
  skippedReasons: SyncSkip[] = [];

  @Field(() => Int, { description: 'HTTP requests made to the peer.' })
  requests: number = 0;

  @Field(() => String, { nullable: true, description: 'Error that stopped the run (the cursor stays where it was).' })
  error: string | null = null;
}
