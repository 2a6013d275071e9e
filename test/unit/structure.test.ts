import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cycles, folderArrows, importGraph } from '../../scripts/structure';
import { REPO_ROOT } from '../support/paths';

/**
 * The drawn structure of src (DESIGN §12.16): no import cycle, and no arrow back up the layers beyond the
 * accepted ones below (each a type-only import of a module's data type into the contracts, with the
 * reason). A new cycle or back-arrow fails the build; `npm run structure` prints the whole picture.
 */
const ACCEPTED_BACK_ARROWS: Record<string, string> = {
  'graphql -> modules/attribute': 'the loader port names the attribute columns a list read may select (AttributeViewColumn)',
  'graphql -> modules/feed': 'the feed port carries the progress emitter type (FeedProgressBus)',
  'graphql -> modules/peer': "the sync port's runner answers a SyncResult",
};

test('src has no import cycle and no new arrow back up the layers', async () => {
  const graph = await importGraph(join(REPO_ROOT, 'src'));
  assert.ok(Object.keys(graph).length > 50, 'the import graph was read');
  assert.deepEqual(cycles(graph), [], 'import cycles in src');
  const back = folderArrows(graph)
    .back.filter((a) => !(`${a.from} -> ${a.to}` in ACCEPTED_BACK_ARROWS))
    .map((a) => `${a.from} -> ${a.to} (${a.via})`);
  assert.deepEqual(back, [], 'arrows running back up the layers (scripts/structure.ts LAYERS)');
});

/**
 * Field resolvers take their parent with `@Parent()` (src/graphql/parent.ts), never type-graphql's
 * `@Root()`: that one copies a plain row (attribute views) into a new entity per field, with a made-up
 * uuid and dates for any column the read did not select.
 */
test("no resolver uses type-graphql's @Root()", async () => {
  const src = join(REPO_ROOT, 'src');
  const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 50, 'the sources were read');
  const offenders: string[] = [];
  for (const file of files) if (/@Root\(/.test(await readFile(join(src, file), 'utf8'))) offenders.push(file);
  assert.deepEqual(offenders, [], 'use @Parent() from src/graphql/parent.ts');
});
