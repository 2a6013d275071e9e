import cors from 'cors';
import express, { Request, RequestHandler, Router } from 'express';
import helmet from 'helmet';
import { join } from 'node:path';
import { CAPABILITIES, roleCan } from '../auth/capabilities';
import { Config } from '../config/config';
import { Role } from '../shared/enums';
import { loadConsoleAssets } from './console-assets';
import { sendError } from './http-errors';

/**
 * What a browser gets from the hub, mounted before the API routes:
 *   - CORS for the API when CORS_ORIGINS lists origins (off by default; API keys travel in a header,
 *     never in cookies, so no credentials are allowed);
 *   - the web console (CONSOLE, default on): the dashboard at `/`, its files under `/console/`, the
 *     browser libraries under `/vendor/`, and GraphiQL on `GET /graphql` when the browser asks for HTML
 *     (GRAPHIQL, default on). `POST /graphql` and every non-HTML GET go on to the API.
 * Console pages talk only to the public GraphQL API with the user's own key; nothing here reads data.
 */
export function consoleRoutes(config: Config): Router {
  const router = Router();
  if (config.corsOrigins.length) {
    const any = config.corsOrigins.includes('*');
    router.use(
      cors({
        origin: any ? '*' : [...config.corsOrigins],
        methods: ['GET', 'POST'],
        allowedHeaders: ['Authorization', 'Content-Type'],
        exposedHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    );
  }
  if (!config.console) return router;

  const assets = loadConsoleAssets();
  // Scripts, styles and connections ('self' covers ws: on the same host and port) only from this origin;
  // data: for the icons and fonts GraphiQL's stylesheet inlines.
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // TLS and its pinning belong to whatever terminates it in front of the hub.
    strictTransportSecurity: false,
  });
  const page = (file: string): RequestHandler => (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(assets.consoleDir, file));
  };
  const wantsHtml = (req: Request) => req.accepts(['application/json', 'text/html']) === 'text/html' && req.query.query === undefined;

  router.get('/', headers, page('index.html'));
  if (config.graphiql) {
    router.get('/graphql', (req, res, next) => (wantsHtml(req) ? headers(req, res, () => page('graphiql.html')(req, res, next)) : next()));
  }
  // The rights of each role, from the same table the API enforces, so pages offer only what a role may do.
  router.get('/console/roles.json', headers, (_req, res) => {
    res.json(Object.fromEntries(Object.values(Role).map((role) => [role, CAPABILITIES.filter((c) => roleCan(role, c))])));
  });
  router.get('/console/versions.json', headers, (_req, res) => {
    res.json({ graphiql: config.graphiql, libraries: assets.versions });
  });
  router.use('/console', headers, express.static(assets.consoleDir, { index: false, redirect: false, cacheControl: true, maxAge: 0 }));
  router.get('/vendor/:name', headers, (req, res) => {
    const file = assets.vendorFile(String(req.params.name));
    if (!file) return sendError(res, 'NOT_FOUND', `No console library ${JSON.stringify(String(req.params.name).slice(0, 100))}`);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  });
  return router;
}
