import { performance } from 'node:perf_hooks';

/**
 * Shares the event loop between live deliveries and everything else (ingest, queries, health checks).
 * A delivery whose socket write completes at once never returns to the event loop on its own (its
 * continuation is a microtask), so a thousand subscribers catching up would starve I/O. All streams of a
 * replica ask the pacer before each delivery: within the current turn's budget they go on at once;
 * past it they wait for the next turn (setImmediate), after pending I/O has run. Deliveries then lag
 * a little under load instead of stalling writers.
 */
export class DeliveryPacer {
  private turnStart = 0;
  private waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly budgetMs: number) {}

  /** null: go on now; otherwise a promise that resolves at the next turn. */
  permit(): Promise<void> | null {
    if (!this.scheduled && performance.now() - this.turnStart < this.budgetMs) return null;
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.release());
      }
    });
  }

  private release() {
    this.scheduled = false;
    this.turnStart = performance.now();
    const ready = this.waiting;
    this.waiting = [];
    for (const r of ready) r();
  }
}
