import type { ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/core';
import express, { Request, Response, Router } from 'express';
import ipaddr from 'ipaddr.js';
import { timingSafeEqual } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config/config';
import type { Scope } from '../graphql/scope';
import { Feed } from '../modules/feed/feed.entity';
import { Peer } from '../modules/peer/peer.entity';
import { ERROR_CODES } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { FinishedRequest } from './request-log';

/**
 * Prometheus metrics of one hub (prom-client; one registry per hub, so two hubs in a process keep theirs).
 *
 * Label values are bounded and carry no organisation data: HTTP routes are route templates (never the
 * URL), GraphQL operations the first METRICS_MAX_OPERATIONS distinct operation names of executed
 * documents (later names count as "(other)"; a document that does not parse or validate as "(invalid)"),
 * error codes the hub's catalogue, feeds and peers their names as the site admin configured them.
 * Figures read from the database (change-log head, feeds, peers) are read once per scrape.
 *
 * Who may read /metrics: with METRICS_TOKEN set, a client sending `Authorization: Bearer <token>`;
 * without it, only clients on a loopback address (127.0.0.0/8, ::1: the client address as TRUST_PROXY
 * reads it). Anyone else gets 401/403 and a JSON error.
 */

const PREFIX = 'threatmesh_';
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const KNOWN_CODES = new Set<string>(ERROR_CODES);
/** GraphQL names (the grammar's), short enough to be a label. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export const OPERATION_OTHER = '(other)';
export const OPERATION_INVALID = '(invalid)';
export const OPERATION_ANONYMOUS = '(anonymous)';

/** What the metrics read from the rest of the hub at scrape time. */
export interface MetricsSources {
  /** The hub's EntityManager (reads as the system; forked per scrape). */
  em: EntityManager;
  /** This replica's change-log reader: the newest change it has read, and the newest committed one. */
  changeLog: { readonly headSeq: number; committedSeq(): Promise<number> };
  /** WebSocket figures of this replica (attachWebSocket's stats). */
  live(): { sockets: number; subscriptions: number; deliveries: number };
  /** The database connection pool; null when the driver has none. */
  pool(): { used: number; free: number; pending: number; max: number } | null;
  clock: { now(): Date };
}

export class HubMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private deliveredSoFar = 0;

  private readonly httpRequests = new Counter({ name: `${PREFIX}http_requests_total`, help: 'HTTP requests by method, route template and status', labelNames: ['method', 'route', 'status'] as const, registers: [this.registry] });
  private readonly httpDuration = new Histogram({ name: `${PREFIX}http_request_duration_seconds`, help: 'HTTP request durations (until the response is finished) by method and route template', labelNames: ['method', 'route'] as const, buckets: DURATION_BUCKETS, registers: [this.registry] });
  private readonly gqlDuration = new Histogram({ name: `${PREFIX}graphql_operation_duration_seconds`, help: 'GraphQL operations over HTTP: durations by operation name and type', labelNames: ['operation', 'type'] as const, buckets: DURATION_BUCKETS, registers: [this.registry] });
  private readonly gqlErrors = new Counter({ name: `${PREFIX}graphql_operation_errors_total`, help: 'Errors in GraphQL responses over HTTP by operation name and error code', labelNames: ['operation', 'code'] as const, registers: [this.registry] });
  private readonly executions = new Counter({ name: `${PREFIX}graphql_executions_total`, help: 'GraphQL operations over HTTP run by executor: compiled (graphql-jit) or graphql-js', labelNames: ['executor'] as const, registers: [this.registry] });
  private readonly wsOperations = new Counter({ name: `${PREFIX}graphql_ws_operations_total`, help: 'GraphQL operations started over WebSocket by operation name and type', labelNames: ['operation', 'type'] as const, registers: [this.registry] });
  private readonly sockets = new Gauge({ name: `${PREFIX}websocket_connections`, help: 'Authenticated WebSocket connections open on this replica', registers: [this.registry] });
  private readonly subscriptions = new Gauge({ name: `${PREFIX}subscriptions_open`, help: 'Change-log subscriptions open on this replica', registers: [this.registry] });
  private readonly deliveries = new Counter({ name: `${PREFIX}subscription_deliveries_total`, help: 'Subscription results (change-log items) delivered by this replica', registers: [this.registry] });
  private readonly changeHead = new Gauge({ name: `${PREFIX}change_log_head`, help: 'Newest change-log seq committed to the database', registers: [this.registry] });
  private readonly changeRead = new Gauge({ name: `${PREFIX}change_log_replica_head`, help: 'Newest change-log seq this replica has read (and may deliver)', registers: [this.registry] });
  private readonly changeLag = new Gauge({ name: `${PREFIX}change_log_replica_lag`, help: 'Changes committed that this replica has not read yet', registers: [this.registry] });
  private readonly feedLastFetch = new Gauge({ name: `${PREFIX}feed_last_fetch_timestamp_seconds`, help: 'Enabled feeds: time of the last fetch (successful or not)', labelNames: ['feed'] as const, registers: [this.registry] });
  private readonly feedOk = new Gauge({ name: `${PREFIX}feed_last_fetch_ok`, help: 'Enabled feeds: 1 when the last fetch succeeded, 0 when it failed or never ran', labelNames: ['feed'] as const, registers: [this.registry] });
  private readonly feedSuccess = new Gauge({ name: `${PREFIX}feed_last_success_timestamp_seconds`, help: 'Enabled feeds: time of the last successful fetch (kept through later failures; absent when none is known)', labelNames: ['feed'] as const, registers: [this.registry] });
  private readonly feedAge = new Gauge({ name: `${PREFIX}feed_last_success_age_seconds`, help: 'Enabled feeds: seconds since the last successful fetch (grows while fetches fail; absent when none is known)', labelNames: ['feed'] as const, registers: [this.registry] });
  private readonly peerOk = new Gauge({ name: `${PREFIX}peer_sync_ok`, help: 'Peers: 1 when the last sync succeeded (or none ran yet), 0 after a failure', labelNames: ['peer'] as const, registers: [this.registry] });
  private readonly peerFailures = new Gauge({ name: `${PREFIX}peer_sync_failures`, help: 'Peers: failed syncs in a row', labelNames: ['peer'] as const, registers: [this.registry] });
  private readonly peerLastSync = new Gauge({ name: `${PREFIX}peer_last_sync_timestamp_seconds`, help: 'Peers: time of the last pull or push', labelNames: ['peer', 'direction'] as const, registers: [this.registry] });
  private readonly peerSyncAge = new Gauge({ name: `${PREFIX}peer_last_sync_age_seconds`, help: 'Peers with pull or push on: seconds since the last pull or push', labelNames: ['peer', 'direction'] as const, registers: [this.registry] });
  private readonly peerPushLag = new Gauge({ name: `${PREFIX}peer_push_lag_changes`, help: 'Peers with push on: changes of this hub after the last one pushed to the peer', labelNames: ['peer'] as const, registers: [this.registry] });
  private readonly poolConnections = new Gauge({ name: `${PREFIX}db_pool_connections`, help: 'Database pool connections by state (used, free, pending = waiting acquires and creations)', labelNames: ['state'] as const, registers: [this.registry] });
  private readonly poolMax = new Gauge({ name: `${PREFIX}db_pool_max`, help: 'Largest number of database connections the pool opens', registers: [this.registry] });
  private readonly scrapeErrors = new Counter({ name: `${PREFIX}metrics_scrape_errors_total`, help: 'Scrapes whose database figures could not be read (the other figures were still served)', registers: [this.registry] });

  constructor(
    private readonly sources: MetricsSources,
    private readonly maxOperations: number,
    private readonly logger: Logger,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The label of an operation name: itself while fewer than the cap are known, then "(other)". */
  operationLabel(name: string | null | undefined): string {
    if (!name) return OPERATION_ANONYMOUS;
    if (this.operations.has(name)) return name;
    if (!NAME.test(name) || this.operations.size >= this.maxOperations) return OPERATION_OTHER;
    this.operations.add(name);
    return name;
  }

  /** Called by the request log for every finished HTTP request. */
  observeHttp(r: FinishedRequest): void {
    this.httpRequests.inc({ method: r.method, route: r.route, status: r.status });
    this.httpDuration.observe({ method: r.method, route: r.route }, r.seconds);
  }

  observeOperation(operation: string, type: string, seconds: number, errorCodes: readonly unknown[]): void {
    this.gqlDuration.observe({ operation, type }, seconds);
    for (const code of errorCodes) this.gqlErrors.inc({ operation, code: KNOWN_CODES.has(String(code)) ? String(code) : 'OTHER' });
  }

  /** An HTTP operation ran on the compiled executor or on graphql-js (server/graphql-executor.ts). */
  observeExecution(executor: 'compiled' | 'graphql-js'): void {
    this.executions.inc({ executor });
  }

  /** A GraphQL operation started over WebSocket (name already a label: see operationLabel). */
  observeWsOperation(operation: string, type: string): void {
    this.wsOperations.inc({ operation, type });
  }

  /** Reads the figures that live elsewhere (sockets, pool, database), then renders every metric. */
  async render(): Promise<string> {
    const live = this.sources.live();
    this.sockets.set(live.sockets);
    this.subscriptions.set(live.subscriptions);
    if (live.deliveries > this.deliveredSoFar) this.deliveries.inc(live.deliveries - this.deliveredSoFar);
    this.deliveredSoFar = live.deliveries;
    const pool = this.sources.pool();
    if (pool) {
      this.poolConnections.set({ state: 'used' }, pool.used);
      this.poolConnections.set({ state: 'free' }, pool.free);
      this.poolConnections.set({ state: 'pending' }, pool.pending);
      this.poolMax.set(pool.max);
    }
    try {
      await this.readDatabaseFigures();
    } catch (e) {
      this.scrapeErrors.inc();
      this.logger.warn({ err: e }, 'metrics: database figures not read');
    }
    return this.registry.metrics();
  }

  private async readDatabaseFigures(): Promise<void> {
    const now = this.sources.clock.now().getTime();
    const read = this.sources.changeLog.headSeq;
    const committed = await this.sources.changeLog.committedSeq();
    this.changeHead.set(committed);
    this.changeRead.set(read);
    this.changeLag.set(Math.max(0, committed - read));

    const em = this.sources.em.fork();
    const [feeds, peers] = await Promise.all([
      em.find(Feed, { enabled: true }, { fields: ['name', 'lastFetchAt', 'lastSuccessAt', 'lastError'], orderBy: { id: 'asc' } }),
      em.find(Peer, {}, { fields: ['name', 'pull', 'push', 'lastPullAt', 'lastPushAt', 'lastError', 'failures', 'pushCursor'], orderBy: { id: 'asc' } }),
    ]);
    // Label sets follow the configuration: a feed disabled or a peer removed disappears.
    for (const g of [this.feedLastFetch, this.feedOk, this.feedSuccess, this.feedAge, this.peerOk, this.peerFailures, this.peerLastSync, this.peerSyncAge, this.peerPushLag]) g.reset();
    for (const f of feeds) {
      const feed = f.name;
      const ok = !!f.lastFetchAt && !f.lastError;
      this.feedOk.set({ feed }, ok ? 1 : 0);
      if (f.lastFetchAt) this.feedLastFetch.set({ feed }, f.lastFetchAt.getTime() / 1000);
      // Fetches before lastSuccessAt existed: the last fetch's time is the last success's when it succeeded.
      const success = f.lastSuccessAt ?? (ok ? f.lastFetchAt! : null);
      if (success) {
        this.feedSuccess.set({ feed }, success.getTime() / 1000);
        this.feedAge.set({ feed }, Math.max(0, (now - success.getTime()) / 1000));
      }
    }
    for (const p of peers) {
      const peer = p.name;
      this.peerOk.set({ peer }, p.failures > 0 || p.lastError ? 0 : 1);
      this.peerFailures.set({ peer }, p.failures);
      for (const [direction, on, at] of [['pull', p.pull, p.lastPullAt], ['push', p.push, p.lastPushAt]] as const) {
        if (at) this.peerLastSync.set({ peer, direction }, at.getTime() / 1000);
        if (on && at) this.peerSyncAge.set({ peer, direction }, Math.max(0, (now - at.getTime()) / 1000));
      }
      if (p.push) this.peerPushLag.set({ peer }, Math.max(0, committed - p.pushCursor));
    }
  }
}

export function createMetrics(config: Config, sources: MetricsSources, logger: Logger): HubMetrics {
  return new HubMetrics(sources, config.metricsMaxOperations, logger);
}

/** The error codes of a GraphQL response's (formatted) errors. */
const codesOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions?.code ?? 'OTHER');

/**
 * GraphQL operations over HTTP: duration and errors by operation name, and the name for the request log.
 * `named(scope, name)` passes the resolved operation name to the request's log line.
 */
export function graphqlMetricsPlugin(metrics: HubMetrics, named: (scope: Scope | undefined, operation: string) => void): ApolloServerPlugin<Scope> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = OPERATION_INVALID;
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: op, contextValue }) {
          // No operation: the request's operationName names none of the document's (Apollo then fails it).
          if (!op) return;
          const name = operationName ?? op.name?.value;
          operation = metrics.operationLabel(name);
          type = op.operation;
          named(contextValue, name ?? OPERATION_ANONYMOUS);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          metrics.observeOperation(operation, type, (performance.now() - started) / 1000, codesOf(errors));
        },
      };
    },
  };
}

const LOOPBACK_V4 = ipaddr.parseCIDR('127.0.0.0/8');

/** Is this client address (as rate-limit's clientAddress reads it) a loopback address? */
export function isLoopback(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.kind() === 'ipv4' ? (ip as ipaddr.IPv4).match(LOOPBACK_V4) : ip.range() === 'loopback';
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** GET /metrics (Prometheus text format) for the token holder or loopback clients (see above). */
export function metricsRoutes(metrics: HubMetrics, deps: { token: string | undefined; addressOf(req: IncomingMessage): string }): Router {
  const router = express.Router();
  const refuse = (res: Response, status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });
  router.get('/metrics', (req: Request, res: Response, next) => {
    if (deps.token !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!m || !sameSecret(m[1], deps.token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return void refuse(res, 401, 'UNAUTHENTICATED', 'The metrics need the METRICS_TOKEN: send Authorization: Bearer <token>');
      }
    } else if (!isLoopback(deps.addressOf(req))) {
      return void refuse(res, 403, 'FORBIDDEN', 'The metrics are served to loopback clients only; set METRICS_TOKEN to scrape them from elsewhere');
    }
    metrics.render().then(
      (text) => {
        res.setHeader('Content-Type', metrics.registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.end(text);
      },
      (e) => next(e),
    );
  });
  return router;
}
