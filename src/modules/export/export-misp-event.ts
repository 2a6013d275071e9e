import { EntityManager } from '@mikro-orm/core';
import { attributeVisibilityFilter, canSeeSighting, objectVisibilityFilter, Viewer } from '../../auth/policy';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { AttributePayload } from '../attribute/attribute-payload.entity';
import { EventReport } from '../event-report/event-report.entity';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { MispObject } from '../object/object.entity';
import { ObjectReference } from '../object/object-reference.entity';
import { Proposal } from '../proposal/proposal.entity';
import { Sighting } from '../sighting/sighting.entity';
import { attributeTags, ExportEvent, ExportTag, toExportAttribute } from './export-source';
import {
  mispAttribute,
  mispEventFields,
  mispGalaxies,
  mispObjectFields,
  mispProposal,
  mispReference,
  mispReport,
  mispSighting,
} from './export-misp';

/**
 * One whole MISP event as MISP's JSON export writes it (`{"Event": {... "Attribute": [...], "Object":
 * [...], "ShadowAttribute": [...], "EventReport": [...], "Galaxy": [...]}}`), read in bounded pages and
 * produced as text pieces: plain attributes by pages (with their tags, galaxies, sightings, proposals
 * and attachment data), then objects by pages (each with its attributes and references), then reports
 * and the event's own proposals. Memory is bounded by the page sizes and by one attachment at a time
 * (an attachment is read, encoded and handed on alone: ATTACHMENT_MAX_BYTES bounds it).
 *
 * Access: every read ANDs the viewer's rules (attribute / object visibility; sightings by
 * policy.canSeeSighting; a proposal shows inside the attribute it targets, so an invisible attribute
 * hides its proposals); an object reference is left out when its target is on this hub but not visible
 * to the reader (a reference to something not on this hub at all is kept, as MISP keeps it).
 */

type Where = Record<string, unknown>;

export interface MispEventReadOptions {
  /** Attribute conditions (the export's filter, visibility included or not: it is ANDed again here). */
  where: readonly Where[];
  /**
   * The whole event (no attribute condition in the filter): every visible object, even one without a
   * matching attribute. Otherwise (a restSearch-like filter) only objects holding a matching attribute.
   */
  whole: boolean;
  /** Tombstones of objects too (the filter asked for deleted data). */
  includeDeleted?: boolean;
  /** Attributes per page (default 200: each page also loads its sightings, tags and proposals). */
  pageSize?: number;
  /** Objects per page (default 50: their attributes are read together). */
  objectPage?: number;
}

const ATTACHMENT_TYPES = new Set(['attachment', 'malware-sample']);

/** The event as MISP JSON text pieces (the caller gathers them into larger writes). */
export async function* mispEventPieces(scope: Scope, head: ExportEvent, opts: MispEventReadOptions): AsyncGenerator<string> {
  const pageSize = opts.pageSize ?? 200;
  const objectPage = opts.objectPage ?? 50;
  const viewer = scope.viewer;
  const where: Where[] = [attributeVisibilityFilter(viewer, { includeDeleted: true }), ...opts.where, { event: head.id }];
  const fields = JSON.stringify({ Event: mispEventFields(head) });
  yield `${fields.slice(0, -2)},"Attribute":[`;

  // Plain attributes (objects' attributes are written inside their object).
  let first = true;
  for (let after = 0; ; ) {
    const em = scope.em.fork({ clear: true, useContext: false });
    const page = await em.find(Attribute, { $and: [...where, { object: null }, { id: { $gt: after } }] } as never, { orderBy: { id: 'asc' }, limit: pageSize });
    if (!page.length) break;
    after = page[page.length - 1].id;
    for await (const text of attributePieces(em, viewer, head, page)) {
      yield `${first ? '' : ','}\n${text}`;
      first = false;
    }
    if (page.length < pageSize) break;
  }

  yield '],"Object":[';
  first = true;
  for (let after = 0; ; ) {
    const em = scope.em.fork({ clear: true, useContext: false });
    const objects = await em.find(
      MispObject,
      { $and: [objectVisibilityFilter(viewer, { includeDeleted: true }), { event: head.id }, opts.includeDeleted ? {} : { deleted: false }, { id: { $gt: after } }] } as never,
      { orderBy: { id: 'asc' }, limit: objectPage, populate: ['sharingGroup'] },
    );
    if (!objects.length) break;
    after = objects[objects.length - 1].id;
    const ids = objects.map((o) => o.id);
    // A page of objects reads their attributes together (objects hold tens of attributes, not thousands).
    const attributes = await em.find(Attribute, { $and: [...where, { object: { $in: ids } }] } as never, { orderBy: { id: 'asc' } });
    const attrsOf = new Map<number, Attribute[]>();
    for (const a of attributes) attrsOf.set(a.object!.id, [...(attrsOf.get(a.object!.id) ?? []), a]);
    const refs = await visibleReferences(em, ids);
    for (const o of objects) {
      const own = attrsOf.get(o.id) ?? [];
      if (!opts.whole && !own.length) continue;
      const open = JSON.stringify({ ...mispObjectFields(o, head.uuid), ObjectReference: (refs.get(o.id) ?? []).map((r) => mispReference(r, o.uuid)) });
      yield `${first ? '' : ','}\n${open.slice(0, -1)},"Attribute":[`;
      first = false;
      let firstAttr = true;
      for await (const text of attributePieces(em, viewer, head, own)) {
        yield `${firstAttr ? '' : ','}\n${text}`;
        firstAttr = false;
      }
      yield ']}';
    }
    if (objects.length < objectPage) break;
  }

  yield '],"ShadowAttribute":[';
  first = true;
  for (let after = 0; ; ) {
    const em = scope.em.fork({ clear: true, useContext: false });
    // Proposals of new attributes (no target); the others are inside the attribute they change.
    const rows = await em.find(Proposal, { event: head.id, attributeUuid: null, deleted: false, id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: pageSize, populate: ['org'] });
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    for (const p of rows) {
      yield `${first ? '' : ','}\n${JSON.stringify(mispProposal(p, head.uuid))}`;
      first = false;
    }
    if (rows.length < pageSize) break;
  }

  yield '],"EventReport":[';
  first = true;
  for (let after = 0; ; ) {
    const em = scope.em.fork({ clear: true, useContext: false });
    const rows = await em.find(
      EventReport,
      { $and: [objectVisibilityFilter(viewer, { includeDeleted: true }), { event: head.id }, opts.includeDeleted ? {} : { deleted: false }, { id: { $gt: after } }] } as never,
      { orderBy: { id: 'asc' }, limit: 20, populate: ['sharingGroup'] },
    );
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    for (const r of rows) {
      yield `${first ? '' : ','}\n${JSON.stringify(mispReport(r, head.uuid))}`;
      first = false;
    }
    if (rows.length < 20) break;
  }

  const galaxies = mispGalaxies(await clustersOf(scope.em.fork({ clear: true, useContext: false }), head.tags));
  yield `],"Galaxy":${JSON.stringify(galaxies)}}}`;
}

/** A page of attributes of one event as MISP JSON texts, each with its extras; attachments read one at a time. */
async function* attributePieces(em: EntityManager, viewer: Viewer, head: ExportEvent, page: Attribute[]): AsyncGenerator<string> {
  if (!page.length) return;
  const ids = page.map((a) => a.id);
  const [tags, sightings, proposals, payloads] = await Promise.all([
    attributeTags(em, ids),
    em.find(Sighting, { attribute: { $in: ids } }, { orderBy: { id: 'asc' }, populate: ['org'] }),
    em.find(Proposal, { event: head.id, deleted: false, attributeUuid: { $in: page.map((a) => a.uuid) } }, { orderBy: { id: 'asc' }, populate: ['org'] }),
    em.find(AttributePayload, { attribute: { $in: page.filter((a) => ATTACHMENT_TYPES.has(a.type)).map((a) => a.id) } }, { fields: ['id', 'attribute'] }),
  ]);
  const clusters = await clustersOf(em, [...tags.values()].flat());
  const sightingsOf = group(
    sightings.filter((s) => canSeeSighting(viewer, { ownerOrgId: head.ownerOrgId }, { orgId: s.org.id })),
    (s) => s.attribute.id,
  );
  const proposalsOf = group(proposals, (p) => p.attributeUuid!);
  const payloadOf = new Map(payloads.map((p) => [p.attribute.id, p.id]));
  for (const a of page) {
    const ea = toExportAttribute(a, tags.get(a.id) ?? []);
    const names = new Set(ea.tags.map((t) => t.name));
    const out: Record<string, unknown> = {
      ...mispAttribute(ea, head.uuid),
      Galaxy: mispGalaxies(clusters.filter((c) => names.has(c.tagName))),
      ShadowAttribute: (proposalsOf.get(a.uuid) ?? []).map((p) => mispProposal(p, head.uuid)),
      Sighting: (sightingsOf.get(a.id) ?? []).map((s) => mispSighting(s, a.uuid)),
    };
    const payloadId = payloadOf.get(a.id);
    if (payloadId !== undefined) {
      const payload = await em.findOne(AttributePayload, { id: payloadId }, { populate: ['data'] });
      if (payload) {
        out.data = Buffer.from(payload.data).toString('base64');
        em.clear(); // one attachment in memory at a time
      }
    }
    yield JSON.stringify(out);
  }
}

/** References of these objects the reader may follow: the target visible, or not on this hub at all. */
export async function visibleReferences(em: EntityManager, objectIds: number[]): Promise<Map<number, Array<ObjectReference & { targetKind: 'Attribute' | 'Object' | null }>>> {
  const out = new Map<number, Array<ObjectReference & { targetKind: 'Attribute' | 'Object' | null }>>();
  const refs = await em.find(ObjectReference, { object: { $in: objectIds }, deleted: false }, { orderBy: { id: 'asc' } });
  if (!refs.length) return out;
  const targets = [...new Set(refs.map((r) => r.targetUuid.toLowerCase()))];
  const [seenObjects, seenAttributes, known] = await Promise.all([
    em.find(MispObject, { uuid: { $in: targets } }, { fields: ['uuid'] }),
    em.find(Attribute, { uuid: { $in: targets } }, { fields: ['uuid'] }),
    storedUuids(em, targets),
  ]);
  const visible = new Map<string, 'Attribute' | 'Object'>([
    ...seenObjects.map((o) => [o.uuid, 'Object'] as const),
    ...seenAttributes.map((a) => [a.uuid, 'Attribute'] as const),
  ]);
  for (const r of refs) {
    const t = r.targetUuid.toLowerCase();
    const kind = visible.get(t) ?? null;
    if (!kind && known.has(t)) continue; // on this hub, hidden from this reader: left out, not shown half
    out.set(r.object.id, [...(out.get(r.object.id) ?? []), Object.assign(r, { targetKind: kind })]);
  }
  return out;
}

/** Which of these uuids name an object or attribute stored here, visible or not (uuids only, never data). */
async function storedUuids(em: EntityManager, uuids: string[]): Promise<Set<string>> {
  const [o, a] = await Promise.all([
    em.find(MispObject, { uuid: { $in: uuids } }, { fields: ['uuid'], filters: false }),
    em.find(Attribute, { uuid: { $in: uuids } }, { fields: ['uuid'], filters: false }),
  ]);
  return new Set([...o, ...a].map((x) => x.uuid));
}

/** Galaxy clusters carried by these tags (clusters are global reference data, shown where their tag is). */
export async function clustersOf(em: EntityManager, tags: readonly ExportTag[]): Promise<GalaxyCluster[]> {
  const names = [...new Set(tags.map((t) => t.name).filter((n) => n.startsWith('misp-galaxy:')))];
  return names.length ? em.find(GalaxyCluster, { tagName: { $in: names } }, { orderBy: { id: 'asc' } }) : [];
}

function group<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}
