/**
 * floor: what every hub request costs before it reads any data. `{ __typename }` over HTTP as an org
 * USER with an API key (HTTP, body parse, rate limits, authentication, Apollo parse/validate/execute),
 * in the same run, interleaved, beside two references served by this process:
 *   - bare: a node:http endpoint answering the same body with the same JSON (the transport alone);
 *   - design: the stack DESIGN §2 prescribes and nothing of the hub: Apollo Server 5 on Express 5
 *     (@as-integrations/express5) with express.json and a one-field schema, Apollo configured as the hub configures it
 *     (bench/design-server.ts), no authentication, no hub plugin. hub − design is what the hub itself adds per request.
 * All three are driven by the same client (fetch, same headers and body). Goal: hub p50 <= 0.8 ms.
 *
 * The hub runs twice per database, each beside the bare endpoint: with the authentication cache
 * (AUTH_CACHE=on: what a hub with REDIS_URL runs by default, AUTH_CACHE=auto; the figure the goal is
 * about), and as a hub without Redis runs by default (cache off: the key, user, organisation and
 * memberships read on every request). Runs with NODE_ENV=production unless NODE_ENV is set.
 *
 *   npm run build && node dist/bench/floor.js                (SQLite; BENCH_MYSQL_URL adds MariaDB)
 *   node dist/bench/floor.js --iterations=5000 --profile=/tmp/floor.cpuprofile   (a CPU profile of the timed loop)
 *   BENCH_ONLY=mysql node dist/bench/floor.js --auth-cache=on                     (one database, one hub)
 */
import { NODE_ENV } from './production-mode';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import type { GraphqlResponse } from '../src/shared/graphql-client';
import type { TestDatabase } from '../test/support/databases';
import { ok, orgWithUser, startTestHub } from '../test/support/hub';
import { startStackServer } from './design-server';
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

/** DESIGN's stack alone (bench/design-server.ts, configured as the hub configures Apollo) with a one-field schema. */
async function design(): Promise<{ url: string; close(): Promise<void> }> {
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }) });
  const server = await startStackServer({ schema });
  return { url: server.url, close: () => server.stop() };
}

type AuthCache = 'on' | 'off';
type Endpoint = 'hub' | 'design' | 'bare';
const ENDPOINTS: readonly Endpoint[] = ['hub', 'design', 'bare'];
/** `--auth-cache=on` or `off` runs the hub one way only (a quicker run while tuning). */
const AUTH_CACHES = (['on', 'off'] as const).filter((c) => (arg('auth-cache') ?? c) === c);

async function benchOne(
  database: TestDatabase,
  authCache: AuthCache,
): Promise<{ database: string; authCache: AuthCache; ms: Record<Endpoint, number[]>; cpu: Record<Endpoint, number> }> {
  const hub = await startTestHub(database, { AUTH_CACHE: authCache });
  const b = await bare();
  const d = await design();
  try {
    const user = await orgWithUser(hub, 'USER');
    const body = JSON.stringify({ query: QUERY });
    // One client for all three: the same fetch, headers and body (the key is ignored by bare and design).
    const post = async (url: string) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: user.key }, body });
      return { ...((await res.json()) as Omit<GraphqlResponse<unknown>, 'status'>), status: res.status };
    };
    const call: Record<Endpoint, () => Promise<unknown>> = {
      hub: async () => ok(await post(hub.url)),
      design: async () => ok(await post(d.url)),
      bare: () => post(b.url),
    };
    for (let i = 0; i < WARMUP; i++) for (const e of ENDPOINTS) await call[e]();
    const out = { database: database.name, authCache, ms: { hub: [], design: [], bare: [] } as Record<Endpoint, number[]>, cpu: { hub: 0, design: 0, bare: 0 } };
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
      for (const e of ENDPOINTS) {
        const [t, c] = [nowMs(), cpu()];
        await call[e]();
        out.ms[e].push(nowMs() - t);
        out.cpu[e] += cpu() - c;
      }
    }
    if (session) {
      const { profile: p } = await session.post('Profiler.stop');
      writeFileSync(`${profile}.${database.name}.auth-cache-${authCache}.cpuprofile`, JSON.stringify(p));
      session.disconnect();
    }
    return out;
  } finally {
    await d.close();
    await b.close();
    await hub.stop();
  }
}

async function main() {
  const rows: string[][] = [];
  for (const database of benchDatabases()) for (const authCache of AUTH_CACHES) {
    const r = await benchOne(database, authCache);
    const p = (e: Endpoint, q: number) => percentile(r.ms[e], q);
    const perReq = (e: Endpoint) => fmtMs(r.cpu[e] / ITERATIONS);
    const h50 = p('hub', 50);
    rows.push([
      r.database, r.authCache === 'on' ? 'on (as with Redis)' : 'off (no Redis)',
      fmtMs(h50), fmtMs(p('hub', 99)), perReq('hub'),
      fmtMs(p('design', 50)), fmtMs(p('design', 99)), perReq('design'),
      fmtMs(p('bare', 50)), fmtMs(p('bare', 99)), perReq('bare'),
      `${fmtMs(h50 - p('design', 50))} / ${fmtMs((r.cpu.hub - r.cpu.design) / ITERATIONS)}`,
      r.authCache === 'off' ? '(reference)' : h50 <= GOAL_MS ? `<= ${GOAL_MS} ms met` : `<= ${GOAL_MS} ms MISSED`,
    ]); // prettier-ignore
  }
  console.log(
    `\nfloor: ${QUERY} over HTTP as an org USER, ${ITERATIONS} iterations after ${WARMUP} warm-up, interleaved; design: Apollo Server 5 on Express 5 ` +
      `with express.json and a one-field schema (nothing of the hub); bare: node:http echo of the same body; NODE_ENV=${NODE_ENV} (${loadAverage()})`,
  );
  // CPU: this process's user + system time per request (client and server share the process), which a
  // loaded machine stretches far less than wall-clock latency. hub − design: what the hub adds to its stack.
  printTable(
    ['database', 'auth cache', 'hub p50', 'hub p99', 'hub CPU/req', 'design p50', 'design p99', 'design CPU/req', 'bare p50', 'bare p99', 'bare CPU/req', 'hub − design p50 / CPU', 'goal (hub p50)'],
    rows,
  );
}

void main();
