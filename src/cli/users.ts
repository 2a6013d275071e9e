import { Command } from 'commander';
import { Scope } from '../graphql/scope';
import { Role } from '../shared/enums';
import { User } from '../modules/user/user.entity';
import { CreateUserInput } from '../modules/user/user.inputs';
import * as users from '../modules/user/user.service';
import { enumValue, OutputFormat, outputFormat, printRows } from './args';
import { CliError } from './errors';
import { input, withHub } from './hub';
import { findOrg } from './orgs';

/** `threatmesh users …`: users (the user services of the GraphQL API). */

export async function findUser(scope: Scope, emailOrId: string): Promise<User> {
  const key = emailOrId.trim().toLowerCase();
  const user = (await users.listUsers(scope)).find((u) => u.uuid === key || u.email === key);
  if (!user) throw new CliError(`no user with e-mail or id "${emailOrId}" (see: threatmesh users list)`);
  return user;
}

export function registerUsers(program: Command): void {
  const cmd = program.command('users').description('users: list, add');
  cmd
    .command('list')
    .description('list users: id, role, e-mail, organisation')
    .option('--org <org>', 'only the users of this organisation (name or id)')
    .option('--output <output>', 'text or json', outputFormat, 'text' as OutputFormat)
    .action((o: { org?: string; output: OutputFormat }) =>
      withHub(async ({ scope }) => {
        const org = o.org ? await findOrg(scope, o.org) : null;
        const list = await users.listUsers(scope, org?.uuid ?? null);
        await scope.em.populate(list, ['organisation']);
        const orgs = new Map(list.map((u) => [u.id, u.organisation]));
        printRows(
          o.output,
          list.map((u) => ({ id: u.uuid, email: u.email, role: u.role, disabled: u.disabled, organisation: orgs.get(u.id)?.name ?? null, organisationId: orgs.get(u.id)?.uuid ?? null })),
          (r) => [String(r.id), String(r.role), `${r.email}${r.disabled ? ' (disabled)' : ''}`, String(r.organisation)],
          'no users',
        );
      }),
    );
  cmd
    .command('add')
    .description('add a user (as the createUser mutation); then `threatmesh keys create --user <email>` gives it a key')
    .requiredOption('--email <email>', 'e-mail address (unique)')
    .requiredOption('--org <org>', 'organisation (name or id)')
    .requiredOption('--role <role>', `role: ${Object.values(Role).join(', ')}`, enumValue(Role, 'role'))
    .action((o: { email: string; org: string; role: Role }) =>
      withHub(async ({ scope }) => {
        const org = await findOrg(scope, o.org);
        const user = await users.createUser(scope, await input(CreateUserInput, { email: o.email, organisationId: org.uuid, role: o.role }));
        console.log(`added user ${user.email} (${user.uuid}), ${user.role} of ${org.name}`);
      }),
    );
}
