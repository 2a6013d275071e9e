import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AttributeFilter } from '../attribute/attribute.inputs';

@InputType({ description: 'A new TAXII collection (site admin): a saved attribute filter.' })
export class CreateTaxiiCollectionInput {
  @Field(() => String, { description: 'Title shown to TAXII clients (unique).' })
  @Length(1, 255)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description shown to TAXII clients.' })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => AttributeFilter, { description: 'Which attributes the collection serves (readers still see only what they may see).' })
  filter!: AttributeFilter;
}

@InputType({ description: 'Changes to a TAXII collection (site admin); absent fields stay as they are.' })
export class UpdateTaxiiCollectionInput {
  @Field(() => ID, { description: 'Collection uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @Length(1, 255)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => AttributeFilter, { nullable: true, description: 'New filter.' })
  @IsOptional()
  filter?: AttributeFilter | null;
}
