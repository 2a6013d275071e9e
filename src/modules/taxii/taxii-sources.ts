/**
 * A TAXII collection read as one ordered sequence of *sources*, each turned into its STIX objects by the
 * same mapping as the bundle export (export/stix/*):
 * - kind 0, the four TLP marking definitions of STIX 2.1 §7.2.1.4 (public, fixed, dated 2017-01-20);
 * - kind 1, events: the creator's identity, the clusters of the event's galaxy tags, and the event's
 *   report (published) or grouping (unpublished) listing its attributes, objects and clusters;
 * - kind 2, MISP objects: the object's indicator / observed-data / x-misp-object, and a relationship for
 *   each object reference whose two ends are in the collection;
 * - kind 3, attributes: the attribute's main object and its Cyber-observables, the clusters its galaxy
 *   tags carry and a relationship from the attribute to each.
 * Sources are ordered by (date added here, kind, id), a total order that new rows only extend at the end
 * (their date added is later), which is what keeps the keyset cursor of taxii.service stable.
 *
 * Shared objects (an identity, a cluster, a Cyber-observable) come from many sources but are served
 * once, at their *home*: the first source in that order that produces them (homeOf). A reader sees a
 * shared object only through a source it may see: an identity through a visible event of that
 * organisation, a cluster through a visible event or attribute carrying its tag, an observable through
 * a visible attribute whose value it is.
 *
 * Access: every read ANDs the reader's rules (policy.eventVisibilityFilter / objectVisibilityFilter, and
 * the collection's `attributeWhere`, which starts with policy.attributeVisibilityFilter), besides the
 * ORM's own `visible` filter on the scope's EntityManager. A collection with a saved filter holds the
 * attributes matching it, the objects holding one, and the events holding one.
 */
import { EntityManager } from '@mikro-orm/core';
import { eventVisibilityFilter, objectVisibilityFilter } from '../../auth/policy';
import { Scope } from '../../graphql/scope';
import { correlatingParts, correlationKeyOf } from '../attribute/attribute-keys';
import { Attribute } from '../attribute/attribute.entity';
import { ATTRIBUTE_VIEW_COLUMNS, AttributeViewColumn, findAttributeViews } from '../attribute/attribute.views';
import { Event } from '../event/event.entity';
import { clusterInputOf } from '../export/export-event-extras';
import { visibleReferences } from '../export/export-misp-event';
import { attributeTags, ExportEvent, loadExportEvents, matchingPerEvent, toExportAttribute } from '../export/export-source';
import { eventReport, identityObject } from '../export/export-stix';
import { attributeToStix } from '../export/stix/stix-attribute';
import { StixObject, Tlp, tlpMarking } from '../export/stix/stix-common';
import { clusterRelationshipType, relationship, StixClusterInput } from '../export/stix/stix-galaxy';
import { identityIdOf, toStix } from '../export/stix/stix-mapping';
import { mispObjectToStix } from '../export/stix/stix-object';
import { HASH_NAMES, observableOf } from '../export/stix/stix-observables';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { ObjectReference } from '../object/object-reference.entity';
import { MispObject } from '../object/object.entity';
import { Organisation } from '../organisation/organisation.entity';
import { AttributeTag, EventTag } from '../tag/tag.entity';
import { ProducedId, producersOf, rememberProducers } from './taxii-object-index';

type Where = Record<string, unknown>;

export const MARKING = 0;
export const EVENT = 1;
export const OBJECT = 2;
export const ATTRIBUTE = 3;

/** A source's place in the collection: date added (ms), kind, local id. */
export interface Position {
  at: number;
  kind: number;
  id: number;
}

export const comparePositions = (a: Position, b: Position): number => a.at - b.at || a.kind - b.kind || a.id - b.id;

/** What makes an object shared, and so served at its home only. */
export type Shared = { kind: 'identity'; orgId: number } | { kind: 'cluster'; tagName: string } | { kind: 'sco'; keys: string[]; scoType: string };

export interface Piece {
  object: StixObject;
  shared?: Shared;
}

export interface Source {
  pos: Position;
  pieces: Piece[];
  /** Rows read to build it (the page's work budget). */
  cost: number;
}

/** A collection opened for one request: the reader's scope and the attribute conditions it holds. */
export interface CollectionReader {
  scope: Scope;
  em: EntityManager;
  /** policy.attributeVisibilityFilter first, then the collection's saved filter (attributeWhere). */
  attrWhere: Where[];
  /** A saved filter narrows the collection (events and objects count only with a matching attribute). */
  filtered: boolean;
  /** Homes already worked out in this request (object id → position). */
  homes: Map<string, Position>;
}

/** The most object_refs a report lists (an event's attributes and objects beyond this are not listed). */
export const REPORT_MAX_REFS = 5000;

/** The TLP marking definitions are dated 2017-01-20 by STIX 2.1 §7.2.1.4: that is their date added. */
const MARKING_AT = Date.parse('2017-01-20T00:00:00.000Z');
const TLPS: Tlp[] = ['white', 'green', 'amber', 'red'];

/** Attribute types whose attribute can produce an observable of each shared SCO type (stix-observables.ts). */
const HASH_TYPES = Object.keys(HASH_NAMES);
const SCO_PRODUCERS: Readonly<Record<string, readonly string[]>> = {
  'ipv4-addr': ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain|ip'],
  'ipv6-addr': ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain|ip'],
  'domain-name': ['domain', 'hostname', 'domain|ip', 'hostname|port'],
  url: ['url', 'uri'],
  'email-addr': ['email', 'target-email', 'whois-registrant-email', 'dns-soa-email', 'eppn', 'email-src', 'email-dst'],
  file: ['filename', 'malware-sample', 'email-attachment', ...HASH_TYPES, ...HASH_TYPES.map((h) => `filename|${h}`)],
  mutex: ['mutex'],
  'autonomous-system': ['AS'],
  'mac-addr': ['mac-address'],
  'windows-registry-key': ['regkey', 'regkey|value'],
  'x509-certificate': ['x509-fingerprint-md5', 'x509-fingerprint-sha1', 'x509-fingerprint-sha256'],
};

const ATTRIBUTE_COLUMNS = [...ATTRIBUTE_VIEW_COLUMNS, 'createdAt'] as unknown as AttributeViewColumn[];

// ---- keyset conditions over (createdAt, kind, id) ------------------------------------------------

/** Rows of a table of kind `k` after `p` (at `p` too when `inclusive`: the source a cursor stopped in). */
function afterCond(k: number, p: Position | null, inclusive = false): Where {
  if (!p) return {};
  const t = new Date(p.at);
  if (k < p.kind) return { createdAt: { $gt: t } };
  if (k > p.kind) return { createdAt: { $gte: t } };
  return { $or: [{ createdAt: { $gt: t } }, { createdAt: t, id: { [inclusive ? '$gte' : '$gt']: p.id } }] };
}

const addedAfterCond = (addedAfter: Date | null): Where => (addedAfter ? { createdAt: { $gt: addedAfter } } : {});
const posOf = (kind: number, row: { id: number; createdAt: Date | string | number }): Position => ({ at: asDate(row.createdAt).getTime(), kind, id: row.id });
const asDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(v));

// ---- the streams ---------------------------------------------------------------------------------

/**
 * The next sources after `after` (the one at `after` itself too when `inclusive`), at most about `limit`,
 * merged from the four streams. Only positions every stream has been read up to are returned, so a
 * later call continues exactly where this one stopped.
 */
export async function nextPositions(r: CollectionReader, after: Position | null, inclusive: boolean, addedAfter: Date | null, limit: number): Promise<Position[]> {
  const v = r.scope.viewer;
  const em = r.em;
  const markings = TLPS.map((_, i) => ({ at: MARKING_AT, kind: MARKING, id: i + 1 })).filter(
    (p) => (!after || comparePositions(p, after) > 0 || (inclusive && comparePositions(p, after) === 0)) && (!addedAfter || p.at > addedAfter.getTime()),
  );
  const incl = (k: number) => inclusive && after?.kind === k;
  const [events, objects, attributes] = await Promise.all([
    em.find(Event, { $and: [eventVisibilityFilter(v), afterCond(EVENT, after, incl(EVENT)), addedAfterCond(addedAfter)] } as never, {
      fields: ['id', 'createdAt'],
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit,
    }),
    em.find(MispObject, { $and: [objectVisibilityFilter(v), { deleted: false }, afterCond(OBJECT, after, incl(OBJECT)), addedAfterCond(addedAfter)] } as never, {
      fields: ['id', 'createdAt'],
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit,
    }),
    findAttributeViews(em, { $and: [...r.attrWhere, afterCond(ATTRIBUTE, after, incl(ATTRIBUTE)), addedAfterCond(addedAfter)] }, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit,
      columns: ['id', 'event', 'distribution', 'sharingGroup', 'deleted', 'createdAt'] as AttributeViewColumn[],
      visibilityApplied: true, // attrWhere starts with the reader's attribute visibility
    }),
  ]);
  const streams = [events.map((e) => posOf(EVENT, e)), objects.map((o) => posOf(OBJECT, o)), attributes.map((a) => posOf(ATTRIBUTE, a))];
  // A full stream may hold more rows after its last one: nothing beyond that position is certain yet.
  let cut: Position | null = null;
  for (const s of streams) if (s.length === limit && (!cut || comparePositions(s[s.length - 1], cut) < 0)) cut = s[s.length - 1];
  return [...markings, ...streams.flat()].filter((p) => !cut || comparePositions(p, cut) <= 0).sort(comparePositions);
}

// ---- sources → STIX ------------------------------------------------------------------------------

/** The STIX of these sources (any kinds), by position key; a source gone or outside the collection has no pieces. */
export async function expandSources(r: CollectionReader, positions: readonly Position[]): Promise<Map<string, Source>> {
  const out = new Map<string, Source>();
  const ids = (k: number) => positions.filter((p) => p.kind === k).map((p) => p.id);
  for (const p of positions.filter((x) => x.kind === MARKING)) out.set(keyOf(p), { pos: p, pieces: [{ object: tlpMarking(TLPS[p.id - 1]) }], cost: 0 });
  const [events, objects, attributes] = await Promise.all([expandEvents(r, ids(EVENT)), expandObjects(r, ids(OBJECT)), expandAttributes(r, ids(ATTRIBUTE))]);
  for (const [kind, m] of [[EVENT, events], [OBJECT, objects], [ATTRIBUTE, attributes]] as const) {
    for (const p of positions.filter((x) => x.kind === kind)) out.set(keyOf(p), { pos: p, pieces: m.pieces.get(p.id) ?? [], cost: 1 + (m.cost.get(p.id) ?? 0) });
  }
  return out;
}

export const keyOf = (p: Position) => `${p.kind}.${p.id}`;

interface Expanded {
  pieces: Map<number, Piece[]>;
  cost: Map<number, number>;
}

async function clustersByTag(em: EntityManager, names: readonly string[]): Promise<Map<string, StixClusterInput[]>> {
  const m = new Map<string, StixClusterInput[]>();
  const galaxy = [...new Set(names.filter((n) => n.startsWith('misp-galaxy:')))];
  if (!galaxy.length) return m;
  for (const c of await em.find(GalaxyCluster, { tagName: { $in: galaxy } }, { orderBy: { id: 'asc' } })) m.set(c.tagName, [...(m.get(c.tagName) ?? []), clusterInputOf(c)]);
  return m;
}

/** Events of the collection: a filtered collection holds those with a matching attribute. */
async function memberEvents(r: CollectionReader, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  if (!r.filtered) return new Set(ids);
  const counts = await matchingPerEvent(r.em, [...r.attrWhere, { event: { $in: [...ids] } }], ids.length);
  return new Set(counts.map((c) => c.eventId));
}

async function expandEvents(r: CollectionReader, ids: number[]): Promise<Expanded> {
  const out: Expanded = { pieces: new Map(), cost: new Map() };
  if (!ids.length) return out;
  const em = r.em;
  const [visible, members] = await Promise.all([
    em.find(Event, { $and: [eventVisibilityFilter(r.scope.viewer), { id: { $in: ids } }] } as never, { fields: ['id', 'creatorOrg'] }),
    memberEvents(r, ids),
  ]);
  const kept = visible.filter((e) => members.has(e.id));
  const events = await loadExportEvents(em, kept.map((e) => e.id));
  const clusters = await clustersByTag(em, [...events.values()].flatMap((e) => e.tags.map((t) => t.name)));
  for (const row of kept) {
    const e = events.get(row.id);
    if (!e) continue;
    const pieces: Piece[] = [{ object: identityObject(e), shared: { kind: 'identity', orgId: row.creatorOrg.id } }];
    const clusterIds: string[] = [];
    for (const t of e.tags) {
      for (const c of clusters.get(t.name) ?? []) {
        const sdo = toStix({ kind: 'cluster', event: e, cluster: c }).main;
        clusterIds.push(sdo.id);
        pieces.push({ object: sdo, shared: { kind: 'cluster', tagName: c.tagName } });
      }
    }
    const { refs, cost } = await reportRefs(r, e);
    pieces.push({ object: eventReport(e, [...refs, ...clusterIds]) });
    out.pieces.set(row.id, pieces);
    out.cost.set(row.id, cost);
  }
  return out;
}

/** The main objects of an event's attributes and objects in the collection (at most REPORT_MAX_REFS rows read). */
async function reportRefs(r: CollectionReader, e: ExportEvent): Promise<{ refs: string[]; cost: number }> {
  const rows = await findAttributeViews(r.em, { $and: [...r.attrWhere, { event: e.id }] }, { orderBy: { id: 'asc' }, limit: REPORT_MAX_REFS, columns: ATTRIBUTE_COLUMNS, visibilityApplied: true });
  const refs = rows.map((a) => attributeMainId(toExportAttribute(a, [])));
  const objectIds = [...new Set(rows.map((a) => (a.object as { id: number } | null)?.id).filter((id): id is number => id != null))];
  const objects = objectIds.length
    ? await r.em.find(MispObject, { $and: [objectVisibilityFilter(r.scope.viewer), { deleted: false }, { id: { $in: objectIds } }] } as never, { orderBy: { id: 'asc' } })
    : [];
  const attrsOf = groupBy(rows, (a) => (a.object as { id: number } | null)?.id ?? -1);
  for (const o of objects) refs.push(mispObjectToStix(objectInput(o, attrsOf.get(o.id) ?? []), CTX).main.id);
  return { refs, cost: rows.length + objects.length };
}

const CTX = { createdByRef: 'identity--00000000-0000-4000-8000-000000000000', markingRefs: [] };
/** The id of an attribute's main STIX object (it depends on type, value and IDS flag only). */
const attributeMainId = (a: ReturnType<typeof toExportAttribute>): string => attributeToStix(a, CTX).main.id;

function objectInput(o: MispObject, attributes: readonly Attribute[]) {
  return {
    uuid: o.uuid,
    name: o.name,
    metaCategory: o.metaCategory,
    comment: o.comment ?? null,
    timestamp: o.timestamp,
    firstSeen: o.firstSeen ?? null,
    lastSeen: o.lastSeen ?? null,
    attributes: attributes.map((a) => toExportAttribute(a, [])),
  };
}

async function expandObjects(r: CollectionReader, ids: number[]): Promise<Expanded> {
  const out: Expanded = { pieces: new Map(), cost: new Map() };
  if (!ids.length) return out;
  const em = r.em;
  const objects = await em.find(MispObject, { $and: [objectVisibilityFilter(r.scope.viewer), { deleted: false }, { id: { $in: ids } }] } as never, { orderBy: { id: 'asc' } });
  if (!objects.length) return out;
  const attributes = await findAttributeViews(em, { $and: [...r.attrWhere, { object: { $in: objects.map((o) => o.id) } }] }, { orderBy: { id: 'asc' }, columns: ATTRIBUTE_COLUMNS, visibilityApplied: true });
  const attrsOf = groupBy(attributes, (a) => (a.object as { id: number }).id);
  // An object counts with at least one attribute in the collection (it is made of them, as in the export).
  const kept = objects.filter((o) => attrsOf.has(o.id));
  const [events, refs] = await Promise.all([loadExportEvents(em, [...new Set(kept.map((o) => o.event.id))]), kept.length ? visibleReferences(em, kept.map((o) => o.id)) : new Map()]);
  const targets = await mainIdsOf(r, [...new Set([...refs.values()].flat().map((x: ObjectReference) => x.targetUuid.toLowerCase()))]);
  for (const o of kept) {
    const e = events.get(o.event.id);
    if (!e) continue;
    // The object's observables are served by its attributes (each produces them too): only its main object here.
    const main = toStix({ kind: 'object', event: e, object: objectInput(o, attrsOf.get(o.id)!) }).main;
    const pieces: Piece[] = [{ object: main }];
    for (const ref of (refs.get(o.id) ?? []) as ObjectReference[]) {
      const target = targets.get(ref.targetUuid.toLowerCase());
      if (target) pieces.push({ object: relationship(main.id, ref.relationshipType, target, identityIdOf(e), ref.timestamp, ref.comment, ref.uuid) });
    }
    out.pieces.set(o.id, pieces);
    out.cost.set(o.id, (attrsOf.get(o.id)?.length ?? 0) + ((refs.get(o.id) as unknown[] | undefined)?.length ?? 0));
  }
  return out;
}

/** MISP uuids (attributes or objects in the collection) → the id of their main STIX object. */
async function mainIdsOf(r: CollectionReader, uuids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!uuids.length) return out;
  const attrs = await findAttributeViews(r.em, { $and: [...r.attrWhere, { uuid: { $in: uuids } }] }, { orderBy: { id: 'asc' }, columns: ATTRIBUTE_COLUMNS, visibilityApplied: true });
  for (const a of attrs) out.set(a.uuid.toLowerCase(), attributeMainId(toExportAttribute(a, [])));
  const objects = await r.em.find(MispObject, { $and: [objectVisibilityFilter(r.scope.viewer), { deleted: false }, { uuid: { $in: uuids } }] } as never, { orderBy: { id: 'asc' } });
  if (objects.length) {
    const inner = await findAttributeViews(r.em, { $and: [...r.attrWhere, { object: { $in: objects.map((o) => o.id) } }] }, { orderBy: { id: 'asc' }, columns: ATTRIBUTE_COLUMNS, visibilityApplied: true });
    const attrsOf = groupBy(inner, (a) => (a.object as { id: number }).id);
    for (const o of objects) if (attrsOf.has(o.id)) out.set(o.uuid.toLowerCase(), mispObjectToStix(objectInput(o, attrsOf.get(o.id)!), CTX).main.id);
  }
  return out;
}

async function expandAttributes(r: CollectionReader, ids: number[]): Promise<Expanded> {
  const out: Expanded = { pieces: new Map(), cost: new Map() };
  if (!ids.length) return out;
  const em = r.em;
  const rows = await findAttributeViews(em, { $and: [...r.attrWhere, { id: { $in: ids } }] }, { orderBy: { id: 'asc' }, columns: ATTRIBUTE_COLUMNS, visibilityApplied: true });
  const [events, tags] = await Promise.all([loadExportEvents(em, [...new Set(rows.map((a) => a.event.id))]), attributeTags(em, rows.map((a) => a.id))]);
  const clusters = await clustersByTag(em, [...tags.values()].flat().map((t) => t.name));
  const produced: ProducedId[] = [];
  for (const row of rows) {
    const e = events.get(row.event.id);
    if (!e) continue;
    const a = toExportAttribute(row, tags.get(row.id) ?? []);
    const mapped = toStix({ kind: 'attribute', event: e, attribute: a });
    const keys = correlatingParts(a.type, a.value).map(correlationKeyOf);
    const pieces: Piece[] = [];
    for (const o of mapped.objects) {
      if (o === mapped.main || !SCO_PRODUCERS[o.type]) pieces.push({ object: o });
      else pieces.push({ object: o, shared: { kind: 'sco', keys, scoType: o.type } });
      if (o !== mapped.main) produced.push({ stixId: o.id, attribute: row.id });
    }
    for (const t of a.tags) {
      for (const c of clusters.get(t.name) ?? []) {
        const sdo = toStix({ kind: 'cluster', event: e, cluster: c }).main;
        const rel = relationship(mapped.main.id, clusterRelationshipType(mapped.main.type, sdo.type), sdo.id, identityIdOf(e), e.timestamp);
        pieces.push({ object: sdo, shared: { kind: 'cluster', tagName: c.tagName } }, { object: rel });
        produced.push({ stixId: rel.id, attribute: row.id });
      }
    }
    out.pieces.set(row.id, pieces);
    out.cost.set(row.id, 0);
  }
  // Ids that cannot be read back to this attribute: cached for GET …/objects/{id}/ (taxii-object-index.ts).
  await rememberProducers(r.em, r.scope.logger, produced);
  return out;
}

// ---- homes of shared objects -------------------------------------------------------------------

/**
 * Where a shared object is served: the first source of the collection producing it. `at` is a source
 * known to produce it (used when the search is cut short, so an object is never lost).
 */
export async function homeOf(r: CollectionReader, piece: Piece, at: Position | null): Promise<Position | null> {
  const id = piece.object.id;
  const known = r.homes.get(id);
  if (known) return known;
  const s = piece.shared!;
  const found = s.kind === 'identity' ? await identityHome(r, s.orgId) : s.kind === 'cluster' ? await clusterHome(r, s.tagName) : await scoHome(r, s, id);
  const home = found && (!at || comparePositions(found, at) <= 0) ? found : at;
  if (home) r.homes.set(id, home);
  return home;
}

/** The first events (by position) among `rows` that are in the collection. */
async function firstMember(r: CollectionReader, rows: Array<{ id: number; createdAt: Date }>): Promise<Position | null> {
  const members = await memberEvents(r, rows.map((x) => x.id));
  const first = rows.map((x) => posOf(EVENT, x)).filter((p) => members.has(p.id)).sort(comparePositions)[0];
  return first ?? null;
}

async function identityHome(r: CollectionReader, orgId: number): Promise<Position | null> {
  const rows = await r.em.find(Event, { $and: [eventVisibilityFilter(r.scope.viewer), { creatorOrg: orgId }] } as never, {
    fields: ['id', 'createdAt'],
    orderBy: { createdAt: 'asc', id: 'asc' },
    limit: r.filtered ? 200 : 1,
  });
  return firstMember(r, rows);
}

async function clusterHome(r: CollectionReader, tagName: string): Promise<Position | null> {
  const [links, attrLinks] = await Promise.all([
    r.em.find(EventTag, { tag: { name: tagName, exportable: true }, local: false, event: eventVisibilityFilter(r.scope.viewer) } as never, {
      populate: ['event'],
      orderBy: { event: { createdAt: 'asc', id: 'asc' } },
      limit: r.filtered ? 200 : 1,
    }),
    r.em.find(AttributeTag, { tag: { name: tagName, exportable: true }, local: false, attribute: { $and: r.attrWhere } } as never, {
      populate: ['attribute'],
      orderBy: { attribute: { createdAt: 'asc', id: 'asc' } },
      limit: 1,
    }),
  ]);
  const fromEvent = await firstMember(r, links.map((l) => ({ id: l.event.id, createdAt: l.event.createdAt })));
  const fromAttribute = attrLinks[0] ? posOf(ATTRIBUTE, attrLinks[0].attribute) : null;
  return [fromEvent, fromAttribute].filter((p): p is Position => !!p).sort(comparePositions)[0] ?? null;
}

/**
 * The homes of the observables of these sources, in one read: the candidate producers of all of them
 * (attributes of the collection without the IDS flag, of a type that makes such an observable, sharing a
 * value part), earliest first. An observable whose home is not among the candidates read is left to
 * homeOf (one read of its own).
 */
export async function prefetchHomes(r: CollectionReader, sources: Iterable<Source>): Promise<void> {
  const wanted = new Map<string, Extract<Shared, { kind: 'sco' }>>();
  for (const src of sources) for (const p of src.pieces) if (p.shared?.kind === 'sco' && !r.homes.has(p.object.id)) wanted.set(p.object.id, p.shared);
  if (!wanted.size) return;
  const keys = [...new Set([...wanted.values()].flatMap((s) => s.keys))];
  const types = [...new Set([...wanted.values()].flatMap((s) => SCO_PRODUCERS[s.scoType] ?? []))];
  if (!keys.length) return;
  const candidates = await findAttributeViews(
    r.em,
    { $and: [...r.attrWhere, { toIds: false, type: { $in: types } }, { $or: [{ correlationKey: { $in: keys } }, { correlationKey2: { $in: keys } }] }] },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: wanted.size * 4, columns: ['id', 'uuid', 'event', 'type', 'value', 'distribution', 'sharingGroup', 'deleted', 'createdAt'] as AttributeViewColumn[], visibilityApplied: true },
  );
  for (const a of candidates) {
    for (const o of observableOf(a.type, a.value, a.uuid)?.objects ?? []) if (wanted.has(o.id) && !r.homes.has(o.id)) r.homes.set(o.id, posOf(ATTRIBUTE, a));
  }
}

/** The first attribute of the collection whose observables include this one (same value part, no IDS flag). */
async function scoHome(r: CollectionReader, s: Extract<Shared, { kind: 'sco' }>, id: string): Promise<Position | null> {
  if (!s.keys.length) return null;
  const candidates = await findAttributeViews(
    r.em,
    {
      $and: [
        ...r.attrWhere,
        { toIds: false, type: { $in: [...(SCO_PRODUCERS[s.scoType] ?? [])] } },
        { $or: [{ correlationKey: { $in: s.keys } }, { correlationKey2: { $in: s.keys } }] },
      ],
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 50, columns: ['id', 'uuid', 'event', 'type', 'value', 'distribution', 'sharingGroup', 'deleted', 'createdAt'] as AttributeViewColumn[], visibilityApplied: true },
  );
  const hit = candidates.find((a) => observableOf(a.type, a.value, a.uuid)?.objects.some((o) => o.id === id));
  return hit ? posOf(ATTRIBUTE, hit) : null;
}

// ---- one object by id --------------------------------------------------------------------------

export interface Located {
  source: Source;
  index: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ATTRIBUTE_MAIN = new Set(['indicator', 'observed-data', 'x-misp-attribute', 'vulnerability', 'campaign']);
const OBJECT_MAIN = new Set(['indicator', 'observed-data', 'x-misp-object']);
const CLUSTER_TYPES = new Set(['threat-actor', 'intrusion-set', 'malware', 'tool', 'attack-pattern', 'course-of-action', 'campaign', 'x-misp-galaxy-cluster']);

/** Finds `id` among the pieces of the source at `p`; a shared piece is followed to its home. */
async function findAt(r: CollectionReader, p: Position, id: string): Promise<Located | null> {
  const source = (await expandSources(r, [p])).get(keyOf(p));
  const index = source?.pieces.findIndex((x) => x.object.id === id) ?? -1;
  if (!source || index < 0) return null;
  const piece = source.pieces[index];
  if (!piece.shared) return { source, index };
  const home = await homeOf(r, piece, p);
  if (!home || comparePositions(home, p) === 0) return { source, index };
  return findAt(r, home, id);
}

/** Where the collection serves the object `id`, or null (absent, or not visible to the reader). */
export async function locate(r: CollectionReader, id: string): Promise<Located | null> {
  const sep = id.indexOf('--');
  const type = id.slice(0, sep);
  const uuid = id.slice(sep + 2).toLowerCase();
  if (sep < 1 || !UUID.test(uuid)) return null;
  const em = r.em;
  const v = r.scope.viewer;
  const tryAt = async (p: Position | null) => (p ? findAt(r, p, id) : null);
  if (type === 'marking-definition') {
    const i = TLPS.findIndex((t) => tlpMarking(t).id === id);
    return i < 0 ? null : tryAt({ at: MARKING_AT, kind: MARKING, id: i + 1 });
  }
  if (type === 'identity') {
    const org = await em.findOne(Organisation, { uuid }, { fields: ['id'] });
    return org ? tryAt(await identityHome(r, org.id)) : null;
  }
  if (type === 'report' || type === 'grouping') {
    const e = await em.findOne(Event, { $and: [eventVisibilityFilter(v), { uuid }] } as never, { fields: ['id', 'createdAt'] });
    return e ? tryAt(posOf(EVENT, e)) : null;
  }
  if (ATTRIBUTE_MAIN.has(type)) {
    const [a] = await findAttributeViews(em, { $and: [...r.attrWhere, { uuid }] }, { orderBy: { id: 'asc' }, limit: 1, columns: ['id', 'event', 'distribution', 'sharingGroup', 'deleted', 'createdAt'] as AttributeViewColumn[], visibilityApplied: true });
    const hit = a ? await tryAt(posOf(ATTRIBUTE, a)) : null;
    if (hit) return hit;
  }
  if (OBJECT_MAIN.has(type)) {
    const o = await em.findOne(MispObject, { $and: [objectVisibilityFilter(v), { deleted: false }, { uuid }] } as never, { fields: ['id', 'createdAt'] });
    const hit = o ? await tryAt(posOf(OBJECT, o)) : null;
    if (hit) return hit;
  }
  if (CLUSTER_TYPES.has(type)) {
    const clusters = await em.find(GalaxyCluster, { uuid }, { fields: ['tagName'] });
    for (const c of clusters) {
      const hit = await tryAt(await clusterHome(r, c.tagName));
      if (hit) return hit;
    }
  }
  if (type === 'relationship') {
    const ref = await em.findOne(ObjectReference, { uuid, deleted: false }, { fields: ['object'] });
    const o = ref ? await em.findOne(MispObject, { $and: [objectVisibilityFilter(v), { deleted: false }, { id: ref.object.id }] } as never, { fields: ['id', 'createdAt'] }) : null;
    const hit = o ? await tryAt(posOf(OBJECT, o)) : null;
    if (hit) return hit;
  }
  // Observables and attribute–cluster relationships: the attributes recorded as producing this id.
  const recorded = await producersOf(em, id);
  if (!recorded.length) return null;
  const producers = await findAttributeViews(em, { $and: [...r.attrWhere, { id: { $in: recorded } }] }, {
    orderBy: { createdAt: 'asc', id: 'asc' },
    columns: ['id', 'event', 'distribution', 'sharingGroup', 'deleted', 'createdAt'] as AttributeViewColumn[],
    visibilityApplied: true,
  });
  for (const a of producers) {
    const hit = await tryAt(posOf(ATTRIBUTE, a));
    if (hit) return hit;
  }
  return null;
}

// -------------------------------------------------------------------------------------------------

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of rows) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

