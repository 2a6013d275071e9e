/**
 * TAXII 2.1 (read-only) over the hub's STIX mapping: collections, objects, manifests and versions.
 * A collection is the ordered sequence of sources of taxii-sources.ts (marking definitions, events with
 * their identity, clusters and report, MISP objects with their reference relationships, attributes with
 * their observables, clusters and relationships), each mapped by the same code as the STIX export, under
 * the reader's access rules.
 *
 * Pagination: objects are in (date added, kind, source id, index of the object within its source) order.
 * `next` is an opaque keyset cursor over that, so it is stable when many objects share a timestamp and
 * while new ones arrive (they sort after every cursor already handed out). A page does a bounded amount
 * of work (WORK_BUDGET rows read): with filters that match little, a page may be short (or empty) with
 * `more: true`, which TAXII allows; the cost of a request stays bounded.
 */
import { Scope, requireActor } from '../../graphql/scope';
import { badInput, notFound } from '../../shared/errors';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { attributeWhere } from '../attribute/attribute.service';
import { uuidV5, StixObject } from '../export/stix/stix-common';
import { listTaxiiCollections, savedFilter } from './taxii-collection.service';
import { CollectionReader, comparePositions, expandSources, homeOf, keyOf, locate, nextPositions, Position, prefetchHomes } from './taxii-sources';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
/** The default collection: everything the caller may see. Its id is fixed (UUIDv5 of its name). */
export const DEFAULT_COLLECTION_ID = uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'threatmesh:taxii:everything');
/** Rows a page may read before it ends early (with `more: true`). */
const WORK_BUDGET = 20_000;

export interface TaxiiCollectionInfo {
  id: string;
  title: string;
  description?: string;
  filter: AttributeFilter | null;
}

export const defaultCollection = (): TaxiiCollectionInfo => ({
  id: DEFAULT_COLLECTION_ID,
  title: 'Everything you may see',
  description: 'Every event, object, attribute and galaxy cluster visible to the caller, as STIX 2.1 objects',
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

interface Cursor {
  pos: Position;
  /** Objects of the source at `pos` already handed out (ALL_HANDED_OUT: every one). */
  skip: number;
}
const ALL_HANDED_OUT = 999_999;

/** The opaque cursor: base64url of "addedAt ms.kind.id.skip". */
export const encodeCursor = (c: Cursor) => Buffer.from(`${c.pos.at}.${c.pos.kind}.${c.pos.id}.${c.skip}`).toString('base64url');

export function decodeCursor(next: string): Cursor {
  const bad = () => badInput(`Invalid next "${next.slice(0, 100)}": expected a value from a previous response's "next"`);
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(next)) throw bad();
  const m = /^(\d{1,15})\.([0-3])\.(\d{1,15})\.(\d{1,6})$/.exec(Buffer.from(next, 'base64url').toString('latin1'));
  if (!m) throw bad();
  return { pos: { at: Number(m[1]), kind: Number(m[2]), id: Number(m[3]) }, skip: Number(m[4]) };
}

/** The version of an object: its `modified`, else its `created`, else (SCOs) the date it was added. */
const versionOf = (o: StixObject, dateAdded: Date) => (typeof o.modified === 'string' ? o.modified : (o.created as string | undefined) ?? dateAdded.toISOString());

/** match[type|spec_version|version] (match[id] is applied by the caller). One version per object here. */
function matches(o: StixObject, version: string, match: ObjectQuery['match']): boolean {
  if (match.type.length && !match.type.includes(o.type)) return false;
  if (match.specVersion.length && !match.specVersion.includes(String(o.spec_version ?? '2.1'))) return false;
  // One version per object here: first, last and all are that version; a timestamp must equal it.
  const stamps = match.version.filter((v) => !['first', 'last', 'all'].includes(v));
  if (match.version.length && stamps.length === match.version.length && !stamps.some((v) => Date.parse(v) === Date.parse(version))) return false;
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

async function openReader(scope: Scope, c: TaxiiCollectionInfo): Promise<CollectionReader> {
  return { scope, em: scope.em.fork({ clear: true, useContext: false }), attrWhere: await attributeWhere(scope, c.filter), filtered: !!c.filter, homes: new Map() };
}

const entryOf = (object: StixObject, pos: Position): TaxiiEntry => {
  const dateAdded = new Date(pos.at);
  return { object, dateAdded, version: versionOf(object, dateAdded) };
};

/** One page of a collection's objects (also the source of the manifest). */
export async function collectionObjects(scope: Scope, c: TaxiiCollectionInfo, q: ObjectQuery): Promise<TaxiiPage> {
  requireActor(scope);
  checkMatch(q.match);
  const cursor = q.next ? decodeCursor(q.next) : null;
  const r = await openReader(scope, c);
  if (q.match.id.length) return objectsById(r, q, cursor);
  const entries: TaxiiEntry[] = [];
  let at: Cursor | null = cursor;
  let work = 0;
  const batch = Math.min(q.limit + 1, 500);
  for (;;) {
    const positions = await nextPositions(r, at?.pos ?? null, !!at && at.skip !== ALL_HANDED_OUT, q.addedAfter, batch);
    if (!positions.length) return { entries, more: false, next: null };
    const sources = await expandSources(r, positions);
    await prefetchHomes(r, sources.values());
    for (const p of positions) {
      const source = sources.get(keyOf(p))!;
      const from = at && comparePositions(at.pos, p) === 0 ? at.skip : 0;
      for (let k = from; k < source.pieces.length; k++) {
        const piece = source.pieces[k];
        if (entries.length === q.limit) return { entries, more: true, next: encodeCursor({ pos: p, skip: k }) };
        const entry = entryOf(piece.object, p);
        if (!matches(piece.object, entry.version, q.match)) continue;
        if (piece.shared) {
          const home = await homeOf(r, piece, p);
          if (home && comparePositions(home, p) !== 0) continue; // served at its home, another source
        }
        entries.push(entry);
      }
      at = { pos: p, skip: ALL_HANDED_OUT };
      work += source.cost;
      if (work > WORK_BUDGET) return { entries, more: true, next: encodeCursor(at) };
    }
  }
}

/** match[id]: each id located directly (at most 100), then ordered, filtered and paged like a scan. */
async function objectsById(r: CollectionReader, q: ObjectQuery, cursor: Cursor | null): Promise<TaxiiPage> {
  const found = [];
  for (const id of [...new Set(q.match.id.map((x) => x.toLowerCase()))]) {
    const hit = await locate(r, id);
    if (hit) found.push({ pos: hit.source.pos, index: hit.index, entry: entryOf(hit.source.pieces[hit.index].object, hit.source.pos) });
  }
  const after = (x: { pos: Position; index: number }) => !cursor || comparePositions(x.pos, cursor.pos) > 0 || (comparePositions(x.pos, cursor.pos) === 0 && cursor.skip !== ALL_HANDED_OUT && x.index >= cursor.skip);
  const kept = found
    .filter((x) => after(x) && (!q.addedAfter || x.entry.dateAdded.getTime() > q.addedAfter.getTime()) && matches(x.entry.object, x.entry.version, q.match))
    .sort((a, b) => comparePositions(a.pos, b.pos) || a.index - b.index);
  if (kept.length <= q.limit) return { entries: kept.map((x) => x.entry), more: false, next: null };
  const last = kept[q.limit];
  return { entries: kept.slice(0, q.limit).map((x) => x.entry), more: true, next: encodeCursor({ pos: last.pos, skip: last.index }) };
}

/** One object by id (all its versions: here one), or NOT_FOUND. */
export async function collectionObject(scope: Scope, c: TaxiiCollectionInfo, objectId: string): Promise<TaxiiEntry> {
  requireActor(scope);
  const hit = await locate(await openReader(scope, c), objectId);
  if (!hit) throw notFound('STIX object', objectId);
  return entryOf(hit.source.pieces[hit.index].object, hit.source.pos);
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
