import type { UserActor } from '../auth/actor';
import { reloadActors } from '../auth/authenticate';
import type { HubServices } from '../graphql/scope';

/**
 * The periodic re-check of open subscriptions (DESIGN §10): access notices are a fast path that a Redis
 * outage loses without replay, so every open socket's key, user and memberships are also re-read at
 * least once per period, and at once when the bus comes back. One timer per hub, not one per socket.
 */

/** One open socket as the sweep sees it. */
export interface RecheckTarget {
  readonly apiKeyId: number;
  readonly open: boolean;
  /** Takes a ticket before its rights are read; `apply` ignores results older than one already applied. */
  ticket(): number;
  /** The key's actor as read with `ticket` (null: no longer valid, the socket closes). */
  apply(ticket: number, actor: UserActor | null): void;
}

export interface AccessRecheckOptions {
  /** Upper bound between two re-checks of the same socket (ms). */
  periodMs: number;
  /** Keys re-read per query; batches run one after the other, so the database sees one at a time. */
  batchSize?: number;
}

const DEFAULT_BATCH = 200;

export class AccessRechecker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Completed sweeps, and when the last one finished (hub clock). */
  runs = 0;
  lastRunAt: Date | null = null;

  constructor(
    private readonly hub: Pick<HubServices, 'em' | 'clock' | 'logger'>,
    private readonly targets: () => Iterable<RecheckTarget>,
    private readonly opts: AccessRecheckOptions,
  ) {}

  /** Starts the periodic sweep. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Re-checks every open socket now. A call while a sweep runs asks for one more full sweep after it
   * (that sweep may have read some keys before the cause of this call), and resolves after that one.
   */
  sweep(): Promise<void> {
    this.again = true;
    return (this.running ??= this.loop());
  }

  private schedule(): void {
    if (this.stopped) return;
    // 80–100 % of the period, drawn anew each time: the bound holds, and replicas started together
    // (a deployment) drift apart instead of all reading the database at the same instant.
    const delay = Math.max(1, Math.round(this.opts.periodMs * (0.8 + 0.2 * Math.random())));
    this.timer = setTimeout(() => {
      this.sweep().finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      while (this.again) {
        this.again = false;
        await this.sweepOnce();
      }
    } finally {
      this.running = null;
    }
  }

  private async sweepOnce(): Promise<void> {
    // Sockets of the same key share one read.
    const byKey = new Map<number, RecheckTarget[]>();
    for (const t of this.targets()) {
      if (!t.open) continue;
      const list = byKey.get(t.apiKeyId);
      if (list) list.push(t);
      else byKey.set(t.apiKeyId, [t]);
    }
    const ids = [...byKey.keys()];
    const size = this.opts.batchSize ?? DEFAULT_BATCH;
    for (let i = 0; i < ids.length; i += size) {
      const batch = ids.slice(i, i + size);
      const tickets = batch.map((id) => byKey.get(id)!.map((t) => t.ticket()));
      try {
        const actors = await reloadActors(this.hub.em.fork(), batch, this.hub.clock);
        batch.forEach((id, j) => byKey.get(id)!.forEach((t, k) => t.apply(tickets[j][k], actors.get(id) ?? null)));
      } catch (err) {
        // Left as they are until the next sweep; a database outage is reported by /readyz.
        this.hub.logger.error({ err, keys: batch.length }, 'access re-check of open sockets failed');
      }
    }
    this.runs++;
    this.lastRunAt = this.hub.clock.now();
  }
}
