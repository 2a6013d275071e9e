/**
 * MISP's restSearch filter language (app/Controller/Component/RestSearchComponent.php, as PyMISP's
 * search() sends it) mapped onto the hub's own search filters: AttributeFilter for attributes/restSearch,
 * EventFilter for events/restSearch. Pure decoding: what names a local id (event, organisation) is
 * resolved by the caller-supplied `refs`. Every refusal names the parameter and the value.
 */
import { AttributeFilter } from '../../modules/attribute/attribute.inputs';
import { EventFilter } from '../../modules/event/event.inputs';
import { TagFilter, TimeRange } from '../../modules/search/search.inputs';
import { parseTimeBound } from '../../modules/search/search-terms';
import { EXPORT_FORMATS } from '../../modules/export/export.formats';
import { badInput } from '../../shared/errors';

/** returnFormat → export format of the hub (json is MISP's own shape, written by the REST layer). */
export const RETURN_FORMATS: Readonly<Record<string, (typeof EXPORT_FORMATS)[number] | 'json'>> = {
  json: 'json',
  csv: 'csv',
  text: 'text',
  suricata: 'suricata',
  snort: 'snort',
  stix2: 'stix2',
};

/** Flags PyMISP always sends (0 unless set): accepted; those this hub cannot honour are refused when set. */
const IGNORED_WHEN_OFF = ['enforceWarninglist', 'sgReferenceOnly', 'headerless', 'includeSightings', 'includeDecayScore', 'includeCorrelations', 'excludeDecayed'];
/** Flags the hub honours. */
const FLAGS = ['withAttachments', 'metadata', 'includeEventUuid', 'includeEventTags', 'includeContext'];

const COMMON = ['returnFormat', 'page', 'limit', 'value', 'type', 'org', 'tags', 'eventid', 'uuid', 'published', 'last', 'timestamp', 'publish_timestamp', 'from', 'to', 'quickFilter', 'searchall'];
const ATTRIBUTE_ONLY = ['category', 'to_ids', 'deleted', 'event_timestamp', 'object_relation'];
const EVENT_ONLY = ['eventinfo', 'attribute_timestamp'];

export interface MispSearchRefs {
  /** Event `{id|uuid}` → uuid. */
  eventUuid(ref: string): Promise<string>;
  /** Organisation id, uuid or name → uuid. */
  orgUuid(ref: string): Promise<string>;
}

export interface MispSearchOptions {
  returnFormat: string;
  /** Page size and 1-based page; null without `limit`. */
  limit: number | null;
  page: number;
  metadata: boolean;
  includeEventTags: boolean;
  includeContext: boolean;
  includeEventUuid: boolean;
  withAttachments: boolean;
}

export interface MispAttributeSearch extends MispSearchOptions {
  filter: AttributeFilter;
  /** MISP's `uuid` on attributes: the attribute's or its event's uuid. */
  uuids: string[] | null;
}

export interface MispEventSearch extends MispSearchOptions {
  filter: EventFilter;
}

type Params = Record<string, unknown>;

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 200) ?? String(v);

function checkKnown(params: Params, controller: 'events' | 'attributes') {
  const known = new Set([...COMMON, ...FLAGS, ...IGNORED_WHEN_OFF, ...(controller === 'attributes' ? ATTRIBUTE_ONLY : EVENT_ONLY)]);
  for (const k of Object.keys(params)) {
    if (!known.has(k)) {
      const elsewhere = controller === 'events' && ATTRIBUTE_ONLY.includes(k) ? ' (it filters attributes: use attributes/restSearch)' : '';
      throw badInput(`Unknown ${controller}/restSearch filter "${k}"${elsewhere}: this hub accepts ${[...known].sort().join(', ')}`, { parameter: k });
    }
  }
  for (const k of IGNORED_WHEN_OFF) {
    if (params[k] !== undefined && flag(params, k)) throw badInput(`${k} is not supported by this hub: send it as 0 or leave it out`, { parameter: k });
  }
}

/** MISP booleans: true/false, 0/1, "0"/"1" (absent: undefined). */
export function bool(params: Params, name: string): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  throw badInput(`Invalid ${name} ${show(v)}: expected 0, 1, true or false`, { parameter: name });
}

const flag = (params: Params, name: string) => bool(params, name) ?? false;

/** A string or a list of strings (numbers allowed); `!` negations refused where the hub has none. */
function strings(params: Params, name: string, opts: { negation?: boolean } = {}): string[] | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.map((x, i) => {
    if (typeof x !== 'string' && typeof x !== 'number') throw badInput(`Invalid ${name}${Array.isArray(v) ? `[${i}]` : ''} ${show(x)}: expected a string`, { parameter: name });
    const s = String(x).trim();
    if (!s) throw badInput(`Invalid ${name}: an empty value`, { parameter: name });
    if (!opts.negation && s.startsWith('!')) throw badInput(`Invalid ${name} "${s}": negation (!) is supported on tags only`, { parameter: name });
    return s;
  });
}

function single(params: Params, name: string): string | undefined {
  const list = strings(params, name);
  if (list && list.length > 1) throw badInput(`Invalid ${name} ${show(params[name])}: this hub takes one value here`, { parameter: name });
  return list?.[0];
}

function wholeNumber(params: Params, name: string, min: number, max: number): number | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(`Invalid ${name} ${show(v)}: expected a whole number from ${min} to ${max}`, { parameter: name });
  return n;
}

/**
 * A MISP time filter: one bound (`7d`, `12h`, epoch seconds, a date) meaning "from then on", or a
 * [from, to] pair. Checked here so the error names MISP's parameter.
 */
function timeRange(params: Params, name: string, now: Date): TimeRange | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  const bound = (x: unknown, which: string): string => {
    if (typeof x !== 'string' && typeof x !== 'number') throw badInput(`Invalid ${name}${which} ${show(x)}: expected a time such as 1d, 12h or Unix seconds`, { parameter: name });
    parseTimeBound(String(x), now, name + which);
    return String(x);
  };
  if (Array.isArray(v)) {
    if (v.length !== 2) throw badInput(`Invalid ${name} ${show(v)}: expected one time or a [from, to] pair`, { parameter: name });
    return { from: bound(v[0], '[0]'), to: bound(v[1], '[1]') };
  }
  return { from: bound(v, '') };
}

/** MISP's `from`/`to`: event dates (YYYY-MM-DD; a relative time or epoch is turned into its date). */
function dateBound(params: Params, name: string, now: Date): string | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw badInput(`Invalid ${name} ${show(v)}: expected a date YYYY-MM-DD`, { parameter: name });
  return parseTimeBound(String(v), now, name).toISOString().slice(0, 10);
}

/** MISP's tag language: a name, a list (with `!name` exclusions) or { AND, OR, NOT } (build_complex_query). */
function tagTerms(params: Params): { tags?: string[]; tagFilter?: TagFilter } {
  const v = params.tags;
  if (v === undefined || v === null || v === '') return {};
  if (typeof v === 'object' && !Array.isArray(v)) {
    const q = v as Record<string, unknown>;
    const unknown = Object.keys(q).filter((k) => !['AND', 'OR', 'NOT'].includes(k));
    if (unknown.length) throw badInput(`Invalid tags: unknown operator "${unknown[0]}" (expected AND, OR, NOT)`, { parameter: 'tags' });
    const part = (k: string) => (q[k] === undefined ? undefined : strings({ [k]: q[k] }, k, { negation: false }));
    const f: TagFilter = { all: part('AND'), any: part('OR'), none: part('NOT') };
    for (const k of ['all', 'any', 'none'] as const) if (f[k] && f[k]!.length > 100) throw badInput(`Too many tags in ${k}: at most 100`, { parameter: 'tags' });
    return { tagFilter: f };
  }
  const list = strings(params, 'tags', { negation: true })!;
  if (list.length > 100) throw badInput(`Too many tags (${list.length}): at most 100`, { parameter: 'tags' });
  return { tags: list };
}

function options(params: Params): MispSearchOptions {
  const returnFormat = params.returnFormat === undefined ? 'json' : String(params.returnFormat);
  if (!(returnFormat in RETURN_FORMATS)) {
    throw badInput(`Unknown returnFormat "${returnFormat.slice(0, 50)}": this hub answers ${Object.keys(RETURN_FORMATS).join(', ')}`, { parameter: 'returnFormat' });
  }
  return {
    returnFormat,
    limit: wholeNumber(params, 'limit', 1, 100_000) ?? null,
    page: wholeNumber(params, 'page', 1, 1_000_000) ?? 1,
    metadata: flag(params, 'metadata'),
    includeEventTags: flag(params, 'includeEventTags'),
    includeContext: flag(params, 'includeContext'),
    includeEventUuid: flag(params, 'includeEventUuid'),
    withAttachments: flag(params, 'withAttachments'),
  };
}

/** The value terms: one value (exact or `%` pattern) or a list of exact values. */
function valueTerms(params: Params): { value?: string; values?: string[] } {
  const values = strings(params, 'value');
  if (!values) return {};
  return values.length === 1 ? { value: values[0] } : { values };
}

async function orgTerms(params: Params, refs: MispSearchRefs): Promise<string[] | undefined> {
  const orgs = strings(params, 'org');
  return orgs && Promise.all(orgs.map((o) => refs.orgUuid(o)));
}

function quick(params: Params): string | undefined {
  const q = params.quickFilter ?? params.searchall;
  if (q === undefined || q === null || q === '') return undefined;
  if (typeof q !== 'string') throw badInput(`Invalid quickFilter ${show(q)}: expected a string`, { parameter: 'quickFilter' });
  return q;
}

/** MISP's `published`: a boolean, or [0, 1] meaning either. */
function published(params: Params): boolean | undefined {
  if (Array.isArray(params.published)) return undefined;
  return bool(params, 'published');
}

export async function decodeAttributeSearch(raw: unknown, refs: MispSearchRefs, now: Date): Promise<MispAttributeSearch> {
  const params = searchParams(raw);
  checkKnown(params, 'attributes');
  const eventRef = single(params, 'eventid');
  const deleted = Array.isArray(params.deleted) ? undefined : bool(params, 'deleted');
  const filter: AttributeFilter = {
    ...valueTerms(params),
    type: strings(params, 'type'),
    category: strings(params, 'category'),
    objectRelation: strings(params, 'object_relation'),
    creatorOrgId: await orgTerms(params, refs),
    ...tagTerms(params),
    eventId: eventRef ? await refs.eventUuid(eventRef) : undefined,
    published: published(params),
    toIds: bool(params, 'to_ids'),
    deleted,
    timestamp: timeRange(params, 'timestamp', now),
    eventTimestamp: timeRange(params, 'event_timestamp', now),
    publishTimestamp: timeRange(params, 'publish_timestamp', now) ?? timeRange(params, 'last', now),
    dateFrom: dateBound(params, 'from', now),
    dateTo: dateBound(params, 'to', now),
    quickFilter: quick(params),
  };
  const uuids = strings(params, 'uuid')?.map((u) => u.toLowerCase()) ?? null;
  return { ...options(params), filter: prune(filter), uuids };
}

export async function decodeEventSearch(raw: unknown, refs: MispSearchRefs, now: Date): Promise<MispEventSearch> {
  const params = searchParams(raw);
  checkKnown(params, 'events');
  const eventRefs = [...(strings(params, 'eventid') ?? []), ...(strings(params, 'uuid') ?? [])];
  const type = strings(params, 'type');
  const filter: EventFilter = {
    ...valueTerms(params),
    attributeType: type,
    creatorOrgId: await orgTerms(params, refs),
    ...tagTerms(params),
    ids: eventRefs.length ? await Promise.all(eventRefs.map((r) => refs.eventUuid(r))) : undefined,
    published: published(params),
    timestamp: timeRange(params, 'timestamp', now),
    attributeTimestamp: timeRange(params, 'attribute_timestamp', now),
    publishTimestamp: timeRange(params, 'publish_timestamp', now) ?? timeRange(params, 'last', now),
    dateFrom: dateBound(params, 'from', now),
    dateTo: dateBound(params, 'to', now),
    quickFilter: quick(params),
    info: single(params, 'eventinfo'),
  };
  return { ...options(params), filter: prune(filter) };
}

/**
 * The parameters of a restSearch: the JSON body (unwrapped from `{"request": {...}}` as MISP does) and
 * the CakePHP named parameters of the path (`/limit:10/page:2`), which win.
 */
export function restSearchParams(body: unknown, named: Record<string, string>): Params {
  return { ...searchParams(body), ...named };
}

function searchParams(raw: unknown): Params {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badInput('The restSearch body must be a JSON object of filters');
  const p = raw as Params;
  return p.request && typeof p.request === 'object' && !Array.isArray(p.request) ? (p.request as Params) : p;
}

const prune = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
