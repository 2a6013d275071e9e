import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Distribution } from '../../shared/enums';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { MispObject } from '../object/object.entity';

@ObjectType({ description: 'An attribute: one indicator or observable (IP, domain, hash, URL …) inside an event.' })
@Entity({ tableName: 'attributes' })
@Index({ properties: ['event', 'deleted'] })
@Index({ properties: ['valueHash'] })
@Index({ properties: ['type', 'timestamp'] })
@Index({ properties: ['timestamp'] })
@Index({ name: 'attributes_correlation_key_index', properties: ['correlationKey'] })
@Index({ name: 'attributes_correlation_key2_index', properties: ['correlationKey2'] })
@Index({ properties: ['ipStart'] })
@Index({ properties: ['object'] })
/** TAXII collections page in (date added, id) order (modules/taxii). */
@Index({ properties: ['createdAt', 'id'] })
export class Attribute extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The attribute uuid.' })
  declare uuid: string;

  @ManyToOne(() => Event, { deleteRule: 'cascade' })
  event!: Event;

  @Field(() => String, { description: 'MISP attribute type (e.g. ip-dst, domain, sha256).' })
  @Property({ type: 'string', length: 100 })
  type!: string;

  @Field(() => String, { description: 'MISP category (e.g. Network activity, Payload delivery).' })
  @Property({ type: 'string', length: 100 })
  category!: string;

  @Field(() => String, { description: 'The normalised value; composite types keep both parts as `a|b`.' })
  @Property({ type: 'text' })
  value!: string;

  /** sha256 hex of the normalised value: the index for exact lookups, duplicates and correlation. */
  @Property({ type: 'string', length: 64 })
  valueHash!: string;

  /** Correlation key of the value (or its first correlating part): see attribute-keys.ts. Null: does not correlate. */
  @Property({ type: 'string', length: 32, nullable: true })
  correlationKey?: string | null;

  /** Correlation key of the second part of a composite value (e.g. the IP of domain|ip). */
  @Property({ type: 'string', length: 32, nullable: true })
  correlationKey2?: string | null;

  /** IP types: first address of the IP/CIDR as 32 sortable hex digits (IPv4 mapped into IPv6); for CIDR search. */
  @Property({ type: 'string', length: 32, nullable: true })
  ipStart?: string | null;

  /** IP types: last address of the IP/CIDR (equal to ipStart for a single address). */
  @Property({ type: 'string', length: 32, nullable: true })
  ipEnd?: string | null;

  @Field(() => Boolean, { description: 'Fit for automated detection (IDS flag).' })
  @Property({ type: 'boolean' })
  toIds!: boolean;

  @Field(() => String, { nullable: true, description: 'Analyst comment.' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => Distribution, { description: 'Distribution level (INHERIT_EVENT follows the event).' })
  @Enum({ items: () => Distribution, type: 'smallint' })
  distribution: Distribution = Distribution.INHERIT_EVENT;

  @ManyToOne(() => SharingGroup, { nullable: true, deleteRule: 'restrict' })
  sharingGroup?: SharingGroup | null;

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @Field(() => Boolean, { description: 'Soft-deleted (a tombstone); visible only to the owner org and sync users when asked for.' })
  @Property({ type: 'boolean' })
  deleted: boolean = false;

  @Field(() => Boolean, { description: 'Exclude this attribute from correlation.' })
  @Property({ type: 'boolean' })
  disableCorrelation: boolean = false;

  @Field(() => Date, { nullable: true, description: 'First seen in the wild.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  firstSeen?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen in the wild.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastSeen?: Date | null;

  /** The MISP object this attribute belongs to (null: a plain attribute of the event). */
  @ManyToOne(() => MispObject, { nullable: true, deleteRule: 'cascade' })
  object?: MispObject | null;

  @Field(() => String, { nullable: true, description: 'Relation name inside a MISP object (e.g. filename, ip-dst, sha256).' })
  @Property({ type: 'string', length: 255, nullable: true })
  objectRelation?: string | null;

  /** Set on subscription deliveries only (not stored): the change-log cursor to resume after. */
  @Field(() => String, { nullable: true, description: 'Subscriptions only: the change-log cursor of this delivery; resubscribe with `since: <cursor>` to resume after it.' })
  changeCursor?: string;
}
