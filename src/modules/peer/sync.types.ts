import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SyncSkipReason } from '../../auth/policy';
import { SyncSightingWire } from '../misp-import/wire.types';

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
    ATTRIBUTE_DUPLICATE: { description: 'A second live attribute of the event (outside objects) with the same type, category and value; left out.' },
    OBJECT_UUID_TAKEN: { description: 'A MISP object uuid belonging to another event here; never moved (its attributes are left out with it).' },
    OBJECT_SHARING_GROUP_NOT_MEMBER: { description: 'A MISP object in a sharing group the sender\'s organisation is not a member of; left out with its attributes.' },
    OBJECT_INVALID: { description: 'A MISP object (or one of its references) with a field that cannot be stored; left out with its attributes.' },
    ATTRIBUTE_OBJECT_UNKNOWN: { description: 'An attribute naming an object that is neither in the payload nor stored in the event; left out.' },
    ATTRIBUTE_OBJECT_REFUSED: { description: 'An attribute of an object that was refused; left out with it.' },
    ATTACHMENT_INVALID: { description: 'An attachment / malware-sample file that is not valid base64 or exceeds ATTACHMENT_MAX_BYTES; the attribute is kept without it.' },
    SIGHTING_UUID_TAKEN: { description: 'A sighting uuid belonging to another attribute here; left out.' },
    SIGHTING_INVALID: { description: 'A sighting without an organisation or with an unknown type; left out.' },
    REPORT_UUID_TAKEN: { description: 'An event report uuid belonging to another event here; never moved.' },
    REPORT_SHARING_GROUP_NOT_MEMBER: { description: 'An event report in a sharing group the sender\'s organisation is not a member of; left out.' },
    REPORT_INVALID: { description: 'An event report with a field that cannot be stored; left out.' },
    PROPOSAL_UUID_TAKEN: { description: 'A proposal uuid belonging to another event here; never moved.' },
    PROPOSAL_INVALID: { description: 'A proposal with an unknown type or an invalid value; left out.' },
    CLUSTER_TAG_MISSING: { description: 'A galaxy cluster whose tag is on neither the event nor any of its attributes; not stored.' },
    CLUSTER_INVALID: { description: 'A galaxy cluster with a field that cannot be stored; not stored.' },
    MISP_EVENT_INVALID: { description: 'MISP peers: an answer that is not a MISP event this hub can take (unparsable, no creator organisation, another uuid than asked for); skipped.' },
    MISP_EVENT_TOO_LARGE: { description: 'MISP peers: an event whose answer exceeded PEER_MAX_RESPONSE_BYTES; skipped.' },
    MISP_SHARING_GROUP_UNDESCRIBED: { description: 'MISP peers: an event, attribute, object or report shared with a sharing group whose members were not sent; left out.' },
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

import type { SyncSkipNote } from '../misp-import/skip-note';

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

  @Field(() => Int, { description: 'Sighting deltas stored here (pull) or at the peer (push).' })
  sightingsCreated: number = 0;

  @Field(() => Int, { description: 'Sighting deltas skipped: already known, or of an attribute not there or not visible to the sender.' })
  sightingsSkipped: number = 0;

  @Field(() => Int, { description: 'HTTP requests made to the peer.' })
  requests: number = 0;

  @Field(() => String, { nullable: true, description: 'Error that stopped the run (the cursor stays where it was).' })
  error: string | null = null;
}

@ObjectType({ description: 'A page of sighting deltas (syncSightings).' })
export class SyncSightingPage {
  @Field(() => [SyncSightingWire], { description: 'Sightings recorded after the cursor that the caller may see (attributeId set).' })
  sightings!: SyncSightingWire[];

  @Field(() => String, { description: 'Cursor after this page (commit it once the page is applied).' })
  cursor!: string;

  @Field(() => Boolean, { description: 'More pages follow.' })
  hasMore!: boolean;
}

@ObjectType({ description: 'What a sighting push did.' })
export class SyncSightingResult {
  @Field(() => Int, { description: 'Sightings stored.' })
  created: number = 0;

  @Field(() => Int, { description: 'Sightings skipped: already known (same uuid), malformed, or of an attribute that is not here or the sender may not see.' })
  skipped: number = 0;
}
