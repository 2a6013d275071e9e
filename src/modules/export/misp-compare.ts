/**
 * Field-by-field comparison of a MISP JSON event as a partner's MISP wrote it with the same event as the
 * hub exports it (issue 12's round trip: "what a partner sends comes back out unchanged"). Pure: two
 * parsed JSON values in, per-part counts and the differences (each naming the part and the field) out.
 * Used by the round-trip test and by `npm run roundtrip` against a running hub.
 *
 * What is compared (live parts only: a deleted attribute or object is not exported): the event's uuid,
 * info, date, threat level, analysis and non-local tags; every attribute (plain or in an object) by uuid —
 * type, category, value, to_ids, comment, object_relation, first/last seen, tags, attachment data,
 * sightings (uuid, type, organisation), proposals (uuid, type, value); every object by uuid — name,
 * meta-category, template uuid/version, comment, its attributes and references (uuid, target,
 * relationship); galaxy clusters by tag name on the event and each attribute; event reports (uuid, name,
 * content); the event's proposals. Local ids, `Org`, `RelatedEvent`, counters and distributions (which
 * sync may downgrade) are not compared.
 */

type Json = Record<string, unknown>;

export const COMPARED_PARTS = ['attributes', 'objects', 'references', 'clusters', 'sightings', 'attachments', 'reports', 'proposals', 'tags'] as const;
export type ComparedPart = (typeof COMPARED_PARTS)[number];

export interface PartCount {
  /** In the original. */
  expected: number;
  /** Found in the export with every compared field equal. */
  matched: number;
}

export interface EventComparison {
  uuid: string;
  info: string;
  counts: Record<ComparedPart, PartCount>;
  /** Human-readable differences ("attribute <uuid>: value 'a' != 'b'"), empty when the round trip is exact. */
  differences: string[];
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Json[]) : []);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';
const lower = (v: unknown): string => str(v).toLowerCase();
/** first_seen / last_seen as an instant (MISP writes microseconds and an offset; the hub keeps milliseconds). */
const instant = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  const t = Date.parse(str(v).replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? str(v) : new Date(t).toISOString();
};
const isLive = (x: Json) => !bool(x.deleted);
const tagNames = (x: Json): string[] =>
  list(x.Tag)
    .filter((t) => !bool(t.local))
    .map((t) => lower(t.name))
    .sort();
const clusterTags = (x: Json): string[] =>
  list(x.Galaxy)
    .flatMap((g) => list(g.GalaxyCluster).map((c) => lower(c.tag_name)))
    .sort();

/**
 * The tags an element carries once stored: its own and those of its galaxy clusters (MISP attaches a
 * captured cluster's tag to the element; a file whose Tag list lacks one gets it, as in MISP).
 */
const carriedTags = (x: Json): string[] => [...new Set([...tagNames(x), ...clusterTags(x)])].sort();

/** The inner event of `{ "Event": … }` or a bare event. */
export const innerEvent = (v: unknown): Json => {
  const o = (v && typeof v === 'object' ? v : {}) as Json;
  return (o.Event && typeof o.Event === 'object' ? o.Event : o) as Json;
};

/** Attributes of an event, plain and in (live) objects, live only. */
export function eventAttributes(e: Json): Json[] {
  return [...list(e.Attribute), ...list(e.Object).filter(isLive).flatMap((o) => list(o.Attribute))].filter(isLive);
}

export function compareMispEvent(originalIn: unknown, exportedIn: unknown): EventComparison {
  const original = innerEvent(originalIn);
  const exported = innerEvent(exportedIn);
  const counts = Object.fromEntries(COMPARED_PARTS.map((p) => [p, { expected: 0, matched: 0 }])) as Record<ComparedPart, PartCount>;
  const differences: string[] = [];
  const check = (part: ComparedPart, what: string, pairs: Array<[string, unknown, unknown]>): void => {
    counts[part].expected++;
    const bad = pairs.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b));
    if (bad.length) differences.push(...bad.map(([field, a, b]) => `${what}: ${field} ${JSON.stringify(a)} != ${JSON.stringify(b)}`));
    else counts[part].matched++;
  };

  for (const [field, a, b] of [
    ['uuid', lower(original.uuid), lower(exported.uuid)],
    ['info', str(original.info), str(exported.info)],
    ['date', str(original.date), str(exported.date)],
    ['threat_level_id', str(original.threat_level_id), str(exported.threat_level_id)],
    ['analysis', str(original.analysis), str(exported.analysis)],
  ] as const) {
    // A field the original lacks is the hub's to fill (a uuid derived for an event that had none, defaults).
    if (a !== b && a !== '') differences.push(`event: ${field} ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  }
  check('tags', 'event tags', [['Tag', carriedTags(original), tagNames(exported)]]);
  const clusters = (a: Json, b: Json | undefined, what: string) => {
    const out = new Set(b ? clusterTags(b) : []);
    for (const tag of new Set(clusterTags(a))) check('clusters', `${what} galaxy cluster ${tag}`, [['present', true, out.has(tag)]]);
  };
  clusters(original, exported, 'event');

  const outAttributes = new Map(eventAttributes(exported).map((a) => [lower(a.uuid), a]));
  for (const a of eventAttributes(original)) {
    const id = lower(a.uuid);
    const b = outAttributes.get(id);
    const what = `attribute ${id} (${str(a.type)})`;
    if (!b) {
      counts.attributes.expected++;
      differences.push(`${what}: missing from the export`);
      continue;
    }
    check('attributes', what, [
      ['type', str(a.type), str(b.type)],
      ['category', str(a.category), str(b.category)],
      ['value', str(a.value), str(b.value)],
      ['to_ids', bool(a.to_ids), bool(b.to_ids)],
      ['comment', str(a.comment), str(b.comment)],
      ['object_relation', str(a.object_relation), str(b.object_relation)],
      ['first_seen', instant(a.first_seen), instant(b.first_seen)],
      ['last_seen', instant(a.last_seen), instant(b.last_seen)],
      ['Tag', carriedTags(a), tagNames(b)],
    ]);
    clusters(a, b, what);
    if (a.data) check('attachments', `${what} data`, [['data', str(a.data).replace(/\s+/g, ''), str(b.data).replace(/\s+/g, '')]]);
    const outSightings = new Map(list(b.Sighting).map((s) => [lower(s.uuid), s]));
    for (const s of list(a.Sighting)) {
      const t = outSightings.get(lower(s.uuid));
      check('sightings', `sighting ${lower(s.uuid)} of ${id}`, [
        ['present', true, !!t],
        ['type', str(s.type || '0'), str(t?.type)],
        ['organisation', lower((s.Organisation as Json | undefined)?.uuid), lower((t?.Organisation as Json | undefined)?.uuid)],
      ]);
    }
    compareProposals(list(a.ShadowAttribute), list(b.ShadowAttribute), `proposal on ${id}`, check);
  }

  const outObjects = new Map(list(exported.Object).map((o) => [lower(o.uuid), o]));
  for (const o of list(original.Object).filter(isLive)) {
    const id = lower(o.uuid);
    const p = outObjects.get(id);
    const what = `object ${id} (${str(o.name)})`;
    const attrIds = (x: Json | undefined) => list(x?.Attribute).filter(isLive).map((a) => lower(a.uuid)).sort();
    check('objects', what, [
      ['present', true, !!p],
      ['name', str(o.name), str(p?.name)],
      ['meta-category', str(o['meta-category']), str(p?.['meta-category'])],
      ['template_uuid', lower(o.template_uuid), lower(p?.template_uuid)],
      ['template_version', str(o.template_version), str(p?.template_version)],
      ['comment', str(o.comment), str(p?.comment)],
      ['first_seen', instant(o.first_seen), instant(p?.first_seen)],
      ['last_seen', instant(o.last_seen), instant(p?.last_seen)],
      ['Attribute', attrIds(o), attrIds(p)],
    ]);
    const outRefs = new Map(list(p?.ObjectReference).map((r) => [lower(r.uuid), r]));
    for (const r of list(o.ObjectReference).filter(isLive)) {
      const q = outRefs.get(lower(r.uuid));
      check('references', `reference ${lower(r.uuid)} of ${id}`, [
        ['present', true, !!q],
        ['referenced_uuid', lower(r.referenced_uuid), lower(q?.referenced_uuid)],
        ['relationship_type', str(r.relationship_type), str(q?.relationship_type)],
        ['comment', str(r.comment), str(q?.comment)],
      ]);
    }
  }

  const outReports = new Map(list(exported.EventReport).map((r) => [lower(r.uuid), r]));
  for (const r of list(original.EventReport).filter(isLive)) {
    const q = outReports.get(lower(r.uuid));
    check('reports', `report ${lower(r.uuid)}`, [
      ['present', true, !!q],
      ['name', str(r.name), str(q?.name)],
      ['content', str(r.content), str(q?.content)],
    ]);
  }
  compareProposals(list(original.ShadowAttribute), list(exported.ShadowAttribute), 'event proposal', check);
  return { uuid: lower(original.uuid), info: str(original.info), counts, differences };
}

function compareProposals(a: Json[], b: Json[], what: string, check: (part: ComparedPart, what: string, pairs: Array<[string, unknown, unknown]>) => void) {
  const out = new Map(b.map((p) => [lower(p.uuid), p]));
  for (const p of a.filter(isLive)) {
    const q = out.get(lower(p.uuid));
    check('proposals', `${what} ${lower(p.uuid)}`, [
      ['present', true, !!q],
      ['type', str(p.type), str(q?.type)],
      ['value', str(p.value), str(q?.value)],
      ['proposal_to_delete', bool(p.proposal_to_delete), bool(q?.proposal_to_delete)],
    ]);
  }
}

/** The per-event table the round-trip test and script print: one row per event, `matched/expected` per part. */
export function comparisonTable(rows: readonly EventComparison[]): string {
  const head = ['event', ...COMPARED_PARTS, 'differences'];
  const lines = rows.map((r) => [
    `${r.uuid.slice(0, 8)} ${r.info.slice(0, 40)}`,
    ...COMPARED_PARTS.map((p) => `${r.counts[p].matched}/${r.counts[p].expected}`),
    String(r.differences.length),
  ]);
  const total = COMPARED_PARTS.map((p) => {
    const m = rows.reduce((n, r) => n + r.counts[p].matched, 0);
    const e = rows.reduce((n, r) => n + r.counts[p].expected, 0);
    return `${m}/${e}`;
  });
  lines.push(['TOTAL', ...total, String(rows.reduce((n, r) => n + r.differences.length, 0))]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}
