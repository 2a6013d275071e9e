import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new organisation.' })
export class CreateOrganisationInput {
  @Field(() => String, { description: 'Unique name.' })
  @Length(1, 255)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free-text description.' })
  @IsOptional()
  @Length(0, 65535)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'Uuid to use (e.g. the organisation\'s uuid on its own hub); random when absent.' })
  @IsOptional()
  @IsUUID()
  uuid?: string;

  @Field(() => String, { nullable: true, description: 'Organisation type.' })
  @IsOptional()
  @Length(0, 255)
  type?: string;

  @Field(() => String, { nullable: true, description: 'Nationality.' })
  @IsOptional()
  @Length(0, 255)
  nationality?: string;

  @Field(() => String, { nullable: true, description: 'Sector.' })
  @IsOptional()
  @Length(0, 255)
  sector?: string;

  @Field(() => Boolean, { nullable: true, description: 'False for a known remote organisation without users here (default true).' })
  local?: boolean;
}

@InputType({ description: 'Changes to an organisation; absent fields stay as they are.' })
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New unique name.' })
  @IsOptional()
  @Length(1, 255)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @Length(0, 65535)
  description?: string;

  @Field(() => String, { nullable: true, description: 'New type.' })
  @IsOptional()
  @Length(0, 255)
  type?: string;

  @Field(() => String, { nullable: true, description: 'New nationality.' })
  @IsOptional()
  @Length(0, 255)
  nationality?: string;

  @Field(() => String, { nullable: true, description: 'New sector.' })
  @IsOptional()
  @Length(0, 255)
  sector?: string;
}
