/**
 * TAXII 2.1 (read-only) at /taxii2/: discovery, one API root (/taxii2/api/), collections, objects,
 * manifest and versions. Thin handlers over modules/taxii: they decode the request (key, media type,
 * query parameters), open one scope, and answer `application/taxii+json;version=2.1`. Errors use
 * TAXII's error resource `{ title, description, http_status, error_code }`, never HTML.
 * Authentication: HTTP Basic with the API key as password (TAXII clients speak Basic), or the
 * `Authorization: <key>` / `Bearer <key>` header as everywhere else; the rate limits apply as on
 * every route.
 */
import express, { Request, Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { Actor } from '../auth/actor';
import { HubServices, Scope } from '../graphql/scope';
import { AppError, badInput, isAppError, unauthenticated } from '../shared/errors';
import { HTTP_STATUS } from './http-errors';
import {
  collectionObject,
  collectionObjects,
  collectionResource,
  getCollection,
  listCollections,
  ObjectQuery,
  TAXII_MEDIA_TYPE,
  TaxiiEntry,
} from '../modules/taxii/taxii.service';
import { requestIdOf } from './request-log';

export interface TaxiiRoutesDeps {
  hub: HubServices;
  /** The actor of an Authorization header value (API key), within the rate limits; null without a key. */
  authenticate(authorization: string | undefined, req: Request): Promise<Actor | null>;
}

/** Largest page (`limit` above it is lowered to it: TAXII lets a server return fewer objects). */
export const TAXII_MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/** TAXII media types a client may accept (406 otherwise). */
function acceptable(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return !version || version === 'version=2.1';
  });
}

class TaxiiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API key of an Authorization header: Basic (key as password) is turned into the key itself. */
function keyHeader(authorization: string | undefined): string | undefined {
  if (!authorization || !/^basic\s/i.test(authorization)) return authorization;
  const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : decoded;
}

const one = (v: unknown, name: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badInput(`${name} must be given once`);
  return v;
};
const list = (v: unknown): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean).slice(0, 100);

function objectQuery(req: Request): ObjectQuery {
  const q = req.query as Record<string, unknown>;
  const addedAfterRaw = one(q.added_after, 'added_after');
  let addedAfter: Date | null = null;
  if (addedAfterRaw !== undefined) {
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(addedAfterRaw) || Number.isNaN(Date.parse(addedAfterRaw))) {
      throw badInput(`Invalid added_after "${addedAfterRaw.slice(0, 100)}": expected a timestamp like 2024-01-31T12:00:00.000Z`);
    }
    addedAfter = new Date(addedAfterRaw);
  }
  const limitRaw = one(q.limit, 'limit');
  let limit = DEFAULT_LIMIT;
  if (limitRaw !== undefined) {
    if (!/^\d{1,9}$/.test(limitRaw) || Number(limitRaw) < 1) throw badInput(`Invalid limit "${limitRaw.slice(0, 100)}": expected a whole number from 1`);
    limit = Math.min(Number(limitRaw), TAXII_MAX_LIMIT);
  }
  // The query parser keeps `match[type]` as a key of its own (Express 5's simple parser): read those keys.
  const match: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    const m = /^match\[(.*)\]$/.exec(k);
    if (k === 'match' || (m && !['id', 'type', 'version', 'spec_version'].includes(m[1]))) throw badInput(`Unknown filter ${k.slice(0, 50)}: expected match[id], match[type], match[version] or match[spec_version]`);
    if (m) match[m[1]] = v;
  }
  return {
    addedAfter,
    limit,
    next: one(q.next, 'next') ?? null,
    match: { id: list(match.id), type: list(match.type), version: list(match.version), specVersion: list(match.spec_version) },
  };
}

const dateHeaders = (res: Response, entries: TaxiiEntry[]) => {
  if (!entries.length) return;
  res.setHeader('X-TAXII-Date-Added-First', entries[0].dateAdded.toISOString());
  res.setHeader('X-TAXII-Date-Added-Last', entries[entries.length - 1].dateAdded.toISOString());
};

export function taxiiRoutes(deps: TaxiiRoutesDeps): Router {
  const router = express.Router({ strict: false });

  const handle =
    (produce: (req: Request, res: Response, scope: Scope) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      let scope: Scope | null = null;
      try {
        if (!acceptable(req.headers.accept)) throw new TaxiiError(406, 'Not Acceptable', `The Accept header "${String(req.headers.accept).slice(0, 100)}" names no media type this server answers: expected ${TAXII_MEDIA_TYPE}`);
        const actor = await deps.authenticate(keyHeader(req.headers.authorization), req);
        if (!actor) throw unauthenticated('An API key is required: HTTP Basic with the key as password, or the Authorization header');
        scope = deps.hub.openScope(actor, requestIdOf(req));
        const body = await produce(req, res, scope);
        res.status(200).setHeader('Content-Type', TAXII_MEDIA_TYPE);
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify(body));
      } catch (e) {
        fail(res, e, scope, deps.hub);
      }
    };

  const base = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}/taxii2`;

  router.get(
    '/taxii2/',
    handle(async (req) => ({
      title: 'threatmesh TAXII 2.1',
      description: 'Read-only TAXII 2.1 server of this threatmesh hub',
      default: `${base(req)}/api/`,
      api_roots: [`${base(req)}/api/`],
    })),
  );
  router.get(
    '/taxii2/api/',
    handle(async () => ({ title: 'threatmesh', description: 'The hub\'s STIX 2.1 data', versions: [TAXII_MEDIA_TYPE], max_content_length: 0 })),
  );
  router.get('/taxii2/api/collections/', handle(async (_req, _res, scope) => ({ collections: (await listCollections(scope)).map(collectionResource) })));
  router.get('/taxii2/api/collections/:id/', handle(async (req, _res, scope) => collectionResource(await getCollection(scope, String(req.params.id)))));
  // The objects and the manifest are two views of one page of the collection (same paging, same headers).
  const collectionPage = <T>(item: (e: TaxiiEntry) => T) =>
    handle(async (req, res, scope) => {
      const c = await getCollection(scope, String(req.params.id));
      const page = await collectionObjects(scope, c, objectQuery(req));
      dateHeaders(res, page.entries);
      return { more: page.more, ...(page.more && page.next ? { next: page.next } : {}), objects: page.entries.map(item) };
    });
  router.get('/taxii2/api/collections/:id/objects/', collectionPage((e) => e.object));
  router.get(
    '/taxii2/api/collections/:id/manifest/',
    collectionPage((e) => ({ id: e.object.id, date_added: e.dateAdded.toISOString(), version: e.version, media_type: 'application/stix+json;version=2.1' })),
  );
  router.get(
    '/taxii2/api/collections/:id/objects/:objectId/',
    handle(async (req, res, scope) => {
      const q = objectQuery(req);
      const e = await collectionObject(scope, await getCollection(scope, String(req.params.id)), String(req.params.objectId));
      const entries = q.match.version.length && !q.match.version.some((v) => ['first', 'last', 'all'].includes(v) || Date.parse(v) === Date.parse(e.version)) ? [] : [e];
      dateHeaders(res, entries);
      return { more: false, objects: entries.map((x) => x.object) };
    }),
  );
  router.get(
    '/taxii2/api/collections/:id/objects/:objectId/versions/',
    handle(async (req, res, scope) => {
      objectQuery(req);
      const e = await collectionObject(scope, await getCollection(scope, String(req.params.id)), String(req.params.objectId));
      dateHeaders(res, [e]);
      return { more: false, versions: [e.version] };
    }),
  );
  // Read-only: adding or deleting objects is refused (415 first for a body TAXII cannot carry).
  router.post('/taxii2/api/collections/:id/objects/', (req, res) => {
    const type = String(req.headers['content-type'] ?? '').toLowerCase().replace(/\s/g, '');
    if (!type.startsWith('application/taxii+json')) return sendTaxii(res, new TaxiiError(415, 'Unsupported Media Type', `Content-Type "${type.slice(0, 100)}" is not supported: expected ${TAXII_MEDIA_TYPE}`));
    sendTaxii(res, new TaxiiError(403, 'Forbidden', 'The collections of this server are read-only (can_write is false)'));
  });
  router.all('/taxii2/*rest', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET');
      return sendTaxii(res, new TaxiiError(405, 'Method Not Allowed', `Method ${req.method} is not allowed on ${req.path.slice(0, 200)}: this TAXII server is read-only`));
    }
    sendTaxii(res, new TaxiiError(404, 'Not Found', `No TAXII resource at ${req.path.slice(0, 200)}`));
  });
  return router;
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 406: 'Not Acceptable', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error' };

function sendTaxii(res: Response, e: TaxiiError, extra: Record<string, unknown> = {}) {
  if (e.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="threatmesh TAXII"');
  res.status(e.status).setHeader('Content-Type', TAXII_MEDIA_TYPE);
  res.end(JSON.stringify({ title: e.title, description: e.message, http_status: String(e.status), ...extra }));
}

function fail(res: Response, e: unknown, scope: Scope | null, hub: HubServices) {
  if (e instanceof TaxiiError) return sendTaxii(res, e);
  if (isAppError(e)) {
    const status = HTTP_STATUS[e.code];
    if (e.code === 'RATE_LIMITED') res.setHeader('Retry-After', String((e as AppError).extensions.retryAfter));
    return sendTaxii(res, new TaxiiError(status, TITLES[status] ?? e.code, e.message), { error_code: e.code });
  }
  const requestId = scope?.requestId ?? randomUUID();
  (scope?.logger ?? hub.logger).error({ err: e, requestId }, 'internal error in a TAXII route');
  sendTaxii(res, new TaxiiError(500, 'Internal Server Error', `Internal server error (request id ${requestId})`), { error_id: requestId });
}
