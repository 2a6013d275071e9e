/**
 * The only place the benchmarks read the process environment (src/config stays the hub's own reader).
 *
 *   BENCH_MYSQL_URL  MariaDB/MySQL server to also run on, e.g. mariadb://root@127.0.0.1:3306/test
 *                    (a scratch database is created on it and dropped again); falls back to TEST_MYSQL_URL.
 */
export interface BenchEnv {
  readonly mysqlUrl: string | undefined;
}

export function benchEnv(env: NodeJS.ProcessEnv = process.env): BenchEnv {
  return Object.freeze({ mysqlUrl: env.BENCH_MYSQL_URL || env.TEST_MYSQL_URL || undefined });
}
