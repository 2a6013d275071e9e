/**
 * A second hub process for the crash tests: `node feed-fetch-child.js <DATABASE_URL> <feed db id> <FEED_LEASE_TTL_MS>`
 * builds a hub on that database (no HTTP, no schedules) and fetches the feed, like `threatmesh feeds fetch`.
 * The test kills it with SIGKILL mid-fetch. Without arguments (e.g. loaded by the test runner) it does nothing.
 */
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config/config';
import { runFeedFetch } from '../../src/modules/feed/feed-run';
import { createLogger } from '../../src/shared/logger';

async function main(databaseUrl: string, feedId: number, leaseTtlMs: string) {
  const config = parseConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', HUB_ORG_NAME: 'Host Org', FEED_LEASE_TTL_MS: leaseTtlMs, OUTBOUND_ALLOW_PRIVATE: 'true' });
  const app = await createApp(config, { logger: createLogger('silent'), feedSchedules: false });
  try {
    const result = await runFeedFetch(app.hub, feedId);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app.stop();
  }
}

const [databaseUrl, feedId, leaseTtlMs] = process.argv.slice(2);
if (require.main === module && databaseUrl && feedId && leaseTtlMs) {
  main(databaseUrl, Number(feedId), leaseTtlMs).catch((e) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  });
}
