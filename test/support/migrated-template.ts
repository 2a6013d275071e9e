import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, Connection } from 'mariadb';
import { createOrm, migrateUp, MigrationsDialect, migrationsPath } from '../../src/db/orm';
import { scratchMysql, scratchSqlite, ScratchDatabase } from './scratch-database';

/**
 * Fresh test databases that already hold every migration: a copy of a template database that the
 * migrations of this build were applied to once (the same createOrm + migrateUp a hub start runs).
 * Starting a hub on an empty database applies every migration again: on MariaDB some 230 DDL statements,
 * seconds of server work per hub on a loaded machine; a copy is a file copy (SQLite) or one CREATE TABLE
 * per table (MariaDB). The migrations themselves stay tested where that is the point: the drift test,
 * the first-start, startup and CLI tests start from empty databases (scratch-database.ts, `TestDatabase.create()`),
 * and test/integration/drift.test.ts checks that a copy has the schema of the migrations.
 *
 * The template is named by a hash of the compiled migrations, so a changed or added migration makes a
 * new one; it is shared by the test processes (built once, under a lock, then only read).
 */

/** A hash of the compiled migrations of a dialect (names and contents). */
function migrationsHash(dialect: MigrationsDialect): { hash: string; count: number } {
  const dir = migrationsPath(dialect);
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return { hash: h.digest('hex').slice(0, 16), count: files.length };
}

async function migrate(url: string): Promise<void> {
  const orm = await createOrm({ databaseUrl: url });
  try {
    await migrateUp(orm);
  } finally {
    await orm.close(true);
  }
}

/**
 * The SQLite template file (below the OS temporary directory). A process that finds none builds one under
 * a name of its own and renames it into place (atomic), so processes starting together never see half a file.
 */
async function sqliteTemplate(): Promise<string> {
  const { hash } = migrationsHash('sqlite');
  const file = join(tmpdir(), `threatmesh-template-${hash}.sqlite`);
  if (existsSync(file)) return file;
  const building = scratchSqlite();
  try {
    await migrate(building.url);
    // Closing the last connection checkpoints the WAL into the file: the file alone is the database.
    const built = building.url.slice('sqlite:'.length);
    if (existsSync(`${built}-wal`) && statSync(`${built}-wal`).size > 0) throw new Error(`${built}-wal is left after closing: the template would miss its content`);
    renameSync(built, file);
  } finally {
    await building.drop();
  }
  return file;
}

/** The statements that make a copy of the MariaDB template: its tables, then the rows it holds (the migrations table). */
interface MysqlCopy {
  template: string;
  statements: string[];
}

function connect(serverUrl: string, multipleStatements = false): Promise<Connection> {
  const u = new URL(serverUrl);
  return createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password || ''),
    connectTimeout: 10_000,
    multipleStatements,
  });
}

const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * The MariaDB template database `tm_template_<hash>` on the test server: built under a server lock by the
 * first process that needs it (rebuilt if a process died while building it: fewer recorded migrations
 * than files), then read for its CREATE TABLE statements.
 */
async function mysqlCopy(serverUrl: string): Promise<MysqlCopy> {
  const { hash, count } = migrationsHash('mysql');
  const template = `tm_template_${hash}`;
  const conn = await connect(serverUrl);
  try {
    const [{ locked }] = await conn.query('SELECT GET_LOCK(?, 300) AS locked', [template]);
    if (Number(locked) !== 1) throw new Error(`could not lock the template database ${template}`);
    try {
      const recorded = await conn
        .query(`SELECT COUNT(*) AS n FROM ${q(template)}.mikro_orm_migrations`)
        .then((rows: { n: number | bigint }[]) => Number(rows[0].n), () => -1);
      if (recorded !== count) {
        await conn.query(`DROP DATABASE IF EXISTS ${q(template)}`);
        await conn.query(`CREATE DATABASE ${q(template)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        const url = new URL(serverUrl);
        url.pathname = `/${template}`;
        await migrate(url.toString());
      }
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [template]);
    }
    const tables: { name: string }[] = await conn.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
      [template],
    );
    const statements: string[] = [];
    for (const t of tables) {
      const [row] = await conn.query(`SHOW CREATE TABLE ${q(template)}.${q(t.name)}`);
      statements.push(row['Create Table'] as string);
    }
    // Rows the migrations wrote (the migrations table's; any other a migration may fill).
    for (const t of tables) {
      const [{ any }] = await conn.query(`SELECT EXISTS (SELECT 1 FROM ${q(template)}.${q(t.name)}) AS \`any\``);
      if (Number(any)) statements.push(`INSERT INTO ${q(t.name)} SELECT * FROM ${q(template)}.${q(t.name)}`);
    }
    return { template, statements };
  } finally {
    await conn.end();
  }
}

/** What one test process has learnt of the templates (built or read once per process). */
export class MigratedTemplates {
  private sqlite: Promise<string> | null = null;
  private mysql: Promise<MysqlCopy> | null = null;

  /** A fresh SQLite file holding every migration. */
  async sqliteDatabase(): Promise<ScratchDatabase> {
    this.sqlite ??= sqliteTemplate();
    const template = await this.sqlite;
    const db = scratchSqlite();
    copyFileSync(template, db.url.slice('sqlite:'.length));
    return db;
  }

  /** A fresh database on the MariaDB/MySQL server of `serverUrl` holding every migration. */
  async mysqlDatabase(serverUrl: string): Promise<ScratchDatabase> {
    this.mysql ??= mysqlCopy(serverUrl);
    const copy = await this.mysql;
    const db = await scratchMysql(serverUrl);
    const conn = await connect(serverUrl, true);
    try {
      const name = new URL(db.url).pathname.slice(1);
      await conn.query([`USE ${q(name)}`, 'SET FOREIGN_KEY_CHECKS = 0', ...copy.statements, 'SET FOREIGN_KEY_CHECKS = 1'].join(';\n'));
    } catch (e) {
      await db.drop();
      throw e;
    } finally {
      await conn.end();
    }
    return db;
  }
}

/** The databases the integration suites run on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set. */
export interface TestDatabase {
  name: 'sqlite' | 'mysql';
  /** A fresh, empty database (a hub started on it applies every migration). */
  create(): Promise<ScratchDatabase>;
  /**
   * A fresh database that already holds every migration (a copy of a template migrated once:
   * test/support/migrated-template.ts): what test hubs start on.
   */
  migrated(): Promise<ScratchDatabase>;
}

/** SQLite always; MariaDB/MySQL when `mysqlUrl` is given. */
export function databaseList(mysqlUrl: string | undefined): TestDatabase[] {
  const templates = new MigratedTemplates();
  const list: TestDatabase[] = [{ name: 'sqlite', create: async () => scratchSqlite(), migrated: () => templates.sqliteDatabase() }];
  if (mysqlUrl) list.push({ name: 'mysql', create: () => scratchMysql(mysqlUrl), migrated: () => templates.mysqlDatabase(mysqlUrl) });
  return list;
}
