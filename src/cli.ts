#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, Config } from './config/config';
import type { App } from './app';
import { isStartupError } from './config/startup-error';
import { createLogger } from './shared/logger';
import { describeFailure } from './cli/errors';
import { registerFeeds } from './cli/feeds';
import { registerImport } from './cli/import';
import { registerKeys } from './cli/keys';
import { registerOrgs } from './cli/orgs';
import { registerPeers } from './cli/peers';
import { registerUsers } from './cli/users';
import pkg from '../package.json';

/**
 * One binary: `threatmesh [serve] | migrate | bootstrap | peers | feeds | orgs | users | keys | import` (bin/threatmesh.js
 * loads it). Settings come from the environment (README). The commands other than serve live in src/cli/ and call
 * the same services as the GraphQL resolvers; a failure is one `error: …` line on stderr and a non-zero exit.
 */

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

function printKeyBanner(key: string, email: string, out: NodeJS.WriteStream = process.stdout) {
  const line = '='.repeat(72);
  out.write(
    `\n${line}\n  threatmesh: site admin ${email}\n  API key (shown once, store it now):\n\n    ${key}\n\n` +
      `  Use it as the header  Authorization: ${key.slice(0, 6)}…\n${line}\n\n`,
  );
}

/**
 * `serve`: stdout carries only the JSON log lines. A new admin key is shown once: as a banner on stderr
 * when stderr is a terminal, otherwise as one log line (containers, systemd). A setting that cannot be
 * used (database or Redis unreachable, port in use) ends the start with one line naming it on stderr
 * (and a `fatal` log line) and exit code 1; invalid settings exit with 2 (see config()).
 */
async function serve() {
  const cfg = config();
  const logger = createLogger(cfg.logLevel);
  logger.info({ version: pkg.version, node: process.version }, 'threatmesh starting');
  let app: App | null = null;
  try {
    // The hub's modules load only for the command that runs (here, after the settings are checked).
    const { createApp } = await import('./app.js');
    app = await createApp(cfg, { logger });
    const key = app.bootstrap.newAdminKey;
    if (key && process.stderr.isTTY) printKeyBanner(key, app.bootstrap.admin.email, process.stderr);
    else if (key) logger.warn({ adminEmail: app.bootstrap.admin.email, apiKey: key }, 'site admin API key created: shown once, store it now');
    await app.start();
  } catch (e) {
    if (!isStartupError(e)) throw e;
    logger.fatal({ setting: e.setting, address: e.address, reason: e.reason }, 'cannot start');
    process.stderr.write(`threatmesh: ${e.message}\n`);
    await app?.stop().catch(() => undefined);
    process.exit(1);
  }
  const running = app;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await running.stop();
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function migrate() {
  const cfg = config();
  const { createOrm, migrateUp } = await import('./db/orm.js');
  const orm = await createOrm({ databaseUrl: cfg.databaseUrl });
  try {
    const applied = await migrateUp(orm);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await orm.close(true);
  }
}

async function bootstrap() {
  const cfg = config();
  const [{ createOrm, migrateUp }, { systemEm, visibilityFilter }, { issueAdminKey }] = await Promise.all([
    import('./db/orm.js'),
    import('./auth/visibility-filter.js'),
    import('./modules/hub/hub.service.js'),
  ]);
  const orm = await createOrm({ databaseUrl: cfg.databaseUrl, filters: { visible: visibilityFilter } });
  try {
    await migrateUp(orm);
    // Bootstrap is the hub itself at work (no caller): it reads as the system.
    const key = await issueAdminKey(systemEm(orm.em), cfg);
    printKeyBanner(key, cfg.adminEmail);
  } finally {
    await orm.close(true);
  }
}

const program = new Command()
  .name('threatmesh')
  .description('GraphQL federation hub for sharing threat intelligence (no command: serve)')
  .version(pkg.version)
  .allowExcessArguments(false)
  .showSuggestionAfterError(true)
  .configureOutput({ outputError: (text, write) => write(oneLineUsageError(text)) });
program.command('serve').description('run the hub (applies pending migrations unless MIGRATE_ON_START=false); the default when no command is given').action(serve);
program.command('migrate').description('apply pending database migrations and exit').action(migrate);
program.command('bootstrap').description('ensure the host organisation and site admin exist, and print a fresh admin API key').action(bootstrap);
registerPeers(program);
registerFeeds(program);
registerOrgs(program);
registerUsers(program);
registerKeys(program);
registerImport(program);

/** Commander's usage errors on one line: "error: unknown command 'migarte' (did you mean migrate?)". */
function oneLineUsageError(text: string): string {
  const suggestion = /\n\(Did you mean (.+)\?\)\s*$/.exec(text);
  const first = text.split('\n')[0];
  if (suggestion) return `${first} (did you mean ${suggestion[1]}?)\n`;
  return /unknown command/.test(first) ? `${first} (see: threatmesh --help)\n` : `${first}\n`;
}

// Only a bare `threatmesh` serves: a mistyped command is an error, never a server start.
const args = process.argv.slice(2);
program.parseAsync(args.length ? args : ['serve'], { from: 'user' }).catch((e: unknown) => {
  let verbose = false;
  try {
    verbose = ['debug', 'trace'].includes(loadConfig().logLevel);
  } catch {
    // the failure itself may be the configuration
  }
  const { line, exitCode } = describeFailure(e, verbose);
  process.stderr.write(`error: ${line}\n`);
  process.exit(exitCode);
});
