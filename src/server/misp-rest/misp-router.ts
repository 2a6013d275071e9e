import express, { NextFunction, Request, Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../auth/actor';
import { requireCapability } from '../../auth/capabilities';
import type { HubServices, Scope } from '../../graphql/scope';
import { refuseControlCharacters } from '../../shared/control-characters';
import { AppError, isAppError, unauthenticated } from '../../shared/errors';
import { HTTP_STATUS, jsonBody } from '../http-errors';
import type { MispReply, MispRequest, MispRoute } from './misp-route.types';

/**
 * The transport of the MISP REST layer: MISP's URL conventions (controller/action/args, CakePHP
 * `/key:value` named parameters, an optional `.json` suffix, `+` for spaces), the key in `Authorization`
 * (raw, as PyMISP sends it) or `X-MISP-AUTH`, the rate limits and body cap of every route, and errors in
 * MISP's JSON shape `{ name, message, url }` with MISP's status (an unknown or bad key is 403, as MISP
 * answers; invisible is 404). Handlers live in the route table (misp-routes.ts).
 */
export interface MispRouterDeps {
  hub: HubServices;
  bodyLimit: string;
  /** The actor of a key within the rate limits; null without a key (throws UNAUTHENTICATED / RATE_LIMITED). */
  authenticate(authorization: string | undefined, req: Request): Promise<Actor | null>;
  routes: readonly MispRoute[];
}

/** A CakePHP named parameter segment (`key:value`; MISP's sync also sends list keys such as `deleted[]:1`). */
const NAMED = /^([A-Za-z_][A-Za-z0-9_]*(?:\[\])?):(.*)$/s;

interface Pattern {
  route: MispRoute;
  controller: string;
  action: string;
  required: number;
  optional: number;
}

/** MISP's error body (CakePHP's JSON exception rendering) with the hub's code beside it. */
export function mispError(res: Response, status: number, message: string, url: string, code: string, extra: Record<string, unknown> = {}) {
  res.status(status).json({ name: message, message, url, errors: message, code, ...extra });
}

/** HTTP status of an AppError in MISP's terms: MISP answers 403 to a missing or unknown key. */
const statusOf = (e: AppError) => (e.code === 'UNAUTHENTICATED' ? 403 : HTTP_STATUS[e.code]);

export function mispRouter(deps: MispRouterDeps): Router {
  const router = express.Router();
  const patterns: Pattern[] = deps.routes.map((route) => {
    const [controller, action, ...args] = route.path.split('/');
    return { route, controller, action, required: args.filter((a) => !a.endsWith('?}')).length, optional: args.filter((a) => a.endsWith('?}')).length };
  });
  const controllers = new Set(patterns.map((p) => p.controller));
  const body = jsonBody(deps.bodyLimit);

  router.use((req: Request, res: Response, next: NextFunction) => {
    const segments = req.path.split('/').filter(Boolean);
    if (segments.length < 2 || !controllers.has(segments[0])) return next();
    const decoded = segments.map((s) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    });
    // `.json` on the last segment is CakePHP's extension (describeTypes.json, view/1.json).
    decoded[decoded.length - 1] = decoded[decoded.length - 1].replace(/\.json$/, '');
    const [controller, action, ...rest] = decoded;
    const named: Record<string, string> = {};
    const namedLists: Record<string, string[]> = {};
    const args: string[] = [];
    for (const s of rest) {
      const m = NAMED.exec(s);
      if (!m) {
        args.push(s);
        continue;
      }
      // `deleted[]:0/deleted[]:1` (MISP's sync): every value in namedLists, the last one in named.
      const key = m[1].replace(/\[\]$/, '');
      named[key] = m[2];
      if (m[1].endsWith('[]')) (namedLists[key] ??= []).push(m[2]);
    }
    const url = req.originalUrl.split('?')[0].slice(0, 300);
    const candidates = patterns.filter((p) => p.controller === controller && p.action === action && args.length >= p.required && args.length <= p.required + p.optional);
    if (!candidates.length) {
      // Unknown feeds actions belong to the MISP feed routes (/feeds/misp/...), not to MISP's controller.
      if (controller === 'feeds') return next();
      return mispError(res, 404, `${controller}/${action} with ${args.length} argument(s) is not served by this hub (see /openapi.json)`, url, 'NOT_FOUND');
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const match = candidates.find((p) => p.route.methods.includes(method as never) || p.route.methods.includes(req.method as never));
    if (!match) {
      const allowed = [...new Set(candidates.flatMap((p) => p.route.methods))];
      res.setHeader('Allow', allowed.join(', '));
      return mispError(res, 405, `Method ${req.method} is not allowed on ${controller}/${action}: expected ${allowed.join(' or ')}`, url, 'METHOD_NOT_ALLOWED');
    }
    const run = async () => {
      let scope: Scope | null = null;
      try {
        const header = headerOf(req, 'x-misp-auth') ?? headerOf(req, 'authorization');
        const actor = await deps.authenticate(header, req);
        if (!actor) throw unauthenticated('no key was sent');
        if (match.route.capability) requireCapability(actor, match.route.capability);
        scope = deps.hub.openScope(actor, randomUUID());
        // Express 5 leaves req.body undefined when no body was sent.
        const payload: unknown = req.body;
        if (payload !== undefined) refuseControlCharacters(payload, 'body');
        const reply = await match.route.handle({ scope, method: req.method, args, named, namedLists, body: payload, url, header: (name) => headerOf(req, name) } satisfies MispRequest);
        await send(req, res, reply, scope);
      } catch (e) {
        if (res.headersSent) {
          (scope?.logger ?? deps.hub.logger).error({ err: e }, 'MISP REST route failed after the response started; aborting it');
          res.destroy();
          return;
        }
        if (isAppError(e)) {
          if (e.code === 'RATE_LIMITED') res.setHeader('Retry-After', String(e.extensions.retryAfter));
          // MISP's words for a missing or refused key (PyMISP users search for them), then the hub's reason.
          const message = e.code === 'UNAUTHENTICATED' ? `Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header (${e.message}).` : e.message;
          return mispError(res, statusOf(e), message, url, e.code);
        }
        const requestId = scope?.requestId ?? randomUUID();
        (scope?.logger ?? deps.hub.logger).error({ err: e, requestId, path: url }, 'internal error in a MISP REST route');
        mispError(res, 500, `Internal server error (request id ${requestId})`, url, 'INTERNAL_SERVER_ERROR', { requestId });
      }
    };
    // The body is read (within the cap, JSON only) once the route is known, as on /graphql and /export.
    body[0](req, res, (err?: unknown) => {
      if (err) return next(err);
      body[1](req, res, (err2?: unknown) => (err2 ? next(err2) : void run()));
    });
  });
  // Body errors (malformed JSON, too large) in MISP's shape.
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = (err ?? {}) as { type?: string; status?: number; limit?: number; message?: string };
    const url = req.originalUrl.split('?')[0].slice(0, 300);
    if (e.type === 'entity.parse.failed') return mispError(res, 400, `The request body is not valid JSON: ${String(e.message).slice(0, 200)}`, url, 'BAD_USER_INPUT');
    if (e.type === 'entity.too.large') return mispError(res, 413, `The request body is larger than the limit of ${e.limit} bytes`, url, 'PAYLOAD_TOO_LARGE');
    next(err);
  });
  return router;
}

function headerOf(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s : undefined;
}

async function send(req: Request, res: Response, reply: MispReply, scope: Scope) {
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  if ('json' in reply) {
    res.status(reply.status ?? 200);
    if (req.method === 'HEAD') return void res.end();
    res.json(reply.json);
    return;
  }
  // Streamed: the first piece is produced before the status (errors while starting still get one).
  let next = await reply.body.next();
  res.status(reply.status ?? 200);
  res.setHeader('Content-Type', reply.contentType);
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  try {
    while (!next.done) {
      if (closed) {
        await reply.body.return(undefined);
        return;
      }
      if (next.value && !res.write(next.value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      // A turn of the event loop between pieces (the synchronous SQLite driver would hold it otherwise).
      await new Promise<void>((resolve) => setImmediate(resolve));
      next = await reply.body.next();
    }
    res.end();
  } catch (e) {
    scope.logger.error({ err: e }, 'MISP REST stream failed after the response started; aborting it');
    res.destroy(e as Error);
  }
}
