import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkUrl, forbiddenAddress, localFileBelowRoot, OutboundRefusedError } from '../../src/shared/outbound';

// address → the reason it is refused (ipaddr.js range name), or null when a feed or peer may reach it.
const ADDRESSES: Array<[string, string | null]> = [
  // public
  ['8.8.8.8', null],
  ['1.1.1.1', null],
  ['93.184.216.34', null],
  ['2606:4700:4700::1111', null],
  ['2a00:1450:4001:82b::200e', null],
  ['::ffff:8.8.8.8', null],
  // loopback
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['::1', 'loopback'],
  // unspecified
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  // RFC1918, CGNAT, link-local (cloud metadata), unique-local, site-local
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['169.254.169.254', 'linkLocal'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456:789a::1', 'uniqueLocal'],
  ['fec0::1', 'deprecatedSiteLocal'],
  // multicast, broadcast, reserved, documentation
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  // IPv4 inside IPv6: judged as the IPv4 address, or refused outright
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'linkLocal'],
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'ipv4Compatible'],
  ['64:ff9b::7f00:1', 'rfc6052'],
  ['2002:7f00:1::', '6to4'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  // zone ids and brackets are ignored; anything that is not an address is refused
  ['fe80::1%eth0', 'linkLocal'],
  ['[::1]', 'loopback'],
  ['localhost', 'not an IP address'],
  ['', 'not an IP address'],
];

describe('outbound policy: forbiddenAddress', () => {
  for (const [address, expected] of ADDRESSES) {
    test(`${address || '(empty)'} → ${expected ?? 'allowed'}`, () => {
      assert.equal(forbiddenAddress(address), expected);
    });
  }
});

describe('outbound policy: checkUrl (IP literals skip DNS, so the URL itself is checked)', () => {
  const refused = (url: string) => assert.throws(() => checkUrl({ allowPrivate: false }, new URL(url)), OutboundRefusedError, url);
  const allowed = (url: string, allowPrivate = false) => assert.doesNotThrow(() => checkUrl({ allowPrivate }, new URL(url)), url);

  test('private and loopback literals, in every notation the URL parser accepts, are refused', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://2130706433/', // decimal 127.0.0.1
      'http://0x7f.1/', // hex
      'http://017700000001/', // octal
      'http://127.1/',
      'http://0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'https://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
      'http://[fd00::1]/',
    ]) {
      refused(url);
    }
  });

  test('other schemes are refused even when private targets are allowed', () => {
    assert.throws(() => checkUrl({ allowPrivate: true }, new URL('file:///etc/passwd')), /file: URLs are not fetched/);
    assert.throws(() => checkUrl({ allowPrivate: true }, new URL('ftp://example.org/x')), /ftp: URLs are not fetched/);
  });

  test('public literals and host names pass (names are checked when they resolve); OUTBOUND_ALLOW_PRIVATE allows private', () => {
    allowed('http://8.8.8.8/');
    allowed('https://[2606:4700:4700::1111]/');
    allowed('https://feeds.example.org/list.txt');
    allowed('http://127.0.0.1:8080/', true);
  });

  test('the refusal names the address and the setting', () => {
    assert.throws(() => checkUrl({ allowPrivate: false }, new URL('http://127.0.0.1/')), /127\.0\.0\.1 is a loopback address.*OUTBOUND_ALLOW_PRIVATE/);
  });
});

describe('outbound policy: localFileBelowRoot (FEED_FILE_ROOT)', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'threatmesh-root-')));
  const root = join(base, 'feeds');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'ok.txt'), '192.0.2.1\n');
  writeFileSync(join(base, 'secret.txt'), 'secret\n');
  symlinkSync(join(base, 'secret.txt'), join(root, 'escape.txt'));
  symlinkSync(base, join(root, 'up'));
  symlinkSync(join(root, 'ok.txt'), join(root, 'sub', 'inside-link.txt'));
  after(() => rmSync(base, { recursive: true, force: true }));

  const refused = async (rootSetting: string | null, path: string, message: RegExp) =>
    assert.rejects(localFileBelowRoot(rootSetting, path), (e: unknown) => e instanceof OutboundRefusedError && message.test(e.message));

  test('files below the root are read at their real path (also through a symlink that stays inside)', async () => {
    assert.equal(await localFileBelowRoot(root, join(root, 'ok.txt')), join(root, 'ok.txt'));
    assert.equal(await localFileBelowRoot(root, join(root, 'sub', 'inside-link.txt')), join(root, 'ok.txt'));
    assert.equal(await localFileBelowRoot(root, 'ok.txt'), join(root, 'ok.txt'), 'a relative path is relative to the root');
    assert.equal(await localFileBelowRoot(root, join(root, 'sub', 'later.txt')), join(root, 'sub', 'later.txt'), 'a file not written yet');
  });

  test('no root: local files are off', async () => {
    await refused(null, join(root, 'ok.txt'), /FEED_FILE_ROOT is not set.*ok\.txt/);
  });

  test('outside the root: absolute, .., symlinked file, symlinked directory, the root itself', async () => {
    await refused(root, join(base, 'secret.txt'), /secret\.txt" is outside FEED_FILE_ROOT/);
    await refused(root, join(root, '..', 'secret.txt'), /is outside FEED_FILE_ROOT/);
    await refused(root, '../secret.txt', /"\.\.\/secret\.txt" is outside FEED_FILE_ROOT/);
    await refused(root, join(root, 'escape.txt'), /escape\.txt" is outside FEED_FILE_ROOT .*resolves to ".*secret\.txt"/);
    await refused(root, join(root, 'up', 'secret.txt'), /is outside FEED_FILE_ROOT/);
    await refused(root, join(root, 'up', 'not-yet.txt'), /is outside FEED_FILE_ROOT/);
    await refused(root, root, /is outside FEED_FILE_ROOT/);
    await refused(root, '/etc/passwd', /is outside FEED_FILE_ROOT/);
  });

  test('a root that does not exist refuses everything', async () => {
    await refused(join(base, 'missing-root'), join(base, 'missing-root', 'x.txt'), /does not exist/);
  });
});
