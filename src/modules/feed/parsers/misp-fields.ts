/**
 * Field readers of MISP JSON documents (feeds, imports): typed values out of parsed JSON, or a
 * FeedFormatError naming the field and quoting the value. Real MISP writes numbers as strings or numbers
 * and booleans as true, 1, "1" or "true"; all are accepted.
 */
import { isoInstant } from '../../attribute/attribute-values';
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

export function show(value: unknown): string {
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

export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const absent = (v: unknown) => v === undefined || v === null;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

export function uuidField(v: unknown, field: string): string {
  if (!isUuid(v)) throw new FeedFormatError('expected a UUID', { field, value: v });
  return v.toLowerCase();
}

export function optUuid(v: unknown, field: string): string | undefined {
  return absent(v) || v === '' ? undefined : uuidField(v, field);
}

export function stringField(v: unknown, field: string): string {
  if (typeof v === 'string') return textField(v, field);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new FeedFormatError('expected a string', { field, value: v });
}

/** Text without control characters (DESIGN §10; multi-line fields such as comments keep tab/LF/CR). */
export function textField(v: string, field: string): string {
  const found = findControlCharacter(v, field);
  // The value is not quoted back: it would carry the control character into results and logs.
  if (found) throw new FeedFormatError(`contains a control character (${codePoint(found.char)})`, { field });
  return v;
}

export function optString(v: unknown, field: string): string | undefined {
  return absent(v) ? undefined : stringField(v, field);
}

export function intField(v: unknown, field: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new FeedFormatError(`expected a whole number between ${min} and ${max}`, { field, value: v });
  }
  return n;
}

export function optInt(v: unknown, field: string, min: number, max: number): number | undefined {
  return absent(v) || v === '' ? undefined : intField(v, field, min, max);
}

export const MAX_TIMESTAMP = 253402300799; // 9999-12-31T23:59:59Z

/** A Unix timestamp in seconds (number or digit string). */
export function optTimestamp(v: unknown, field: string): number | undefined {
  return optInt(v, field, 0, MAX_TIMESTAMP);
}

/** true / false, 1 / 0, "1" / "0", "true" / "false" (any case). */
export function boolField(v: unknown, field: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === '1' || t === 'true') return true;
    if (t === '0' || t === 'false' || t === '') return false;
  }
  throw new FeedFormatError('expected a boolean (true/false/1/0)', { field, value: v });
}

export function optBool(v: unknown, field: string): boolean | undefined {
  return absent(v) ? undefined : boolField(v, field);
}

export function dateField(v: unknown, field: string): string | undefined {
  if (absent(v) || v === '') return undefined;
  const s = stringField(v, field).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`))) {
    throw new FeedFormatError('expected a date YYYY-MM-DD', { field, value: v });
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** ISO 8601 first_seen/last_seen, read as MISP reads them, as `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function optDatetime(v: unknown, field: string): string | undefined {
  if (absent(v) || v === '') return undefined;
  try {
    return isoInstant(stringField(v, field));
  } catch {
    throw new FeedFormatError('expected an ISO 8601 date/time', { field, value: v });
  }
}

export function listField(v: unknown, field: string): unknown[] {
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

export function parseOrg(v: unknown, field: string): FeedOrg | undefined {
  if (absent(v)) return undefined;
  if (!isObject(v)) throw new FeedFormatError('expected an organisation object {uuid, name}', { field, value: v });
  const name = stringField(v.name, `${field}.name`).trim();
  if (!name) throw new FeedFormatError('expected a non-empty name', { field: `${field}.name`, value: v.name });
  return { uuid: uuidField(v.uuid, `${field}.uuid`), name };
}

export function parseTag(v: unknown, field: string): FeedTag {
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
export function parseTags(v: unknown, path: string, problems: FeedProblem[], index: number): FeedTag[] {
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
// Pieces of events

/** Rethrows anything that is not a validation failure; turns a validation failure into its message. */
export function problemMessage(e: unknown): string {
  if (e instanceof FeedFormatError) return e.message;
  if (e instanceof Error && (e as { extensions?: { code?: unknown } }).extensions?.code === 'BAD_USER_INPUT') {
    return e.message;
  }
  throw e;
}

/** The fields MISP attributes and objects share: distribution (0–5), sharing group, timestamp, first/last seen. */
export interface ElementFields {
  distribution?: number;
  sharingGroupUuid?: string;
  timestamp?: number;
  firstSeen?: string;
  lastSeen?: string;
}

export function readElementFields(v: Obj, path: string, into: ElementFields): void {
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

export function sharingGroupUuid(v: Obj, field: string): string | undefined {
  const sg = v.SharingGroup;
  if (isObject(sg) && !absent(sg.uuid)) return uuidField(sg.uuid, `${field}.SharingGroup.uuid`);
  return undefined;
}
