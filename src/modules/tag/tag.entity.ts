import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';

@ObjectType({ description: 'A tag (e.g. tlp:green, a taxonomy or galaxy tag). Names are unique, case-insensitively.' })
@Entity({ tableName: 'tags' })
export class Tag extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The tag uuid.' })
  declare uuid: string;

  @Field(() => String, { description: 'Name as first written.' })
  @Property({ type: 'string', length: 255 })
  name!: string;

  /** Lower-cased name: the case-insensitive identity. */
  @Property({ type: 'string', length: 255, unique: true })
  nameKey!: string;

  @Field(() => String, { description: 'Display colour (#rrggbb).' })
  @Property({ type: 'string', length: 7 })
  colour: string = '#999999';

  @Field(() => Boolean, { description: 'Non-exportable tags never leave this hub.' })
  @Property({ type: 'boolean' })
  exportable: boolean = true;
}

/** A tag on an event; `local` tags never leave the hub and belong to the organisation that added them. */
@Entity({ tableName: 'event_tags' })
@Unique({ properties: ['event', 'tag'] })
@Index({ properties: ['tag'] })
export class EventTag {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => Event, { deleteRule: 'cascade' })
  event!: Event;

  @ManyToOne(() => Tag, { deleteRule: 'cascade' })
  tag!: Tag;

  @Property({ type: 'boolean' })
  local: boolean = false;

  /** The organisation that added a local link (its owner: only it removes it); null on global links. */
  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'cascade' })
  org?: Organisation | null;
}

/** A tag on an attribute; `local` tags never leave the hub and belong to the organisation that added them. */
@Entity({ tableName: 'attribute_tags' })
@Unique({ properties: ['attribute', 'tag'] })
@Index({ properties: ['tag'] })
export class AttributeTag {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => Attribute, { deleteRule: 'cascade' })
  attribute!: Attribute;

  @ManyToOne(() => Tag, { deleteRule: 'cascade' })
  tag!: Tag;

  @Property({ type: 'boolean' })
  local: boolean = false;

  /** The organisation that added a local link (its owner: only it removes it); null on global links. */
  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'cascade' })
  org?: Organisation | null;
}
