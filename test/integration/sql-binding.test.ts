import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM, raw } from '@mikro-orm/core';
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
      db = await database.migrated();
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

    test('a literal question mark in the SQL text is never a placeholder: each value lands at its own `?`', async () => {
      const conn = orm.em.getConnection();
      sent.length = 0;
      // `\?` literals before, between and after the values, inside quoted strings and doubled.
      const rows = (await conn.execute("select 'a\\?' as l1, ? as v1, 'b\\?\\?c' as l2, ? as v2, '\\?' as l3", ['what?', '??'])) as Array<Record<string, string>>;
      assert.deepEqual({ ...rows[0] }, { l1: 'a?', v1: 'what?', l2: 'b??c', v2: '??', l3: '?' });
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].bindings, ['what?', '??']);
      // The driver receives the question marks of the literals as they are (no backslash left over).
      assert.ok(sent[0].sql.includes("'b??c'") && !sent[0].sql.includes('\\'), sent[0].sql);
      assert.ok(!sent[0].sql.includes('what'), sent[0].sql);
    });

    test('`??` is an identifier, quoted in the text; lists and lists of tuples are bound value by value', async () => {
      const conn = orm.em.getConnection();
      const names = [`q? it's "x" \\ ?? \\? :name`, 'q?? two', 'q\\? three'];
      sent.length = 0;
      await conn.execute('insert into ?? (??, ??) values ?', ['hub_settings', 'name', 'value', names.map((n, i) => [n, `${i}?`])], 'run');
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].bindings, names.flatMap((n, i) => [n, `${i}?`]));
      assert.match(sent[0].sql, /^insert into [`"]hub_settings[`"] \([`"]name[`"], [`"]value[`"]\) values \(\?, \?\), \(\?, \?\), \(\?, \?\)$/);
      sent.length = 0;
      const rows = (await conn.execute('select ?? as v from ?? where ?? in (?) order by ?? desc', ['value', 'hub_settings', 'name', names, 'value'])) as Array<{ v: string }>;
      assert.deepEqual(rows.map((r) => r.v), ['2?', '1?', '0?']);
      assert.deepEqual(sent[0].bindings, names);
      await conn.execute('delete from hub_settings where name in (?)', [names], 'run');
    });

    test('dates, JSON, buffers, bigints, booleans and nulls are bound as MikroORM would write them', async () => {
      const conn = orm.em.getConnection();
      const sqlite = database.name === 'sqlite';
      const d1 = new Date('2021-03-04T05:06:07.891Z');
      const d2 = new Date('1999-12-31T23:59:59.999Z');
      const written = (d: Date) => (sqlite ? d.getTime() : d.toISOString().slice(0, 23).replace('T', ' '));
      const json = { text: TRICKY, list: [1, 'two?', null], nested: { ok: true } };
      const bytes = Buffer.from([0x00, 0x3f, 0x27, 0x5c, 0x3f, 0x3f, 0xff, 0x0a]); // NUL ? ' \ ? ? 0xff LF
      const big = 9007199254740993n; // above 2^53: exact only if bound as a bigint
      sent.length = 0;
      const rows = (await conn.execute(
        'select ? as d1, ? as d2, ? as d3, ? as j, hex(?) as b, cast(? as char) as big, ? as t, ? as f, ? is null as n1, ? is null as n2',
        [d1, d2, new Date(d1.getTime()), json, bytes, big, true, false, null, undefined],
      )) as Array<Record<string, unknown>>;
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].bindings, [written(d1), written(d2), written(d1), JSON.stringify(json), bytes, big, 1, 0, null, null]);
      assert.ok(!/2021|1999|two|quoted/.test(sent[0].sql), sent[0].sql);
      const r = rows[0];
      assert.equal(String(r.d1), String(written(d1)));
      assert.equal(String(r.d2), String(written(d2)));
      assert.equal(String(r.d3), String(written(d1)));
      assert.deepEqual(JSON.parse(String(r.j)), json);
      assert.equal(String(r.b), bytes.toString('hex').toUpperCase());
      assert.equal(String(r.big), big.toString());
      assert.equal(Number(r.t), 1);
      assert.equal(Number(r.f), 0);
      assert.equal(Number(r.n1), 1);
      assert.equal(Number(r.n2), 1);
    });

    test('a raw fragment with its own parameters is spliced in with them bound', async () => {
      const conn = orm.em.getConnection();
      sent.length = 0;
      const rows = (await conn.execute('select ? as a, ? as b', [raw('upper(?)', ['it\'s a?b']), 'c?'])) as Array<{ a: string; b: string }>;
      assert.equal(rows[0].a, "IT'S A?B");
      assert.equal(rows[0].b, 'c?');
      assert.deepEqual(sent[0].bindings, ["it's a?b", 'c?']);
      assert.ok(/upper\(\?\)/.test(sent[0].sql) && !sent[0].sql.includes('it'), sent[0].sql);
    });

    test('values round-trip through the ORM: tricky text with `?`, `??`, `\\?` in it, found again by a bound WHERE', async () => {
      const em = orm.em.fork();
      const names = ['?', '??', '\\?', 'a ? b ?? c \\? d', `${TRICKY}?`];
      const now = new Date('2024-02-29T12:00:00.000Z');
      for (const name of names) em.persist(Object.assign(new Organisation(), { name: `rt ${name}`, description: name, local: true, createdAt: now, updatedAt: now }));
      await em.flush();
      const read = orm.em.fork();
      for (const name of names) {
        const o = await read.findOneOrFail(Organisation, { name: `rt ${name}` });
        assert.equal(o.description, name);
      }
      const found = await read.find(Organisation, { description: { $in: names }, createdAt: now }, { orderBy: { id: 'asc' } });
      assert.deepEqual(found.map((o) => o.description), names);
    });
  });
}
