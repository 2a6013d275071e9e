import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../src/server/rate-limit';

/** The address a request is rate-limited under: a client must not pick its own bucket. */
const req = (remoteAddress: string, xff?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

const cases: { name: string; remote: string; xff?: string | string[]; trust: number; want: string }[] = [
  { name: 'no proxy trusted: the socket, whatever the header says', remote: '192.0.2.7', xff: '198.51.100.1', trust: 0, want: '192.0.2.7' },
  { name: 'one proxy: the address it appended (rightmost)', remote: '10.0.0.2', xff: '203.0.113.9, 198.51.100.1', trust: 1, want: '198.51.100.1' },
  { name: 'two proxies: the second from the right', remote: '10.0.0.2', xff: '203.0.113.9, 198.51.100.1, 10.0.0.3', trust: 2, want: '198.51.100.1' },
  { name: 'repeated headers are one list', remote: '10.0.0.2', xff: ['203.0.113.9', '198.51.100.1'], trust: 1, want: '198.51.100.1' },
  { name: 'more trusted hops than entries: the leftmost', remote: '10.0.0.2', xff: '198.51.100.1', trust: 3, want: '198.51.100.1' },
  { name: 'a trusted proxy without the header: the socket', remote: '10.0.0.2', trust: 1, want: '10.0.0.2' },
  { name: 'IPv4-mapped IPv6 is IPv4', remote: '::ffff:192.0.2.7', trust: 0, want: '192.0.2.7' },
  { name: 'IPv6 counts per /64', remote: '2001:db8:1:2:aaaa::1', trust: 0, want: '2001:db8:1:2::/64' },
  { name: 'another address in the same /64 is the same bucket', remote: '2001:db8:1:2:bbbb:cccc:dddd:eeee', trust: 0, want: '2001:db8:1:2::/64' },
  { name: 'not an address: kept as text, bounded', remote: '10.0.0.2', xff: 'x'.repeat(500), trust: 1, want: 'x'.repeat(100) },
];

for (const c of cases) {
  test(`clientAddress: ${c.name}`, () => {
    assert.equal(clientAddress(req(c.remote, c.xff), c.trust), c.want);
  });
}
