import { EntityManager } from '@mikro-orm/core';
import { SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';

/**
 * The sharing groups an organisation is a member of on this hub (DESIGN §4): listed as a member org,
 * or the group lists this hub with allOrgs. Two indexed queries, once per request or socket check.
 */
export async function memberSharingGroupIds(em: EntityManager, orgId: number): Promise<Set<number>> {
  const [orgRows, hubRows] = await Promise.all([
    em.find(SharingGroupOrg, { organisation: orgId }, { fields: ['sharingGroup'] }),
    em.find(SharingGroupServer, { isLocal: true, allOrgs: true }, { fields: ['sharingGroup'] }),
  ]);
  const ids = new Set<number>();
  for (const r of orgRows) ids.add(r.sharingGroup.id);
  for (const r of hubRows) ids.add(r.sharingGroup.id);
  return ids;
}
