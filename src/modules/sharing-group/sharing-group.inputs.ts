import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new sharing group; the caller\'s organisation owns it and is a member.' })
export class CreateSharingGroupInput {
  @Field(() => String, { description: 'Name.' })
  @Length(1, 255)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @IsOptional()
  @Length(0, 65535)
  description?: string;

  @Field(() => String, { nullable: true, description: 'Releasability statement.' })
  @IsOptional()
  @Length(0, 65535)
  releasability?: string;

  @Field(() => Boolean, { nullable: true, description: 'Roaming: data may travel to any hub where a member organisation is present (default false).' })
  roaming?: boolean;

  @Field(() => [ID], { nullable: true, description: 'Uuids of further member organisations.' })
  organisationIds?: string[];

  @Field(() => Boolean, { nullable: true, description: 'List this hub with allOrgs: every organisation on this hub becomes a member (default false).' })
  thisHubAllOrgs?: boolean;
}

@InputType({ description: 'Changes to a sharing group; absent fields stay as they are.' })
export class UpdateSharingGroupInput {
  @Field(() => ID, { description: 'Sharing group uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 255)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @Length(0, 65535)
  description?: string;

  @Field(() => String, { nullable: true, description: 'New releasability statement.' })
  @IsOptional()
  @Length(0, 65535)
  releasability?: string;

  @Field(() => Boolean, { nullable: true, description: 'Roaming on or off.' })
  roaming?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Active or inactive (inactive groups cannot be chosen for new data).' })
  active?: boolean;
}

@InputType({ description: 'Adds an organisation to a sharing group.' })
export class AddSharingGroupOrganisationInput {
  @Field(() => ID, { description: 'Sharing group uuid.' })
  sharingGroupId!: string;

  @Field(() => ID, { description: 'Organisation uuid.' })
  organisationId!: string;

  @Field(() => Boolean, { nullable: true, description: 'May this organisation add further members? (default false)' })
  extend?: boolean;
}
