import { createTask, ScheduledTask } from 'node-cron';
import { HubServices, SyncServices } from '../graphql/scope';
import { Peer } from '../modules/peer/peer.entity';
import { PeerSecretBox } from '../modules/peer/peer-secret';

/**
 * Declared sync jobs (DESIGN §12.10): one node-cron task per peer with a schedule (pull then push, as
 * enabled; noOverlap; the runner's database lease keeps it to one replica), and push-on-change: after
 * writes commit (bus notice), peers with push enabled get a debounced push in the background.
 * A peer in back-off (retryAfter in the future) is skipped by both.
 */
export class PeerScheduler {
  private tasks: ScheduledTask[] = [];
  private pushTimer: NodeJS.Timeout | null = null;
  private pushing: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  /** The last (re)load of the schedules: loads run one after the other, and stop() waits for them. */
  private loading: Promise<void> = Promise.resolve();
  /** Scheduled runs in progress (stop() waits for them). */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly hub: HubServices,
    /** Runs a peer's pull or push (hub or MISP peer alike). */
    readonly runner: SyncServices['runner'],
    readonly secrets: PeerSecretBox,
    private readonly opts: { pushDebounceMs: number },
  ) {}

  async start(): Promise<void> {
    this.loading = this.load();
    await this.loading;
    this.unsubscribe = this.hub.bus.subscribe(() => this.schedulePush());
  }

  /** Re-reads the peers (after create/update/delete). */
  reschedule(): void {
    if (this.stopped) return;
    this.loading = this.loading.then(() => this.load()).catch((e) => this.hub.logger.error({ err: e }, 'peer schedules not loaded'));
  }

  private async load(): Promise<void> {
    const old = this.tasks;
    this.tasks = [];
    for (const t of old) await t.destroy();
    if (this.stopped) return;
    const peers = await this.hub.em.fork().find(Peer, { schedule: { $ne: null } });
    for (const p of peers) {
      const task = createTask(p.schedule!, () => this.track(this.runScheduled(p.id)), { name: `peer-${p.uuid}`, noOverlap: true });
      task.start();
      this.tasks.push(task);
    }
  }

  private track(run: Promise<void>): Promise<void> {
    const q = run.catch((e) => this.hub.logger.error({ err: e }, 'scheduled sync failed'));
    this.running.add(q);
    void q.finally(() => this.running.delete(q));
    return q;
  }

  private async runScheduled(peerId: number): Promise<void> {
    if (this.stopped) return; // a tick that fired while stop() waits starts nothing new
    const peer = await this.hub.em.fork().findOne(Peer, { id: peerId });
    if (!peer || (peer.retryAfter && peer.retryAfter > this.hub.clock.now())) return;
    if (peer.pull) await this.runner.pull(peerId);
    if (peer.push) await this.runner.push(peerId);
  }

  private schedulePush(): void {
    if (this.stopped) return;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      if (this.pushing) return this.schedulePush();
      this.pushing = this.pushAll()
        .catch((e) => this.hub.logger.error({ err: e }, 'push on change failed'))
        .finally(() => (this.pushing = null));
    }, this.opts.pushDebounceMs);
    this.pushTimer.unref();
  }

  private async pushAll(): Promise<void> {
    const peers = await this.hub.em.fork().find(Peer, { push: true });
    for (const p of peers) {
      if (this.stopped) return;
      if (p.retryAfter && p.retryAfter > this.hub.clock.now()) continue;
      await this.runner.push(p.id);
    }
  }

  /** Stops the schedules and waits for what runs: a (re)load, a scheduled sync, a push on change. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.pushTimer) clearTimeout(this.pushTimer);
    await this.loading;
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
    await this.pushing;
    await Promise.all([...this.running]);
  }
}
