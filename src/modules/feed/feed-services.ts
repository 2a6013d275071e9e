import { FeedProgressBus, FeedProgressRelay } from './feed-progress';

/** Feed services of one hub: the progress emitter, the in-process guard of running fetches, the schedules. */
export interface FeedServices {
  readonly progress: FeedProgressBus;
  /** Local ids of the feeds being fetched by this process (a second fetch of one of them is refused). */
  readonly running: Set<number>;
  /** Re-reads the feed schedules (after create/update/delete/enable/disable). */
  reschedule(): void;
}

export function createFeedServices(relay: FeedProgressRelay | null = null): FeedServices & { setReschedule(f: () => void): void } {
  let again = () => undefined as void;
  return {
    progress: new FeedProgressBus(relay),
    running: new Set<number>(),
    reschedule: () => again(),
    setReschedule(f) {
      again = f;
    },
  };
}
