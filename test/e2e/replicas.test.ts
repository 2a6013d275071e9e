import 'reflect-metadata';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { testEnv } from '../../src/config/config';
import { decodeCursor } from '../../src/graphql/pagination';
import {
  AddAttributesDocument,
  AttributeAddedDocument,
  AttributeAddedSubscription,
  CreateApiKeyDocument,
  CreateEventDocument,
  CreateOrganisationDocument,
  CreateUserDocument,
  EventDocument,
} from '../../src/generated/graphql';
import { createGraphqlClient, GraphqlClient } from '../../src/shared/graphql-client';
import { BIN } from '../support/cli';
import { headCursor, HIGH_RATE_LIMITS, ok, unique } from '../support/hub';
import { scratchMysql } from '../support/scratch-database';
import { wsUrlOf } from '../support/ws-client';

/**
 * Scale-out as the README describes it (issue 17), shown on this machine: two `threatmesh serve` processes on
 * one MariaDB database and one Redis, behind a local HAProxy (round robin, health checks on /readyz), all on
 * loopback. Subscribers connect through the proxy and attributes are written through it at a bounded rate;
 * one replica is killed (SIGKILL) mid-run and started again. Each subscriber resumes after its socket drops
 * with `since: <the cursor of the last attribute it got>`, through the proxy (so on whichever replica is up).
 * Afterwards every subscriber must hold exactly the attributes the database holds — none lost, none twice —
 * in change-log order.
 */

const HAPROXY = '/usr/sbin/haproxy';
const { testMysqlUrl, testRedisUrl } = testEnv();
const skip = !testMysqlUrl || !testRedisUrl ? 'needs TEST_MYSQL_URL and TEST_REDIS_URL (CI sets both)' : !existsSync(HAPROXY) ? `${HAPROXY} is missing (apt-get install haproxy; .ci/run does)` : false;

const BATCHES = 30;
const PER_BATCH = 8;
const SUBSCRIBERS = 4;

type Added = AttributeAddedSubscription['attributeAdded'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Polls `url` until it answers 200 (bounded). */
async function waitReady(url: string, what: string, timeoutMs = 30_000, proc?: Process) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc?.exited) throw new Error(`${what} exited before it was ready:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} not ready at ${url} within ${timeoutMs} ms${proc ? `:\n${proc.output()}` : ''}`);
    await sleep(100);
  }
}

interface Process {
  proc: ChildProcess;
  exited: boolean;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

function start(command: string, args: string[], env: Record<string, string>): Process {
  const proc = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (c: Buffer) => (out = (out + c.toString()).slice(-8_000));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const p: Process = {
    proc,
    exited: false,
    output: () => out,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (p.exited) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
  proc.once('exit', () => (p.exited = true));
  return p;
}

/**
 * A subscriber that keeps its place: it remembers the cursor of the last attribute it got and, when its
 * socket ends (the replica behind it died), subscribes again through the proxy with `since` = that cursor.
 */
class ResumingSubscriber {
  readonly received: Added[] = [];
  reconnects = 0;
  readonly errors: string[] = [];
  private client: Client | null = null;
  private stopped = false;
  private cursor: string;
  private waiters = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly eventId: string,
    since: string,
  ) {
    this.cursor = since;
    this.connect();
  }

  private connect() {
    if (this.stopped) return;
    const client = createClient({ url: wsUrlOf(this.url), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: this.key }, onNonLazyError: () => {} });
    this.client = client;
    let done = false;
    const again = (why: string) => {
      if (done) return;
      done = true;
      void client.dispose();
      if (this.stopped) return;
      this.errors.push(why);
      this.reconnects++;
      setTimeout(() => this.connect(), 100);
    };
    client.subscribe<AttributeAddedSubscription>(
      { query: print(AttributeAddedDocument), variables: { filter: { eventId: this.eventId }, since: this.cursor } },
      {
        next: (value) => {
          if (value.errors?.length) return again(JSON.stringify(value.errors));
          const a = value.data!.attributeAdded;
          this.received.push(a);
          this.cursor = a.changeCursor!;
          for (const w of [...this.waiters]) w();
        },
        error: (e) => again(e instanceof Error ? e.message : JSON.stringify((e as { code?: number })?.code ?? e)),
        complete: () => again('completed'),
      },
    );
  }

  waitFor(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what} (have ${this.received.length}, reconnects ${this.reconnects}, errors ${this.errors.slice(-3).join(' | ')})`));
      }, timeoutMs);
      const check = () => {
        if (!pred()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async stop() {
    this.stopped = true;
    await this.client?.dispose();
  }
}

describe('two hub replicas behind HAProxy on MariaDB + Redis', { skip, timeout: 150_000 }, () => {
  if (skip) return;
  const processes: Process[] = [];
  const subscribers: ResumingSubscriber[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'threatmesh-replicas-'));
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    await Promise.all(subscribers.map((s) => s.stop()));
    for (const p of processes) await p.kill('SIGTERM');
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('subscribers through the proxy lose and double nothing while one replica is killed and restarted', async () => {
    const db = await scratchMysql(testMysqlUrl!);
    drop = db.drop;
    const adminKey = randomBytes(24).toString('base64url');
    const [portA, portB, portProxy] = [await freePort(), await freePort(), await freePort()];
    const env = (port: number) => ({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl!,
      REDIS_PREFIX: `threatmesh-test:${randomBytes(6).toString('hex')}:`.slice(0, 40),
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_API_KEY: adminKey,
      HUB_ORG_NAME: 'Replicated hub',
      LOG_LEVEL: 'warn',
      ...HIGH_RATE_LIMITS,
    });
    const prefix = env(0).REDIS_PREFIX;
    const replica = (port: number) => {
      const p = start(BIN, ['serve'], { ...env(port), REDIS_PREFIX: prefix });
      processes.push(p);
      return p;
    };

    const a = replica(portA); // migrates and bootstraps the database
    await waitReady(`http://127.0.0.1:${portA}/readyz`, 'replica A', 60_000, a);
    const b = replica(portB);
    await waitReady(`http://127.0.0.1:${portB}/readyz`, 'replica B', 60_000, b);

    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(
      cfg,
      [
        'global',
        '  maxconn 512',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  timeout tunnel 120s',
        '  retries 3',
        '  option redispatch',
        'frontend hubs',
        `  bind 127.0.0.1:${portProxy}`,
        '  default_backend replicas',
        'backend replicas',
        '  balance roundrobin',
        '  option httpchk GET /readyz',
        '  http-check expect status 200',
        '  default-server inter 300ms fall 2 rise 2',
        `  server a 127.0.0.1:${portA} check`,
        `  server b 127.0.0.1:${portB} check`,
        '',
      ].join('\n'),
    );
    const proxy = start(HAPROXY, ['-f', cfg, '-db'], {});
    processes.push(proxy);
    const url = `http://127.0.0.1:${portProxy}/graphql`;
    await waitReady(`http://127.0.0.1:${portProxy}/readyz`, 'haproxy', 15_000, proxy);

    const t0 = Date.now();
    const admin = createGraphqlClient(url, adminKey);
    const org = ok(await admin.request(CreateOrganisationDocument, { input: { name: unique('writers') } })).createOrganisation;
    const user = ok(await admin.request(CreateUserDocument, { input: { email: `${unique('w')}@example.org`, organisationId: org.id, role: 'PUBLISHER' } })).createUser;
    const writerKey = ok(await admin.request(CreateApiKeyDocument, { input: { userId: user.id } })).createApiKey.key;
    const readerOrg = ok(await admin.request(CreateOrganisationDocument, { input: { name: unique('readers') } })).createOrganisation;
    const reader = ok(await admin.request(CreateUserDocument, { input: { email: `${unique('r')}@example.org`, organisationId: readerOrg.id, role: 'USER' } })).createUser;
    const readerKey = ok(await admin.request(CreateApiKeyDocument, { input: { userId: reader.id } })).createApiKey.key;
    const writer = createGraphqlClient(url, writerKey, { timeoutMs: 10_000 });
    const event = ok(await writer.request(CreateEventDocument, { input: { info: unique('replicas'), distribution: 'COMMUNITY_ONLY' } })).createEvent;

    // Subscribed from the head before any write, four sockets through the proxy (round robin: two per replica).
    const since = await headCursor({ admin });
    for (let i = 0; i < SUBSCRIBERS; i++) subscribers.push(new ResumingSubscriber(url, readerKey, event.id, since));

    // Bounded load: BATCHES × PER_BATCH attributes, one batch at a time; a batch that fails (its replica died
    // under it) is sent again, and the database, not this loop, says what was written.
    let failedRequests = 0;
    const write = async (client: GraphqlClient, n: number, values: string[]) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await client.request(AddAttributesDocument, { eventId: event.id, attributes: values.map((v, j) => ({ type: 'ip-dst', value: v, comment: `#${n}.${j}` })) });
          if (!res.errors?.length) return;
          // All or nothing: on a retry, CONFLICT (the values are there) means the earlier attempt committed.
          if (attempt > 1 && res.errors[0].extensions?.code === 'CONFLICT') return;
          throw new Error(JSON.stringify(res.errors));
        } catch (e) {
          failedRequests++;
          if (attempt === 10) throw new Error(`batch ${n} failed 10 times: ${(e as Error).message}`);
          await sleep(200);
        }
      }
    };
    const ip = (n: number, j: number) => `10.77.${n}.${j + 1}`;
    let restarted: Process | null = null;
    for (let n = 0; n < BATCHES; n++) {
      if (n === Math.floor(BATCHES / 3)) {
        await a.kill('SIGKILL'); // mid-run, with subscribers on it and writes going on
      }
      if (n === Math.floor(BATCHES / 2)) {
        restarted = replica(portA); // the same address: the proxy's health check brings it back
      }
      await write(writer, n, Array.from({ length: PER_BATCH }, (_, j) => ip(n, j)));
      await sleep(40);
    }
    await waitReady(`http://127.0.0.1:${portA}/readyz`, 'replica A after its restart', 30_000, restarted!);
    // A last batch through replica A itself, then a marker: once each subscriber has the marker, everything
    // written before it has been delivered to it (deliveries are in log order).
    await write(createGraphqlClient(`http://127.0.0.1:${portA}/graphql`, writerKey), BATCHES, [ip(BATCHES, 0)]);
    await write(writer, BATCHES + 1, ['10.77.255.255']);
    for (const [i, s] of subscribers.entries()) {
      await s.waitFor(() => s.received.some((x) => x.value === '10.77.255.255'), 20_000, `subscriber ${i}: the marker`);
    }
    const elapsed = Date.now() - t0;

    const stored = ok(await admin.request(EventDocument, { id: event.id })).event!.attributes;
    const expected = stored.map((x) => x.id).sort();
    assert.equal(new Set(stored.map((x) => x.value)).size, stored.length, 'each value stored once');
    assert.equal(stored.length, BATCHES * PER_BATCH + 2);
    for (const [i, s] of subscribers.entries()) {
      const ids = s.received.map((x) => x.id);
      assert.equal(new Set(ids).size, ids.length, `subscriber ${i}: an attribute was delivered twice`);
      assert.deepEqual([...ids].sort(), expected, `subscriber ${i}: lost or foreign deliveries`);
      const seqs = s.received.map((x) => decodeCursor('change', x.changeCursor!)!);
      for (let k = 1; k < seqs.length; k++) assert.ok(seqs[k] > seqs[k - 1], `subscriber ${i}: out of log order at ${k}`);
    }
    const reconnects = subscribers.map((s) => s.reconnects);
    assert.ok(reconnects.reduce((x, y) => x + y, 0) >= 1, 'the kill dropped at least one subscriber (and it resumed)');
    assert.ok(elapsed < 60_000, `the run took ${elapsed} ms (bounded: under 60 s)`);
    process.stderr.write(
      `# replicas: ${stored.length} attributes, ${SUBSCRIBERS} subscribers, resumes per subscriber ${reconnects.join('/')}, failed write requests retried ${failedRequests}, ${elapsed} ms\n`,
    );
  });
});
