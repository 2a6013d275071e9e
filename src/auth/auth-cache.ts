import { EntityManager } from '@mikro-orm/core';
import type { AccessNotice, ChangeBus } from '../pubsub/change-bus';
import { Clock } from '../shared/clock';
import { UserActor } from './actor';
import { hashApiKey } from './api-key-secret';
import { authenticateKey, KeyRecord, loadKeyRecord, markKeyUsed, LAST_USED_RESOLUTION_MS, actorFrom, refuseUnusable } from './authenticate';
import { memberSharingGroupIds } from './sharing-group-membership';

/**
 * The authentication cache of one replica (DESIGN §4, §10): key hash -> the key's record (user, org,
 * role, expiry), and organisation -> its sharing-group memberships, so that a request whose key was
 * seen recently costs no query before it reads data.
 *
 * It never answers with rights older than what this replica has been told:
 * - every access notice (key revoked, user disabled or role changed, memberships changed: the notices
 *   that close open sockets) drops what it concerns, on every replica (the bus carries them);
 * - every committed change (the change bus' "seq N") drops the memberships: a sync or import that
 *   rewrites a sharing group's members announces no access notice, but always commits change rows;
 * - a notice sent on this replica invalidates here before it leaves (the Redis loopback comes later);
 * - while the bus is down (notices may be lost) nothing is served from the cache, and when it is back
 *   everything is dropped (notices of the outage are never replayed);
 * - nothing is kept longer than `maxAgeMs` (ACCESS_RECHECK_MS, the period of the open sockets' re-check):
 *   a change no notice announces (e.g. a key revoked by hand in the database) applies within that period.
 * A read that started before an invalidation is not stored (generation check), so a notice that races a
 * cache miss cannot be undone by it. Expiry is checked against the clock at every use.
 */
export interface AuthCacheOptions {
  /** Longest time an entry is trusted without a re-read (ms). */
  maxAgeMs: number;
  /** Most keys (and organisations) kept; the oldest are dropped first. */
  maxEntries?: number;
  /**
   * Whether entries may be served at all. Only when every process that can change access shares this
   * replica's notice channel (Redis): without it, a key revoked by `threatmesh keys revoke` in another
   * process would stay usable here until `maxAgeMs`, so every request reads its key (the cache is off).
   */
  enabled?: boolean;
}

interface Cached<T> {
  readonly value: T;
  readonly at: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

export class AuthCache {
  private readonly keys = new Map<string, Cached<KeyRecord>>();
  private readonly memberships = new Map<number, Cached<ReadonlySet<number>>>();
  /**
   * Bumped by every invalidation of keys / of memberships: a read that began under an older generation
   * is not stored (two counters, so that the stream of commits, which drop memberships, does not keep
   * keys from being cached).
   */
  private keyGeneration = 0;
  private membershipGeneration = 0;
  private readonly stops: Array<() => void>;
  /** The bus as the hub uses it: notices sent through it invalidate this cache before they leave. */
  readonly bus: ChangeBus;
  /** Requests answered from the cache / by reading the database (for tests and /metrics). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly inner: ChangeBus,
    private readonly opts: AuthCacheOptions,
  ) {
    this.stops = [
      inner.subscribeAccess((n) => this.forget(n)),
      inner.subscribe(() => this.forgetMemberships()),
      inner.onReconnect(() => this.clear()),
    ];
    this.bus = announcingTo(inner, this);
  }

  /**
   * The actor of an API key, as authenticateKey answers it (same refusals), from the cache where this
   * replica may trust it.
   */
  async authenticate(key: string): Promise<UserActor> {
    if (this.opts.enabled === false || !this.inner.up) {
      this.misses++;
      return authenticateKey(this.em.fork(), key, this.clock);
    }
    const hash = hashApiKey(key);
    const now = this.clock.now();
    const oldest = now.getTime() - this.opts.maxAgeMs;
    const [keyGeneration, membershipGeneration] = [this.keyGeneration, this.membershipGeneration];
    let record = this.fresh(this.keys.get(hash), oldest);
    let memberships = record ? this.fresh(this.memberships.get(record.orgId), oldest) : undefined;
    if (record && memberships) this.hits++;
    else this.misses++;
    const em = record && memberships ? null : this.em.fork();
    if (!record) {
      const loaded = await loadKeyRecord(em!, hash);
      refuseUnusable(loaded, now);
      record = loaded;
      if (keyGeneration === this.keyGeneration) this.put(this.keys, hash, loaded, now);
    } else {
      refuseUnusable(record, now); // expiry moves with the clock
    }
    if (!memberships) {
      memberships = await memberSharingGroupIds(em!, record.orgId);
      if (membershipGeneration === this.membershipGeneration) this.put(this.memberships, record.orgId, memberships, now);
    }
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      record.lastUsedAt = now;
      await markKeyUsed(em ?? this.em.fork(), record.apiKeyId, now);
    }
    return actorFrom(record, memberships);
  }

  /** Drops what an access notice concerns (the same rule open sockets follow). */
  forget(n: AccessNotice): void {
    if (n.apiKeyId !== undefined) {
      this.keyGeneration++;
      for (const [hash, e] of this.keys) if (e.value.apiKeyId === n.apiKeyId) this.keys.delete(hash);
    } else if (n.userId !== undefined) {
      this.keyGeneration++;
      for (const [hash, e] of this.keys) if (e.value.userId === n.userId) this.keys.delete(hash);
    } else if (n.orgIds) {
      this.membershipGeneration++;
      for (const id of n.orgIds) this.memberships.delete(id);
    } else {
      this.forgetMemberships();
    }
  }

  forgetMemberships(): void {
    this.membershipGeneration++;
    this.memberships.clear();
  }

  clear(): void {
    this.keyGeneration++;
    this.membershipGeneration++;
    this.keys.clear();
    this.memberships.clear();
  }

  close(): void {
    for (const stop of this.stops) stop();
    this.clear();
  }

  private fresh<T>(e: Cached<T> | undefined, oldest: number): T | undefined {
    return e && e.at >= oldest ? e.value : undefined;
  }

  private put<K, T>(map: Map<K, Cached<T>>, key: K, value: T, now: Date): void {
    map.delete(key); // re-inserted last: the Map's order is the age order
    map.set(key, { value, at: now.getTime() });
    const max = this.opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
    while (map.size > max) map.delete(map.keys().next().value as K);
  }
}

/**
 * `bus` whose notices invalidate `cache` on this replica at once, before they are sent (over Redis a
 * replica hears its own notices only after a round trip).
 */
function announcingTo(bus: ChangeBus, cache: AuthCache): ChangeBus {
  return {
    publish(seq) {
      cache.forgetMemberships();
      bus.publish(seq);
    },
    subscribe: (listener) => bus.subscribe(listener),
    publishAccess(notice) {
      cache.forget(notice);
      return bus.publishAccess(notice);
    },
    subscribeAccess: (listener) => bus.subscribeAccess(listener),
    get up() {
      return bus.up;
    },
    onReconnect: (listener) => bus.onReconnect(listener),
    close: () => bus.close(),
  };
}
