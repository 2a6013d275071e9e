import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { Event } from '../../src/modules/event/event.entity';
import { Feed } from '../../src/modules/feed/feed.entity';
import { HeldLease, LeaseLostError } from '../../src/db/lease';
import { CreateFeedDocument, FetchFeedDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, startTestHub, TestHub, unique } from '../support/hub';
import { REPO_ROOT } from '../support/paths';

const CHILD = join(REPO_ROOT, 'dist/test/support/feed-fetch-child.js');
/** The lease TTL of both processes: a dead fetcher's lease must be free again within it. */
const TTL_MS = 2000;
/** Values in the source, and values the killed fetch has stored (4 batches of 1,000) when it is killed. */
const VALUES = 10_000;
const STORED_BEFORE_KILL = 4_000;

/** Polls `probe` until it returns a value (not undefined); fails after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(50);
  }
}

for (const database of testDatabases()) {
  describe(`a feed fetch that dies midway (${database.name})`, () => {
    let hub: TestHub;
    const server = new FeedFixtureServer();
    const children: ChildProcess[] = [];

    before(async () => {
      hub = await startTestHub(database, { FEED_LEASE_TTL_MS: String(TTL_MS), FEED_TIMEOUT_MS: '60000' });
      await server.start();
    });
    after(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      server.releaseHanging();
      await server.stop();
      await hub?.stop();
    });

    /** A CSV of `VALUES` distinct IPs, and the byte offset after its first `lines` lines. */
    const csv = () => {
      const lines = Array.from({ length: VALUES }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},scanner`);
      const body = `# ip,comment\n${lines.join('\n')}\n`;
      const offsetAfter = (n: number) => Buffer.byteLength(`# ip,comment\n${lines.slice(0, n).join('\n')}\n`);
      return { body, offsetAfter };
    };

    /** A publishing CSV feed with a new event per fetch (not fixedEvent), on the fixture server. */
    const createFeed = async (path: string) => {
      const name = unique('crash');
      const feed = ok(
        await hub.admin.request(CreateFeedDocument, {
          input: { name, url: `${server.url}${path}`, format: 'CSV', valueColumns: [1], fixedEvent: false, publish: true },
        }),
      ).createFeed;
      const row = await hub.app.orm.em.fork().findOneOrFail(Feed, { uuid: feed.id });
      return { uuid: feed.id, id: row.id, name };
    };

    const feedEvents = (name: string) => hub.app.hub.em.fork().find(Event, { info: { $like: `${name} (%` } }, { orderBy: { id: 'asc' } });
    const storedCount = async (name: string) => hub.app.hub.em.fork().count(Attribute, { event: { info: { $like: `${name} (%` } }, deleted: false });

    /** After the retry: one event of the feed, every value once, published, no longer pending. */
    const assertComplete = async (feed: { uuid: string; name: string }, eventUuid: string) => {
      const events = await feedEvents(feed.name);
      assert.deepEqual(events.map((e) => e.uuid), [eventUuid], 'the retry completed the same event, no second one');
      assert.equal(events[0].published, true, 'the completed event is published (the feed publishes)');
      const values = await hub.app.hub.em.fork().find(Attribute, { event: events[0].id, deleted: false }, { fields: ['type', 'value'] });
      assert.equal(values.length, VALUES, 'count of stored values');
      assert.equal(new Set(values.map((a) => `${a.type}|${a.value}`)).size, VALUES, 'count of distinct stored values');
      const row = await hub.app.orm.em.fork().findOneOrFail(Feed, { uuid: feed.uuid });
      assert.equal(row.lastError ?? null, null);
      assert.equal(row.pendingEvent ?? null, null, 'the feed has no pending event any more');
    };

    test('lease: renewed by its holder, taken over once expired, and the old holder stops at its next check', async () => {
      let t = 1_000_000;
      const clock = { now: () => new Date(t) };
      const name = unique('lease');
      const opts = { ttlMs: 60_000, clock };
      const a = await HeldLease.acquire(hub.app.hub.em, name, 'holder-a', opts);
      assert.ok(a);
      try {
        assert.equal(await HeldLease.acquire(hub.app.hub.em, name, 'holder-b', opts), null, 'held');
        t += 40_000; // past half of the TTL: the holder's next check renews it
        await a.check();
        t += 30_000; // 70 s after taking it, 30 s after the renewal: still held
        assert.equal(await HeldLease.acquire(hub.app.hub.em, name, 'holder-b', opts), null, 'renewed');
        t += 61_000; // not renewed for a whole TTL (the holder stalled): another holder takes it over
        const b = await HeldLease.acquire(hub.app.hub.em, name, 'holder-b', opts);
        assert.ok(b);
        await assert.rejects(a.check(), LeaseLostError);
        assert.equal(a.signal.aborted, true);
        await a.release(); // frees nothing: the lease is b's
        assert.equal(await HeldLease.acquire(hub.app.hub.em, name, 'holder-c', opts), null);
        await b.release();
        const c = await HeldLease.acquire(hub.app.hub.em, name, 'holder-c', opts);
        assert.ok(c, 'released');
        await c.release();
      } finally {
        await a.release();
      }
    });

    test('kill -9 of the fetching process: a new fetch is accepted within the lease TTL, resumes into the half-stored event and stores each value once', async () => {
      const path = `/${unique('big')}.csv`;
      const { body, offsetAfter } = csv();
      // The source stalls after 4,500 values: the killed fetch has stored 4 batches of 1,000.
      server.set(path, body, { pauseAt: offsetAfter(STORED_BEFORE_KILL + 500) });
      const feed = await createFeed(path);

      const child = spawn(process.execPath, [CHILD, hub.db.url, String(feed.id), String(TTL_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      await waitFor(`${STORED_BEFORE_KILL} values stored by the child`, 120_000, async () => {
        assert.equal(child.exitCode, null, `the child ended early: ${output}`);
        return (await storedCount(feed.name)) >= STORED_BEFORE_KILL ? true : undefined;
      });
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      const [, signal] = await exited;
      const killedAt = Date.now();
      assert.equal(signal, 'SIGKILL');
      const [half] = await feedEvents(feed.name);
      assert.equal(half.published, false, 'the half-stored event is not published');
      assert.equal(await storedCount(feed.name), STORED_BEFORE_KILL);

      // The dead process's lease still holds right after the kill, and is free again within the TTL.
      server.set(path, body);
      const first = ok(await hub.admin.request(FetchFeedDocument, { id: feed.uuid })).fetchFeed;
      assert.equal(first.refused, true, 'the dead fetcher held the lease');
      let acceptedAt = 0;
      const retry = await waitFor('a fetch that is not refused', TTL_MS + 20_000, async () => {
        const askedAt = Date.now();
        const r = ok(await hub.admin.request(FetchFeedDocument, { id: feed.uuid })).fetchFeed;
        if (r.refused) return undefined;
        acceptedAt = askedAt;
        return r;
      });
      // Accepted within the TTL (plus a margin for a busy machine), not after the old hour.
      assert.ok(acceptedAt - killedAt < TTL_MS + 5000, `accepted ${acceptedAt - killedAt} ms after the kill`);
      assert.equal(retry.error, null);
      assert.equal(retry.eventId, half.uuid, 'the retry resumed into the half-stored event');
      assert.equal(retry.new, VALUES - STORED_BEFORE_KILL);
      assert.equal(retry.skipped, STORED_BEFORE_KILL);
      await assertComplete(feed, half.uuid);
    });

    test('a fetch that fails midway (the source is cut): the next fetch completes the same event, each value once', async () => {
      const path = `/${unique('cut')}.csv`;
      const { body, offsetAfter } = csv();
      server.set(path, body, { truncateAt: offsetAfter(STORED_BEFORE_KILL + 500) });
      const feed = await createFeed(path);
      const failed = ok(await hub.admin.request(FetchFeedDocument, { id: feed.uuid })).fetchFeed;
      assert.match(failed.error ?? '', /could not be read|terminated|closed/i);
      const [half] = await feedEvents(feed.name);
      assert.equal(half.published, false);

      server.set(path, body);
      const retry = ok(await hub.admin.request(FetchFeedDocument, { id: feed.uuid })).fetchFeed;
      assert.equal(retry.error, null);
      assert.equal(retry.eventId, half.uuid);
      assert.equal(retry.new + retry.skipped, VALUES);
      await assertComplete(feed, half.uuid);

      // A later fetch of a changed source is a new event again (the completed one is left alone).
      server.set(path, `${body}192.0.2.1,new\n`);
      const next = ok(await hub.admin.request(FetchFeedDocument, { id: feed.uuid })).fetchFeed;
      assert.notEqual(next.eventId, half.uuid);
      assert.equal(next.new, VALUES + 1);
    });
  });
}
