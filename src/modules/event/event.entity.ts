import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { DateScalar } from '../../shared/scalars';
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';

@ObjectType({ description: 'An event: a set of attributes (IOCs) with context, owned and created by organisations.' })
@Entity({ tableName: 'events' })
@Index({ properties: ['ownerOrg', 'distribution'] })
@Index({ properties: ['timestamp'] })
/** TAXII collections page in (date added, id) order (modules/taxii). */
@Index({ properties: ['createdAt', 'id'] })
export class Event extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The event uuid.' })
  declare uuid: string;

  @Field(() => String, { description: 'Short description of the event.' })
  @Property({ type: 'text' })
  info!: string;

  @Field(() => DateScalar, { description: 'Date of the event (YYYY-MM-DD).' })
  @Property({ type: 'string', length: 10 })
  date!: string;

  @Field(() => ThreatLevel, { description: 'Threat level.' })
  @Enum({ items: () => ThreatLevel, type: 'smallint' })
  threatLevel: ThreatLevel = ThreatLevel.UNDEFINED;

  @Field(() => Analysis, { description: 'Analysis state.' })
  @Enum({ items: () => Analysis, type: 'smallint' })
  analysis: Analysis = Analysis.INITIAL;

  @Field(() => Distribution, { description: 'Distribution level.' })
  @Enum({ items: () => Distribution, type: 'smallint' })
  distribution!: Distribution;

  /** Set if and only if distribution is SHARING_GROUP. */
  @ManyToOne(() => SharingGroup, { nullable: true, deleteRule: 'restrict' })
  sharingGroup?: SharingGroup | null;

  /** The organisation that holds this copy on this hub (decides visibility). */
  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  ownerOrg!: Organisation;

  /** The organisation that made the event (MISP orgc), kept across hubs; decides who may edit. */
  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  creatorOrg!: Organisation;

  @Field(() => Boolean, { description: 'Published events are final and may travel to peers.' })
  @Property({ type: 'boolean' })
  published: boolean = false;

  @Field(() => Date, { nullable: true, description: 'When the event was last published.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  publishedAt?: Date | null;

  @Field(() => Date, { description: 'Last change of the event or any of its attributes.' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @Field(() => Boolean, { description: 'A copy received from another hub (cannot be edited here except by sync).' })
  @Property({ type: 'boolean' })
  locked: boolean = false;

  @Field(() => Boolean, { description: 'Exclude this event from correlation.' })
  @Property({ type: 'boolean' })
  disableCorrelation: boolean = false;

  @Field(() => String, { nullable: true, description: 'Uuid of an event this one extends.' })
  @Property({ type: 'string', length: 36, nullable: true })
  extendsUuid?: string | null;

  /** Hub uuid this copy was received from (no echo: it is never pushed back there). */
  @Property({ type: 'string', length: 36, nullable: true })
  originHubUuid?: string | null;

  @Field(() => Date, { description: 'When the event was created here.' })
  declare createdAt: Date;

  /** Set on subscription deliveries only (not stored): the change-log cursor to resume after. */
  @Field(() => String, { nullable: true, description: 'Subscriptions only: the change-log cursor of this delivery; resubscribe with `since: <cursor>` to resume after it.' })
  changeCursor?: string;
}
