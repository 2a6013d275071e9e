import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/core';
import { createOrm } from '../../src/db/orm';
import { testDatabases } from '../support/databases';
import { ScratchDatabase } from '../support/scratch-database';

/**
 * Every MariaDB connection of the hub's pool runs with rowid filters off (src/db/orm.ts: with them,
 * MariaDB walked all events for a tag + 7 days lookup at 1,000,000 attributes, 10-20x slower than its
 * range on attributes(type, timestamp); bench:search shows the figure). The setting is per session, so
 * it is checked on several connections opened at once, not only the first.
 */
// MariaDB only (SQLite has no optimizer_switch); without TEST_MYSQL_URL, testDatabases reports the skip.
for (const database of testDatabases().filter((d) => d.name !== 'sqlite')) {
  describe(`database sessions (${database.name})`, () => {
    let db: ScratchDatabase;
    let orm: MikroORM;
    before(async () => {
      db = await database.migrated();
      orm = await createOrm({ databaseUrl: db.url });
    });
    after(async () => {
      await orm?.close(true);
      await db?.drop();
    });

    test('every pooled MariaDB connection has rowid filters off', async () => {
      const conn = orm.em.getConnection();
      // Held open together (sleep), the reads need as many connections.
      const rows = await Promise.all(
        Array.from({ length: 4 }, () => conn.execute<Array<{ id: number; sw: string }>>('select connection_id() as id, @@session.optimizer_switch as sw, sleep(0.2) as s')),
      );
      const ids = new Set(rows.map((r) => Number(r[0].id)));
      assert.ok(ids.size >= 2, `expected several connections, got ${[...ids]}`);
      for (const r of rows) assert.match(r[0].sw, /(^|,)rowid_filter=off(,|$)/, `connection ${r[0].id}: ${r[0].sw}`);
    });
  });
}
