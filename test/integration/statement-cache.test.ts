import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { createOrm, migrateUp } from '../../src/db/orm';
import { CachingBetterSqliteDialect, inlineLimits, SQLITE_ANALYSIS_LIMIT, SqliteDatabase, StatementCache } from '../../src/db/statement-cache';
import { scratchSqlite, ScratchDatabase } from '../support/scratch-database';

/**
 * SQLite keeps prepared statements per connection (db/statement-cache.ts): the same text with other
 * values reads the other rows, statements survive schema changes and transactions, a busy statement is
 * not handed out twice, the cache stays within its limits and goes with its connection. On a real
 * SQLite database through the hub's own ORM setup (SQLite only: MariaDB does not use it).
 */

/** The knex client of an ORM on SQLite (the hub's caching dialect). */
const sqliteClientOf = (orm: MikroORM) => ((orm.em as SqlEntityManager).getKnex() as unknown as { client: CachingBetterSqliteDialect }).client;

describe('prepared statements kept per SQLite connection', () => {
  let db: ScratchDatabase;
  let orm: MikroORM;
  let knex: Knex;
  let client: CachingBetterSqliteDialect;

  /** The pool's connection (SQLite: one) and its cache, for the duration of `work`. */
  async function withConnection<T>(work: (conn: SqliteDatabase, cache: StatementCache) => Promise<T> | T): Promise<T> {
    const conn = (await client.acquireConnection()) as SqliteDatabase;
    try {
      const cache = client.statementCache(conn);
      assert.ok(cache, 'the pool connection has no statement cache');
      return await work(conn, cache);
    } finally {
      await client.releaseConnection(conn);
    }
  }

  const execute = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    orm.em.getConnection().execute<T[]>(sql, params, 'all');

  before(async () => {
    db = scratchSqlite();
    orm = await createOrm({ databaseUrl: db.url });
    await migrateUp(orm);
    knex = (orm.em as SqlEntityManager).getKnex() as Knex;
    client = sqliteClientOf(orm);
    assert.ok(client instanceof CachingBetterSqliteDialect, 'the SQLite knex client is not the caching one');
    await execute('create table cache_probe (id integer primary key, name text not null)');
    await orm.em.getConnection().execute('insert into cache_probe (id, name) values (?, ?), (?, ?), (?, ?)', [1, 'one', 2, 'two', 3, 'three'], 'run');
  });
  after(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  test('the same text with other values runs the kept statement and reads the other rows', async () => {
    const sql = 'select id, name from cache_probe where id = ? or name = ? order by id';
    const before = await withConnection((_, cache) => ({ prepared: cache.prepared, reused: cache.reused }));
    assert.deepEqual(await execute(sql, [1, 'three']), [
      { id: 1, name: 'one' },
      { id: 3, name: 'three' },
    ]);
    assert.deepEqual(await execute(sql, [2, 'nothing']), [{ id: 2, name: 'two' }]);
    assert.deepEqual(await execute(sql, [4, 'nothing']), []);
    const afterwards = await withConnection((_, cache) => ({ prepared: cache.prepared, reused: cache.reused }));
    assert.equal(afterwards.prepared - before.prepared, 1, 'the text was prepared more than once');
    assert.equal(afterwards.reused - before.reused, 2);

    // A write statement kept: its changes and row id are those of each run.
    const insert = 'insert into cache_probe (id, name) values (?, ?)';
    const first = await orm.em.getConnection().execute<{ insertId: number; affectedRows: number }>(insert, [10, 'ten'], 'run');
    const second = await orm.em.getConnection().execute<{ insertId: number; affectedRows: number }>(insert, [11, 'eleven'], 'run');
    assert.deepEqual([first.insertId, first.affectedRows, second.insertId, second.affectedRows], [10, 1, 11, 1]);
    const failed = await orm.em
      .getConnection()
      .execute(insert, [11, 'again'], 'run')
      .then(
        () => 'no error',
        (e: Error) => e.message,
      );
    assert.match(failed, /UNIQUE constraint failed/);
    // The statement that threw is reset: it runs again.
    await orm.em.getConnection().execute(insert, [12, 'twelve'], 'run');
    assert.deepEqual(await execute('select name from cache_probe where id >= ? order by id', [10]), [{ name: 'ten' }, { name: 'eleven' }, { name: 'twelve' }]);
  });

  test('LIMIT and OFFSET values are written into the text (SQLite compiles a statement with a bound LIMIT again at every run); other values stay bound', async () => {
    const sql = 'select id, name from cache_probe where id <= ? order by id limit ? offset ?';
    const kept = (text: string) => withConnection((_, cache) => cache.has(text));
    assert.deepEqual(await execute(sql, [3, 2, 1]), [{ id: 2, name: 'two' }, { id: 3, name: 'three' }]);
    assert.deepEqual(await execute(sql, [2, 2, 1]), [{ id: 2, name: 'two' }]);
    assert.deepEqual(await execute(sql, [3, 1, 0]), [{ id: 1, name: 'one' }]);
    assert.ok(await kept('select id, name from cache_probe where id <= ? order by id limit 2 offset 1'));
    assert.ok(await kept('select id, name from cache_probe where id <= ? order by id limit 1 offset 0'));
    assert.ok(!(await kept(sql)), 'the text with a bound limit was kept');

    // The pure rewrite: only integer values right after LIMIT / OFFSET, never inside quotes.
    assert.deepEqual(inlineLimits("select '?', `limit ?` from t where a = ? and b = 'limit ?' limit ?", ['x', 5]), {
      sql: "select '?', `limit ?` from t where a = ? and b = 'limit ?' limit 5",
      bindings: ['x'],
    });
    assert.deepEqual(inlineLimits('select * from t where id in (select id from u limit ?) and x = ? limit ? offset ?', [3, 'a', 10, 20]), {
      sql: 'select * from t where id in (select id from u limit 3) and x = ? limit 10 offset 20',
      bindings: ['a'],
    });
    for (const odd of [-1, 1.5, '10', 2 ** 60, null]) {
      assert.deepEqual(inlineLimits('select * from t limit ?', [odd]), { sql: 'select * from t limit ?', bindings: [odd] }, String(odd));
    }
    const plain = ['x'];
    assert.equal(inlineLimits('select * from t where a = ?', plain).bindings, plain, 'a text without LIMIT ? is passed as it is');
  });

  test('every connection has the hub\'s SQLite settings: on a new database file (its first start) and when the file is opened again', async () => {
    const settings = (conn: SqliteDatabase) =>
      Object.fromEntries(
        ['journal_mode', 'synchronous', 'busy_timeout', 'foreign_keys', 'analysis_limit'].map((name) => [name, conn.pragma(name, { simple: true })]),
      );
    // NORMAL is 1. The first start of a new file ran FULL (2) before: better-sqlite3's default of NORMAL
    // applies only to a file that is already in WAL mode when opened.
    const expected = { journal_mode: 'wal', synchronous: 1, busy_timeout: 5000, foreign_keys: 1, analysis_limit: SQLITE_ANALYSIS_LIMIT };
    assert.deepEqual(await withConnection((conn) => settings(conn)), expected, 'the connection that created the file');
    const again = await createOrm({ databaseUrl: db.url });
    try {
      const otherClient = sqliteClientOf(again);
      const conn = (await otherClient.acquireConnection()) as SqliteDatabase;
      try {
        assert.deepEqual(settings(conn), expected, 'a connection opening the existing file');
      } finally {
        await otherClient.releaseConnection(conn);
      }
    } finally {
      await again.close(true);
    }
  });

  test('ANALYZE through the hub gathers sqlite_stat1 only: no stat4 samples, which would have statements planned again at each run', async () => {
    await execute('create table analyze_probe (id integer primary key, kind integer not null)');
    await execute('create index analyze_probe_kind on analyze_probe (kind)');
    for (let i = 0; i < 5; i++) {
      const rows = Array.from({ length: 500 }, (_, j) => i * 500 + j);
      await orm.em.getConnection().execute(`insert into analyze_probe (id, kind) values ${rows.map(() => '(?, ?)').join(', ')}`, rows.flatMap((id) => [id, id % 7]), 'run');
    }
    await execute('analyze');
    assert.deepEqual(await execute('pragma analysis_limit'), [{ analysis_limit: SQLITE_ANALYSIS_LIMIT }]);
    const stat1 = await execute<{ idx: string }>("select idx from sqlite_stat1 where tbl = 'analyze_probe'");
    assert.ok(stat1.some((r: { idx: string }) => r.idx === 'analyze_probe_kind'), 'ANALYZE wrote no statistics for the index');
    const [stat4Table] = await execute<{ n: number }>("select count(*) as n from sqlite_master where name = 'sqlite_stat4'");
    if (stat4Table.n > 0) assert.deepEqual(await execute("select count(*) as n from sqlite_stat4 where tbl = 'analyze_probe'"), [{ n: 0 }]);
  });

  test('a kept statement follows schema changes (ALTER, DROP and re-CREATE as a migration does)', async () => {
    await execute('create table cache_schema (id integer primary key, a text)');
    await orm.em.getConnection().execute('insert into cache_schema (id, a) values (?, ?)', [1, 'x'], 'run');
    const star = 'select * from cache_schema where id = ?';
    assert.deepEqual(await execute(star, [1]), [{ id: 1, a: 'x' }]);

    await execute('alter table cache_schema add column b text');
    await orm.em.getConnection().execute('update cache_schema set b = ? where id = ?', ['y', 1], 'run');
    assert.deepEqual(await execute(star, [1]), [{ id: 1, a: 'x', b: 'y' }]);

    await execute('drop table cache_schema');
    const gone = await execute(star, [1]).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    assert.match(gone, /no such table: cache_schema/);
    await execute('create table cache_schema (id integer primary key, c integer not null)');
    await orm.em.getConnection().execute('insert into cache_schema (id, c) values (?, ?)', [1, 42], 'run');
    assert.deepEqual(await execute(star, [1]), [{ id: 1, c: 42 }]);
  });

  test('kept statements run inside a transaction, and its rollback undoes their writes', async () => {
    const insert = 'insert into cache_probe (id, name) values (?, ?)';
    const count = 'select count(*) as n from cache_probe where id between ? and ?';
    await orm.em.getConnection().execute(insert, [20, 'twenty'], 'run');
    const rolledBack = await orm.em
      .getConnection()
      .transactional(async (trx) => {
        await orm.em.getConnection().execute(insert, [21, 'twenty-one'], 'run', trx);
        const [{ n }] = await orm.em.getConnection().execute<{ n: number }[]>(count, [20, 29], 'all', trx);
        assert.equal(n, 2);
        throw new Error('roll back');
      })
      .then(
        () => 'committed',
        (e: Error) => e.message,
      );
    assert.equal(rolledBack, 'roll back');
    assert.deepEqual(await execute(count, [20, 29]), [{ n: 1 }]);
    await orm.em.getConnection().transactional(async (trx) => {
      await orm.em.getConnection().execute(insert, [22, 'twenty-two'], 'run', trx);
    });
    assert.deepEqual(await execute(count, [20, 29]), [{ n: 2 }]);
  });

  test('transaction control is not kept: nested transactions (a new savepoint name each) leave no statement behind', async () => {
    const insert = 'insert into cache_probe (id, name) values (?, ?)';
    const kept = () => withConnection((_, cache) => cache.size);
    const nested = (id: number) =>
      orm.em.getConnection().transactional(async (outer) => {
        await orm.em.getConnection().transactional(async (inner) => {
          await orm.em.getConnection().execute(insert, [id, `nested ${id}`], 'run', inner);
        }, { ctx: outer });
      });
    await nested(30); // the insert's text is kept from here on
    const size = await kept();
    for (let id = 31; id < 36; id++) await nested(id);
    assert.equal(await kept(), size, 'savepoint statements were kept');
    assert.deepEqual(await execute('select count(*) as n from cache_probe where id between ? and ?', [30, 35]), [{ n: 6 }]);
  });

  test('a query with its own safeIntegers setting does not pass it on to the kept statement', async () => {
    const sql = 'select id from cache_probe where id = ?';
    assert.deepEqual(await execute(sql, [1]), [{ id: 1 }]);
    const big = await knex.raw(sql, [1]).options({ safeIntegers: true });
    assert.deepEqual(big, [{ id: 1n }]);
    assert.deepEqual(await execute(sql, [1]), [{ id: 1 }]);
  });

  test('a statement being iterated is not handed out again until its iterator ends', async () => {
    await withConnection((conn) => {
      const cache = new StatementCache(conn, { statements: 10, textLength: 10_000 });
      const sql = 'select id from cache_probe order by id';
      const kept = cache.get(sql) as unknown as { iterate(): Iterator<{ id: number }> } & ReturnType<StatementCache['get']>;
      const rows = kept.iterate();
      assert.deepEqual(rows.next().value, { id: 1 });
      assert.equal(kept.busy, true);
      const other = cache.get(sql);
      assert.notEqual(other, kept, 'the busy statement was handed out again');
      assert.equal(other.busy, false);
      rows.return?.();
      assert.equal(kept.busy, false);
      assert.equal(cache.get(sql), kept, 'the kept statement was not used again once free');
      assert.deepEqual(kept.all().slice(0, 3), [{ id: 1 }, { id: 2 }, { id: 3 }]);
    });
  });

  test('the cache keeps at most its limits, dropping the least recently used', async () => {
    await withConnection((conn) => {
      const cache = new StatementCache(conn, { statements: 3, textLength: 250 });
      const text = (k: number) => `select ${k} as k`;
      const first = cache.get(text(1));
      cache.get(text(2));
      cache.get(text(3));
      assert.equal(cache.get(text(1)), first, 'a kept statement was prepared again');
      cache.get(text(4)); // drops 2, the least recently used
      assert.equal(cache.size, 3);
      const prepared = cache.prepared;
      cache.get(text(1));
      cache.get(text(3));
      cache.get(text(4));
      assert.equal(cache.prepared, prepared, '1, 3 and 4 should still be kept');
      cache.get(text(2));
      assert.equal(cache.prepared, prepared + 1, '2 should have been dropped');
      for (let k = 0; k < 1000; k++) assert.deepEqual(cache.get(text(k)).all(), [{ k }]);
      assert.equal(cache.size, 3);

      // The text budget: long statements push out others; one longer than the budget is not kept.
      const long = (k: number) => `select ${k} as k, '${'x'.repeat(80)}' as pad`;
      cache.get(long(1));
      cache.get(long(2));
      assert.equal(cache.size, 3, 'a short text and two of 104 characters fit in 250');
      cache.get(long(3));
      assert.equal(cache.size, 2, 'three texts of 104 characters exceed 250: the two least recently used go');
      const kept = cache.prepared;
      cache.get(long(2));
      cache.get(long(3));
      assert.equal(cache.prepared, kept, 'the two most recent long texts should be kept');
      const huge = `select '${'y'.repeat(300)}' as pad`;
      assert.equal(cache.get(huge).all().length, 1);
      assert.equal(cache.size, 2);
      const before = cache.prepared;
      cache.get(huge);
      assert.equal(cache.prepared, before + 1, 'a text over the budget was kept');
    });
  });

  test('a connection destroyed by the pool leaves its statements behind; a new one starts empty', async () => {
    const scratch = scratchSqlite();
    const other = await createOrm({ databaseUrl: scratch.url });
    try {
      const otherKnex = (other.em as SqlEntityManager).getKnex() as unknown as { client: CachingBetterSqliteDialect };
      const conn = (await otherKnex.client.acquireConnection()) as SqliteDatabase;
      await otherKnex.client.releaseConnection(conn);
      await other.em.getConnection().execute('select 1 as one');
      assert.ok((otherKnex.client.statementCache(conn)?.size ?? 0) > 0);
      await other.close(true);
      assert.equal(otherKnex.client.statementCache(conn), undefined, 'the closed connection still has a cache');
    } finally {
      await other.close(true);
      await scratch.drop();
    }
  });
});
