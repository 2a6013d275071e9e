import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { Logger } from '../shared/logger';

/**
 * The request log and request ids (one structured line per HTTP request, through the hub's pino logger).
 *
 * Every request gets an id: the client's `X-Request-Id` when it is a plausible id (1–128 characters of
 * letters, digits and `._:-`), otherwise a fresh UUID; it is echoed in the `X-Request-Id` response
 * header, carried by the request's scope (its log lines, masked internal errors) and by the request's
 * log line. When the response is finished (or the client went away), one line is written:
 *
 *   {"msg":"request","reqId":…,"method":"POST","path":"/graphql","route":"/graphql","operation":"Me",
 *    "status":200,"ms":4.1,"keyId":12,"bytes":312}
 *
 * `keyId` is the database id of the API key that authenticated the request (never the key itself),
 * `operation` the GraphQL operation name or the MISP REST action, `route` the matched route's template.
 * Probes and /metrics are logged at debug level (orchestrators call them every few seconds). Per
 * request: a timer, one `finish` listener and one log call.
 */

/** What the request log and the metrics learn about a request while it is handled. */
export interface RequestInfo {
  readonly id: string;
  readonly started: number;
  /** The authenticated API key's id (set by noteActor). */
  keyId?: number;
  /** GraphQL operation name or MISP REST action. */
  operation?: string;
  /** Route template for metrics, when the route itself knows it better than Express (GraphQL, MISP REST). */
  route?: string;
}

const INFO = Symbol('threatmesh.request');
type WithInfo = { [INFO]?: RequestInfo };

const PLAUSIBLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET = new Set(['/livez', '/readyz', '/healthz', '/metrics']);

/** The request's info; requests that did not pass the request log (none in the hub) get one on first use. */
export function requestInfo(req: Request | object): RequestInfo {
  const r = req as WithInfo;
  return (r[INFO] ??= { id: randomUUID(), started: performance.now() });
}

/**
 * Lets `carrier` (a GraphQL context) stand for the request in noteOperation/noteActor: it holds the
 * request's info under a symbol, which survives Apollo's shallow copies of the context.
 */
export function carryRequestInfo<T extends object>(req: Request, carrier: T): T {
  (carrier as WithInfo)[INFO] = requestInfo(req);
  return carrier;
}

/** The id of a request (the client's X-Request-Id when plausible). */
export const requestIdOf = (req: Request | object): string => requestInfo(req).id;

/** Records who made the request (its key id) for the request log; returns the actor unchanged. */
export function noteActor<A extends Actor | null>(req: Request | object, actor: A): A {
  if (actor?.kind === 'user') requestInfo(req).keyId = actor.apiKeyId;
  return actor;
}

/** Names the request's operation (GraphQL operation name, MISP action) and, optionally, its route template. */
export function noteOperation(req: Request | object, operation: string | undefined, route?: string): void {
  const info = requestInfo(req);
  if (operation !== undefined) info.operation = operation;
  if (route !== undefined) info.route = route;
}

/** The route template of a finished request: set by the route, Express's matched route, or "unmatched". */
export function routeOf(req: Request): string {
  const info = (req as WithInfo)[INFO];
  if (info?.route) return info.route;
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return 'unmatched';
}

const pathOf = (req: Request) => {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  return (q < 0 ? url : url.slice(0, q)).slice(0, 500);
};

export interface FinishedRequest {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/**
 * The first middleware: assigns the request id, echoes it, and on finish writes the log line and hands
 * the request to `observe` (the metrics).
 */
export function requestLog(logger: Logger, observe: (r: FinishedRequest) => void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers['x-request-id'];
    const given = typeof header === 'string' && PLAUSIBLE_ID.test(header) ? header : undefined;
    const info: RequestInfo = { id: given ?? randomUUID(), started: performance.now() };
    (req as WithInfo)[INFO] = info;
    res.setHeader('X-Request-Id', info.id);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = performance.now() - info.started;
      const route = routeOf(req);
      // A response cut short (client gone before the end) is logged with the status it had started with.
      const status = res.statusCode;
      observe({ method: req.method, route, status, seconds: ms / 1000 });
      const line = {
        reqId: info.id,
        method: req.method,
        // The path as the client sent it (a mounted router sees its own part only), without the query.
        path: pathOf(req),
        route,
        operation: info.operation,
        status,
        ms: Math.round(ms * 10) / 10,
        keyId: info.keyId,
        bytes: Number(res.getHeader('content-length')) || undefined,
        aborted: res.writableFinished ? undefined : true,
      };
      if (QUIET.has(line.path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
