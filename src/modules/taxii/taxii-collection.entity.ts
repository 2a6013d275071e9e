import { Entity, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';

/**
 * A TAXII collection defined by a site admin: a saved attribute filter (the AttributeFilter of GraphQL,
 * stored as JSON). Readers see in it only what they may see anyway; the filter can only narrow that.
 */
@ObjectType({ description: 'A TAXII 2.1 collection: a saved attribute filter served at /taxii2/api/collections/{id}/.' })
@Entity({ tableName: 'taxii_collections' })
export class TaxiiCollection extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'Collection uuid (the TAXII collection id).' })
  declare uuid: string;

  @Field(() => String, { description: 'Title shown to TAXII clients (unique).' })
  @Property({ type: 'string', length: 255, unique: true })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description shown to TAXII clients.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The AttributeFilter as JSON. */
  @Field(() => String, { description: 'The saved attribute filter, as JSON (an AttributeFilter).' })
  @Property({ type: 'text' })
  filter!: string;
}
