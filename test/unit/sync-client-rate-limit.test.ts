import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { HubInfoDocument } from '../../src/generated/graphql';
import { retryAfterMs } from '../../src/modules/peer/peer-http';
import { SyncClient } from '../../src/modules/peer/sync-client';

/** A peer that answers 429 (with the given Retry-After) to the first `limited` requests, then GraphQL. */
async function limitedPeer(limited: number, retryAfter: string) {
  let seen = 0;
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    seen++;
    if (seen <= limited) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      res.end(JSON.stringify({ errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATE_LIMITED' } }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { hubInfo: { id: '00000000-0000-4000-8000-000000000001' } } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, requests: () => seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const client = (url: string) =>
  new SyncClient({ url, apiKey: 'k'.repeat(40), tlsVerify: true, timeoutMs: 5000, maxResponseBytes: 1 << 20, policy: { allowPrivate: true } });

test('Retry-After: whole seconds only', () => {
  assert.equal(retryAfterMs('2'), 2000);
  assert.equal(retryAfterMs(' 0 '), 0);
  assert.equal(retryAfterMs(null), null);
  assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT'), null);
  assert.equal(retryAfterMs('-1'), null);
});

test('a peer that rate-limits our key is waited for (Retry-After) and asked again', async () => {
  const peer = await limitedPeer(2, '0');
  const c = client(peer.url);
  try {
    const data = (await c.request(HubInfoDocument, {})) as { hubInfo: { id: string } };
    assert.equal(data.hubInfo.id, '00000000-0000-4000-8000-000000000001');
    assert.equal(peer.requests(), 3);
    assert.equal(c.requests, 3, 'each attempt counts as a request');
  } finally {
    await c.close();
    await peer.close();
  }
});

test('a long Retry-After is not waited for: the run stops with PEER_UNAVAILABLE naming the status', async () => {
  const peer = await limitedPeer(1, '120');
  const c = client(peer.url);
  try {
    await assert.rejects(c.request(HubInfoDocument, {}), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'PEER_UNAVAILABLE');
      assert.match(e.message, /HTTP 429/);
      return true;
    });
    assert.equal(peer.requests(), 1);
  } finally {
    await c.close();
    await peer.close();
  }
});
