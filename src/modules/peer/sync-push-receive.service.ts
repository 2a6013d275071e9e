/**
 * `pushEvents`: a peer hands us events (README "Federation protocol"). They are applied by the one receive
 * path (apply-batch.ts: groups of events per transaction, a failing group again event by event), under the
 * sync write rules (policy "sync writes", inside applyWireEvent) with the caller's organisation as the
 * sender: copies are owned by it and locked; it changes or deletes only its own copies.
 */
import { UserActor } from '../../auth/actor';
import { setViewer, SYSTEM_VIEWER } from '../../auth/visibility-filter';
import { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { applyWireEvents } from '../misp-import/apply-batch';
import { SyncEventWire } from '../misp-import/wire.types';
import { hubUuidOf } from '../hub/hub.service';
import { Organisation } from '../organisation/organisation.entity';
import { SyncResult } from './sync.types';
import { countApplied } from './sync-counts';

/** Events per `pushEvents` call, at most. */
export const PUSH_EVENTS_MAX = 500;

export async function receivePushedEvents(scope: Scope, actor: UserActor, hubId: string, events: readonly SyncEventWire[]): Promise<SyncResult> {
  if (events.length > PUSH_EVENTS_MAX) throw badInput(`Too many events (${events.length}): at most ${PUSH_EVENTS_MAX} per call`);
  const thisHubUuid = await hubUuidOf(scope.em);
  if (hubId.toLowerCase() === thisHubUuid) throw badInput(`hubId "${hubId}" is this hub: a hub cannot push to itself`);
  const result = new SyncResult();
  const ownerOrg = await scope.em.findOneOrFail(Organisation, { id: actor.orgId });
  const ctx = { ownerOrg, originHubUuid: hubId.toLowerCase(), thisHubUuid, logger: scope.logger, clock: scope.clock, attachmentMaxBytes: scope.config.attachmentMaxBytes };
  // Applying a pushed event is the hub's own work (system viewer on these transactions only): it must find
  // every stored copy, sharing group and attribute uuid, visible to the sender or not. What the sender may
  // write is decided by sync.rules inside applyWireEvent, not by visibility.
  const outcomes = await applyWireEvents(() => scope, ctx, events, {
    begin: (em) => void setViewer(em, SYSTEM_VIEWER),
  });
  outcomes.forEach((o, i) => countApplied(result, o, (err) => scope.logger.warn({ err, event: events[i].id }, 'sync: pushed event failed')));
  return result;
}
