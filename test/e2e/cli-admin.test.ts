import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { MeDocument } from '../../src/generated/graphql';
import { createGraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { errorCode, startTestHub, TestHub } from '../support/hub';
import { scratchSqlite } from '../support/scratch-database';
import { BIN, runCli } from '../support/cli';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('threatmesh: the command itself', () => {
  const db = scratchSqlite();
  after(() => db.drop());
  const env = { DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };

  test('the committed entry file is executable and runs the CLI (no build step sets its mode)', async () => {
    accessSync(BIN, constants.X_OK);
    const r = await runCli(env, ['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  test('a mistyped command is one error line with a suggestion and exit 1; it never starts the server', async () => {
    // A server start would not end by itself: the 20 s timeout kills it (code null) and the test fails.
    for (const [args, expected] of [
      [['migarte'], "error: unknown command 'migarte' (did you mean migrate?)"],
      [['nope'], "error: unknown command 'nope' (see: threatmesh --help)"],
      [['feeds', 'lsit'], "error: unknown command 'lsit' (did you mean list?)"],
      [['orgs', 'ad'], "error: unknown command 'ad' (did you mean add?)"],
      [['migrate', 'now'], "error: too many arguments for 'migrate'. Expected 0 arguments but got 1."],
    ] as const) {
      const r = await runCli(env, [...args], 20_000);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.deepEqual(lines(r.stderr), [expected]);
      assert.equal(r.stdout, '');
    }
  });

  test('--help lists every command', async () => {
    const r = await runCli(env, ['--help']);
    assert.equal(r.code, 0);
    for (const c of ['serve', 'migrate', 'bootstrap', 'peers', 'feeds', 'orgs', 'users', 'keys', 'import']) assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'), c);
  });
});

for (const database of testDatabases()) {
  describe(`threatmesh orgs / users / keys against a running hub (${database.name})`, () => {
    let hub: TestHub;
    after(() => hub?.stop());

    test('add an organisation and a user, give it a key that works on the API, list, revoke; refusals are one line', async () => {
      hub = await startTestHub(database); // migrated, with its admin; the CLI works on the same database
      const env = { DATABASE_URL: hub.app.config.databaseUrl, LOG_LEVEL: 'info', HUB_ORG_NAME: 'Host Org' };
      const run = (...args: string[]) => runCli(env, args);

      let r = await run('orgs', 'add', '--name', 'ACME CERT', '--sector', 'finance');
      assert.equal(r.code, 0, r.stderr);
      const orgId = /^added organisation ACME CERT \(([0-9a-f-]{36})\)\n$/.exec(r.stdout)?.[1];
      assert.ok(orgId, r.stdout);
      r = await run('orgs', 'add', '--name', 'ACME CERT');
      assert.equal(r.code, 1);
      assert.deepEqual(lines(r.stderr), ['error: An organisation named "ACME CERT" already exists (CONFLICT)']);
      r = await run('orgs', 'add', '--name', 'Other', '--uuid', 'not-a-uuid');
      assert.equal(r.code, 2);
      assert.deepEqual(lines(r.stderr), ['error: invalid input: uuid must be a UUID']);
      const orgs = JSON.parse((await run('orgs', 'list', '--output', 'json')).stdout) as Array<{ id: string; name: string; sector: string | null }>;
      assert.deepEqual(orgs.map((o) => o.name).sort(), ['ACME CERT', 'Host Org']);
      assert.equal(orgs.find((o) => o.id === orgId)?.sector, 'finance');

      r = await run('users', 'add', '--email', 'Analyst@ACME.example', '--org', 'ACME CERT', '--role', 'publisher');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^added user analyst@acme\.example \([0-9a-f-]{36}\), PUBLISHER of ACME CERT\n$/);
      r = await run('users', 'add', '--email', 'not-an-address', '--org', orgId!, '--role', 'USER');
      assert.equal(r.code, 2);
      assert.deepEqual(lines(r.stderr), ['error: invalid input: email must be an e-mail address']);
      r = await run('users', 'add', '--email', 'x@acme.example', '--org', 'Nobody', '--role', 'USER');
      assert.equal(r.code, 2);
      assert.deepEqual(lines(r.stderr), ['error: no organisation named or with id "Nobody" (see: threatmesh orgs list)']);
      r = await run('users', 'list', '--org', 'ACME CERT');
      assert.deepEqual(lines(r.stdout).map((l) => l.replace(/^[0-9a-f-]{36}/, 'id').replace(/ +/g, ' ')), ['id PUBLISHER analyst@acme.example ACME CERT']);

      // The key goes alone to stdout (KEY=$(threatmesh keys create …)) and authenticates on the API.
      r = await run('keys', 'create', '--user', 'analyst@acme.example', '--comment', 'SIEM');
      assert.equal(r.code, 0, r.stderr);
      const key = r.stdout.trim();
      assert.match(r.stderr, /^created key [0-9a-f-]{36} \(….{4}\) for analyst@acme\.example; it is shown only now:\n$/);
      const me = await createGraphqlClient(hub.url, key).request(MeDocument, {});
      assert.deepEqual([me.data?.me.email, me.data?.me.role, me.data?.me.organisation.name], ['analyst@acme.example', 'PUBLISHER', 'ACME CERT']);
      r = await run('keys', 'create', '--user', 'analyst@acme.example', '--expires', 'next week');
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /"next week" is not an ISO 8601 date/);

      const keys = JSON.parse((await run('keys', 'list', '--user', 'analyst@acme.example', '--output', 'json')).stdout) as Array<{ id: string; last4: string; state: string; comment: string }>;
      assert.deepEqual(keys.map((k) => [k.last4, k.state, k.comment]), [[key.slice(-4), 'active', 'SIEM']]);
      assert.ok(!JSON.stringify(keys).includes(key), 'the key itself is never listed');

      r = await run('keys', 'revoke', keys[0].id);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `revoked key ${keys[0].id} (…${key.slice(-4)})\n`);
      assert.equal(errorCode(await createGraphqlClient(hub.url, key).request(MeDocument, {})), 'UNAUTHENTICATED');
      assert.match((await run('keys', 'list', '--user', 'analyst@acme.example')).stdout, / revoked /);
      r = await run('keys', 'revoke', '00000000-0000-4000-8000-000000000000');
      assert.equal(r.code, 1);
      assert.deepEqual(lines(r.stderr), ['error: API key "00000000-0000-4000-8000-000000000000" was not found (NOT_FOUND)']);
    });
  });
}
