/**
 * Interop with real feed files under ../shared/realworld/feeds (registered only when that folder exists).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasRealworld, REALWORLD_DIR, realworldSkip } from '../support/paths';
import { parseCsvFeed, parseExcludeRegex, parseValueColumns, typeCsvValue, type CsvFeedRow } from '../../src/modules/feed/parsers/csv';
import { allAttributes, parseHashesCsv, parseManifest, parseMispEvent, type ParsedMispEvent } from '../../src/modules/feed/parsers/misp-feed';
import { FeedFormatError } from '../../src/modules/feed/parsers/misp-fields';
import { DEFAULT_FEEDS } from '../../src/modules/feed/default-feeds';

if (hasRealworld()) {
  const FEEDS = join(REALWORLD_DIR, 'feeds');
  const ABUSE = join(FEEDS, 'abuse.ch');
  const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

  async function csvRows(file: string, valueColumns: number[]): Promise<CsvFeedRow[]> {
    const rows: CsvFeedRow[] = [];
    for await (const row of parseCsvFeed(createReadStream(join(ABUSE, file)), { valueColumns })) rows.push(row);
    return rows;
  }

  /** Lines that are neither blank nor `#` comments. */
  const dataLines = (file: string) =>
    readFileSync(join(ABUSE, file), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() && !l.startsWith('#'));

  const typesOf = (values: string[]) => values.map((v) => typeCsvValue(v)?.type ?? `untyped: ${v}`);

  describe('realworld: abuse.ch CSV feeds', () => {
    test('Feodo (value column 2): 28 rows, all IPs; header row skipped', async () => {
      const rows = await csvRows('feodo_ipblocklist.csv', [2]);
      const lines = dataLines('feodo_ipblocklist.csv');
      assert.equal(lines.length, 29); // quoted header + 28 rows
      const trailer = /# END (\d+) entries/.exec(readFileSync(join(ABUSE, 'feodo_ipblocklist.csv'), 'utf8'));
      assert.equal(rows.length, Number(trailer![1]));
      assert.equal(rows.length, lines.length - 1);
      assert.deepEqual(new Set(typesOf(rows.map((r) => r.values[0]))), new Set(['ip-dst']));
      assert.equal(rows[0].values[0], '192.9.135.73');
    });

    test('SSLBL (value column 2): every row a sha1', async () => {
      const rows = await csvRows('sslbl_sslblacklist.csv', [2]);
      assert.equal(rows.length, dataLines('sslbl_sslblacklist.csv').length);
      assert.equal(rows.length, 300);
      assert.deepEqual(new Set(typesOf(rows.map((r) => r.values[0]))), new Set(['sha1']));
    });

    // [file, data lines that are a header]
    const URLHAUS: Array<[string, number]> = [
      ['urlhaus_csv_recent_excerpt.csv', 0],
      ['urlhaus_csv_rows_noheader-comments.csv', 1],
    ];
    for (const [file, headers] of URLHAUS) {
      test(`URLhaus ${file} (value column 3): one url per non-comment line`, async () => {
        const rows = await csvRows(file, [3]);
        assert.equal(rows.length, dataLines(file).length - headers);
        assert.deepEqual(new Set(typesOf(rows.map((r) => r.values[0]))), new Set(['url']));
        for (const row of rows) assert.match(row.values[0], /^https?:\/\//);
      });
    }

    test('ThreatFox (", " separated, value column 3): the detected type agrees with ioc_type', async () => {
      const rows = await csvRows('threatfox_csv_full_excerpt.csv', [3, 4]);
      assert.equal(rows.length, dataLines('threatfox_csv_full_excerpt.csv').length);
      assert.equal(rows.length, 5);
      const EXPECTED: Record<string, string[]> = {
        url: ['url'],
        'ip:port': ['ip-dst|port'],
        domain: ['domain', 'hostname'],
        md5_hash: ['md5'],
        sha256_hash: ['sha256'],
      };
      for (const { values } of rows) {
        const [ioc, iocType] = values;
        assert.ok(EXPECTED[iocType]?.includes(typeCsvValue(ioc)!.type), `${ioc} (${iocType})`);
      }
    });

    test('MalwareBazaar dump (columns 2, 3, 4, 13): sha256, md5, sha1, ssdeep', async () => {
      const rows = await csvRows('malwarebazaar_full_dump_sample.csv', [2, 3, 4, 13]);
      assert.equal(rows.length, dataLines('malwarebazaar_full_dump_sample.csv').length);
      assert.ok(rows.length > 0);
      for (const { line, values } of rows) {
        assert.deepEqual(typesOf(values), ['sha256', 'md5', 'sha1', 'ssdeep'], `line ${line}`);
      }
    });
  });

  describe('realworld: Infoblox MISP feed', () => {
    const DIR = join(FEEDS, 'misp-feed-infoblox');

    test('manifest: 26 events (46 in the full manifest), all valid', () => {
      assert.equal(parseManifest(readJson(join(DIR, 'manifest.json'))).size, 26);
      assert.equal(parseManifest(readJson(join(DIR, 'manifest.full.json'))).size, 46);
    });

    test('each <uuid>.json parses; valid + reported attributes = attributes in the file', () => {
      const manifest = parseManifest(readJson(join(DIR, 'manifest.json')));
      let inFiles = 0;
      let valid = 0;
      const problems: string[] = [];
      for (const [uuid, entry] of manifest) {
        const raw = readJson(join(DIR, `${uuid}.json`)) as { Event: { Attribute: unknown[] } };
        const event = parseMispEvent(raw);
        assert.equal(event.uuid, uuid);
        assert.equal(event.info, entry.info);
        assert.equal(event.timestamp, entry.timestamp);
        assert.deepEqual(event.orgc, entry.orgc);
        assert.deepEqual(
          event.tags.map((t) => t.name),
          entry.tags,
        );
        const count = raw.Event.Attribute.length;
        assert.equal(event.attributeCountInFile, count);
        assert.equal(event.attributes.length + event.problems.length, count, uuid);
        assert.ok(count >= 6 && count <= 283);
        inFiles += count;
        valid += event.attributes.length;
        problems.push(...event.problems.map((p) => `${uuid} ${p.path}: ${p.message}`));
      }
      assert.equal(inFiles, 2479);
      // One attribute in the real feed is typed filename|sha256 but holds a bare TLSH digest: reported, not stored.
      assert.equal(valid, 2478);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^68f58844-4aa6-4e1c-8ee5-cfb58eb6665e Attribute\[28\]: .*filename\|sha256/);
    });
  });

  describe('realworld: PyMISP-generated feed', () => {
    const DIR = join(FEEDS, 'misp-feed-pymisp-generated');

    test('8 events with objects parse without problems; hashes.csv matches their values', () => {
      const manifest = parseManifest(readJson(join(DIR, 'manifest.json')));
      assert.equal(manifest.size, 8);
      const events: ParsedMispEvent[] = [];
      for (const [uuid, entry] of manifest) {
        const event = parseMispEvent(readJson(join(DIR, `${uuid}.json`)));
        assert.deepEqual(event.problems, [], uuid);
        assert.equal(event.timestamp, entry.timestamp);
        assert.equal(event.info, entry.info);
        events.push(event);
      }
      const all = events.flatMap((e) => [...allAttributes(e)]);
      assert.equal(all.length, 323);
      assert.equal(
        events.reduce((n, e) => n + e.attributeCountInFile, 0),
        323,
      );
      assert.equal(
        events.reduce((n, e) => n + e.objects.length, 0),
        84,
      );
      assert.ok(events.some((e) => e.objects.length === 49));
      const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
      assert.ok(
        events.some((e) => japanese.test(e.info) || [...allAttributes(e)].some((a) => japanese.test(a.value + a.comment))),
        'Japanese text kept',
      );

      const hashes = parseHashesCsv(readFileSync(join(DIR, 'hashes.csv'), 'utf8'));
      assert.deepEqual(hashes.problems, []);
      assert.equal(hashes.entries.length, 326);
      for (const h of hashes.entries) assert.ok(manifest.has(h.eventUuid), h.eventUuid);
      const listed = new Set(hashes.entries.map((h) => `${h.hash},${h.eventUuid}`));
      const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
      let checked = 0;
      for (const e of events) {
        for (const a of allAttributes(e)) {
          if (a.type === 'datetime') continue; // PyMISP hashes its own datetime rendering
          for (const part of a.value.split('|')) {
            assert.ok(listed.has(`${md5(part)},${e.uuid}`), `${a.type} ${part}`);
            checked++;
          }
        }
      }
      assert.ok(checked >= 310, `checked ${checked}`);
    });
  });

  describe('realworld: quirky rss2ioc feed', () => {
    const DIR = join(FEEDS, 'misp-feed-rss2ioc-quirky');

    test('every bad event/attribute is reported; nothing but FeedFormatError is thrown', () => {
      const manifest = parseManifest(readJson(join(DIR, 'manifest.json')));
      assert.equal(manifest.size, 44);
      let attributesInFiles = 0;
      let reported = 0;
      let valid = 0;
      let badEvents = 0;
      for (const uuid of manifest.keys()) {
        // The feed keeps its events under events/ (MISP would ask for <url>/<uuid>.json and get a 404).
        assert.equal(existsSync(join(DIR, `${uuid}.json`)), false);
        const raw = readJson(join(DIR, 'events', `${uuid}.json`)) as { Event?: { Attribute?: unknown[] } };
        attributesInFiles += raw.Event?.Attribute?.length ?? 0;
        try {
          const event = parseMispEvent(raw);
          valid += event.attributes.length;
          reported += event.problems.length;
          for (const p of event.problems) assert.match(p.message, /Unknown attribute type "urls"/);
        } catch (e) {
          assert.ok(e instanceof FeedFormatError, `unexpected ${String(e)}`);
          badEvents++;
        }
      }
      assert.equal(badEvents, 0);
      assert.equal(valid, 0);
      assert.equal(attributesInFiles, 813);
      assert.equal(reported, attributesInFiles);
    });
  });

  describe('realworld: default feed metadata', () => {
    interface MispDefault {
      Feed: Record<string, unknown> & { settings?: string };
      Tag?: { name: string };
    }
    const defaults = readJson(join(FEEDS, 'misp-feed-metadata', 'defaults.json')) as MispDefault[];

    test('84 entries, same facts as defaults.json, in the same order', () => {
      assert.equal(defaults.length, 84);
      assert.equal(DEFAULT_FEEDS.length, defaults.length);
      defaults.forEach(({ Feed: f, Tag: tag }, i) => {
        const ours = DEFAULT_FEEDS[i];
        let settings: unknown = JSON.parse(f.settings || '{}');
        if (typeof settings === 'string') settings = JSON.parse(settings); // one entry is encoded twice
        const s = settings as { csv?: { value?: string; delimiter?: string }; common?: { excluderegex?: string } } & {
          disable_correlation?: string;
        };
        const where = `${i}: ${String(f.name)}`;
        assert.equal(ours.name, f.name, where);
        assert.equal(ours.provider, f.provider, where);
        assert.equal(ours.url, f.url, where);
        assert.equal(ours.sourceFormat, String(f.source_format).toUpperCase(), where);
        assert.equal(ours.enabled, false, where);
        assert.equal(ours.fixedEvent, f.fixed_event, where);
        assert.equal(ours.deltaMerge, f.delta_merge, where);
        assert.equal(ours.distribution, Number(f.distribution), where);
        assert.equal(ours.publish, f.publish, where);
        assert.equal(ours.overrideIds, f.override_ids, where);
        assert.equal(ours.lookupVisible, f.lookup_visible, where);
        assert.deepEqual(ours.csv.valueColumns, parseValueColumns(s.csv?.value), where);
        assert.equal(ours.csv.delimiter, s.csv?.delimiter || ',', where);
        assert.equal(ours.excludeRegex ?? '', s.common?.excluderegex ?? '', where);
        assert.equal(ours.disableCorrelation, s.disable_correlation === undefined ? undefined : s.disable_correlation === '1');
        assert.equal(ours.tag, tag?.name, where);
        if (ours.excludeRegex) assert.ok(parseExcludeRegex(ours.excludeRegex) instanceof RegExp);
      });
    });

    test('the reference summary CSV lists the same 84 URLs', async () => {
      const urls: string[] = [];
      const source = createReadStream(join(REALWORLD_DIR, 'reference', 'default-feeds-summary.csv'));
      for await (const row of parseCsvFeed(source, { valueColumns: [3] })) urls.push(row.values[0]);
      assert.equal(urls.length, 84);
      assert.deepEqual(new Set(urls), new Set(DEFAULT_FEEDS.map((f) => f.url)));
    });
  });
} else {
  test('realworld feed files', { skip: realworldSkip() }, () => {});
}
