import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Role } from '../../shared/enums';
import { Organisation } from '../organisation/organisation.entity';

@ObjectType({ description: 'A user of this hub; belongs to one organisation and has one role.' })
@Entity({ tableName: 'users' })
export class User extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The user uuid.' })
  declare uuid: string;

  @Field(() => String, { description: 'E-mail address (unique, lower case).' })
  @Property({ type: 'string', length: 255, unique: true })
  email!: string;

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  organisation!: Organisation;

  @Field(() => Role, { description: 'Role, with MISP meaning.' })
  @Property({ type: 'string', length: 20 })
  role!: Role;

  @Field(() => Boolean, { description: 'A disabled user cannot authenticate.' })
  @Property({ type: 'boolean' })
  disabled: boolean = false;

  @Field(() => Date, { description: 'When the user was created.' })
  declare createdAt: Date;
}
