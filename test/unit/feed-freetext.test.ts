import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyToken,
  detectIndicators,
  detectIndicatorsInLines,
  readLines,
  refang,
  type DetectedIndicator,
} from '../../src/modules/feed/parsers/freetext';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const hex = (n: number) => 'ab'.repeat(n).slice(0, n);
const detect = (text: string) => [...detectIndicators(text)];
const one = (type: string, value: string): DetectedIndicator[] => [{ type, value }];

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('refang', () => {
  const CASES: Array<[string, string]> = [
    ['hxxp://evil[.]com/a', 'http://evil.com/a'],
    ['hxxps://evil[.]com', 'https://evil.com'],
    ['hXXps[:]//evil(.)com', 'https://evil.com'],
    ['hxxp[:]//evil{.}com', 'http://evil.com'],
    ['hxxp[://]evil[dot]com', 'http://evil.com'],
    ['h**p://evil(dot)com', 'http://evil.com'],
    ['hxxp[s]://evil.com', 'https://evil.com'],
    ['fxp://files[.]example[.]org', 'ftp://files.example.org'],
    ['1.2.3[.]4', '1.2.3.4'],
    ['1[.]2[.]3[.]4', '1.2.3.4'],
    ['evil [.] com', 'evil.com'],
    ['evil\\.com', 'evil.com'],
    ['user[at]example[.]org', 'user@example.org'],
    ['user[@]example[.]org', 'user@example.org'],
    ['user(at)example(.)org', 'user@example.org'],
    ['user{AT}example[DOT]org', 'user@example.org'],
    ['http://example.com/path', 'http://example.com/path'],
    ['nothing to see', 'nothing to see'],
  ];
  for (const [input, expected] of CASES) {
    test(`${input} → ${expected}`, () => assert.equal(refang(input), expected));
  }
});

describe('detectIndicators', () => {
  // [input text, expected indicators in order]
  const CASES: Array<[string, DetectedIndicator[]]> = [
    ['hxxp://evil[.]com/a', one('url', 'http://evil.com/a')],
    ['HTTPS://Evil.COM/Path?q=1', one('url', 'HTTPS://Evil.COM/Path?q=1')],
    ['evil.com/gate.php', one('url', 'evil.com/gate.php')],
    ['1.2.3[.]4', one('ip-dst', '1.2.3.4')],
    ['8.8.8.8', one('ip-dst', '8.8.8.8')],
    ['10.0.0.0/8', one('ip-dst', '10.0.0.0/8')],
    ['2001:0DB8::1', one('ip-dst', '2001:db8::1')],
    ['2001:db8::/32', one('ip-dst', '2001:db8::/32')],
    ['1.2.3.4:8080', one('ip-dst|port', '1.2.3.4|8080')],
    ['1.2.3.4|443', one('ip-dst|port', '1.2.3.4|443')],
    ['[2001:db8::1]:443', one('ip-dst|port', '2001:db8::1|443')],
    ['evil.com:8443', one('hostname|port', 'evil.com|8443')],
    [MD5, one('md5', MD5)],
    [MD5.toUpperCase(), one('md5', MD5)],
    [SHA1, one('sha1', SHA1)],
    [hex(56), one('sha224', hex(56))],
    [SHA256, one('sha256', SHA256)],
    [hex(96), one('sha384', hex(96))],
    [hex(128), one('sha512', hex(128))],
    [hex(33), []],
    ['3072:pNvCknyrs4RvRYNth2oWtyWQ:rqrs0vR8CyWwJDyG', one('ssdeep', '3072:pNvCknyrs4RvRYNth2oWtyWQ:rqrs0vR8CyWwJDyG')],
    ['12:30:45', []],
    ['CVE-2021-44228', one('vulnerability', 'CVE-2021-44228')],
    ['see cve-2017-0144.', one('vulnerability', 'CVE-2017-0144')],
    ['AS1234', one('AS', '1234')],
    ['as15169', one('AS', '15169')],
    ['bad[at]evil[.]com', one('email', 'bad@evil.com')],
    ['Admin@Example.ORG', one('email', 'admin@example.org')],
    ['example.com', one('domain', 'example.com')],
    ['Example.COM.', one('domain', 'example.com')],
    ['www.example.com', one('hostname', 'www.example.com')],
    ['a.b.example.com', one('hostname', 'a.b.example.com')],
    ['example.co.uk', one('domain', 'example.co.uk')],
    ['mail.example.co.uk', one('hostname', 'mail.example.co.uk')],
    ['evil.zip', one('domain', 'evil.zip')],
    ['пример.рф', one('domain', 'xn--e1afmkfd.xn--p1ai')],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', one('btc', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')],
    ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', one('btc', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', []], // bad checksum
    // not indicators
    ['report.pdf', []],
    ['invoice.docx payload.exe helper.dll index.php jquery.min.js', []],
    ['System.Net Microsoft.Windows', []],
    ['999.1.1.1', []],
    ['1.2.3.4/33', []],
    ['1.2.3.4:99999', []],
    ['e.g. i.e. v1.2 version 3.14', []],
    ['plain words only', []],
    ['a.b', []],
    ['', []],
    // punctuation around tokens
    ['(evil.com).', one('domain', 'evil.com')],
    ['"8.8.4.4",', one('ip-dst', '8.8.4.4')],
    ['<http://x.example.net/a>', one('url', 'http://x.example.net/a')],
    ['http://en.wikipedia.org/wiki/Foo_(bar)', one('url', 'http://en.wikipedia.org/wiki/Foo_(bar)')],
    ['[2001:db8::2]', one('ip-dst', '2001:db8::2')],
  ];
  for (const [input, expected] of CASES) {
    test(`${JSON.stringify(input)} → ${expected.map((e) => `${e.type} ${e.value}`).join(', ') || 'nothing'}`, () => {
      assert.deepEqual(detect(input), expected);
    });
  }

  test('mixed text, in order of appearance, each value once', () => {
    const text = [
      'C2 at hxxp://bad[.]example[.]com/gate.php and 203.0.113.7, again 203.0.113.7;',
      `dropper ${MD5} (also ${MD5.toUpperCase()}), contact: ops[at]bad[.]example`,
      'exploits CVE-2023-1234 via report.pdf from AS64500',
    ].join('\n');
    assert.deepEqual(detect(text), [
      { type: 'url', value: 'http://bad.example.com/gate.php' },
      { type: 'ip-dst', value: '203.0.113.7' },
      { type: 'md5', value: MD5 },
      { type: 'email', value: 'ops@bad.example' },
      { type: 'vulnerability', value: 'CVE-2023-1234' },
      { type: 'AS', value: '64500' },
    ]);
  });

  test('the same value under two types is kept twice (type/value pairs are deduplicated)', () => {
    assert.deepEqual(detect('1.2.3.4 1.2.3.4:80 1.2.3.4'), [
      { type: 'ip-dst', value: '1.2.3.4' },
      { type: 'ip-dst|port', value: '1.2.3.4|80' },
    ]);
  });

  test('excludeRegex drops matching values', () => {
    const hits = [...detectIndicators('a.example.com b.example.org 1.1.1.1', { excludeRegex: /example\.org$/g })];
    assert.deepEqual(
      hits.map((h) => h.value),
      ['a.example.com', '1.1.1.1'],
    );
  });

  test('pure: the same input twice gives the same output', () => {
    const text = 'evil.com 1.2.3.4';
    assert.deepEqual(detect(text), detect(text));
  });

  test('classifyToken types a single token', () => {
    assert.deepEqual(classifyToken('1.2.3.4'), { type: 'ip-dst', value: '1.2.3.4' });
    assert.equal(classifyToken('hello'), null);
  });
});

describe('detectIndicatorsInLines', () => {
  test('line numbers, comment lines skipped, dedupe across lines', async () => {
    const lines = ['# banner: contact feeds[at]example[.]org', 'evil.com', '', '1.2.3.4 evil.com', '  # 5.6.7.8'];
    const hits = [];
    for await (const hit of detectIndicatorsInLines(fromArray(lines))) hits.push(hit);
    assert.deepEqual(hits, [
      { type: 'domain', value: 'evil.com', line: 2 },
      { type: 'ip-dst', value: '1.2.3.4', line: 4 },
    ]);
  });

  test('skipCommentLines: false and dedupe: false', async () => {
    const hits = [];
    for await (const hit of detectIndicatorsInLines(fromArray(['# 5.6.7.8', '5.6.7.8']), {
      skipCommentLines: false,
      dedupe: false,
    })) {
      hits.push(hit.line);
    }
    assert.deepEqual(hits, [1, 2]);
  });

  test('excludeRegex (MISP "/^#.*|Threatview.*/i" style) applied to values', async () => {
    const hits = [];
    for await (const hit of detectIndicatorsInLines(fromArray(['threatview.io', 'evil.com']), {
      excludeRegex: /^#.*|Threatview.*/i,
    })) {
      hits.push(hit.value);
    }
    assert.deepEqual(hits, ['evil.com']);
  });
});

describe('readLines', () => {
  test('splits across chunk boundaries, CRLF, BOM, multi-byte characters, last line without newline', async () => {
    const bytes = Buffer.from('\uFEFFfirst\r\nsecond ü\n\nlast', 'utf8');
    // Chunks of 3 bytes cut through "\r\n" and through the two-byte "ü".
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 3) chunks.push(bytes.subarray(i, i + 3));
    const lines = [];
    for await (const line of readLines(fromArray(chunks))) lines.push(line);
    assert.deepEqual(lines, ['first', 'second ü', '', 'last']);
  });

  test('string chunks', async () => {
    const lines = [];
    for await (const line of readLines(fromArray(['a\nb', 'c\n']))) lines.push(line);
    assert.deepEqual(lines, ['a', 'bc']);
  });
});
