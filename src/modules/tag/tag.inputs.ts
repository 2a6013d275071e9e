import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new tag.' })
export class CreateTagInput {
  @Field(() => String, { description: 'Name (unique, case-insensitive), e.g. tlp:green.' })
  @Length(1, 255)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Colour as #rrggbb.' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'colour must be #rrggbb' })
  colour?: string;

  @Field(() => Boolean, { nullable: true, description: 'Exportable tags may travel to peers (default true).' })
  exportable?: boolean;
}

@InputType({ description: 'Attaches a tag (created on first use) to an event or attribute.' })
export class TagTargetInput {
  @Field(() => ID, { description: 'Uuid of the event or attribute.' })
  id!: string;

  @Field(() => String, { description: 'Tag name.' })
  @Length(1, 255)
  tag!: string;

  @Field(() => Boolean, { nullable: true, description: 'A local tag stays on this hub and never travels (default false). Any organisation that can see the data may add local tags.' })
  local?: boolean;
}
