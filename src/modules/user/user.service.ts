import { Scope, requireActor, requireUser } from '../../graphql/scope';
import { canManageUser, canSeeUser } from '../../auth/policy';
import { conflict, forbidden, notFound } from '../../shared/errors';
import { getOrganisation } from '../organisation/organisation.service';
import { User } from './user.entity';
import { CreateUserInput, UpdateUserInput } from './user.inputs';

export async function me(scope: Scope): Promise<User> {
  const actor = requireUser(scope);
  return scope.em.findOneOrFail(User, { id: actor.userId });
}

/** A user the caller may see, or NOT_FOUND (invisible is absent). */
export async function getUser(scope: Scope, uuid: string): Promise<User> {
  const actor = requireActor(scope);
  const user = await scope.em.findOne(User, { uuid: uuid.toLowerCase() });
  if (!user || !canSeeUser(actor, { userId: user.id, orgId: user.organisation.id })) throw notFound('User', uuid);
  return user;
}

export async function listUsers(scope: Scope, organisationUuid?: string | null): Promise<User[]> {
  const actor = requireActor(scope);
  const where: Record<string, unknown> = {};
  if (organisationUuid) where.organisation = (await getOrganisation(scope, organisationUuid)).id;
  const users = await scope.em.find(User, where, { orderBy: { email: 'asc' } });
  return users.filter((u) => canSeeUser(actor, { userId: u.id, orgId: u.organisation.id }));
}

/** The role rule (DESIGN §4 Roles), named in refusals. */
const RULE = 'org admins manage users of their own organisation up to ORG_ADMIN; only a site admin grants, revokes or manages ADMIN and SYNC_USER';

export async function createUser(scope: Scope, input: CreateUserInput): Promise<User> {
  const actor = requireActor(scope);
  const org = await getOrganisation(scope, input.organisationId);
  const target = { userId: -1, orgId: org.id, role: input.role };
  if (canManageUser(actor, target, { newRole: input.role }) !== 'ALLOWED') {
    throw forbidden(`You may not create a ${input.role} user in organisation "${org.name}": ${RULE}`);
  }
  const email = input.email.trim().toLowerCase();
  if (await scope.em.count(User, { email })) throw conflict(`A user with e-mail "${email}" already exists`);
  const user = scope.em.create(User, { email, organisation: org, role: input.role, disabled: false } as User);
  await scope.em.flush();
  return user;
}

export async function updateUser(scope: Scope, input: UpdateUserInput): Promise<User> {
  const actor = requireActor(scope);
  const user = await getUser(scope, input.id);
  const target = { userId: user.id, orgId: user.organisation.id, role: user.role };
  if (canManageUser(actor, target) !== 'ALLOWED') throw forbidden(`You may not change ${user.role} user "${user.email}": ${RULE}`);
  if (input.role != null && canManageUser(actor, target, { newRole: input.role }) !== 'ALLOWED') {
    throw forbidden(`You may not give user "${user.email}" the role ${input.role}: ${RULE}`);
  }
  if (input.role != null) user.role = input.role;
  if (input.disabled != null) user.disabled = input.disabled;
  await scope.em.flush();
  await scope.bus.publishAccess({ userId: user.id }); // open sockets follow the new role or close
  return user;
}
