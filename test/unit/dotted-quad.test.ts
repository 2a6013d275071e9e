import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IPv4 } from 'ipaddr.js';
import { dottedQuad, dottedQuadRange } from '../../src/modules/attribute/dotted-quad';
import { ipaddrRangeOf, ipRangeOf } from '../../src/modules/attribute/attribute-keys';

/**
 * dotted-quad reads the plain IPv4 form without ipaddr.js: it must accept exactly what ipaddr's
 * isValidFourPartDecimal accepts, with the same address, and give ipaddr's range for every text it
 * takes (the others fall back to ipaddr.js, so ipRangeOf is ipaddrRangeOf for every text).
 */
const FIXED = [
  '0.0.0.0', '255.255.255.255', '10.0.0.1', '1.2.3.4', '192.168.001.1', '01.2.3.4', '1.2.3.04', '256.1.1.1', '1.2.3.256',
  '1.2.3', '1.2.3.4.5', '1.2.3.4.', '.1.2.3.4', '1..2.3', '0x0a.0.0.1', '012.1.1.1', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.4\n',
  '1000.1.1.1', '0000.1.1.1', '10', '167772161', '10.1', '', '::1', '::ffff:10.0.0.1', '2001:db8::/32', '1.2.3.4%eth0',
  '١.٢.٣.٤', '1.2.3.４', '+1.2.3.4', '-1.2.3.4', '1e2.1.1.1', '99.99.99.99', '100.200.250.255',
  '10.0.0.0/8', '10.1.2.3/0', '10.1.2.3/32', '10.1.2.3/33', '10.1.2.3/08', '10.1.2.3/032', '10.1.2.3/', '10.1.2.3/ 8',
  '10.1.2.3/8/9', '10.1.2.3/-1', '10.1.2.3/0x8', '010.1.2.3/8', '10.1.2.3/24', '10.1.2.3/31', '10.1.2.3/1', '255.255.255.255/7',
  '10.1.2.3/0000000000000000000000000000008', '10.1.2.3/99999999999999999999', '2001:db8::1/64', '1.2.3.4/8 ',
]; // prettier-ignore

/** Random texts over the characters that matter (digits, dots, slashes, hex, colons), seeded. */
function randomTexts(count: number): string[] {
  let seed = 1234567;
  // mulberry32
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const alphabet = '0123456789....//x:a ';
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) {
      // Near-valid quads: parts of 1–4 digits, sometimes a prefix.
      const part = () => String(rand(4) === 0 ? rand(1000) : rand(256)).padStart(rand(6) === 0 ? 2 + rand(2) : 0, '0');
      const quad = [part(), part(), part(), part()].join('.');
      out.push(rand(3) === 0 ? `${quad}/${rand(40)}` : quad);
    } else {
      let s = '';
      const n = 1 + rand(18);
      for (let k = 0; k < n; k++) s += alphabet[rand(alphabet.length)];
      out.push(s);
    }
  }
  return out;
}

test('dottedQuad accepts exactly what ipaddr.IPv4.isValidFourPartDecimal accepts, with the same address', () => {
  for (const text of [...FIXED, ...randomTexts(20_000)]) {
    const plain = text.split('/')[0];
    const n = dottedQuad(plain);
    const valid = IPv4.isValidFourPartDecimal(plain);
    assert.equal(n >= 0, valid, JSON.stringify(plain));
    if (valid) {
      const [a, b, c, d] = IPv4.parse(plain).octets;
      assert.equal(n, ((a << 24) >>> 0) + (b << 16) + (c << 8) + d, plain);
      assert.equal(IPv4.parse(plain).toString(), plain, 'a dotted quad is its own normal form');
    }
  }
});

test('dottedQuadRange gives ipaddr.js\'s range for every text it takes; ipRangeOf equals ipaddrRangeOf', () => {
  let taken = 0;
  for (const text of [...FIXED, ...randomTexts(20_000)]) {
    const quad = dottedQuadRange(text);
    if (quad) {
      taken++;
      assert.deepEqual(quad, ipaddrRangeOf(text), text);
    }
    assert.deepEqual(ipRangeOf(text), ipaddrRangeOf(text), text);
  }
  assert.ok(taken > 1000, `the sample holds plain quads (${taken})`);
  assert.deepEqual(dottedQuadRange('10.1.2.3/8'), { start: '00000000000000000000ffff0a000000', end: '00000000000000000000ffff0affffff' });
  assert.deepEqual(dottedQuadRange('10.1.2.3'), { start: '00000000000000000000ffff0a010203', end: '00000000000000000000ffff0a010203' });
  assert.deepEqual(dottedQuadRange('0.0.0.0/0'), { start: '00000000000000000000ffff00000000', end: '00000000000000000000ffffffffffff' });
});
