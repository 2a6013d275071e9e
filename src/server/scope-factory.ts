import { EntityManager } from '@mikro-orm/core';
import { Actor } from '../auth/actor';
import { Viewer, viewerOf } from '../auth/policy';
import { setViewer } from '../auth/visibility-filter';
import { Config } from '../config/config';
import { Loaders } from '../graphql/loaders';
import type { ChangeBus } from '../pubsub/change-bus';
import type { Clock } from '../shared/clock';
import { Logger } from '../shared/logger';
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

/** What every scope of a hub shares: its long-lived parts and the request id (the logger naming it: requestLogger). */
const sharedParts = (hub: HubServices, requestId: string) => ({
  bus: hub.bus,
  clock: hub.clock,
  config: hub.config,
  requestId,
  changeLog: hub.changeLog,
  sync: hub.sync,
  feeds: hub.feeds,
  openScope: hub.openScope,
});

/**
 * A fresh scope: its own forked EntityManager (identity map), loaders and logger, each made on first use
 * (a request that reads no data, such as `{ __typename }`, makes none of them).
 */
export function createScope(hub: HubServices, actor: Actor | null, requestId: string): Scope {
  return new RequestScope(hub, actor, requestId);
}

/**
 * The lazy parts are getters of the class, their state plain own properties: Apollo copies the context
 * object per operation (Object.assign onto the same prototype), which keeps them lazy on the copy.
 */
class RequestScope implements Scope {
  readonly viewer: Viewer;
  readonly bus: ChangeBus;
  readonly clock: Clock;
  readonly config: Config;
  readonly changeLog: HubServices['changeLog'];
  readonly sync: HubServices['sync'];
  readonly feeds: HubServices['feeds'];
  readonly openScope: HubServices['openScope'];
  private madeEm: EntityManager | null = null;
  private madeLoaders: Loaders | null = null;
  private madeLogger: Logger | null = null;

  constructor(
    private readonly hub: HubServices,
    readonly actor: Actor | null,
    readonly requestId: string,
  ) {
    this.viewer = actor ? viewerOf(actor, hub.config.unpublishedPrivate) : NOBODY;
    Object.assign(this, sharedParts(hub, requestId));
  }

  get em(): EntityManager {
    // Every read of shared data through this EntityManager (and its forks) follows the caller's visibility
    // (auth/visibility-filter): the hub's system viewer, inherited by the fork, is replaced here.
    return (this.madeEm ??= setViewer(this.hub.em.fork({ clear: true, useContext: false }), this.viewer));
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.em, this.viewer, correlationSettings(this.hub.config), this.hub.config.maxPageSize));
  }

  get logger(): Logger {
    return (this.madeLogger ??= this.hub.logger.child({ requestId: this.requestId }));
  }
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
  const logger = hub.logger.child({ requestId });
  return {
    ...sharedParts(hub, requestId),
    logger,
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
