import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { MispObject } from './object.entity';

/**
 * A MISP object reference: a typed edge from an object to another object or attribute, named by uuid
 * (the target may be in another event or not on this hub at all). Visible with its source object; shown
 * to a reader only when the reader may also see the target (or the target is not on this hub), so a
 * reference never reveals half of something invisible.
 */
@ObjectType('ObjectReference', { description: 'A typed reference from an object to another object or attribute (by uuid).' })
@Entity({ tableName: 'object_references' })
@Index({ properties: ['object', 'deleted'] })
@Index({ properties: ['targetUuid'] })
export class ObjectReference extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The reference uuid.' })
  declare uuid: string;

  /** The source object. */
  @ManyToOne(() => MispObject, { deleteRule: 'cascade' })
  object!: MispObject;

  @Field(() => String, { description: 'Uuid of the referenced object or attribute.' })
  @Property({ type: 'string', length: 36 })
  targetUuid!: string;

  @Field(() => String, { description: 'Relationship (e.g. related-to, drops, communicates-with).' })
  @Property({ type: 'string', length: 255 })
  relationshipType!: string;

  @Field(() => String, { nullable: true, description: 'Analyst comment.' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @Field(() => Boolean, { description: 'Soft-deleted (a tombstone).' })
  @Property({ type: 'boolean' })
  deleted: boolean = false;
}
