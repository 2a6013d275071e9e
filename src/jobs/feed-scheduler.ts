import { randomUUID } from 'node:crypto';
import { createTask, ScheduledTask } from 'node-cron';
import { HubServices } from '../graphql/scope';
import { Feed } from '../modules/feed/feed.entity';
import { fetchAllFeeds, runFeedFetch } from '../modules/feed/feed-run';
import { HeldLease } from '../db/lease';

/**
 * Feed fetch jobs (DESIGN §7, §12.10): a global node-cron task (FEED_FETCH_CRON) fetching every enabled feed,
 * and one task per enabled feed with its own `schedule`. Never overlapping: node-cron's noOverlap per task,
 * the hub's in-process guard per feed (a scheduled run meeting a running fetch of the same feed skips it),
 * and database leases (`feeds:all` for the global run, `feed:<id>` per fetch) so that one replica at a
 * time runs them.
 */
export class FeedScheduler {
  private tasks: ScheduledTask[] = [];
  private stopped = false;
  private running = new Set<Promise<unknown>>();

  constructor(private readonly hub: HubServices) {}

  async start(): Promise<void> {
    await this.load();
  }

  /** Re-reads the feed schedules (after create/update/delete/enable/disable); loads run one after the other. */
  reschedule(): void {
    if (this.stopped) return;
    this.loading = this.loading.then(() => this.load()).catch((e) => this.hub.logger.error({ err: e }, 'feed schedules not loaded'));
  }

  private loading: Promise<void> = Promise.resolve();

  private async load(): Promise<void> {
    const old = this.tasks;
    this.tasks = [];
    for (const t of old) await t.destroy();
    if (this.stopped) return;
    const cron = this.hub.config.feedFetchCron;
    if (cron) this.add(createTask(cron, () => this.track(this.runAll()), { name: 'feeds-all', noOverlap: true }));
    const feeds = await this.hub.em.fork().find(Feed, { enabled: true, schedule: { $ne: null } }, { fields: ['id', 'uuid', 'schedule'] });
    for (const f of feeds) {
      this.add(createTask(f.schedule!, () => this.track(this.runOne(f.id)), { name: `feed-${f.uuid}`, noOverlap: true }));
    }
  }

  private add(task: ScheduledTask) {
    task.start();
    this.tasks.push(task);
  }

  private track<T>(p: Promise<T>): Promise<T | void> {
    const q = p.catch((e) => this.hub.logger.error({ err: e }, 'scheduled feed fetch failed'));
    this.running.add(q);
    void q.finally(() => this.running.delete(q));
    return q;
  }

  /**
   * The global run: every enabled feed, under the `feeds:all` lease (one replica at a time), renewed while
   * it runs (a replica that died frees it within FEED_LEASE_TTL_MS); losing it stops the run.
   */
  async runAll(): Promise<number> {
    const lease = await HeldLease.acquire(this.hub.em, 'feeds:all', randomUUID(), {
      ttlMs: this.hub.config.feedLeaseTtlMs,
      clock: this.hub.clock,
      onRenewError: (e) => this.hub.logger.warn({ err: e }, 'global feed lease not renewed'),
    });
    if (!lease) return 0;
    try {
      const results = await fetchAllFeeds(this.hub, { signal: lease.signal });
      return results.filter((r) => !r.result.refused).length;
    } finally {
      await lease.release();
    }
  }

  /** A feed's own schedule (skipped when the feed was disabled meanwhile). */
  async runOne(feedId: number): Promise<void> {
    const feed = await this.hub.em.fork().findOne(Feed, { id: feedId }, { fields: ['id', 'enabled'] });
    if (!feed?.enabled || this.stopped) return;
    await runFeedFetch(this.hub, feedId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loading;
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
    await Promise.all([...this.running]);
  }
}
