import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup } from './sharing-group.entity';
import { AddSharingGroupOrganisationInput, CreateSharingGroupInput, UpdateSharingGroupInput } from './sharing-group.inputs';
import { SharingGroupMember } from './sharing-group.types';
import * as groups from './sharing-group.service';

@Resolver(() => SharingGroup)
export class SharingGroupResolver {
  @Authorized()
  @Query(() => [SharingGroup], { description: 'Sharing groups the caller\'s organisation is a member of (site admin: all).' })
  sharingGroups(@Ctx() scope: Scope) {
    return groups.listSharingGroups(scope);
  }

  @Authorized()
  @Query(() => SharingGroup, { description: 'One sharing group by uuid (NOT_FOUND unless the caller is a member).' })
  sharingGroup(@Arg('id', () => ID, { description: 'Sharing group uuid.' }) id: string, @Ctx() scope: Scope) {
    return groups.getSharingGroup(scope, id);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Creates a sharing group owned by the caller\'s organisation.' })
  createSharingGroup(@Arg('input', () => CreateSharingGroupInput, { description: 'The new group.' }) input: CreateSharingGroupInput, @Ctx() scope: Scope) {
    return groups.createSharingGroup(scope, input);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Changes a sharing group (owner organisation or site admin).' })
  updateSharingGroup(@Arg('input', () => UpdateSharingGroupInput, { description: 'The changes.' }) input: UpdateSharingGroupInput, @Ctx() scope: Scope) {
    return groups.updateSharingGroup(scope, input);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Adds a member organisation (owner, a member with extend, or site admin).' })
  addSharingGroupOrganisation(
    @Arg('input', () => AddSharingGroupOrganisationInput, { description: 'Group and organisation.' }) input: AddSharingGroupOrganisationInput,
    @Ctx() scope: Scope,
  ) {
    return groups.addOrganisation(scope, input);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Removes a member organisation; it stops seeing the group\'s data at once.' })
  removeSharingGroupOrganisation(
    @Arg('sharingGroupId', () => ID, { description: 'Sharing group uuid.' }) sharingGroupId: string,
    @Arg('organisationId', () => ID, { description: 'Organisation uuid.' }) organisationId: string,
    @Ctx() scope: Scope,
  ) {
    return groups.removeOrganisation(scope, sharingGroupId, organisationId);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Lists this hub as a member instance; with allOrgs every organisation here is a member.' })
  addSharingGroupThisHub(
    @Arg('sharingGroupId', () => ID, { description: 'Sharing group uuid.' }) sharingGroupId: string,
    @Arg('allOrgs', () => Boolean, { defaultValue: false, description: 'Make every organisation on this hub a member.' }) allOrgs: boolean,
    @Ctx() scope: Scope,
  ) {
    return groups.setThisHub(scope, sharingGroupId, allOrgs);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Removes this hub from the member instances.' })
  removeSharingGroupThisHub(@Arg('sharingGroupId', () => ID, { description: 'Sharing group uuid.' }) sharingGroupId: string, @Ctx() scope: Scope) {
    return groups.removeThisHub(scope, sharingGroupId);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that owns the group.' })
  async ownerOrg(@Parent() sg: SharingGroup, @Ctx() scope: Scope) {
    return (await scope.loaders.organisation.load(sg.ownerOrg.id))!;
  }

  @FieldResolver(() => [SharingGroupMember], { description: 'Member organisations.' })
  async organisations(@Parent() sg: SharingGroup, @Ctx() scope: Scope): Promise<SharingGroupMember[]> {
    const rows = await scope.loaders.sharingGroupOrgs.load(sg.id);
    return Promise.all(
      rows.map(async (r) => ({ organisation: (await scope.loaders.organisation.load(r.organisation.id))!, extend: r.extend })),
    );
  }

  @FieldResolver(() => Boolean, { description: 'This hub is listed as a member instance.' })
  async thisHub(@Parent() sg: SharingGroup, @Ctx() scope: Scope) {
    return (await scope.loaders.sharingGroupServers.load(sg.id)).some((s) => s.isLocal);
  }

  @FieldResolver(() => [ID], { description: 'Uuids of other hubs (peers) listed as member instances.' })
  async peerHubs(@Parent() sg: SharingGroup, @Ctx() scope: Scope) {
    return (await scope.loaders.sharingGroupServers.load(sg.id)).filter((s) => !s.isLocal && s.hubUuid).map((s) => s.hubUuid!);
  }

  @FieldResolver(() => Boolean, { description: 'This hub is listed with allOrgs: every organisation here is a member.' })
  async thisHubAllOrgs(@Parent() sg: SharingGroup, @Ctx() scope: Scope) {
    return (await scope.loaders.sharingGroupServers.load(sg.id)).some((s) => s.isLocal && s.allOrgs);
  }
}
