import { Collection, Entity, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Organisation } from '../organisation/organisation.entity';

@ObjectType({ description: 'A sharing group: a named set of organisations and hubs that may see data distributed to it.' })
@Entity({ tableName: 'sharing_groups' })
export class SharingGroup extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The sharing group uuid.' })
  declare uuid: string;

  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Releasability statement.' })
  @Property({ type: 'text', nullable: true })
  releasability?: string | null;

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  ownerOrg!: Organisation;

  @Field(() => Boolean, { description: 'Roaming: data may travel to any hub where a member organisation is present.' })
  @Property({ type: 'boolean' })
  roaming: boolean = false;

  @Field(() => Boolean, { description: 'Inactive groups cannot be chosen for new data.' })
  @Property({ type: 'boolean' })
  active: boolean = true;

  /** Last change instant, compared by uuid across hubs. */
  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'datetime', length: 3 })
  timestamp: Date = new Date();

  @OneToMany(() => SharingGroupOrg, (m) => m.sharingGroup, { orphanRemoval: true })
  orgs = new Collection<SharingGroupOrg>(this);

  @OneToMany(() => SharingGroupServer, (m) => m.sharingGroup, { orphanRemoval: true })
  servers = new Collection<SharingGroupServer>(this);
}

/** An organisation member of a sharing group; `extend` lets it add members. */
@Entity({ tableName: 'sharing_group_orgs' })
@Unique({ properties: ['sharingGroup', 'organisation'] })
export class SharingGroupOrg {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => SharingGroup, { deleteRule: 'cascade' })
  sharingGroup!: SharingGroup;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade' })
  organisation!: Organisation;

  @Property({ type: 'boolean' })
  extend: boolean = false;
}

/**
 * A hub member of a sharing group. `isLocal` is this hub; peers arrive with federation.
 * With `allOrgs`, every organisation on that hub is a member.
 */
@Entity({ tableName: 'sharing_group_servers' })
export class SharingGroupServer {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => SharingGroup, { deleteRule: 'cascade' })
  sharingGroup!: SharingGroup;

  @Property({ type: 'boolean' })
  isLocal: boolean = true;

  /** For other hubs (isLocal false): the listed hub's uuid (a peer, or a hub known through sync). */
  @Property({ type: 'string', length: 36, nullable: true })
  hubUuid?: string | null;

  @Property({ type: 'boolean' })
  allOrgs: boolean = false;
}
