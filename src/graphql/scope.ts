import { EntityManager } from '@mikro-orm/core';
import { Actor, UserActor } from '../auth/actor';
import { Viewer, viewerOf } from '../auth/policy';
import { Config } from '../config/config';
import { createLoaders, Loaders } from '../loaders/loaders';
import { ChangeBus } from '../pubsub/change-bus';
import { ChangeFeed } from '../modules/change/change-feed';
import type { PeerSecretBox } from '../modules/peer/peer-secret';
import type { SyncRunner } from '../modules/peer/sync-runner';
import type { FeedServices } from '../modules/feed/feed-services';
import { Clock } from '../shared/clock';
import { unauthenticated } from '../shared/errors';
import { Logger } from '../shared/logger';

/**
 * Everything one request, job or subscription delivery works with (DESIGN §12.2). Built once, passed
 * explicitly; services receive it and never see req, sockets or cron.
 */
export interface Scope {
  readonly actor: Actor | null;
  readonly viewer: Viewer;
  readonly em: EntityManager;
  readonly loaders: Loaders;
  readonly bus: ChangeBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
  readonly requestId: string;
  readonly feed: ChangeFeed;
  readonly sync: SyncServices;
  readonly feeds: FeedServices;
  /** Subscriptions: a fresh EntityManager and loaders before each delivery (no stale caches). */
  refresh?(): void;
}

/** Federation services of a hub: sealed peer keys, the sync runner, the peer job schedules. */
export interface SyncServices {
  readonly secrets: PeerSecretBox;
  readonly runner: SyncRunner;
  reschedule(): void;
}

export interface HubServices {
  readonly feed: ChangeFeed;
  readonly sync: SyncServices;
  readonly feeds: FeedServices;
  readonly em: EntityManager;
  readonly bus: ChangeBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
}

const correlationSettings = (config: Config) => ({ max: config.correlationMax, exclusions: config.correlationExclusions });

const NOBODY: Viewer = {
  orgId: null,
  siteAdmin: false,
  syncUser: false,
  sharingGroupIds: new Set(),
  unpublishedPrivate: true,
};

/** A fresh scope: its own forked EntityManager (identity map) and its own loaders. */
export function createScope(hub: HubServices, actor: Actor | null, requestId: string): Scope {
  const em = hub.em.fork({ clear: true, useContext: false });
  const viewer = actor ? viewerOf(actor, hub.config.unpublishedPrivate) : NOBODY;
  return {
    actor,
    viewer,
    em,
    loaders: createLoaders(em, viewer, correlationSettings(hub.config)),
    bus: hub.bus,
    clock: hub.clock,
    logger: hub.logger.child({ requestId }),
    config: hub.config,
    requestId,
    feed: hub.feed,
    sync: hub.sync,
    feeds: hub.feeds,
  };
}

/** What a long-lived subscription scope reads its caller from (updated when rights change). */
export interface LiveSession {
  readonly actor: Actor;
  readonly viewer: Viewer;
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
  const freshEm = () => (em ??= hub.em.fork({ clear: true, useContext: false }));
  const logger = hub.logger.child({ requestId });
  return {
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
      return (loaders ??= createLoaders(freshEm(), session.viewer, correlationSettings(hub.config)));
    },
    bus: hub.bus,
    clock: hub.clock,
    logger,
    config: hub.config,
    requestId,
    feed: hub.feed,
    sync: hub.sync,
    feeds: hub.feeds,
    refresh() {
      em = null;
      loaders = null;
    },
  };
}

export function requireUser(scope: Scope): UserActor {
  const a = scope.actor;
  if (!a || a.kind !== 'user') throw unauthenticated('An API key is required (Authorization header)');
  return a;
}

export function requireActor(scope: Scope): Actor {
  if (!scope.actor) throw unauthenticated('An API key is required (Authorization header)');
  return scope.actor;
}
