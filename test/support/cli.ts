import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

/** The committed command (package.json "bin"), run as a user runs it: the file itself (shebang, exec bit). */
export const BIN = join(REPO_ROOT, 'bin/threatmesh.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `threatmesh …args` to its end with only `env` (and PATH); killed after `timeoutMs`. */
export function runCli(env: Record<string, string>, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  const proc = spawn(BIN, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
