/** The source of "now", injected so that tests and jobs can reason about time explicitly. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
