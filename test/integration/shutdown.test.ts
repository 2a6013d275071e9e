import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { createOrm } from '../../src/db/orm';
import { Feed } from '../../src/modules/feed/feed.entity';
import { Peer } from '../../src/modules/peer/peer.entity';
import { CreateFeedDocument, CreatePeerDocument, EnableFeedDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/** Resolves to 'connected' or the error code of a fresh TCP connection to `port` (never a pooled one). */
const tryConnect = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

/**
 * The ordered stop of app.ts (DESIGN §12.7): HTTP first (no new connections while the rest winds down), then
 * ws, then jobs (a running fetch finishes and records its status), then the database.
 */
for (const database of testDatabases()) {
  describe(`ordered stop (${database.name})`, () => {
    let hub: TestHub | null = null;
    let stopping: Promise<void> | null = null;
    const server = new FeedFixtureServer();
    let peerHub: TestHub | null = null;
    let peerStopping: Promise<void> | null = null;
    /** A "peer" that never answers: the sync client gives up after PEER_TIMEOUT_MS. */
    const silentPeer = createServer(() => undefined);

    after(async () => {
      server.releaseHanging();
      await stopping?.catch(() => undefined);
      if (hub && !stopping) await hub.app.stop();
      await hub?.db.drop();
      await server.stop();
      await peerStopping?.catch(() => undefined);
      if (peerHub && !peerStopping) await peerHub.app.stop();
      await peerHub?.db.drop();
      silentPeer.closeAllConnections();
      if (silentPeer.listening) await new Promise((r) => silentPeer.close(r));
    });

    test('stop() refuses new connections at once, waits for the running feed job, and closes the database last', async () => {
      await server.start();
      hub = await startTestHub(database, { FEED_TIMEOUT_MS: '20000' });
      const port = Number(new URL(hub.url).port);
      const path = `/${unique('slow')}.txt`;
      server.set(path, '192.0.2.90\n', { hang: true });
      const feed = ok(
        await hub.admin.request(CreateFeedDocument, {
          input: { name: unique('slow'), url: `${server.url}${path}`, format: 'FREETEXT', schedule: '* * * * * *' },
        }),
      ).createFeed;
      const arrived = server.nextRequest(path);
      ok(await hub.admin.request(EnableFeedDocument, { id: feed.id }));
      await arrived; // the feed's own schedule runs it; the source holds the answer

      let stopped = false;
      stopping = hub.app.stop().then(() => void (stopped = true));
      assert.equal(await tryConnect(port), 'ECONNREFUSED', 'the hub still accepts connections while it waits for its jobs');
      assert.equal(stopped, false, 'stop() must wait for the running fetch');

      // The source answers after all (the cut connection is retried once and gets the list): the job ends.
      server.set(path, '192.0.2.90\n');
      server.releaseHanging();
      await stopping;

      // The fetch recorded its outcome: the database was still open when it ended.
      const orm = await createOrm({ databaseUrl: hub.db.url });
      try {
        const stored = await orm.em.fork().findOneOrFail(Feed, { uuid: feed.id });
        assert.ok(stored.lastFetchAt, 'the fetch status was saved');
        assert.equal(stored.lastError, null);
        assert.equal(stored.lastNew, 1);
      } finally {
        await orm.close(true);
      }
    });

    test('stop() waits for a running scheduled peer sync, which records its outcome before the database closes', async () => {
      silentPeer.listen(0, '127.0.0.1');
      await once(silentPeer, 'listening');
      const peerUrl = `http://127.0.0.1:${(silentPeer.address() as AddressInfo).port}/graphql`;
      peerHub = await startTestHub(database, { PEER_TIMEOUT_MS: '1500' });
      const org = await orgWithUser(peerHub, 'USER');
      const arrived = once(silentPeer, 'request') as Promise<[IncomingMessage]>;
      const peer = ok(
        await peerHub.admin.request(CreatePeerDocument, {
          input: { name: unique('peer'), url: peerUrl, apiKey: 'k'.repeat(32), organisationId: org.orgId, pull: true, schedule: '* * * * * *' },
        }),
      ).createPeer;
      await arrived; // the schedule started a pull; its handshake waits for the silent peer

      // Stopping now: the pull ends by its own timeout, and stop() waits for it before closing the database.
      peerStopping = peerHub.app.stop();
      await peerStopping;

      const orm = await createOrm({ databaseUrl: peerHub.db.url });
      try {
        const stored = await orm.em.fork().findOneOrFail(Peer, { uuid: peer.id });
        assert.ok(stored.lastPullAt, 'the scheduled pull recorded its outcome');
        assert.ok(stored.lastError, 'the pull failed (the peer never answered)');
      } finally {
        await orm.close(true);
      }
    });
  });
}
