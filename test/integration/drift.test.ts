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

    // Test hubs start on copies of a migrated template (test/support/migrated-template.ts), not on
    // freshly migrated databases: a copy must be exactly what the migrations make.
    test(`a migrated copy (what test hubs start on) equals a freshly migrated database on ${database.name}`, async () => {
      const [fresh, copy] = [await database.create(), await database.migrated()];
      try {
        const freshOrm = await createOrm({ databaseUrl: fresh.url });
        try {
          assert.ok((await migrateUp(freshOrm)).length >= 1, 'migrations ran on the empty database');
        } finally {
          await freshOrm.close(true);
        }
        const [a, b] = [await schemaOf(fresh.url), await schemaOf(copy.url)];
        assert.ok(a.tables.length > 10, `tables: ${a.tables.join(', ')}`);
        assert.deepEqual(b, a);
        const copyOrm = await createOrm({ databaseUrl: copy.url });
        try {
          assert.deepEqual(await migrateUp(copyOrm), [], 'nothing pending on the copy');
        } finally {
          await copyOrm.close(true);
        }
      } finally {
        await fresh.drop();
        await copy.drop();
      }
    });
  }
});

/** Tables (their full definitions: columns, indexes, foreign keys) and the applied migrations of a database. */
async function schemaOf(databaseUrl: string): Promise<{ tables: string[]; definitions: string[]; migrations: string[] }> {
  const orm = await createOrm({ databaseUrl });
  try {
    const conn = orm.em.getConnection();
    const migrations = ((await conn.execute('select name from mikro_orm_migrations order by id')) as { name: string }[]).map((r) => r.name);
    if (databaseUrl.startsWith('sqlite:')) {
      const rows = (await conn.execute("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name")) as {
        type: string;
        name: string;
        sql: string | null;
      }[];
      return { tables: rows.filter((r) => r.type === 'table').map((r) => r.name), definitions: rows.map((r) => `${r.type} ${r.name}: ${r.sql}`), migrations };
    }
    const tables = ((await conn.execute("select table_name as name from information_schema.tables where table_schema = database() order by table_name")) as { name: string }[]).map((r) => r.name);
    const definitions: string[] = [];
    for (const t of tables) {
      const [row] = (await conn.execute(`show create table \`${t}\``)) as Record<string, string>[];
      // The next auto-increment value follows the rows (the migrations table's), not the schema.
      definitions.push(row['Create Table'].replace(/ AUTO_INCREMENT=\d+/, ''));
    }
    return { tables, definitions, migrations };
  } finally {
    await orm.close(true);
  }
}
