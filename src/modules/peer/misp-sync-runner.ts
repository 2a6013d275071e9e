import { randomUUID } from 'node:crypto';
import { SystemActor } from '../../auth/actor';
import { syncEventDecision, SyncSkipReason } from '../../auth/policy';
import { SYSTEM_VIEWER } from '../../auth/visibility-filter';
import { HeldLease } from '../../db/lease';
import { writeTransactionRetrying } from '../../db/change-recorder';
import { HubServices } from '../../graphql/scope';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { Change } from '../change/change.entity';
import { Event } from '../event/event.entity';
import { hubUuidOf } from '../hub/hub.service';
import { WireEventGroups } from '../misp-import/apply-batch';
import { SyncEventWire } from '../misp-import/wire.types';
import { Organisation } from '../organisation/organisation.entity';
import { MispIndexRow, MispResponseTooLarge, MispSyncClient } from './misp-sync-client';
import { instanceKey, InstanceMap } from '../feed/parsers/misp-sharing-group';
import { mispEventToWire, MispEventRefused, mispSightingToWire, wireToMispEvent } from './misp-sync-wire';
import { Peer } from './peer.entity';
import { peerClientOptions } from './peer-http';
import { PeerKind } from './peer-kind';
import { PeerSecretBox } from './peer-secret';
import { EVENT_CONTENT_KINDS, eventsToWire } from './sync-export.service';
import { parseSyncRules, passesSyncRules, SyncRules } from './sync-filter-rules';
import { downgradeOnPull, PeerLink, prepareForPush } from './sync.rules';
import { applySightings, peerOrgViewer, visibleSightings } from './sync-sightings.service';
import { fromRules, SyncRunner, toRules } from './sync-runner';
import { addSyncSkips, SyncResult } from './sync.types';
import { countApplied } from './sync-counts';

const SYSTEM: SystemActor = { kind: 'system', orgId: null };
/** At most this many index pages are listed at one cursor (a longer listing must come from a server that sorts). */
const MAX_INDEX_PAGES = 200;
/** Events per sightings/restSearch/event request (MISP's pullSightingNewWay takes 20). */
const SIGHTING_EVENTS = 20;

/** The Unix-seconds cursor stored for a MISP-kind peer (pullCursor / sightingPullCursor), 0 when none. */
const secondsCursor = (v: string | null | undefined) => (v && /^\d{1,12}$/.test(v) ? Number(v) : 0);

/**
 * Pull rules as MISP sends them to `events/index` (Server::filterRuleToParameter): tags as `tags`, NOT
 * entries prefixed with "!". Organisation rules are checked here only (a MISP server reads `org` by name
 * or local id, not by the uuids the hub's rules may hold); every rule is checked again on the full event.
 */
function indexFilters(rules: SyncRules): Record<string, unknown> {
  const tags = [...rules.tags.OR, ...rules.tags.NOT.map((t) => `!${t}`)];
  return tags.length ? { tags } : {};
}

/**
 * Sync with MISP servers over MISP's own sync API (the MISP-kind peers; README "MISP servers as peers"),
 * under the same lease, handshake, status and back-off as hub peers (SyncRunner.runLeased), with the same
 * rules: the receive rules of applyWireEvent and policy "sync writes", the downgrades of sync.rules.
 *
 * Pull: `events/index` (minimal, published) from the stored `timestamp` cursor, listed whole at that
 * cursor (paged by limit/page), then handled oldest first in chunks, the cursor committed after each
 * chunk; only new and newer events are downloaded (`events/view/<uuid>`, one request each, as MISP does),
 * converted, downgraded and applied in groups of events per transaction as they arrive (apply-batch.ts).
 * Then sightings recorded since the sighting cursor (`sightings/restSearch` with `last`), idempotent by
 * uuid.
 *
 * Push: the same selection as hub peers (changes after the push cursor, published events, no echo,
 * prepareForPush, push rules), asked of the server with `events/filterEventIdsForPush`, then sent with
 * `events/add|edit/…/metadata:1`; then new sightings by event (`sightings/bulkSaveSightings/<event>`).
 * MISP carries no event deletions: an event deleted here is not deleted there.
 */
export class MispSyncRunner {
  constructor(
    private readonly hub: HubServices,
    private readonly secrets: PeerSecretBox,
    private readonly leases: SyncRunner,
  ) {}

  private open = (peer: Peer, signal: AbortSignal) => new MispSyncClient(peerClientOptions(peer, this.secrets, this.hub.config, { signal }));

  private identify = async (client: MispSyncClient) => (await client.handshake()).hubUuid;

  /** The instances a received sharing group may name: the peer itself, and this hub's other peers by URL. */
  private async instances(peer: Peer): Promise<InstanceMap> {
    const peers = await this.hub.em.fork().find(Peer, { hubUuid: { $ne: null } }, { fields: ['url', 'hubUuid'] });
    const byUrl = new Map<string, string>();
    for (const p of peers) {
      const key = instanceKey(p.url);
      if (key) byUrl.set(key, p.hubUuid!);
    }
    return { peerHubUuid: peer.hubUuid!, byUrl };
  }

  pull(peerId: number): Promise<SyncResult> {
    return this.leases.runLeased(peerId, 'pull', this.open, this.identify, async (peer, client, result, lease) => {
      const rules = parseSyncRules(peer.pullRules ?? null);
      const thisHubUuid = await hubUuidOf(this.hub.em.fork());
      const instances = await this.instances(peer);
      const cursor = secondsCursor(peer.pullCursor);
      const pageSize = this.hub.config.syncPageSize;
      // The whole index at the cursor (MISP lists it in one answer; here in pages of `limit`).
      const byUuid = new Map<string, MispIndexRow>();
      for (let page = 1; ; page++) {
        await lease.check();
        if (page > MAX_INDEX_PAGES) throw new AppError('PEER_UNAVAILABLE', `Peer ${peer.url}: its events/index did not end within ${MAX_INDEX_PAGES} pages of ${pageSize} from timestamp ${cursor}`);
        const rows = await client.index({ ...indexFilters(rules), ...(cursor ? { timestamp: cursor } : {}), sort: 'timestamp', direction: 'asc', limit: pageSize, page });
        let fresh = 0;
        for (const r of rows) {
          const seen = byUuid.get(r.uuid);
          if (!seen) fresh++;
          if (r.published && (!seen || seen.timestamp < r.timestamp)) byUuid.set(r.uuid, r);
        }
        // A short page ends the listing; so does a page with nothing new (a server ignoring `page`).
        if (rows.length < pageSize || fresh === 0) break;
      }
      const rows = [...byUuid.values()].filter((r) => r.timestamp >= cursor).sort((a, b) => a.timestamp - b.timestamp);
      for (let i = 0; i < rows.length; i += pageSize) {
        await lease.check();
        const chunk = rows.slice(i, i + pageSize);
        const failedBefore = result.failed;
        await this.pullChunk(peer, client, result, chunk, { rules, thisHubUuid, instances });
        if (result.failed > failedBefore) {
          throw new Error(`${result.failed - failedBefore} event(s) failed to apply; the pull resumes from timestamp ${peer.pullCursor ?? 0}`);
        }
        // Every event up to this chunk's newest timestamp is handled: the next pull lists from there
        // (inclusive: MISP's timestamps are seconds, so events of that same second are listed again and skipped).
        peer.pullCursor = String(chunk[chunk.length - 1].timestamp);
        await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { pullCursor: peer.pullCursor });
      }
      await this.pullSightings(peer, client, result, lease, indexFilters(rules));
    });
  }

  private async pullChunk(
    peer: Peer,
    client: MispSyncClient,
    result: SyncResult,
    rows: MispIndexRow[],
    ctx: { rules: SyncRules; thisHubUuid: string; instances: InstanceMap },
  ): Promise<void> {
    const em = this.hub.em.fork();
    const local = new Map((await em.find(Event, { uuid: { $in: rows.map((r) => r.uuid) } })).map((e) => [e.uuid, e]));
    // Downloaded events apply in groups (apply-batch.ts); `undescribed`: its sharing groups left out.
    const receive = { ownerOrg: peer.organisation, originHubUuid: peer.hubUuid!, thisHubUuid: ctx.thisHubUuid, logger: this.hub.logger, clock: this.hub.clock, attachmentMaxBytes: this.hub.config.attachmentMaxBytes };
    const groups = new WireEventGroups<number>(() => this.hub.openScope(SYSTEM, randomUUID()), receive, (pulled, undescribed, o) => {
      const uuid = pulled.id.toLowerCase();
      if (!countApplied(result, o, (err) => this.hub.logger.warn({ peer: peer.name, event: uuid, err }, 'misp sync: pulled event failed'))) return;
      if (undescribed) addSyncSkips(result, [{ reason: SyncSkipReason.MISP_SHARING_GROUP_UNDESCRIBED, eventUuid: uuid, count: undescribed }]);
    });
    for (const row of rows) {
      const mine = local.get(row.uuid);
      // The sync write rules decide before anything is downloaded (MISP's removeOlder plus "never a local event").
      const decision = syncEventDecision(
        { orgId: peer.organisation.id },
        mine ? { ownerOrgId: mine.ownerOrg.id, locked: mine.locked, timestamp: mine.timestamp.getTime() } : null,
        { timestamp: row.timestamp * 1000, deleted: false },
      );
      if (decision.kind === 'REFUSE') addSyncSkips(result, [{ reason: decision.reason, eventUuid: row.uuid, count: 1 }]);
      if (decision.kind !== 'CREATE' && decision.kind !== 'UPDATE') {
        result.skipped++;
        continue;
      }
      const refuse = (reason: SyncSkipReason, detail: string) => {
        this.hub.logger.warn({ peer: peer.name, event: row.uuid, reason, detail }, 'misp sync: pulled event skipped');
        addSyncSkips(result, [{ reason, eventUuid: row.uuid, count: 1 }]);
        result.skipped++;
      };
      let json: unknown;
      try {
        json = await client.event(row.uuid, { internal: peer.internal });
      } catch (e) {
        if (e instanceof MispResponseTooLarge) {
          refuse(SyncSkipReason.MISP_EVENT_TOO_LARGE, e.message);
          continue;
        }
        throw e;
      }
      if (json === null) {
        result.skipped++; // gone (deleted or unpublished) since the index was read
        continue;
      }
      let wire: SyncEventWire;
      let undescribed = 0;
      try {
        const pulled = mispEventToWire(json, { instances: ctx.instances, now: this.hub.clock.now(), attachmentMaxBytes: this.hub.config.attachmentMaxBytes });
        wire = pulled.wire;
        undescribed = pulled.undescribedGroups;
        if (wire.id.toLowerCase() !== row.uuid) throw new MispEventRefused(`asked for event ${row.uuid}, answered event ${wire.id}`);
      } catch (e) {
        if (!(e instanceof MispEventRefused)) throw e;
        refuse(/sharing group/.test(e.message) ? SyncSkipReason.MISP_SHARING_GROUP_UNDESCRIBED : SyncSkipReason.MISP_EVENT_INVALID, e.message);
        continue;
      }
      if (!wire.published || !passesSyncRules(ctx.rules, { tags: wire.tags.map((t) => t.name), creatorOrgUuid: wire.creatorOrg.id, creatorOrgName: wire.creatorOrg.name })) {
        result.skipped++;
        continue;
      }
      const pulled = fromRules(downgradeOnPull(toRules(wire, ctx.thisHubUuid, peer.organisation.uuid), { internal: peer.internal }));
      await groups.add(pulled, undescribed);
    }
    await groups.end();
  }

  /**
   * Sightings as MISP pulls them (Sighting::pullSightings, "new way"): the minimal index again, without a
   * timestamp but with the ETag of the last one (If-None-Match: a 304 means nothing changed, one small
   * request); the events held here whose remote `sighting_timestamp` is newer than the peer's sighting
   * mark, oldest first, 20 at a time (`sightings/restSearch/event` with their uuids); stored idempotently
   * by uuid for attributes the peer's organisation may see here (policy.canPushSighting). The mark moves
   * after each batch; the ETag is kept once all are done. (`sightingPullCursor` holds "<mark>|<etag>".)
   */
  private async pullSightings(peer: Peer, client: MispSyncClient, result: SyncResult, lease: HeldLease, filters: Record<string, unknown>): Promise<void> {
    await lease.check();
    const [markText, etagText] = (peer.sightingPullCursor ?? '').split('|');
    let mark = secondsCursor(markText);
    const index = await client.indexIfChanged(filters, etagText || null);
    const save = async (etag: string | null) => {
      const value = etag && `${mark}|${etag}`.length <= 255 ? `${mark}|${etag}` : String(mark);
      if (value === peer.sightingPullCursor) return;
      peer.sightingPullCursor = value;
      await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { sightingPullCursor: value });
    };
    if (!index.rows) return save(index.etag);
    const newer = index.rows.filter((r) => r.sightingTimestamp > mark);
    const here = new Set(
      newer.length ? (await this.hub.em.fork().find(Event, { uuid: { $in: newer.map((r) => r.uuid) } }, { fields: ['uuid'] })).map((e) => e.uuid) : [],
    );
    const wanted = newer.filter((r) => here.has(r.uuid)).sort((a, b) => a.sightingTimestamp - b.sightingTimestamp);
    const viewer = peerOrgViewer(peer.organisation.id);
    for (let i = 0; i < wanted.length; i += SIGHTING_EVENTS) {
      await lease.check();
      const batch = wanted.slice(i, i + SIGHTING_EVENTS);
      const wires = (await client.sightingsOfEvents(batch.map((r) => r.uuid))).map(mispSightingToWire);
      result.sightingsSkipped += wires.filter((w) => !w).length;
      const good = wires.filter((w): w is NonNullable<typeof w> => !!w);
      if (good.length) {
        const applied = await writeTransactionRetrying(this.hub.openScope(SYSTEM, randomUUID()), (tem, changes) =>
          applySightings(tem, changes, { viewer, org: tem.getReference(Organisation, peer.organisation.id) }, good, this.hub.clock.now()),
        );
        result.sightingsCreated += applied.created;
        result.sightingsSkipped += applied.skipped;
      }
      mark = Math.max(mark, ...batch.map((r) => r.sightingTimestamp));
      await save(null);
    }
    // Events not held here are passed over like MISP does; the mark covers them too.
    mark = Math.max(mark, ...newer.map((r) => r.sightingTimestamp));
    await save(index.etag);
  }

  push(peerId: number): Promise<SyncResult> {
    return this.leases.runLeased(peerId, 'push', this.open, this.identify, async (peer, client, result, lease) => {
      const rules = parseSyncRules(peer.pushRules ?? null);
      const thisHubUuid = await hubUuidOf(this.hub.em.fork());
      const link: PeerLink = { peerHubUuid: peer.hubUuid!, peerOrgUuid: peer.organisation.uuid, internal: peer.internal };
      const ctx = { thisHubUuid, peer: { hubUuid: peer.hubUuid!, url: peer.url.replace(/\/+$/, ''), name: peer.name } };
      for (;;) {
        await lease.check();
        const em = this.hub.em.fork();
        const rows = await em.find(Change, { seq: { $gt: peer.pushCursor } }, { orderBy: { seq: 'asc' }, limit: this.hub.config.syncPageSize });
        if (!rows.length) break;
        const touched = new Set<string>();
        for (const r of rows) if (r.eventUuid && EVENT_CONTENT_KINDS.has(r.kind)) touched.add(r.eventUuid);
        const events = touched.size ? await em.find(Event, { uuid: { $in: [...touched] } }, { populate: ['ownerOrg'] }) : [];
        // Only published events, and never back to the peer what came from it (no echo).
        const candidates = events.filter((e) => e.published && e.originHubUuid !== peer.hubUuid);
        result.skipped += events.length - candidates.length;
        const ownerOf = new Map(events.map((e) => [e.uuid, e.ownerOrg.uuid]));
        const outgoing: SyncEventWire[] = [];
        for (const w of await eventsToWire(em, candidates, SYSTEM_VIEWER)) {
          const prepared = prepareForPush(toRules(w, thisHubUuid, ownerOf.get(w.id)!), link);
          if (!prepared || !passesSyncRules(rules, { tags: w.tags.map((t) => t.name), creatorOrgUuid: w.creatorOrg.id, creatorOrgName: w.creatorOrg.name })) {
            result.skipped++;
            continue;
          }
          outgoing.push(fromRules(prepared));
        }
        if (outgoing.length) {
          // MISP's getEventIdsForPush: the server names the events it wants (new there, or newer than its copy).
          const wanted = await client.filterEventIdsForPush(outgoing.map((w) => ({ uuid: w.id, timestamp: Math.floor(new Date(w.timestamp).getTime() / 1000) })));
          let failed = 0;
          for (const w of outgoing) {
            await lease.check();
            if (!wanted.has(w.id.toLowerCase())) {
              result.skipped++;
              continue;
            }
            const answer = await client.pushEvent(w.id, wireToMispEvent(w, ctx));
            if (answer.kind === 'saved') result[answer.created ? 'created' : 'updated']++;
            else if (answer.kind === 'refused') {
              result.skipped++;
              this.hub.logger.info({ peer: peer.name, event: w.id, why: answer.why }, 'misp sync: the peer refused a pushed event');
            } else {
              failed++;
              this.hub.logger.warn({ peer: peer.name, event: w.id, why: answer.why }, 'misp sync: pushed event failed');
            }
          }
          result.failed += failed;
          if (failed) throw new Error(`the peer failed to save ${failed} event(s); the page will be pushed again`);
        }
        peer.pushCursor = rows[rows.length - 1].seq;
        await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { pushCursor: peer.pushCursor });
      }
      await this.pushSightings(peer, client, result, lease);
    });
  }

  /**
   * New local sightings after the sighting push cursor, as the peer's organisation may see them (MISP's
   * sighting policy, published events), per event: the ones the server does not have yet
   * (`sightings/filterSightingUuidsForPush`) go to `sightings/bulkSaveSightings/<event>`.
   */
  private async pushSightings(peer: Peer, client: MispSyncClient, result: SyncResult, lease: HeldLease): Promise<void> {
    const viewer = peerOrgViewer(peer.organisation.id);
    for (;;) {
      await lease.check();
      const em = this.hub.em.fork();
      const rows = await em.find(Change, { seq: { $gt: peer.sightingPushCursor } }, { orderBy: { seq: 'asc' }, limit: this.hub.config.syncPageSize });
      if (!rows.length) return;
      const uuids = rows.filter((r) => r.kind === ChangeKind.SIGHTING && r.op === ChangeOp.CREATED).map((r) => r.uuid);
      const byEvent = new Map<string, Array<Record<string, unknown>>>();
      for (const s of await visibleSightings(em, viewer, uuids)) {
        // Not back to the server that sent it: a sighting of the peer's own copy flows on only from here.
        const e = s.attribute.event;
        const list = byEvent.get(e.uuid) ?? [];
        list.push({
          uuid: s.uuid,
          attribute_uuid: s.attribute.uuid,
          event_uuid: e.uuid,
          date_sighting: String(Math.floor(s.at.getTime() / 1000)),
          type: String(['SIGHTING', 'FALSE_POSITIVE', 'EXPIRATION'].indexOf(s.type)),
          source: s.source ?? '',
          org_id: String(s.org.id),
          Organisation: { uuid: s.org.uuid, name: s.org.name },
        });
        byEvent.set(e.uuid, list);
      }
      for (const [eventUuid, list] of byEvent) {
        const known = await client.knownSightings(eventUuid, list.map((s) => String(s.uuid)));
        const fresh = list.filter((s) => !known.has(String(s.uuid)));
        result.sightingsSkipped += list.length - fresh.length;
        if (!fresh.length) continue;
        const saved = await client.bulkSaveSightings(eventUuid, fresh);
        const n = saved === null ? fresh.length : Math.min(saved, fresh.length);
        result.sightingsCreated += n;
        result.sightingsSkipped += fresh.length - n;
      }
      peer.sightingPushCursor = rows[rows.length - 1].seq;
      await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { sightingPushCursor: peer.sightingPushCursor });
    }
  }
}

/** The sync runner of every kind of peer: hub peers (SyncRunner) and MISP servers (MispSyncRunner). */
export class PeerRunners {
  constructor(
    private readonly hub: HubServices,
    private readonly hubPeers: SyncRunner,
    private readonly mispPeers: MispSyncRunner,
  ) {}

  private async kindOf(peerId: number): Promise<PeerKind> {
    const p = await this.hub.em.fork().findOne(Peer, { id: peerId }, { fields: ['kind'] });
    return p?.kind ?? PeerKind.HUB;
  }

  async pull(peerId: number): Promise<SyncResult> {
    return (await this.kindOf(peerId)) === PeerKind.MISP ? this.mispPeers.pull(peerId) : this.hubPeers.pull(peerId);
  }

  async push(peerId: number): Promise<SyncResult> {
    return (await this.kindOf(peerId)) === PeerKind.MISP ? this.mispPeers.push(peerId) : this.hubPeers.push(peerId);
  }
}
