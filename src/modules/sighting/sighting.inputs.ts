import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SightingType } from './sighting.entity';

@InputType({ description: 'A sighting to add: on one attribute (attributeId) or on every attribute with a value (value) that the caller may see.' })
export class AddSightingInput {
  @Field(() => ID, { nullable: true, description: 'Attribute uuid (give this or value).' })
  attributeId?: string | null;

  @Field(() => String, { nullable: true, description: 'A value: every visible attribute with exactly this value gets the sighting (give this or attributeId).' })
  @IsOptional()
  @Length(1, 65535)
  value?: string | null;

  @Field(() => SightingType, { description: 'What is reported.' })
  type!: SightingType;

  @Field(() => String, { nullable: true, description: 'Where it was seen (sensor, tool); at most 255 characters.' })
  source?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was seen (default now; not in the future).' })
  timestamp?: Date | null;
}
