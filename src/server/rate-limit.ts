import type { IncomingMessage } from 'node:http';
import Redis from 'ioredis';
import { closeRedis } from '../pubsub/redis-close';
import ipaddr from 'ipaddr.js';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { UserActor } from '../auth/actor';
import { keyFromAuthorization } from '../auth/api-key-secret';
import { Config } from '../config/config';
import { AppError, isAppError, rateLimited } from '../shared/errors';
import { Logger } from '../shared/logger';

/** WebSocket close code for too many connection attempts (graphql-ws' TooManyInitialisationRequests). */
export const CLOSE_RATE_LIMITED = 4429;

/**
 * Rate limits of one hub (DESIGN §10): a bucket per API key (every authenticated HTTP request, export,
 * WebSocket connection and subscribe counts) and one per client address (requests without a key, failed
 * authentications and WebSocket connection attempts). Built by the composition root; nothing here is
 * module-level, so two hubs in one process each count on their own (and under their own REDIS_PREFIX).
 */
export interface RateLimits {
  /** The client address of a request or WebSocket upgrade, as the address bucket counts it. */
  addressOf(req: IncomingMessage): string;
  /**
   * Authenticates the request's key once, within the limits: no key counts against the address (null is
   * returned); an address that is over its limit is refused before its key is even looked at (so keys
   * cannot be guessed at speed); a bad key counts against the address; a good key against the key.
   * Throws AppError UNAUTHENTICATED (bad key) or RATE_LIMITED.
   */
  authenticate(authorization: string | null | undefined, address: string): Promise<UserActor | null>;
  /** Counts one WebSocket connection attempt of the address; throws RATE_LIMITED. */
  connectionAttempt(address: string): Promise<void>;
  /** Counts one operation of an authenticated key (a WebSocket subscribe); throws RATE_LIMITED. */
  keyRequest(apiKeyId: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A token bucket approximated by a pair of fixed windows that must both pass: at most `burst` requests
 * in a short window (the time the sustained rate takes to refill a whole burst, burst / rate) and at
 * most `perMinute` in a minute. So a client may send `burst` requests at once, then keeps to the
 * sustained rate; refused requests count too. In Redis (shared by replicas) when configured; each Redis
 * limiter is insured by an in-memory one of the same shape, used while Redis is unreachable, so an
 * outage weakens the limit to per replica rather than failing requests.
 */
class Bucket {
  private readonly limiters: RateLimiterAbstract[];

  constructor(name: string, perMinute: number, burst: number, store: { redis: Redis; prefix: string } | null) {
    const windows = [
      { suffix: 'burst', points: burst, duration: Math.max(1, Math.ceil((60 * burst) / perMinute)) },
      { suffix: 'minute', points: perMinute, duration: 60 },
    ];
    this.limiters = windows.map((w) => {
      const opts = { points: w.points, duration: w.duration, keyPrefix: `${store?.prefix ?? ''}ratelimit:${name}:${w.suffix}` };
      const memory = new RateLimiterMemory(opts);
      if (!store) return memory;
      // Fail fast while Redis is down (ioredis would otherwise queue the command until it reconnects).
      return new RateLimiterRedis({ ...opts, storeClient: store.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
    });
  }

  /** Takes one request; resolves with 0 when it may pass, else the milliseconds before one would. */
  async take(id: string): Promise<number> {
    return this.refusal(await Promise.allSettled(this.limiters.map((l) => l.consume(id))));
  }

  /** Without taking: was a request of this id already refused in the current window (ms it stays so)? */
  async peek(id: string): Promise<number> {
    const results = await Promise.allSettled(this.limiters.map((l) => l.get(id)));
    let wait = 0;
    results.forEach((r, i) => {
      if (r.status === 'rejected') throw r.reason;
      const res = r.value;
      if (res && res.consumedPoints > this.limiters[i].points) wait = Math.max(wait, res.msBeforeNext, 1);
    });
    return wait;
  }

  private refusal(results: PromiseSettledResult<RateLimiterRes>[]): number {
    let wait = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      // A store error (not a refusal) only reaches here if the insurance failed too.
      if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
      wait = Math.max(wait, r.reason.msBeforeNext, 1);
    }
    return wait;
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The address requests are counted under. Behind `trustProxy` reverse proxies, the address the
 * outermost trusted proxy saw (X-Forwarded-For counted from the right: entries further left are the
 * client's own claims). IPv4-mapped IPv6 counts as IPv4; IPv6 is counted per /64, the block one
 * subscriber usually holds.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy > 0) {
    const header = req.headers['x-forwarded-for'];
    const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    chain.push(address);
    address = chain[Math.max(0, chain.length - 1 - trustProxy)];
  }
  if (!ipaddr.isValid(address)) return address.slice(0, 100);
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  return `${(ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}

export interface RateLimitDeps {
  logger: Logger;
  /** Resolves an API key to its actor (UNAUTHENTICATED AppError for a bad key). */
  authenticate(key: string): Promise<UserActor>;
}

/** How long a start waits for Redis before counting in memory (until Redis answers). */
const REDIS_START_WAIT_MS = 2000;

export async function createRateLimits(config: Config, deps: RateLimitDeps): Promise<RateLimits> {
  const perKey = config.rateLimitPerKey > 0;
  const perAddress = config.rateLimitPerAddress > 0;
  let redis: Redis | null = null;
  if (config.redisUrl && (perKey || perAddress)) {
    redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Logged once per outage; meanwhile each replica counts in memory.
    let down = false;
    redis.on('error', (err) => {
      if (!down) deps.logger.warn({ err }, 'rate limits: Redis unreachable, counting in memory until it is back');
      down = true;
    });
    redis.on('ready', () => {
      if (down) deps.logger.info('rate limits: Redis is back');
      down = false;
    });
    // Counting starts in Redis when it answers at start (replicas agree from the first request); a Redis
    // that is down does not hold the start up.
    const client = redis;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, REDIS_START_WAIT_MS);
      function done() {
        clearTimeout(timer);
        client.off('ready', done).off('error', done);
        resolve();
      }
      client.once('ready', done).once('error', done);
    });
  }
  const store = redis ? { redis, prefix: config.redisPrefix } : null;
  const keys = perKey ? new Bucket('key', config.rateLimitPerKey, config.rateLimitBurst, store) : null;
  const addresses = perAddress ? new Bucket('address', config.rateLimitPerAddress, config.rateLimitAddressBurst, store) : null;

  const takeAddress = async (address: string, what: string) => {
    const wait = addresses ? await addresses.take(address) : 0;
    if (wait) throw rateLimited(`${what} from ${address}`, seconds(wait));
  };
  const takeKey = async (apiKeyId: number) => {
    const wait = keys ? await keys.take(String(apiKeyId)) : 0;
    if (wait) throw rateLimited('too many requests with this API key', seconds(wait));
  };

  // Without trusted proxies the address is the connection's own: read once per socket (requests on a
  // keep-alive connection reuse it). Behind proxies it depends on each request's X-Forwarded-For.
  const socketAddress = new WeakMap<object, string>();
  return {
    addressOf: (req) => {
      if (config.trustProxy > 0) return clientAddress(req, config.trustProxy);
      let address = socketAddress.get(req.socket);
      if (address === undefined) socketAddress.set(req.socket, (address = clientAddress(req, 0)));
      return address;
    },
    authenticate: async (authorization, address) => {
      const key = keyFromAuthorization(authorization);
      if (!key) {
        await takeAddress(address, 'too many requests without an API key');
        return null;
      }
      const blocked = addresses ? await addresses.peek(address) : 0;
      if (blocked) throw rateLimited(`too many failed or unauthenticated requests from ${address}`, seconds(blocked));
      let actor: UserActor;
      try {
        actor = await deps.authenticate(key);
      } catch (e) {
        if (isAppError(e) && e.code === 'UNAUTHENTICATED') await takeAddress(address, 'too many failed authentications');
        throw e;
      }
      await takeKey(actor.apiKeyId);
      return actor;
    },
    connectionAttempt: (address) => takeAddress(address, 'too many WebSocket connection attempts'),
    keyRequest: takeKey,
    close: async () => {
      if (!redis) return;
      await closeRedis(redis);
    },
  };
}

/**
 * An authentication or rate-limit failure as Apollo's context function throws it: 401, or 429 with
 * Retry-After (Apollo takes status and headers from `extensions.http`; formatError never shows them).
 */
export function httpContextError(e: AppError): AppError {
  const retryAfter = e.code === 'RATE_LIMITED' ? Number(e.extensions.retryAfter) : 0;
  const { code: _code, ...rest } = e.extensions;
  const http = retryAfter ? { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } : { status: e.code === 'UNAUTHENTICATED' ? 401 : 400 };
  return new AppError(e.code, e.message, { ...rest, http });
}
