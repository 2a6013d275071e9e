/**
 * The one write path for new attributes (API add, CSV/freetext feeds, MISP feeds and sync receive):
 * `prepareRows` validates and normalises what a path brings (type, category, value — attribute-types and
 * attribute-values), derives the stored columns (attribute-keys) and applies the in-event duplicate rule;
 * `insertAttributes` writes the rows as multi-row INSERTs with their tag links and change rows. Each path
 * decides only what a refusal means for it: the API refuses the call, feeds and sync count it as skipped.
 */
import { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ChangeRecorder } from '../../db/change-recorder';
import { insertRows, insertRowsReturningIds, INSERT_CHUNK } from '../../db/insert-rows';
import { ChangeOp, Distribution } from '../../shared/enums';
import { AppError, isAppError } from '../../shared/errors';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { AttributeTag, Tag } from '../tag/tag.entity';
import { findOrCreateTags, tagKey } from '../tag/tag.service';
import { attributeKeys, valueColumns, valueHash } from './attribute-keys';
import { getAttributeType, resolveCategory } from './attribute-types';
import { normaliseAttributeValue } from './attribute-values';
import { Attribute } from './attribute.entity';
import { lookupAttributes } from './attribute-lookup';
import type { AttributeViewColumn } from './attribute.views';
import type { MispObject } from '../object/object.entity';

/** One attribute as a path brings it (API input, a feed value, a sync wire attribute). */
export interface AttributeDraft {
  uuid?: string | null;
  type: string;
  category?: string | null;
  value: string;
  /** Absent: the type's default. */
  toIds?: boolean | null;
  comment?: string | null;
  distribution?: Distribution;
  sharingGroup?: SharingGroup | null;
  /** The attribute's own timestamp (sync: the sender's); absent: now. */
  timestamp?: Date | null;
  deleted?: boolean;
  disableCorrelation?: boolean | null;
  firstSeen?: Date | null;
  lastSeen?: Date | null;
  /** Set for an attribute of an object (objects are outside the duplicate rule). */
  objectRelation?: string | null;
  /** The object it belongs to (with objectRelation); the entity itself, so that change rows snapshot its distribution. */
  object?: MispObject | null;
  tags?: readonly string[];
}

/** The stored columns of an attribute (the event is set by insertAttributes). */
export type AttributeRow = Pick<
  Attribute,
  | 'uuid' | 'type' | 'category' | 'value' | 'valueHash' | 'toIds' | 'comment' | 'distribution' | 'sharingGroup'
  | 'timestamp' | 'createdAt' | 'updatedAt' | 'deleted' | 'disableCorrelation' | 'firstSeen' | 'lastSeen' | 'objectRelation' | 'object'
> &
  Omit<ReturnType<typeof valueColumns>, 'value' | 'valueHash'>;

export interface PreparedRow {
  /** Position of the draft in the caller's list. */
  index: number;
  row: AttributeRow;
  tags: readonly string[];
}

export interface RowRefusal {
  index: number;
  /** INVALID: unknown type, category not allowed for it, invalid value. DUPLICATE: the in-event duplicate rule. */
  reason: 'INVALID' | 'DUPLICATE';
  /** BAD_USER_INPUT or CONFLICT, naming the value (the API's error; feeds and sync count it). */
  error: AppError;
}

/**
 * The in-event duplicate rule (MISP's `valueIsUnique`): within one event, outside objects, at most one
 * live attribute per type, category and value. Tombstones and object attributes are never duplicates.
 */
export const duplicateKey = (type: string, category: string, hash: string): string => `${type}\u0000${category}\u0000${hash}`;
const underRule = (r: Pick<AttributeRow, 'deleted' | 'objectRelation'>) => !r.deleted && !r.objectRelation;

/**
 * How the stored attributes are looked up: 'event' by the event and value hashes (SQLite picks the
 * (event, deleted) index: cheap for the events the API and peers write); 'value' by value hash only, rows
 * of other events left out here (a feed's event grows to hundreds of thousands of rows: with the event in
 * the condition SQLite would scan all of them for every batch).
 */
export type DuplicateLookup = 'event' | 'value';

/** What the duplicate rule reads of a stored attribute. */
const STORED_KEY_COLUMNS: readonly AttributeViewColumn[] = ['id', 'uuid', 'type', 'category', 'valueHash', 'event', 'deleted', 'objectRelation'];

/**
 * The duplicate keys of the event's stored live attributes among `hashes` (attribute uuid by key),
 * except those of the attributes in `except` (uuids being rewritten by the same call).
 */
export async function storedDuplicateKeys(
  em: EntityManager,
  eventId: number,
  hashes: Iterable<string>,
  except: ReadonlySet<string> = new Set(),
  lookup: DuplicateLookup = 'event',
): Promise<Map<string, string>> {
  const all = [...new Set(hashes)];
  const out = new Map<string, string>();
  for (let i = 0; i < all.length; i += INSERT_CHUNK) {
    const part = { valueHash: { $in: all.slice(i, i + INSERT_CHUNK) } };
    // Plain rows under the EntityManager's viewer's visibility (as em.find's `visible` filter), the
    // statement built once per shape (attribute-lookup), not by the ORM for each call's thousand hashes.
    const rows = await lookupAttributes(em, lookup === 'value' ? part : { event: eventId, deleted: false, ...part }, { columns: STORED_KEY_COLUMNS });
    for (const a of rows) {
      if (Number(a.event.id) === eventId && underRule(a) && !except.has(a.uuid)) out.set(duplicateKey(a.type, a.category, a.valueHash), a.uuid);
    }
  }
  return out;
}

/**
 * Validates, normalises and checks the drafts for one event, in order. `eventId` null: a new event (no
 * stored attributes to check against). A refused draft is left out of `rows` and listed in `refused`;
 * a draft repeating an earlier draft of the same call is the duplicate (the first one stays).
 */
export async function prepareRows(
  em: EntityManager,
  eventId: number | null,
  drafts: readonly AttributeDraft[],
  opts: { now: Date; lookup?: DuplicateLookup },
): Promise<{ rows: PreparedRow[]; refused: RowRefusal[] }> {
  const refused: RowRefusal[] = [];
  const valid: PreparedRow[] = [];
  for (let index = 0; index < drafts.length; index++) {
    const d = drafts[index];
    try {
      const info = getAttributeType(d.type);
      const category = resolveCategory(d.type, d.category);
      const value = normaliseAttributeValue(d.type, d.value);
      const hash = valueHash(value);
      // The value columns of valueColumns, written out (no spread of a second object per row); the row
      // type requires every one of them.
      const keys = attributeKeys(info.type, value, hash);
      valid.push({
        index,
        tags: d.tags ?? [],
        row: {
          uuid: d.uuid?.toLowerCase() ?? randomUUID(),
          type: info.type,
          category,
          value,
          valueHash: hash,
          correlationKey: keys.correlationKey,
          correlationKey2: keys.correlationKey2,
          ipStart: keys.ipStart,
          ipEnd: keys.ipEnd,
          toIds: d.toIds ?? info.toIdsDefault,
          comment: d.comment ?? null,
          distribution: d.distribution ?? Distribution.INHERIT_EVENT,
          sharingGroup: d.sharingGroup ?? null,
          timestamp: d.timestamp ?? opts.now,
          createdAt: opts.now,
          updatedAt: opts.now,
          deleted: d.deleted ?? false,
          disableCorrelation: d.disableCorrelation ?? false,
          firstSeen: d.firstSeen ?? null,
          lastSeen: d.lastSeen ?? null,
          objectRelation: d.objectRelation ?? null,
          object: d.object ?? null,
        },
      });
    } catch (e) {
      if (!isAppError(e)) throw e;
      refused.push({ index, reason: 'INVALID', error: e });
    }
  }
  const ruled = valid.filter((p) => underRule(p.row));
  const stored =
    eventId === null || !ruled.length
      ? new Map<string, string>()
      : await storedDuplicateKeys(em, eventId, ruled.map((p) => p.row.valueHash), new Set(valid.map((p) => p.row.uuid)), opts.lookup);
  const first = new Map<string, number>();
  const rows: PreparedRow[] = [];
  for (const p of valid) {
    const r = p.row;
    const key = duplicateKey(r.type, r.category, r.valueHash);
    if (underRule(r)) {
      const msg = stored.has(key)
        ? `the event already has a ${r.type} attribute "${r.value}" in category "${r.category}"`
        : first.has(key)
          ? `Duplicate of attributes[${first.get(key)}]: ${r.type} "${r.value}" appears twice in the batch`
          : null;
      if (msg) {
        refused.push({ index: p.index, reason: 'DUPLICATE', error: new AppError('CONFLICT', msg, { value: r.value.slice(0, 200) }) });
        continue;
      }
      first.set(key, p.index);
    }
    rows.push(p);
  }
  refused.sort((a, b) => a.index - b.index);
  return { rows, refused };
}

/** A stored new attribute as returned to callers: the row with its event and (where read back) its id. */
export type InsertedAttribute = AttributeRow & { id: number; event: Event };

/**
 * The row with its event and an id slot (set once the INSERT or the read-back gave it), as one object literal: a
 * copy by spread (`{ ...row, event }`) and the id added afterwards gave each of thousands of rows a
 * slower, larger object (an out-of-object property store), which the INSERT then read column by column.
 */
function insertedRow(r: AttributeRow, event: Event): InsertedAttribute {
  // prettier-ignore
  return {
    id: undefined as unknown as number, uuid: r.uuid, type: r.type, category: r.category, value: r.value, valueHash: r.valueHash,
    correlationKey: r.correlationKey, correlationKey2: r.correlationKey2, ipStart: r.ipStart, ipEnd: r.ipEnd,
    toIds: r.toIds, comment: r.comment, distribution: r.distribution, sharingGroup: r.sharingGroup, timestamp: r.timestamp,
    createdAt: r.createdAt, updatedAt: r.updatedAt, deleted: r.deleted, disableCorrelation: r.disableCorrelation,
    firstSeen: r.firstSeen, lastSeen: r.lastSeen, objectRelation: r.objectRelation, object: r.object, event,
  };
}

/**
 * Writes prepared rows into `event` in the caller's transaction: multi-row INSERTs (no entity per
 * attribute), their ids taken from the inserts (insertRowsReturningIds) or, where the database cannot
 * give them, read back by uuid only where needed (`readIds: 'all'`, or rows with tags for their links),
 * the tag links, and one CREATED change row per attribute (unless `recordChanges` is false: the caller
 * records them in its own order). With `defer`, rows that need no id now are left to the transaction's
 * deferred INSERT (DeferredAttributeRows). The event itself is the caller's (touch, change row).
 */
export async function insertAttributes(
  em: EntityManager,
  changes: ChangeRecorder,
  event: Event,
  prepared: readonly PreparedRow[],
  opts: { readIds?: 'all' | 'tagged'; recordChanges?: boolean; defer?: DeferredAttributeRows } = {},
): Promise<InsertedAttribute[]> {
  const rows = prepared.map((p) => insertedRow(p.row, event));
  if (!rows.length) return rows;
  // The rows as they are (no copy per row): insertRows writes a relation (event, sharing group, object) as its id.
  const props = [...Object.keys(prepared[0].row), 'event'];
  const tagNames = prepared.flatMap((p) => p.tags);
  // Nothing here needs the ids (no tag links, no read-back): the rows join the transaction's deferred INSERT.
  if (opts.defer && !tagNames.length && opts.readIds !== 'all') opts.defer.add(rows, props);
  else await writeRows(em, event, prepared, rows, props, tagNames, opts.readIds);
  if (opts.recordChanges !== false) for (const r of rows) changes.attribute(ChangeOp.CREATED, r as unknown as Attribute, event);
  return rows;
}

/** insertAttributes' INSERTs now: the rows with their ids where needed, then their tag links. */
async function writeRows(
  em: EntityManager,
  event: Event,
  prepared: readonly PreparedRow[],
  rows: InsertedAttribute[],
  props: readonly string[],
  tagNames: readonly string[],
  readIds: 'all' | 'tagged' | undefined,
): Promise<void> {
  // A new event a caller left for its next flush (apply-batch's groups) is written before its attributes.
  if (event.id == null) await em.flush();
  let tagByKey = new Map<string, Tag>();
  if (tagNames.length) {
    tagByKey = new Map((await findOrCreateTags(em, tagNames)).map((t) => [t.nameKey, t]));
    await em.flush(); // new tags exist before the links refer to them
  }
  const ids = await insertRowsReturningIds(em, Attribute, rows, props);
  if (ids) rows.forEach((r, i) => (r.id = ids[i]));
  // Where the insert could not give the ids: read back by uuid (only those needed).
  const needIds = ids ? [] : readIds === 'all' ? rows : rows.filter((_, i) => prepared[i].tags.length);
  const idOf = new Map<string, number>();
  for (let i = 0; i < needIds.length; i += INSERT_CHUNK) {
    const uuids = needIds.slice(i, i + INSERT_CHUNK).map((r) => r.uuid);
    for (const r of await em.find(Attribute, { uuid: { $in: uuids } }, { fields: ['id', 'uuid'], disableIdentityMap: true })) idOf.set(r.uuid, r.id);
  }
  for (const r of needIds) r.id = idOf.get(r.uuid)!;
  const links = !tagNames.length
    ? []
    : prepared.flatMap((p, i) =>
        [...new Set(p.tags.map(tagKey))].filter((key) => tagByKey.has(key)).map((key) => ({ attribute: rows[i].id, tag: tagByKey.get(key)!.id, local: false })),
      );
  await insertRows(em, AttributeTag, links);
}

/**
 * New attribute rows of several events of one transaction, written together (apply-batch.ts: a group of
 * incoming events): `insertAttributes` with `defer` hands them here instead of writing them, when nothing
 * of that call needs their ids (no tag links, no read-back). `write` inserts them in multi-row INSERTs and
 * gives each row its id where the insert returns it, as insertAttributes does; the owner calls it before
 * anything of the transaction reads attributes again, and before the commit.
 */
export class DeferredAttributeRows {
  private rows: InsertedAttribute[] = [];
  private props: readonly string[] | null = null;

  add(rows: readonly InsertedAttribute[], props: readonly string[]): void {
    if (this.props && this.props.join() !== props.join()) throw new Error('DeferredAttributeRows: rows of another shape');
    this.props = props;
    for (const r of rows) this.rows.push(r);
  }

  async write(em: EntityManager): Promise<void> {
    const rows = this.rows;
    if (!rows.length) return;
    this.rows = [];
    const ids = await insertRowsReturningIds(em, Attribute, rows, this.props!);
    // As insertAttributes without readIds: where the insert cannot give the ids, they stay unread.
    if (ids) rows.forEach((r, i) => (r.id = ids[i]));
  }
}
