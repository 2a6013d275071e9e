/**
 * `npm test`: node's test runner over every compiled test file (dist/test/**\/*.test.js), in two phases.
 *
 *   1. Most files side by side (TEST_CONCURRENCY files at once, default 3). Each file makes its own
 *      databases (a copy of a migrated template: test/support/migrated-template.ts), its own servers on
 *      port 0 and its own Redis channel prefix, so files do not see each other; a file's tests still run
 *      in order. Many files mostly wait (on MariaDB, child processes, sockets), so a 2-core machine runs
 *      three at once in well under half the time of one after another. The heaviest files start first
 *      (HEAVY_FIRST): started last, one of them would run alone at the end while the other slots idle.
 *   2. The files in SERIAL, one at a time: they assert on time (a re-check period, a rate-limit window,
 *      a heartbeat, a deadline for a child process) and must not share the cores with other files.
 *
 * Each file runs in its own `node --test <file>`; its output is printed whole when it ends (files never
 * interleave), after a `# file:` line with its exit code and time. `node --test` with many files would
 * order them itself (by name), which is why this script schedules them. Arguments are passed to every
 * run (e.g. `-- --test-reporter=spec`, `--test-name-pattern=…`). The exit code is non-zero when any file
 * fails; the failing files are listed at the end with the totals.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files whose tests measure time, run alone after the others (paths below dist/test, without .js). */
const SERIAL = new Set([
  'e2e/replicas.test',
  'e2e/startup-errors.test',
  'e2e/subscriptions.test',
  'integration/feeds-schedule.test',
  'integration/observability.test',
  'integration/shutdown.test',
  'security/partition.test',
  'security/rate-limit.test',
  'security/auth-cache.test',
]);

/** Files that take the longest (paths as in SERIAL), started first in phase 1, in this order. */
const HEAVY_FIRST = [
  'security/write-matrix.test',
  'e2e/federation.test',
  'e2e/cli-admin.test',
  'integration/access-matrix.test',
  'security/misp-sync-writes.test',
  'e2e/feeds-cli.test',
  'e2e/exports.test',
];

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out.sort();
}

function concurrency(): number {
  const raw = process.env.TEST_CONCURRENCY ?? '3';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) {
    console.error(`TEST_CONCURRENCY=${raw}: expected a whole number from 1 to 16`);
    process.exit(2);
  }
  return n;
}

interface FileResult {
  file: string;
  code: number;
  seconds: number;
  /** Totals the reporter printed (`# pass 12` in TAP, `ℹ pass 12` with the spec reporter). */
  counts: Record<string, number>;
}

const COUNTED = ['tests', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];

function runFile(file: string, args: string[]): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', ...args, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      const text = Buffer.concat(out).toString('utf8');
      const counts: Record<string, number> = {};
      for (const m of text.matchAll(/^(?:#|ℹ) (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
      const status = code ?? (signal ? 1 : 0);
      process.stdout.write(`# file: ${relative(root, file)} (exit ${signal ?? status}, ${seconds.toFixed(1)} s)\n${text}`);
      if (err.length) process.stderr.write(Buffer.concat(err));
      resolve({ file, code: status, seconds, counts });
    });
  });
}

/** Runs `files` in order, at most `processes` at once. */
async function run(files: string[], processes: number, args: string[]): Promise<FileResult[]> {
  const queue = [...files];
  const results: FileResult[] = [];
  const worker = async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) results.push(await runFile(f, args));
  };
  await Promise.all(Array.from({ length: Math.min(processes, files.length) }, worker));
  return results;
}

const root = join(__dirname, '..', 'test');
const all = testFiles(root);
const key = (f: string) => relative(root, f).replace(/\.js$/, '');
const unknown = [...SERIAL, ...HEAVY_FIRST].filter((k) => !all.some((f) => key(f) === k));
if (unknown.length) {
  console.error(`scripts/run-tests.ts: SERIAL or HEAVY_FIRST names files that do not exist: ${unknown.join(', ')}`);
  process.exit(2);
}
const args = process.argv.slice(2);
const rank = (f: string) => (HEAVY_FIRST.includes(key(f)) ? HEAVY_FIRST.indexOf(key(f)) : HEAVY_FIRST.length);
const sideBySide = all.filter((f) => !SERIAL.has(key(f))).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

async function main(): Promise<void> {
  const started = Date.now();
  const parallel = await run(sideBySide, concurrency(), args);
  const parallelSeconds = (Date.now() - started) / 1000;
  const serial = await run(all.filter((f) => SERIAL.has(key(f))), 1, args);
  const results = [...parallel, ...serial];
  const total = (name: string) => results.reduce((n, r) => n + (r.counts[name] ?? 0), 0);
  const failed = results.filter((r) => r.code !== 0);
  const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5);
  console.error(
    `run-tests: ${results.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s (side by side ${parallelSeconds.toFixed(0)} s, one at a time ${((Date.now() - started) / 1000 - parallelSeconds).toFixed(0)} s); ` +
      COUNTED.map((c) => `${c} ${total(c)}`).join(', '),
  );
  console.error(`run-tests: slowest files: ${slowest.map((r) => `${key(r.file)} ${r.seconds.toFixed(0)} s`).join(', ')}`);
  if (failed.length) console.error(`run-tests: FAILED files: ${failed.map((r) => `${key(r.file)} (exit ${r.code})`).join(', ')}`);
  process.exit(failed.length ? 1 : 0);
}

void main();
