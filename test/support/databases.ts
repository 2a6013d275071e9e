import { test } from 'node:test';
import { testEnv } from '../../src/config/config';
import { databaseList, TestDatabase } from './migrated-template';

export type { TestDatabase };

/**
 * SQLite always; MariaDB/MySQL when TEST_MYSQL_URL is set. Without it, the calling file reports the
 * MariaDB half as an explicit skip with its reason (never a silent pass).
 */
export function testDatabases(): TestDatabase[] {
  const mysqlUrl = testEnv().testMysqlUrl;
  if (!mysqlUrl) test('the same suite on MariaDB', { skip: 'TEST_MYSQL_URL is not set (CI sets it)' }, () => {});
  return databaseList(mysqlUrl);
}
