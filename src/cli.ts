#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, Config } from './config/config';
import { createOrm, migrateUp } from './db/orm';
import { systemEm, visibilityFilter } from './auth/visibility-filter';
import { createApp } from './app';
import { issueAdminKey } from './modules/hub/hub.service';
import { createLogger } from './shared/logger';
import { Scope } from './graphql/scope';
import * as peers from './modules/peer/peer.service';
import { SyncResult } from './modules/peer/sync.types';
import * as feeds from './modules/feed/feed.service';
import { runFeedFetch } from './modules/feed/feed-run';
import { Feed } from './modules/feed/feed.entity';
import { FeedFetchResult } from './modules/feed/feed.types';
import { FeedFetchProgress } from './modules/feed/feed-progress';
import { importEvents } from './modules/misp-import/import.service';
import { ImportEventsResult, ImportFormat } from './modules/misp-import/import.types';
import { Organisation } from './modules/organisation/organisation.entity';
import { Distribution } from './shared/enums';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../package.json';

/** One binary: `threatmesh serve | migrate | bootstrap | peers | feeds | import`. Settings come from the environment (README). */

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

/**
 * Runs `work` with a hub built from the environment (not listening, no feed schedules), as the system actor
 * (of the host organisation with `asHostOrg`: feed data belongs to it).
 */
async function withHub<T>(work: (scope: Scope) => Promise<T>, opts: { asHostOrg?: boolean } = {}): Promise<T> {
  const cfg = config();
  const app = await createApp(cfg, { logger: createLogger(cfg.logLevel === 'info' ? 'warn' : cfg.logLevel), feedSchedules: false });
  try {
    const orgId = opts.asHostOrg ? app.bootstrap.hostOrg.id : null;
    return await work(app.hub.openScope({ kind: 'system', orgId }, 'cli'));
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
  const refused = r.skippedReasons.map((s) => `\n  refused ${s.reason}: ${s.count} (events ${s.eventIds.join(', ')})`).join('');
  const line = `${direction} ${name}: created ${r.created}, updated ${r.updated}, deleted ${r.deleted}, skipped ${r.skipped}, failed ${r.failed}, requests ${r.requests}${refused}`;
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
            `${p.name} (${p.uuid}) ${p.kind} ${p.url}`,
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
  .description('register a peer hub (or a MISP server with --kind MISP)')
  .requiredOption('--name <name>', 'unique name')
  .option('--kind <kind>', 'HUB (GraphQL sync) or MISP (MISP\'s sync API; --url is the server\'s base URL)', 'HUB')
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
        kind: String(o.kind).toUpperCase() as never,
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

// ---- feeds ---------------------------------------------------------------------------------------------

async function findFeed(scope: Scope, nameOrId: string): Promise<Feed> {
  const all = await feeds.listFeeds(scope);
  const f = all.find((x) => x.uuid === nameOrId.toLowerCase() || x.name === nameOrId);
  if (!f) {
    console.error(`No feed named or with id "${nameOrId}" (see: threatmesh feeds list)`);
    process.exit(2);
  }
  return f;
}

/** One line per fetch: what it did, or its error (then the exit code is 1). */
function feedSummary(name: string, r: FeedFetchResult): string {
  if (r.refused) return `${name}: skipped, ${r.error}`;
  const parts = [`new ${r.new}`, `updated ${r.updated}`, `deleted ${r.deleted}`, `skipped ${r.skipped}`, `invalid ${r.invalid}`];
  if (r.eventsCreated || r.eventsUpdated || r.eventsSkipped || r.eventsFailed) {
    parts.push(`events created ${r.eventsCreated}, updated ${r.eventsUpdated}, skipped ${r.eventsSkipped}, failed ${r.eventsFailed}`);
  }
  return `${name}: ${r.notModified ? 'not modified, ' : ''}${parts.join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** A one-line progress display rewritten in place (\r) on a terminal. */
function progressLine(name: string, enabled: boolean) {
  let last = '';
  return {
    report(p: FeedFetchProgress) {
      if (!enabled) return;
      const events = p.eventsTotal !== null ? ` events ${p.eventsDone}/${p.eventsTotal}` : '';
      const line = `${name}: ${p.phase.toLowerCase()} — read ${p.rows}, new ${p.new}, invalid ${p.invalid}${events}`;
      process.stdout.write(`\r${line}${' '.repeat(Math.max(0, last.length - line.length))}`);
      last = line;
    },
    end() {
      if (enabled && last) process.stdout.write(`\r${' '.repeat(last.length)}\r`);
      last = '';
    },
  };
}

async function fetchAndPrint(scope: Scope, f: Pick<Feed, 'id' | 'name'>, bar: boolean) {
  const line = progressLine(f.name, bar);
  const r = await runFeedFetch(scope, f.id, { onProgress: (p) => line.report(p) });
  line.end();
  const summary = feedSummary(f.name, r);
  if (r.error && !r.refused) {
    console.error(`${summary}\nerror: ${r.error}`);
    process.exitCode = 1;
  } else console.log(summary);
}

const feedsCmd = program.command('feeds').description('feeds: list, load-defaults, enable, disable, fetch');
feedsCmd
  .command('list')
  .description('list feeds with their status')
  .action(() =>
    withHub(async (scope) => {
      const list = await feeds.listFeeds(scope);
      if (!list.length) return console.log('no feeds (threatmesh feeds load-defaults adds the default list)');
      for (const f of list) {
        const last = f.lastFetchAt
          ? `last fetch ${f.lastFetchAt.toISOString()} (${f.lastDurationMs} ms): new ${f.lastNew}, updated ${f.lastUpdated}, deleted ${f.lastDeleted}, skipped ${f.lastSkipped}, invalid ${f.lastInvalid}`
          : 'never fetched';
        console.log(
          [
            `${f.enabled ? 'on ' : 'off'} ${f.format.padEnd(8)} ${f.name} (${f.uuid})${f.schedule ? ` schedule "${f.schedule}"` : ''}`,
            `    ${f.url}`,
            `    ${last}${f.lastError ? `\n    last error: ${f.lastError}` : ''}`,
          ].join('\n'),
        );
      }
    }),
  );
feedsCmd
  .command('load-defaults')
  .description('add the default list of well-known public feeds (all disabled; URLs already present are skipped)')
  .action(() =>
    withHub(async (scope) => console.log(`added ${await feeds.loadDefaultFeeds(scope)} default feeds (all disabled)`), { asHostOrg: true }),
  );
for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
  feedsCmd
    .command(`${name} <feed>`)
    .description(`${name} a feed (name or id)${enabled ? ': the schedules fetch it' : ''}`)
    .action((nameOrId: string) =>
      withHub(async (scope) => {
        const f = await feeds.setFeedEnabled(scope, (await findFeed(scope, nameOrId)).uuid, enabled);
        console.log(`${name}d ${f.name} (${f.uuid})`);
      }),
    );
}
feedsCmd
  .command('fetch [feed]')
  .description('fetch a feed now (name or id), or every enabled feed with --all')
  .option('--all', 'fetch every enabled feed', false)
  .option('--progress', 'show the progress line even when the output is not a terminal', false)
  .action((nameOrId: string | undefined, o: { all: boolean; progress: boolean }) =>
    withHub(async (scope) => {
      const bar = o.progress || process.stdout.isTTY === true;
      if (o.all === (nameOrId !== undefined)) {
        console.error('give either a feed (name or id) or --all');
        process.exitCode = 2;
        return;
      }
      const list = o.all ? await scope.em.find(Feed, { enabled: true }, { orderBy: { name: 'asc' } }) : [await findFeed(scope, nameOrId!)];
      if (!list.length) console.log('no enabled feeds');
      for (const f of list) await fetchAndPrint(scope, f, bar);
    }),
  );

function printImport(file: string, r: ImportEventsResult) {
  console.log(`${file}: created ${r.created}, updated ${r.updated}, skipped ${r.skipped}, failed ${r.failed}`);
  for (const e of r.events) {
    console.log(`  [${e.index}] ${e.outcome.toLowerCase()} ${e.id ?? '(no uuid)'}${e.info ? ` "${e.info.slice(0, 80)}"` : ''}`);
    for (const p of e.problems) console.log(`      ${p}`);
  }
}

program
  .command('import <path>')
  .description('import MISP JSON events from a file, or from every *.json file of a directory (manifest.json left out), as --org')
  .requiredOption('--org <org>', 'organisation (uuid or name) that owns the imported copies')
  .option('--distribution <level>', 'distribution of the imported events (ORGANISATION_ONLY, COMMUNITY_ONLY, CONNECTED_COMMUNITIES, ALL_COMMUNITIES or 0–3); default: each event\'s own')
  .option('--publish', 'publish the imported events', false)
  .action((path: string, o: { org: string; distribution?: string; publish: boolean }) =>
    withHub(async (scope) => {
      let distribution: Distribution | null = null;
      if (o.distribution !== undefined) {
        const d = /^\d$/.test(o.distribution) ? Number(o.distribution) : Distribution[o.distribution.toUpperCase() as keyof typeof Distribution];
        if (d === undefined || d < 0 || d > 3) {
          console.error(`--distribution ${o.distribution}: expected ORGANISATION_ONLY, COMMUNITY_ONLY, CONNECTED_COMMUNITIES, ALL_COMMUNITIES or 0–3`);
          process.exitCode = 2;
          return;
        }
        distribution = d as Distribution;
      }
      const key = o.org.trim();
      const org = (await scope.em.find(Organisation, {}, { filters: false })).find((x) => x.uuid === key.toLowerCase() || x.name === key);
      if (!org) {
        console.error(`No organisation named or with id "${o.org}"`);
        process.exitCode = 2;
        return;
      }
      let files: string[];
      try {
        files = statSync(path).isDirectory()
          ? readdirSync(path).filter((f) => f.toLowerCase().endsWith('.json') && f !== 'manifest.json').sort().map((f) => join(path, f))
          : [path];
      } catch (e) {
        console.error(`${path}: ${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const as = scope.openScope({ kind: 'system', orgId: org.id }, 'cli-import');
      for (const file of files) {
        try {
          const size = statSync(file).size;
          if (size > scope.config.bodyLimitBytes) throw new Error(`${size} bytes, more than BODY_LIMIT (${scope.config.bodyLimit})`);
          const r = await importEvents(as, { format: ImportFormat.MISP_JSON, data: readFileSync(file, 'utf8'), distribution, publish: o.publish });
          printImport(file, r);
          if (r.failed) process.exitCode = 1;
        } catch (e) {
          console.error(`${file}: not imported: ${(e as Error).message}`);
          process.exitCode = 1;
        }
      }
      if (!files.length) console.log(`${path}: no .json files`);
    }),
  );

program.parseAsync(process.argv).catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
