#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, Config } from './config/config';
import { createOrm, migrateUp } from './db/orm';
import { createApp } from './app';
import { issueAdminKey } from './modules/hub/hub.service';
import { createLogger } from './shared/logger';
import pkg from '../package.json';

/** One binary: `threatmesh serve | migrate | bootstrap`. Settings come from the environment (README). */

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

function printKeyBanner(key: string, email: string) {
  const line = '='.repeat(72);
  process.stdout.write(
    `\n${line}\n  threatmesh: site admin ${email}\n  API key (shown once, store it now):\n\n    ${key}\n\n` +
      `  Use it as the header  Authorization: ${key.slice(0, 6)}…\n${line}\n\n`,
  );
}

async function serve() {
  const cfg = config();
  const logger = createLogger(cfg.logLevel);
  const app = await createApp(cfg, { logger });
  if (app.bootstrap.newAdminKey) printKeyBanner(app.bootstrap.newAdminKey, app.bootstrap.admin.email);
  const url = await app.start();
  process.stdout.write(`threatmesh ${pkg.version} serving ${url}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await app.stop();
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
  const orm = await createOrm({ databaseUrl: cfg.databaseUrl });
  try {
    await migrateUp(orm);
    const key = await issueAdminKey(orm.em, cfg);
    printKeyBanner(key, cfg.adminEmail);
  } finally {
    await orm.close(true);
  }
}

const program = new Command()
  .name('threatmesh')
  .description('GraphQL federation hub for sharing threat intelligence')
  .version(pkg.version);
program.command('serve', { isDefault: true }).description('run the hub (applies pending migrations unless MIGRATE_ON_START=false)').action(serve);
program.command('migrate').description('apply pending database migrations and exit').action(migrate);
program.command('bootstrap').description('ensure the host organisation and site admin exist, and print a fresh admin API key').action(bootstrap);

program.parseAsync(process.argv).catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
