import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { Organisation } from './organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.inputs';
import * as organisations from './organisation.service';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Authorized()
  @Query(() => [Organisation], { description: 'Every organisation known to this hub.' })
  organisations(@Ctx() scope: Scope): Promise<Organisation[]> {
    return organisations.listOrganisations(scope);
  }

  @Authorized()
  @Query(() => Organisation, { description: 'One organisation by uuid.' })
  organisation(@Arg('id', () => ID, { description: 'Organisation uuid.' }) id: string, @Ctx() scope: Scope) {
    return organisations.getOrganisation(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => Organisation, { description: 'Creates an organisation (site admin).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput, { description: 'The new organisation.' }) input: CreateOrganisationInput,
    @Ctx() scope: Scope,
  ) {
    return organisations.createOrganisation(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => Organisation, { description: 'Changes an organisation (site admin).' })
  updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput, { description: 'The changes.' }) input: UpdateOrganisationInput,
    @Ctx() scope: Scope,
  ) {
    return organisations.updateOrganisation(scope, input);
  }
}
