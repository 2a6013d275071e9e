import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { createOrm, migrateUp } from '../../src/db/orm';
import { Event } from '../../src/modules/event/event.entity';
import { Organisation } from '../../src/modules/organisation/organisation.entity';
import { Distribution } from '../../src/shared/enums';
import { testDatabases } from '../support/databases';
import { ScratchDatabase } from '../support/scratch-database';

/**
 * DESIGN §10 "every SQL value bound as a parameter": what the database driver receives (knex's `query`
 * event: the SQL text and its bindings) never contains a stored value, and values of every kind come
 * back exactly as written on both dialects.
 */

/** Quotes, backslashes, placeholders of every syntax, comment and LIKE characters, unicode. */
const TRICKY = `it's "quoted" \\ back\\\\slash \\' ? ?? \\? :name :b1x0 $1 ; -- x /* y */ # z % _ é 日本 😀 \t\n end`;

interface DriverQuery {
  sql: string;
  bindings: unknown[];
}

for (const database of testDatabases()) {
  describe(`SQL values are bound (${database.name})`, () => {
    let db: ScratchDatabase;
    let orm: MikroORM;
    const sent: DriverQuery[] = [];

    before(async () => {
      db = await database.create();
      orm = await createOrm({ databaseUrl: db.url });
      await migrateUp(orm);
      const knex = (orm.em as SqlEntityManager).getKnex() as Knex;
      knex.on('query', (q: { sql: string; bindings?: unknown[] }) => sent.push({ sql: q.sql, bindings: [...(q.bindings ?? [])] }));
    });
    after(async () => {
      await orm?.close(true);
      await db?.drop();
    });

    test('strings, dates and booleans round-trip exactly; the INSERT text carries none of them', async () => {
      const createdAt = new Date('2021-03-04T05:06:07.891Z');
      const publishedAt = new Date('1999-12-31T23:59:59.999Z');
      const em = orm.em.fork();
      const org = Object.assign(new Organisation(), { name: `org ${TRICKY}`, description: TRICKY, local: false, createdAt, updatedAt: createdAt });
      em.persist(org);
      sent.length = 0;
      await em.flush();
      const inserts = sent.filter((q) => /^insert/i.test(q.sql));
      assert.equal(inserts.length, 1, JSON.stringify(sent));
      assert.ok(!inserts[0].sql.includes('quoted') && !inserts[0].sql.includes('2021'), `value in the SQL text: ${inserts[0].sql}`);
      assert.ok(inserts[0].bindings.includes(TRICKY), `value not among the bindings: ${JSON.stringify(inserts[0].bindings)}`);

      const event = Object.assign(new Event(), {
        info: TRICKY,
        date: '2021-03-04',
        distribution: Distribution.ORGANISATION_ONLY,
        ownerOrg: org,
        creatorOrg: org,
        published: true,
        publishedAt,
        timestamp: createdAt,
        locked: true,
        disableCorrelation: false,
      });
      await em.persist(event).flush();

      // Read back in a fresh context, found by the tricky value itself (a bound WHERE).
      const read = orm.em.fork();
      const o = await read.findOneOrFail(Organisation, { name: `org ${TRICKY}` });
      assert.equal(o.description, TRICKY);
      assert.equal(o.local, false);
      assert.equal(o.createdAt.toISOString(), createdAt.toISOString());
      const e = await read.findOneOrFail(Event, { info: TRICKY, published: true, publishedAt: { $gte: publishedAt } });
      assert.equal(e.id, event.id);
      assert.equal(e.published, true);
      assert.equal(e.locked, true);
      assert.equal(e.disableCorrelation, false);
      assert.equal(e.publishedAt?.toISOString(), publishedAt.toISOString());
      assert.equal(e.timestamp.toISOString(), createdAt.toISOString());
      assert.equal(await read.count(Event, { publishedAt: { $gt: publishedAt } }), 0);
      assert.equal(await read.count(Organisation, { name: { $in: [`org ${TRICKY}`, 'nobody'] }, local: false }), 1);
    });

    test('a list longer than SQLite allows values in one statement still runs', async () => {
      const ids = Array.from({ length: 40_000 }, (_, i) => i + 1);
      const found = await orm.em.fork().find(Organisation, { id: { $in: ids } }, { fields: ['id'] });
      assert.ok(found.length >= 1);
    });

    test('hand-written SQL through the connection: values bound, `\\?` stays a literal question mark', async () => {
      const conn = orm.em.getConnection();
      sent.length = 0;
      const rows = (await conn.execute("select ? as v, 'a\\?b' as lit, ? as n", [TRICKY, 42])) as Array<{ v: string; lit: string; n: number }>;
      assert.equal(rows[0].v, TRICKY);
      assert.equal(rows[0].lit, 'a?b');
      assert.equal(Number(rows[0].n), 42);
      assert.ok(!sent[0].sql.includes('quoted'), sent[0].sql);
      assert.deepEqual(sent[0].bindings, [TRICKY, 42]);
    });
  });
}
