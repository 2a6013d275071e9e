import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { testEnv } from '../../src/config/config';
import type { AccessNotice, ChangeBus } from '../../src/pubsub/change-bus';
import { createRedisChangeBus } from '../../src/pubsub/redis-change-bus';

const url = testEnv().testRedisUrl;

const waitFor = async (cond: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Redis change bus', { skip: !url && 'TEST_REDIS_URL is not set (CI sets it)' }, () => {
  if (!url) return;
  {
    const prefix = `threatmesh-test:${randomUUID()}:`;
    const otherPrefix = `threatmesh-test:${randomUUID()}:`;
    const opened: ChangeBus[] = [];
    const open = async (channelPrefix: string) => {
      const bus = await createRedisChangeBus(url, { channelPrefix });
      opened.push(bus);
      return bus;
    };

    after(async () => {
      await Promise.all(opened.map((b) => b.close()));
    });

    test('1,000 seqs published on replica A reach every subscriber on A and B exactly once, in order', async () => {
      const [a, b, other] = [await open(prefix), await open(prefix), await open(otherPrefix)];
      const onA1: number[] = [];
      const onA2: number[] = [];
      const onB: number[] = [];
      const onOther: number[] = [];
      const unsubs = [
        a.subscribe((s) => onA1.push(s)),
        a.subscribe((s) => onA2.push(s)),
        b.subscribe((s) => onB.push(s)),
        other.subscribe((s) => onOther.push(s)),
      ];

      for (const seq of range(1, 1000)) a.publish(seq);
      // Barrier: a later seq from B; pub/sub keeps order per connection, so everything before it is in.
      await waitFor(() => onA1.length >= 1000 && onA2.length >= 1000 && onB.length >= 1000, '1,000 notices');
      b.publish(1001);
      await waitFor(() => onA1.includes(1001) && onA2.includes(1001) && onB.includes(1001), 'barrier');

      assert.deepEqual(onA1, range(1, 1001));
      assert.deepEqual(onA2, range(1, 1001));
      assert.deepEqual(onB, range(1, 1001));

      // Another prefix (another hub on the same Redis) hears nothing of it.
      other.publish(42);
      await waitFor(() => onOther.length > 0, 'other-prefix barrier');
      assert.deepEqual(onOther, [42]);
      unsubs.forEach((u) => u());
    });

    test('a publish right after creation is delivered', async () => {
      const a = await open(prefix);
      const got: number[] = [];
      const unsub = a.subscribe((s) => got.push(s));
      const fresh = await open(prefix);
      fresh.publish(7);
      await waitFor(() => got.length > 0, 'notice from fresh bus');
      assert.deepEqual(got, [7]);
      unsub();
    });

    test('access notices round-trip with their fields, and stay within their prefix', async () => {
      const [a, b, other] = [await open(prefix), await open(prefix), await open(otherPrefix)];
      const notices: AccessNotice[] = [{ apiKeyId: 7 }, { userId: 3 }, { orgIds: [1, 2, 3] }, {}, { orgIds: [] }];
      const onA: AccessNotice[] = [];
      const onB: AccessNotice[] = [];
      const onOther: AccessNotice[] = [];
      const unsubs = [
        a.subscribeAccess((n) => onA.push(n)),
        b.subscribeAccess((n) => onB.push(n)),
        other.subscribeAccess((n) => onOther.push(n)),
      ];
      for (const n of notices) b.publishAccess(n);
      await waitFor(() => onA.length >= notices.length && onB.length >= notices.length, 'access notices');
      a.publishAccess({ userId: 99 });
      await waitFor(() => onA.length > notices.length && onB.length > notices.length, 'barrier');
      assert.deepEqual(onA, [...notices, { userId: 99 }]);
      assert.deepEqual(onB, [...notices, { userId: 99 }]);

      other.publishAccess({ apiKeyId: 1 });
      await waitFor(() => onOther.length > 0, 'other-prefix barrier');
      assert.deepEqual(onOther, [{ apiKeyId: 1 }]);
      unsubs.forEach((u) => u());
    });

    test('unsubscribe stops delivery; subscribing again works', async () => {
      const a = await open(prefix);
      const got: number[] = [];
      const barrier: number[] = [];
      const keep = a.subscribe((s) => barrier.push(s));
      const unsub = a.subscribe((s) => got.push(s));
      a.publish(1);
      await waitFor(() => got.length === 1, 'first notice');
      unsub();
      unsub(); // idempotent
      a.publish(2);
      await waitFor(() => barrier.includes(2), 'barrier');
      assert.deepEqual(got, [1]);
      const unsub2 = a.subscribe((s) => got.push(s));
      a.publish(3);
      await waitFor(() => got.length === 2, 'resubscribed notice');
      assert.deepEqual(got, [1, 3]);
      unsub2();
      keep();
    });

    test('throwing listeners and malformed payloads do not break the bus', async () => {
      const a = await open(prefix);
      const seqs: number[] = [];
      const notices: AccessNotice[] = [];
      const unsubs = [
        a.subscribe(() => {
          throw new Error('listener bug');
        }),
        a.subscribe((async () => {
          throw new Error('async listener bug');
        }) as () => void),
        a.subscribe((s) => seqs.push(s)),
        a.subscribeAccess(() => {
          throw new Error('listener bug');
        }),
        a.subscribeAccess((n) => notices.push(n)),
      ];
      const raw = new Redis(url);
      try {
        for (const bad of ['abc', '-1', '1.5', '', ' 3', '1e3', '99999999999999999999']) {
          await raw.publish(`${prefix}change`, bad);
        }
        for (const bad of ['{', 'null', '[]', '"x"', '{"apiKeyId":"7"}', '{"orgIds":[1,"2"]}', '{"userId":1.5}']) {
          await raw.publish(`${prefix}access`, bad);
        }
        await raw.publish(`${prefix}change`, '5');
        await raw.publish(`${prefix}access`, '{"apiKeyId":5,"extra":true}');
      } finally {
        raw.disconnect();
      }
      await waitFor(() => seqs.length > 0 && notices.length > 0, 'valid notices after malformed ones');
      a.publish(6);
      await waitFor(() => seqs.includes(6), 'barrier');
      assert.deepEqual(seqs, [5, 6]);
      assert.deepEqual(notices, [{ apiKeyId: 5 }]);

      // publish never throws, even on nonsense input.
      assert.doesNotThrow(() => a.publish(Number.NaN));
      assert.doesNotThrow(() => a.publishAccess({ orgIds: [1n as unknown as number] }));
      unsubs.forEach((u) => u());
    });

    test('close is idempotent and resolves; the closed bus ignores further use', async () => {
      const bus = await createRedisChangeBus(url, { channelPrefix: prefix });
      const p1 = bus.close();
      const p2 = bus.close();
      await Promise.all([p1, p2]);
      await bus.close();
      assert.doesNotThrow(() => bus.publish(1));
      assert.doesNotThrow(() => bus.publishAccess({ userId: 1 }));
      const unsub = bus.subscribe(() => assert.fail('closed bus delivered'));
      assert.doesNotThrow(unsub);
    });

    test('an unreachable Redis rejects within a few seconds, naming the URL without the password', async () => {
      const started = Date.now();
      await assert.rejects(createRedisChangeBus('redis://user:s3cret@127.0.0.1:1/0'), (err: Error) => {
        assert.match(err.message, /cannot reach redis:\/\/user:\*\*\*@127\.0\.0\.1:1\/0/);
        assert.ok(!err.message.includes('s3cret'), err.message);
        return true;
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 8_000, `took ${elapsed} ms`);
    });
  }
});
