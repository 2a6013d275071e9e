import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Distribution } from '../../shared/enums';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';

/**
 * A MISP object: a named group of attributes built from a template (file, domain-ip, email …). Its
 * attributes are ordinary attributes that point at it (Attribute.object, with objectRelation). Access
 * rules are the attributes' (DESIGN §4): an object is visible inside a visible event when the viewer's
 * organisation owns the event, or its distribution is 1, 2, 3 or INHERIT_EVENT, or it is SHARING_GROUP
 * and the organisation is a member; an invisible object hides its attributes and references.
 */
@ObjectType('Object', { description: 'A MISP object: a template-shaped group of attributes (file, domain-ip, email …) inside an event.' })
@Entity({ tableName: 'objects' })
@Index({ properties: ['event', 'deleted'] })
@Index({ properties: ['name'] })
@Index({ properties: ['timestamp'] })
/** TAXII collections page in (date added, id) order (modules/taxii). */
@Index({ properties: ['createdAt', 'id'] })
export class MispObject extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The object uuid.' })
  declare uuid: string;

  @ManyToOne(() => Event, { deleteRule: 'cascade' })
  event!: Event;

  @Field(() => String, { description: 'Template name (e.g. file, domain-ip, email).' })
  @Property({ type: 'string', length: 131 })
  name!: string;

  @Field(() => String, { description: 'MISP meta-category (e.g. file, network, financial).' })
  @Property({ type: 'string', length: 255 })
  metaCategory!: string;

  @Field(() => String, { nullable: true, description: 'What the template describes.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Uuid of the MISP object template.' })
  @Property({ type: 'string', length: 36, nullable: true })
  templateUuid?: string | null;

  @Field(() => String, { nullable: true, description: 'Version of the MISP object template.' })
  @Property({ type: 'string', length: 20, nullable: true })
  templateVersion?: string | null;

  @Field(() => String, { nullable: true, description: 'Analyst comment.' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => Distribution, { description: 'Distribution level (INHERIT_EVENT follows the event).' })
  @Enum({ items: () => Distribution, type: 'smallint' })
  distribution: Distribution = Distribution.INHERIT_EVENT;

  /** Set if and only if distribution is SHARING_GROUP. */
  @ManyToOne(() => SharingGroup, { nullable: true, deleteRule: 'restrict' })
  sharingGroup?: SharingGroup | null;

  @Field(() => Date, { nullable: true, description: 'First seen in the wild.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  firstSeen?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last seen in the wild.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastSeen?: Date | null;

  @Field(() => Date, { description: 'Last change (newer wins per object on sync).' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @Field(() => Boolean, { description: 'Soft-deleted (a tombstone); its attributes are deleted with it.' })
  @Property({ type: 'boolean' })
  deleted: boolean = false;

  /** Set on subscription deliveries only (not stored): the change-log cursor to resume after. */
  changeCursor?: string;
}
