import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT as repoRoot } from '../support/paths';

/**
 * DESIGN §4 "Safe by construction": reads of events, attributes, sharing groups, sightings and their
 * link tables go through the ORM's `visible` filter (auth/visibility-filter), set from the viewer of the
 * scope. What that filter does not reach — QueryBuilder reads, raw SQL, and explicit opt-outs (the
 * system viewer, `filters: false`) — may appear only in the files below, each with the reason it is
 * safe. A new one elsewhere fails this test: route it through those files, or add it here with its reason
 * (reviewed like any access rule).
 */

const ENTITIES = 'Event|Attribute|SharingGroup|SharingGroupOrg|SharingGroupServer|Sighting|EventTag|AttributeTag|MispObject|ObjectReference';
const TABLES = 'events|attributes|sharing_groups|sharing_group_orgs|sharing_group_servers|sightings|event_tags|attribute_tags|objects|object_references';

const PATTERNS: ReadonlyArray<[what: string, re: RegExp]> = [
  ['QueryBuilder over a shared entity', new RegExp(`createQueryBuilder\\(\\s*(${ENTITIES})\\b`)],
  ['raw knex over the database', /\bgetKnex\(\)/],
  ['raw SQL naming a shared table', new RegExp(`['"\`]\\s*(select|update|insert|delete|with)\\b[^'"\`]*\\b(${TABLES})\\b`, 'i')],
  ['a shared table in a knex builder', new RegExp(`(\\bknex|\\.(join|leftJoin|innerJoin|from|into|table|update))\\(\\s*['"\`](${TABLES})\\b`)],
  ['filters turned off', /filters:\s*(false|\{[^}]*visible:\s*false)/],
  ['the system viewer', /\b(SYSTEM_VIEWER|systemEm)\b/],
  ['a viewer set on an EntityManager', /\bsetViewer\(|setFilterParams\(/],
];

/** File (relative to src/) -> why what it does there is safe. */
const ALLOWED: Readonly<Record<string, string>> = {
  'auth/visibility-filter.ts': 'defines the `visible` filter, the system viewer and systemEm',
  'server/hub-services.ts': 'composition root (the services createApp serves): the hub\'s own EntityManager reads as the system (jobs, feeds, sync, change log, authentication)',
  'cli.ts': 'bootstrap (first admin key) is the hub itself at work, no caller',
  'server/scope-factory.ts': 'sets the caller\'s viewer on every scope EntityManager',
  'server/loaders.ts': 'attribute page/count loaders: QueryBuilder reads that AND policy.attributeVisibilityFilter(viewer) themselves (the fast path: no second join to events)',
  'modules/attribute/attribute.views.ts': 'findAttributeViews: ANDs the viewer\'s attribute visibility taken from its EntityManager (visibleCondition), fails closed without one',
  'modules/attribute/attribute-lookup.ts': 'search and correlation page/count reads: ANDs the viewer\'s attribute visibility from its EntityManager (visibleCondition) unless the caller\'s where starts with policy.attributeVisibilityFilter(viewer) (attributeWhere, correlation otherSide), fails closed without a viewer',
  'modules/search/query-shapes.ts': 'knex only rebuilds the raw sub-queries of a condition tree with marked bindings; runs statements built by the callers from their visible conditions',
  'modules/attribute/correlation.ts': 'correlation lookups: id sub-queries by correlation key, each ANDed with policy.attributeVisibilityFilter(viewer)',
  'db/bound-connection.ts': 'the driver connection every statement passes through (binds values); reads nothing of its own',
  'modules/attribute/attribute.service.ts': 'uuid uniqueness is over every stored attribute (filters: false on that one check)',
  'modules/event/event.service.ts': 'event search sub-query ANDs policy.attributeVisibilityFilter(viewer); the event page (findEventPage) reads eventWhere, which starts with policy.eventVisibilityFilter(viewer); uuid uniqueness over every stored event (filters: false)',
  'modules/export/export-source.ts': 'export reads AND policy.attributeVisibilityFilter/eventVisibilityFilter(scope.viewer) themselves, whatever `where` the caller passes',
  'modules/search/search-where.ts': 'tag sub-queries give ids only, always ANDed into a visible event/attribute read',
  'modules/sighting/sighting.service.ts': 'sighting summaries of attribute ids the caller already sees, each row kept or dropped by policy.canSeeSighting',
  'modules/change/change-log-reader.ts': 'system work on the hub\'s EntityManager: loads changed objects for every subscriber, each delivery decided by auth/change-access',
  'modules/peer/sync-protocol.resolver.ts': 'storing pushed sightings is system work (policy.canPushSighting decides per sighting)',
  'modules/peer/sync-push-receive.service.ts': 'applying a pushed event is system work (sync.rules decide what the sender may write)',
  'modules/misp-import/import.service.ts': 'applying an imported MISP event is system work, as for a pushed one (sync.rules decide what may be written)',
  'modules/object/object.loaders.ts':
    'object page/count and object-attribute/reference loaders: QueryBuilder reads that AND policy.objectVisibilityFilter / attributeVisibilityFilter(viewer) themselves; a reference target\'s existence is read over every row (filters: false) only to decide what to leave out',
  'modules/object/object.service.ts': 'uuid uniqueness of new objects, object attributes and references is over every stored row (filters: false on that one check)',
  'modules/peer/sync-runner.ts': 'pull/push runs as the hub (system viewer for the wire form of what this hub sends)',
  'modules/peer/misp-sync-runner.ts': 'MISP-kind peers: push runs as the hub (system viewer for the wire form of what this hub sends, then prepareForPush decides what travels)',
  'modules/peer/sync-export.service.ts': 'object references on the wire: the uuids of objects and attributes stored in the sent events (uuids only, filters: false), so a reference to one the reader may not see is left out',
  'modules/misp-api/misp-sync.service.ts':
    'a MISP server pushing: applying its events and sightings is system work (sync.rules / canPushSighting decide what it may write); filterEventIdsForPush and filterSightingUuidsForPush read uuids and timestamps only, over every stored row, so a local event is never wanted',
  'modules/export/export-misp-event.ts': 'object references: which target uuids are stored here at all (uuids only, filters: false), so a reference to a hidden target is left out while one to a uuid not on this hub is kept',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'generated' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Code only: comments say what they like. `tableName:` declarations (entities) name their table. */
const codeLines = (text: string): Array<[number, string]> => {
  const out: Array<[number, string]> = [];
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    let line = raw;
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) return;
      line = line.slice(end + 2);
      inBlock = false;
    }
    const start = line.indexOf('/*');
    if (start >= 0 && !line.includes('*/', start)) {
      inBlock = true;
      line = line.slice(0, start);
    }
    line = line.replace(/^\s*\/\/.*$/, '').replace(/\s\/\/ .*$/, '');
    if (/tableName:/.test(line)) return;
    if (line.trim()) out.push([i + 1, line]);
  });
  return out;
};

export function unguardedReads(srcDir: string, allowed: Readonly<Record<string, string>> = ALLOWED): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const rel = relative(srcDir, file).split('\\').join('/');
    if (rel in allowed) continue;
    for (const [n, line] of codeLines(readFileSync(file, 'utf8'))) {
      for (const [what, re] of PATTERNS) if (re.test(line)) found.push(`src/${rel}:${n}: ${what}: ${line.trim().slice(0, 140)}`);
    }
  }
  return found;
}

test('shared tables are read only through the visible filter or the allowed paths', () => {
  const found = unguardedReads(join(repoRoot, 'src'));
  assert.deepEqual(found, [], `reads that bypass visibility outside the allowed files:\n${found.join('\n')}`);
});

test('every allowed file exists and still needs its entry', () => {
  const src = join(repoRoot, 'src');
  for (const rel of Object.keys(ALLOWED)) {
    const without = unguardedReads(src, Object.fromEntries(Object.entries(ALLOWED).filter(([k]) => k !== rel)));
    assert.ok(without.some((f) => f.startsWith(`src/${rel}:`)), `${rel} is allowed but has nothing to allow: remove its entry`);
  }
});

test('the guard sees what it guards against', () => {
  const samples = [
    "const q = em.createQueryBuilder(Event, 'e');",
    "await conn.execute('select id from attributes where x = 1');",
    "knex('sightings as s').select('*')",
    'em.find(Event, {}, { filters: false })',
    'em.find(Event, {}, { filters: { visible: false } })',
    'const em = systemEm(hub.em);',
  ];
  for (const s of samples) assert.ok(PATTERNS.some(([, re]) => re.test(s)), s);
  assert.ok(!PATTERNS.some(([, re]) => re.test("em.find(Event, { uuid }, { populate: ['tags'] })")), 'plain filtered reads are fine');
});
