import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { User } from '../user/user.entity';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput } from './api-key.inputs';
import { CreatedApiKey } from './api-key.types';
import * as apiKeys from './api-key.service';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized()
  @Query(() => [ApiKey], { description: 'The keys of a user (yourself, or a user you manage). Keys themselves are never shown.' })
  apiKeys(@Arg('userId', () => ID, { description: 'User uuid.' }) userId: string, @Ctx() scope: Scope) {
    return apiKeys.listApiKeys(scope, userId);
  }

  @Authorized()
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key for yourself or a user you manage; the key is returned once.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput, { description: 'The key to create.' }) input: CreateApiKeyInput, @Ctx() scope: Scope) {
    return apiKeys.createApiKey(scope, input);
  }

  @Authorized()
  @Mutation(() => ApiKey, { description: 'Revokes an API key at once; it is refused from then on.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'API key uuid.' }) id: string, @Ctx() scope: Scope) {
    return apiKeys.revokeApiKey(scope, id);
  }

  @FieldResolver(() => User, { description: 'The user the key authenticates as.' })
  user(@Parent() key: ApiKey, @Ctx() scope: Scope) {
    return scope.em.findOneOrFail(User, { id: key.user.id });
  }
}
