import Redis from 'ioredis';
import { closeRedis } from './redis-close';
import { createLogger, type Logger } from '../shared/logger';
import type { AccessNotice, ChangeBus } from './change-bus';

/**
 * ChangeBus over Redis pub/sub, so that every replica of the hub hears every write.
 *
 * Channels (the prefix lets several hubs, or test runs, share one Redis):
 *   `${prefix}change` — payload: the change seq as a decimal string, e.g. "1234"
 *   `${prefix}access` — payload: JSON of an AccessNotice, e.g. {"apiKeyId":7}
 *
 * Delivery choice: a local publish goes ONLY through Redis; local subscribers get it when it comes
 * back on the subscriber connection, exactly like subscribers on the other replicas. There is one
 * delivery path and no echo suppression, so each notice reaches each subscriber exactly once, and
 * every replica sees notices in the same (Redis) order. The cost: local delivery waits for a Redis
 * round trip, and while Redis is down local subscribers hear nothing either.
 *
 * Redis pub/sub is at-most-once. Notices are lost while a connection is down (ioredis reconnects
 * and re-subscribes by itself — `autoResubscribe` — and queues publishes for a while, but messages
 * published while the subscriber connection is away are never replayed). Subscribers MUST tolerate
 * missed notices: a change notice is only a wake-up, subscribers read the change log by cursor, so
 * the next notice catches them up. Access notices are a fast path; periodic re-checks of open
 * subscriptions remain the guarantee.
 *
 * `up` says whether notices flow now; `onReconnect` listeners run when the bus is back after an outage
 * (both connections ready and the channels confirmed), so subscribers re-read what they may have missed.
 *
 * `publish` never throws and never waits: fire-and-forget. `publishAccess` resolves once Redis has taken
 * the notice (at most ACCESS_SEND_WAIT_MS later) and never rejects. Failures are logged (warn, throttled). Listener exceptions are logged and never break the bus. Malformed
 * payloads are ignored (debug log).
 */

/** Longest a request waits for Redis to take one of its access notices (see publishAccess). */
const ACCESS_SEND_WAIT_MS = 2_000;

export interface RedisChangeBusOptions {
  /** Prefix of both channel names; default `threatmesh:`. */
  channelPrefix?: string;
  logger?: Logger;
  /**
   * Both connections are pinged this often (ms, default 5000); one that does not answer within the same
   * time counts as lost and is reconnected. A partition that drops packets closes no socket: without
   * this, the bus would look up for as long as TCP takes to give up.
   */
  heartbeatMs?: number;
}

const DEFAULT_PREFIX = 'threatmesh:';
const CONNECT_TIMEOUT_MS = 5_000;
const WARN_INTERVAL_MS = 10_000;
const DEFAULT_HEARTBEAT_MS = 5_000;

/** `redis://user:secret@host:6379/0` → `redis://user:***@host:6379/0`. */
export function maskRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Parses a change payload; undefined if it is not a non-negative safe integer in decimal. */
export function parseSeq(payload: string): number | undefined {
  if (!/^\d{1,16}$/.test(payload)) return undefined;
  const seq = Number(payload);
  return Number.isSafeInteger(seq) ? seq : undefined;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Parses an access payload; undefined if it is not a JSON object with well-typed known fields. */
export function parseAccessNotice(payload: string): AccessNotice | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const notice: AccessNotice = {};
  if (r.apiKeyId !== undefined) {
    if (!isId(r.apiKeyId)) return undefined;
    notice.apiKeyId = r.apiKeyId;
  }
  if (r.userId !== undefined) {
    if (!isId(r.userId)) return undefined;
    notice.userId = r.userId;
  }
  if (r.orgIds !== undefined) {
    if (!Array.isArray(r.orgIds) || !r.orgIds.every(isId)) return undefined;
    notice.orgIds = [...r.orgIds];
  }
  return notice;
}

/** Subscribers of one kind; safe against (un)subscribing during dispatch and duplicate functions. */
class ListenerSet<T> {
  private readonly entries = new Set<{ fn: (v: T) => void }>();

  constructor(
    private readonly log: Logger,
    private readonly kind: string,
  ) {}

  add(fn: (v: T) => void): () => void {
    const entry = { fn };
    this.entries.add(entry);
    return () => void this.entries.delete(entry);
  }

  clear() {
    this.entries.clear();
  }

  dispatch(value: T) {
    for (const entry of [...this.entries]) {
      if (!this.entries.has(entry)) continue; // removed by an earlier listener of this round
      try {
        const result: unknown = entry.fn(value);
        if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          (result as Promise<unknown>).then(undefined, (err: unknown) =>
            this.log.error({ err, kind: this.kind }, 'change bus listener failed'),
          );
        }
      } catch (err) {
        this.log.error({ err, kind: this.kind }, 'change bus listener failed');
      }
    }
  }
}

export async function createRedisChangeBus(
  redisUrl: string,
  opts: RedisChangeBusOptions = {},
): Promise<ChangeBus> {
  const prefix = opts.channelPrefix ?? DEFAULT_PREFIX;
  const changeChannel = `${prefix}change`;
  const accessChannel = `${prefix}access`;
  const masked = maskRedisUrl(redisUrl);
  const log = (opts.logger ?? createLogger('silent')).child({ component: 'redis-change-bus', redis: masked });

  // Throttled warnings (per message): a Redis outage must not turn every write into a log line.
  const lastWarn = new Map<string, { at: number; suppressed: number }>();
  const warn = (context: Record<string, unknown>, msg: string) => {
    const now = Date.now();
    const state = lastWarn.get(msg);
    if (!state || now - state.at >= WARN_INTERVAL_MS) {
      log.warn({ ...context, suppressed: state?.suppressed ?? 0 }, msg);
      lastWarn.set(msg, { at: now, suppressed: 0 });
    } else {
      state.suppressed++;
      log.debug(context, msg);
    }
  };

  const clientOptions = { connectTimeout: CONNECT_TIMEOUT_MS, autoResubscribe: true } as const;
  const pub = new Redis(redisUrl, clientOptions);
  const sub = new Redis(redisUrl, clientOptions);

  let lastError: unknown;
  const onClientError = (role: string) => (err: unknown) => {
    lastError = err;
    warn({ err: errorMessage(err) }, `Redis ${role} connection error (ioredis reconnects automatically)`);
  };
  pub.on('error', onClientError('publisher'));
  sub.on('error', onClientError('subscriber'));

  const changes = new ListenerSet<number>(log, 'change');
  const accesses = new ListenerSet<AccessNotice>(log, 'access');

  sub.on('message', (channel: string, message: string) => {
    if (channel === changeChannel) {
      const seq = parseSeq(message);
      if (seq === undefined) log.debug({ channel, message }, 'ignored malformed change notice');
      else changes.dispatch(seq);
    } else if (channel === accessChannel) {
      const notice = parseAccessNotice(message);
      if (notice === undefined) log.debug({ channel, message }, 'ignored malformed access notice');
      else accesses.dispatch(notice);
    }
  });

  let readyOnce = false; // set once the initial connect succeeded: later 'ready' events are reconnects
  // Connection state. The bus is up while the publisher is ready and the subscriber is subscribed;
  // `lost` remembers an outage until both are back, when the reconnect listeners run (once per outage).
  let subscribed = false;
  let pubStale = false; // the publisher missed a heartbeat and is being reconnected
  let lost = false;
  let closing: Promise<void> | undefined;
  const reconnects = new ListenerSet<void>(log, 'reconnect');
  const isUp = () => pub.status === 'ready' && !pubStale && subscribed;
  const markDown = (role: string) => () => {
    if (role === 'subscriber') subscribed = false;
    else pubStale = true;
    if (!readyOnce || closing || lost) return;
    lost = true;
    log.warn('Redis connection lost: notices published until it is back are lost');
  };
  const maybeRecovered = () => {
    if (!lost || closing || !isUp()) return;
    lost = false;
    log.info('Redis change bus re-established: notices flow again');
    reconnects.dispatch();
  };
  pub.on('close', markDown('publisher'));
  sub.on('close', markDown('subscriber'));
  pub.on('ready', () => {
    pubStale = false;
    if (!readyOnce) return;
    log.info('Redis publisher connection re-established');
    maybeRecovered();
  });
  sub.on('ready', () => {
    if (!readyOnce) return;
    // ioredis re-subscribes right after 'ready'; the bus counts as up only once Redis has confirmed the
    // channels (subscribing again is harmless), so a re-check started on reconnect cannot miss a notice.
    sub.subscribe(changeChannel, accessChannel).then(
      () => {
        if (sub.status !== 'ready') return; // lost again meanwhile; the next 'ready' retries
        subscribed = true;
        log.info('Redis subscriber connection re-established (channels re-subscribed)');
        maybeRecovered();
      },
      (err: unknown) => warn({ err: errorMessage(err) }, 'Redis re-subscribe failed (retried on the next reconnect)'),
    );
  });

  const hardStop = () => {
    pub.disconnect();
    sub.disconnect();
  };

  const waitReady = (client: Redis) =>
    new Promise<void>((resolve) => {
      if (client.status === 'ready') resolve();
      else client.once('ready', () => resolve());
    });

  // Resolve only once both channels are subscribed, so a publish right after creation is heard.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all([waitReady(pub), sub.subscribe(changeChannel, accessChannel)]),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${CONNECT_TIMEOUT_MS} ms`)),
          CONNECT_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (err) {
    hardStop();
    const cause = lastError ?? err;
    throw new Error(
      `Redis change bus: cannot reach ${masked} within ${CONNECT_TIMEOUT_MS / 1000} s: ${errorMessage(cause)}`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
  }
  readyOnce = true;
  subscribed = true;
  log.debug({ changeChannel, accessChannel }, 'Redis change bus subscribed');

  // Heartbeat: a connection that does not answer a ping in time is counted lost and reconnected.
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  let beating = false;
  const answers = (client: Redis) =>
    new Promise<boolean>((resolve) => {
      // Decided after the next I/O poll: a reply that arrived while the event loop was busy counts.
      const timer = setTimeout(() => setImmediate(() => resolve(false)), heartbeatMs);
      client.ping().then(
        () => resolve(true),
        () => resolve(false),
      ).finally(() => clearTimeout(timer));
    });
  const beat = async () => {
    if (beating || closing) return;
    beating = true;
    try {
      await Promise.all(
        ([[pub, 'publisher'], [sub, 'subscriber']] as const).map(async ([client, role]) => {
          if (client.status !== 'ready' || (await answers(client)) || closing || client.status !== 'ready') return;
          warn({ role, heartbeatMs }, 'Redis did not answer a ping in time: connection counted lost, reconnecting');
          markDown(role)();
          client.disconnect(true);
        }),
      );
    } finally {
      beating = false;
    }
  };
  const heartbeat = setInterval(() => void beat(), heartbeatMs);
  heartbeat.unref();

  const send = (channel: string, payload: string): Promise<void> => {
    if (closing) {
      log.debug({ channel }, 'publish after close ignored');
      return Promise.resolve();
    }
    if (pub.status !== 'ready') {
      warn({ status: pub.status }, 'Redis unavailable: notice queued until reconnect, may be lost; subscribers catch up on a later notice');
    }
    // Never rejects: failures only logged.
    return pub.publish(channel, payload).then(
      () => undefined,
      (err: unknown) => warn({ err: errorMessage(err), channel }, 'Redis publish failed; notice lost'),
    );
  };

  const close = async () => {
    clearInterval(heartbeat);
    changes.clear();
    accesses.clear();
    reconnects.clear();
    await Promise.all([closeRedis(pub), closeRedis(sub)]);
  };

  return {
    publish(seq) {
      try {
        if (!Number.isSafeInteger(seq) || seq < 0) {
          log.warn({ seq }, 'publish: not a valid change seq, ignored');
          return;
        }
        send(changeChannel, String(seq));
      } catch (err) {
        log.error({ err }, 'publish failed');
      }
    },
    subscribe: (listener) => (closing ? () => {} : changes.add(listener)),
    async publishAccess(notice) {
      try {
        // Waited for, within bounds: the request that made the change answers after the other replicas
        // have the notice (a queued notice while Redis reconnects does not hold the request up for long).
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ACCESS_SEND_WAIT_MS)));
        await Promise.race([send(accessChannel, JSON.stringify(notice)), waited]);
        clearTimeout(timer);
      } catch (err) {
        log.error({ err }, 'publishAccess failed');
      }
    },
    subscribeAccess: (listener) => (closing ? () => {} : accesses.add(listener)),
    get up() {
      return !closing && isUp();
    },
    onReconnect: (listener) => (closing ? () => {} : reconnects.add(listener)),
    close: () => (closing ??= close()),
  };
}
