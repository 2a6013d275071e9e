/**
 * TAXII 2.1 (read-only) over the hub's STIX mapping: collections, objects, manifests and versions.
 * Every object comes from an attribute the caller may see (export-source ANDs the viewer's visibility
 * to the collection's filter), mapped by the same code as the STIX export (stix-mapping.ts).
 *
 * Pagination: objects are in (date added, attribute id, index of the object within the attribute)
 * order. `next` is an opaque keyset cursor over that triple, so it is stable when many objects share a
 * timestamp and while new ones arrive (they sort after every cursor already handed out). A page reads
 * at most SCAN_FACTOR × limit attributes: with filters that match little, a page may be short (or
 * empty) with `more: true`, which TAXII allows; the cost of a request stays bounded.
 */
import { Scope, requireActor } from '../../graphql/scope';
import { badInput, notFound } from '../../shared/errors';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { attributeWhere } from '../attribute/attribute.service';
import { AddedPosition, attributesAddedAfter } from '../export/export-source';
import { uuidV5, StixObject, tlpMarking } from '../export/stix/stix-common';
import { toStix } from '../export/stix/stix-mapping';
import { listTaxiiCollections, savedFilter } from './taxii-collection.service';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** The default collection: everything the caller may see. Its id is fixed (UUIDv5 of its name). */
export const DEFAULT_COLLECTION_ID = uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'threatmesh:taxii:everything');
const SCAN_FACTOR = 5;

export interface TaxiiCollectionInfo {
  id: string;
  title: string;
  description?: string;
  filter: AttributeFilter | null;
}

export const defaultCollection = (): TaxiiCollectionInfo => ({
  id: DEFAULT_COLLECTION_ID,
  title: 'Everything you may see',
  description: 'Every attribute visible to the caller, as STIX 2.1 objects',
  filter: null,
});

export const collectionResource = (c: TaxiiCollectionInfo) => ({
  id: c.id,
  title: c.title,
  ...(c.description ? { description: c.description } : {}),
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

export interface ObjectQuery {
  addedAfter: Date | null;
  limit: number;
  next: string | null;
  match: { id: string[]; type: string[]; version: string[]; specVersion: string[] };
}

export interface TaxiiEntry {
  object: StixObject;
  dateAdded: Date;
  version: string;
}

export interface TaxiiPage {
  entries: TaxiiEntry[];
  more: boolean;
  next: string | null;
}

interface Cursor extends AddedPosition {
  /** Objects of the attribute at `id` already handed out (ALL_HANDED_OUT: every one). */
  skip: number;
}
const ALL_HANDED_OUT = 999_999;

/** The opaque cursor: base64url of "addedAt ms.attribute id.skip". */
export const encodeCursor = (c: Cursor) => Buffer.from(`${c.addedAt.getTime()}.${c.id}.${c.skip}`).toString('base64url');

export function decodeCursor(next: string): Cursor {
  const bad = () => badInput(`Invalid next "${next.slice(0, 100)}": expected a value from a previous response's "next"`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(next)) throw bad();
  const m = /^(\d{1,15})\.(\d{1,15})\.(\d{1,6})$/.exec(Buffer.from(next, 'base64url').toString('latin1'));
  if (!m) throw bad();
  return { addedAt: new Date(Number(m[1])), id: Number(m[2]), skip: Number(m[3]) };
}

const MAIN_TYPES = ['indicator', 'observed-data', 'x-misp-attribute', 'vulnerability', 'campaign'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The version of an object: its `modified`, or for objects without it (SCOs) the date it was added. */
const versionOf = (o: StixObject, dateAdded: Date) => (typeof o.modified === 'string' ? o.modified : (o.created as string | undefined) ?? dateAdded.toISOString());

function matches(e: TaxiiEntry, match: ObjectQuery['match']): boolean {
  if (match.id.length && !match.id.includes(e.object.id)) return false;
  if (match.type.length && !match.type.includes(e.object.type)) return false;
  if (match.specVersion.length && !match.specVersion.includes('2.1')) return false;
  // One version per object here: first, last and all are that version; a timestamp must equal it.
  const stamps = match.version.filter((v) => !['first', 'last', 'all'].includes(v));
  if (match.version.length && stamps.length === match.version.length && !stamps.some((v) => Date.parse(v) === Date.parse(e.version))) return false;
  return true;
}

/** Checks match[version] and match[id] values (400 naming the value). */
export function checkMatch(match: ObjectQuery['match']) {
  for (const v of match.version) {
    if (!['first', 'last', 'all'].includes(v) && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v)) {
      throw badInput(`Invalid match[version] "${v.slice(0, 100)}": expected first, last, all or a STIX timestamp`);
    }
  }
  for (const id of match.id) if (!/^[a-z0-9-]+--[0-9a-fA-F-]{36}$/.test(id)) throw badInput(`Invalid match[id] "${id.slice(0, 100)}": expected a STIX identifier`);
}

/** One page of a collection's objects (also the source of the manifest). */
export async function collectionObjects(scope: Scope, c: TaxiiCollectionInfo, q: ObjectQuery): Promise<TaxiiPage> {
  requireActor(scope);
  checkMatch(q.match);
  let cursor = q.next ? decodeCursor(q.next) : null;
  const where = await attributeWhere(scope, c.filter);
  // match[id] of the objects that stand for an attribute narrows the read to those attributes.
  const attributeUuids = q.match.id.length && q.match.id.every((id) => MAIN_TYPES.includes(id.split('--')[0])) ? q.match.id.map((id) => id.split('--')[1].toLowerCase()) : null;
  if (attributeUuids) where.push({ uuid: { $in: attributeUuids.filter((u) => UUID.test(u)) } });
  const entries: TaxiiEntry[] = [];
  let budget = q.limit * SCAN_FACTOR;
  const fromRequest = cursor;
  let last: Cursor | null = cursor;
  while (budget > 0) {
    const batch = await attributesAddedAfter(scope, where, cursor && { addedAt: cursor.addedAt, id: cursor.id }, q.addedAfter, Math.min(budget, q.limit + 1));
    if (cursor && cursor === fromRequest) {
      // The cursor names the attribute whose first `skip` objects were handed out: read it again.
      const again = await attributesAddedAfter(scope, [...where, { id: cursor.id }], null, null, 1);
      batch.unshift(...again);
    }
    if (!batch.length) return { entries, more: false, next: null };
    for (const item of batch) {
      budget--;
      const mapped = toStix({ kind: 'attribute', event: item.event, attribute: item.attribute });
      const objects = [...mapped.objects, ...mapped.tlps.map((t) => tlpMarking(t) as StixObject)];
      const skip = cursor && item.attribute.id === cursor.id ? cursor.skip : 0;
      for (let k = skip; k < objects.length; k++) {
        const entry: TaxiiEntry = { object: objects[k], dateAdded: item.addedAt, version: versionOf(objects[k], item.addedAt) };
        if (entries.length === q.limit) return { entries, more: true, next: encodeCursor({ addedAt: item.addedAt, id: item.attribute.id, skip: k }) };
        if (matches(entry, q.match)) entries.push(entry);
      }
      last = { addedAt: item.addedAt, id: item.attribute.id, skip: ALL_HANDED_OUT };
      cursor = last;
    }
  }
  // The scan budget ran out before the page filled: more may follow after the last attribute read.
  return { entries, more: true, next: last ? encodeCursor(last) : null };
}

/** One object by id (all its versions: here one), or NOT_FOUND. */
export async function collectionObject(scope: Scope, c: TaxiiCollectionInfo, objectId: string): Promise<TaxiiEntry> {
  const [type, uuid] = objectId.split('--');
  if (!MAIN_TYPES.includes(type) || !UUID.test(uuid ?? '')) throw notFound('STIX object', objectId);
  const page = await collectionObjects(scope, c, { addedAfter: null, limit: 100, next: null, match: { id: [objectId], type: [], version: [], specVersion: [] } });
  const hit = page.entries.find((e) => e.object.id === objectId);
  if (!hit) throw notFound('STIX object', objectId);
  return hit;
}


/** The collections every reader may read: the default one, then those site admins defined. */
export async function listCollections(scope: Scope): Promise<TaxiiCollectionInfo[]> {
  const saved = await listTaxiiCollections(scope);
  return [defaultCollection(), ...saved.map((c) => ({ id: c.uuid, title: c.title, ...(c.description ? { description: c.description } : {}), filter: savedFilter(c) }))];
}

export async function getCollection(scope: Scope, id: string): Promise<TaxiiCollectionInfo> {
  const found = (await listCollections(scope)).find((c) => c.id === id.toLowerCase());
  if (!found) throw notFound('Collection', id);
  return found;
}
