import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { App, createApp } from '../../src/app';
import { parseConfig, testEnv } from '../../src/config/config';
import {
  CreateOrganisationDocument,
  CreatePeerDocument,
  FederatedEventsDocument,
  HubInfoDocument,
  OrganisationsDocument,
  PeerDocument,
  PeerFieldsFragment,
  PullFromPeerDocument,
  PushToPeerDocument,
  SyncResultFieldsFragment,
} from '../../src/generated/graphql';
import { createGraphqlClient } from '../../src/shared/graphql-client';
import { createLogger } from '../../src/shared/logger';
import { TestDatabase } from './databases';
import { HIGH_RATE_LIMITS, ok, TestHub, unique, userIn } from './hub';

/**
 * Several real hubs in one process for the federation tests (DESIGN §11): each has its own scratch
 * database and listens on 127.0.0.1 port 0; links between them are set up the way a MISP admin does it
 * (README "Setting up a link"), through the public API only.
 */

export interface FedHub extends TestHub {
  /** Short name used in test messages ("A", "B", …). */
  name: string;
  /** hubInfo.id */
  hubId: string;
  /** The host organisation (hubInfo.organisation). */
  org: { id: string; name: string };
  /** Stops the hub (HTTP and database connections) but keeps its database. */
  halt(): Promise<void>;
  /** Starts a halted hub again, on the same database and the same port (peers' URLs stay valid). */
  restart(): Promise<void>;
  readonly running: boolean;
}

/** Starts one hub per name, each on its own fresh database. */
export async function startHubs(database: TestDatabase, names: string[], env: Record<string, string> = {}): Promise<FedHub[]> {
  return Promise.all(names.map((name) => startHub(database, name, env)));
}

export async function startHub(database: TestDatabase, name: string, env: Record<string, string> = {}): Promise<FedHub> {
  const db = await database.migrated();
  const adminKey = randomBytes(24).toString('base64url');
  const baseEnv: Record<string, string> = {
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: 'silent',
    HUB_ORG_NAME: `Hub ${name} ${randomBytes(3).toString('hex')}`,
    // Kept out of ./data: every hub seals its peer keys with its own secret.
    PEER_SECRET_KEY: randomBytes(32).toString('base64url'),
    // The hubs and fake peers of the tests listen on 127.0.0.1.
    OUTBOUND_ALLOW_PRIVATE: 'true',
    // Tests and benchmarks drive the API far faster than any client should (rate-limit tests set their own).
    ...HIGH_RATE_LIMITS,
    ...env,
  };
  const logger = createLogger(testEnv().testLogLevel);
  let app: App = await createApp(parseConfig(baseEnv), { logger });
  const url = await app.start();
  const port = new URL(url).port;
  let running = true;
  const admin = createGraphqlClient(url, adminKey);
  const info = ok(await admin.request(HubInfoDocument, {})).hubInfo;
  const hub: FedHub = {
    name,
    hubId: info.id,
    org: { id: info.organisation.id, name: info.organisation.name },
    get app() {
      return app;
    },
    url,
    db,
    admin,
    adminKey,
    client: (key) => createGraphqlClient(url, key),
    get running() {
      return running;
    },
    halt: async () => {
      if (!running) return;
      running = false;
      await app.stop();
    },
    restart: async () => {
      assert.equal(running, false, `hub ${name} is running`);
      app = await createApp(parseConfig({ ...baseEnv, PORT: port }), { logger });
      await app.start();
      running = true;
    },
    stop: async () => {
      if (running) await app.stop();
      running = false;
      await db.drop();
    },
  };
  return hub;
}

/** The organisation with this uuid on `hub`, created there as a known remote organisation when missing. */
export async function ensureOrg(hub: FedHub, org: { id: string; name: string }): Promise<string> {
  const orgs = ok(await hub.admin.request(OrganisationsDocument, {})).organisations;
  const found = orgs.find((o) => o.id === org.id);
  if (found) return found.id;
  return ok(await hub.admin.request(CreateOrganisationDocument, { input: { name: org.name, uuid: org.id, local: false } }))
    .createOrganisation.id;
}

export interface LinkOptions {
  push?: boolean;
  pull?: boolean;
  internal?: boolean;
  /** Peer name on `from` (default "<from>-><to>-<random>"). */
  name?: string;
  /** Override the API key given to `from` (e.g. a bogus one). */
  apiKey?: string;
  /** Override the URL `from` uses for `to` (a gate in front of it, a fake or closed port). */
  url?: string;
  /** Internal links: the organisation both sides share (default `from`'s host organisation). */
  sharedOrg?: { id: string; name: string };
}

export interface Link {
  /** The Peer's uuid on `from`. */
  peerId: string;
  from: FedHub;
  to: FedHub;
  /** Key of the SYNC_USER on `to` that `from` uses. */
  syncKey: string;
  /** Organisation on `to` representing `from`'s host org (the sync user's org; owner of pushed copies on `to`). */
  fromOrgOnTo: string;
  /** Organisation on `from` representing `to` (the peer's org; owner of pulled copies on `from`). */
  toOrgOnFrom: string;
}

/**
 * Links `from` to `to` as a MISP admin would: on `to`, an organisation for `from`'s host organisation
 * (same uuid) and a SYNC_USER in it with an API key; on `from`, an organisation for `to`'s host
 * organisation and a Peer with that key. An internal link (same organisation on both sides) uses one
 * shared organisation for both: the sync user's on `to` and the peer's on `from`.
 */
export async function link(from: FedHub, to: FedHub, opts: LinkOptions = {}): Promise<Link> {
  const shared = opts.sharedOrg ?? from.org;
  const fromOrgOnTo = await ensureOrg(to, opts.internal ? shared : from.org);
  const sync = await userIn(to, fromOrgOnTo, 'SYNC_USER');
  const toOrgOnFrom = await ensureOrg(from, opts.internal ? shared : to.org);
  const peer = ok(
    await from.admin.request(CreatePeerDocument, {
      input: {
        name: opts.name ?? unique(`${from.name}->${to.name}`),
        url: opts.url ?? to.url,
        apiKey: opts.apiKey ?? sync.key,
        organisationId: toOrgOnFrom,
        push: opts.push ?? false,
        pull: opts.pull ?? false,
        internal: opts.internal ?? false,
      },
    }),
  ).createPeer;
  return { peerId: peer.id, from, to, syncKey: sync.key, fromOrgOnTo, toOrgOnFrom };
}

export type SyncOutcome = SyncResultFieldsFragment;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a sync now. Pushes also run in the background after local writes (push-on-change), and a run
 * that finds the peer's lease taken answers "already running": then this waits for the lease and runs.
 */
async function runSync(hub: FedHub, peerId: string, direction: 'push' | 'pull'): Promise<SyncOutcome> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res =
      direction === 'push'
        ? ok(await hub.admin.request(PushToPeerDocument, { id: peerId })).pushToPeer
        : ok(await hub.admin.request(PullFromPeerDocument, { id: peerId })).pullFromPeer;
    if (!res.error?.includes('already running') || Date.now() > deadline) return res;
    await delay(25);
  }
}

export const pushNow = (l: Link) => runSync(l.from, l.peerId, 'push');
export const pullNow = (l: Link) => runSync(l.from, l.peerId, 'pull');

/** A sync that must succeed (no error, nothing failed). */
export async function pushOk(l: Link): Promise<SyncOutcome> {
  const r = await pushNow(l);
  assert.equal(r.error, null, `push ${l.from.name}->${l.to.name} failed: ${r.error}`);
  assert.equal(r.failed, 0, `push ${l.from.name}->${l.to.name}: ${r.failed} events failed`);
  return r;
}

export async function pullOk(l: Link): Promise<SyncOutcome> {
  const r = await pullNow(l);
  assert.equal(r.error, null, `pull ${l.from.name}<-${l.to.name} failed: ${r.error}`);
  assert.equal(r.failed, 0, `pull ${l.from.name}<-${l.to.name}: ${r.failed} events failed`);
  return r;
}

export async function peerStatus(l: Link): Promise<PeerFieldsFragment> {
  return ok(await l.from.admin.request(PeerDocument, { id: l.peerId })).peer;
}

/** Requests of a pull with nothing new: the event index and the sighting deltas (protocol 1.1), one each. */
export const PULL_NOOP_REQUESTS = 1;
export const PULL_NOOP_WHY = 'a pull with nothing new is one request: the first page of the event index and of the sighting deltas together';

/** Asserts a sync run changed nothing (the second run of any sync). */
export function assertNoOp(r: SyncOutcome, what: string, maxRequests: number) {
  assert.equal(r.error, null, `${what}: ${r.error}`);
  assert.deepEqual({ created: r.created, updated: r.updated, deleted: r.deleted, failed: r.failed }, { created: 0, updated: 0, deleted: 0, failed: 0 }, `${what} is not a no-op`);
  assert.ok(r.requests <= maxRequests, `${what}: ${r.requests} requests (at most ${maxRequests} expected)`);
}

// ---- what a hub holds --------------------------------------------------------------------------------

export interface HeldAttribute {
  distribution: string;
  sharingGroup: string | null;
  deleted: boolean;
  value: string;
  timestamp: string;
  tags: string[];
}

export interface HeldEvent {
  info: string;
  distribution: string;
  sharingGroup: string | null;
  published: boolean;
  locked: boolean;
  timestamp: string;
  ownerOrg: string;
  creatorOrg: string;
  tags: string[];
  attributes: Map<string, HeldAttribute>;
}

/** Of these events, what `hub` holds (as its site admin sees it, tombstoned attributes included). */
export async function holdings(hub: FedHub, eventIds: string[]): Promise<Map<string, HeldEvent>> {
  const out = new Map<string, HeldEvent>();
  for (let i = 0; i < eventIds.length; i += 200) {
    const ids = eventIds.slice(i, i + 200);
    const page = ok(await hub.admin.request(FederatedEventsDocument, { filter: { ids }, first: 500 })).events;
    for (const { node: e } of page.edges) {
      out.set(e.id, {
        info: e.info,
        distribution: e.distribution,
        sharingGroup: e.sharingGroup?.id ?? null,
        published: e.published,
        locked: e.locked,
        timestamp: e.timestamp,
        ownerOrg: e.ownerOrg.id,
        creatorOrg: e.creatorOrg.id,
        tags: e.tags.map((t) => t.name).sort(),
        attributes: new Map(
          e.attributes.map((a) => [
            a.id,
            {
              distribution: a.distribution,
              sharingGroup: a.sharingGroup?.id ?? null,
              deleted: a.deleted,
              value: a.value,
              timestamp: a.timestamp,
              tags: a.tags.map((t) => t.name).sort(),
            },
          ]),
        ),
      });
    }
  }
  return out;
}

/** Polls `check` until it returns a truthy value (or throws the last failure after `timeoutMs`). */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await delay(50);
  }
}

// ---- misbehaving and failing peers -------------------------------------------------------------------

export interface LocalServer {
  url: string;
  /** Requests received so far. */
  requests: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A fake peer (node:http) that answers every POST with `answer(body)`: for protocol-version and
 * garbage tests, where a real hub cannot be made to misbehave.
 */
/** A peer with no sighting deltas (its syncSightings page). */
export const NO_SIGHTINGS = { cursor: '0', hasMore: false, sightings: [] };

/**
 * A fake peer's answer to a sync-protocol query: those of `fields` (root field name → its data) that the
 * query asks for (a pull's first request asks syncIndex and syncSightings together); null when it asks
 * none of them.
 */
export function syncAnswer(query: string, fields: Record<string, unknown>): { body: string } | null {
  const data = Object.fromEntries(Object.entries(fields).filter(([name]) => query.includes(name)));
  return Object.keys(data).length ? { body: JSON.stringify({ data }) } : null;
}

export async function startFakePeer(answer: (request: { query: string; variables: unknown }) => { status?: number; body: string; contentType?: string }): Promise<LocalServer> {
  const state = { requests: 0 };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    let parsed: { query: string; variables: unknown } = { query: '', variables: null };
    try {
      parsed = JSON.parse(await readBody(req));
    } catch {
      /* answer anyway */
    }
    const a = answer(parsed);
    res.writeHead(a.status ?? 200, { 'content-type': a.contentType ?? 'application/json' });
    res.end(a.body);
  });
  const url = await listen(server);
  return {
    url,
    get requests() {
      return state.requests;
    },
    close: () => closeServer(server),
  } as LocalServer;
}

export type GateMode = 'forward' | 'refuse' | 'lose-answer';

export interface Gate extends LocalServer {
  /** forward: pass through; refuse: cut the connection before the target sees the request; lose-answer: the target handles the request, the answer is lost. */
  mode: GateMode;
  /** Called before each request is handled (1-based count, request body); may change `mode` or stop the target. */
  onRequest: ((n: number, request: { query: string; variables: unknown }) => Promise<void> | void) | null;
  /** Requests that reached the target. */
  forwarded: number;
}

/** A pass-through proxy in front of a hub, which a test can cut at a chosen request. */
export async function startGate(targetUrl: string): Promise<Gate> {
  const gate = { mode: 'forward' as GateMode, onRequest: null as Gate['onRequest'], requests: 0, forwarded: 0 };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const n = ++gate.requests;
    let query = '';
    let variables: unknown = null;
    try {
      const parsed = JSON.parse(body);
      query = String(parsed.query ?? '');
      variables = parsed.variables ?? null;
    } catch {
      /* not JSON */
    }
    if (gate.onRequest) await gate.onRequest(n, { query, variables });
    if (gate.mode === 'refuse') {
      req.socket.destroy();
      return;
    }
    let answer: Response;
    try {
      gate.forwarded++;
      answer = await fetch(targetUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: String(req.headers.authorization ?? '') },
        body,
      });
    } catch {
      req.socket.destroy(); // the target is down: so is the link
      return;
    }
    const text = await answer.text();
    if (gate.mode === 'lose-answer') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  const url = await listen(server);
  return Object.assign(gate, { url, close: () => closeServer(server) }) as Gate;
}

/** A URL where nothing listens (a port that was just free). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await closeServer(server);
  return url;
}
