import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { CreateTaxiiCollectionInput, UpdateTaxiiCollectionInput } from './taxii.inputs';
import { TaxiiCollection } from './taxii-collection.entity';
import * as collections from './taxii-collection.service';

@Resolver(() => TaxiiCollection)
export class TaxiiCollectionResolver {
  @Query(() => [TaxiiCollection], { description: 'The TAXII collections defined on this hub (besides the default "everything you may see").' })
  taxiiCollections(@Ctx() scope: Scope) {
    return collections.listTaxiiCollections(scope);
  }

  @Authorized('site:admin')
  @Mutation(() => TaxiiCollection, { description: 'Defines a TAXII collection as a saved attribute filter (site admin).' })
  createTaxiiCollection(@Arg('input', () => CreateTaxiiCollectionInput, { description: 'The collection.' }) input: CreateTaxiiCollectionInput, @Ctx() scope: Scope) {
    return collections.createTaxiiCollection(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => TaxiiCollection, { description: 'Changes a TAXII collection (site admin).' })
  updateTaxiiCollection(@Arg('input', () => UpdateTaxiiCollectionInput, { description: 'The changes.' }) input: UpdateTaxiiCollectionInput, @Ctx() scope: Scope) {
    return collections.updateTaxiiCollection(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => Boolean, { description: 'Deletes a TAXII collection (site admin).' })
  deleteTaxiiCollection(@Arg('id', () => ID, { description: 'Collection uuid.' }) id: string, @Ctx() scope: Scope) {
    return collections.deleteTaxiiCollection(scope, id);
  }
}
