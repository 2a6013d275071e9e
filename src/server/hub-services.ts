import { MikroORM } from '@mikro-orm/core';
import { AuthCache } from '../auth/auth-cache';
import { systemEm, visibilityFilter } from '../auth/visibility-filter';
import { Config } from '../config/config';
import { maskUrl, startupStep } from '../config/startup-error';
import { createOrm, migrateUp, migrationState } from '../db/orm';
import { SyncServices } from '../graphql/scope';
import { FeedScheduler } from '../jobs/feed-scheduler';
import { PeerScheduler } from '../jobs/peer-scheduler';
import { ChangeLogReader } from '../modules/change/change-log-reader';
import { createFeedServices } from '../modules/feed/feed-services';
import { BootstrapResult, bootstrapHub } from '../modules/hub/hub.service';
import { MispSyncRunner, PeerRunners } from '../modules/peer/misp-sync-runner';
import { createPeerSecretBox } from '../modules/peer/peer-secret';
import { SyncRunner } from '../modules/peer/sync-runner';
import { ChangeBus, createMemoryChangeBus } from '../pubsub/change-bus';
import { createRedisChangeBus } from '../pubsub/redis-change-bus';
import { createRedisFeedProgressRelay } from '../pubsub/redis-feed-progress';
import { Clock, systemClock } from '../shared/clock';
import { createLogger, Logger } from '../shared/logger';
import { createScope, ServerHub } from './scope-factory';

export interface HubServicesOptions {
  logger?: Logger;
  clock?: Clock;
  /** Called with every SQL statement (tests: "no N+1"; benchmarks). */
  onQuery?: (sql: string) => void;
  /** Start the feed schedules (default true; the one-shot CLI commands turn them off). */
  feedSchedules?: boolean;
}

/** The parts of a hub below its HTTP and WebSocket layer: database, bus, caches, jobs and the scope factory. */
export interface HubServices {
  readonly orm: MikroORM;
  readonly hub: ServerHub;
  readonly auth: AuthCache;
  readonly bootstrap: BootstrapResult;
  /** The feed fetch jobs (global and per-feed schedules). */
  readonly feedScheduler: FeedScheduler;
  /** The migrations this build ships (applied and pending at start). */
  readonly shipped: readonly string[];
  /**
   * Stops the jobs (running fetches and syncs finish), then what they used: change-log reader, feed
   * progress relay, bus, `beforeDatabase` (the HTTP layer's rate limits) and the database.
   */
  stop(beforeDatabase?: () => Promise<void>): Promise<void>;
}

/**
 * The services of one hub, started (migrations per MIGRATE_ON_START, bootstrap, bus, change-log reader,
 * schedulers): what createApp (src/app.ts) serves over HTTP, and all that the one-shot CLI commands need
 * (src/cli/hub.ts), which so load neither the GraphQL schema nor Apollo, Express or the WebSocket server.
 */
export async function createHubServices(config: Config, opts: HubServicesOptions = {}): Promise<HubServices> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const orm = await createOrm({ databaseUrl: config.databaseUrl, logger, onQuery: opts.onQuery, filters: { visible: visibilityFilter } });
  try {
    if (config.migrateOnStart) {
      const applied = await migrateUp(orm);
      if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
    }
    // The migrations this build ships (readiness waits for all of them, e.g. with MIGRATE_ON_START=false).
    const migrations = await migrationState(orm);
    const shipped = [...migrations.applied, ...migrations.pending];
    if (migrations.pending.length) logger.warn({ pending: migrations.pending }, 'migrations pending (MIGRATE_ON_START=false): not ready until `threatmesh migrate` applies them');
    // The hub's own EntityManager reads as the hub itself (SYSTEM_VIEWER): jobs, feed fetches, sync, the
    // change-log reader and authentication work on every row and make their access decisions elsewhere
    // (sync.rules, change-access, the write rules). Request scopes fork it and set their caller's viewer
    // (scope-factory). `orm.em` itself has no viewer: a read through it fails closed. Marked global like
    // orm.em, so work always forks it (nothing piles up in its identity map).
    const hubEm = systemEm(orm.em);
    (hubEm as { global: boolean }).global = true;
    const bootstrap = await bootstrapHub(hubEm, config);
    const redisUrl = config.redisUrl;
    // Redis must answer at start (a StartupError naming REDIS_URL otherwise); later outages are survived.
    const busOut: ChangeBus = redisUrl
      ? await startupStep('REDIS_URL', maskUrl(redisUrl), () => createRedisChangeBus(redisUrl, { logger, channelPrefix: config.redisPrefix, heartbeatMs: config.redisHeartbeatMs }), { anyError: true })
      : createMemoryChangeBus();
    // Requests authenticate from a cache that access notices and changes invalidate (auth/auth-cache);
    // the hub sends its notices through `auth.bus`, so that this replica forgets before they leave.
    // By default only with Redis: it is the channel on which every process (other replicas, the CLI)
    // announces access changes; a hub on its own bus could not hear `threatmesh keys revoke` run beside it.
    const auth = new AuthCache(hubEm, clock, busOut, { maxAgeMs: config.accessRecheckMs, enabled: config.authCache === 'on' || (config.authCache === 'auto' && !!redisUrl) });
    const bus = auth.bus;
    const changeLog = new ChangeLogReader(hubEm, bus, logger, {
      windowSize: config.changeWindow,
      batchSize: 1000,
      pollMs: config.changePollMs,
      busyReadIntervalMs: 50,
    });
    await changeLog.start();
    const feeds = createFeedServices(
      redisUrl ? await startupStep('REDIS_URL', maskUrl(redisUrl), () => createRedisFeedProgressRelay(redisUrl, { channelPrefix: config.redisPrefix, logger }), { anyError: true }) : null,
    );
    // The sync runner and its scheduler open scopes from the hub, and the hub's sync port names them:
    // the port forwards to them once they exist (before anything runs).
    let runner: PeerRunners | null = null;
    let scheduler: PeerScheduler | null = null;
    const secrets = createPeerSecretBox(config);
    const sync: SyncServices = {
      secrets,
      runner: { pull: (id) => runner!.pull(id), push: (id) => runner!.push(id) },
      reschedule: () => scheduler!.reschedule(),
    };
    const hub: ServerHub = { em: hubEm, bus, clock, logger, config, changeLog, feeds, sync, openScope: (actor, requestId) => createScope(hub, actor, requestId) };
    const hubPeers = new SyncRunner(hub, secrets);
    runner = new PeerRunners(hub, hubPeers, new MispSyncRunner(hub, secrets, hubPeers));
    scheduler = new PeerScheduler(hub, runner, secrets, { pushDebounceMs: 500 });
    await scheduler.start();
    const feedScheduler = new FeedScheduler(hub);
    feeds.setReschedule(() => feedScheduler.reschedule());
    if (opts.feedSchedules !== false) await feedScheduler.start();
    return {
      orm,
      hub,
      auth,
      bootstrap,
      feedScheduler,
      shipped,
      stop: async (beforeDatabase) => {
        await scheduler.stop();
        await feedScheduler.stop();
        changeLog.stop();
        await feeds.progress.close();
        auth.close();
        await bus.close();
        await beforeDatabase?.();
        await orm.close(true);
      },
    };
  } catch (e) {
    await orm.close(true);
    throw e;
  }
}
