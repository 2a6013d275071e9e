/**
 * MISP-style push/pull rules of a Peer: which events a link carries, by tag and by creator organisation.
 * Pure functions over plain data: parse (and validate) the stored/submitted JSON once, then test events.
 *
 *   { "tags": { "OR": ["tlp:green"], "NOT": ["do-not-sync"] },
 *     "orgs": { "OR": ["<org uuid>", "CIRCL"], "NOT": [] } }
 *
 * Every part is optional; an absent part imposes nothing. They stack: an event passes when both the tag
 * rule and the org rule let it through. Other keys (MISP's url_params, type_attributes, …) are refused
 * rather than silently ignored, so a rule never looks active while doing nothing.
 */

export interface OrNotList {
  /** If non-empty, at least one must match. */
  readonly OR: readonly string[];
  /** None may match (NOT wins over OR). */
  readonly NOT: readonly string[];
}

export interface SyncRules {
  /** Tag names, compared case-insensitively (tag names are unique case-insensitively, DESIGN §3). */
  readonly tags: OrNotList;
  /** Creator organisations, by uuid or by name, compared case-insensitively. */
  readonly orgs: OrNotList;
}

export const EMPTY_SYNC_RULES: SyncRules = Object.freeze({
  tags: Object.freeze({ OR: [], NOT: [] }),
  orgs: Object.freeze({ OR: [], NOT: [] }),
});

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function parseList(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`sync rules: ${path} must be an array of strings, got ${show(value)}`);
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw new Error(`sync rules: ${path}[${i}] must be a string, got ${show(item)}`);
    const s = item.trim();
    if (s === '') throw new Error(`sync rules: ${path}[${i}] must not be empty`);
    if (!out.some((o) => o.toLowerCase() === s.toLowerCase())) out.push(s);
  });
  return out;
}

function parseOrNot(value: unknown, path: string): OrNotList {
  if (value === undefined || value === null) return { OR: [], NOT: [] };
  if (!isPlainObject(value))
    throw new Error(`sync rules: ${path} must be an object { OR: string[], NOT: string[] }, got ${show(value)}`);
  for (const k of Object.keys(value))
    if (k !== 'OR' && k !== 'NOT') throw new Error(`sync rules: unknown key ${path}.${k} (expected OR or NOT)`);
  return { OR: parseList(value.OR, `${path}.OR`), NOT: parseList(value.NOT, `${path}.NOT`) };
}

/**
 * Validates push/pull rules: an object, or its JSON text (as stored); null, undefined or '' mean no
 * rules. Strings are trimmed and de-duplicated case-insensitively. Throws an Error naming the offending
 * field and value.
 */
export function parseSyncRules(json: unknown): SyncRules {
  let value = json;
  if (typeof json === 'string') {
    if (json.trim() === '') return EMPTY_SYNC_RULES;
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new Error(`sync rules: not valid JSON (${(e as Error).message}): ${json.slice(0, 200)}`);
    }
  }
  if (value === undefined || value === null) return EMPTY_SYNC_RULES;
  if (!isPlainObject(value)) throw new Error(`sync rules: must be an object { tags, orgs }, got ${show(value)}`);
  for (const k of Object.keys(value))
    if (k !== 'tags' && k !== 'orgs') throw new Error(`sync rules: unknown key ${k} (expected tags or orgs)`);
  return { tags: parseOrNot(value.tags, 'tags'), orgs: parseOrNot(value.orgs, 'orgs') };
}

/** What the rules look at in an event. */
export interface SyncRulesSubject {
  /**
   * Names of the event's tags, local ones included: a local tag (e.g. "do-not-push") is the natural way
   * to steer one hub's sync without that tag ever leaving the hub.
   */
  readonly tags: readonly string[];
  readonly creatorOrgUuid: string;
  readonly creatorOrgName: string;
}

/** OR: if non-empty, one candidate must match; NOT: no candidate may match. */
function passesList(list: OrNotList, candidates: readonly string[]): boolean {
  const have = new Set(candidates.map((c) => c.toLowerCase()));
  const hit = (xs: readonly string[]) => xs.some((x) => have.has(x.toLowerCase()));
  if (hit(list.NOT)) return false;
  return list.OR.length === 0 || hit(list.OR);
}

/**
 * Does the event pass the peer's push (or pull) rules? Tags are matched by name, orgs by the creator
 * org's uuid or name, both case-insensitively. NOT excludes even when OR matches.
 */
export function passesSyncRules(rules: SyncRules, event: SyncRulesSubject): boolean {
  return (
    passesList(rules.tags, event.tags) && passesList(rules.orgs, [event.creatorOrgUuid, event.creatorOrgName])
  );
}
