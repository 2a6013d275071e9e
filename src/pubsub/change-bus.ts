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
  publishAccess(notice: AccessNotice): void;
  subscribeAccess(listener: (notice: AccessNotice) => void): () => void;
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
    publishAccess: (notice) => emitter.emit('access', notice),
    subscribeAccess: (listener) => on('access', listener),
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}
