import { EntityManager } from '@mikro-orm/core';
import { Organisation } from '../organisation/organisation.entity';
import { SyncOrganisationWire } from './wire.types';

/** An organisation by uuid, created as a known remote organisation when new (names stay unique). */
export async function ensureOrganisation(em: EntityManager, wire: SyncOrganisationWire): Promise<Organisation> {
  const uuid = wire.id.toLowerCase();
  const found = await em.findOne(Organisation, { uuid });
  if (found) return found;
  const taken = await em.findOne(Organisation, { name: wire.name });
  const name = taken ? `${wire.name} (${uuid.slice(0, 8)})` : wire.name;
  const org = em.create(Organisation, { uuid, name, local: false } as Organisation);
  await em.flush();
  return org;
}
