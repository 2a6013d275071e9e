import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Organisation } from '../organisation/organisation.entity';
import { User } from './user.entity';
import { CreateUserInput, UpdateUserInput } from './user.inputs';
import * as users from './user.service';

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { description: 'The user the API key belongs to.' })
  me(@Ctx() scope: Scope) {
    return users.me(scope);
  }

  @Authorized()
  @Query(() => [User], { description: 'Users the caller may see: site admin all, org admin their organisation, others themselves.' })
  users(
    @Arg('organisationId', () => ID, { nullable: true, description: 'Only users of this organisation.' }) organisationId: string | null,
    @Ctx() scope: Scope,
  ) {
    return users.listUsers(scope, organisationId);
  }

  @Authorized()
  @Query(() => User, { description: 'One user by uuid.' })
  user(@Arg('id', () => ID, { description: 'User uuid.' }) id: string, @Ctx() scope: Scope) {
    return users.getUser(scope, id);
  }

  @Authorized('org:admin')
  @Mutation(() => User, { description: 'Creates a user (site admin; org admin in their own organisation).' })
  createUser(@Arg('input', () => CreateUserInput, { description: 'The new user.' }) input: CreateUserInput, @Ctx() scope: Scope) {
    return users.createUser(scope, input);
  }

  @Authorized('org:admin')
  @Mutation(() => User, { description: 'Changes a user\'s role or disables them.' })
  updateUser(@Arg('input', () => UpdateUserInput, { description: 'The changes.' }) input: UpdateUserInput, @Ctx() scope: Scope) {
    return users.updateUser(scope, input);
  }

  @FieldResolver(() => Organisation, { description: 'The user\'s organisation.' })
  async organisation(@Parent() user: User, @Ctx() scope: Scope): Promise<Organisation> {
    return (await scope.loaders.organisation.load(user.organisation.id))!;
  }
}
