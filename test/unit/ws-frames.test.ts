import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Writable } from 'node:stream';
import { writeTextFrameHeader } from '../../src/server/ws';

/** ws' frame parser (exported by ws, not declared by its type definitions). */
const { Receiver } = require('ws') as { Receiver: new (opts: { isServer: boolean; skipUTF8Validation: boolean; maxPayload: number }) => Writable };

/** Frames as the live fan-out writes them, read back by ws' own client-side parser. */
test('text frames built for the fan-out are read back by ws, at every length encoding (7-bit, 16-bit, 64-bit)', async () => {
  const lengths = [0, 5, 125, 126, 1000, 65535, 65536, 70000];
  const texts = lengths.map((n, i) => `${i}:` + 'é'.repeat(Math.max(0, Math.floor((n - 2) / 2))));
  const parts: Buffer[] = [];
  for (const t of texts) {
    const body = Buffer.from(t);
    const head = Buffer.alloc(10);
    const end = writeTextFrameHeader(head, 0, body.length);
    parts.push(head.subarray(0, end), body);
  }
  const received: string[] = [];
  const receiver = new Receiver({ isServer: false, skipUTF8Validation: false, maxPayload: 0 });
  receiver.on('message', (data: Buffer, isBinary: boolean) => {
    assert.equal(isBinary, false);
    received.push(data.toString('utf8'));
  });
  const errors: Error[] = [];
  receiver.on('error', (e: Error) => errors.push(e));
  await new Promise<void>((resolve, reject) => receiver.write(Buffer.concat(parts), (e?: Error | null) => (e ? reject(e) : resolve())));
  assert.deepEqual(errors, []);
  assert.deepEqual(received, texts);
});
