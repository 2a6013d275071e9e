import type { FeedServices } from '../../graphql/scope';
import type { FeedProgressRelay } from '../../pubsub/redis-feed-progress';
import { FeedProgressBus } from './feed-progress';

/** The feed ports of one hub (graphql/scope.ts FeedServices), with the schedule hook set by the composition. */
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
