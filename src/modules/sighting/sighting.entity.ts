import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity';
import { Attribute } from '../attribute/attribute.entity';
import { Organisation } from '../organisation/organisation.entity';

/** MISP sighting types (0 sighting, 1 false positive, 2 expiration). */
export enum SightingType {
  SIGHTING = 'SIGHTING',
  FALSE_POSITIVE = 'FALSE_POSITIVE',
  EXPIRATION = 'EXPIRATION',
}
registerEnumType(SightingType, {
  name: 'SightingType',
  description: 'What a sighting reports (MISP sighting types 0–2).',
  valuesConfig: {
    SIGHTING: { description: 'The value was seen (0).' },
    FALSE_POSITIVE: { description: 'The value was reported as a false positive (1).' },
    EXPIRATION: { description: 'The value is reported as expired: no longer a valid indicator (2).' },
  },
});

/**
 * One sighting of an attribute by an organisation. Who may see it is decided by policy.canSeeSighting
 * (MISP's default policy: the event owner's organisation sees all, other organisations their own).
 */
@ObjectType({ description: 'A sighting of an attribute: seen, false positive or expired, reported by an organisation.' })
@Entity({ tableName: 'sightings' })
@Index({ properties: ['attribute', 'type'] })
export class Sighting extends BaseEntity {
  @Field(() => ID, { name: 'id', description: 'The sighting uuid.' })
  declare uuid: string;

  @ManyToOne(() => Attribute, { deleteRule: 'cascade' })
  attribute!: Attribute;

  /** The reporting organisation. */
  @ManyToOne(() => Organisation, { deleteRule: 'cascade' })
  org!: Organisation;

  /** A plain string column (like the change log's kind): values are checked by the service. */
  @Field(() => SightingType, { description: 'What the sighting reports.' })
  @Property({ type: 'string', length: 20 })
  type!: SightingType;

  @Field(() => String, { nullable: true, description: 'Where it was seen (a sensor, a tool, a feed name).' })
  @Property({ type: 'string', length: 255, nullable: true })
  source?: string | null;

  @Field(() => Date, { description: 'When it was seen.' })
  @Property({ type: 'datetime', length: 3 })
  at!: Date;
}
