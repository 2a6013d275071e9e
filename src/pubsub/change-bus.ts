import { EventEmitter } from 'node:events';

/**
 * After a write commits, the writer announces only "change N happened" here (DESIGN §5); subscribers
 * read the change log themselves. Access notices ("key K revoked", "memberships of org O changed")
 * make open subscriptions re-check their caller at once. In memory by default; the Redis
 * implementation carries the same notices across replicas.
 */
export interface AccessNotice {
  /** A key was revoked or expired: sockets authenticated with it must close. */
  apiKeyId?: number;
  /** A user was disabled or changed role. */
  userId?: number;
  /** Sharing-group memberships changed for these organisations (undefined: possibly every org). */
  orgIds?: number[];
}

export interface ChangeBus {
  publish(seq: number): void;
  subscribe(listener: (seq: number) => void): () => void;
  /**
   * Sends an access notice. Resolves once it has left this process (on Redis: once the server has taken
   * it, i.e. written it to every subscribed replica's connection), so a request that answers after it
   * cannot be overtaken by the next request on another replica; at the latest after a short wait. Never
   * rejects: a notice that could not be sent is logged (the bus is then down, and caches stop serving).
   */
  publishAccess(notice: AccessNotice): Promise<void>;
  subscribeAccess(listener: (notice: AccessNotice) => void): () => void;
  /**
   * True while notices flow. The in-memory bus is always up; a Redis bus is down from the moment one of
   * its connections is lost until it is back and re-subscribed. Notices published meanwhile may be lost.
   */
  readonly up: boolean;
  /**
   * Calls `listener` each time the bus is up again after being down (never for the first connect).
   * Notices of the outage are never replayed, so whoever relies on them re-reads the state now.
   */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createMemoryChangeBus(): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const on = <T>(name: string, listener: (v: T) => void) => {
    emitter.on(name, listener);
    return () => void emitter.off(name, listener);
  };
  return {
    publish: (seq) => emitter.emit('change', seq),
    subscribe: (listener) => on('change', listener),
    publishAccess: async (notice) => {
      emitter.emit('access', notice);
    },
    subscribeAccess: (listener) => on('access', listener),
    up: true,
    onReconnect: () => () => {},
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}
