import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { createOrm, migrateUp } from '../../src/db/orm';
import { buildHubSchema, printHubSchema } from '../../src/server/schema';
import { testDatabases } from '../support/databases';
import { REPO_ROOT } from '../support/paths';

describe('committed artifacts match the code', () => {
  test('schema/schema.graphql equals the emitted schema (run `npm run schema:emit`)', async () => {
    const committed = readFileSync(join(REPO_ROOT, 'schema/schema.graphql'), 'utf8');
    assert.equal(printHubSchema(await buildHubSchema()), committed);
  });

  test('src/generated/graphql.ts equals what codegen.ts generates (run `npm run codegen`)', async () => {
    const cwd = process.cwd();
    process.chdir(REPO_ROOT);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { default: config } = require(join(REPO_ROOT, 'dist/codegen.js'));
      const [out] = await generate({ ...config, cwd: REPO_ROOT, silent: true }, false);
      assert.equal(out.filename, 'src/generated/graphql.ts');
      assert.equal(out.content, readFileSync(join(REPO_ROOT, 'src/generated/graphql.ts'), 'utf8'));
    } finally {
      process.chdir(cwd);
    }
  });

  test('no secret is exposed as a GraphQL field', async () => {
    const sdl = printHubSchema(await buildHubSchema());
    for (const forbidden of ['keyHash', 'key_hash', 'password', 'secret']) {
      assert.ok(!sdl.includes(forbidden), `schema exposes ${forbidden}`);
    }
    // The only `key` field is CreatedApiKey.key, shown once at creation.
    const keyFields = sdl.split('\n').filter((l) => /^\s+key: /.test(l));
    assert.equal(keyFields.length, 1);
  });

  for (const database of testDatabases()) {
    test(`migrations equal the entities on ${database.name}`, async () => {
      const db = await database.create();
      const orm = await createOrm({ databaseUrl: db.url });
      try {
        const applied = await migrateUp(orm);
        assert.ok(applied.length >= 1, 'migrations ran');
        const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
        assert.equal(diff.trim(), '', `entities differ from migrations:\n${diff}`);
      } finally {
        await orm.close(true);
        await db.drop();
      }
    });
  }
});
