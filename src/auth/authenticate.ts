import { EntityManager } from '@mikro-orm/core';
import { Clock } from '../shared/clock';
import { Role } from '../shared/enums';
import { unauthenticated } from '../shared/errors';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { memberSharingGroupIds, memberSharingGroupIdsOf } from './sharing-group-membership';
import { UserActor } from './actor';
import { hashApiKey } from './api-key-secret';

/** last-used is written at most once a minute per key, so reads do not turn into writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** What authentication needs of a key row, its user and organisation (what the AuthCache keeps). */
export interface KeyRecord {
  readonly apiKeyId: number;
  readonly userId: number;
  readonly userUuid: string;
  readonly orgId: number;
  readonly orgUuid: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly revokedAt: Date | null;
  readonly expiresAt: Date | null;
  lastUsedAt: Date | null;
}

const recordOf = (k: ApiKey): KeyRecord => ({
  apiKeyId: k.id,
  userId: k.user.id,
  userUuid: k.user.uuid,
  orgId: k.user.organisation.id,
  orgUuid: k.user.organisation.uuid,
  role: k.user.role,
  disabled: k.user.disabled,
  revokedAt: k.revokedAt ?? null,
  expiresAt: k.expiresAt ?? null,
  lastUsedAt: k.lastUsedAt ?? null,
});

/** The key with this hash, its user and organisation (one query), or null. */
export async function loadKeyRecord(em: EntityManager, keyHash: string): Promise<KeyRecord | null> {
  const found = await em.findOne(ApiKey, { keyHash }, { populate: ['user', 'user.organisation'] });
  return found ? recordOf(found) : null;
}

/** Unknown, revoked and expired keys, and keys of disabled users, all answer the same UNAUTHENTICATED. */
export function refuseUnusable(record: KeyRecord | null, now: Date): asserts record is KeyRecord {
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now) || record.disabled) {
    throw unauthenticated('The API key is unknown, revoked or expired');
  }
}

export async function markKeyUsed(em: EntityManager, apiKeyId: number, now: Date): Promise<void> {
  await em.nativeUpdate(ApiKey, { id: apiKeyId }, { lastUsedAt: now });
}

export function actorFrom(r: KeyRecord, sharingGroupIds: ReadonlySet<number>): UserActor {
  return {
    kind: 'user',
    userId: r.userId,
    userUuid: r.userUuid,
    orgId: r.orgId,
    orgUuid: r.orgUuid,
    role: r.role,
    apiKeyId: r.apiKeyId,
    sharingGroupIds,
  };
}

/**
 * Resolves an API key to an actor by reading the database (no cache: the AuthCache serves requests).
 * Shared by HTTP and WebSocket. Unknown, revoked and expired keys, and keys of disabled users, all answer
 * the same UNAUTHENTICATED (nothing is revealed about which).
 */
export async function authenticateKey(em: EntityManager, key: string, clock: Clock): Promise<UserActor> {
  const record = await loadKeyRecord(em, hashApiKey(key));
  const now = clock.now();
  refuseUnusable(record, now);
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await markKeyUsed(em, record.apiKeyId, now);
  }
  return actorFrom(record, await memberSharingGroupIds(em, record.orgId));
}

/** Not revoked, not expired, and its user not disabled. */
const usable = (k: ApiKey, now: Date): boolean => !k.revokedAt && !(k.expiresAt && k.expiresAt <= now) && !k.user.disabled;

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
  for (const k of keys) result.set(k.id, actorFrom(recordOf(k), memberships.get(k.user.organisation.id)!));
  return result;
}

/** When the key expires (null: never). */
export async function apiKeyExpiry(em: EntityManager, apiKeyId: number): Promise<Date | null> {
  return (await em.findOne(ApiKey, { id: apiKeyId }, { fields: ['expiresAt'] }))?.expiresAt ?? null;
}
