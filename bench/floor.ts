/**
 * floor: what every hub request costs before it reads any data. `{ __typename }` over HTTP as an org
 * USER with an API key (HTTP, body parse, rate limits, authentication, Apollo parse/validate/execute),
 * next to a bare node:http endpoint of this process answering the same body with the same JSON
 * (the transport alone), in the same run. Goal: hub p50 <= 0.8 ms.
 *
 * The hub runs twice per database, each beside the bare endpoint: with the authentication cache
 * (AUTH_CACHE=on: what a hub with REDIS_URL runs by default, AUTH_CACHE=auto; the figure the goal is
 * about), and as a hub without Redis runs by default (cache off: the key, user, organisation and
 * memberships read on every request). Runs with NODE_ENV=production unless NODE_ENV is set.
 *
 *   npm run build && node dist/bench/floor.js                (SQLite; BENCH_MYSQL_URL adds MariaDB)
 *   node dist/bench/floor.js --iterations=5000 --profile=/tmp/floor.cpuprofile   (a CPU profile of the timed loop)
 */
import { NODE_ENV } from './production-mode';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import type { TestDatabase } from '../test/support/databases';
import { ok, orgWithUser, startTestHub } from '../test/support/hub';
import { benchDatabases, fmtMs, loadAverage, nowMs, percentile, printTable } from './support';

function arg(name: string): string | undefined {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}
const ITERATIONS = Number(arg('iterations') ?? 2000);
const WARMUP = Math.max(200, Math.floor(ITERATIONS / 5));
const GOAL_MS = 0.8;
const QUERY = '{ __typename }';

async function bare(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type AuthCache = 'on' | 'off';

async function benchOne(
  database: TestDatabase,
  authCache: AuthCache,
): Promise<{ database: string; authCache: AuthCache; hub: number[]; bare: number[]; hubCpu: number; bareCpu: number }> {
  const hub = await startTestHub(database, { AUTH_CACHE: authCache });
  const b = await bare();
  try {
    const user = await orgWithUser(hub, 'USER');
    const viaBare = async () => {
      const res = await fetch(b.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: user.key },
        body: JSON.stringify({ query: QUERY }),
      });
      return res.json();
    };
    const viaHub = async () => ok(await user.client.raw(QUERY));
    for (let i = 0; i < WARMUP; i++) {
      await viaHub();
      await viaBare();
    }
    const out = { database: database.name, authCache, hub: [] as number[], bare: [] as number[], hubCpu: 0, bareCpu: 0 };
    const profile = arg('profile');
    const session = profile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    for (let i = 0; i < ITERATIONS; i++) {
      let [t, c] = [nowMs(), cpu()];
      await viaHub();
      out.hub.push(nowMs() - t);
      out.hubCpu += cpu() - c;
      [t, c] = [nowMs(), cpu()];
      await viaBare();
      out.bare.push(nowMs() - t);
      out.bareCpu += cpu() - c;
    }
    if (session) {
      const { profile: p } = await session.post('Profiler.stop');
      writeFileSync(`${profile}.${database.name}.auth-cache-${authCache}.cpuprofile`, JSON.stringify(p));
      session.disconnect();
    }
    return out;
  } finally {
    await b.close();
    await hub.stop();
  }
}

async function main() {
  const rows: string[][] = [];
  for (const database of benchDatabases()) for (const authCache of ['on', 'off'] as const) {
    const r = await benchOne(database, authCache);
    const [h50, h99, b50, b99] = [percentile(r.hub, 50), percentile(r.hub, 99), percentile(r.bare, 50), percentile(r.bare, 99)];
    rows.push([
      r.database, r.authCache === 'on' ? 'on (as with Redis)' : 'off (no Redis)', fmtMs(h50), fmtMs(h99), fmtMs(r.hubCpu / ITERATIONS), fmtMs(b50), fmtMs(b99), fmtMs(r.bareCpu / ITERATIONS),
      r.authCache === 'off' ? '(reference)' : h50 <= GOAL_MS ? `<= ${GOAL_MS} ms met` : `<= ${GOAL_MS} ms MISSED`,
    ]); // prettier-ignore
  }
  console.log(`\nfloor: ${QUERY} over HTTP as an org USER, ${ITERATIONS} iterations after ${WARMUP} warm-up; bare: node:http echo of the same body; NODE_ENV=${NODE_ENV} (${loadAverage()})`);
  // CPU: this process's user + system time per request (client and server share the process), which a
  // loaded machine stretches far less than wall-clock latency.
  printTable(['database', 'auth cache', 'hub p50', 'hub p99', 'hub CPU/req', 'bare p50', 'bare p99', 'bare CPU/req', 'goal (hub p50)'], rows);
}

void main();
