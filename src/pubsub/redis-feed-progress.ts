import Redis from 'ioredis';
import { closeRedis } from './redis-close';
import type { Logger } from '../shared/logger';
import { maskRedisUrl } from './redis-change-bus';

const CONNECT_TIMEOUT_MS = 5_000;


/** Carries progress reports between replicas (Redis pub/sub); every report comes back through `onMessage`. */
export interface FeedProgressRelay {
  publish(json: string): void;
  onMessage(listener: (json: string) => void): void;
  close(): Promise<void>;
}

/**
 * Feed fetch progress across replicas: channel `${prefix}feed-progress`, payload the JSON of one report.
 * At most once, like the change bus (progress is a convenience; the feed's status fields are the record).
 * Publishing never throws and never waits.
 */
export async function createRedisFeedProgressRelay(redisUrl: string, opts: { channelPrefix: string; logger: Logger }): Promise<FeedProgressRelay> {
  const channel = `${opts.channelPrefix}feed-progress`;
  const log = opts.logger.child({ component: 'redis-feed-progress', redis: maskRedisUrl(redisUrl) });
  const clientOptions = { connectTimeout: CONNECT_TIMEOUT_MS, autoResubscribe: true } as const;
  const pub = new Redis(redisUrl, clientOptions);
  const sub = new Redis(redisUrl, clientOptions);
  pub.on('error', (err) => log.debug({ err: (err as Error).message }, 'Redis publisher error'));
  sub.on('error', (err) => log.debug({ err: (err as Error).message }, 'Redis subscriber error'));
  const listeners: Array<(json: string) => void> = [];
  sub.on('message', (ch: string, message: string) => {
    if (ch === channel) for (const l of listeners) l(message);
  });
  try {
    await sub.subscribe(channel);
  } catch (e) {
    pub.disconnect();
    sub.disconnect();
    throw e;
  }
  return {
    publish: (json) => void pub.publish(channel, json).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'feed progress not published')),
    onMessage: (l) => void listeners.push(l),
    close: async () => {
      await Promise.all([closeRedis(pub), closeRedis(sub)]);
    },
  };
}
