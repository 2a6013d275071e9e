import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Proposal } from './proposal.entity';
import { ProposeAttributeChangeInput, ProposeAttributeInput } from './proposal.inputs';
import * as proposals from './proposal.service';

@Resolver(() => Proposal)
export class ProposalResolver {
  @Authorized()
  @Query(() => Proposal, { nullable: true, description: 'One open proposal by uuid; NOT_FOUND when absent, closed, or not visible to the caller.' })
  proposal(@Arg('id', () => ID, { description: 'Proposal uuid.' }) id: string, @Ctx() scope: Scope) {
    return proposals.getProposal(scope, id);
  }

  @Authorized('event:write')
  @Mutation(() => Proposal, { description: 'Proposes a new attribute for an event the caller can see (any organisation; MISP "propose attribute").' })
  proposeAttribute(@Arg('input', () => ProposeAttributeInput, { description: 'The proposed attribute.' }) input: ProposeAttributeInput, @Ctx() scope: Scope) {
    return proposals.proposeAttribute(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => Proposal, { description: 'Proposes a change to an attribute the caller can see (MISP "propose edit").' })
  proposeAttributeChange(
    @Arg('input', () => ProposeAttributeChangeInput, { description: 'The proposed change.' }) input: ProposeAttributeChangeInput,
    @Ctx() scope: Scope,
  ) {
    return proposals.proposeAttributeChange(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => Proposal, { description: 'Proposes deleting an attribute the caller can see.' })
  proposeAttributeDeletion(@Arg('attributeId', () => ID, { description: 'Attribute uuid.' }) attributeId: string, @Ctx() scope: Scope) {
    return proposals.proposeAttributeDeletion(scope, attributeId);
  }

  @Authorized('event:write')
  @Mutation(() => Attribute, {
    description:
      'Accepts a proposal (the event\'s editors): applies it to the event — a new attribute (distribution INHERIT_EVENT), the change, ' +
      'or the deletion — and closes it. Returns the attribute written.',
  })
  acceptProposal(@Arg('id', () => ID, { description: 'Proposal uuid.' }) id: string, @Ctx() scope: Scope) {
    return proposals.acceptProposal(scope, id);
  }

  @Authorized('event:write')
  @Mutation(() => Proposal, { description: 'Discards a proposal (the event\'s editors, or the proposing organisation): it is closed unapplied.' })
  discardProposal(@Arg('id', () => ID, { description: 'Proposal uuid.' }) id: string, @Ctx() scope: Scope) {
    return proposals.discardProposal(scope, id);
  }

  @FieldResolver(() => Event, { description: 'The event the proposal is for.' })
  async event(@Parent() p: Proposal, @Ctx() scope: Scope): Promise<Event> {
    // A visible proposal always has a visible event (the rules require it).
    return (await scope.loaders.event.load(p.event.id))!;
  }

  @FieldResolver(() => Organisation, { description: 'The proposing organisation.' })
  async organisation(@Parent() p: Proposal, @Ctx() scope: Scope): Promise<Organisation> {
    return (await scope.loaders.organisation.load(p.org.id))!;
  }
}

/** `Event.proposals`, kept in this module (type-graphql merges the resolver classes). */
@Resolver(() => Event)
export class EventProposalsFieldResolver {
  @FieldResolver(() => [Proposal], {
    description:
      'Open proposals for the event, oldest first; a proposal about an attribute the caller may not see is left out. At most MAX_PAGE_SIZE.',
  })
  proposals(@Parent() e: Event, @Ctx() scope: Scope): Promise<Proposal[]> {
    return scope.loaders.eventProposals.load(e.id);
  }
}

/** `Attribute.proposals`, kept in this module. */
@Resolver(() => Attribute)
export class AttributeProposalsFieldResolver {
  @FieldResolver(() => [Proposal], { description: 'Open proposals to change or delete this attribute, oldest first; at most MAX_PAGE_SIZE.' })
  proposals(@Parent() a: Attribute, @Ctx() scope: Scope): Promise<Proposal[]> {
    return scope.loaders.attributeProposals.load(a.id);
  }
}
