import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createOrm } from '../../src/db/orm';
import { Feed } from '../../src/modules/feed/feed.entity';
import { CreateFeedDocument, EnableFeedDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, startTestHub, TestHub, unique } from '../support/hub';

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

    after(async () => {
      server.releaseHanging();
      await stopping?.catch(() => undefined);
      if (hub && !stopping) await hub.app.stop();
      await hub?.db.drop();
      await server.stop();
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
  });
}
