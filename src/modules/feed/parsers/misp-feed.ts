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
import { normaliseAttributeValue } from '../../attribute/attribute-values';
import {
  absent, dateField, FeedFormatError, FeedOrg, FeedProblem, FeedTag, isObject, isUuid, listField, Obj, optBool, optInt,
  optString, optTimestamp, optUuid, parseOrg, parseTag, parseTags, problemMessage, readElementFields, sharingGroupUuid, stringField, uuidField,
} from './misp-fields';
import {
  ParsedCluster, parseGalaxies, ParsedProposal, ParsedReport, ParsedSighting, parseProposals, parseReports, parseSightings, withClusterTags,
} from './misp-event-parts';

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
  /** MISP's local id in the exporting instance (resolves a proposal's `old_id`). */
  mispId?: string;
  /** Galaxy clusters of the attribute (their tags are among `tags`). */
  clusters: ParsedCluster[];
  sightings: ParsedSighting[];
  /** Proposals about this attribute. */
  proposals: ParsedProposal[];
}

export interface ParsedObjectReference {
  uuid?: string;
  referencedUuid: string;
  relationshipType: string;
  comment: string;
  timestamp?: number;
  deleted: boolean;
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
  /** Galaxy clusters of the event (their tags are among `tags`). */
  clusters: ParsedCluster[];
  reports: ParsedReport[];
  /** Proposals listed on the event (those inside attributes are on the attributes). */
  proposals: ParsedProposal[];
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
    clusters: [],
    sightings: [],
    proposals: [],
  };
  const uuid = optUuid(v.uuid, `${path}.uuid`);
  if (uuid) a.uuid = uuid;
  if (!absent(v.id) && (typeof v.id === 'string' || typeof v.id === 'number')) a.mispId = String(v.id);
  a.clusters = parseGalaxies(v.Galaxy, `${path}.Galaxy`, problems);
  withClusterTags(a.tags, a.clusters);
  a.sightings = parseSightings(v.Sighting, `${path}.Sighting`, uuid, problems);
  a.proposals = parseProposals(v.ShadowAttribute, `${path}.ShadowAttribute`, uuid, problems);
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
    deleted: optBool(v.deleted, `${path}.deleted`) ?? false,
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
    clusters: parseGalaxies(ev.Galaxy, `${p}.Galaxy`, problems),
    reports: parseReports(ev.EventReport, `${p}.EventReport`, problems),
    proposals: parseProposals(ev.ShadowAttribute, `${p}.ShadowAttribute`, undefined, problems),
    problems,
    attributeCountInFile: 0,
  };
  withClusterTags(event.tags, event.clusters);
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
