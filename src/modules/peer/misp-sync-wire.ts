/**
 * MISP's sync JSON ⇄ the hub's sync wire form, for MISP-kind peers.
 *
 * Pull: an event as MISP's `events/view` gives it to a sync user goes through the same parser and
 * `toWire` as MISP feeds and imports (one reading of MISP JSON), and then gets back what a file cannot
 * carry but MISP's sync does: sharing groups with their member organisations and instances, on the event
 * and on each attribute, object and report. An element at SHARING_GROUP whose group is not described is
 * left out (fail closed: it would otherwise inherit the event's wider distribution).
 *
 * Push: a wire event, already prepared for the peer by the sync rules (downgraded, children that may not
 * travel removed, local and non-exportable tags dropped), written as MISP's Event::__updateEventForSync
 * sends it to `events/add|edit/…/metadata:1`: MISP's field names, numbers as strings, `Orgc` by uuid
 * (no `Org`/`org_id`: the receiver's own org owns its copy), `locked`, full `SharingGroup`s.
 */
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { mispProposal, mispSeen, proposalOfWire } from '../export/export-misp';
import { mispSharingGroup } from '../export/misp-sharing-group';
import { toWire, WireSink } from '../feed/misp-wire';
import { allAttributes, parseMispEvent, ParsedMispEvent } from '../feed/parsers/misp-feed';
import { derivedUuid } from '../feed/parsers/misp-event-parts';
import { FeedFormatError } from '../feed/parsers/misp-fields';
import { InstanceMap, sharingGroupFromMisp } from '../feed/parsers/misp-sharing-group';
import { SightingType } from '../sighting/sighting.entity';
import { SyncEventWire, SyncSharingGroupWire, SyncSightingWire } from '../misp-import/wire.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const unix = (d: Date | string | number) => String(Math.floor(new Date(d).getTime() / 1000));

/** An event the peer sent that cannot be taken at all (the reason names what is wrong). */
export class MispEventRefused extends Error {}

export interface PulledEvent {
  wire: SyncEventWire;
  /** What was left out or changed, one line each (for the log and the sync result). */
  problems: string[];
  /** Elements left out for a sharing group that was not described (fail closed). */
  undescribedGroups: number;
}

export interface PullContext {
  instances: InstanceMap;
  now: Date;
  attachmentMaxBytes: number;
}

/**
 * A pulled MISP event (the JSON `events/view` answered) as the wire form `applyWireEvent` takes.
 * Throws MispEventRefused for an event that cannot be taken (no uuid, no creator organisation, or at
 * SHARING_GROUP without its group's members).
 */
export function mispEventToWire(json: unknown, ctx: PullContext): PulledEvent {
  let ev: ParsedMispEvent;
  try {
    ev = parseMispEvent(json);
  } catch (e) {
    throw new MispEventRefused(`not a MISP event: ${(e as Error).message}`);
  }
  const raw = (isObject(json) && isObject(json.Event) ? json.Event : json) as Obj;
  const sink: WireSink = { invalid: 0, problems: [] };
  for (const p of ev.problems) sink.problems.push(`${p.path}: ${p.message}`);
  const wire = toWire(
    ev,
    undefined,
    {
      keepOwnDistribution: true,
      distribution: Distribution.ORGANISATION_ONLY,
      sharingGroup: null,
      overrideIds: false,
      publish: ev.published,
      extraTags: [],
      now: ctx.now,
      attachmentMaxBytes: ctx.attachmentMaxBytes,
    },
    sink,
  );
  if (!wire) throw new MispEventRefused(`event ${ev.uuid} has no creator organisation (Orgc)`);
  wire.publishedAt = ev.published ? (ev.publishTimestamp ? new Date(ev.publishTimestamp * 1000) : ctx.now) : null;

  // Sharing groups as MISP's sync carries them, by uuid.
  const groups = new Map<string, SyncSharingGroupWire>();
  // A group that does not describe its members is not admitted (the problem names it): the elements
  // needing it are left out below.
  const collect = (o: Obj, path: string) => {
    if (o.SharingGroup == null) return;
    try {
      const g = sharingGroupFromMisp(o.SharingGroup, `${path}.SharingGroup`, ctx.instances);
      if (!groups.has(g.id)) groups.set(g.id, g);
    } catch (e) {
      if (!(e instanceof FeedFormatError)) throw e;
      sink.problems.push(e.message);
    }
  };
  const each = (v: unknown, path: string, f: (o: Obj, path: string) => void) =>
    (Array.isArray(v) ? v : []).forEach((o, i) => isObject(o) && f(o, `${path}[${i}]`));
  collect(raw, 'Event');
  each(raw.Attribute, 'Event.Attribute', collect);
  each(raw.Object, 'Event.Object', (o, at) => {
    collect(o, at);
    each(o.Attribute, `${at}.Attribute`, collect);
  });
  each(raw.EventReport, 'Event.EventReport', collect);
  const groupOf = (uuid: string | undefined) => (uuid ? (groups.get(uuid.toLowerCase()) ?? null) : null);

  if (ev.distribution === Distribution.SHARING_GROUP) {
    const g = groupOf(ev.sharingGroupUuid);
    if (!g) throw new MispEventRefused(`event ${ev.uuid} is shared with a sharing group whose members were not sent`);
    wire.distribution = Distribution.SHARING_GROUP;
    wire.sharingGroup = g;
  }
  let undescribed = 0;
  // Elements at SHARING_GROUP: toWire made them inherit the event; they get their group back, or are left out.
  const sgOf = new Map<string, string | undefined>();
  for (const a of allAttributes(ev)) {
    if (a.distribution === Distribution.SHARING_GROUP) sgOf.set((a.uuid ?? derivedUuid(ev.uuid, a.type, a.value)).toLowerCase(), a.sharingGroupUuid);
  }
  const objectSg = new Map(ev.objects.filter((o) => o.uuid && o.distribution === Distribution.SHARING_GROUP).map((o) => [o.uuid!.toLowerCase(), o.sharingGroupUuid]));
  const reportSg = new Map(ev.reports.filter((r) => r.distribution === Distribution.SHARING_GROUP).map((r) => [r.uuid.toLowerCase(), r.sharingGroupUuid]));
  const dropped = new Set<string>();
  wire.objects = (wire.objects ?? []).filter((o) => {
    if (!objectSg.has(o.id.toLowerCase())) return true;
    const g = groupOf(objectSg.get(o.id.toLowerCase()));
    if (!g) {
      undescribed++;
      dropped.add(o.id.toLowerCase());
      sink.problems.push(`object ${o.id}: shared with a sharing group whose members were not sent: left out with its attributes`);
      return false;
    }
    Object.assign(o, { distribution: Distribution.SHARING_GROUP, sharingGroup: g });
    return true;
  });
  wire.attributes = wire.attributes.filter((a) => {
    if (a.objectId && dropped.has(a.objectId.toLowerCase())) return false;
    if (!sgOf.has(a.id.toLowerCase())) return true;
    const g = groupOf(sgOf.get(a.id.toLowerCase()));
    if (!g) {
      undescribed++;
      sink.problems.push(`attribute ${a.id}: shared with a sharing group whose members were not sent: left out`);
      return false;
    }
    Object.assign(a, { distribution: Distribution.SHARING_GROUP, sharingGroup: g });
    return true;
  });
  wire.reports = (wire.reports ?? []).filter((r) => {
    if (!reportSg.has(r.id.toLowerCase())) return true;
    const g = groupOf(reportSg.get(r.id.toLowerCase()));
    if (!g) {
      undescribed++;
      sink.problems.push(`report ${r.id}: shared with a sharing group whose members were not sent: left out`);
      return false;
    }
    Object.assign(r, { distribution: Distribution.SHARING_GROUP, sharingGroup: g });
    return true;
  });
  return { wire, problems: sink.problems, undescribedGroups: undescribed };
}

const orgOf = (v: unknown): { id: string; name: string } | null =>
  isObject(v) && typeof v.uuid === 'string' && UUID.test(v.uuid) && typeof v.name === 'string' && v.name.trim()
    ? { id: v.uuid.toLowerCase(), name: v.name.trim().slice(0, 255) }
    : null;

/** A MISP sighting (`sightings/restSearch` with includeUuid) as a sighting delta; null when malformed. */
export function mispSightingToWire(s: Obj): SyncSightingWire | null {
  const types = [SightingType.SIGHTING, SightingType.FALSE_POSITIVE, SightingType.EXPIRATION];
  const type = types[Number(s.type ?? 0)];
  const at = Number(s.date_sighting);
  if (typeof s.uuid !== 'string' || !UUID.test(s.uuid) || typeof s.attribute_uuid !== 'string' || !UUID.test(s.attribute_uuid) || !type || !Number.isSafeInteger(at)) return null;
  return {
    id: s.uuid.toLowerCase(),
    attributeId: s.attribute_uuid.toLowerCase(),
    org: orgOf(s.Organisation),
    type,
    source: typeof s.source === 'string' && s.source ? s.source.slice(0, 255) : null,
    at: new Date(at * 1000),
  };
}

// ---- push ------------------------------------------------------------------------------------------

export interface PushContext {
  thisHubUuid: string;
  /** The peer (its hub uuid, base URL and name): a group listing it names it by URL, as MISP does. */
  peer: { hubUuid: string; url: string; name: string };
}

/** A wire sharing group as MISP's sync sends it: members with their organisations, instances by URL. */
export function sharingGroupToMisp(g: SyncSharingGroupWire, ctx: PushContext) {
  const servers = g.hubs.flatMap((h) => {
    if (h.id === ctx.thisHubUuid) return [{ server_id: '0', all_orgs: h.allOrgs, Server: { id: '0', url: '', name: 'this instance', uuid: ctx.thisHubUuid } }];
    if (h.id === ctx.peer.hubUuid) return [{ server_id: '', all_orgs: h.allOrgs, Server: { url: ctx.peer.url, name: ctx.peer.name, uuid: h.id } }];
    return []; // an instance the peer cannot know by URL
  });
  return mispSharingGroup(g, { servers });
}

const tagsToMisp = (tags: readonly { name: string; colour?: string | null }[]) => tags.map((t) => ({ name: t.name, colour: t.colour ?? '#ffffff', exportable: true, local: 0 }));
const sgFields = (d: Distribution, g: SyncSharingGroupWire | null | undefined, ctx: PushContext) =>
  d === Distribution.SHARING_GROUP && g ? { SharingGroup: sharingGroupToMisp(g, ctx) } : {};

/** A prepared wire event as the body of MISP's `events/add|edit/…/metadata:1` (`{"Event": …}`). */
export function wireToMispEvent(w: SyncEventWire, ctx: PushContext): { Event: Obj } {
  const attribute = (a: SyncEventWire['attributes'][number]) => ({
    uuid: a.id,
    type: a.type,
    category: a.category,
    value: a.value,
    to_ids: a.toIds,
    comment: a.comment ?? '',
    distribution: String(a.distribution),
    timestamp: unix(a.timestamp),
    deleted: a.deleted,
    disable_correlation: a.disableCorrelation,
    object_relation: a.objectRelation ?? null,
    first_seen: mispSeen(a.firstSeen),
    last_seen: mispSeen(a.lastSeen),
    ...(a.data ? { data: a.data } : {}),
    ...sgFields(a.distribution, a.sharingGroup, ctx),
    Tag: tagsToMisp(a.tags),
  });
  const objects = (w.objects ?? []).map((o) => ({
    uuid: o.id,
    name: o.name,
    'meta-category': o.metaCategory,
    description: o.description ?? '',
    template_uuid: o.templateUuid ?? null,
    template_version: o.templateVersion ?? null,
    comment: o.comment ?? '',
    distribution: String(o.distribution),
    timestamp: unix(o.timestamp),
    deleted: o.deleted,
    first_seen: mispSeen(o.firstSeen),
    last_seen: mispSeen(o.lastSeen),
    ...sgFields(o.distribution, o.sharingGroup, ctx),
    ObjectReference: o.references.map((r) => ({
      uuid: r.id,
      source_uuid: o.id,
      referenced_uuid: r.targetId,
      relationship_type: r.relationshipType,
      comment: r.comment ?? '',
      timestamp: unix(r.timestamp),
      deleted: r.deleted,
    })),
    Attribute: w.attributes.filter((a) => a.objectId?.toLowerCase() === o.id.toLowerCase()).map(attribute),
  }));
  const galaxies = new Map<string, { galaxy: Obj; clusters: Obj[] }>();
  for (const c of w.galaxyClusters ?? []) {
    let galaxy: Obj = {};
    let data: Obj = {};
    try {
      galaxy = JSON.parse(c.galaxy) as Obj;
      data = JSON.parse(c.data) as Obj;
    } catch {
      continue;
    }
    const key = String(galaxy.uuid ?? galaxy.type ?? c.tagName);
    const entry = galaxies.get(key) ?? { galaxy, clusters: [] };
    entry.clusters.push({ ...data, ...(c.id ? { uuid: c.id } : {}), tag_name: c.tagName, ...(c.version ? { version: c.version } : {}) });
    galaxies.set(key, entry);
  }
  return {
    Event: {
      uuid: w.id,
      info: w.info,
      date: w.date,
      threat_level_id: String(w.threatLevel ?? ThreatLevel.UNDEFINED),
      analysis: String(w.analysis ?? Analysis.INITIAL),
      distribution: String(w.distribution),
      published: w.published,
      timestamp: unix(w.timestamp),
      publish_timestamp: w.publishedAt ? unix(w.publishedAt) : '0',
      // A pushed event arrives locked at the peer (MISP's push sets it the same way).
      locked: true,
      disable_correlation: w.disableCorrelation,
      extends_uuid: w.extendsUuid ?? '',
      Orgc: { uuid: w.creatorOrg.id, name: w.creatorOrg.name },
      ...sgFields(w.distribution, w.sharingGroup, ctx),
      Tag: tagsToMisp(w.tags),
      Attribute: w.attributes.filter((a) => !a.objectId).map(attribute),
      Object: objects,
      EventReport: (w.reports ?? []).map((r) => ({
        uuid: r.id,
        name: r.name,
        content: r.content,
        distribution: String(r.distribution),
        timestamp: unix(r.timestamp),
        deleted: r.deleted,
        ...sgFields(r.distribution, r.sharingGroup, ctx),
      })),
      ShadowAttribute: (w.proposals ?? []).map((p) => mispProposal(proposalOfWire(p), w.id)),
      Galaxy: [...galaxies.values()].map((g) => ({ ...g.galaxy, GalaxyCluster: g.clusters })),
    },
  };
}
