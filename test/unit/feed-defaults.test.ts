import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FEEDS, defaultFeedCsvOptions } from '../../src/modules/feed/default-feeds';

describe('DEFAULT_FEEDS', () => {
  test('84 feeds, all disabled, unique URLs', () => {
    assert.equal(DEFAULT_FEEDS.length, 84);
    assert.ok(DEFAULT_FEEDS.every((f) => f.enabled === false));
    assert.equal(new Set(DEFAULT_FEEDS.map((f) => f.url)).size, 84);
  });

  test('formats: 42 CSV, 35 freetext, 7 MISP', () => {
    const count = (format: string) => DEFAULT_FEEDS.filter((f) => f.sourceFormat === format).length;
    assert.deepEqual([count('CSV'), count('FREETEXT'), count('MISP')], [42, 35, 7]);
  });

  test('well-formed: http(s) URLs, 1-based columns, one-character delimiters, distributions 0-4', () => {
    for (const f of DEFAULT_FEEDS) {
      assert.match(f.url, /^https?:\/\//, f.name);
      assert.ok(f.name.trim() && f.provider.trim(), f.url);
      assert.ok(f.csv.valueColumns.every((c) => Number.isInteger(c) && c >= 1), f.name);
      assert.equal(f.csv.delimiter.length, 1, f.name);
      assert.ok(f.distribution >= 0 && f.distribution <= 4, f.name);
    }
  });

  test('abuse.ch facts', () => {
    const byUrl = (url: string) => DEFAULT_FEEDS.find((f) => f.url === url)!;
    // [url, format, value columns]
    const CASES: Array<[string, string, number[]]> = [
      ['https://feodotracker.abuse.ch/downloads/ipblocklist.csv', 'CSV', [2]],
      ['https://sslbl.abuse.ch/blacklist/sslblacklist.csv', 'CSV', [2]],
      ['https://urlhaus.abuse.ch/downloads/csv_recent/', 'CSV', [3]],
      ['https://threatfox.abuse.ch/export/csv/recent/', 'CSV', [3]],
      ['https://bazaar.abuse.ch/export/txt/md5/recent/', 'CSV', []],
      ['https://threatfox.abuse.ch/downloads/misp/', 'MISP', []],
      ['https://urlhaus.abuse.ch/downloads/misp/', 'MISP', []],
    ];
    for (const [url, format, columns] of CASES) {
      const feed = byUrl(url);
      assert.ok(feed, url);
      assert.equal(feed.sourceFormat, format, url);
      assert.deepEqual(feed.csv.valueColumns, columns, url);
    }
    assert.equal(byUrl('https://urlhaus.abuse.ch/downloads/csv_recent/').disableCorrelation, true);
    assert.equal(byUrl('https://bazaar.abuse.ch/export/txt/md5/recent/').excludeRegex, '/^#.*/i');
  });

  test('frozen', () => {
    assert.ok(Object.isFrozen(DEFAULT_FEEDS) && Object.isFrozen(DEFAULT_FEEDS[0]) && Object.isFrozen(DEFAULT_FEEDS[0].csv));
  });

  test('defaultFeedCsvOptions compiles every exclude regex', () => {
    for (const f of DEFAULT_FEEDS) {
      const opts = defaultFeedCsvOptions(f);
      assert.equal(opts.delimiter, f.csv.delimiter);
      if (f.excludeRegex) assert.ok(opts.excludeRegex instanceof RegExp, f.name);
    }
    const phishtank = DEFAULT_FEEDS.find((f) => f.name === 'Phishtank online valid phishing')!;
    assert.ok(defaultFeedCsvOptions(phishtank).excludeRegex!.test('http://www.phishtank.com/phish_detail.php?x=1'));
  });
});
