import { Command } from 'commander';
import { CreateApiKeyInput } from '../modules/api-key/api-key.inputs';
import * as apiKeys from '../modules/api-key/api-key.service';
import { instant, OutputFormat, outputFormat, printRows } from './args';
import { input, withHub } from './hub';
import { findUser } from './users';

/** `threatmesh keys …`: API keys (the API key services of the GraphQL API). Keys are shown once, at creation. */

export function registerKeys(program: Command): void {
  const cmd = program.command('keys').description('API keys: create, list, revoke');
  cmd
    .command('create')
    .description('create an API key for a user and print it (shown once)')
    .requiredOption('--user <user>', 'the user (e-mail or id)')
    .option('--comment <text>', 'what the key is for')
    .option('--expires <date>', 'expiry, ISO 8601 (e.g. 2027-01-31); never when absent', instant)
    .action((o: { user: string; comment?: string; expires?: Date }) =>
      withHub(async ({ scope }) => {
        const user = await findUser(scope, o.user);
        const { key, apiKey } = await apiKeys.createApiKey(scope, await input(CreateApiKeyInput, { userId: user.uuid, comment: o.comment, expiresAt: o.expires }));
        // The key alone on stdout (scripts: KEY=$(threatmesh keys create …)); what it is on stderr.
        process.stderr.write(`created key ${apiKey.uuid} (…${apiKey.last4}) for ${user.email}${apiKey.expiresAt ? `, expires ${apiKey.expiresAt.toISOString()}` : ''}; it is shown only now:\n`);
        process.stdout.write(`${key}\n`);
      }),
    );
  cmd
    .command('list')
    .description('list the keys of a user (never the keys themselves): id, last 4 characters, state, comment')
    .requiredOption('--user <user>', 'the user (e-mail or id)')
    .option('--output <output>', 'text or json', outputFormat, 'text' as OutputFormat)
    .action((o: { user: string; output: OutputFormat }) =>
      withHub(async ({ scope }) => {
        const user = await findUser(scope, o.user);
        const now = scope.clock.now();
        const list = await apiKeys.listApiKeys(scope, user.uuid);
        printRows(
          o.output,
          list.map((k) => ({
            id: k.uuid,
            last4: k.last4,
            state: k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active',
            comment: k.comment ?? null,
            createdAt: k.createdAt.toISOString(),
            expiresAt: k.expiresAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          })),
          (r) => [String(r.id), `…${r.last4}`, String(r.state), `created ${r.createdAt}${r.lastUsedAt ? `, last used ${r.lastUsedAt}` : ''}${r.comment ? `  ${r.comment}` : ''}`],
          `no keys for ${user.email}`,
        );
      }),
    );
  cmd
    .command('revoke <key>')
    .description('revoke a key (its id, from keys list) at once; open connections with it close')
    .action((id: string) =>
      withHub(async ({ scope }) => {
        const k = await apiKeys.revokeApiKey(scope, id.trim());
        console.log(`revoked key ${k.uuid} (…${k.last4})`);
      }),
    );
}
