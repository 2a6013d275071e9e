import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feedHashedParts, feedHashLines } from '../../src/modules/export/export-misp';
import { REALWORLD_DIR } from '../support/paths';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const EVENT = '5abf6421-c1b8-477b-a9d2-9c0902de0b81';

describe('hashes.csv follows MISP: composite types per part only, everything else whole', () => {
  // [type, value, the values hashed]
  const CASES: Array<[string, string, string[]]> = [
    ['filename|md5', 'drop.exe|d41d8cd98f00b204e9800998ecf8427e', ['drop.exe', 'd41d8cd98f00b204e9800998ecf8427e']],
    ['ip-dst|port', '203.0.113.11|8443', ['203.0.113.11', '8443']],
    ['domain|ip', 'evil.example|203.0.113.5', ['evil.example', '203.0.113.5']],
    ['regkey|value', 'HKLM\\Run|C:\\x.exe', ['HKLM\\Run', 'C:\\x.exe']],
    ['malware-sample', 'sample.zip|d41d8cd98f00b204e9800998ecf8427e', ['sample.zip', 'd41d8cd98f00b204e9800998ecf8427e']],
    // not composite types: hashed whole although the value has a "|"
    ['snort', 'alert udp any any -> any 53 (content:"|01 00|"; sid:1;)', ['alert udp any any -> any 53 (content:"|01 00|"; sid:1;)']],
    ['text', 'a|b', ['a|b']],
    ['yara', 'rule x { strings: $a = { 4D 5A } condition: $a or #a|1 }', ['rule x { strings: $a = { 4D 5A } condition: $a or #a|1 }']],
    ['domain', 'evil.example', ['evil.example']],
  ];
  for (const [type, value, parts] of CASES) {
    test(`${type}: ${value.slice(0, 50)}`, () => {
      assert.deepEqual(feedHashedParts({ type, value }), parts);
      assert.equal(feedHashLines({ type, value }, EVENT), parts.map((p) => `${md5(p)},${EVENT}\n`).join(''));
    });
  }

  test('a composite value hashes each distinct part once, never the whole value', () => {
    const lines = feedHashLines({ type: 'filename|md5', value: 'a|a' }, EVENT);
    assert.equal(lines, `${md5('a')},${EVENT}\n`);
    assert.ok(!feedHashLines({ type: 'ip-src|port', value: '1.2.3.4|80' }, EVENT).includes(md5('1.2.3.4|80')));
  });
});

interface RawAttribute {
  type: string;
  value: string;
}

const PYMISP_FEED = join(REALWORLD_DIR, 'feeds', 'misp-feed-pymisp-generated');

test('the lines equal those of the real PyMISP-generated feed (its hashes.csv), datetime aside', { skip: !existsSync(PYMISP_FEED) && `no ${PYMISP_FEED} (../shared/realworld)` }, () => {
  const listed = new Set(
    readFileSync(join(PYMISP_FEED, 'hashes.csv'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(',').slice(0, 2).join(',')),
  );
  const ours = new Set<string>();
  let composites = 0;
  for (const file of readdirSync(PYMISP_FEED).filter((f) => f.endsWith('.json') && f !== 'manifest.json')) {
    const event = JSON.parse(readFileSync(join(PYMISP_FEED, file), 'utf8')).Event;
    const attributes: RawAttribute[] = [...(event.Attribute ?? []), ...(event.Object ?? []).flatMap((o: { Attribute?: RawAttribute[] }) => o.Attribute ?? [])];
    for (const a of attributes) {
      if (a.type === 'datetime') continue; // PyMISP hashes its own rendering of a datetime, not the value
      if (a.type.includes('|')) composites++;
      for (const line of feedHashLines(a, event.uuid).split('\n').filter(Boolean)) ours.add(line);
    }
  }
  assert.ok(composites >= 3, `composite attributes among them (${composites})`);
  assert.ok(ours.size > 200, `${ours.size} lines`);
  assert.deepEqual([...ours].filter((l) => !listed.has(l)), [], 'every line we write is one PyMISP wrote');
  assert.equal(listed.size - ours.size, 9, 'PyMISP has only its 9 datetime lines more');
});

test('the real snort rule of long_event.json is hashed whole', { skip: !existsSync(join(REALWORLD_DIR, 'misp-json')) && 'no ../shared/realworld' }, () => {
  const event = JSON.parse(readFileSync(join(REALWORLD_DIR, 'misp-json', 'long_event.json'), 'utf8')).Event;
  const snort = (event.Attribute as RawAttribute[]).filter((a) => a.type === 'snort' && a.value.includes('|'));
  assert.ok(snort.length >= 1);
  for (const a of snort) assert.equal(feedHashLines(a, event.uuid), `${md5(a.value)},${event.uuid}\n`);
});
