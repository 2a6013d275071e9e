import express, { Request, Router } from 'express';
import type { Actor } from '../../auth/actor';
import type { HubServices } from '../../graphql/scope';
import { SOFTWARE_VERSION } from '../../modules/hub/hub.service';
import { attributeRoutes } from './misp-attribute-routes';
import { eventRoutes } from './misp-event-routes';
import { objectRoutes } from './misp-object-routes';
import { mispOpenApi } from './misp-openapi';
import { otherRoutes } from './misp-other-routes';
import type { MispRoute } from './misp-route.types';
import { mispRouter } from './misp-router';
import { syncRoutes } from './misp-sync-routes';

/** Every MISP REST route this hub serves (the OpenAPI document is generated from this table). */
export const MISP_ROUTES: readonly MispRoute[] = [...otherRoutes, ...eventRoutes, ...attributeRoutes, ...objectRoutes, ...syncRoutes];

export interface MispRestDeps {
  hub: HubServices;
  bodyLimit: string;
  /** The actor of a raw key header within the rate limits (null without a key). */
  authenticate(key: string | undefined, req: Request): Promise<Actor | null>;
}

/** The MISP REST layer on the hub's port, and GET /openapi.json describing it. */
export function mispRestRoutes(deps: MispRestDeps): Router {
  const router = express.Router();
  const openApi = mispOpenApi(MISP_ROUTES, SOFTWARE_VERSION);
  router.get('/openapi.json', (_req, res) => void res.json(openApi));
  router.use(mispRouter({ ...deps, routes: MISP_ROUTES }));
  return router;
}
