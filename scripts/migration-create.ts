/**
 * Developer tool: generates the next migration for BOTH dialects from the entity diff.
 *   npm run migration:create -- mariadb://root@127.0.0.1:3306/test
 * Each dialect: a scratch database is migrated up with the committed migrations, then the difference to
 * the entities is written as a new TypeScript migration into migrations/<dialect>/.
 */
import { createOrm, migrationsSourcePath, migrateUp, MigrationsDialect, ormConfig } from '../src/db/orm';
import { MikroORM } from '@mikro-orm/core';
import { scratchMysql, scratchSqlite, ScratchDatabase } from '../test/support/scratch-database';

async function generate(dialect: MigrationsDialect, db: ScratchDatabase) {
  try {
    const up = await createOrm({ databaseUrl: db.url });
    await migrateUp(up);
    await up.close(true);
    const cfg = ormConfig({ databaseUrl: db.url });
    const orm = await MikroORM.init({ ...cfg, migrations: { ...cfg.migrations, path: migrationsSourcePath(dialect) } });
    const res = await orm.getMigrator().createMigration(migrationsSourcePath(dialect));
    await orm.close(true);
    console.log(res.diff.up.length ? `${dialect}: wrote ${res.fileName}` : `${dialect}: no changes`);
  } finally {
    await db.drop();
  }
}

async function main() {
  const mysqlUrl = process.argv[2];
  if (!mysqlUrl || !/^(mariadb|mysql):\/\//.test(mysqlUrl)) {
    console.error('usage: npm run migration:create -- mariadb://user@host:port/db');
    process.exit(2);
  }
  await generate('sqlite', scratchSqlite());
  await generate('mysql', await scratchMysql(mysqlUrl));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
