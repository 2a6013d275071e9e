import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAhead } from '../../src/shared/read-ahead';

/** A source that logs when each read starts and ends, and when it is closed. */
function source(n: number, log: string[], failAt = -1): AsyncGenerator<number> {
  return (async function* () {
    try {
      for (let i = 0; i < n; i++) {
        log.push(`read ${i}`);
        await new Promise((r) => setTimeout(r, 5));
        if (i === failAt) throw new Error(`read ${i} failed`);
        log.push(`got ${i}`);
        yield i;
      }
    } finally {
      log.push('closed');
    }
  })();
}

test('readAhead reads the next item while the caller works on the current one, one ahead at most', async () => {
  const log: string[] = [];
  const seen: number[] = [];
  for await (const x of readAhead(source(3, log))) {
    log.push(`use ${x}`);
    seen.push(x);
  }
  assert.deepEqual(seen, [0, 1, 2]);
  // Item 1's read starts before item 0 is used; never two reads ahead.
  assert.ok(log.indexOf('read 1') < log.indexOf('use 0'), log.join(', '));
  assert.ok(log.indexOf('read 2') > log.indexOf('use 0'), log.join(', '));
  // The source ran to its end (its own end is read ahead too), once.
  assert.equal(log.filter((l) => l === 'closed').length, 1);
});

test('a caller that stops early closes the source after the read in flight; a failed read is raised when its item is asked for', async () => {
  const log: string[] = [];
  for await (const x of readAhead(source(10, log))) if (x === 1) break;
  assert.deepEqual(log.slice(-2), ['got 2', 'closed']);
  assert.ok(!log.includes('read 3'));

  const failing: number[] = [];
  await assert.rejects(
    (async () => {
      for await (const x of readAhead(source(5, [], 2))) failing.push(x);
    })(),
    /read 2 failed/,
  );
  assert.deepEqual(failing, [0, 1]);
});
