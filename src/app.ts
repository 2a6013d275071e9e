import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { MikroORM } from '@mikro-orm/core';
import express from 'express';
import { GraphQLSchema } from 'graphql';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthCache } from './auth/auth-cache';
import { Config } from './config/config';
import { appliedMigrationNames, createOrm, migrateUp, migrationState, poolStats } from './db/orm';
import { maskUrl, StartupError, startupStep } from './config/startup-error';
import { systemEm, visibilityFilter } from './auth/visibility-filter';
import { errorLoggingPlugin, formatError } from './graphql/error-format';
import { allowMethods, httpErrorHandler, jsonBody, notFoundHandler } from './server/http-errors';
import { queryLimitsPlugin } from './graphql/limits';
import { buildHubSchema } from './server/schema';
import { Scope, SyncServices } from './graphql/scope';
import { createScope, ServerHub } from './server/scope-factory';
import { createPeerSecretBox } from './modules/peer/peer-secret';
import { SyncRunner } from './modules/peer/sync-runner';
import { MispSyncRunner, PeerRunners } from './modules/peer/misp-sync-runner';
import { PeerScheduler } from './jobs/peer-scheduler';
import { FeedScheduler } from './jobs/feed-scheduler';
import { createFeedServices } from './modules/feed/feed-services';
import { BootstrapResult, bootstrapHub } from './modules/hub/hub.service';
import { ChangeBus, createMemoryChangeBus } from './pubsub/change-bus';
import { createRedisChangeBus } from './pubsub/redis-change-bus';
import { createRedisFeedProgressRelay } from './pubsub/redis-feed-progress';
import { ChangeLogReader } from './modules/change/change-log-reader';
import { attachWebSocket } from './server/ws';
import { createRateLimits, httpContextError } from './server/rate-limit';
import { healthRoutes } from './server/health';
import { exportRoutes } from './server/export-routes';
import { consoleRoutes } from './server/console-routes';
import { taxiiRoutes } from './server/taxii-routes';
import { mispRestRoutes } from './server/misp-rest/misp-routes';
import { Clock, systemClock } from './shared/clock';
import { isAppError } from './shared/errors';
import { createLogger, Logger } from './shared/logger';
import { createMetrics, graphqlMetricsPlugin, HubMetrics, metricsRoutes } from './server/metrics';
import { carryRequestInfo, noteActor, noteOperation, requestIdOf, requestLog } from './server/request-log';
import type { Request } from 'express';

export interface AppOptions {
  logger?: Logger;
  clock?: Clock;
  /** Called with every SQL statement (tests: "no N+1"; benchmarks). */
  onQuery?: (sql: string) => void;
  /** Start the feed schedules (default true; the one-shot CLI commands turn them off). */
  feedSchedules?: boolean;
}

export interface App {
  readonly config: Config;
  readonly orm: MikroORM;
  readonly hub: ServerHub;
  /** The feed fetch jobs (global and per-feed schedules). */
  readonly feedScheduler: FeedScheduler;
  readonly schema: GraphQLSchema;
  readonly bootstrap: BootstrapResult;
  /** The hub's Prometheus metrics (GET /metrics). */
  readonly metrics: HubMetrics;
  /** Listens on config.host:config.port (0 = any free port); resolves to the GraphQL URL. */
  start(): Promise<string>;
  /**
   * Ordered, graceful stop (DESIGN §12.7): HTTP (no new connections), ws (every socket closed with 1001),
   * HTTP requests in flight drained, jobs (running fetches and syncs finish), then what they all used:
   * change-log reader, feed progress relay, bus, rate limits, database.
   */
  stop(): Promise<void>;
  url(): string;
}

/** The composition root: builds every part of one hub from its config. Two hubs can live in one process. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
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
    const schema = await buildHubSchema();

    const app = express();
    app.disable('x-powered-by');
    const httpServer: Server = createServer(app);
    // Idle keep-alive connections stay open longer than a client or load balancer keeps them (undici: 4 s,
    // AWS ALB: 60 s): with node's default of 5 s, a client reusing a connection just as the hub closes it
    // gets a reset instead of an answer ("fetch failed"). Headers must still arrive within headersTimeout.
    httpServer.keepAliveTimeout = 65_000;
    httpServer.headersTimeout = 66_000;
    const limits = await createRateLimits(config, { logger, authenticate: (key) => auth.authenticate(key) });
    // Metrics: live figures from the sockets, the pool and the database (read per scrape); per request a
    // timer, a histogram observation and the request's log line.
    let liveStats = () => ({ sockets: 0, subscriptions: 0, deliveries: 0 });
    const metrics = createMetrics(config, { em: hubEm, changeLog, clock, live: () => liveStats(), pool: () => poolStats(orm) }, logger);
    const ws = attachWebSocket(httpServer, schema, hub, limits, (name, type) => metrics.observeWsOperation(metrics.operationLabel(name), type));
    liveStats = ws.stats;
    // Authentication as the HTTP routes use it: the key's rate limit, and the key id for the request log.
    const authenticateRequest = async (authorization: string | undefined, req: Request) => noteActor(req, await limits.authenticate(authorization, limits.addressOf(req)));
    const apollo = new ApolloServer<Scope>({
      schema,
      formatError,
      introspection: true,
      // The composition root owns shutdown (ordered stop); Apollo must not handle signals itself.
      stopOnTerminationSignals: false,
      includeStacktraceInErrorResponses: false,
      // Depth, aliases and cost: per request (the cost depends on the variables), as over WebSocket.
      plugins: [
        queryLimitsPlugin(config),
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginCacheControlDisabled(),
        errorLoggingPlugin(logger),
        // The context carries its request's info (carryRequestInfo): the operation name goes to the request log.
        graphqlMetricsPlugin(metrics, (scope, operation) => scope && noteOperation(scope, operation)),
        // GraphiQL is served offline by consoleRoutes; Apollo's landing page would load from a CDN.
        ApolloServerPluginLandingPageDisabled(),
        // Federated tracing (ftv1) is for subgraphs behind an Apollo gateway, which this hub is not: without
        // this, Apollo's default inline-trace plugin still runs a hook on every request to find that out.
        ApolloServerPluginInlineTraceDisabled(),
      ],
    });
    await apollo.start();

    // First: the request id (X-Request-Id) and, when the response is done, the request's log line and metrics.
    app.use(requestLog(logger, (r) => metrics.observeHttp(r)));
    // CORS (CORS_ORIGINS) for every route below, the web console and GraphiQL (GET /graphql from a browser).
    app.use(consoleRoutes(config));
    // GraphQL right after the request log and CORS/GraphiQL (GET /graphql for a browser), before the probes,
    // /metrics and the REST routers: its requests need not be matched against their routes first. None of
    // those routes is under /graphql, so the order changes no answer.
    app.use(
      '/graphql',
      (req: Request, _res: unknown, next: () => void) => {
        noteOperation(req, undefined, '/graphql'); // the metrics route, also for bodies refused before Apollo
        next();
      },
      allowMethods('GET', 'POST'),
      jsonBody(config.bodyLimit),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          try {
            const actor = await authenticateRequest(req.headers.authorization, req);
            return carryRequestInfo(req, createScope(hub, actor, requestIdOf(req)));
          } catch (e) {
            if (isAppError(e)) throw httpContextError(e);
            throw e;
          }
        },
      }),
    );

    // Probes and /metrics (CORS applies to them as before: consoleRoutes runs first).
    app.use(
      healthRoutes({
        pingDatabase: async () => void (await orm.em.getConnection().execute('select 1')),
        pendingMigrations: async () => {
          const applied = await appliedMigrationNames(orm);
          return shipped.filter((name) => !applied.has(name)).length;
        },
        redisUp: () => (config.redisUrl ? bus.up : undefined),
      }),
    );
    app.use(metricsRoutes(metrics, { token: config.metricsToken, addressOf: (req) => limits.addressOf(req) }));
    // Exports and the MISP feed: streaming REST routes (GET/POST /export/<format>, GET /feeds/misp/...).
    app.use(exportRoutes({ hub, schema, bodyLimit: config.bodyLimit, authenticate: (req) => authenticateRequest(req.headers.authorization, req) }));
    app.use(taxiiRoutes({ hub, authenticate: authenticateRequest }));
    // The MISP REST API (PyMISP, MISP servers) at MISP's own paths, and /openapi.json describing it.
    app.use(mispRestRoutes({ hub, bodyLimit: config.bodyLimit, authenticate: authenticateRequest }));
    // Last: unknown routes and every error as JSON (never Express's HTML page).
    app.use(notFoundHandler, httpErrorHandler(logger));

    let url = '';
    return {
      config,
      orm,
      hub,
      feedScheduler,
      schema,
      bootstrap,
      metrics,
      url: () => url,
      start: () =>
        new Promise<string>((resolve, reject) => {
          httpServer.once('error', (e) => reject(listenFailure(e, config.host, config.port)));
          httpServer.listen(config.port, config.host, () => {
            const { port } = httpServer.address() as AddressInfo;
            const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
            url = `http://${host}:${port}/graphql`;
            logger.info({ url }, 'threatmesh listening');
            resolve(url);
          });
        }),
      stop: async () => {
        // No new requests or WebSocket upgrades; requests in flight go on (drained below).
        if (httpServer.listening) httpServer.close();
        // Sockets first: the HTTP drain would cut upgraded sockets without a close frame (it sees no request on them).
        await ws.close();
        await apollo.stop(); // drains the HTTP requests in flight (ApolloServerPluginDrainHttpServer)
        // Jobs after HTTP: a request in flight may still start a fetch or a sync, or reschedule.
        await scheduler.stop();
        await feedScheduler.stop();
        changeLog.stop();
        await feeds.progress.close();
        auth.close();
        await bus.close();
        await limits.close();
        await orm.close(true);
      },
    };
  } catch (e) {
    await orm.close(true);
    throw e;
  }
}

/** A failure to listen as a StartupError naming PORT or HOST and the address tried; other errors as they are. */
function listenFailure(e: Error & { code?: string }, host: string, port: number): Error {
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (e.code) {
    case 'EADDRINUSE':
      return new StartupError('PORT', address, 'address already in use (another process listens on this port)', { cause: e });
    case 'EACCES':
      return new StartupError('PORT', address, 'permission denied (ports below 1024 need privileges)', { cause: e });
    case 'EADDRNOTAVAIL':
      return new StartupError('HOST', address, 'address not available on this machine', { cause: e });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError('HOST', address, 'host name could not be resolved', { cause: e });
    default:
      return e;
  }
}
