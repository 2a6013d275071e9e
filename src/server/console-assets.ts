import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The browser libraries the web console serves from the hub's own dependencies (no CDN): URL name under
 * /vendor/ → package and file inside it. Only the files listed here are served, never a package folder.
 * Versions are pinned exactly in package.json; README "Web console" lists them.
 */
const VENDOR_FILES: Readonly<Record<string, readonly [pkg: string, file: string]>> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  'graphiql-plugin-explorer.umd.js': ['@graphiql/plugin-explorer', 'dist/index.umd.js'],
  'graphiql-plugin-explorer.css': ['@graphiql/plugin-explorer', 'dist/style.css'],
  'graphql-ws.min.js': ['graphql-ws', 'umd/graphql-ws.min.js'],
  'htm-preact-standalone.mjs': ['htm', 'preact/standalone.mjs'],
  'uPlot.iife.min.js': ['uplot', 'dist/uPlot.iife.min.js'],
  'uPlot.min.css': ['uplot', 'dist/uPlot.min.css'],
};

export interface ConsoleAssets {
  /** The console's own files (HTML, modules, CSS): `console/` at the repository root. */
  readonly consoleDir: string;
  /** Absolute path of a vendor file by its URL name; undefined when not listed. */
  vendorFile(name: string): string | undefined;
  /** Served package → version (read from each package's package.json). */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * The repository root: the folder holding package.json above this file. tsc compiles only .ts into
 * dist/, so the static files are served from the repository at run time (src/ and dist/src/ alike).
 */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'console'))) return dir;
    if (dirname(dir) === dir) throw new Error(`the console folder was not found above ${__dirname}`);
  }
}

/** A package's folder as Node would find it from here (packages whose "exports" hide package.json too). */
function packageDir(pkg: string): string {
  for (const base of require.resolve.paths(pkg) ?? []) {
    const dir = join(base, pkg);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`the console needs the package ${pkg}, which is not installed (npm ci)`);
}

/** Resolves every listed file once at start: a missing package fails the start, not a page load. */
export function loadConsoleAssets(): ConsoleAssets {
  const files = new Map<string, string>();
  const versions: Record<string, string> = {};
  for (const [name, [pkg, file]] of Object.entries(VENDOR_FILES)) {
    const dir = packageDir(pkg);
    const path = resolve(dir, file);
    if (!existsSync(path)) throw new Error(`the console file ${file} is missing from the package ${pkg} (${dir})`);
    files.set(name, path);
    versions[pkg] ??= (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return { consoleDir: join(repoRoot(), 'console'), vendorFile: (name) => files.get(name), versions: Object.freeze(versions) };
}
