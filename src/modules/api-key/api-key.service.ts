import { EntityManager } from '@mikro-orm/core';
import { canManageUser } from '../../auth/policy';
import { generateApiKey, hashApiKey } from '../../auth/api-key-secret';
import { Scope, requireActor } from '../../graphql/scope';
import { badInput, forbidden, notFound } from '../../shared/errors';
import { User } from '../user/user.entity';
import { getUser } from '../user/user.service';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput } from './api-key.inputs';

/** Stores a key for a user; returns the key (shown once) and the record. `key` may be given (ADMIN_API_KEY). */
export function issueApiKey(
  em: EntityManager,
  user: User,
  opts: { comment?: string | null; expiresAt?: Date | null; key?: string },
): { key: string; apiKey: ApiKey } {
  const key = opts.key ?? generateApiKey();
  const apiKey = em.create(ApiKey, {
    user,
    keyHash: hashApiKey(key),
    last4: key.slice(-4),
    comment: opts.comment ?? null,
    expiresAt: opts.expiresAt ?? null,
  } as ApiKey);
  return { key, apiKey };
}

function assertManage(scope: Scope, user: User) {
  const decision = canManageUser(
    requireActor(scope),
    { userId: user.id, orgId: user.organisation.id, role: user.role },
    { self: true },
  );
  if (decision !== 'ALLOWED') throw forbidden(`You may not manage the API keys of "${user.email}"`);
}

export async function createApiKey(scope: Scope, input: CreateApiKeyInput) {
  const user = await getUser(scope, input.userId);
  assertManage(scope, user);
  if (input.expiresAt && input.expiresAt <= scope.clock.now()) {
    throw badInput(`expiresAt "${input.expiresAt.toISOString()}" is in the past`);
  }
  const created = issueApiKey(scope.em, user, input);
  await scope.em.flush();
  return created;
}

export async function revokeApiKey(scope: Scope, uuid: string): Promise<ApiKey> {
  const actor = requireActor(scope);
  const key = await scope.em.findOne(ApiKey, { uuid: uuid.toLowerCase() }, { populate: ['user'] });
  const allowed =
    key &&
    canManageUser(actor, { userId: key.user.id, orgId: key.user.organisation.id, role: key.user.role }, { self: true }) ===
      'ALLOWED';
  if (!key || !allowed) throw notFound('API key', uuid);
  if (!key.revokedAt) {
    key.revokedAt = scope.clock.now();
    await scope.em.flush();
    await scope.bus.publishAccess({ apiKeyId: key.id }); // open sockets with this key close at once
  }
  return key;
}

export async function listApiKeys(scope: Scope, userUuid: string): Promise<ApiKey[]> {
  const user = await getUser(scope, userUuid);
  assertManage(scope, user);
  return scope.em.find(ApiKey, { user: user.id }, { orderBy: { id: 'asc' } });
}
