import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity';

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

@ObjectType({ description: 'A newly created API key. `key` is shown this once and cannot be recovered.' })
export class CreatedApiKey {
  @Field(() => String, { description: 'The key: send it as `Authorization: <key>` or `Authorization: Bearer <key>`.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The stored key record.' })
  apiKey!: ApiKey;
}
