import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import {
  parseCsvFeed,
  parseExcludeRegex,
  parseValueColumns,
  resolveDelimiter,
  typeCsvValue,
  type CsvFeedOptions,
  type CsvFeedRow,
} from '../../src/modules/feed/parsers/csv';
import { FeedFormatError } from '../../src/modules/feed/parsers/misp-fields';

async function rows(text: string | Buffer, opts: CsvFeedOptions, chunkSize = 7): Promise<CsvFeedRow[]> {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  async function* chunks() {
    for (let i = 0; i < buf.length; i += chunkSize) yield buf.subarray(i, i + chunkSize);
  }
  const out: CsvFeedRow[] = [];
  for await (const row of parseCsvFeed(chunks(), opts)) out.push(row);
  return out;
}

const values = (rs: CsvFeedRow[]) => rs.map((r) => r.values);

describe('parseCsvFeed', () => {
  // [name, csv text, options, expected values per row]
  const CASES: Array<[string, string, CsvFeedOptions, string[][]]> = [
    [
      'abuse.ch style: # banner, quoted header (auto-skipped), trailer comment without newline',
      '#####\n# banner\n#\n"first_seen","dst_ip","port"\n"2024-01-01","1.2.3.4","80"\n"2024-01-02","5.6.7.8","443"\n# END 2',
      { valueColumns: [2] },
      [['1.2.3.4'], ['5.6.7.8']],
    ],
    [
      'commented header, unquoted rows',
      '# Listingdate,SHA1,Listingreason\n2023-11-14 06:52:51,2e3519b7cb61a3cd6167f727df993f68311085ea,DCRat C&C\n',
      { valueColumns: [2] },
      [['2e3519b7cb61a3cd6167f727df993f68311085ea']],
    ],
    [
      '", " separators (ThreatFox / MalwareBazaar dumps)',
      '"2024-07-16", "1301611", "http://x.example/a,b", "url"\n"2024-07-16", "1301610", "8.134.12.90:7777", "ip:port"\n',
      { valueColumns: [3, 4] },
      [
        ['http://x.example/a,b', 'url'],
        ['8.134.12.90:7777', 'ip:port'],
      ],
    ],
    [
      'quoted cells with delimiter, quote and newline inside',
      'id,v\n1,"a,b"\n2,"say ""hi"""\n3,"two\nlines"\n',
      { valueColumns: [2] },
      [['a,b'], ['say "hi"'], ['two\nlines']],
    ],
    [
      'ragged rows, missing columns, empty and blank values dropped, blank lines skipped',
      '1.1.1.1,x\n\n2.2.2.2\n,  ,\n3.3.3.3,,z\n   \n',
      { valueColumns: [1, 3], skipHeader: false },
      [['1.1.1.1'], ['2.2.2.2'], ['3.3.3.3', 'z']],
    ],
    [
      'values trimmed',
      '  evil.com  ;  x \n',
      { valueColumns: [1, 2], delimiter: ';' },
      [['evil.com', 'x']],
    ],
    ['tab delimiter', 'a\tevil.com\nb\tgood.com\n', { valueColumns: [2], delimiter: '\t' }, [['evil.com'], ['good.com']]],
    ['MISP-stored "\\t" delimiter', 'a\tevil.com\n', { valueColumns: [2], delimiter: '\\t' }, [['evil.com']]],
    ['pipe delimiter (dataplane.org)', 'AS1 | NAME | 1.2.3.4 | x\n', { valueColumns: [3], delimiter: '|' }, [['1.2.3.4']]],
    ['space delimiter (alienvault)', '1.2.3.4 # x\n', { valueColumns: [1], delimiter: ' ' }, [['1.2.3.4']]],
    ['empty value columns mean column 1', 'evil.com,x\n', { valueColumns: [] }, [['evil.com']]],
    ['empty delimiter means comma', 'x,evil.com\n', { valueColumns: [2], delimiter: '' }, [['evil.com']]],
    [
      'a "#" inside a row is data, not a comment',
      'http://x.example/#frag,1\n',
      { valueColumns: [1] },
      [['http://x.example/#frag']],
    ],
    [
      'excludeRegex applied to each value',
      'http://www.phishtank.com/x,1\nhttp://evil.com/y,2\n',
      { valueColumns: [1], excludeRegex: /^http:\/\/www.phishtank.com/i },
      [['http://evil.com/y']],
    ],
    ['BOM stripped', '\uFEFF1.2.3.4\n', { valueColumns: [1] }, [['1.2.3.4']]],
    ['CRLF line ends', 'h1,h2\r\n1.2.3.4,x\r\n', { valueColumns: [1] }, [['1.2.3.4']]],
    ['skipHeader auto keeps a first data row', '1.2.3.4,x\n5.6.7.8,y\n', { valueColumns: [1] }, [['1.2.3.4'], ['5.6.7.8']]],
    [
      'skipHeader auto keeps a first row that is text but not label-like',
      'Panel at evil.com,1\n',
      { valueColumns: [1] },
      [['Panel at evil.com']],
    ],
    ['skipHeader true drops the first record', '1.2.3.4\n5.6.7.8\n', { valueColumns: [1], skipHeader: true }, [['5.6.7.8']]],
    ['skipHeader false keeps a header', 'ip\n1.2.3.4\n', { valueColumns: [1], skipHeader: false }, [['ip'], ['1.2.3.4']]],
    ['unquoted quote characters tolerated', 'say "x" now,1\n', { valueColumns: [1] }, [['say "x" now']]],
  ];
  for (const [name, text, opts, expected] of CASES) {
    test(name, async () => {
      assert.deepEqual(values(await rows(text, opts)), expected);
      assert.deepEqual(values(await rows(text, opts, 1)), expected, 'one byte per chunk');
    });
  }

  test('line numbers are the source lines', async () => {
    const rs = await rows('# c\n"h1","h2"\n1.1.1.1,a\n\n2.2.2.2,b\n', { valueColumns: [1] });
    assert.deepEqual(
      rs.map((r) => r.line),
      [3, 5],
    );
  });

  test('accepts a Readable', async () => {
    const out = [];
    for await (const r of parseCsvFeed(Readable.from([Buffer.from('x,1.2.3.4\n')]), { valueColumns: [2] })) out.push(r);
    assert.deepEqual(values(out), [['1.2.3.4']]);
  });

  test('malformed CSV (quote never closed) → FeedFormatError naming the line', async () => {
    await assert.rejects(rows('a,b\n1,"open\n2,3\n', { valueColumns: [1] }), (e: unknown) => {
      assert.ok(e instanceof FeedFormatError, String(e));
      assert.match(e.message, /malformed CSV/);
      return true;
    });
  });

  test('invalid options → FeedFormatError', async () => {
    await assert.rejects(rows('a\n', { valueColumns: [0] }), FeedFormatError);
    await assert.rejects(rows('a\n', { valueColumns: [1], delimiter: ';;' }), FeedFormatError);
  });

  test('streams: pulls the source lazily and stops it when the consumer stops', async () => {
    let produced = 0;
    const total = 200_000;
    async function* source() {
      for (let i = 0; i < total; i++) {
        produced++;
        yield `${i},http://host${i}.example.com/path\n`;
      }
    }
    let seen = 0;
    for await (const row of parseCsvFeed(source(), { valueColumns: [2] })) {
      assert.equal(row.values.length, 1);
      if (++seen === 1000) break;
    }
    assert.equal(seen, 1000);
    assert.ok(produced < total / 4, `source should be pulled on demand, produced ${produced} of ${total}`);
  });

  test('memory stays flat over a large feed', async () => {
    const total = 200_000;
    async function* source() {
      for (let i = 0; i < total; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) chunk += `"${j}","2024-01-01","http://h${j}.example.com/a?b=${j}","online"\n`;
        yield chunk;
      }
    }
    let count = 0;
    let peak = 0;
    for await (const row of parseCsvFeed(source(), { valueColumns: [3] })) {
      if (row.values.length === 1) count++;
      if (count % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    assert.equal(count, total);
    // ~16 MB of CSV went through; the heap must not hold it (generous bound, GC timing varies).
    assert.ok(peak < 200 * 1024 * 1024, `peak heap ${Math.round(peak / 1e6)} MB`);
  });
});

describe('typeCsvValue', () => {
  const CASES: Array<[string, string | null, string | null]> = [
    ['192.9.135.73', 'ip-dst', '192.9.135.73'],
    ['2e3519b7cb61a3cd6167f727df993f68311085ea', 'sha1', '2e3519b7cb61a3cd6167f727df993f68311085ea'],
    ['http://182.126.120.150:58801/i', 'url', 'http://182.126.120.150:58801/i'],
    ['8.134.12.90:7777', 'ip-dst|port', '8.134.12.90|7777'],
    ['rocheholding.top', 'domain', 'rocheholding.top'],
    ['hxxp://evil[.]com', 'url', 'http://evil.com'],
    ['Panel at evil.com', 'domain', 'evil.com'],
    ['n/a', null, null],
    ['', null, null],
  ];
  for (const [input, type, value] of CASES) {
    test(`${JSON.stringify(input)} → ${type ?? 'null'}`, () => {
      const hit = typeCsvValue(input);
      assert.deepEqual(hit, type === null ? null : { type, value });
    });
  }
});

describe('CSV settings helpers', () => {
  test('parseValueColumns', () => {
    assert.deepEqual(parseValueColumns('2'), [2]);
    assert.deepEqual(parseValueColumns('3,4'), [3, 4]);
    assert.deepEqual(parseValueColumns(' 1 , 3 '), [1, 3]);
    assert.deepEqual(parseValueColumns(''), []);
    assert.deepEqual(parseValueColumns(undefined), []);
    assert.throws(() => parseValueColumns('0'), FeedFormatError);
    assert.throws(() => parseValueColumns('a'), FeedFormatError);
  });

  test('resolveDelimiter', () => {
    assert.equal(resolveDelimiter(''), ',');
    assert.equal(resolveDelimiter(undefined), ',');
    assert.equal(resolveDelimiter('\\t'), '\t');
    assert.equal(resolveDelimiter('\t'), '\t');
    assert.equal(resolveDelimiter('|'), '|');
    assert.throws(() => resolveDelimiter('"'), FeedFormatError);
  });

  test('parseExcludeRegex (MISP "/pattern/flags" form)', () => {
    const phishtank = parseExcludeRegex('/^http:\\/\\/www.phishtank.com/i')!;
    assert.ok(phishtank.test('HTTP://www.phishtank.com/x'));
    assert.ok(!phishtank.test('http://evil.com'));
    const threatview = parseExcludeRegex('/^#.*|Threatview.*/i')!;
    assert.ok(threatview.test('# comment') && threatview.test('threatview.io'));
    assert.equal(parseExcludeRegex(''), null);
    assert.equal(parseExcludeRegex('^abc$')!.source, '^abc$');
    assert.throws(() => parseExcludeRegex('/(/'), FeedFormatError);
  });
});
