import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Sighting } from './sighting.entity';
import { AddSightingInput } from './sighting.inputs';
import { SightingSummary } from './sighting.types';
import { addSighting } from './sighting.service';

@Resolver(() => Sighting)
export class SightingResolver {
  @Authorized('sighting:add')
  @Mutation(() => [Sighting], {
    description:
      'Reports a sighting (seen, false positive, expired) by the caller\'s organisation: on one attribute, or on every attribute with a value that the caller may see. Returns the sightings created (all or nothing).',
  })
  addSighting(@Arg('input', () => AddSightingInput, { description: 'What was sighted, how and when.' }) input: AddSightingInput, @Ctx() scope: Scope) {
    return addSighting(scope, input);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that reported the sighting.' })
  organisation(@Parent() s: Sighting, @Ctx() scope: Scope) {
    return scope.loaders.organisation.load(s.org.id);
  }

  @FieldResolver(() => Attribute, { description: 'The attribute sighted.' })
  attribute(@Parent() s: Sighting) {
    return s.attribute;
  }
}

@Resolver(() => Attribute)
export class AttributeSightingsResolver {
  @FieldResolver(() => SightingSummary, {
    description: 'Sighting counts and last times (the event owner organisation counts every organisation\'s sightings; others only their own).',
  })
  sightings(@Parent() a: Attribute, @Ctx() scope: Scope): Promise<SightingSummary> {
    return scope.loaders.sightingSummary.load(a.id);
  }
}
