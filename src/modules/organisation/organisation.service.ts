import { Scope } from '../../graphql/scope';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { conflict, notFound } from '../../shared/errors';
import { writeTransaction } from '../../db/change-recorder';
import { Organisation } from './organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.inputs';

/** Organisations are visible to every authenticated user (as in MISP's default). */
export const listOrganisations = (scope: Scope) => scope.em.find(Organisation, {}, { orderBy: { name: 'asc' } });

export async function getOrganisation(scope: Scope, uuid: string): Promise<Organisation> {
  const org = await scope.em.findOne(Organisation, { uuid: uuid.toLowerCase() });
  if (!org) throw notFound('Organisation', uuid);
  return org;
}

async function assertNameFree(scope: Scope, name: string, exceptId?: number) {
  const other = await scope.em.findOne(Organisation, { name });
  if (other && other.id !== exceptId) throw conflict(`An organisation named "${name}" already exists`);
}

export async function createOrganisation(scope: Scope, input: CreateOrganisationInput): Promise<Organisation> {
  const name = input.name.trim();
  await assertNameFree(scope, name);
  if (input.uuid && (await scope.em.count(Organisation, { uuid: input.uuid.toLowerCase() }))) {
    throw conflict(`An organisation with uuid "${input.uuid}" already exists`);
  }
  return writeTransaction(scope, async (em, changes) => {
    const org = em.create(Organisation, {
      name,
      description: input.description ?? null,
      type: input.type ?? null,
      nationality: input.nationality ?? null,
      sector: input.sector ?? null,
      local: input.local ?? true,
      ...(input.uuid ? { uuid: input.uuid.toLowerCase() } : {}),
    } as Organisation);
    changes.other(ChangeKind.ORGANISATION, ChangeOp.CREATED, org.uuid);
    return org;
  });
}

export async function updateOrganisation(scope: Scope, input: UpdateOrganisationInput): Promise<Organisation> {
  const org = await getOrganisation(scope, input.id);
  if (input.name !== undefined && input.name !== null) await assertNameFree(scope, input.name.trim(), org.id);
  return writeTransaction(scope, async (em, changes) => {
    const o = await em.findOneOrFail(Organisation, { id: org.id });
    if (input.name != null) o.name = input.name.trim();
    if (input.description !== undefined) o.description = input.description;
    if (input.type !== undefined) o.type = input.type;
    if (input.nationality !== undefined) o.nationality = input.nationality;
    if (input.sector !== undefined) o.sector = input.sector;
    changes.other(ChangeKind.ORGANISATION, ChangeOp.UPDATED, o.uuid);
    return o;
  });
}
