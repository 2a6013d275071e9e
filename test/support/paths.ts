import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root (the folder with package-lock.json), whether running from src or dist. */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package-lock.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

/** ../shared/realworld next to the project (present in CI; absent on a fresh clone elsewhere). */
export const REALWORLD_DIR = resolve(REPO_ROOT, '../shared/realworld');
export const hasRealworld = () => existsSync(REALWORLD_DIR);
/** The skip reason of a suite that needs the realworld files, or false when they are there. */
export const realworldSkip = () => (hasRealworld() ? false : `no ${REALWORLD_DIR} (../shared/realworld; CI has it)`);
