import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Distribution } from '../../shared/enums';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';

/** A MISP event report: a named markdown document inside an event; visible by the attributes' rule (DESIGN §4). */
@ObjectType('EventReport', { description: 'A report (markdown) inside an event, as MISP event reports.' })
@Entity({ tableName: 'event_reports' })
@Index({ properties: ['event', 'deleted'] })
export class EventReport extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The report uuid.' })
  declare uuid: string;

  @ManyToOne(() => Event, { deleteRule: 'cascade' })
  event!: Event;

  @Field(() => String, { description: 'Title.' })
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Field(() => String, { description: 'Markdown content.' })
  @Property({ type: 'text', columnType: 'mediumtext' })
  content!: string;

  @Field(() => Distribution, { description: 'Distribution level (INHERIT_EVENT follows the event).' })
  @Enum({ items: () => Distribution, type: 'smallint' })
  distribution: Distribution = Distribution.INHERIT_EVENT;

  @ManyToOne(() => SharingGroup, { nullable: true, deleteRule: 'restrict' })
  sharingGroup?: SharingGroup | null;

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @Field(() => Boolean, { description: 'Soft-deleted (a tombstone).' })
  @Property({ type: 'boolean' })
  deleted: boolean = false;
}
