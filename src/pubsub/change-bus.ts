import { EventEmitter } from 'node:events';

/**
 * After a write commits, the writer announces only "change N happened" here (DESIGN §5); subscribers
 * read the change log themselves. In memory by default; a Redis implementation carries the same
 * notices across replicas.
 */
export interface ChangeBus {
  publish(seq: number): void;
  subscribe(listener: (seq: number) => void): () => void;
  close(): Promise<void>;
}

export function createMemoryChangeBus(): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (seq) => emitter.emit('change', seq),
    subscribe: (listener) => {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}
