/**
 * The MISP feed format: `manifest.json` (event uuid → event summary), `<uuid>.json` per event (`{ "Event": {...} }`)
 * and the optional `hashes.csv` (`hash,event_uuid` lines). Pure validators that turn parsed JSON into typed values.
 *
 * Structure that makes an event unusable (no uuid, a non-object Attribute list, a threat level of 9 ...) throws a
 * FeedFormatError naming the field and the value. A single bad attribute, object or tag does not fail its event: it
 * is left out and reported in `problems`. Attribute types, categories and values get the same validation as the API
 * (`getAttributeType`, `resolveCategory`, `normaliseAttributeValue`); values come out in their normal form.
 *
 * Real feeds write numbers as strings or numbers ("1715767121" / 1715767121) and booleans as true, 1, "1" or
 * "true"; all are accepted.
 */
import { getAttributeType, resolveCategory } from '../../attribute/attribute-types';
import { isoInstant, normaliseAttributeValue } from '../../attribute/attribute-values';
import { codePoint, findControlCharacter } from '../../../shared/control-characters';

// -------------------------------------------------------------------------------------------------------------
// Errors and problems

export interface FeedFormatErrorDetails {
  /** Where the bad value is, e.g. `Event.threat_level_id` or `manifest["…"].timestamp`. */
  field: string;
  value?: unknown;
  cause?: unknown;
}

/** A feed document whose structure cannot be used. The message names the field and quotes the value. */
export class FeedFormatError extends Error {
  readonly field: string;
  readonly value: unknown;
  constructor(message: string, details: FeedFormatErrorDetails) {
    super(`${details.field}: ${message}${'value' in details ? ` (got ${show(details.value)})` : ''}`, {
      cause: details.cause,
    });
    this.name = 'FeedFormatError';
    this.field = details.field;
    this.value = details.value;
  }
}

/** One attribute, object or tag left out of an event, and why. */
export interface FeedProblem {
  /** Position of the attribute in the event's flattened attribute order (top-level ones first, then each object's). */
  index: number;
  /** Path in the document, e.g. `Attribute[3]`, `Object[1].Attribute[0]`, `Tag[2]`. */
  path: string;
  uuid?: string;
  message: string;
}

function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

// -------------------------------------------------------------------------------------------------------------
// Field readers (throw FeedFormatError)

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

function uuidField(v: unknown, field: string): string {
  if (!isUuid(v)) throw new FeedFormatError('expected a UUID', { field, value: v });
  return v.toLowerCase();
}

function optUuid(v: unknown, field: string): string | undefined {
  return absent(v) || v === '' ? undefined : uuidField(v, field);
}

function stringField(v: unknown, field: string): string {
  if (typeof v === 'string') return textField(v, field);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new FeedFormatError('expected a string', { field, value: v });
}

/** Text without control characters (DESIGN §10; multi-line fields such as comments keep tab/LF/CR). */
function textField(v: string, field: string): string {
  const found = findControlCharacter(v, field);
  // The value is not quoted back: it would carry the control character into results and logs.
  if (found) throw new FeedFormatError(`contains a control character (${codePoint(found.char)})`, { field });
  return v;
}

function optString(v: unknown, field: string): string | undefined {
  return absent(v) ? undefined : stringField(v, field);
}

function intField(v: unknown, field: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new FeedFormatError(`expected a whole number between ${min} and ${max}`, { field, value: v });
  }
  return n;
}

function optInt(v: unknown, field: string, min: number, max: number): number | undefined {
  return absent(v) || v === '' ? undefined : intField(v, field, min, max);
}

const MAX_TIMESTAMP = 253402300799; // 9999-12-31T23:59:59Z

/** A Unix timestamp in seconds (number or digit string). */
function optTimestamp(v: unknown, field: string): number | undefined {
  return optInt(v, field, 0, MAX_TIMESTAMP);
}

/** true / false, 1 / 0, "1" / "0", "true" / "false" (any case). */
function boolField(v: unknown, field: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === '1' || t === 'true') return true;
    if (t === '0' || t === 'false' || t === '') return false;
  }
  throw new FeedFormatError('expected a boolean (true/false/1/0)', { field, value: v });
}

function optBool(v: unknown, field: string): boolean | undefined {
  return absent(v) ? undefined : boolField(v, field);
}

function dateField(v: unknown, field: string): string | undefined {
  if (absent(v) || v === '') return undefined;
  const s = stringField(v, field).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`))) {
    throw new FeedFormatError('expected a date YYYY-MM-DD', { field, value: v });
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** ISO 8601 first_seen/last_seen, read as MISP reads them, as `YYYY-MM-DDTHH:mm:ss.sssZ`. */
function optDatetime(v: unknown, field: string): string | undefined {
  if (absent(v) || v === '') return undefined;
  try {
    return isoInstant(stringField(v, field));
  } catch {
    throw new FeedFormatError('expected an ISO 8601 date/time', { field, value: v });
  }
}

function listField(v: unknown, field: string): unknown[] {
  if (absent(v)) return [];
  if (Array.isArray(v)) return v;
  throw new FeedFormatError('expected a list', { field, value: v });
}

// -------------------------------------------------------------------------------------------------------------
// Shared pieces

export interface FeedOrg {
  uuid: string;
  name: string;
}

export interface FeedTag {
  name: string;
  /** Local tags are not shared further. */
  local: boolean;
  colour?: string;
  relationshipType?: string;
}

function parseOrg(v: unknown, field: string): FeedOrg | undefined {
  if (absent(v)) return undefined;
  if (!isObject(v)) throw new FeedFormatError('expected an organisation object {uuid, name}', { field, value: v });
  const name = stringField(v.name, `${field}.name`).trim();
  if (!name) throw new FeedFormatError('expected a non-empty name', { field: `${field}.name`, value: v.name });
  return { uuid: uuidField(v.uuid, `${field}.uuid`), name };
}

function parseTag(v: unknown, field: string): FeedTag {
  if (typeof v === 'string' && v.trim()) return { name: textField(v, field).trim(), local: false }; // tolerated shorthand
  if (!isObject(v)) throw new FeedFormatError('expected a tag object {name}', { field, value: v });
  const name = typeof v.name === 'string' ? textField(v.name, `${field}.name`).trim() : '';
  if (!name) throw new FeedFormatError('expected a non-empty tag name', { field: `${field}.name`, value: v.name });
  const tag: FeedTag = { name, local: optBool(v.local, `${field}.local`) ?? false };
  const colour = optString(v.colour, `${field}.colour`);
  if (colour) tag.colour = colour;
  const rel = optString(v.relationship_type, `${field}.relationship_type`);
  if (rel) tag.relationshipType = rel;
  return tag;
}

/** Tags of one element; a bad tag is reported (when `problems` is given) and left out. */
function parseTags(v: unknown, path: string, problems: FeedProblem[], index: number): FeedTag[] {
  const tags: FeedTag[] = [];
  listField(v, path).forEach((raw, i) => {
    try {
      tags.push(parseTag(raw, `${path}[${i}]`));
    } catch (e) {
      if (!(e instanceof FeedFormatError)) throw e;
      problems.push({ index, path: `${path}[${i}]`, message: e.message });
    }
  });
  return tags;
}

// -------------------------------------------------------------------------------------------------------------
// manifest.json

export interface ManifestEntry {
  info: string;
  /** Unix seconds; an event is fetched again when this is newer than the stored copy. */
  timestamp: number;
  orgc?: FeedOrg;
  tags: string[];
  date?: string;
  threatLevelId?: number;
  analysis?: number;
  publishTimestamp?: number;
}

export interface ManifestProblem {
  key: string;
  message: string;
}

function parseManifestEntry(key: string, v: unknown): ManifestEntry {
  const base = `manifest[${JSON.stringify(key)}]`;
  if (!isUuid(key)) throw new FeedFormatError('manifest keys must be event UUIDs', { field: 'manifest', value: key });
  if (!isObject(v)) throw new FeedFormatError('expected an event summary object', { field: base, value: v });
  const timestamp = optTimestamp(v.timestamp, `${base}.timestamp`);
  if (timestamp === undefined) {
    throw new FeedFormatError('expected a timestamp (Unix seconds)', { field: `${base}.timestamp`, value: v.timestamp });
  }
  const entry: ManifestEntry = {
    info: optString(v.info, `${base}.info`) ?? '',
    timestamp,
    tags: listField(v.Tag, `${base}.Tag`).map((t, i) => parseTag(t, `${base}.Tag[${i}]`).name),
  };
  const orgc = parseOrg(v.Orgc, `${base}.Orgc`);
  if (orgc) entry.orgc = orgc;
  const date = dateField(v.date, `${base}.date`);
  if (date) entry.date = date;
  const threatLevelId = optInt(v.threat_level_id, `${base}.threat_level_id`, 1, 4);
  if (threatLevelId !== undefined) entry.threatLevelId = threatLevelId;
  const analysis = optInt(v.analysis, `${base}.analysis`, 0, 2);
  if (analysis !== undefined) entry.analysis = analysis;
  const publishTimestamp = optTimestamp(v.publish_timestamp, `${base}.publish_timestamp`);
  if (publishTimestamp !== undefined) entry.publishTimestamp = publishTimestamp;
  return entry;
}

/**
 * Validates a parsed `manifest.json`: event uuid (lower-cased) → summary. A root that is not an object throws.
 * A bad entry throws too, unless `problems` is given: then it is recorded there and left out of the map.
 */
export function parseManifest(json: unknown, problems?: ManifestProblem[]): Map<string, ManifestEntry> {
  if (!isObject(json)) {
    throw new FeedFormatError('expected an object keyed by event UUID', { field: 'manifest', value: json });
  }
  const out = new Map<string, ManifestEntry>();
  for (const [key, value] of Object.entries(json)) {
    try {
      out.set(key.toLowerCase(), parseManifestEntry(key, value));
    } catch (e) {
      if (!problems || !(e instanceof FeedFormatError)) throw e;
      problems.push({ key, message: e.message });
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------------------------------
// <uuid>.json

export interface ParsedMispAttribute {
  /** Absent when the feed gave none (the importer assigns one). */
  uuid?: string;
  type: string;
  category: string;
  /** Normal form (normaliseAttributeValue). */
  value: string;
  toIds: boolean;
  comment: string;
  distribution?: number;
  sharingGroupUuid?: string;
  timestamp?: number;
  deleted: boolean;
  firstSeen?: string;
  lastSeen?: string;
  disableCorrelation: boolean;
  objectRelation?: string;
  tags: FeedTag[];
  /** Base64 payload of attachment / malware-sample attributes. */
  data?: string;
}

export interface ParsedObjectReference {
  uuid?: string;
  referencedUuid: string;
  relationshipType: string;
  comment: string;
  timestamp?: number;
}

export interface ParsedMispObject {
  uuid?: string;
  name: string;
  metaCategory?: string;
  description?: string;
  templateUuid?: string;
  templateVersion?: string;
  comment: string;
  distribution?: number;
  sharingGroupUuid?: string;
  timestamp?: number;
  deleted: boolean;
  firstSeen?: string;
  lastSeen?: string;
  attributes: ParsedMispAttribute[];
  references: ParsedObjectReference[];
}

export interface ParsedMispEvent {
  uuid: string;
  info: string;
  date?: string;
  threatLevelId?: number;
  analysis?: number;
  timestamp?: number;
  publishTimestamp?: number;
  published: boolean;
  distribution?: number;
  sharingGroupUuid?: string;
  extendsUuid?: string;
  orgc?: FeedOrg;
  tags: FeedTag[];
  /** Top-level attributes that passed validation. */
  attributes: ParsedMispAttribute[];
  /** Objects that passed validation, each with its valid attributes. */
  objects: ParsedMispObject[];
  /** Attributes, objects, references and tags left out, and why. */
  problems: FeedProblem[];
  /** How many attributes the document held (top-level and in objects), valid or not. */
  attributeCountInFile: number;
}

/** Every valid attribute of the event, top-level ones first, then each object's. */
export function* allAttributes(
  event: ParsedMispEvent,
): Generator<ParsedMispAttribute & { object?: ParsedMispObject }> {
  yield* event.attributes;
  for (const object of event.objects) for (const a of object.attributes) yield { ...a, object };
}

/** Rethrows anything that is not a validation failure; turns a validation failure into its message. */
function problemMessage(e: unknown): string {
  if (e instanceof FeedFormatError) return e.message;
  if (e instanceof Error && (e as { extensions?: { code?: unknown } }).extensions?.code === 'BAD_USER_INPUT') {
    return e.message;
  }
  throw e;
}

/** The fields MISP attributes and objects share: distribution (0–5), sharing group, timestamp, first/last seen. */
interface ElementFields {
  distribution?: number;
  sharingGroupUuid?: string;
  timestamp?: number;
  firstSeen?: string;
  lastSeen?: string;
}

function readElementFields(v: Obj, path: string, into: ElementFields): void {
  const distribution = optInt(v.distribution, `${path}.distribution`, 0, 5);
  if (distribution !== undefined) into.distribution = distribution;
  const sg = sharingGroupUuid(v, path);
  if (sg) into.sharingGroupUuid = sg;
  const timestamp = optTimestamp(v.timestamp, `${path}.timestamp`);
  if (timestamp !== undefined) into.timestamp = timestamp;
  const firstSeen = optDatetime(v.first_seen, `${path}.first_seen`);
  if (firstSeen) into.firstSeen = firstSeen;
  const lastSeen = optDatetime(v.last_seen, `${path}.last_seen`);
  if (lastSeen) into.lastSeen = lastSeen;
}

function sharingGroupUuid(v: Obj, field: string): string | undefined {
  const sg = v.SharingGroup;
  if (isObject(sg) && !absent(sg.uuid)) return uuidField(sg.uuid, `${field}.SharingGroup.uuid`);
  return undefined;
}

function parseAttribute(
  v: unknown,
  path: string,
  index: number,
  problems: FeedProblem[],
): ParsedMispAttribute {
  if (!isObject(v)) throw new FeedFormatError('expected an attribute object', { field: path, value: v });
  const type = stringField(v.type, `${path}.type`).trim();
  getAttributeType(type);
  const category = resolveCategory(type, optString(v.category, `${path}.category`));
  if (absent(v.value)) throw new FeedFormatError('the value is missing', { field: `${path}.value`, value: v.value });
  const value = normaliseAttributeValue(type, stringField(v.value, `${path}.value`));
  const a: ParsedMispAttribute = {
    type,
    category,
    value,
    toIds: optBool(v.to_ids, `${path}.to_ids`) ?? getAttributeType(type).toIdsDefault,
    comment: optString(v.comment, `${path}.comment`) ?? '',
    deleted: optBool(v.deleted, `${path}.deleted`) ?? false,
    disableCorrelation: optBool(v.disable_correlation, `${path}.disable_correlation`) ?? false,
    tags: parseTags(v.Tag, `${path}.Tag`, problems, index),
  };
  const uuid = optUuid(v.uuid, `${path}.uuid`);
  if (uuid) a.uuid = uuid;
  readElementFields(v, path, a);
  const relation = optString(v.object_relation, `${path}.object_relation`);
  if (relation) a.objectRelation = relation;
  const data = optString(v.data, `${path}.data`);
  if (data) a.data = data;
  return a;
}

/** Parses an attribute list; bad attributes go to `problems`. `counter` carries the flattened index. */
function parseAttributes(
  list: unknown,
  path: string,
  problems: FeedProblem[],
  counter: { n: number },
): ParsedMispAttribute[] {
  const out: ParsedMispAttribute[] = [];
  listField(list, path).forEach((raw, i) => {
    const index = counter.n++;
    const at = `${path}[${i}]`;
    try {
      out.push(parseAttribute(raw, at, index, problems));
    } catch (e) {
      const uuid = isObject(raw) && isUuid(raw.uuid) ? raw.uuid.toLowerCase() : undefined;
      problems.push({ index, path: at, ...(uuid ? { uuid } : {}), message: problemMessage(e) });
    }
  });
  return out;
}

function parseReference(v: unknown, path: string): ParsedObjectReference {
  if (!isObject(v)) throw new FeedFormatError('expected an object reference', { field: path, value: v });
  const ref: ParsedObjectReference = {
    referencedUuid: uuidField(v.referenced_uuid, `${path}.referenced_uuid`),
    relationshipType: stringField(v.relationship_type, `${path}.relationship_type`),
    comment: optString(v.comment, `${path}.comment`) ?? '',
  };
  const uuid = optUuid(v.uuid, `${path}.uuid`);
  if (uuid) ref.uuid = uuid;
  const timestamp = optTimestamp(v.timestamp, `${path}.timestamp`);
  if (timestamp !== undefined) ref.timestamp = timestamp;
  return ref;
}

function parseObject(
  v: unknown,
  path: string,
  problems: FeedProblem[],
  counter: { n: number },
): ParsedMispObject {
  if (!isObject(v)) throw new FeedFormatError('expected an object', { field: path, value: v });
  const name = stringField(v.name, `${path}.name`).trim();
  if (!name) throw new FeedFormatError('expected a non-empty object name', { field: `${path}.name`, value: v.name });
  const object: ParsedMispObject = {
    name,
    comment: optString(v.comment, `${path}.comment`) ?? '',
    deleted: optBool(v.deleted, `${path}.deleted`) ?? false,
    attributes: [],
    references: [],
  };
  const uuid = optUuid(v.uuid, `${path}.uuid`);
  if (uuid) object.uuid = uuid;
  const metaCategory = optString(v['meta-category'] ?? v.meta_category, `${path}.meta-category`);
  if (metaCategory) object.metaCategory = metaCategory;
  const description = optString(v.description, `${path}.description`);
  if (description) object.description = description;
  const templateUuid = optUuid(v.template_uuid, `${path}.template_uuid`);
  if (templateUuid) object.templateUuid = templateUuid;
  const templateVersion = optString(v.template_version, `${path}.template_version`);
  if (templateVersion) object.templateVersion = templateVersion;
  readElementFields(v, path, object);
  // Validated before the attributes so that a structurally bad object does not consume attribute indexes twice.
  const attributeList = listField(v.Attribute, `${path}.Attribute`);
  listField(v.ObjectReference, `${path}.ObjectReference`).forEach((raw, i) => {
    const at = `${path}.ObjectReference[${i}]`;
    try {
      object.references.push(parseReference(raw, at));
    } catch (e) {
      problems.push({ index: -1, path: at, message: problemMessage(e) });
    }
  });
  object.attributes = parseAttributes(attributeList, `${path}.Attribute`, problems, counter);
  return object;
}

/**
 * Validates one event document (`{ "Event": {...} }` or the bare event). Throws FeedFormatError when the event
 * itself is unusable; bad attributes, objects, references and tags are left out and listed in `problems`.
 */
export function parseMispEvent(json: unknown): ParsedMispEvent {
  const wrapped = isObject(json) && isObject(json.Event);
  const ev = wrapped ? (json as Obj).Event : json;
  const p = 'Event';
  if (!isObject(ev)) throw new FeedFormatError('expected an event object', { field: p, value: ev });
  const uuid = uuidField(ev.uuid, `${p}.uuid`);
  const info = stringField(ev.info, `${p}.info`);
  const problems: FeedProblem[] = [];
  const event: ParsedMispEvent = {
    uuid,
    info,
    published: optBool(ev.published, `${p}.published`) ?? false,
    tags: parseTags(ev.Tag, `${p}.Tag`, problems, -1),
    attributes: [],
    objects: [],
    problems,
    attributeCountInFile: 0,
  };
  const date = dateField(ev.date, `${p}.date`);
  if (date) event.date = date;
  const threatLevelId = optInt(ev.threat_level_id, `${p}.threat_level_id`, 1, 4);
  if (threatLevelId !== undefined) event.threatLevelId = threatLevelId;
  const analysis = optInt(ev.analysis, `${p}.analysis`, 0, 2);
  if (analysis !== undefined) event.analysis = analysis;
  const timestamp = optTimestamp(ev.timestamp, `${p}.timestamp`);
  if (timestamp !== undefined) event.timestamp = timestamp;
  const publishTimestamp = optTimestamp(ev.publish_timestamp, `${p}.publish_timestamp`);
  if (publishTimestamp !== undefined) event.publishTimestamp = publishTimestamp;
  const distribution = optInt(ev.distribution, `${p}.distribution`, 0, 4);
  if (distribution !== undefined) event.distribution = distribution;
  const sg = sharingGroupUuid(ev, p);
  if (sg) event.sharingGroupUuid = sg;
  const extendsUuid = optUuid(ev.extends_uuid, `${p}.extends_uuid`);
  if (extendsUuid) event.extendsUuid = extendsUuid;
  const orgc = parseOrg(ev.Orgc, `${p}.Orgc`);
  if (orgc) event.orgc = orgc;

  const attributeList = listField(ev.Attribute, `${p}.Attribute`);
  const objectList = listField(ev.Object, `${p}.Object`);
  event.attributeCountInFile =
    attributeList.length +
    objectList.reduce<number>((n, o) => n + (isObject(o) && Array.isArray(o.Attribute) ? o.Attribute.length : 0), 0);

  const counter = { n: 0 };
  event.attributes = parseAttributes(attributeList, 'Attribute', problems, counter);
  objectList.forEach((raw, i) => {
    const at = `Object[${i}]`;
    const start = counter.n;
    try {
      event.objects.push(parseObject(raw, at, problems, counter));
    } catch (e) {
      const message = problemMessage(e);
      const uuid = isObject(raw) && isUuid(raw.uuid) ? raw.uuid.toLowerCase() : undefined;
      // The object's attributes are left out with it; keep the flattened index in step with the file.
      counter.n = start + (isObject(raw) && Array.isArray(raw.Attribute) ? raw.Attribute.length : 0);
      problems.push({ index: start, path: at, ...(uuid ? { uuid } : {}), message });
    }
  });
  return event;
}

// -------------------------------------------------------------------------------------------------------------
// hashes.csv

export interface HashesCsvEntry {
  /** Lower-case hex (md5 in feeds made by MISP/PyMISP; sha1/sha256/sha512 accepted). */
  hash: string;
  eventUuid: string;
}

export interface HashesCsvResult {
  entries: HashesCsvEntry[];
  problems: Array<{ line: number; message: string }>;
}

const HASH_LENGTHS = new Set([32, 40, 64, 128]);

/** One hashes.csv line; null for a blank line; throws FeedFormatError for a malformed one. */
export function parseHashesCsvLine(text: string, line: number): HashesCsvEntry | null {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t || t.startsWith('#')) return null;
  const cells = t.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const field = `hashes.csv line ${line}`;
  if (cells.length !== 2) throw new FeedFormatError('expected "hash,event_uuid"', { field, value: text });
  const hash = cells[0].toLowerCase();
  if (!/^[0-9a-f]+$/.test(hash) || !HASH_LENGTHS.has(hash.length)) {
    throw new FeedFormatError('expected a hexadecimal md5/sha1/sha256/sha512 hash', { field, value: cells[0] });
  }
  return { hash, eventUuid: uuidField(cells[1], field) };
}

/** Parses a whole hashes.csv; bad lines are reported in `problems`, not thrown. */
export function parseHashesCsv(text: string): HashesCsvResult {
  const result: HashesCsvResult = { entries: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    try {
      const entry = parseHashesCsvLine(raw, i + 1);
      if (entry) result.entries.push(entry);
    } catch (e) {
      result.problems.push({ line: i + 1, message: problemMessage(e) });
    }
  });
  return result;
}
