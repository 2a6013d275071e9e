import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Distribution } from '../../shared/enums';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';

/** The source formats a feed can have (DESIGN §7). */
export enum FeedFormat {
  MISP = 'MISP',
  CSV = 'CSV',
  FREETEXT = 'FREETEXT',
}
registerEnumType(FeedFormat, {
  name: 'FeedFormat',
  description: 'Format of a feed source.',
  valuesConfig: {
    MISP: { description: 'A MISP feed: manifest.json plus one <uuid>.json per event.' },
    CSV: { description: 'CSV: values in the configured 1-based value columns; rows starting with # skipped.' },
    FREETEXT: { description: 'Free text: indicators detected and typed token by token (refanged).' },
  },
});

/**
 * A feed: an outside source of indicators fetched into this hub. The data it creates belongs to the hub's
 * host organisation (the feed's `org`). Settings mirror MISP's feed settings; the status fields are written
 * after every fetch.
 */
@ObjectType({ description: 'A feed: an outside source of indicators (MISP, CSV or freetext) fetched into events of the host organisation.' })
@Entity({ tableName: 'feeds' })
export class Feed extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The feed uuid.' })
  declare uuid: string;

  @Field(() => String, { description: 'Unique name.' })
  @Property({ type: 'string', length: 255, unique: true })
  name!: string;

  @Field(() => String, { description: 'Who publishes the feed.' })
  @Property({ type: 'string', length: 255 })
  provider: string = '';

  @Field(() => String, { description: 'Source: an http(s) URL, a file:// URL or a local path.' })
  @Property({ type: 'string', length: 2048 })
  url!: string;

  // A plain string column (no CHECK constraint, which SQLite's schema diff cannot compare); the GraphQL
  // enum is the gate for the values.
  @Field(() => FeedFormat, { description: 'Source format.' })
  @Property({ type: 'string', length: 16 })
  format!: FeedFormat;

  @Field(() => Boolean, { description: 'Enabled feeds are fetched by the schedules.' })
  @Property({ type: 'boolean' })
  enabled: boolean = false;

  @Field(() => Distribution, { description: 'Distribution of the events the feed creates.' })
  @Enum({ items: () => Distribution, type: 'smallint' })
  distribution: Distribution = Distribution.ORGANISATION_ONLY;

  /** Set if and only if distribution is SHARING_GROUP. */
  @ManyToOne(() => SharingGroup, { nullable: true, deleteRule: 'restrict' })
  sharingGroup?: SharingGroup | null;

  /** CSV: 1-based value columns as '1,2' ('' = column 1). Exposed as a list of integers. */
  @Property({ type: 'string', length: 255 })
  valueColumns: string = '';

  @Field(() => String, { description: 'CSV delimiter (one character; "\\t" for tab).' })
  @Property({ type: 'string', length: 8 })
  delimiter: string = ',';

  @Field(() => String, { nullable: true, description: 'Values matching this regular expression ("/pattern/flags" or a bare pattern) are skipped.' })
  @Property({ type: 'text', nullable: true })
  excludeRegex?: string | null;

  @Field(() => Boolean, { description: 'One event reused by every fetch (only new values added) instead of a new event per fetch.' })
  @Property({ type: 'boolean' })
  fixedEvent: boolean = false;

  @Field(() => Boolean, { description: 'With fixedEvent: values gone from the source are soft-deleted.' })
  @Property({ type: 'boolean' })
  deltaMerge: boolean = false;

  @Field(() => Boolean, { description: 'Publish the event after a fetch.' })
  @Property({ type: 'boolean' })
  publish: boolean = false;

  @Field(() => Boolean, { nullable: true, description: 'When true, everything the feed creates has the IDS flag off; otherwise each type\'s default.' })
  @Property({ type: 'boolean', nullable: true })
  overrideIds?: boolean | null;

  @Field(() => Boolean, { description: 'MISP feeds: keep each event\'s own distribution (a SHARING_GROUP event, whose group is unknown here, falls back to the feed\'s) instead of the feed\'s.' })
  @Property({ type: 'boolean' })
  sourceDistribution: boolean = false;

  /** MISP feeds: JSON {tagsAllow, tagsBlock, orgsAllow, orgsBlock} (null = every event). */
  @Property({ type: 'text', nullable: true })
  rules?: string | null;

  @Field(() => String, { nullable: true, description: 'Cron expression (node-cron, 5 or 6 fields) of this feed\'s own schedule; null = only the global schedule (FEED_FETCH_CRON) and on demand.' })
  @Property({ type: 'string', length: 255, nullable: true })
  schedule?: string | null;

  /** JSON array of [name, value] extra request headers (e.g. an API key of the source); never exposed. */
  @Property({ type: 'text', nullable: true })
  headers?: string | null;

  /** JSON array of tag names applied to the events the feed creates (null = none). */
  @Property({ type: 'text', nullable: true })
  tags?: string | null;

  /** The fixed event (fixedEvent feeds), created on the first fetch; cleared if the event is deleted. */
  @ManyToOne(() => Event, { nullable: true, deleteRule: 'set null' })
  event?: Event | null;

  /**
   * Non-fixed-event feeds: the event a fetch is filling and has not completed yet (set when the fetch
   * creates it, cleared once it is complete and published). A fetch that died leaves it set, and the next
   * fetch resumes into it (skipping the values it already holds) instead of starting a second event.
   */
  @ManyToOne(() => Event, { nullable: true, deleteRule: 'set null' })
  pendingEvent?: Event | null;

  /** Owner of the data the feed creates: the hub's host organisation. */
  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  org!: Organisation;

  @Field(() => Date, { nullable: true, description: 'When the last fetch ended.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastFetchAt?: Date | null;

  /** When the last successful fetch ended (metrics: a failure keeps it, so its age keeps growing). */
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastSuccessAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Duration of the last fetch in milliseconds.' })
  @Property({ type: 'integer', nullable: true })
  lastDurationMs?: number | null;

  @Field(() => Int, { description: 'Values added by the last fetch.' })
  @Property({ type: 'integer' })
  lastNew: number = 0;

  @Field(() => Int, { description: 'Values changed by the last fetch (MISP feeds: newer attribute versions).' })
  @Property({ type: 'integer' })
  lastUpdated: number = 0;

  @Field(() => Int, { description: 'Values soft-deleted by the last fetch (deltaMerge, or tombstones in MISP feeds).' })
  @Property({ type: 'integer' })
  lastDeleted: number = 0;

  @Field(() => Int, { description: 'Values skipped by the last fetch (already present or repeated).' })
  @Property({ type: 'integer' })
  lastSkipped: number = 0;

  @Field(() => Int, { description: 'Invalid values counted (and not stored) by the last fetch.' })
  @Property({ type: 'integer' })
  lastInvalid: number = 0;

  @Field(() => String, { nullable: true, description: 'Error of the last fetch; null when it succeeded.' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => String, { nullable: true, description: 'ETag of the source at the last successful fetch (conditional GET).' })
  @Property({ type: 'string', length: 1024, nullable: true })
  etag?: string | null;

  @Field(() => String, { nullable: true, description: 'Last-Modified of the source at the last successful fetch (conditional GET).' })
  @Property({ type: 'string', length: 255, nullable: true })
  lastModified?: string | null;
}
