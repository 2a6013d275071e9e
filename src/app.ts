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
import { Config } from './config/config';
import { appliedMigrationNames, poolStats } from './db/orm';
import { StartupError } from './config/startup-error';
import { errorLoggingPlugin, formatError } from './graphql/error-format';
import { allowMethods, httpErrorHandler, jsonBody, notFoundHandler } from './server/http-errors';
import { queryLimitsPlugin } from './graphql/limits';
import { buildHubSchema } from './server/schema';
import { createHubServices, HubServicesOptions } from './server/hub-services';
import { Scope } from './graphql/scope';
import { createScope, ServerHub } from './server/scope-factory';
import { FeedScheduler } from './jobs/feed-scheduler';
import { BootstrapResult } from './modules/hub/hub.service';
import { attachWebSocket } from './server/ws';
import { createRateLimits, httpContextError } from './server/rate-limit';
import { healthRoutes } from './server/health';
import { exportRoutes } from './server/export-routes';
import { consoleRoutes } from './server/console-routes';
import { taxiiRoutes } from './server/taxii-routes';
import { mispRestRoutes } from './server/misp-rest/misp-routes';
import { systemClock } from './shared/clock';
import { isAppError } from './shared/errors';
import { createLogger } from './shared/logger';
import { createMetrics, graphqlMetricsPlugin, HubMetrics, metricsRoutes } from './server/metrics';
import { carryRequestInfo, noteActor, noteOperation, requestIdOf, requestLog } from './server/request-log';
import type { Request } from 'express';
import { compiledQueryGateway } from './server/graphql-executor';

/** Logger, clock, SQL hook, feed schedules (hub-services). */
export type AppOptions = HubServicesOptions;

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
  const services = await createHubServices(config, { ...opts, logger, clock });
  const { orm, hub, auth, bootstrap, feedScheduler, shipped } = services;
  const hubEm = hub.em;
  const bus = hub.bus;
  const changeLog = hub.changeLog;
  try {
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
      // Apollo parses, validates, runs the plugins and formats errors; queries run compiled after their first run.
      gateway: compiledQueryGateway(schema, { compileAfter: config.graphqlJitAfter, onRun: (executor) => metrics.observeExecution(executor) }),
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
        // Jobs after HTTP: a request in flight may still start a fetch or a sync, or reschedule; then
        // change-log reader, feed progress relay, bus, rate limits, database (hub-services).
        await services.stop(() => limits.close());
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
