import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new API key for a user.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'Uuid of the user the key authenticates as.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for.' })
  @IsOptional()
  @Length(0, 255)
  comment?: string;

  @Field(() => Date, { nullable: true, description: 'Expiry instant; the key never expires when absent.' })
  @IsOptional()
  expiresAt?: Date;
}
