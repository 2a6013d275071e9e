import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import WebSocket from 'ws';
import { AddAttributesDocument, CreateEventDocument, EventAttributePageDocument, EventAttributePageQuery } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { expectError, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, userIn } from '../support/hub';
import { CloseInfo, connectRawWs, RawMessage, RawWsClient, wsUrlOf } from '../support/ws-client';

/**
 * Issue 10 "Trust", defects 4–6: the query cost limit (nested lists multiply), the cap on Event.attributes
 * (with paging and attributeCount), and one pipeline for HTTP and WebSocket (same limits, frame cap
 * before and after authentication, internal errors logged with a request id).
 */

const MAX_COST = 1_000_000; // the default MAX_QUERY_COST
const BODY_LIMIT = 10 * 1024 * 1024; // the default BODY_LIMIT, 10mb
const costError = /Query cost ([\d,]+) exceeds the maximum of 1,000,000 \(MAX_QUERY_COST\)/;
const costOf = (message: string) => Number(costError.exec(message)![1].replace(/,/g, ''));

/** `event(id){ relatedEvents { relatedEvents { … levels … { id } } } }` (defect 4: depth 12, inside MAX_QUERY_DEPTH). */
const nestedRelated = (levels: number) =>
  `query($id: ID!) { event(id: $id) { ${'relatedEvents { '.repeat(levels)}id${' }'.repeat(levels)} } }`;

/** Defect 5's query: 20 events, all their attributes, each with its correlations. */
const EVENTS_ATTRIBUTES_CORRELATIONS = '{ events(first: 20) { edges { node { attributes { id value correlations { id } } } } } }';

/** Waits for the terminal message (`error`, or `complete`/`next`) of operation `id` on a raw socket. */
async function outcome(ws: RawWsClient, id: string): Promise<RawMessage> {
  const done = (m: RawMessage) => m.id === id && (m.type === 'error' || m.type === 'next');
  await ws.waitFor((ms) => ms.some(done), 10_000, `the outcome of operation ${id}`);
  return ws.messages.find(done)!;
}

/** The errors of an operation that must have been refused over the socket. */
async function refusedOverWs(ws: RawWsClient, id: string): Promise<Array<{ message: string; extensions?: { code?: string } }>> {
  const m = await outcome(ws, id);
  assert.equal(m.type, 'error', `operation ${id} should be refused, got ${JSON.stringify(m).slice(0, 300)}`);
  return m.payload as Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * A socket (graphql-transport-ws) that writes, straight onto TCP, the header of one masked text frame
 * announcing `length` payload bytes plus the first `sent` bytes of it — never the rest. A server that
 * refuses the frame on its announced length closes at once; one that reads it would wait for the rest.
 */
function announceFrame(socket: WebSocket, length: number, sent: number): void {
  const header = Buffer.alloc(14);
  header[0] = 0x81; // FIN, text
  header[1] = 0x80 | 127; // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(length), 2);
  randomBytes(4).copy(header, 10); // masking key
  const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
  tcp.write(Buffer.concat([header, Buffer.alloc(sent, 0x20)]));
}

function waitClose(socket: WebSocket, timeoutMs = 10_000): Promise<CloseInfo> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket not closed after ${timeoutMs} ms`)), timeoutMs);
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString(), at: Date.now() });
    });
  });
}

function openSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(wsUrlOf(url), 'graphql-transport-ws');
  socket.on('error', () => {}); // the close is what the tests look at
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('close', (code) => reject(new Error(`closed before open: ${code}`)));
  });
}

for (const database of testDatabases()) {
  describe(`query limits (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let readOnly: { key: string; client: TestHub['admin'] };
    let big: string; // an event with more attributes than MAX_PAGE_SIZE
    let bigCount: number;
    let ws: RawWsClient;

    /** Every attribute of the big event `client` may see, page by page through `after`; checks attributeCount on each page. */
    async function allAttributes(client: TestHub['admin'], first: number, expected: number) {
      const seen: Array<{ id: string; value: string }> = [];
      let afterId: string | null = null;
      for (let pages = 0; pages <= expected / first + 1; pages++) {
        const page: EventAttributePageQuery['event'] = ok(await client.request(EventAttributePageDocument, { id: big, first, after: afterId })).event;
        assert.equal(page!.attributeCount, expected);
        if (!page!.attributes.length) return seen;
        assert.ok(page!.attributes.length <= first);
        seen.push(...page!.attributes);
        afterId = page!.attributes[page!.attributes.length - 1].id;
      }
      assert.fail(`paging did not end after ${seen.length} attributes`);
    }

    before(async () => {
      hub = await startTestHub(database);
      A = await orgWithUser(hub, 'PUBLISHER');
      readOnly = await userIn(hub, A.orgId, 'READ_ONLY');
      const maxPageSize = hub.app.config.maxPageSize;
      bigCount = maxPageSize + 100;
      big = ok(await A.client.request(CreateEventDocument, { input: { info: 'big feed event', distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      ok(
        await A.client.request(AddAttributesDocument, {
          eventId: big,
          attributes: Array.from({ length: bigCount }, (_, i) => ({ type: 'ip-dst', value: `10.1.${i >> 8}.${i & 255}` })),
        }),
      );
      // Hidden from other organisations: counted for the owner only.
      ok(
        await A.client.request(AddAttributesDocument, {
          eventId: big,
          attributes: [1, 2, 3].map((i) => ({ type: 'domain', value: `own${i}.example.org`, distribution: 'ORGANISATION_ONLY' as const })),
        }),
      );
      // Two events correlating with the big one, so relatedEvents has something to nest.
      for (const info of ['related 1', 'related 2']) {
        const id = ok(await A.client.request(CreateEventDocument, { input: { info, distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
        ok(await A.client.request(AddAttributesDocument, { eventId: id, attributes: [{ type: 'ip-src', value: '10.1.0.1' }] }));
      }
      ws = await connectRawWs(hub.url, readOnly.key);
    });
    after(async () => {
      await ws?.close();
      await hub?.stop();
    });

    test('HTTP: 10 levels of relatedEvents (inside the depth limit) are refused, naming the cost and the limit', async () => {
      const message = await expectError(readOnly.client.raw(nestedRelated(10), { id: big }), 'BAD_USER_INPUT', costError);
      assert.ok(costOf(message) > MAX_COST, message);
      // Two levels are an ordinary query.
      const two = ok(await readOnly.client.raw<{ event: { relatedEvents: unknown[] } }>(nestedRelated(2), { id: big }));
      assert.equal(two.event.relatedEvents.length, 2);
    });

    test('HTTP: every attribute of 20 events with their correlations is refused (lists counted at their caps)', async () => {
      const message = await expectError(readOnly.client.raw(EVENTS_ATTRIBUTES_CORRELATIONS), 'BAD_USER_INPUT', costError);
      // 20 events x 500 attributes (MAX_PAGE_SIZE) x (1 + 1,000 correlations (CORRELATION_MAX)), plus the attributes and events.
      assert.equal(costOf(message), 20 * (1 + 500 * (1 + 1000)));
    });

    test('HTTP: the page size in a variable counts (first: $n)', async () => {
      const q = 'query($n: Int) { events(first: $n) { edges { node { attributes { correlations { id } } } } } }';
      ok(await readOnly.client.raw(q, { n: 1 })); // 1 x (1 + 500 x 1,001) = 500,501
      const message = await expectError(readOnly.client.raw(q, { n: 2 }), 'BAD_USER_INPUT', costError);
      assert.equal(costOf(message), 2 * (1 + 500 * 1001));
      // The cost is kept per document and variable values (limits.ts costKey): the same values get the same answer again.
      assert.equal(costOf(await expectError(readOnly.client.raw(q, { n: 2 }), 'BAD_USER_INPUT', costError)), 2 * (1 + 500 * 1001));
      ok(await readOnly.client.raw(q, { n: 1 }));
    });

    test("HTTP: the README's search example stays within the default cost", async () => {
      ok(
        await readOnly.client.raw(`query {
          attributes(filter: { type: ["domain"], toIds: true, timestamp: { from: "7d" },
                               tagFilter: { all: ["tlp:green"], none: ["tlp:red"] } }, first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { id value event { id info } correlations { id value event { id info } } correlationCapped } }
          }
          seen: attributes(filter: { values: ["198.51.100.7", "evil.example.com"] }) { totalCount edges { node { id value } } }
          inNet: attributes(filter: { cidr: ["10.0.0.0/8", "2001:db8::/32"] }) { totalCount }
          events(filter: { value: "evil.example.com", publishTimestamp: { from: "2w" } }) { edges { node { id info relatedEvents { id info } } } }
        }`),
      );
    });

    test('Event.attributes is capped at MAX_PAGE_SIZE; attributeCount gives the total the caller may see; after pages on', async () => {
      const cap = hub.app.config.maxPageSize;
      // An existing document without `first`: at most the cap.
      const whole = ok(await readOnly.client.raw<{ event: { attributes: Array<{ id: string }> } }>('query($id: ID!) { event(id: $id) { attributes { id } } }', { id: big }));
      assert.equal(whole.event.attributes.length, cap);
      // The nested list of a connection is capped too (defect 5's shape without the correlations).
      const listed = ok(await readOnly.client.raw<{ events: { edges: Array<{ node: { id: string; attributes: unknown[] } }> } }>('{ events(first: 20) { edges { node { id attributes { id } } } } }'));
      assert.equal(listed.events.edges.find((e) => e.node.id === big)!.node.attributes.length, cap);

      // Paging: 250 + 250 + the rest, oldest first, no duplicates, nothing missing; the caller's own
      // organisation sees (and counts) its three ORGANISATION_ONLY attributes.
      const seen = await allAttributes(readOnly.client, 250, bigCount + 3);
      assert.equal(new Set(seen.map((a) => a.id)).size, bigCount + 3);
      assert.deepEqual(
        seen.slice(-4).map((a) => a.value),
        [`10.1.${(bigCount - 1) >> 8}.${(bigCount - 1) & 255}`, 'own1.example.org', 'own2.example.org', 'own3.example.org'],
      );
    });

    test('attributeCount respects visibility; first over the cap and a foreign cursor are BAD_USER_INPUT', async () => {
      const B = await orgWithUser(hub, 'USER');
      const asB = ok(await B.client.request(EventAttributePageDocument, { id: big, first: 10 })).event!;
      assert.equal(asB.attributeCount, bigCount); // not the three ORGANISATION_ONLY ones
      assert.equal(ok(await A.client.request(EventAttributePageDocument, { id: big, first: 1 })).event!.attributeCount, bigCount + 3);
      const cap = hub.app.config.maxPageSize;
      await expectError(B.client.request(EventAttributePageDocument, { id: big, first: cap + 1 }), 'BAD_USER_INPUT', `first=${cap + 1}`);
      // B pages through what B may see; an ORGANISATION_ONLY attribute of A is no cursor for B.
      assert.equal((await allAttributes(B.client, cap, bigCount)).length, bigCount);
      const hidden = (await allAttributes(A.client, cap, bigCount + 3)).find((a) => a.value === 'own1.example.org')!;
      await expectError(B.client.request(EventAttributePageDocument, { id: big, first: 1, after: hidden.id }), 'BAD_USER_INPUT', hidden.id);
    });

    test('WS: a query deeper than MAX_QUERY_DEPTH is refused as over HTTP', async () => {
      const q = `query($id: ID!) { event(id: $id) { ${'relatedEvents { '.repeat(12)}id${' }'.repeat(12)} } }`; // depth 14
      ws.subscribe('depth', q, { id: big });
      const [e] = await refusedOverWs(ws, 'depth');
      assert.equal(e.extensions?.code, 'BAD_USER_INPUT');
      assert.match(e.message, /Query depth 14 exceeds the maximum of 12/);
    });

    test('WS: more aliases than MAX_ALIASES are refused as over HTTP', async () => {
      const q = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
      ws.subscribe('aliases', q);
      const [e] = await refusedOverWs(ws, 'aliases');
      assert.equal(e.extensions?.code, 'BAD_USER_INPUT');
      assert.match(e.message, /more than 30 aliases/);
    });

    test('WS: the relatedEvents nesting is refused by the cost limit, with the variables counted', async () => {
      ws.subscribe('cost', nestedRelated(10), { id: big });
      const [e] = await refusedOverWs(ws, 'cost');
      assert.equal(e.extensions?.code, 'BAD_USER_INPUT');
      assert.ok(costOf(e.message) > MAX_COST, e.message);
      const q = 'query($n: Int) { events(first: $n) { edges { node { attributes { correlations { id } } } } } }';
      ws.subscribe('cost-2', q, { n: 2 });
      assert.equal(costOf((await refusedOverWs(ws, 'cost-2'))[0].message), 2 * (1 + 500 * 1001));
      ws.subscribe('cost-1', q, { n: 1 });
      assert.equal((await outcome(ws, 'cost-1')).type, 'next');
    });

    test('WS: a frame over the cap before authentication closes the socket with 1009 on its header', async () => {
      const socket = await openSocket(hub.url);
      const closed = waitClose(socket);
      announceFrame(socket, 90 * 1024 * 1024, 1024); // defect 6: a 90 MB connection_init
      assert.equal((await closed).code, 1009);
    });

    test('WS: before authentication, a frame over 64 KiB (within BODY_LIMIT) closes with 1009 on its header', async () => {
      const socket = await openSocket(hub.url);
      const closed = waitClose(socket);
      announceFrame(socket, 1024 * 1024, 1024); // 1 MB: under BODY_LIMIT, over the unauthenticated cap
      assert.equal((await closed).code, 1009);
    });

    test('WS: before authentication, a message fragmented into small frames is capped as a whole', async () => {
      const socket = await openSocket(hub.url);
      const closed = waitClose(socket);
      const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
      // Three non-final text/continuation frames of 32 KiB each: no single frame is over the cap, the message is.
      for (const opcode of [0x01, 0x00, 0x00]) {
        const header = Buffer.alloc(8);
        header[0] = opcode; // FIN clear
        header[1] = 0x80 | 126; // masked, 16-bit length
        header.writeUInt16BE(32 * 1024, 2);
        tcp.write(Buffer.concat([header, Buffer.alloc(32 * 1024, 0)])); // zero mask: payload as is
      }
      assert.equal((await closed).code, 1009);
    });

    test('WS: after authentication, frames up to BODY_LIMIT pass and a larger one closes with 1009', async () => {
      const client = await connectRawWs(hub.url, readOnly.key);
      try {
        // 200 KB: more than an unauthenticated socket may send, within BODY_LIMIT (10mb).
        client.subscribe('padded', `{ me { id } } # ${'x'.repeat(200 * 1024)}`);
        assert.equal((await outcome(client, 'padded')).type, 'next');
        const closed = waitClose(client.socket);
        announceFrame(client.socket, BODY_LIMIT + 1, 1024);
        assert.equal((await closed).code, 1009);
      } finally {
        await client.close();
      }
    });
  });

  describe(`WebSocket internal errors are logged (${database.name})`, () => {
    let hub: TestHub;
    const lines: Array<Record<string, unknown>> = [];

    before(async () => {
      const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
      hub = await startTestHub(database, {}, { logger });
    });
    after(() => hub?.stop());

    test('an internal error over WS is masked with a request id, and logged with it', async () => {
      const user = await orgWithUser(hub, 'USER');
      // A database fault the code does not expect: the table of event tags is gone.
      await hub.app.orm.em.getConnection().execute('alter table event_tags rename to event_tags_gone');
      const client = await connectRawWs(hub.url, user.key);
      try {
        client.subscribe('tags', '{ tags { name } }');
        const m = await outcome(client, 'tags');
        const [e] = (m.payload as { errors: Array<{ message: string; extensions: { code: string; requestId?: string } }> }).errors;
        assert.equal(e.extensions.code, 'INTERNAL_SERVER_ERROR');
        const requestId = e.extensions.requestId;
        assert.ok(requestId, `the masked error names a request id: ${JSON.stringify(e)}`);
        assert.equal(e.message, `Internal server error (request id ${requestId})`);
        const logged = lines.find((l) => l.requestId === requestId && l.msg === 'internal error');
        assert.ok(logged, `a log line with request id ${requestId}; got ${JSON.stringify(lines).slice(0, 500)}`);
        assert.equal(logged.level, 50);
        assert.match(JSON.stringify(logged.err), /event_tags/);
      } finally {
        await client.close();
      }
    });
  });
}
