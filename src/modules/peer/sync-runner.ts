import { randomUUID } from 'node:crypto';
import { SystemActor } from '../../auth/actor';
import { syncEventDecision } from '../../auth/policy';
import { SYSTEM_VIEWER } from '../../auth/visibility-filter';
import { HubServices } from '../../graphql/scope';
import { HeldLease } from '../../db/lease';
import { ChangeKind, ChangeOp, Distribution } from '../../shared/enums';
import { AppError, isAppError } from '../../shared/errors';
import { writeTransactionRetrying } from '../../db/change-recorder';
import { Change } from '../change/change.entity';
import { Event } from '../event/event.entity';
import { hubUuidOf } from '../hub/hub.service';
import { EVENT_CONTENT_KINDS, eventsToWire, sharingGroupsToWire } from './sync-export.service';
import { applyWireEvents } from '../misp-import/apply-batch';
import { peerClientOptions } from './peer-http';
import { SyncClient, SyncSightingPage } from './sync-client';
import type { SyncIndexQuery } from '../../generated/graphql';
import { parseSyncRules, passesSyncRules } from './sync-filter-rules';
import { downgradeOnPull, PeerLink, prepareForPush, SyncAttribute, SyncChild, SyncEvent, SyncObject, SyncSharingGroup } from './sync.rules';
import { SyncEventWire, SyncSharingGroupWire } from '../misp-import/wire.types';
import { addSyncSkips, SyncResult } from './sync.types';
import { countApplied } from './sync-counts';
import type { SyncSkipNote } from '../misp-import/skip-note';
import { Peer } from './peer.entity';
import { applySightings, peerOrgViewer, sightingToWire, visibleSightings } from './sync-sightings.service';
import { Organisation } from '../organisation/organisation.entity';
import { PeerSecretBox } from './peer-secret';

const SYSTEM: SystemActor = { kind: 'system', orgId: null };
const FETCH_CHUNK = 100;
const PUSH_CHUNK = 100;
/** Pages of a peer's sighting deltas without sightings walked before the cursor is stored (see pullSightings). */
const SIGHTING_CURSOR_PAGES = 50;
/** The run's lease lives this long after its last renewal (renewed every third of it while the run goes on). */
const LEASE_MS = 60_000;

/** Retry back-off after consecutive failures: 30 s, 1 min, 2 min … capped at 1 hour. */
export const backoffMs = (failures: number) => Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);

// ---- adapters between the wire format and the pure rules (sync.rules.ts) --------------------------

type RuleAttribute = SyncAttribute & { wire: SyncEventWire['attributes'][number] };
type RuleObject = SyncObject & { wire: NonNullable<SyncEventWire['objects']>[number] };
type RuleReport = SyncChild & { wire: NonNullable<SyncEventWire['reports']>[number] };
type RuleEvent = Omit<SyncEvent<RuleAttribute>, 'objects' | 'reports'> & { wire: SyncEventWire; objects?: RuleObject[] | null; reports?: RuleReport[] | null };

const ruleGroup = (g: SyncSharingGroupWire | null | undefined, thisHubUuid: string): SyncSharingGroup | null =>
  g
    ? {
        uuid: g.id,
        name: g.name,
        roaming: g.roaming,
        memberOrgUuids: g.organisations.map((o) => o.id),
        thisHubListed: g.hubs.some((h) => h.id === thisHubUuid),
        listedPeerUuids: g.hubs.filter((h) => h.id !== thisHubUuid).map((h) => h.id),
      }
    : null;

const tagsIn = (tags: { name: string }[]) => tags.map((t) => ({ name: t.name, local: false, exportable: true }));

export function toRules(wire: SyncEventWire, thisHubUuid: string, ownerOrgUuid: string): RuleEvent {
  const child = <W extends { id: string; distribution: Distribution; sharingGroup?: SyncSharingGroupWire | null; timestamp: Date; deleted: boolean }>(c: W) => ({
    wire: c,
    uuid: c.id,
    distribution: c.distribution,
    sharingGroup: ruleGroup(c.sharingGroup, thisHubUuid),
    timestamp: new Date(c.timestamp).getTime(),
    deleted: c.deleted,
  });
  return {
    wire,
    uuid: wire.id,
    distribution: wire.distribution,
    sharingGroup: ruleGroup(wire.sharingGroup, thisHubUuid),
    published: wire.published,
    timestamp: new Date(wire.timestamp).getTime(),
    deleted: wire.deleted,
    creatorOrgUuid: wire.creatorOrg.id,
    ownerOrgUuid,
    tags: tagsIn(wire.tags),
    attributes: wire.attributes.map((a) => ({
      wire: a,
      uuid: a.id,
      distribution: a.distribution,
      sharingGroup: ruleGroup(a.sharingGroup, thisHubUuid),
      timestamp: new Date(a.timestamp).getTime(),
      deleted: a.deleted,
      tags: tagsIn(a.tags),
      objectUuid: a.objectId ?? null,
    })),
    objects: wire.objects ? wire.objects.map((o) => ({ ...child(o), references: o.references.map((r) => ({ targetUuid: r.targetId })) })) : wire.objects,
    reports: wire.reports ? wire.reports.map(child) : wire.reports,
  };
}

export function fromRules(r: RuleEvent): SyncEventWire {
  const names = (tags: readonly { name: string }[]) => new Set(tags.map((t) => t.name));
  const eventTags = names(r.tags);
  const attributes = r.attributes.map((a) => {
    const keep = names(a.tags);
    return { ...a.wire, distribution: a.distribution, sharingGroup: a.sharingGroup ? a.wire.sharingGroup : null, tags: a.wire.tags.filter((t) => keep.has(t.name)) };
  });
  const sent = new Set(attributes.map((a) => a.id.toLowerCase()));
  const inEvent = new Set(r.wire.attributes.map((a) => a.id.toLowerCase()));
  const tagNames = new Set([...eventTags, ...attributes.flatMap((a) => a.tags.map((t) => t.name))]);
  return {
    ...r.wire,
    distribution: r.distribution,
    sharingGroup: r.sharingGroup ? r.wire.sharingGroup : null,
    tags: r.wire.tags.filter((t) => eventTags.has(t.name)),
    attributes,
    objects: r.objects
      ? r.objects.map((o) => {
          const targets = new Set(o.references.map((x) => x.targetUuid.toLowerCase()));
          return {
            ...o.wire,
            distribution: o.distribution,
            sharingGroup: o.sharingGroup ? o.wire.sharingGroup : null,
            references: o.wire.references.filter((x) => targets.has(x.targetId.toLowerCase())),
          };
        })
      : r.wire.objects,
    reports: r.reports ? r.reports.map((x) => ({ ...x.wire, distribution: x.distribution, sharingGroup: x.sharingGroup ? x.wire.sharingGroup : null })) : r.wire.reports,
    // A proposal about an attribute that does not travel stays here; clusters travel with their tags.
    proposals: r.wire.proposals ? r.wire.proposals.filter((p) => !p.attributeId || !inEvent.has(p.attributeId.toLowerCase()) || sent.has(p.attributeId.toLowerCase())) : r.wire.proposals,
    galaxyClusters: r.wire.galaxyClusters ? r.wire.galaxyClusters.filter((c) => tagNames.has(c.tagName)) : r.wire.galaxyClusters,
  };
}


// ---- runner -------------------------------------------------------------------------------------

/** A page of a pull as read from the peer, before it is applied. */
interface PulledPage {
  cursor: string;
  hasMore: boolean;
  /** Entries left out before fetching (refused by the sync write rules, not newer, or not passing the pull rules). */
  skipped: number;
  refused: SyncSkipNote[];
  tombstones: SyncEventWire[];
  /** Fetched and downgraded on receipt, in the index's order. */
  events: SyncEventWire[];
}

type SyncIndexPage = SyncIndexQuery['syncIndex'];

export class SyncRunner {
  private readonly owner = randomUUID();

  constructor(
    private readonly hub: HubServices,
    private readonly secrets: PeerSecretBox,
  ) {}

  private client(peer: Peer, signal: AbortSignal): SyncClient {
    return new SyncClient(peerClientOptions(peer, this.secrets, this.hub.config, { signal }));
  }

  /** Runs `work` under the peer's lease (one replica, one run at a time) and records the status. */
  private run(peerId: number, direction: 'pull' | 'push', work: (peer: Peer, client: SyncClient, result: SyncResult, lease: HeldLease) => Promise<void>): Promise<SyncResult> {
    return this.runLeased(peerId, direction, (peer, signal) => this.client(peer, signal), async (client) => (await client.handshake()).hubInfo.id, work);
  }

  /**
   * The lease, handshake and status of a run, for any kind of peer (MISP-kind peers run through this
   * too): `open` makes the peer's client, `identify` runs its handshake and answers the peer's uuid
   * (once, while it is not known).
   */
  async runLeased<C extends { requests: number; close(): Promise<void> }>(
    peerId: number,
    direction: 'pull' | 'push',
    open: (peer: Peer, signal: AbortSignal) => C,
    identify: (client: C) => Promise<string>,
    work: (peer: Peer, client: C, result: SyncResult, lease: HeldLease) => Promise<void>,
  ): Promise<SyncResult> {
    const result = new SyncResult();
    const lease = `peer:${peerId}:${direction}`;
    // One token per run: a second run (this replica or another) finds the lease taken.
    const token = `${this.owner}:${randomUUID()}`;
    // Renewed while the run goes on: a replica that died frees it within LEASE_MS.
    const held = await HeldLease.acquire(this.hub.em, lease, token, {
      ttlMs: LEASE_MS,
      clock: this.hub.clock,
      onRenewError: (e) => this.hub.logger.warn({ peerId, err: e }, 'sync lease not renewed'),
    });
    if (!held) {
      result.error = `a ${direction} of this peer is already running`;
      return result;
    }
    const em = this.hub.em.fork();
    let peer: Peer;
    let client: C;
    try {
      peer = await em.findOneOrFail(Peer, { id: peerId }, { populate: ['organisation'] });
      client = open(peer, held.signal);
    } catch (e) {
      await held.release(); // a renewed lease is not left behind (it would never expire)
      throw e;
    }
    const now = () => this.hub.clock.now();
    try {
      if (!peer.hubUuid) {
        const hubUuid = (await identify(client)).toLowerCase();
        if (hubUuid === (await hubUuidOf(em))) throw new Error(`Peer ${peer.url}: is this hub itself`);
        peer.hubUuid = hubUuid;
        await em.flush();
      }
      await work(peer, client, result, held);
      Object.assign(peer, { lastError: null, failures: 0, retryAfter: null });
    } catch (e) {
      result.error = isAppError(e) || e instanceof Error ? e.message : String(e);
      peer.failures += 1;
      peer.lastError = result.error;
      peer.retryAfter = new Date(now().getTime() + backoffMs(peer.failures));
      this.hub.logger.warn({ peer: peer.name, direction, err: result.error }, 'sync failed');
    } finally {
      result.requests = client.requests;
      if (direction === 'pull') peer.lastPullAt = now();
      else peer.lastPushAt = now();
      peer.skippedCount += result.skipped;
      peer.failedCount += result.failed;
      if (direction === 'pull') peer.pulledCount += result.created + result.updated + result.deleted;
      else peer.pushedCount += result.created + result.updated + result.deleted;
      await em.flush().catch((e) => this.hub.logger.error({ err: e }, 'sync status not saved'));
      await client.close();
      await held.release();
    }
    return result;
  }

  /**
   * Pull: index pages after the peer's cursor; only new or newer events are fetched (downgraded on
   * receipt) and applied in groups of events per transaction, a failing group again event by event; the
   * cursor is committed after each page without failures. While a page is applied, the next one is read
   * from the peer (its index and its events: one page ahead, so the peer's answering time and ours
   * overlap). Its fetch list is decided before the page in hand is applied; that only chooses what to
   * download: applyWireEvent decides again on what is stored when the event is applied.
   */
  pull(peerId: number): Promise<SyncResult> {
    return this.run(peerId, 'pull', async (peer, client, result, lease) => {
      const rules = parseSyncRules(peer.pullRules ?? null);
      const thisHubUuid = await hubUuidOf(this.hub.em.fork());
      // The first request asks the first page of the event index and of the sighting deltas together;
      // the sightings are applied after the events, as before (a sighting's event may come in this run).
      const start = client.pullStart(peer.pullCursor ?? null, peer.sightingPullCursor ?? null, this.hub.config.syncPageSize);
      const read = (before: string | null, index?: Promise<SyncIndexPage>) => this.readPullPage(peer, client, rules, thisHubUuid, before, index);
      let next: Promise<PulledPage> | null = read(
        peer.pullCursor ?? null,
        start.then((s) => s.index),
      );
      while (next) {
        await lease.check(); // a run whose lease was taken over stops
        const page: PulledPage = await next;
        next = page.hasMore ? read(page.cursor) : null;
        // Settled here if this page fails first: the read ahead is then dropped (the run ends with that error).
        next?.catch(() => undefined);
        result.skipped += page.skipped;
        addSyncSkips(result, page.refused);
        const failedBefore = result.failed;
        // The page's events apply in groups (a few transactions, per-event failure isolation: apply-batch.ts).
        const ctx = { ownerOrg: peer.organisation, originHubUuid: peer.hubUuid!, thisHubUuid, logger: this.hub.logger, clock: this.hub.clock, attachmentMaxBytes: this.hub.config.attachmentMaxBytes };
        for (const wires of [page.tombstones, page.events]) {
          if (!wires.length) continue;
          const outcomes = await applyWireEvents(() => this.hub.openScope(SYSTEM, randomUUID()), ctx, wires);
          outcomes.forEach((o, i) =>
            countApplied(result, o, (err) => this.hub.logger.warn({ peer: peer.name, event: wires[i].id, err }, 'sync: pulled event failed')),
          );
        }
        // A page with failures is not committed: the next run retries it (nothing is skipped for good).
        if (result.failed > failedBefore) {
          throw new Error(`${result.failed - failedBefore} event(s) of this page failed to apply; the page will be retried`);
        }
        peer.pullCursor = page.cursor;
        await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { pullCursor: page.cursor });
      }
      await this.pullSightings(peer, client, result, lease, (await start).sightings);
    });
  }

  /**
   * One index page after `before` and the events it asks for: the sync write rules (policy "sync writes",
   * X = the peer's organisation) decide before anything is fetched — only new events, and newer versions
   * or tombstones of the copies this peer gave us; the pull rules filter the rest. Events are downgraded
   * on receipt.
   */
  private async readPullPage(
    peer: Peer,
    client: SyncClient,
    rules: ReturnType<typeof parseSyncRules>,
    thisHubUuid: string,
    before: string | null,
    /** The index page after `before`, when already asked for (the pull's first request). */
    index?: Promise<SyncIndexPage>,
  ): Promise<PulledPage> {
    const page = await (index ?? client.index(before, this.hub.config.syncPageSize));
    if (page.hasMore && page.cursor === before) {
      throw new AppError('PEER_UNAVAILABLE', `Peer ${peer.url}: its sync index did not advance past cursor "${before}"`);
    }
    const em = this.hub.em.fork();
    const ids = page.entries.map((e) => e.id.toLowerCase());
    const local = new Map((ids.length ? await em.find(Event, { uuid: { $in: ids } }) : []).map((e) => [e.uuid, e]));
    const out: PulledPage = { cursor: page.cursor, hasMore: page.hasMore, skipped: 0, refused: [], tombstones: [], events: [] };
    const fetch: string[] = [];
    for (const entry of page.entries) {
      const id = entry.id.toLowerCase();
      const mine = local.get(id);
      const decision = syncEventDecision(
        { orgId: peer.organisation.id },
        mine ? { ownerOrgId: mine.ownerOrg.id, locked: mine.locked, timestamp: mine.timestamp.getTime() } : null,
        { timestamp: new Date(entry.timestamp).getTime(), deleted: entry.deleted },
      );
      if (decision.kind === 'REFUSE') out.refused.push({ reason: decision.reason, eventUuid: id, count: 1 });
      if (decision.kind === 'REFUSE' || decision.kind === 'IGNORE') {
        out.skipped++;
        continue;
      }
      if (entry.deleted) {
        out.tombstones.push({ id, deleted: true } as SyncEventWire);
        continue;
      }
      if (!passesSyncRules(rules, { tags: entry.tags, creatorOrgUuid: entry.creatorOrgId, creatorOrgName: entry.creatorOrgName })) {
        out.skipped++;
        continue;
      }
      fetch.push(id);
    }
    for (let i = 0; i < fetch.length; i += FETCH_CHUNK) {
      const wires = await client.events(fetch.slice(i, i + FETCH_CHUNK));
      out.events.push(...wires.map((w) => fromRules(downgradeOnPull(toRules(w, thisHubUuid, peer.organisation.uuid), { internal: peer.internal }))));
    }
    return out;
  }

  /**
   * Sighting deltas from the peer after its own cursor (next to the event cursor): applied idempotently by
   * uuid, for attributes the peer's organisation may see here (policy.canPushSighting). The cursor is
   * stored in the transaction that applies a page's sightings (never ahead of what is committed, never
   * behind it), and over pages without sightings (the peer's log holds mostly other changes) once per
   * SIGHTING_CURSOR_PAGES pages and at the end: a run that stops in between walks those pages again,
   * which changes nothing (applySightings skips known uuids).
   */
  private async pullSightings(peer: Peer, client: SyncClient, result: SyncResult, lease: HeldLease, first?: SyncSightingPage): Promise<void> {
    const sender = { viewer: peerOrgViewer(peer.organisation.id), org: peer.organisation };
    let stored = peer.sightingPullCursor ?? null;
    let unstoredPages = 0;
    const store = async () => {
      if (peer.sightingPullCursor === stored) return;
      await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { sightingPullCursor: peer.sightingPullCursor });
      stored = peer.sightingPullCursor ?? null;
      unstoredPages = 0;
    };
    for (;;) {
      await lease.check();
      const before = peer.sightingPullCursor ?? null;
      // The first page came with the pull's first request, asked from the same cursor.
      const page = first ?? (await client.sightings(before, this.hub.config.syncPageSize));
      first = undefined;
      if (page.hasMore && page.cursor === before) {
        throw new AppError('PEER_UNAVAILABLE', `Peer ${peer.url}: its sighting deltas did not advance past cursor "${before}"`);
      }
      if (page.sightings.length) {
        const applied = await writeTransactionRetrying(this.hub.openScope(SYSTEM, randomUUID()), async (tem, changes) => {
          const out = await applySightings(tem, changes, { viewer: sender.viewer, org: tem.getReference(Organisation, peer.organisation.id) }, page.sightings, this.hub.clock.now());
          await tem.nativeUpdate(Peer, { id: peer.id }, { sightingPullCursor: page.cursor });
          return out;
        });
        result.sightingsCreated += applied.created;
        result.sightingsSkipped += applied.skipped;
        peer.sightingPullCursor = stored = page.cursor;
        unstoredPages = 0;
      } else {
        peer.sightingPullCursor = page.cursor;
        if (++unstoredPages >= SIGHTING_CURSOR_PAGES) await store();
      }
      if (!page.hasMore) return store();
    }
  }

  /**
   * Local sightings after the peer's sighting cursor, as the peer's organisation may see them under MISP's
   * sighting policy (it owns the event here, or reported the sighting), of published events: the deltas
   * flow to the event's owner without sending the event again. Cursor per page.
   */
  private async pushSightings(peer: Peer, client: SyncClient, result: SyncResult, lease: HeldLease, thisHubUuid: string): Promise<void> {
    const viewer = peerOrgViewer(peer.organisation.id);
    for (;;) {
      await lease.check();
      const em = this.hub.em.fork();
      const rows = await em.find(Change, { seq: { $gt: peer.sightingPushCursor } }, { orderBy: { seq: 'asc' }, limit: this.hub.config.syncPageSize });
      if (!rows.length) return;
      const uuids = rows.filter((r) => r.kind === ChangeKind.SIGHTING && r.op === ChangeOp.CREATED).map((r) => r.uuid);
      const outgoing = (await visibleSightings(em, viewer, uuids)).map(sightingToWire);
      for (let i = 0; i < outgoing.length; i += PUSH_CHUNK * 10) {
        const r = await client.pushSightings(thisHubUuid, outgoing.slice(i, i + PUSH_CHUNK * 10));
        result.sightingsCreated += r.created;
        result.sightingsSkipped += r.skipped;
      }
      peer.sightingPushCursor = rows[rows.length - 1].seq;
      await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { sightingPushCursor: peer.sightingPushCursor });
    }
  }

  /**
   * Push: local changes after the push cursor; the events they touch are sent as the rules allow
   * (downgrade, sharing-group admission, only published, no echo, push rules); cursor per page.
   */
  push(peerId: number): Promise<SyncResult> {
    return this.run(peerId, 'push', async (peer, client, result, lease) => {
      const rules = parseSyncRules(peer.pushRules ?? null);
      const thisHubUuid = await hubUuidOf(this.hub.em.fork());
      const link: PeerLink = { peerHubUuid: peer.hubUuid!, peerOrgUuid: peer.organisation.uuid, internal: peer.internal };
      for (;;) {
        await lease.check(); // a run whose lease was taken over stops
        const em = this.hub.em.fork();
        // The cursor advances over every row (other kinds too); only event and attribute rows matter.
        const rows = await em.find(Change, { seq: { $gt: peer.pushCursor } }, { orderBy: { seq: 'asc' }, limit: this.hub.config.syncPageSize });
        if (!rows.length) break;
        const lastRow = new Map<string, Change>();
        for (const r of rows) if (r.eventUuid && EVENT_CONTENT_KINDS.has(r.kind)) lastRow.set(r.eventUuid, r);
        const events = await em.find(Event, { uuid: { $in: [...lastRow.keys()] } }, { populate: ['ownerOrg'] });
        const candidates = events.filter((e) => e.published && e.originHubUuid !== peer.hubUuid);
        const wires = await eventsToWire(em, candidates, SYSTEM_VIEWER);
        const ownerOf = new Map(events.map((e) => [e.uuid, e.ownerOrg.uuid]));
        const outgoing: SyncEventWire[] = [];
        for (const w of wires) {
          const prepared = prepareForPush(toRules(w, thisHubUuid, ownerOf.get(w.id)!), link);
          if (!prepared || !passesSyncRules(rules, { tags: w.tags.map((t) => t.name), creatorOrgUuid: w.creatorOrg.id, creatorOrgName: w.creatorOrg.name })) {
            result.skipped++;
            continue;
          }
          outgoing.push(fromRules(prepared));
        }
        result.skipped += events.length - candidates.length;
        // Tombstones of deleted events that may travel (as their last snapshot says).
        const present = new Set(events.map((e) => e.uuid));
        for (const [uuid, row] of lastRow) {
          if (present.has(uuid) || row.kind !== ChangeKind.EVENT || row.op !== ChangeOp.DELETED) continue;
          const groupWire = row.eventSharingGroupId
            ? ((await sharingGroupsToWire(em, [row.eventSharingGroupId], thisHubUuid)).get(row.eventSharingGroupId) ?? null)
            : null;
          const tomb = {
            id: uuid,
            deleted: true,
            published: true,
            distribution: row.eventDistribution ?? Distribution.ORGANISATION_ONLY,
            sharingGroup: groupWire,
            timestamp: row.at,
            creatorOrg: { id: '', name: '' },
            tags: [],
            attributes: [],
          } as unknown as SyncEventWire;
          const prepared = prepareForPush(toRules(tomb, thisHubUuid, ''), link);
          if (prepared) outgoing.push({ ...tomb, info: '-', date: '1970-01-01', threatLevel: 4, analysis: 0, disableCorrelation: false, sharingGroup: null, distribution: prepared.distribution });
        }
        for (let i = 0; i < outgoing.length; i += PUSH_CHUNK) {
          const r = await client.push(thisHubUuid, outgoing.slice(i, i + PUSH_CHUNK));
          result.created += r.created;
          result.updated += r.updated;
          result.deleted += r.deleted;
          result.skipped += r.skipped;
          result.failed += r.failed;
          if (r.failed) throw new Error(`the peer failed to apply ${r.failed} event(s); the page will be pushed again`);
        }
        peer.pushCursor = rows[rows.length - 1].seq;
        await this.hub.em.fork().nativeUpdate(Peer, { id: peer.id }, { pushCursor: peer.pushCursor });
      }
      await this.pushSightings(peer, client, result, lease, thisHubUuid);
    });
  }
}

