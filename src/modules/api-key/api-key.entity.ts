import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { User } from '../user/user.entity';

@ObjectType({ description: 'An API key. The key itself is shown once at creation and stored only as a hash.' })
@Entity({ tableName: 'api_keys' })
export class ApiKey extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The key uuid (not the key).' })
  declare uuid: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  /** sha256 of the key, hex. The key itself is never stored. */
  @Property({ type: 'string', length: 64, unique: true })
  keyHash!: string;

  @Field(() => String, { description: 'Last four characters of the key, for recognising it.' })
  @Property({ type: 'string', length: 4 })
  last4!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for.' })
  @Property({ type: 'string', length: 255, nullable: true })
  comment?: string | null;

  @Field(() => Date, { nullable: true, description: 'After this instant the key is refused.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; a revoked key is refused.' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last successful authentication (minute precision).' })
  @Property({ type: 'datetime', length: 3, nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { description: 'When the key was created.' })
  declare createdAt: Date;
}
