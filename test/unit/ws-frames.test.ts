import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Writable } from 'node:stream';
import { writeTextFrameHeader } from '../../src/server/ws';
import { FrameLengthGuard } from '../../src/server/ws-frame-guard';

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

/** The unauthenticated cap reads frame headers across any chunking of the stream. */
test('FrameLengthGuard: refuses on the header announcing too much, however the stream is chunked', () => {
  const frame = (fin: boolean, opcode: number, length: number, payload = true) => {
    const head = Buffer.alloc(14);
    head[0] = (fin ? 0x80 : 0) | opcode;
    let at = 2;
    if (length < 126) head[1] = 0x80 | length;
    else if (length < 0x10000) {
      head[1] = 0x80 | 126;
      head.writeUInt16BE(length, 2);
      at = 4;
    } else {
      head[1] = 0x80 | 127;
      head.writeBigUInt64BE(BigInt(length), 2);
      at = 10;
    }
    return Buffer.concat([head.subarray(0, at + 4), payload ? Buffer.alloc(length, 0x20) : Buffer.alloc(0)]);
  };
  const feedBytewise = (g: FrameLengthGuard, b: Buffer) => [...b].every((x) => g.feed(Buffer.from([x])));
  const small = Buffer.concat([frame(true, 1, 100), frame(true, 9, 4), frame(true, 1, 1000)]);
  assert.equal(new FrameLengthGuard(1000).feed(small), true);
  assert.equal(feedBytewise(new FrameLengthGuard(1000), small), true);
  // One byte over, in a 16-bit and in a 64-bit length; refused on the header (no payload sent).
  assert.equal(new FrameLengthGuard(1000).feed(frame(true, 1, 1001, false)), false);
  assert.equal(feedBytewise(new FrameLengthGuard(1000), frame(true, 2, 90 * 1024 * 1024, false)), false);
  // Fragments add up; a ping between them does not count; FIN starts a new message.
  const g = new FrameLengthGuard(1000);
  assert.equal(g.feed(Buffer.concat([frame(false, 1, 600), frame(true, 9, 100), frame(true, 0, 400)])), true);
  assert.equal(g.feed(frame(false, 1, 600)), true);
  assert.equal(g.feed(frame(true, 0, 401, false)), false);
});
