import { EntityManager } from '@mikro-orm/core';
import { SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';

/**
 * The sharing groups an organisation is a member of on this hub (DESIGN §4): listed as a member org,
 * or the group lists this hub with allOrgs. Two indexed queries, once per request or socket check.
 */
export async function memberSharingGroupIds(em: EntityManager, orgId: number): Promise<Set<number>> {
  return (await memberSharingGroupIdsOf(em, [orgId])).get(orgId)!;
}

/**
 * `memberSharingGroupIds` of several organisations at once (the periodic re-check of open
 * subscriptions): two queries however many organisations; every asked organisation is in the map.
 */
export async function memberSharingGroupIdsOf(em: EntityManager, orgIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const [orgRows, hubRows] = await Promise.all([
    orgIds.length
      ? em.find(SharingGroupOrg, { organisation: { $in: [...orgIds] } }, { fields: ['sharingGroup', 'organisation'] })
      : Promise.resolve([]),
    em.find(SharingGroupServer, { isLocal: true, allOrgs: true }, { fields: ['sharingGroup'] }),
  ]);
  const byOrg = new Map(orgIds.map((id) => [id, new Set(hubRows.map((r) => r.sharingGroup.id))]));
  for (const r of orgRows) byOrg.get(r.organisation.id)?.add(r.sharingGroup.id);
  return byOrg;
}
