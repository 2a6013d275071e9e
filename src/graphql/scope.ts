import { EntityManager } from '@mikro-orm/core';
import { Actor, UserActor } from '../auth/actor';
import { Viewer, viewerOf } from '../auth/policy';
import { Config } from '../config/config';
import { createLoaders, Loaders } from '../loaders/loaders';
import { ChangeBus } from '../pubsub/change-bus';
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
}

export interface HubServices {
  readonly em: EntityManager;
  readonly bus: ChangeBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
}

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
    loaders: createLoaders(em, viewer),
    bus: hub.bus,
    clock: hub.clock,
    logger: hub.logger.child({ requestId }),
    config: hub.config,
    requestId,
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
