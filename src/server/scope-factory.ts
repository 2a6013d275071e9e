import { EntityManager } from '@mikro-orm/core';
import { Actor } from '../auth/actor';
import { Viewer, viewerOf } from '../auth/policy';
import { setViewer } from '../auth/visibility-filter';
import { Config } from '../config/config';
import { Loaders } from '../graphql/loaders';
import { HubServices, LiveSession, Scope } from '../graphql/scope';
import { ChangeLogReader } from '../modules/change/change-log-reader';
import { createLoaders } from './loaders';

/** The hub as the composition holds it: the ports, with the concrete change-log reader. */
export interface ServerHub extends HubServices {
  readonly changeLog: ChangeLogReader;
}

const correlationSettings = (config: Config) => ({ max: config.correlationMax, exclusions: config.correlationExclusions });

const NOBODY: Viewer = {
  orgId: null,
  siteAdmin: false,
  syncUser: false,
  sharingGroupIds: new Set(),
  unpublishedPrivate: true,
};

/** What every scope of a hub shares: its long-lived parts, the request id and a logger naming it. */
const sharedParts = (hub: HubServices, requestId: string) => ({
  bus: hub.bus,
  clock: hub.clock,
  logger: hub.logger.child({ requestId }),
  config: hub.config,
  requestId,
  changeLog: hub.changeLog,
  sync: hub.sync,
  feeds: hub.feeds,
  openScope: hub.openScope,
});

/** A fresh scope: its own forked EntityManager (identity map) and its own loaders. */
export function createScope(hub: HubServices, actor: Actor | null, requestId: string): Scope {
  const viewer = actor ? viewerOf(actor, hub.config.unpublishedPrivate) : NOBODY;
  // Every read of shared data through this EntityManager (and its forks) follows the caller's visibility
  // (auth/visibility-filter): the hub's system viewer, inherited by the fork, is replaced here.
  const em = setViewer(hub.em.fork({ clear: true, useContext: false }), viewer);
  return {
    actor,
    viewer,
    em,
    loaders: createLoaders(em, viewer, correlationSettings(hub.config), hub.config.maxPageSize),
    ...sharedParts(hub, requestId),
  };
}

/**
 * The scope of one subscription: actor and viewer are read from the socket's session at each delivery
 * (so revocations and membership changes apply at once), and `refresh` gives each delivery a fresh
 * EntityManager and fresh loaders.
 */
export function createLiveScope(hub: HubServices, session: LiveSession, requestId: string): Scope {
  // Created on first use per delivery: most deliveries (scalar fields) never touch the database.
  let em: EntityManager | null = null;
  let loaders: Loaders | null = null;
  // Each delivery's EntityManager reads with the session's viewer of that moment.
  const freshEm = () => (em ??= setViewer(hub.em.fork({ clear: true, useContext: false }), session.viewer));
  return {
    ...sharedParts(hub, requestId),
    get actor() {
      return session.actor;
    },
    get viewer() {
      return session.viewer;
    },
    get em() {
      return freshEm();
    },
    get loaders() {
      return (loaders ??= createLoaders(freshEm(), session.viewer, correlationSettings(hub.config), hub.config.maxPageSize));
    },
    refresh() {
      em = null;
      loaders = null;
    },
  };
}
