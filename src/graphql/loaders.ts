import type DataLoader from 'dataloader';
import type { Attribute } from '../modules/attribute/attribute.entity';
import type { AttributeViewColumn } from '../modules/attribute/attribute.views';
import type { Event } from '../modules/event/event.entity';
import type { EventReport } from '../modules/event-report/event-report.entity';
import type { GalaxyCluster } from '../modules/galaxy/galaxy-cluster.entity';
import type { Proposal } from '../modules/proposal/proposal.entity';
import type { MispObject } from '../modules/object/object.entity';
import type { ObjectReference } from '../modules/object/object-reference.entity';
import type { Organisation } from '../modules/organisation/organisation.entity';
import type { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';
import type { AttributeTag, EventTag } from '../modules/tag/tag.entity';

/**
 * A correlation load: the source attribute, and what to read of the correlated attributes' events
 * (event-view's EventRead; loads of one batch share one read, of every column when one of them asks).
 */
export interface CorrelationKey {
  readonly attribute: Attribute;
  readonly events: 'brief' | 'all';
  /** The correlated attributes' columns the caller's selection needs (attributeColumnsFor); the rows carry at least these. */
  readonly columns: readonly AttributeViewColumn[];
}

/** Correlations of one attribute, as its loader returns them. */
export interface CorrelationResult {
  readonly attributes: Attribute[];
  /** Some part of the value is over-correlating: its correlations are not listed. */
  readonly capped: boolean;
}

/** Sighting counts of one attribute as the viewer may see them (policy.canSeeSighting). */
export interface SightingCounts {
  sightingCount: number;
  falsePositiveCount: number;
  expirationCount: number;
  lastSeen: Date | null;
  lastFalsePositive: Date | null;
  lastExpiration: Date | null;
}

/**
 * Every DataLoader of one request (DESIGN §12.4). Each applies the viewer's visibility, so a field
 * resolver can never return what its caller may not see: an invisible event, attribute or sharing
 * group loads as null / is left out. The entity loaders say so in their queries; the tag links and
 * sharing-group members follow their parent's visibility through the scope EntityManager's `visible`
 * filter (auth/visibility-filter): a tag link of an invisible attribute or event, or a member of an
 * invisible group, is not loaded. Organisations are public.
 */
export interface Loaders extends ObjectLoaders {
  organisation: DataLoader<number, Organisation | null>;
  event: DataLoader<number, Event | null>;
  sharingGroup: DataLoader<number, SharingGroup | null>;
  /**
   * Visible attributes of visible events, oldest first: at most `first` per event, after the attribute
   * whose uuid is `after` (null: from the start); reading only `columns`. One loader per option set.
   */
  attributesOf(opts: AttributePageOptions): DataLoader<Event, Attribute[], number>;
  /** How many attributes of each visible event the caller may see. */
  attributeCount(includeDeleted: boolean): DataLoader<Event, number, number>;
  eventTags: DataLoader<number, EventTag[]>;
  attributeTags: DataLoader<number, AttributeTag[]>;
  sharingGroupOrgs: DataLoader<number, SharingGroupOrg[]>;
  sharingGroupServers: DataLoader<number, SharingGroupServer[]>;
  /** Sighting counts of visible attributes by attribute id, as the viewer may see them (policy.canSeeSighting). */
  sightingSummary: DataLoader<number, SightingCounts>;
  /** Correlations of attributes (other visible attributes with the same value part in other events). */
  correlations: DataLoader<CorrelationKey, CorrelationResult, string>;
  /** Ids of the other visible events related to an event through correlations. */
  relatedEvents: DataLoader<Event, number[], number>;
  /** Live reports of events by event id, as the viewer may see them (policy.canSeeObject), oldest first, at most MAX_PAGE_SIZE each. */
  eventReports: DataLoader<number, EventReport[]>;
  /**
   * Open proposals of events by event id: of visible events, those about an attribute only when the
   * viewer may see that attribute; oldest first, at most MAX_PAGE_SIZE each.
   */
  eventProposals: DataLoader<number, Proposal[]>;
  /** Open proposals about attributes, by attribute id (of attributes the viewer sees), oldest first, at most MAX_PAGE_SIZE each. */
  attributeProposals: DataLoader<number, Proposal[]>;
  /** Galaxy clusters by tag name (reference data: no visibility of their own; shown where their tag is). */
  galaxyClustersByTag: DataLoader<string, GalaxyCluster[]>;
}

export interface AttributePageOptions {
  readonly includeDeleted: boolean;
  readonly columns: readonly AttributeViewColumn[];
  readonly first: number;
  readonly after: string | null;
}

/** Loaders of MISP objects (src/modules/object/object.loaders.ts), each under the viewer's visibility. */
export interface ObjectLoaders {
  /** Visible objects by id (tombstones where the viewer may see them). */
  object: DataLoader<number, MispObject | null>;
  /** Visible objects of visible events, oldest first: at most `first` per event, after the object whose uuid is `after`. */
  objectsOf(opts: ObjectPageOptions): DataLoader<Event, MispObject[], number>;
  /** How many objects of each visible event the caller may see. */
  objectCount(includeDeleted: boolean): DataLoader<Event, number, number>;
  /** Visible attributes of visible objects (by object id), oldest first, at most `first` per object. */
  objectAttributes(opts: ObjectAttributePageOptions): DataLoader<number, Attribute[]>;
  /**
   * Live references of visible objects (by object id), the first `first` per object, of which those whose
   * target the viewer may see or is not on this hub.
   */
  objectReferences(first: number): DataLoader<number, ObjectReference[]>;
}

export interface ObjectPageOptions {
  readonly includeDeleted: boolean;
  readonly first: number;
  readonly after: string | null;
}

export interface ObjectAttributePageOptions {
  readonly includeDeleted: boolean;
  readonly first: number;
  readonly columns: readonly AttributeViewColumn[];
}
