import { Clock } from '../../src/shared/clock';

/**
 * The hub's clock for tests (createApp's opts.clock): real time plus an offset the test moves forward,
 * so "an hour later" or "after the key expired" takes no waiting. Time keeps flowing between steps, as
 * it does for the real clock, so timestamps stay ordered.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the hub's "now" forward by `ms` at once. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`a clock only moves forward; got ${ms} ms`);
    this.offsetMs += ms;
  }
}
