import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support for IDS rules: a grammar-level parser of the rule syntax both engines share (header,
 * options split on unescaped `;`, quoted values with the engines' escapes) and a check of a rules file
 * by Suricata itself (`suricata -T`).
 */

export interface ParsedRule {
  action: string;
  proto: string;
  src: string;
  srcPort: string;
  dst: string;
  dstPort: string;
  /** Options in order: [keyword, value or null]. */
  options: Array<[string, string | null]>;
}

const HEADER = /^(alert) (\S+) (\S+) (\S+) (->|<>) (\S+) (\S+) \((.*)\)$/;

/** Parses one rule line; throws (assert) with the reason when it is not well-formed. */
export function parseRule(line: string): ParsedRule {
  const m = HEADER.exec(line);
  assert.ok(m, `not a rule: ${line}`);
  const body = m[8];
  const options: Array<[string, string | null]> = [];
  let i = 0;
  while (i < body.length) {
    while (body[i] === ' ') i++;
    if (i >= body.length) break;
    const kw = /^[a-z0-9_.]+/.exec(body.slice(i));
    assert.ok(kw, `option keyword expected at ${i} in ${line}`);
    i += kw[0].length;
    let value: string | null = null;
    if (body[i] === ':') {
      i++;
      let v = '';
      let quoted = false;
      for (; i < body.length; i++) {
        const c = body[i];
        if (c === '\\') {
          const next = body[i + 1];
          assert.ok(next === '\\' || next === '"' || next === ';', `bad escape \\${next} in ${line}`);
          v += c + next;
          i++;
          continue;
        }
        if (c === '"') quoted = !quoted;
        if (c === ';' && !quoted) break;
        v += c;
      }
      assert.ok(!quoted, `unterminated quote in ${line}`);
      value = v.trim();
    }
    assert.equal(body[i], ';', `";" expected after ${kw[0]} in ${line}`);
    i++;
    options.push([kw[0], value]);
  }
  return { action: m[1], proto: m[2], src: m[3], srcPort: m[4], dst: m[6], dstPort: m[7], options };
}

export const optionValues = (r: ParsedRule, key: string) => r.options.filter(([k]) => k === key).map(([, v]) => v ?? '');

/** A quoted option value without its quotes, its escapes resolved (msg). */
export function unquoteMsg(v: string): string {
  assert.match(v, /^".*"$/s, `not a quoted string: ${v}`);
  return v.slice(1, -1).replace(/\\(["\\;])/g, '$1');
}

/** A content value decoded to the bytes it matches (|hex| runs), as UTF-8; asserts its syntax. */
export function decodeContent(v: string): string {
  assert.match(v, /^".*"$/s, `not a quoted content: ${v}`);
  const inner = v.slice(1, -1);
  const parts = inner.split(/(\|[0-9A-Fa-f ]*\|)/);
  for (const p of parts) if (!/^\|[0-9A-Fa-f ]*\|$/.test(p)) assert.doesNotMatch(p, /["\\;|]/, `unescaped syntax character in content ${v}`);
  return Buffer.concat(parts.map((p) => (/^\|[0-9A-Fa-f ]*\|$/.test(p) ? Buffer.from(p.slice(1, -1).replace(/ /g, ''), 'hex') : Buffer.from(p, 'latin1')))).toString('utf8');
}

/** The rule lines of a rules file (comments and blank lines left out). */
export const ruleLines = (text: string) => text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));

export const hasSuricata = () => spawnSync('suricata', ['-V'], { encoding: 'utf8' }).status === 0;

export interface SuricataResult {
  ok: boolean;
  loaded: number;
  failed: number;
  output: string;
}

/** `suricata -T -v` on the rules text with the system's suricata.yaml (CI installs suricata, see .ci/run). */
export function suricataCheck(rules: string): SuricataResult {
  if (!hasSuricata()) {
    assert.fail('suricata is not installed: CI installs it (.ci/run: apt-get install -t bookworm-backports suricata); install it to run this test');
  }
  const dir = mkdtempSync(join(tmpdir(), 'tm-suricata-'));
  try {
    writeFileSync(join(dir, 'export.rules'), rules);
    const r = spawnSync('suricata', ['-T', '-v', '-S', join(dir, 'export.rules'), '-c', '/etc/suricata/suricata.yaml', '-l', dir], { encoding: 'utf8', timeout: 120_000 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    const m = /(\d+) rules successfully loaded, (\d+) rules failed/.exec(output);
    return { ok: r.status === 0, loaded: m ? Number(m[1]) : 0, failed: m ? Number(m[2]) : -1, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
