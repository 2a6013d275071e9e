/**
 * `npm test`: node's test runner over every compiled test file (dist/test/**\/*.test.js), in two phases.
 *
 *   1. Most files side by side (TEST_CONCURRENCY processes at once, default 3). Each file makes its own
 *      databases (a fresh SQLite file, a fresh MariaDB database), its own servers on port 0 and its own
 *      Redis channel prefix, so files do not see each other; a file's tests still run in order. Many
 *      files mostly wait (on MariaDB, child processes, sockets), so a 2-core machine runs three at once
 *      in well under half the time of one after another.
 *   2. The files in SERIAL, one at a time: they assert on time (a re-check period, a rate-limit window,
 *      a heartbeat, a deadline for a child process) and must not share the cores with other files.
 *
 * Arguments are passed to both runs (e.g. `-- --test-reporter=tap`, `--test-name-pattern=…`). The exit
 * code is non-zero when either phase fails.
 */
import { spawnSync } from 'node:child_process';
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

function run(files: string[], processes: number, args: string[]): number {
  if (!files.length) return 0;
  const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${processes}`, ...args, ...files], { stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const root = join(__dirname, '..', 'test');
const all = testFiles(root);
const key = (f: string) => relative(root, f).replace(/\.js$/, '');
const unknown = [...SERIAL].filter((k) => !all.some((f) => key(f) === k));
if (unknown.length) {
  console.error(`scripts/run-tests.ts: SERIAL names files that do not exist: ${unknown.join(', ')}`);
  process.exit(2);
}
const args = process.argv.slice(2);
const started = Date.now();
const parallel = run(all.filter((f) => !SERIAL.has(key(f))), concurrency(), args);
const serial = run(all.filter((f) => SERIAL.has(key(f))), 1, args);
console.error(`run-tests: ${all.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s (exit codes: side by side ${parallel}, one at a time ${serial})`);
process.exit(parallel || serial);
