#!/usr/bin/env node
'use strict';
// The `threatmesh` command (package.json "bin"; `npx threatmesh`). A committed file with its own execute
// bit, so a rebuild — which rewrites dist/ without it — never breaks the command. It only loads the
// compiled CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'src', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`error: ${cli} is missing: build first (npm run build)\n`);
  process.exit(1);
}
require(cli);
