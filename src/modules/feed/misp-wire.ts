/**
 * A parsed MISP event (parsers/misp-feed.ts) as the sync wire form the receiver applies (applyWireEvent):
 * shared by MISP feeds and MISP JSON imports, so both store exactly the same things. Objects, their
 * references, galaxy clusters, attachment files, sightings, event reports and proposals travel with the
 * event; what cannot be kept is left out and reported in the sink's `problems`.
 */
import { Analysis, Distribution, ThreatLevel } from '../../shared/enums';
import { validateMispObject } from '../object/object-templates';
import { SightingType } from '../sighting/sighting.entity';
import { checkTagName } from '../tag/tag.service';
import {
  SyncAttributeWire, SyncEventWire, SyncGalaxyClusterWire, SyncObjectWire, SyncProposalWire, SyncSharingGroupWire, SyncSightingWire, SyncTagWire,
} from '../misp-import/wire.types';
import { ManifestEntry, ParsedMispAttribute, ParsedMispEvent } from './parsers/misp-feed';
import { derivedUuid, ParsedProposal } from './parsers/misp-event-parts';

const MAX_PROBLEMS = 100;

/** Where problems go: a feed fetch's result, or one imported event's. */
export interface WireSink {
  invalid: number;
  problems: string[];
}

export function reportProblem(sink: Pick<WireSink, 'problems'>, message: string): void {
  if (sink.problems.length < MAX_PROBLEMS) sink.problems.push(message);
}

export interface WireOptions {
  /** Keep the event's own distribution when it has one (a sharing group, whose members a file does not carry, never). */
  keepOwnDistribution: boolean;
  /** The distribution otherwise. */
  distribution: Distribution;
  /** The sharing group of `distribution` SHARING_GROUP (a feed's configured one). */
  sharingGroup: SyncSharingGroupWire | null;
  /** Every IDS flag off. */
  overrideIds: boolean;
  publish: boolean;
  /** Tags added to every event. */
  extraTags: readonly string[];
  now: Date;
  /** ATTACHMENT_MAX_BYTES: a bigger file is not kept (the attribute is). */
  attachmentMaxBytes: number;
}

const toDate = (seconds: number) => new Date(seconds * 1000);
const SIGHTING_TYPES = [SightingType.SIGHTING, SightingType.FALSE_POSITIVE, SightingType.EXPIRATION];

function tagWires(names: Iterable<string>, sink: WireSink, where: string): SyncTagWire[] {
  const out = new Map<string, SyncTagWire>();
  for (const name of names) {
    try {
      const n = checkTagName(name);
      out.set(n.toLowerCase(), { name: n });
    } catch (e) {
      reportProblem(sink, `${where}: tag left out: ${(e as Error).message}`);
    }
  }
  return [...out.values()];
}

/** An element's own distribution; a sharing group (unknown here) follows the event instead. */
const elementDistribution = (d: number | undefined): Distribution =>
  d === undefined || d === Distribution.SHARING_GROUP ? Distribution.INHERIT_EVENT : (d as Distribution);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The file of an attachment / malware-sample attribute, checked: valid base64 and at most `max` bytes.
 * MISP keeps such an attribute without its file when the file is missing; so does the hub (reported).
 */
function attachmentData(a: ParsedMispAttribute, uuid: string, opts: WireOptions, sink: WireSink, where: string): string | null {
  if (!a.data) return null;
  const compact = a.data.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    reportProblem(sink, `${where}: attribute ${uuid} (${a.type} "${a.value}"): data is not valid base64: kept without its file`);
    return null;
  }
  const size = Buffer.byteLength(compact, 'base64');
  if (size > opts.attachmentMaxBytes) {
    reportProblem(
      sink,
      `${where}: attribute ${uuid} (${a.type} "${a.value}"): the file is ${size} bytes, more than ATTACHMENT_MAX_BYTES (${opts.attachmentMaxBytes}): kept without its file`,
    );
    return null;
  }
  return compact;
}

function proposalWire(p: ParsedProposal, target: string | undefined, seconds: number): SyncProposalWire | null {
  if (!p.org) return null;
  // A change proposal named by its target's uuid (MISP's way) gets the identity the parser gives one inside an attribute.
  const id = target && p.uuid === target ? derivedUuid('misp-proposal', target, p.org.uuid, '') : p.uuid;
  return {
    id,
    attributeId: target ?? null,
    org: { id: p.org.uuid, name: p.org.name },
    type: p.type,
    category: p.category,
    value: p.value,
    toIds: p.toIds,
    comment: p.comment || null,
    objectRelation: p.objectRelation ?? null,
    firstSeen: p.firstSeen ? new Date(p.firstSeen) : null,
    lastSeen: p.lastSeen ? new Date(p.lastSeen) : null,
    proposalToDelete: p.proposalToDelete,
    timestamp: toDate(p.timestamp ?? seconds),
    deleted: p.deleted,
  };
}

/**
 * The event as the receiver applies it. Null when there is no creator organisation (in the event or the
 * manifest entry). Attributes without uuid get a stable derived one (same event, type and value → same uuid).
 */
export function toWire(ev: ParsedMispEvent, entry: ManifestEntry | undefined, opts: WireOptions, sink: WireSink): SyncEventWire | null {
  const seconds = Math.max(ev.timestamp ?? 0, entry?.timestamp ?? 0) || Math.trunc(opts.now.getTime() / 1000);
  const orgc = ev.orgc ?? entry?.orgc;
  if (!orgc) return null;
  const where = `event ${ev.uuid}`;
  const own = ev.distribution;
  const useOwn = opts.keepOwnDistribution && own !== undefined && own !== Distribution.SHARING_GROUP;
  const distribution: Distribution = useOwn ? (own as Distribution) : opts.distribution;

  // Objects first: their uuids name them in their attributes' objectId and in references.
  const objects: SyncObjectWire[] = ev.objects.map((o, i) => {
    const id = o.uuid ?? derivedUuid(ev.uuid, 'object', String(i), o.name);
    const ts = o.timestamp ?? seconds;
    return {
      id,
      name: o.name,
      metaCategory: o.metaCategory ?? '',
      description: o.description ?? null,
      templateUuid: o.templateUuid ?? null,
      templateVersion: o.templateVersion ?? null,
      comment: o.comment || null,
      distribution: elementDistribution(o.distribution),
      sharingGroup: null,
      firstSeen: o.firstSeen ? new Date(o.firstSeen) : null,
      lastSeen: o.lastSeen ? new Date(o.lastSeen) : null,
      timestamp: toDate(ts),
      deleted: o.deleted,
      references: o.references.map((r) => ({
        id: r.uuid ?? derivedUuid(id, r.referencedUuid, r.relationshipType),
        targetId: r.referencedUuid,
        relationshipType: r.relationshipType,
        comment: r.comment || null,
        timestamp: toDate(r.timestamp ?? ts),
        deleted: r.deleted,
      })),
    };
  });
  const objectIds = new Set<string>();
  ev.objects.forEach((o, i) => {
    if (!objectIds.has(objects[i].id)) objectIds.add(objects[i].id);
    else {
      sink.invalid += o.attributes.length;
      reportProblem(sink, `${where}: Object[${i}] ${objects[i].id} appears twice; the first is kept`);
      objects[i] = null as never;
    }
  });
  // MISP accepted these objects: a template finding (unknown relation, missing required one …) is a warning here.
  ev.objects.forEach((o, i) => {
    if (!objects[i]) return;
    const rels = o.attributes.filter((a) => a.objectRelation).map((a) => ({ objectRelation: a.objectRelation!, type: a.type }));
    const check = validateMispObject(o.name, o.templateUuid, rels, { mode: 'import' });
    for (const w of [...check.errors, ...check.warnings]) reportProblem(sink, `${where}: Object[${i}] ${objects[i].id}: warning: ${w}`);
  });
  const keptObjects = objects.filter(Boolean);
  const objectOf = new Map(ev.objects.map((o, i) => [o, objects[i]]));

  const attributes: SyncAttributeWire[] = [];
  const uuids = new Set<string>();
  const byMispId = new Map<string, string>();
  const proposals: SyncProposalWire[] = [];
  const addProposal = (p: ParsedProposal, target: string | undefined) => {
    const w = proposalWire(p, target, seconds);
    if (!w) return reportProblem(sink, `${where}: proposal ${p.uuid}: no proposing organisation (Org): left out`);
    if (!proposals.some((x) => x.id === w.id)) proposals.push(w);
  };
  const all: Array<ParsedMispAttribute & { object?: ParsedMispEvent['objects'][number] }> = [...ev.attributes];
  for (const object of ev.objects) for (const a of object.attributes) all.push({ ...a, object });
  for (const a of all) {
    const uuid = a.uuid ?? derivedUuid(ev.uuid, a.type, a.value);
    if (uuids.has(uuid)) {
      sink.invalid++;
      reportProblem(sink, `${where}: attribute ${uuid} appears twice; the first is kept`);
      continue;
    }
    const object = a.object ? objectOf.get(a.object) : undefined;
    if (a.object && !object) continue; // its object was a repeated one (reported above)
    uuids.add(uuid);
    if (a.mispId) byMispId.set(a.mispId, uuid);
    if (a.objectRelation && a.objectRelation.length > 255) {
      sink.invalid++;
      reportProblem(sink, `${where}: attribute ${uuid}: object_relation longer than 255 characters`);
      continue;
    }
    const sightings: SyncSightingWire[] = a.sightings.map((s) => ({
      id: s.uuid,
      attributeId: null,
      org: s.org ? { id: s.org.uuid, name: s.org.name } : null,
      type: SIGHTING_TYPES[s.type],
      source: s.source ?? null,
      at: toDate(s.at),
    }));
    attributes.push({
      id: uuid,
      type: a.type,
      category: a.category,
      value: a.value,
      toIds: opts.overrideIds ? false : a.toIds,
      comment: a.comment || null,
      // An attribute's sharing group is unknown here: it follows the event instead.
      distribution: elementDistribution(a.distribution),
      sharingGroup: null,
      timestamp: toDate(a.timestamp ?? seconds),
      deleted: a.deleted,
      disableCorrelation: a.disableCorrelation,
      firstSeen: a.firstSeen ? new Date(a.firstSeen) : null,
      lastSeen: a.lastSeen ? new Date(a.lastSeen) : null,
      objectRelation: a.objectRelation ?? null,
      tags: tagWires(a.tags.filter((t) => !t.local).map((t) => t.name), sink, `${where} attribute ${uuid}`),
      objectId: object?.id ?? null,
      data: attachmentData(a, uuid, opts, sink, where),
      sightings,
    });
    for (const p of a.proposals) addProposal(p, uuid);
  }
  for (const p of ev.proposals) {
    const target = p.attributeUuid ?? (p.oldId ? byMispId.get(p.oldId) : undefined) ?? (uuids.has(p.uuid) ? p.uuid : undefined);
    addProposal(p, target);
  }

  // A reference names an object or attribute of the event (MISP drops one whose target it cannot find).
  const known = new Set([...uuids, ...objectIds]);
  for (const o of keptObjects) {
    o.references = o.references.filter((r) => {
      if (known.has(r.targetId.toLowerCase())) return true;
      reportProblem(sink, `${where}: object ${o.id}: reference ${r.id} (${r.relationshipType}) names ${r.targetId}, which is not in the event: left out`);
      return false;
    });
  }

  const clusters = new Map<string, SyncGalaxyClusterWire>();
  for (const c of [...ev.clusters, ...all.flatMap((a) => a.clusters)]) {
    const key = c.uuid || `tag:${c.tagName.toLowerCase()}`;
    if (!clusters.has(key)) clusters.set(key, { id: c.uuid, tagName: c.tagName, version: c.version ?? null, galaxy: c.galaxy, data: c.data });
  }
  return {
    id: ev.uuid,
    info: ev.info || entry?.info || '(no info)',
    date: ev.date ?? entry?.date ?? opts.now.toISOString().slice(0, 10),
    threatLevel: (ev.threatLevelId ?? entry?.threatLevelId ?? ThreatLevel.UNDEFINED) as ThreatLevel,
    analysis: (ev.analysis ?? entry?.analysis ?? Analysis.INITIAL) as Analysis,
    distribution,
    sharingGroup: distribution === Distribution.SHARING_GROUP ? opts.sharingGroup : null,
    published: opts.publish,
    publishedAt: opts.publish ? opts.now : null,
    timestamp: toDate(seconds),
    deleted: false,
    creatorOrg: { id: orgc.uuid, name: orgc.name },
    disableCorrelation: false,
    extendsUuid: ev.extendsUuid ?? null,
    tags: tagWires([...ev.tags.filter((t) => !t.local).map((t) => t.name), ...opts.extraTags], sink, where),
    attributes,
    objects: keptObjects,
    galaxyClusters: [...clusters.values()],
    reports: ev.reports.map((r) => ({
      id: r.uuid,
      name: r.name,
      content: r.content,
      distribution: elementDistribution(r.distribution),
      sharingGroup: null,
      timestamp: toDate(r.timestamp ?? seconds),
      deleted: r.deleted,
    })),
    proposals,
  };
}
