import { Command } from 'commander';
import { Scope } from '../graphql/scope';
import * as feeds from '../modules/feed/feed.service';
import { runFeedFetch } from '../modules/feed/feed-run';
import { Feed, FeedFormat } from '../modules/feed/feed.entity';
import { CreateFeedInput, FeedRulesInput } from '../modules/feed/feed.inputs';
import { FeedFetchResult } from '../modules/feed/feed.types';
import { collect, columns, distribution, enumValue, OutputFormat, outputFormat, printRows, repeat } from './args';
import { CliError } from './errors';
import { CliRun, input, withHub } from './hub';
import { progressDisplay } from './progress';

/** `threatmesh feeds …`: the feed administration of the GraphQL API (same services, same checks). */

async function findFeed(scope: Scope, nameOrId: string): Promise<Feed> {
  const all = await feeds.listFeeds(scope);
  const f = all.find((x) => x.uuid === nameOrId.trim().toLowerCase() || x.name === nameOrId.trim());
  if (!f) throw new CliError(`no feed named or with id "${nameOrId}" (see: threatmesh feeds list)`);
  return f;
}

const counts = (r: FeedFetchResult) => {
  const parts = [`new ${r.new}`, `updated ${r.updated}`, `deleted ${r.deleted}`, `skipped ${r.skipped}`, `invalid ${r.invalid}`];
  if (r.eventsCreated || r.eventsUpdated || r.eventsSkipped || r.eventsFailed) {
    parts.push(`events created ${r.eventsCreated}, updated ${r.eventsUpdated}, skipped ${r.eventsSkipped}, failed ${r.eventsFailed}`);
  }
  return parts.join(', ');
};

/**
 * The one line a fetch ends with: its counts on stdout, or — when it failed or some of its events failed —
 * one error line on stderr (what was stored before the error in brackets) and exit code 1.
 */
export function fetchOutcome(name: string, r: FeedFetchResult): { ok: boolean; line: string } {
  if (r.refused) return { ok: true, line: `${name}: skipped, ${r.error}` };
  if (r.error) {
    const stored = r.new || r.updated || r.deleted || r.eventsCreated || r.eventsUpdated;
    return { ok: false, line: `error: feed "${name}": ${r.error}${stored ? ` (stored before it: ${counts(r)})` : ''}` };
  }
  return { ok: true, line: `${name}: ${r.notModified ? 'not modified, ' : ''}${counts(r)} in ${(r.durationMs / 1000).toFixed(1)} s` };
}

async function fetchOne(run: CliRun, f: Pick<Feed, 'id' | 'name'>, progress: { tty: boolean; force: boolean }): Promise<boolean> {
  const display = progressDisplay(f.name, progress);
  const restore = run.log.divert((line) => display.log(line));
  let r: FeedFetchResult;
  try {
    r = await runFeedFetch(run.scope, f.id, { onProgress: (p) => display.update(p) });
  } finally {
    display.stop();
    restore();
  }
  const out = fetchOutcome(f.name, r);
  (out.ok ? process.stdout : process.stderr).write(`${out.line}\n`);
  return out.ok;
}

function feedRow(f: Feed) {
  return {
    id: f.uuid,
    name: f.name,
    enabled: f.enabled,
    format: f.format,
    provider: f.provider,
    url: f.url,
    schedule: f.schedule ?? null,
    lastFetchAt: f.lastFetchAt?.toISOString() ?? null,
    lastDurationMs: f.lastDurationMs ?? null,
    lastNew: f.lastNew,
    lastUpdated: f.lastUpdated,
    lastDeleted: f.lastDeleted,
    lastSkipped: f.lastSkipped,
    lastInvalid: f.lastInvalid,
    lastError: f.lastError ?? null,
  };
}

function feedStatus(f: Feed): string {
  if (!f.lastFetchAt) return 'never fetched';
  const last = `last fetch ${f.lastFetchAt.toISOString()}: new ${f.lastNew}, updated ${f.lastUpdated}, deleted ${f.lastDeleted}, skipped ${f.lastSkipped}, invalid ${f.lastInvalid}`;
  return f.lastError ? `${last}; last error: ${f.lastError}` : last;
}

export function registerFeeds(program: Command): void {
  const cmd = program.command('feeds').description('feeds: list, add, load-defaults, enable, disable, fetch');

  cmd
    .command('list')
    .description('list feeds, one line each: on/off, format, name (id), last fetch or error')
    .option('--enabled', 'only enabled feeds', false)
    .option('--disabled', 'only disabled feeds', false)
    .option('--format <format>', 'only feeds of this source format (MISP, CSV, FREETEXT)', enumValue(FeedFormat, 'feed format'))
    .option('--long', 'also print each feed\'s URL, provider and schedule', false)
    .option('--output <output>', 'text or json', outputFormat, 'text' as OutputFormat)
    .action((o: { enabled: boolean; disabled: boolean; format?: FeedFormat; long: boolean; output: OutputFormat }) =>
      withHub(async ({ scope }) => {
        if (o.enabled && o.disabled) throw new CliError('give --enabled or --disabled, not both');
        const list = (await feeds.listFeeds(scope)).filter(
          (f) => (!o.enabled || f.enabled) && (!o.disabled || !f.enabled) && (!o.format || f.format === o.format),
        );
        const filtered = o.enabled || o.disabled || o.format;
        printRows(
          o.output,
          list.map(feedRow),
          (r) => {
            const f = list.find((x) => x.uuid === r.id)!;
            const line = `${f.enabled ? 'on ' : 'off'} ${f.format.padEnd(8)} ${f.name} (${f.uuid})  ${feedStatus(f)}`;
            return [o.long ? `${line}\n    ${f.url}${f.provider ? `\n    provider ${f.provider}` : ''}${f.schedule ? `\n    schedule "${f.schedule}"` : ''}` : line];
          },
          filtered ? 'no feeds match' : 'no feeds (threatmesh feeds load-defaults adds the default list; threatmesh feeds add adds one)',
        );
      }),
    );

  cmd
    .command('add')
    .description('add a feed (disabled unless --enable); checked as the createFeed mutation checks it')
    .requiredOption('--name <name>', 'unique name')
    .requiredOption('--url <url>', 'source: an http(s) URL, a file:// URL or a local path below FEED_FILE_ROOT; one feed per URL')
    .requiredOption('--format <format>', 'source format: MISP, CSV or FREETEXT', enumValue(FeedFormat, 'feed format'))
    .option('--provider <provider>', 'who publishes the feed')
    .option('--enable', 'fetch it on the schedules', false)
    .option('--distribution <level>', 'distribution of the created events (default ORGANISATION_ONLY)', distribution)
    .option('--sharing-group <uuid>', 'sharing group, with --distribution SHARING_GROUP')
    .option('--columns <list>', 'CSV: 1-based value columns, e.g. 1,3 (default 1)', columns)
    .option('--delimiter <char>', 'CSV: delimiter, one character or \\t (default ,)')
    .option('--exclude <regex>', 'skip values matching this regular expression ("/pattern/flags" or a bare pattern)')
    .option('--fixed-event', 'reuse one event for every fetch', false)
    .option('--delta-merge', 'with --fixed-event: soft-delete values gone from the source', false)
    .option('--publish', 'publish the event after a fetch', false)
    .option('--override-ids', 'turn the IDS flag off on everything the feed creates', false)
    .option('--source-distribution', 'MISP: keep each event\'s own distribution', false)
    .option('--tag <tag>', 'tag for the created events (repeatable, or comma-separated)', collect)
    .option('--header <header>', 'extra request header "Name: value" (repeatable)', repeat)
    .option('--schedule <cron>', 'cron expression of the feed\'s own schedule, e.g. "0 */6 * * *"')
    .option('--tags-allow <tags>', 'MISP: take only events with one of these tags (comma-separated)', collect)
    .option('--tags-block <tags>', 'MISP: never take events with one of these tags', collect)
    .option('--orgs-allow <orgs>', 'MISP: take only events created by these organisations (uuid or name)', collect)
    .option('--orgs-block <orgs>', 'MISP: never take events created by these organisations', collect)
    .action((o) =>
      withHub(
        async ({ scope }) => {
          const hasRules = o.tagsAllow || o.tagsBlock || o.orgsAllow || o.orgsBlock;
          const rules = hasRules
            ? await input(FeedRulesInput, { tagsAllow: o.tagsAllow, tagsBlock: o.tagsBlock, orgsAllow: o.orgsAllow, orgsBlock: o.orgsBlock })
            : undefined;
          const f = await feeds.createFeed(
            scope,
            await input(CreateFeedInput, {
              name: o.name,
              url: o.url,
              format: o.format,
              provider: o.provider,
              enabled: o.enable,
              distribution: o.distribution,
              sharingGroupId: o.sharingGroup,
              valueColumns: o.columns,
              delimiter: o.delimiter,
              excludeRegex: o.exclude,
              fixedEvent: o.fixedEvent,
              deltaMerge: o.deltaMerge,
              publish: o.publish,
              overrideIds: o.overrideIds || undefined,
              sourceDistribution: o.sourceDistribution,
              tags: o.tag,
              headers: o.header,
              schedule: o.schedule,
              rules,
            }),
          );
          console.log(`added feed ${f.name} (${f.uuid}), ${f.enabled ? 'enabled' : 'disabled'}`);
        },
        { asHostOrg: true },
      ),
    );

  cmd
    .command('load-defaults')
    .description('add the default list of well-known public feeds (all disabled; URLs and names already present are skipped)')
    .action(() =>
      withHub(async ({ scope }) => console.log(`added ${await feeds.loadDefaultFeeds(scope)} default feeds (all disabled)`), { asHostOrg: true }),
    );

  for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
    cmd
      .command(`${name} <feed>`)
      .description(`${name} a feed (name or id)${enabled ? ': the schedules fetch it' : ''}`)
      .action((nameOrId: string) =>
        withHub(async ({ scope }) => {
          const f = await feeds.setFeedEnabled(scope, (await findFeed(scope, nameOrId)).uuid, enabled);
          console.log(`${name}d ${f.name} (${f.uuid})`);
        }),
      );
  }

  cmd
    .command('fetch [feed]')
    .description('fetch a feed now (name or id), or every enabled feed with --all; a progress bar on a terminal, one line per feed')
    .option('--all', 'fetch every enabled feed', false)
    .option('--progress', 'draw the progress even when stderr is not a terminal (a line a second)', false)
    .action((nameOrId: string | undefined, o: { all: boolean; progress: boolean }) =>
      withHub(async (run) => {
        if (o.all === (nameOrId !== undefined)) throw new CliError('give either a feed (name or id) or --all');
        const list = o.all
          ? (await feeds.listFeeds(run.scope)).filter((f) => f.enabled)
          : [await findFeed(run.scope, nameOrId!)];
        if (!list.length) console.log('no enabled feeds');
        let failed = 0;
        for (const f of list) if (!(await fetchOne(run, f, { tty: process.stderr.isTTY === true, force: o.progress }))) failed++;
        if (failed) process.exitCode = 1;
      }),
    );
}
