import { Arg, Authorized, Ctx, Extensions, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { pageSize } from '../../graphql/pagination';
import { Scope, requireUser } from '../../graphql/scope';
import { setViewer, SYSTEM_VIEWER } from '../../auth/visibility-filter';
import { TEXT_CHECKED_BY_SERVICE } from '../../shared/control-characters';
import { badInput } from '../../shared/errors';
import { writeTransactionRetrying } from '../../db/change-recorder';
import { Organisation } from '../organisation/organisation.entity';
import { hubUuidOf } from '../hub/hub.service';
import { syncEvents, syncIndex } from './sync-export.service';
import { receivePushedEvents } from './sync-push-receive.service';
import { SyncEventWire } from '../misp-import/wire.types';
import { SyncIndexPage, SyncResult, SyncSightingPage, SyncSightingResult } from './sync.types';
import { SyncSightingWire } from '../misp-import/wire.types';
import { applySightings, syncSightings } from './sync-sightings.service';

/**
 * The hub-to-hub protocol (README "Federation protocol"): `hubInfo` handshake, `syncIndex` (what
 * changed), `syncEvents` (full events), `pushEvents` (a peer hands us events). Callers are sync users.
 */
@Resolver()
export class SyncProtocolResolver {
  @Authorized('sync')
  @Query(() => SyncIndexPage, { description: 'Sync: published events visible to the caller that changed after a change cursor (tombstones included), paged.' })
  syncIndex(
    @Arg('since', () => String, { nullable: true, description: 'Change cursor from the previous page ("0" or absent: from the start).' }) since: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Change-log rows examined per page (default SYNC_PAGE_SIZE).' }) first: number | null,
    @Ctx() scope: Scope,
  ) {
    return syncIndex(scope, since, pageSize(first, scope.config.syncPageSize, 10_000));
  }

  @Authorized('sync')
  @Query(() => [SyncEventWire], { description: 'Sync: full events by uuid as the caller may pull them (published and visible; others left out).' })
  syncEvents(@Arg('ids', () => [ID], { description: 'Event uuids (at most 500).' }) ids: string[], @Ctx() scope: Scope) {
    if (ids.length > 500) throw badInput(`Too many ids (${ids.length}): at most 500 per call`);
    return syncEvents(scope, ids);
  }

  @Authorized('sync')
  // Control characters are checked per event and attribute by applyWireEvent (counted, not fatal).
  @Extensions(TEXT_CHECKED_BY_SERVICE)
  @Mutation(() => SyncResult, { description: 'Sync: a peer pushes events. They apply in groups of events per transaction, a failing group again event by event (only a bad event fails); copies are owned by the caller\'s organisation and locked. The caller changes or deletes only its own copies and the sharing groups it owns here; what is refused is counted in skippedReasons.' })
  async pushEvents(
    @Arg('hubId', () => ID, { description: 'The pushing hub\'s uuid (its hubInfo id): data is never pushed back to it.' }) hubId: string,
    @Arg('events', () => [SyncEventWire], { description: 'Events in the sync wire format (at most 500).' }) events: SyncEventWire[],
    @Ctx() scope: Scope,
  ): Promise<SyncResult> {
    return receivePushedEvents(scope, requireUser(scope), hubId, events);
  }

  @Authorized('sync')
  @Query(() => SyncSightingPage, { description: 'Sync: sightings recorded after a change cursor that the caller may see (MISP\'s sighting policy for its organisation), as deltas: events are not sent again.' })
  syncSightings(
    @Arg('since', () => String, { nullable: true, description: 'Change cursor from the previous page ("0" or absent: from the start).' }) since: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Sightings per page at most (default SYNC_PAGE_SIZE); a page looks through at most 100 times as many change-log rows.' }) first: number | null,
    @Ctx() scope: Scope,
  ) {
    return syncSightings(scope, since, pageSize(first, scope.config.syncPageSize, 10_000));
  }

  @Authorized('sync')
  @Extensions(TEXT_CHECKED_BY_SERVICE)
  @Mutation(() => SyncSightingResult, { description: 'Sync: a peer pushes sightings (deltas). Idempotent by sighting uuid; only for attributes the caller may see here; the reporting organisation is kept by uuid.' })
  async pushSightings(
    @Arg('hubId', () => ID, { description: 'The pushing hub\'s uuid (its hubInfo id).' }) hubId: string,
    @Arg('sightings', () => [SyncSightingWire], { description: 'Sightings with attributeId (at most 5000).' }) sightings: SyncSightingWire[],
    @Ctx() scope: Scope,
  ): Promise<SyncSightingResult> {
    const actor = requireUser(scope);
    if (sightings.length > 5000) throw badInput(`Too many sightings (${sightings.length}): at most 5000 per call`);
    if (hubId.toLowerCase() === (await hubUuidOf(scope.em))) throw badInput(`hubId "${hubId}" is this hub: a hub cannot push to itself`);
    const sender = scope.viewer;
    const r = await writeTransactionRetrying(scope, async (em, changes) => {
      // Storing is the hub's own work (system viewer on this transaction): the sender's rights are decided
      // per sighting by policy.canPushSighting inside applySightings, not by what this EntityManager shows.
      setViewer(em, SYSTEM_VIEWER);
      const org = await em.findOneOrFail(Organisation, { id: actor.orgId });
      return applySightings(em, changes, { viewer: sender, org }, sightings, scope.clock.now());
    });
    return Object.assign(new SyncSightingResult(), r);
  }
}
