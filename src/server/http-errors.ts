import express, { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, isAppError } from '../shared/errors';
import { Logger } from '../shared/logger';

/**
 * Every HTTP error on every route is JSON in the GraphQL error shape (DESIGN §10):
 * `{ "errors": [{ "message", "extensions": { "code" } }] }` with the matching status — never Express's
 * HTML page, a stack or a file path. Mount `notFoundHandler` and `httpErrorHandler` last; routes that
 * read a JSON body use `jsonBody`, routes with a fixed set of methods `allowMethods`.
 */

/** The HTTP status of each catalogue code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_SERVER_ERROR: 500,
  PEER_UNAVAILABLE: 502,
  SUBSCRIBER_TOO_SLOW: 503,
};

/** The code for a client-error status raised below the routes (body-parser, Express). */
function codeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return 'BAD_USER_INPUT';
  }
}

export function sendError(res: Response, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  res.status(HTTP_STATUS[code]).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/** An expected failure as its catalogue status; RATE_LIMITED also says when to retry (`Retry-After`). */
export function sendAppError(res: Response, e: AppError): void {
  if (e.code !== 'RATE_LIMITED') return sendError(res, e.code, e.message);
  res.setHeader('Retry-After', String(e.extensions.retryAfter));
  sendError(res, e.code, e.message, { retryAfter: e.extensions.retryAfter });
}

/** A request path as quoted back in a message (bounded). */
const quotedPath = (req: Request) => JSON.stringify(req.originalUrl.split('?')[0].slice(0, 200));

/** 405 (with `Allow`) for any method not listed; mounted with `router.all` / `app.use` on the path. */
export function allowMethods(...methods: string[]): RequestHandler {
  return (req, res, next) => {
    if (methods.includes(req.method)) return next();
    res.setHeader('Allow', methods.join(', '));
    sendError(res, 'METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on ${quotedPath(req)}: expected ${methods.join(' or ')}`);
  };
}

/**
 * A JSON request body: 415 for a body of another type (instead of reading it as "no body"), then
 * express.json with the size cap (strict: an object or array; `null` is refused as malformed).
 */
export function jsonBody(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, res, next) => {
    // req.is: null without a body, false with a body of another type.
    if (req.is('application/json') !== false) return next();
    const got = String(req.headers['content-type'] ?? '(none)').slice(0, 100);
    sendError(res, 'UNSUPPORTED_MEDIA_TYPE', `The request body must be JSON (Content-Type: application/json), got Content-Type ${JSON.stringify(got)}`);
  };
  return [requireJson, express.json({ limit })];
}

/** Unknown routes: 404 naming the method and path. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 'NOT_FOUND', `No route ${req.method} ${quotedPath(req)}: this hub serves /graphql, /export/<format>, /feeds/misp/… and /healthz`);
};

interface HttpLikeError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  limit?: number;
  message?: string;
}

/**
 * The last error handler: typed errors keep their code, body-parser and Express client errors get their
 * status with a code, anything else is logged with a request id and masked as INTERNAL_SERVER_ERROR.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      // Too late for a status: the client sees the response cut short.
      logger.error({ err, path: req.path }, 'error after the response started; aborting it');
      res.destroy();
      return;
    }
    if (isAppError(err)) return sendAppError(res, err);
    const e = (err ?? {}) as HttpLikeError;
    switch (e.type) {
      case 'entity.parse.failed':
        return sendError(res, 'BAD_USER_INPUT', `The request body is not valid JSON (expected a JSON object): ${String(e.message).slice(0, 200)}`);
      case 'entity.too.large':
        return sendError(res, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${e.limit} bytes`);
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return sendError(res, 'UNSUPPORTED_MEDIA_TYPE', `The request body cannot be read: ${String(e.message).slice(0, 200)}`);
    }
    const status = e.status ?? e.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // http-errors marks client errors whose message is safe to show with `expose`.
      return sendError(res, codeOfStatus(status), e.expose && e.message ? e.message.slice(0, 200) : `The request cannot be processed (HTTP ${status})`);
    }
    const requestId = randomUUID();
    logger.error({ err, requestId, method: req.method, path: req.path }, 'internal error in an HTTP route');
    sendError(res, 'INTERNAL_SERVER_ERROR', `Internal server error (request id ${requestId})`, { requestId });
  };
}
