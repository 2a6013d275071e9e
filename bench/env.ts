/**
 * The only place the benchmarks read the process environment (src/config stays the hub's own reader).
 *
 *   BENCH_MYSQL_URL  MariaDB/MySQL server to also run on, e.g. mariadb://root@127.0.0.1:3306/test
 *                    (a scratch database is created on it and dropped again); falls back to TEST_MYSQL_URL.
 *   BENCH_ONLY       run on one database only: `sqlite` or `mysql` (for a quicker run while tuning).
 *   BENCH_FEED_MEMORY `0` skips feed-ingest's memory part (1M CSV rows on SQLite).
 */
export interface BenchEnv {
  readonly mysqlUrl: string | undefined;
  readonly only: 'sqlite' | 'mysql' | undefined;
  readonly feedMemory: boolean;
}

export function benchEnv(env: NodeJS.ProcessEnv = process.env): BenchEnv {
  const only = env.BENCH_ONLY === 'sqlite' || env.BENCH_ONLY === 'mysql' ? env.BENCH_ONLY : undefined;
  return Object.freeze({ mysqlUrl: env.BENCH_MYSQL_URL || env.TEST_MYSQL_URL || undefined, only, feedMemory: env.BENCH_FEED_MEMORY !== '0' });
}
