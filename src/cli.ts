#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, Config } from './config/config';
import { createOrm, migrateUp } from './db/orm';
import { createApp } from './app';
import { issueAdminKey } from './modules/hub/hub.service';
import { createLogger } from './shared/logger';
import { createScope, Scope } from './graphql/scope';
import * as peers from './modules/peer/peer.service';
import { SyncResult } from './modules/peer/sync.types';
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

/** Runs `work` with a hub built from the environment (not listening), as the system actor. */
async function withHub<T>(work: (scope: Scope) => Promise<T>): Promise<T> {
  const cfg = config();
  const app = await createApp(cfg, { logger: createLogger(cfg.logLevel === 'info' ? 'warn' : cfg.logLevel) });
  try {
    return await work(createScope(app.hub, { kind: 'system', orgId: null }, 'cli'));
  } finally {
    await app.stop();
  }
}

async function findPeer(scope: Scope, nameOrId: string) {
  const all = await peers.listPeers(scope);
  const p = all.find((x) => x.uuid === nameOrId.toLowerCase() || x.name === nameOrId);
  if (!p) {
    console.error(`No peer named or with id "${nameOrId}" (see: threatmesh peers list)`);
    process.exit(2);
  }
  return p;
}

function printSync(name: string, direction: string, r: SyncResult) {
  const line = `${direction} ${name}: created ${r.created}, updated ${r.updated}, deleted ${r.deleted}, skipped ${r.skipped}, failed ${r.failed}, requests ${r.requests}`;
  if (r.error) {
    console.error(`${line}\nerror: ${r.error}`);
    process.exitCode = 1;
  } else console.log(line);
}

const program = new Command()
  .name('threatmesh')
  .description('GraphQL federation hub for sharing threat intelligence')
  .version(pkg.version);
program.command('serve', { isDefault: true }).description('run the hub (applies pending migrations unless MIGRATE_ON_START=false)').action(serve);
program.command('migrate').description('apply pending database migrations and exit').action(migrate);
program.command('bootstrap').description('ensure the host organisation and site admin exist, and print a fresh admin API key').action(bootstrap);

const peersCmd = program.command('peers').description('federation peers: list, add, test, pull, push');
peersCmd
  .command('list')
  .description('list peers with their sync status')
  .action(() =>
    withHub(async (scope) => {
      const list = await peers.listPeers(scope);
      if (!list.length) return console.log('no peers');
      for (const p of list) {
        console.log(
          [
            `${p.name} (${p.uuid}) ${p.url}`,
            `  pull ${p.pull ? 'on' : 'off'}, push ${p.push ? 'on' : 'off'}${p.internal ? ', internal' : ''}${p.schedule ? `, schedule "${p.schedule}"` : ''}`,
            `  last pull ${p.lastPullAt?.toISOString() ?? 'never'}, last push ${p.lastPushAt?.toISOString() ?? 'never'}; pulled ${p.pulledCount}, pushed ${p.pushedCount}, skipped ${p.skippedCount}, failed ${p.failedCount}`,
            p.lastError ? `  last error (${p.failures} in a row): ${p.lastError}` : '  ok',
          ].join('\n'),
        );
      }
    }),
  );
peersCmd
  .command('add')
  .description('register a peer hub')
  .requiredOption('--name <name>', 'unique name')
  .requiredOption('--url <url>', 'GraphQL URL of the peer, e.g. https://hub.partner.example/graphql')
  .requiredOption('--key <key>', 'API key of the sync user the peer created for this hub')
  .requiredOption('--org <uuid>', 'uuid of the peer hub\'s organisation on this hub')
  .option('--pull', 'pull from the peer', false)
  .option('--push', 'push to the peer', false)
  .option('--internal', 'same organisation on both sides (no downgrade)', false)
  .option('--schedule <cron>', 'cron schedule for automatic sync')
  .option('--insecure', 'do not verify the peer\'s TLS certificate', false)
  .action((o) =>
    withHub(async (scope) => {
      const p = await peers.createPeer(scope, {
        name: o.name,
        url: o.url,
        apiKey: o.key,
        organisationId: o.org,
        pull: o.pull,
        push: o.push,
        internal: o.internal,
        schedule: o.schedule,
        tlsVerify: !o.insecure,
      });
      console.log(`added peer ${p.name} (${p.uuid})`);
    }),
  );
peersCmd
  .command('test <peer>')
  .description('handshake with a peer (name or id)')
  .action((name: string) =>
    withHub(async (scope) => {
      const r = await peers.testPeer(scope, (await findPeer(scope, name)).uuid);
      if (r.ok) console.log(`ok: hub ${r.hubId}, ${r.software}, protocol ${r.protocolVersion}, organisation ${r.organisationName}`);
      else {
        console.error(`failed: ${r.error}`);
        process.exitCode = 1;
      }
    }),
  );
for (const direction of ['pull', 'push'] as const) {
  peersCmd
    .command(`${direction} <peer>`)
    .description(`${direction} ${direction === 'pull' ? 'from' : 'to'} a peer now (name or id)`)
    .action((name: string) =>
      withHub(async (scope) => {
        const p = await findPeer(scope, name);
        printSync(p.name, direction, await scope.sync.runner[direction](p.id));
      }),
    );
}

program.parseAsync(process.argv).catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
