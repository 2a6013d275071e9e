import { test } from 'node:test';
import { testEnv } from '../../src/config/config';
import { scratchMysql, scratchSqlite, ScratchDatabase } from './scratch-database';

/** The databases the integration suites run on: SQLite always, MariaDB/MySQL when TEST_MYSQL_URL is set. */
export interface TestDatabase {
  name: 'sqlite' | 'mysql';
  create(): Promise<ScratchDatabase>;
}

/**
 * SQLite always; MariaDB/MySQL when TEST_MYSQL_URL is set. Without it, the calling file reports the
 * MariaDB half as an explicit skip with its reason (never a silent pass).
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', create: async () => scratchSqlite() }];
  const mysqlUrl = testEnv().testMysqlUrl;
  if (mysqlUrl) list.push({ name: 'mysql', create: () => scratchMysql(mysqlUrl) });
  else test('the same suite on MariaDB', { skip: 'TEST_MYSQL_URL is not set (CI sets it)' }, () => {});
  return list;
}
