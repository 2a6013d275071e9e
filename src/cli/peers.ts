import { PeerKind } from '../modules/peer/peer-kind';
import { Command } from 'commander';
import { Scope } from '../graphql/scope';
import * as peers from '../modules/peer/peer.service';
import { SyncResult } from '../modules/peer/sync.types';
import { CliError } from './errors';
import { input, withHub } from './hub';
import { CreatePeerInput } from '../modules/peer/peer.inputs';

/** `threatmesh peers …`: federation peers (the peer services of the GraphQL API). */

async function findPeer(scope: Scope, nameOrId: string) {
  const all = await peers.listPeers(scope);
  const p = all.find((x) => x.uuid === nameOrId.trim().toLowerCase() || x.name === nameOrId.trim());
  if (!p) throw new CliError(`no peer named or with id "${nameOrId}" (see: threatmesh peers list)`);
  return p;
}

/** One line: the counts on stdout, or the error (with the counts) on stderr and exit code 1. */
function printSync(name: string, direction: string, r: SyncResult) {
  const refused = r.skippedReasons.map((s) => `; refused ${s.reason}: ${s.count} (events ${s.eventIds.join(', ')})`).join('');
  const line = `${direction} ${name}: created ${r.created}, updated ${r.updated}, deleted ${r.deleted}, skipped ${r.skipped}, failed ${r.failed}, requests ${r.requests}${refused}`;
  if (r.error) {
    process.stderr.write(`error: ${direction} ${name}: ${r.error} (${line.slice(direction.length + name.length + 3)})\n`);
    process.exitCode = 1;
  } else console.log(line);
}

export function registerPeers(program: Command): void {
  const cmd = program.command('peers').description('federation peers: list, add, test, pull, push');
  cmd
    .command('list')
    .description('list peers with their sync status')
    .action(() =>
      withHub(async ({ scope }) => {
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
  cmd
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
      withHub(async ({ scope }) => {
        const p = await peers.createPeer(scope, await input(CreatePeerInput, {
          name: o.name,
          kind: String(o.kind).toUpperCase() as PeerKind,
          url: o.url,
          apiKey: o.key,
          organisationId: o.org,
          pull: o.pull,
          push: o.push,
          internal: o.internal,
          schedule: o.schedule,
          tlsVerify: !o.insecure,
        }));
        console.log(`added peer ${p.name} (${p.uuid})`);
      }),
    );
  cmd
    .command('test <peer>')
    .description('handshake with a peer (name or id)')
    .action((name: string) =>
      withHub(async ({ scope }) => {
        const r = await peers.testPeer(scope, (await findPeer(scope, name)).uuid);
        if (r.ok) console.log(`ok: hub ${r.hubId}, ${r.software}, protocol ${r.protocolVersion}, organisation ${r.organisationName}`);
        else {
          process.stderr.write(`error: handshake with ${name} failed: ${r.error}\n`);
          process.exitCode = 1;
        }
      }),
    );
  for (const direction of ['pull', 'push'] as const) {
    cmd
      .command(`${direction} <peer>`)
      .description(`${direction} ${direction === 'pull' ? 'from' : 'to'} a peer now (name or id)`)
      .action((name: string) =>
        withHub(async ({ scope }) => {
          const p = await findPeer(scope, name);
          printSync(p.name, direction, await scope.sync.runner[direction](p.id));
        }),
      );
  }
}
