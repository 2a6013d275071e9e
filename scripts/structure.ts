import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The drawn structure of src (DESIGN §12.16): the import graph (madge, type-only imports included), its
 * import cycles (strongly connected components), and the arrows between folders that run back up the
 * layers. `npm run structure` prints the figures; test/unit/structure.test.ts fails the build on a cycle
 * or on a back-arrow that is not on the short list of accepted ones.
 */

/** Layers, lowest first. A file may import from its own layer or below; anything else is a back-arrow. */
export const LAYERS: ReadonlyArray<readonly [layer: number, folders: readonly string[]]> = [
  [0, ['shared', 'config', 'generated']],
  [1, ['db']],
  [2, ['auth', 'pubsub']],
  [3, ['contracts', 'graphql']],
  [4, ['modules', 'loaders']],
  [5, ['jobs']],
  [6, ['server', 'app.ts']],
  [7, ['cli.ts', 'cli', 'main.ts']],
];

export function layerOf(file: string): number {
  // Entities are the data definitions every layer reads (the ORM's entity list in db/ included): they
  // sit with db/, whatever module folder holds them.
  if (file.endsWith('.entity.ts')) return 1;
  const top = file.split('/')[0];
  for (const [layer, folders] of LAYERS) if (folders.includes(top)) return layer;
  throw new Error(`structure: ${file} is in no layer (add its folder to LAYERS in scripts/structure.ts)`);
}

/** The folder a file counts under: modules/<area>, otherwise its top folder (or the file at the root). */
export const folderOf = (file: string): string => {
  const parts = file.split('/');
  if (parts.length === 1) return parts[0];
  return parts[0] === 'modules' ? `${parts[0]}/${parts[1]}` : parts[0];
};

export type Graph = Record<string, string[]>;

export async function importGraph(srcDir: string): Promise<Graph> {
  // madge is CommonJS with a default export function.
  const madge = require('madge') as (p: string, o: object) => Promise<{ obj(): Graph }>;
  const root = resolve(srcDir, '..');
  const res = await madge(srcDir, { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json') });
  const graph: Graph = {};
  for (const [file, deps] of Object.entries(res.obj())) {
    if (file.startsWith('..')) continue;
    graph[file] = deps.filter((d) => !d.startsWith('..'));
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan). */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph[v] ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of Object.keys(graph)) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => b.length - a.length);
}

export interface Arrow {
  from: string;
  to: string;
  /** Example file import behind the arrow (a backward one, when the arrow has any). */
  via: string;
  back: boolean;
}

/** Folder-to-folder arrows (one per pair), and those that run from a lower layer to a higher one. */
export function folderArrows(graph: Graph): { all: Arrow[]; back: Arrow[] } {
  const arrows = new Map<string, Arrow>();
  for (const [file, deps] of Object.entries(graph)) {
    for (const dep of deps) {
      const from = folderOf(file);
      const to = folderOf(dep);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      const back = layerOf(file) < layerOf(dep);
      const seen = arrows.get(key);
      if (!seen || (back && !seen.back)) arrows.set(key, { from, to, via: `${file} -> ${dep}`, back });
    }
  }
  const all = [...arrows.values()];
  return { all, back: all.filter((a) => a.back) };
}

export function largestFiles(srcDir: string, graph: Graph, n: number): Array<{ file: string; lines: number }> {
  return Object.keys(graph)
    .filter((f) => !f.startsWith('generated/'))
    .map((file) => ({ file, lines: readFileSync(join(srcDir, file), 'utf8').split('\n').length }))
    .sort((a, b) => b.lines - a.lines)
    .slice(0, n);
}

async function main(): Promise<void> {
  const srcDir = resolve(__dirname, '..', '..', 'src');
  const graph = await importGraph(srcDir);
  const cyc = cycles(graph);
  const { all, back } = folderArrows(graph);
  console.log(`files: ${Object.keys(graph).length}, folders: ${new Set(Object.keys(graph).map(folderOf)).size}`);
  console.log(`import cycles: ${cyc.length}; largest: ${cyc[0]?.length ?? 0} files`);
  for (const c of cyc) console.log(`  cycle (${c.length}): ${c.join(', ')}`);
  console.log(`folder arrows: ${all.length}, running back up the layers: ${back.length}`);
  for (const a of back) console.log(`  back: ${a.from} -> ${a.to}   (${a.via})`);
  console.log('largest files (lines):');
  for (const f of largestFiles(srcDir, graph, 5)) console.log(`  ${f.lines} ${f.file}`);
}

if (require.main === module) void main();
