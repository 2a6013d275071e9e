/**
 * The parts of a MISP event besides attributes and objects: galaxy clusters (`Galaxy[].GalaxyCluster[]`,
 * on the event and on attributes), sightings (`Sighting[]` inside attributes), event reports
 * (`EventReport[]`) and proposals (`ShadowAttribute[]`, on the event and inside attributes). Each part is
 * validated alone: a bad one is left out and reported in `problems` (naming its path), the rest is kept.
 */
import { createHash } from 'node:crypto';
import { getAttributeType, resolveCategory } from '../../attribute/attribute-types';
import { normaliseAttributeValue } from '../../attribute/attribute-values';
import {
  absent, ElementFields, FeedFormatError, FeedOrg, FeedProblem, FeedTag, intField, isObject, isUuid, listField, Obj, optBool, optString,
  optTimestamp, optUuid, parseOrg, problemMessage, readElementFields, stringField,
} from './misp-fields';

/** A stable uuid made of `parts` (a part MISP exported without a uuid gets the same one on every import). */
export function derivedUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Runs `parse` on every element of a list; a failure is reported under the element's path and left out. */
export function eachPart<T>(list: unknown, path: string, problems: FeedProblem[], parse: (v: unknown, at: string) => T): T[] {
  const out: T[] = [];
  let items: unknown[];
  try {
    items = listField(list, path);
  } catch (e) {
    problems.push({ index: -1, path, message: problemMessage(e) });
    return out;
  }
  items.forEach((raw, i) => {
    const at = `${path}[${i}]`;
    try {
      out.push(parse(raw, at));
    } catch (e) {
      const uuid = isObject(raw) && isUuid(raw.uuid) ? raw.uuid.toLowerCase() : undefined;
      problems.push({ index: -1, path: at, ...(uuid ? { uuid } : {}), message: problemMessage(e) });
    }
  });
  return out;
}

// ---- galaxy clusters ---------------------------------------------------------------------------------------

export interface ParsedCluster {
  /** The cluster uuid; empty when the export gives none or one shared by several clusters (identified by tag name then). */
  uuid: string;
  tagName: string;
  version?: string;
  /** The galaxy without its cluster list, JSON. */
  galaxy: string;
  /** The cluster as exported (without galaxy-local ids' meaning changed), JSON. */
  data: string;
}

function parseCluster(v: unknown, path: string, galaxy: string): ParsedCluster {
  if (!isObject(v)) throw new FeedFormatError('expected a galaxy cluster object', { field: path, value: v });
  const tagName = stringField(v.tag_name, `${path}.tag_name`).trim();
  if (!tagName) throw new FeedFormatError('expected a non-empty tag_name', { field: `${path}.tag_name`, value: v.tag_name });
  stringField(v.value, `${path}.value`);
  // No uuid (older MISP exports ""): empty, the cluster is then identified by its tag name (galaxy.service clusterUuidOf).
  const uuid = optUuid(v.uuid === '' ? undefined : v.uuid, `${path}.uuid`) ?? '';
  const version = absent(v.version) || v.version === '' ? undefined : String(intField(v.version, `${path}.version`, 0, Number.MAX_SAFE_INTEGER));
  return { uuid, tagName, ...(version !== undefined ? { version } : {}), galaxy, data: JSON.stringify(v) };
}

/** `Galaxy[]` of an event or attribute: every cluster, with the galaxy it came in. */
export function parseGalaxies(list: unknown, path: string, problems: FeedProblem[]): ParsedCluster[] {
  const clusters = eachPart(list, path, problems, (g, at) => {
    if (!isObject(g)) throw new FeedFormatError('expected a galaxy object', { field: at, value: g });
    const { GalaxyCluster: members, ...rest } = g;
    const galaxy = JSON.stringify(rest);
    return eachPart(members, `${at}.GalaxyCluster`, problems, (c, cat) => parseCluster(c, cat, galaxy));
  }).flat();
  // Older MISP exports give every cluster of a galaxy the same uuid (the collection's): such a uuid names
  // no one cluster, so each of them is identified by its tag name instead.
  const tagsOf = new Map<string, Set<string>>();
  for (const c of clusters) tagsOf.set(c.uuid, (tagsOf.get(c.uuid) ?? new Set()).add(c.tagName));
  for (const c of clusters) if (tagsOf.get(c.uuid)!.size > 1) c.uuid = '';
  return clusters;
}

/** Adds the tag of every cluster to `tags` when missing (MISP carries a cluster by its tag). */
export function withClusterTags(tags: FeedTag[], clusters: readonly ParsedCluster[]): FeedTag[] {
  const have = new Set(tags.map((t) => t.name.toLowerCase()));
  for (const c of clusters) {
    if (have.has(c.tagName.toLowerCase())) continue;
    have.add(c.tagName.toLowerCase());
    tags.push({ name: c.tagName, local: false });
  }
  return tags;
}

// ---- sightings ---------------------------------------------------------------------------------------------

export interface ParsedSighting {
  uuid: string;
  /** The reporting organisation; absent for an anonymised sighting. */
  org?: FeedOrg;
  /** 0 sighting, 1 false positive, 2 expiration. */
  type: 0 | 1 | 2;
  source?: string;
  /** Unix seconds. */
  at: number;
}

export function parseSightings(list: unknown, path: string, attributeUuid: string | undefined, problems: FeedProblem[]): ParsedSighting[] {
  return eachPart(list, path, problems, (v, at) => {
    if (!isObject(v)) throw new FeedFormatError('expected a sighting object', { field: at, value: v });
    const type = (absent(v.type) || v.type === '' ? 0 : intField(v.type, `${at}.type`, 0, 2)) as 0 | 1 | 2;
    const when = optTimestamp(v.date_sighting, `${at}.date_sighting`);
    if (when === undefined) throw new FeedFormatError('expected date_sighting (Unix seconds)', { field: `${at}.date_sighting`, value: v.date_sighting });
    const org = parseOrg(v.Organisation ?? v.Org, `${at}.Organisation`);
    const source = optString(v.source, `${at}.source`);
    const uuid = optUuid(v.uuid, `${at}.uuid`) ?? derivedUuid('misp-sighting', attributeUuid ?? '', org?.uuid ?? '', String(when), String(type), source ?? '');
    return { uuid, type, at: when, ...(org ? { org } : {}), ...(source ? { source } : {}) };
  });
}

// ---- event reports -----------------------------------------------------------------------------------------

export interface ParsedReport extends ElementFields {
  uuid: string;
  name: string;
  content: string;
  deleted: boolean;
}

export function parseReports(list: unknown, path: string, problems: FeedProblem[]): ParsedReport[] {
  return eachPart(list, path, problems, (raw, at) => {
    const v = isObject(raw) && isObject(raw.EventReport) ? (raw.EventReport as Obj) : raw;
    if (!isObject(v)) throw new FeedFormatError('expected an event report object', { field: at, value: v });
    const uuid = optUuid(v.uuid, `${at}.uuid`);
    if (!uuid) throw new FeedFormatError('expected a uuid', { field: `${at}.uuid`, value: v.uuid });
    const name = stringField(v.name, `${at}.name`).trim();
    if (!name) throw new FeedFormatError('expected a non-empty name', { field: `${at}.name`, value: v.name });
    const report: ParsedReport = { uuid, name, content: optString(v.content, `${at}.content`) ?? '', deleted: optBool(v.deleted, `${at}.deleted`) ?? false };
    readElementFields(v, at, report);
    return report;
  });
}

// ---- proposals (ShadowAttribute) ---------------------------------------------------------------------------

export interface ParsedProposal {
  uuid: string;
  /** Uuid of the attribute it changes or deletes (inside an attribute: that one); absent for a new attribute. */
  attributeUuid?: string;
  /** MISP's `old_id` (the target's id in the exporting MISP), resolved against the file's attribute ids. */
  oldId?: string;
  org?: FeedOrg;
  type: string;
  category: string;
  value: string;
  toIds: boolean;
  comment: string;
  objectRelation?: string;
  firstSeen?: string;
  lastSeen?: string;
  proposalToDelete: boolean;
  timestamp?: number;
  deleted: boolean;
}

export function parseProposals(list: unknown, path: string, target: string | undefined, problems: FeedProblem[]): ParsedProposal[] {
  return eachPart(list, path, problems, (v, at) => {
    if (!isObject(v)) throw new FeedFormatError('expected a proposal (ShadowAttribute) object', { field: at, value: v });
    const type = stringField(v.type, `${at}.type`).trim();
    getAttributeType(type);
    const category = resolveCategory(type, optString(v.category, `${at}.category`));
    const value = normaliseAttributeValue(type, stringField(v.value, `${at}.value`));
    const fields: ElementFields = {};
    readElementFields(v, at, fields);
    const org = parseOrg(v.Org ?? v.Organisation, `${at}.Org`);
    const oldId = absent(v.old_id) || String(v.old_id) === '0' ? undefined : String(v.old_id);
    // MISP gives a change proposal the uuid of the attribute it changes: that is the target, not an identity
    // (several organisations may propose changes to one attribute). Such a proposal is one per organisation.
    const own = optUuid(v.uuid, `${at}.uuid`);
    const uuid = own && own !== target ? own : derivedUuid('misp-proposal', target ?? oldId ?? own ?? '', org?.uuid ?? '', own ? '' : `${type}\u0000${value}`);
    const p: ParsedProposal = {
      uuid,
      type,
      category,
      value,
      toIds: optBool(v.to_ids, `${at}.to_ids`) ?? getAttributeType(type).toIdsDefault,
      comment: optString(v.comment, `${at}.comment`) ?? '',
      proposalToDelete: optBool(v.proposal_to_delete, `${at}.proposal_to_delete`) ?? false,
      deleted: optBool(v.deleted, `${at}.deleted`) ?? false,
    };
    if (target) p.attributeUuid = target;
    if (oldId) p.oldId = oldId;
    if (org) p.org = org;
    const relation = optString(v.object_relation, `${at}.object_relation`);
    if (relation) p.objectRelation = relation;
    if (fields.firstSeen) p.firstSeen = fields.firstSeen;
    if (fields.lastSeen) p.lastSeen = fields.lastSeen;
    if (fields.timestamp !== undefined) p.timestamp = fields.timestamp;
    return p;
  });
}
