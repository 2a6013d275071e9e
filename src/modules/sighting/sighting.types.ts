import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Sightings of an attribute as the caller may see them: the event owner organisation sees every organisation\'s, others only their own.' })
export class SightingSummary {
  @Field(() => Int, { description: 'Number of SIGHTING reports.' })
  sightingCount!: number;

  @Field(() => Int, { description: 'Number of FALSE_POSITIVE reports.' })
  falsePositiveCount!: number;

  @Field(() => Int, { description: 'Number of EXPIRATION reports.' })
  expirationCount!: number;

  @Field(() => Date, { nullable: true, description: 'Time of the latest SIGHTING (last seen).' })
  lastSeen!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Time of the latest FALSE_POSITIVE report.' })
  lastFalsePositive!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Time of the latest EXPIRATION report.' })
  lastExpiration!: Date | null;
}
