/**
 * Developer tool: refreshes src/modules/object/object-templates.data.json from MISP's public object templates.
 *   npm run build && node dist/scripts/object-templates-build.js <misp-objects checkout> [name ...]
 * Reads <checkout>/objects/<name>/definition.json (every template, or the names given) and writes the facts the
 * hub validates objects with. An optional <checkout>/commits.json ({ "<name>": "<commit>" }) records the
 * commit each definition was read from; without it, `git -C <checkout> rev-parse HEAD` is not run for you:
 * pass the commit in SOURCE_COMMIT to record one for all.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { factsFromDefinition, ObjectTemplateData } from '../src/modules/object/object-templates.facts';

const OUT = resolve(__dirname, '..', '..', 'src', 'modules', 'object', 'object-templates.data.json');

function main() {
  const [checkout, ...only] = process.argv.slice(2);
  if (!checkout || !existsSync(join(checkout, 'objects'))) {
    console.error('usage: node dist/scripts/object-templates-build.js <misp-objects checkout> [name ...]');
    process.exit(2);
  }
  const commitsFile = join(checkout, 'commits.json');
  const commits: Record<string, string> = existsSync(commitsFile) ? JSON.parse(readFileSync(commitsFile, 'utf8')) : {};
  const names = only.length ? only : readdirSync(join(checkout, 'objects')).filter((n) => existsSync(join(checkout, 'objects', n, 'definition.json')));
  const templates = names.sort().map((name) => {
    const def = JSON.parse(readFileSync(join(checkout, 'objects', name, 'definition.json'), 'utf8'));
    return factsFromDefinition(def, commits[name] ?? process.env.SOURCE_COMMIT);
  });
  const data: ObjectTemplateData = {
    source: 'github.com/MISP/misp-objects, objects/<name>/definition.json; sourceCommit per template',
    templates,
  };
  writeFileSync(OUT, `${JSON.stringify(data, null, 1)}\n`);
  console.log(`wrote ${templates.length} templates to ${OUT}`);
}

main();
