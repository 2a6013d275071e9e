import { EntityManager } from '@mikro-orm/core';
import { Clock } from '../shared/clock';
import { unauthenticated } from '../shared/errors';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { memberSharingGroupIds, memberSharingGroupIdsOf } from './sharing-group-membership';
import { UserActor } from './actor';
import { hashApiKey } from './api-key-secret';

/** last-used is written at most once a minute per key, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves an API key to an actor. Shared by HTTP and WebSocket. Unknown, revoked and expired keys,
 * and keys of disabled users, all answer the same UNAUTHENTICATED (nothing is revealed about which).
 */
export async function authenticateKey(em: EntityManager, key: string, clock: Clock): Promise<UserActor> {
  const found = await em.findOne(ApiKey, { keyHash: hashApiKey(key) }, { populate: ['user', 'user.organisation'] });
  const now = clock.now();
  if (!found || !usable(found, now)) {
    throw unauthenticated('The API key is unknown, revoked or expired');
  }
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(ApiKey, { id: found.id }, { lastUsedAt: now });
  }
  return actorOf(em, found);
}

/** Not revoked, not expired, and its user not disabled. */
const usable = (k: ApiKey, now: Date): boolean => !k.revokedAt && !(k.expiresAt && k.expiresAt <= now) && !k.user.disabled;

async function actorOf(em: EntityManager, found: ApiKey): Promise<UserActor> {
  return actorWith(found, await memberSharingGroupIds(em, found.user.organisation.id));
}

function actorWith(found: ApiKey, sharingGroupIds: ReadonlySet<number>): UserActor {
  const org = found.user.organisation;
  return {
    kind: 'user',
    userId: found.user.id,
    userUuid: found.user.uuid,
    orgId: org.id,
    orgUuid: org.uuid,
    role: found.user.role,
    apiKeyId: found.id,
    sharingGroupIds,
  };
}

/**
 * The actor of a key by its id, as it is now (role, memberships), or null when the key is no longer
 * valid. Long-lived sockets use it to follow revocations and membership changes.
 */
export async function reloadActor(em: EntityManager, apiKeyId: number, clock: Clock): Promise<UserActor | null> {
  return (await reloadActors(em, [apiKeyId], clock)).get(apiKeyId) ?? null;
}

/**
 * `reloadActor` for many keys at once (the periodic re-check of open sockets): three queries per call
 * whatever the number of keys. Every asked id is in the map; null where the key is no longer valid.
 */
export async function reloadActors(em: EntityManager, apiKeyIds: readonly number[], clock: Clock): Promise<Map<number, UserActor | null>> {
  const result = new Map<number, UserActor | null>(apiKeyIds.map((id) => [id, null]));
  if (!apiKeyIds.length) return result;
  const now = clock.now();
  const keys = (await em.find(ApiKey, { id: { $in: [...apiKeyIds] } }, { populate: ['user', 'user.organisation'] })).filter((k) => usable(k, now));
  const memberships = await memberSharingGroupIdsOf(em, [...new Set(keys.map((k) => k.user.organisation.id))]);
  for (const k of keys) result.set(k.id, actorWith(k, memberships.get(k.user.organisation.id)!));
  return result;
}

/** When the key expires (null: never). */
export async function apiKeyExpiry(em: EntityManager, apiKeyId: number): Promise<Date | null> {
  return (await em.findOne(ApiKey, { id: apiKeyId }, { fields: ['expiresAt'] }))?.expiresAt ?? null;
}
