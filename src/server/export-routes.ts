import { validateSync } from 'class-validator';
import express, { Request, Response, Router } from 'express';
import { coerceInputValue, GraphQLSchema, isInputObjectType } from 'graphql';
import { randomUUID } from 'node:crypto';
import { Actor } from '../auth/actor';
import { allowMethods, jsonBody, sendAppError } from './http-errors';
import { HubServices, Scope } from '../graphql/scope';
import { refuseControlCharacters } from '../shared/control-characters';
import { AppError, badInput, isAppError, unauthenticated } from '../shared/errors';
import { AttributeFilter } from '../modules/attribute/attribute.inputs';
import { feedManifest, prepareExport, prepareFeedEvent, prepareFeedHashes } from '../modules/export/export.service';
import { attachmentFile } from '../modules/export/attachment-download';
import { requestIdOf } from './request-log';

/**
 * HTTP transport of exports and of the MISP feed: decodes the request (key, format, filter), opens one
 * scope, and streams the service's output with back-pressure (chunked transfer, memory flat). Errors
 * found before the first byte answer with a status and a JSON body `{ errors: [{ message, extensions:
 * { code } }] }` (the GraphQL error shape); an error after the first byte aborts the response.
 */
export interface ExportRoutesDeps {
  hub: HubServices;
  schema: GraphQLSchema;
  bodyLimit: string;
  /**
   * The actor of the request's key, once, within the rate limits; null without a key (UNAUTHENTICATED or
   * RATE_LIMITED AppError for a bad key or too many requests).
   */
  authenticate(req: Request): Promise<Actor | null>;
}

export function exportRoutes(deps: ExportRoutesDeps): Router {
  const router = express.Router();
  const filterType = deps.schema.getType('AttributeFilter');
  if (!isInputObjectType(filterType)) throw new Error('AttributeFilter input type missing from the schema');

  /** The filter as the GraphQL argument would be coerced (same names, enums, scalars and validation). */
  const decodeFilter = (raw: unknown): AttributeFilter | null => {
    if (raw === undefined || raw === null || raw === '') return null;
    let json = raw;
    if (typeof raw === 'string') {
      try {
        json = JSON.parse(raw);
      } catch {
        throw badInput(`filter is not valid JSON: ${raw.slice(0, 200)}`);
      }
    }
    refuseControlCharacters(json, 'filter');
    const problems: string[] = [];
    const value = coerceInputValue(json, filterType, (path, invalid, error) => {
      const at = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
      problems.push(`filter${at}: ${error.message}`);
      void invalid;
    });
    if (problems.length) throw badInput(problems.join('; '));
    const instance = Object.assign(new AttributeFilter(), value);
    const invalid = validateSync(instance, { forbidUnknownValues: false });
    if (invalid.length) {
      throw badInput(invalid.map((v) => `filter.${v.property}: ${Object.values(v.constraints ?? {}).join(', ')}`).join('; '));
    }
    return instance;
  };

  const scopeOf = async (req: Request): Promise<Scope> => {
    const actor = await deps.authenticate(req);
    if (!actor) throw unauthenticated('An API key is required (Authorization header)');
    return deps.hub.openScope(actor, requestIdOf(req));
  };

  const handle =
    (produce: (req: Request, scope: Scope) => Promise<{ contentType: string; filename?: string; body: AsyncGenerator<string> }>) =>
    async (req: Request, res: Response) => {
      let scope: Scope | null = null;
      try {
        scope = await scopeOf(req);
        const out = await produce(req, scope);
        await stream(res, out.contentType, out.filename, out.body, scope);
      } catch (e) {
        fail(res, e, scope, deps.hub);
      }
    };

  const sidBaseOf = (v: unknown): number | undefined => {
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : NaN;
    if (Number.isNaN(n)) throw badInput(`Invalid sidBase "${String(v).slice(0, 50)}": expected a whole number`);
    return n;
  };

  const exportHandler = (source: (req: Request) => { filter: unknown; sidBase: unknown }) =>
    handle(async (req, scope) => {
      const { filter, sidBase } = source(req);
      const format = String(req.params.format);
      const prepared = await prepareExport(scope, format, decodeFilter(filter), { sidBase: sidBaseOf(sidBase), baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}` });
      return { contentType: prepared.format.contentType, filename: `threatmesh-export.${prepared.format.extension}`, body: prepared.body };
    });

  router.get(
    '/export/:format',
    exportHandler((req) => ({ filter: req.query.filter, sidBase: req.query.sidBase })),
  );
  router.post(
    '/export/:format',
    jsonBody(deps.bodyLimit),
    exportHandler((req) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw badInput('The request body must be a JSON object { "filter": {...} }');
      return { filter: body.filter, sidBase: body.sidBase ?? req.query.sidBase };
    }),
  );

  router.get(
    '/feeds/misp/manifest.json',
    handle(async (_req, scope) => ({ contentType: 'application/json; charset=utf-8', body: feedManifest(scope) })),
  );
  router.get(
    '/feeds/misp/hashes.csv',
    handle(async (_req, scope) => ({ contentType: 'text/csv; charset=utf-8', body: await prepareFeedHashes(scope) })),
  );
  router.get(
    '/feeds/misp/:file',
    handle(async (req, scope) => {
      const m = /^([0-9a-fA-F-]{36})\.json$/.exec(String(req.params.file));
      if (!m) throw new AppError('NOT_FOUND', `Feed file "${String(req.params.file).slice(0, 100)}" was not found: expected manifest.json, hashes.csv or <event uuid>.json`);
      return { contentType: 'application/json; charset=utf-8', body: await prepareFeedEvent(scope, m[1]) };
    }),
  );
  // The file of an attachment / malware-sample attribute: ours by uuid, and MISP's path (a uuid there
  // too: local ids never leave the hub).
  const download = async (req: Request, res: Response) => {
    let scope: Scope | null = null;
    try {
      scope = await scopeOf(req);
      const file = await attachmentFile(scope, String(req.params.uuid));
      res.status(200);
      res.attachment(file.filename); // Content-Disposition with the file name encoded as RFC 6266 says
      res.setHeader('Content-Type', file.contentType); // after attachment(), which guesses a type from the name
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(file.data);
    } catch (e) {
      fail(res, e, scope, deps.hub);
    }
  };
  router.get('/attributes/:uuid/download', download);
  router.get('/attributes/download/:uuid', download);
  router.all('/attributes/:uuid/download', allowMethods('GET', 'HEAD'));
  router.all('/attributes/download/:uuid', allowMethods('GET', 'HEAD'));
  router.all('/export/:format', allowMethods('GET', 'POST'));
  router.all('/feeds/misp/:file', allowMethods('GET', 'HEAD'));
  // Body errors (malformed JSON, too large, wrong type) go on to the app's JSON error handler (http-errors.ts).
  return router;
}

/**
 * Writes the output as it is produced: the first piece is produced before the status is sent (so
 * errors found while starting still get a status), then each piece is written with back-pressure;
 * a client that goes away stops the reading.
 */
async function stream(res: Response, contentType: string, filename: string | undefined, body: AsyncGenerator<string>, scope: Scope) {
  let next = await body.next();
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  if (filename) res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  try {
    while (!next.done) {
      if (closed) {
        await body.return(undefined);
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
      // Give the event loop a turn between pieces: with the synchronous SQLite driver and a socket that
      // takes every write at once, a large export would otherwise hold the loop (and every other
      // request) until its end.
      await new Promise<void>((resolve) => setImmediate(resolve));
      next = await body.next();
    }
    res.end();
  } catch (e) {
    scope.logger.error({ err: e }, 'export failed after the response started; aborting it');
    res.destroy(e as Error);
  }
}

function fail(res: Response, e: unknown, scope: Scope | null, hub: HubServices) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (isAppError(e)) return sendAppError(res, e);
  const requestId = scope?.requestId ?? randomUUID();
  (scope?.logger ?? hub.logger).error({ err: e, requestId }, 'internal error in an export route');
  res.status(500).json({ errors: [{ message: `Internal server error (request id ${requestId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
}
