import type { EntityManager } from '@mikro-orm/core';
import type { Actor, UserActor } from '../auth/actor';
import type { FeedItem } from '../auth/change-access';
import type { Viewer } from '../auth/policy';
import type { Config } from '../config/config';
import type { ChangeSink } from '../db/change-recorder';
import type { FeedProgressBus } from '../modules/feed/feed-progress';
import type { SyncResult } from '../modules/peer/sync.types';
import type { ChangeBus } from '../pubsub/change-bus';
import type { Clock } from '../shared/clock';
import { unauthenticated } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Loaders } from './loaders';

/**
 * The contract every service works against (DESIGN §12.2, §12.16): what one request, job or
 * subscription delivery holds, and the narrow ports of the hub's long-lived parts. Types only — the
 * composition (src/server/) builds scopes and implements the ports, so a service can be tested with a
 * scope of its own making, and nothing here imports a concrete part of the hub.
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
  /** This replica's change-log reader (writes announce themselves to it; change queries read it). */
  readonly changeLog: ChangeLog;
  readonly sync: SyncServices;
  readonly feeds: FeedServices;
  /** A fresh scope for another caller or unit of work (the hub's own factory). */
  openScope(actor: Actor | null, requestId: string): Scope;
  /** Subscriptions: a fresh EntityManager and loaders before each delivery (no stale caches). */
  refresh?(): void;
}

/** The change log as services read it (src/modules/change/change-log-reader.ts implements it). */
export interface ChangeLog extends ChangeSink {
  /** The newest committed seq (a caller sees its own writes). */
  committedSeq(): Promise<number>;
  /** Items after `cursor`, at most `max`, up to `upTo`. */
  itemsAfter(cursor: number, max: number, upTo?: number): Promise<FeedItem[]>;
}

/** Federation ports of a hub: sealed peer keys, the sync runner, the peer job schedules. */
export interface SyncServices {
  readonly secrets: { seal(plain: string): string; open(sealed: string): string };
  readonly runner: { pull(peerId: number): Promise<SyncResult>; push(peerId: number): Promise<SyncResult> };
  reschedule(): void;
}

/** Feed ports of a hub: the progress emitter, the in-process guard of running fetches, the schedules. */
export interface FeedServices {
  readonly progress: FeedProgressBus;
  /** Local ids of the feeds being fetched by this process (a second fetch of one of them is refused). */
  readonly running: Set<number>;
  /** Re-reads the feed schedules (after create/update/delete/enable/disable). */
  reschedule(): void;
}

/** The long-lived parts of one hub that jobs and services open scopes from. */
export interface HubServices {
  readonly changeLog: ChangeLog;
  readonly sync: SyncServices;
  readonly feeds: FeedServices;
  readonly em: EntityManager;
  readonly bus: ChangeBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
  /** A fresh scope for `actor` (its own EntityManager and loaders): jobs, feeds and sync open one per unit of work. */
  openScope(actor: Actor | null, requestId: string): Scope;
}

/** What a long-lived subscription scope reads its caller from (updated when rights change). */
export interface LiveSession {
  readonly actor: Actor;
  readonly viewer: Viewer;
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
