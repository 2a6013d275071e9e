import { Field, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity';

@ObjectType({ description: 'A newly created API key. `key` is shown this once and cannot be recovered.' })
export class CreatedApiKey {
  @Field(() => String, { description: 'The key: send it as `Authorization: <key>` or `Authorization: Bearer <key>`.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The stored key record.' })
  apiKey!: ApiKey;
}
