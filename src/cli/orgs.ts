import { Command } from 'commander';
import { Scope } from '../graphql/scope';
import { Organisation } from '../modules/organisation/organisation.entity';
import { CreateOrganisationInput } from '../modules/organisation/organisation.inputs';
import * as organisations from '../modules/organisation/organisation.service';
import { OutputFormat, outputFormat, printRows } from './args';
import { CliError } from './errors';
import { input, withHub } from './hub';

/** `threatmesh orgs …`: organisations (the organisation services of the GraphQL API). */

export async function findOrg(scope: Scope, nameOrId: string): Promise<Organisation> {
  const key = nameOrId.trim();
  const org = (await organisations.listOrganisations(scope)).find((o) => o.uuid === key.toLowerCase() || o.name === key);
  if (!org) throw new CliError(`no organisation named or with id "${nameOrId}" (see: threatmesh orgs list)`);
  return org;
}

export function registerOrgs(program: Command): void {
  const cmd = program.command('orgs').description('organisations: list, add');
  cmd
    .command('list')
    .description('list organisations: id, local or remote, name')
    .option('--output <output>', 'text or json', outputFormat, 'text' as OutputFormat)
    .action((o: { output: OutputFormat }) =>
      withHub(async ({ scope }) => {
        const list = await organisations.listOrganisations(scope);
        printRows(
          o.output,
          list.map((x) => ({ id: x.uuid, name: x.name, local: x.local, type: x.type ?? null, nationality: x.nationality ?? null, sector: x.sector ?? null, description: x.description ?? null })),
          (r) => [String(r.id), r.local ? 'local ' : 'remote', String(r.name)],
          'no organisations',
        );
      }),
    );
  cmd
    .command('add')
    .description('add an organisation (as the createOrganisation mutation)')
    .requiredOption('--name <name>', 'unique name')
    .option('--description <text>', 'free-text description')
    .option('--uuid <uuid>', 'uuid to use (e.g. the organisation\'s uuid on its own hub); random when absent')
    .option('--type <type>', 'organisation type')
    .option('--nationality <nationality>', 'nationality')
    .option('--sector <sector>', 'sector')
    .option('--remote', 'a known remote organisation without users here', false)
    .action((o) =>
      withHub(async ({ scope }) => {
        const org = await organisations.createOrganisation(
          scope,
          await input(CreateOrganisationInput, {
            name: o.name,
            description: o.description,
            uuid: o.uuid,
            type: o.type,
            nationality: o.nationality,
            sector: o.sector,
            local: !o.remote,
          }),
        );
        console.log(`added organisation ${org.name} (${org.uuid})`);
      }),
    );
}
