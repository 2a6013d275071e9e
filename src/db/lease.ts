import { EntityManager } from '@mikro-orm/core';
import { HubSetting } from './hub-setting.entity';
import { Clock, systemClock } from '../shared/clock';

/**
 * A lease row in hub_settings (`lease:<name>` = `<owner>|<expires ms>`): the database lock that lets one
 * replica at a time run a job, on SQLite and MySQL alike. Compare-and-set updates make taking it atomic;
 * a crashed holder's lease simply expires.
 */
async function takeLease(em: EntityManager, name: string, owner: string, ttlMs: number, now: number): Promise<string | null> {
  const key = `lease:${name}`;
  const value = `${owner}|${now + ttlMs}`;
  const row = await em.fork().findOne(HubSetting, { name: key });
  if (!row) {
    try {
      await em.fork().insert(HubSetting, { name: key, value });
      return value;
    } catch {
      return null; // another replica inserted it first
    }
  }
  const [holder, expires] = row.value.split('|');
  if (holder !== owner && Number(expires) > now) return null;
  const changed = await em.fork().nativeUpdate(HubSetting, { name: key, value: row.value }, { value });
  return changed === 1 ? value : null;
}

/** The work under a lease stops with this when the lease was lost (taken over after it expired). */
export class LeaseLostError extends Error {
  constructor(readonly lease: string) {
    super(`lost the lease ${lease} (not renewed in time; another run may have taken over)`);
    this.name = 'LeaseLostError';
  }
}

export interface LeaseOptions {
  /** How long the lease lives without a renewal: a holder that died frees it after at most this. */
  ttlMs: number;
  clock?: Clock;
  /** Told about renewals that failed with an error (the lease is kept until it would expire). */
  onRenewError?: (e: unknown) => void;
}

/**
 * A lease held by a running job and renewed in the background (every third of its TTL: one compare-and-set
 * UPDATE of the holder's own row), so that a long job keeps it while its process lives and a killed process
 * frees it within one TTL. `signal` aborts when the lease is lost (the row no longer holds this holder's
 * value: another holder took it over after it expired): the job must then stop. Before each write the job
 * calls `check()`: it throws LeaseLostError once the lease is lost, and when the background renewal is
 * overdue (a busy or stalled process) it renews first, so no write goes out under a lease that may have
 * been taken over.
 */
export class HeldLease {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> | null = null;
  private released = false;

  private constructor(
    private readonly em: EntityManager,
    readonly name: string,
    private value: string,
    private expiresAt: number,
    private readonly opts: Required<Pick<LeaseOptions, 'ttlMs' | 'clock'>> & LeaseOptions,
  ) {
    this.timer = setInterval(() => void this.renewOnce(), Math.max(1, Math.floor(opts.ttlMs / 3)));
    this.timer.unref();
  }

  /** Takes the lease `name` (null when another holder has it) and starts renewing it. */
  static async acquire(em: EntityManager, name: string, owner: string, opts: LeaseOptions): Promise<HeldLease | null> {
    const clock = opts.clock ?? systemClock;
    const now = clock.now().getTime();
    const value = await takeLease(em, name, owner, opts.ttlMs, now);
    return value === null ? null : new HeldLease(em, name, value, now + opts.ttlMs, { ...opts, clock });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private now(): number {
    return this.opts.clock.now().getTime();
  }

  private lose(): void {
    clearInterval(this.timer);
    if (!this.controller.signal.aborted) this.controller.abort(new LeaseLostError(this.name));
  }

  /** Throws LeaseLostError when the lease is lost; renews it first when the renewal is overdue. */
  async check(): Promise<void> {
    this.controller.signal.throwIfAborted();
    // The timer renews every third of the TTL; past half of it, the timer is late.
    const overdue = () => this.now() >= this.expiresAt - this.opts.ttlMs / 2;
    if (overdue()) await this.renewOnce();
    if (overdue()) await this.renewOnce(); // the one awaited had started before the deadline passed
    this.controller.signal.throwIfAborted();
  }

  /** Renews, or joins the renewal under way: never two at once (the second's compare-and-set would fail). */
  private renewOnce(): Promise<void> {
    this.renewing ??= this.renew().finally(() => (this.renewing = null));
    return this.renewing;
  }

  /**
   * One compare-and-set UPDATE of this holder's row. Past the local expiry it is still tried: if nobody took
   * the lease over meanwhile the row still holds this holder's value and the lease goes on.
   */
  private async renew(): Promise<void> {
    if (this.released || this.controller.signal.aborted) return;
    const now = this.now();
    const owner = this.value.slice(0, this.value.lastIndexOf('|'));
    // Always a new value (MySQL counts an UPDATE that changes nothing as 0 rows).
    const expires = Math.max(now + this.opts.ttlMs, this.expiresAt + 1);
    const next = `${owner}|${expires}`;
    try {
      const changed = await this.em.fork().nativeUpdate(HubSetting, { name: `lease:${this.name}`, value: this.value }, { value: next });
      if (changed !== 1) return this.released ? undefined : this.lose();
      // Kept even when released meanwhile: release() deletes the row by this value.
      this.value = next;
      this.expiresAt = expires;
    } catch (e) {
      // A passing database fault: the next tick (or check()) tries again.
      this.opts.onRenewError?.(e);
    }
  }

  private releasing: Promise<void> | null = null;

  /** Stops renewing and frees the lease (only if this holder still has it); once, however often called. */
  release(): Promise<void> {
    this.releasing ??= this.free();
    return this.releasing;
  }

  private async free(): Promise<void> {
    this.released = true;
    clearInterval(this.timer);
    await this.renewing;
    if (this.controller.signal.aborted) return;
    await this.em.fork().nativeDelete(HubSetting, { name: `lease:${this.name}`, value: this.value });
  }
}
