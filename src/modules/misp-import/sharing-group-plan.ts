/**
 * Sharing groups travelling with received data (policy "sync writes"): planned first (nothing written, so
 * an event refused for its group writes nothing), then written as the rules allow.
 */
import { EntityManager } from '@mikro-orm/core';
import { SyncGroupMembers, SyncGroupState, SyncSharingGroupDecision, syncSharingGroupDecision } from '../../auth/policy';
import { Organisation } from '../organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../sharing-group/sharing-group.entity';
import { ensureOrganisation } from './remote-org';
import { SyncSharingGroupWire } from './wire.types';

/** What the plan needs of the receiving context: the writer's organisation and this hub. */
export interface GroupContext {
  ownerOrg: { id: number };
  thisHubUuid: string;
}

/** A received sharing group as planned (nothing written yet): what the rules decided and the result. */
export interface SharingGroupPlan {
  wire: SyncSharingGroupWire;
  existing: SharingGroup | null;
  decision: SyncSharingGroupDecision;
  /** Membership here once the plan is applied (for syncMayUseSharingGroup). */
  members: SyncGroupMembers;
  /** Organisations of the wire by uuid: known ones with their id, unknown ones with a negative stand-in. */
  orgIds: Map<string, number>;
}

/**
 * Decides what a received sharing group does here (policy.syncSharingGroupDecision), writing nothing:
 * organisations still unknown get negative stand-in ids, so a refused group creates no organisation.
 */
export async function planSharingGroup(em: EntityManager, wire: SyncSharingGroupWire, ctx: GroupContext): Promise<SharingGroupPlan> {
  const uuid = wire.id.toLowerCase();
  const existing = await em.findOne(SharingGroup, { uuid });
  let stored: SyncGroupState | null = null;
  if (existing) {
    // Read without the identity map: these rows are replaced with native deletes if the group is written.
    const [orgRows, localRows] = await Promise.all([
      em.find(SharingGroupOrg, { sharingGroup: existing.id }, { fields: ['organisation'], disableIdentityMap: true }),
      em.find(SharingGroupServer, { sharingGroup: existing.id, isLocal: true }, { disableIdentityMap: true }),
    ]);
    stored = {
      ownerOrgId: existing.ownerOrg.id,
      timestamp: existing.timestamp.getTime(),
      memberOrgIds: orgRows.map((r) => r.organisation.id),
      thisHubAllOrgs: localRows.some((r) => r.allOrgs),
    };
  }
  const orgIds = new Map<string, number>();
  // An equal or older version is not looked at further (a feed's own group travels with empty members).
  if (stored && !(new Date(wire.timestamp).getTime() > stored.timestamp)) {
    return { wire, existing, decision: { kind: 'KEEP', refused: [] }, members: stored, orgIds };
  }
  const uuids = [...new Set([wire.ownerOrg, ...wire.organisations].map((o) => o.id.toLowerCase()))];
  for (const o of await em.find(Organisation, { uuid: { $in: uuids } })) orgIds.set(o.uuid, o.id);
  for (const u of uuids) if (!orgIds.has(u)) orgIds.set(u, -(orgIds.size + 1));
  const incoming: SyncGroupState = {
    ownerOrgId: orgIds.get(wire.ownerOrg.id.toLowerCase())!,
    timestamp: new Date(wire.timestamp).getTime(),
    memberOrgIds: wire.organisations.map((o) => orgIds.get(o.id.toLowerCase())!),
    thisHubAllOrgs: wire.hubs.some((h) => h.id.toLowerCase() === ctx.thisHubUuid && h.allOrgs),
  };
  const decision = syncSharingGroupDecision({ orgId: ctx.ownerOrg.id }, stored, incoming);
  return { wire, existing, decision, members: decision.kind === 'KEEP' ? stored! : decision.members, orgIds };
}

/**
 * Writes a planned sharing group: created or refreshed with the owner and members the rules allowed
 * (members by organisation uuid; a listed hub that is this hub becomes the "this hub" member row, with
 * allOrgs only as the rules allow); a kept group is returned as stored.
 */
export async function applySharingGroupPlan(em: EntityManager, plan: SharingGroupPlan, ctx: GroupContext): Promise<SharingGroup> {
  const { wire, decision } = plan;
  if (decision.kind === 'KEEP') return plan.existing!;
  // Organisations the group names, created as known remote organisations where new (only now: the group is written).
  const byId = new Map<number, Organisation>();
  for (const o of [wire.ownerOrg, ...wire.organisations]) {
    const id = plan.orgIds.get(o.id.toLowerCase())!;
    if (!byId.has(id)) byId.set(id, await ensureOrganisation(em, o));
  }
  const orgOf = async (id: number) => byId.get(id) ?? (await em.findOneOrFail(Organisation, { id }));
  const owner = await orgOf(decision.ownerOrgId);
  const incoming = new Date(wire.timestamp);
  const sg =
    plan.existing ??
    em.create(SharingGroup, { uuid: wire.id.toLowerCase(), name: wire.name, ownerOrg: owner, roaming: wire.roaming, active: true, timestamp: incoming } as SharingGroup);
  Object.assign(sg, { name: wire.name, description: wire.description ?? null, releasability: wire.releasability ?? null, roaming: wire.roaming, timestamp: incoming });
  await em.flush();
  await em.nativeDelete(SharingGroupOrg, { sharingGroup: sg.id });
  await em.nativeDelete(SharingGroupServer, { sharingGroup: sg.id });
  for (const id of new Set(decision.members.memberOrgIds)) {
    em.create(SharingGroupOrg, { sharingGroup: sg, organisation: await orgOf(id), extend: id === decision.ownerOrgId } as SharingGroupOrg);
  }
  for (const hub of wire.hubs) {
    const isLocal = hub.id.toLowerCase() === ctx.thisHubUuid;
    const allOrgs = isLocal ? decision.members.thisHubAllOrgs : hub.allOrgs;
    em.create(SharingGroupServer, { sharingGroup: sg, isLocal, hubUuid: isLocal ? null : hub.id.toLowerCase(), allOrgs } as SharingGroupServer);
  }
  await em.flush();
  return sg;
}
