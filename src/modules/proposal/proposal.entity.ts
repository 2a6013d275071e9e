import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';

/**
 * A proposal (MISP ShadowAttribute): another organisation's suggested new attribute, change to an
 * attribute (`attributeUuid`), or deletion of one (`proposalToDelete`). Seen by whoever may see the event
 * (and the attribute it targets); accepted or discarded by the event's editors (policy.canEditEvent).
 */
@ObjectType('Proposal', { description: 'A proposal (MISP ShadowAttribute): a suggested attribute, change or deletion, for the event editors to accept or discard.' })
@Entity({ tableName: 'proposals' })
@Index({ properties: ['event', 'deleted'] })
@Index({ properties: ['attributeUuid'] })
export class Proposal extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The proposal uuid.' })
  declare uuid: string;

  @ManyToOne(() => Event, { deleteRule: 'cascade' })
  event!: Event;

  /** The proposing organisation. */
  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  org!: Organisation;

  @Field(() => String, { nullable: true, description: 'Uuid of the attribute this proposal changes or deletes; null for a new attribute.' })
  @Property({ type: 'string', length: 36, nullable: true })
  attributeUuid?: string | null;

  @Field(() => String, { description: 'Attribute type.' })
  @Property({ type: 'string', length: 100 })
  type!: string;

  @Field(() => String, { description: 'Category.' })
  @Property({ type: 'string', length: 100 })
  category!: string;

  @Field(() => String, { description: 'Proposed value.' })
  @Property({ type: 'text' })
  value!: string;

  @Field(() => Boolean, { description: 'Proposed IDS flag.' })
  @Property({ type: 'boolean' })
  toIds!: boolean;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => String, { nullable: true, description: 'Object relation (a proposal for an object attribute).' })
  @Property({ type: 'string', length: 255, nullable: true })
  objectRelation?: string | null;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  firstSeen?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastSeen?: Date | null;

  @Field(() => Boolean, { description: 'A proposal to delete the attribute.' })
  @Property({ type: 'boolean' })
  proposalToDelete: boolean = false;

  @Field(() => Date, { description: 'When proposed (last change).' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @Field(() => Boolean, { description: 'Discarded or accepted (a tombstone).' })
  @Property({ type: 'boolean' })
  deleted: boolean = false;
}
