/**
 * An event in the sync wire form (what sync-export.service gives a sync user: its visibility rules, only
 * exportable non-local tags, sharing groups with their member organisations by uuid, tombstones) written
 * as the MISP JSON a MISP server pulling with events/view reads (Server::__pullEvent → Event::_add /
 * _edit): numbers and timestamps as strings, `Orgc` by uuid, `SharingGroup` with `Organisation` and
 * `SharingGroupOrg`, attributes in and out of objects, `ObjectReference` by uuid, `EventReport`,
 * `ShadowAttribute`, attachment `data`. Pure functions.
 */
import type {
  SyncAttributeWire, SyncEventWire, SyncObjectWire, SyncProposalWire, SyncSharingGroupWire, SyncTagWire,
} from '../../modules/misp-import/wire.types';
import { mispProposal, proposalOfWire } from '../../modules/export/export-misp';
import { mispSharingGroup } from '../../modules/export/misp-sharing-group';
import { Distribution } from '../../shared/enums';
import { unixSeconds } from './misp-shapes';

export interface WireViewContext {
  /** The event's local id (MISP's `id`; uuids name everything else). */
  eventId: number;
  /** The owner organisation (MISP's `Org`; a puller replaces it by its own server's organisation). */
  ownerOrg: { id: number; uuid: string; name: string };
  /** Local ids of the sharing groups, by uuid (`sharing_group_id`). */
  sharingGroupIds: ReadonlyMap<string, number>;
  /** `deleted[]` named parameters: which of live (0) and deleted (1) attributes, objects and reports. */
  deleted: { live: boolean; deleted: boolean };
  /** `excludeGalaxy:1`: no Galaxy list (clusters travel by their tags, as MISP pulls them). */
  excludeGalaxy: boolean;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function mispTagFromWire(t: SyncTagWire) {
  return { name: t.name, colour: t.colour ?? '#ffffff', exportable: true, hide_tag: false, is_galaxy: t.name.startsWith('misp-galaxy:'), local: 0 };
}

export function mispSharingGroupFromWire(g: SyncSharingGroupWire, ids: ReadonlyMap<string, number>) {
  const id = String(ids.get(g.id.toLowerCase()) ?? 0);
  // MISP names instances by URL; the hubs a group lists travel only between hubs (sync protocol).
  return mispSharingGroup(g, { id, servers: [] });
}

function distributionFields(x: { distribution: Distribution; sharingGroup?: SyncSharingGroupWire | null }, ids: ReadonlyMap<string, number>) {
  const sg = x.distribution === Distribution.SHARING_GROUP && x.sharingGroup ? x.sharingGroup : null;
  return {
    distribution: String(x.distribution),
    sharing_group_id: sg ? String(ids.get(sg.id.toLowerCase()) ?? 0) : '0',
    ...(sg ? { SharingGroup: mispSharingGroupFromWire(sg, ids) } : {}),
  };
}

function mispAttributeFromWire(a: SyncAttributeWire, ctx: WireViewContext, proposals: readonly SyncProposalWire[], eventUuid: string) {
  return {
    type: a.type,
    category: a.category,
    to_ids: a.toIds,
    uuid: a.id,
    event_id: String(ctx.eventId),
    ...distributionFields(a, ctx.sharingGroupIds),
    timestamp: unixSeconds(a.timestamp),
    comment: a.comment ?? '',
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_relation: a.objectRelation ?? null,
    first_seen: iso(a.firstSeen),
    last_seen: iso(a.lastSeen),
    value: a.value,
    ...(a.data ? { data: a.data } : {}),
    Tag: a.tags.map(mispTagFromWire),
    ShadowAttribute: proposals.map((p) => mispProposal(proposalOfWire(p), eventUuid)),
  };
}

function mispObjectFromWire(o: SyncObjectWire, attributes: unknown[], ctx: WireViewContext) {
  return {
    uuid: o.id,
    name: o.name,
    'meta-category': o.metaCategory,
    description: o.description ?? '',
    template_uuid: o.templateUuid ?? null,
    template_version: o.templateVersion ?? null,
    event_id: String(ctx.eventId),
    timestamp: unixSeconds(o.timestamp),
    ...distributionFields(o, ctx.sharingGroupIds),
    comment: o.comment ?? '',
    deleted: o.deleted,
    first_seen: iso(o.firstSeen),
    last_seen: iso(o.lastSeen),
    Attribute: attributes,
    ObjectReference: o.references.map((r) => ({
      uuid: r.id,
      object_uuid: o.id,
      referenced_uuid: r.targetId,
      relationship_type: r.relationshipType,
      comment: r.comment ?? '',
      timestamp: unixSeconds(r.timestamp),
      deleted: r.deleted,
    })),
  };
}

/** `{"Event": {...}}` of one wire event, as MISP's events/view answers a pulling server. */
export function mispEventFromWire(w: SyncEventWire, ctx: WireViewContext) {
  const keep = (x: { deleted: boolean }) => (x.deleted ? ctx.deleted.deleted : ctx.deleted.live);
  const attributes = w.attributes.filter(keep);
  const proposals = w.proposals ?? [];
  const proposalsOf = new Map<string, SyncProposalWire[]>();
  for (const p of proposals) if (p.attributeId) proposalsOf.set(p.attributeId.toLowerCase(), [...(proposalsOf.get(p.attributeId.toLowerCase()) ?? []), p]);
  const attribute = (a: SyncAttributeWire) => mispAttributeFromWire(a, ctx, proposalsOf.get(a.id.toLowerCase()) ?? [], w.id);
  const objects = (w.objects ?? []).filter(keep);
  const objectIds = new Set(objects.map((o) => o.id.toLowerCase()));
  const inObject = new Map<string, unknown[]>();
  for (const a of attributes) if (a.objectId && objectIds.has(a.objectId.toLowerCase())) inObject.set(a.objectId.toLowerCase(), [...(inObject.get(a.objectId.toLowerCase()) ?? []), attribute(a)]);
  const galaxies = new Map<string, unknown[]>();
  if (!ctx.excludeGalaxy) for (const c of w.galaxyClusters ?? []) galaxies.set(c.galaxy, [...(galaxies.get(c.galaxy) ?? []), JSON.parse(c.data)]);
  return {
    Event: {
      id: String(ctx.eventId),
      org_id: String(ctx.ownerOrg.id),
      date: w.date,
      threat_level_id: String(w.threatLevel),
      info: w.info,
      published: w.published,
      uuid: w.id,
      analysis: String(w.analysis),
      attribute_count: String(attributes.filter((a) => !a.deleted).length),
      timestamp: unixSeconds(w.timestamp),
      ...distributionFields(w, ctx.sharingGroupIds),
      proposal_email_lock: false,
      locked: true,
      publish_timestamp: w.publishedAt ? unixSeconds(w.publishedAt) : '0',
      disable_correlation: w.disableCorrelation,
      extends_uuid: w.extendsUuid ?? '',
      protected: null,
      Org: { id: String(ctx.ownerOrg.id), uuid: ctx.ownerOrg.uuid, name: ctx.ownerOrg.name, local: true },
      Orgc: { uuid: w.creatorOrg.id, name: w.creatorOrg.name },
      Attribute: attributes.filter((a) => !a.objectId).map(attribute),
      ShadowAttribute: proposals.filter((p) => !p.attributeId).map((p) => mispProposal(proposalOfWire(p), w.id)),
      RelatedEvent: [],
      Galaxy: [...galaxies].map(([g, clusters]) => ({ ...JSON.parse(g), GalaxyCluster: clusters })),
      Object: objects.map((o) => mispObjectFromWire(o, inObject.get(o.id.toLowerCase()) ?? [], ctx)),
      EventReport: (w.reports ?? []).filter(keep).map((r) => ({
        uuid: r.id,
        event_id: String(ctx.eventId),
        name: r.name,
        content: r.content,
        ...distributionFields(r, ctx.sharingGroupIds),
        timestamp: unixSeconds(r.timestamp),
        deleted: r.deleted,
      })),
      CryptographicKey: [],
      Tag: w.tags.map(mispTagFromWire),
    },
  };
}
