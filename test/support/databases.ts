import { testEnv } from '../../src/config/config';
import { scratchMysql, scratchSqlite, ScratchDatabase } from '../../src/db/test-database';

/** The databases the integration suites run on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set. */
export interface TestDatabase {
  name: 'sqlite' | 'mysql';
  create(): Promise<ScratchDatabase>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', create: async () => scratchSqlite() }];
  const mysqlUrl = testEnv().testMysqlUrl;
  if (mysqlUrl) list.push({ name: 'mysql', create: () => scratchMysql(mysqlUrl) });
  return list;
}
