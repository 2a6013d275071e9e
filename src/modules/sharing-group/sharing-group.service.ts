import { EntityManager } from '@mikro-orm/core';
import { isSiteAdmin } from '../../auth/actor';
import { canChangeSharingGroup, canSeeSharingGroup, SharingGroupChange, canUseSharingGroup } from '../../auth/policy';
import { Scope, requireActor } from '../../graphql/scope';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { badInput, conflict, forbidden, notFound } from '../../shared/errors';
import { writeTransaction } from '../../db/change-recorder';
import { Organisation } from '../organisation/organisation.entity';
import { getOrganisation } from '../organisation/organisation.service';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from './sharing-group.entity';
import { AddSharingGroupOrganisationInput, CreateSharingGroupInput, UpdateSharingGroupInput } from './sharing-group.inputs';

/** The groups the caller may see (the scope's `visible` filter: policy.sharingGroupVisibilityFilter). */
export const listSharingGroups = (scope: Scope) => scope.em.find(SharingGroup, {}, { orderBy: { name: 'asc' } });

/** A sharing group the caller is a member of (or any, for site admins); otherwise NOT_FOUND. */
export async function getSharingGroup(scope: Scope, uuid: string, em: EntityManager = scope.em): Promise<SharingGroup> {
  const sg = await em.findOne(SharingGroup, { uuid: uuid.toLowerCase() });
  if (!sg || !canSeeSharingGroup(scope.viewer, sg.id)) throw notFound('Sharing group', uuid);
  return sg;
}

/**
 * Checks a distribution / sharing-group pair for new or changed data: a sharing group is set if and only
 * if the distribution is SHARING_GROUP, it must exist for the caller (else NOT_FOUND) and be active.
 */
export async function resolveDistribution(
  scope: Scope,
  em: EntityManager,
  distribution: Distribution,
  sharingGroupUuid: string | null | undefined,
  opts: { allowInherit: boolean },
): Promise<{ distribution: Distribution; sharingGroup: SharingGroup | null }> {
  if (distribution === Distribution.INHERIT_EVENT && !opts.allowInherit) {
    throw badInput('Distribution INHERIT_EVENT is only valid for attributes');
  }
  if (distribution !== Distribution.SHARING_GROUP) {
    if (sharingGroupUuid) {
      throw badInput(
        `sharingGroupId "${sharingGroupUuid}" was given with distribution ${Distribution[distribution]}: a sharing group requires distribution SHARING_GROUP`,
      );
    }
    return { distribution, sharingGroup: null };
  }
  if (!sharingGroupUuid) throw badInput('Distribution SHARING_GROUP requires a sharingGroupId');
  const sg = await getSharingGroup(scope, sharingGroupUuid, em);
  if (!canUseSharingGroup(scope.viewer, sg.id, sg.active)) {
    throw badInput(`Sharing group "${sharingGroupUuid}" is inactive and cannot be used for new data`);
  }
  return { distribution, sharingGroup: sg };
}

/**
 * An update's distribution change applied to an event or to what lives in one (attribute, object, report):
 * nothing when the input names neither field; otherwise the new level with the group (the stored group
 * kept when only the level changes), checked by resolveDistribution.
 */
export async function applyDistributionChange(
  scope: Scope,
  em: EntityManager,
  target: { distribution: Distribution; sharingGroup?: SharingGroup | null },
  input: { distribution?: Distribution | null; sharingGroupId?: string | null },
  opts: { allowInherit: boolean },
): Promise<void> {
  if (input.distribution == null && input.sharingGroupId === undefined) return;
  const d = await resolveDistribution(
    scope,
    em,
    input.distribution ?? target.distribution,
    input.sharingGroupId === undefined ? target.sharingGroup?.uuid : input.sharingGroupId,
    opts,
  );
  target.distribution = d.distribution;
  target.sharingGroup = d.sharingGroup;
}

export async function createSharingGroup(scope: Scope, input: CreateSharingGroupInput): Promise<SharingGroup> {
  const sg = await insertSharingGroup(scope, input);
  await scope.bus.publishAccess({});
  return sg;
}

async function insertSharingGroup(scope: Scope, input: CreateSharingGroupInput): Promise<SharingGroup> {
  const actor = requireActor(scope);
  if (actor.orgId === null) throw forbidden('A sharing group needs an owner organisation');
  const members: Organisation[] = [];
  for (const id of new Set((input.organisationIds ?? []).map((i) => i.toLowerCase()))) members.push(await getOrganisation(scope, id));
  return writeTransaction(scope, async (em, changes) => {
    const owner = em.getReference(Organisation, actor.orgId!);
    const sg = em.create(SharingGroup, {
      name: input.name.trim(),
      description: input.description ?? null,
      releasability: input.releasability ?? null,
      ownerOrg: owner,
      roaming: input.roaming ?? false,
      active: true,
      timestamp: scope.clock.now(),
    } as SharingGroup);
    em.create(SharingGroupOrg, { sharingGroup: sg, organisation: owner, extend: true } as SharingGroupOrg);
    for (const m of members) {
      if (m.id !== owner.id) em.create(SharingGroupOrg, { sharingGroup: sg, organisation: m, extend: false } as SharingGroupOrg);
    }
    em.create(SharingGroupServer, { sharingGroup: sg, isLocal: true, allOrgs: input.thisHubAllOrgs ?? false } as SharingGroupServer);
    changes.other(ChangeKind.SHARING_GROUP, ChangeOp.CREATED, sg.uuid, actor.orgId);
    return sg;
  });
}

/**
 * A visible group the caller may change (NOT_FOUND when invisible, FORBIDDEN otherwise): the rule is
 * canChangeSharingGroup (capability, owner org, or EXTEND by a member with extend).
 */
async function editable(scope: Scope, uuid: string, change: SharingGroupChange = 'EDIT'): Promise<SharingGroup> {
  const actor = requireActor(scope);
  const sg = await getSharingGroup(scope, uuid);
  // The caller's own membership matters only to a member org extending a group it does not own.
  const asMember = change === 'EXTEND' && !isSiteAdmin(actor) && actor.orgId !== null && actor.orgId !== sg.ownerOrg.id;
  const membership = asMember ? await scope.em.findOne(SharingGroupOrg, { sharingGroup: sg.id, organisation: actor.orgId! }) : null;
  if (canChangeSharingGroup(actor, { ownerOrgId: sg.ownerOrg.id }, membership, change) === 'ALLOWED') return sg;
  const role = actor.kind === 'user' ? actor.role : actor.kind;
  throw forbidden(
    change === 'EXTEND'
      ? `You (role ${role}) may not add members to sharing group "${sg.name}": needs the sharing-group capability in the owner organisation or in a member organisation with extend`
      : `You (role ${role}) may not change sharing group "${sg.name}": needs the sharing-group capability in the owner organisation`,
  );
}

/** Refuses (NOT_FOUND / FORBIDDEN) unless the caller may edit the group; for checks before other work. */
export async function assertEditable(scope: Scope, uuid: string): Promise<void> {
  await editable(scope, uuid);
}

/** Applies a change to a group; afterwards open subscriptions re-read memberships (access notice). */
async function touch(scope: Scope, sgId: number, mutate: (em: EntityManager, sg: SharingGroup) => Promise<void>) {
  const sg = await writeTransaction(scope, async (em, changes) => {
    const sg = await em.findOneOrFail(SharingGroup, { id: sgId });
    await mutate(em, sg);
    sg.timestamp = scope.clock.now();
    changes.other(ChangeKind.SHARING_GROUP, ChangeOp.UPDATED, sg.uuid, sg.ownerOrg.id);
    return sg;
  });
  await scope.bus.publishAccess({});
  return sg;
}

export async function updateSharingGroup(scope: Scope, input: UpdateSharingGroupInput) {
  const sg = await editable(scope, input.id);
  return touch(scope, sg.id, async (_em, g) => {
    if (input.name != null) g.name = input.name.trim();
    if (input.description !== undefined) g.description = input.description;
    if (input.releasability !== undefined) g.releasability = input.releasability;
    if (input.roaming != null) g.roaming = input.roaming;
    if (input.active != null) g.active = input.active;
  });
}

export async function addOrganisation(scope: Scope, input: AddSharingGroupOrganisationInput) {
  // Granting extend is an owner's edit; adding a plain member is what extend allows.
  const sg = await editable(scope, input.sharingGroupId, input.extend ? 'EDIT' : 'EXTEND');
  const org = await getOrganisation(scope, input.organisationId);
  if (await scope.em.count(SharingGroupOrg, { sharingGroup: sg.id, organisation: org.id })) {
    throw conflict(`Organisation "${org.name}" is already a member of sharing group "${sg.name}"`);
  }
  return touch(scope, sg.id, async (em, g) => {
    em.create(SharingGroupOrg, { sharingGroup: g, organisation: org.id, extend: input.extend ?? false } as never);
  });
}

export async function removeOrganisation(scope: Scope, sharingGroupUuid: string, organisationUuid: string) {
  const sg = await editable(scope, sharingGroupUuid);
  const org = await getOrganisation(scope, organisationUuid);
  if (org.id === sg.ownerOrg.id) throw badInput(`Organisation "${org.name}" owns sharing group "${sg.name}" and cannot be removed`);
  const m = await scope.em.findOne(SharingGroupOrg, { sharingGroup: sg.id, organisation: org.id });
  if (!m) throw notFound('Sharing group member', organisationUuid);
  return touch(scope, sg.id, async (em) => {
    await em.nativeDelete(SharingGroupOrg, { id: m.id });
  });
}

/** Lists this hub as a member instance (allOrgs: every local organisation is a member). */
export async function setThisHub(scope: Scope, sharingGroupUuid: string, allOrgs: boolean) {
  const sg = await editable(scope, sharingGroupUuid);
  return touch(scope, sg.id, async (em, g) => {
    const row = await em.findOne(SharingGroupServer, { sharingGroup: g.id, isLocal: true });
    if (row) row.allOrgs = allOrgs;
    else em.create(SharingGroupServer, { sharingGroup: g, isLocal: true, allOrgs } as SharingGroupServer);
  });
}

export async function removeThisHub(scope: Scope, sharingGroupUuid: string) {
  const sg = await editable(scope, sharingGroupUuid);
  return touch(scope, sg.id, async (em, g) => {
    await em.nativeDelete(SharingGroupServer, { sharingGroup: g.id, isLocal: true });
  });
}

/**
 * Lists a peer hub as a member instance (by its hub uuid, learned at the handshake): data of the group
 * may then be pushed to that peer. With allOrgs, every organisation on that hub is a member.
 */
export async function setPeerHub(scope: Scope, sharingGroupUuid: string, hubUuid: string, allOrgs: boolean) {
  const sg = await editable(scope, sharingGroupUuid);
  return touch(scope, sg.id, async (em, g) => {
    const row = await em.findOne(SharingGroupServer, { sharingGroup: g.id, isLocal: false, hubUuid });
    if (row) row.allOrgs = allOrgs;
    else em.create(SharingGroupServer, { sharingGroup: g, isLocal: false, hubUuid, allOrgs } as SharingGroupServer);
  });
}

export async function removePeerHub(scope: Scope, sharingGroupUuid: string, hubUuid: string) {
  const sg = await editable(scope, sharingGroupUuid);
  return touch(scope, sg.id, async (em, g) => {
    await em.nativeDelete(SharingGroupServer, { sharingGroup: g.id, isLocal: false, hubUuid });
  });
}
