import { Entity, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';

@ObjectType({ description: 'An organisation: the unit that owns, creates and is allowed to see data.' })
@Entity({ tableName: 'organisations' })
export class Organisation extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The organisation uuid.' })
  declare uuid: string;

  @Field(() => String, { description: 'Unique name.' })
  @Property({ type: 'string', length: 255, unique: true })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free-text description.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation type (e.g. CSIRT, vendor).' })
  @Property({ type: 'string', length: 255, nullable: true })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'Nationality.' })
  @Property({ type: 'string', length: 255, nullable: true })
  nationality?: string | null;

  @Field(() => String, { nullable: true, description: 'Sector.' })
  @Property({ type: 'string', length: 255, nullable: true })
  sector?: string | null;

  @Field(() => Boolean, { description: 'True when the organisation has users on this hub; false for known remote organisations.' })
  @Property({ type: 'boolean' })
  local: boolean = true;

  @Field(() => Date, { description: 'When the organisation was created here.' })
  declare createdAt: Date;
}
