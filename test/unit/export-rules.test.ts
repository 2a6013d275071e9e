import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SID_BASE, ruleContent, ruleMsg, ruleSlot, RULE_TYPES, rulesWriter, SID_RULES_PER_ATTRIBUTE, SID_SLOTS } from '../../src/modules/export/export-rules';
import { ExportAttribute, ExportEvent } from '../../src/modules/export/export-source';
import { sampleValue } from '../support/attribute-samples';
import { decodeContent, optionValues, parseRule, ruleLines, unquoteMsg } from '../support/ids-rules';
import { REALWORLD_DIR, realworldSkip } from '../support/paths';

/** Grammar-level checks of the IDS rules writer (always run); Suricata itself checks the e2e export. */
const event = { id: 1, uuid: '11111111-1111-4111-8111-111111111111', info: 'Info with "quotes"; semicolons | pipes \\ backslash' } as ExportEvent;
let n = 0;
const attr = (type: string, value: string): ExportAttribute =>
  ({ id: ++n, uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type, value, timestamp: new Date('2024-01-02T03:04:05Z'), tags: [] }) as unknown as ExportAttribute;
const write = (engine: 'suricata' | 'snort', attributes: ExportAttribute[], sidBase?: number) => {
  const w = rulesWriter(engine, { sidBase, baseUrl: 'https://hub.example' });
  return w.begin() + w.chunk({ event, attributes }) + w.end();
};

describe('IDS rules: grammar of what is written', () => {
  test('content escaping: the syntax characters and non-ASCII are |hex|, and decode back', () => {
    for (const v of ['evil.example', 'a"b;c\\d|e:f', '/p?q=1;2&r="x"', 'ünïcode.example', 'tab\there', '|', '""', ';;', '\\\\']) {
      const c = ruleContent(v);
      assert.equal(decodeContent(`"${c}"`), v, v);
    }
    assert.equal(ruleContent('a;b'), 'a|3B|b');
    assert.equal(ruleContent('"|'), '|22 7C|');
    assert.equal(ruleContent('\\'), '|5C|');
  });

  test('msg escaping: \\, " and ; escaped (not rewritten); line breaks become spaces; bounded', () => {
    assert.equal(ruleMsg('a"b;c\\d|e'), 'a\\"b\\;c\\\\d|e');
    assert.equal(unquoteMsg(`"${ruleMsg('x";\\|y')}"`), 'x";\\|y');
    assert.equal(ruleMsg('line\r\nbreak'), 'line break');
    const long = ruleMsg('"'.repeat(400));
    assert.ok(long.length <= 250 && !/(^|[^\\])(\\\\)*\\$/.test(long), 'no dangling escape at the cut');
  });

  for (const engine of ['suricata', 'snort'] as const) {
    test(`${engine}: every detectable type gives well-formed rules; sids stable, in range and unique; rev, reference, metadata`, () => {
      const attributes = RULE_TYPES.map((t) => attr(t, sampleValue(t)));
      const text = write(engine, attributes);
      const rules = ruleLines(text).map(parseRule);
      const sids = rules.map((r) => Number(optionValues(r, 'sid')[0]));
      assert.equal(new Set(sids).size, sids.length, 'unique sids');
      for (const [i, r] of rules.entries()) {
        const meta = /^misp_event ([0-9a-f-]{36}), misp_attribute ([0-9a-f-]{36}), misp_type (\S+)$/.exec(optionValues(r, 'metadata')[0]);
        assert.ok(meta, 'metadata names event, attribute and type');
        assert.equal(meta[1], event.uuid);
        const a = attributes.find((x) => x.uuid === meta[2])!;
        const slotSid = DEFAULT_SID_BASE + ruleSlot(a.uuid) * SID_RULES_PER_ATTRIBUTE;
        assert.ok(sids[i] >= slotSid && sids[i] < slotSid + SID_RULES_PER_ATTRIBUTE, `sid ${sids[i]} of ${a.type} in its slot`);
        assert.ok(sids[i] < 2 ** 32);
        assert.deepEqual(optionValues(r, 'rev'), [String(Date.parse('2024-01-02T03:04:05Z') / 1000)]);
        assert.deepEqual(optionValues(r, 'reference'), [`url,hub.example/events/${event.uuid}`]);
        assert.ok(unquoteMsg(optionValues(r, 'msg')[0]).includes(event.info), 'msg keeps the event info as written');
        for (const c of optionValues(r, 'content')) decodeContent(c);
        // Suricata 7 refuses nocase on the normalised host buffer (and upper case patterns in it).
        const keys = r.options.map(([k]) => k);
        const host = keys.indexOf('http.host');
        if (host >= 0) {
          const next = keys.findIndex((k, j) => j > host && k.includes('.'));
          const hostOpts = r.options.slice(host, next < 0 ? undefined : next);
          assert.ok(!hostOpts.some(([k]) => k === 'nocase'), 'no nocase on http.host');
          for (const [k, v] of hostOpts) if (k === 'content') assert.equal(v, v!.toLowerCase());
        }
        if (engine === 'snort') assert.ok(['ip', 'tcp', 'udp'].includes(r.proto) && !keys.some((k) => k.includes('.')), 'snort: no sticky buffers');
      }
      // Every type MISP exports has rules, except the ones reported as skipped.
      const skipped = [...text.matchAll(/^# skipped \S+ (\S+):/gm)].map((m) => m[1]);
      const covered = new Set(rules.map((r) => /misp_type (\S+)/.exec(optionValues(r, 'metadata')[0])![1]));
      for (const t of RULE_TYPES) assert.ok(covered.has(t.replace(/\|/g, '_')) !== skipped.includes(t), `${t}: either rules or reported as skipped`);
      assert.deepEqual(skipped.sort(), engine === 'suricata' ? ['snort'] : ['ja3-fingerprint-md5', 'snort']);
      assert.match(text, new RegExp(`^# ${rules.length} rules written; ${skipped.length} attributes skipped:`, 'm'));
      // Stable: the same attributes in another export (another order) have the same sids.
      const again = ruleLines(write(engine, [...attributes].reverse())).map(parseRule);
      const sidOf = (list: typeof rules) => new Map(list.map((r) => [`${optionValues(r, 'metadata')[0]} ${optionValues(r, 'msg')[0]}`, optionValues(r, 'sid')[0]]));
      assert.deepEqual(sidOf(again), sidOf(rules));
    });
  }

  test('values a rule cannot hold are skipped and reported, never written', () => {
    const text = write('suricata', [attr('url', 'not a url'), attr('domain', 'bad domain!'), attr('ip-dst|port', '203.0.113.1|99999'), attr('ip-src', 'not-an-ip')]);
    assert.equal(ruleLines(text).length, 0);
    assert.match(text, /# 0 rules written; 4 attributes skipped:/);
    assert.equal([...text.matchAll(/^# skipped /gm)].length, 4);
  });

  test('sidBase moves the range; colliding slots are moved to the next free one', () => {
    const a = attr('ip-dst', '203.0.113.1');
    const [r] = ruleLines(write('suricata', [a], 5_000_000)).map(parseRule);
    assert.equal(Number(optionValues(r, 'sid')[0]), 5_000_000 + ruleSlot(a.uuid) * SID_RULES_PER_ATTRIBUTE);
    assert.ok(ruleSlot(a.uuid) < SID_SLOTS);
  });
});

describe('IDS rules of real MISP events: grammar', { skip: realworldSkip() }, () => {
  test('every to_ids attribute of the real events gives well-formed rules or a reported skip', () => {
    type Raw = { type: string; value: string };
    const dir = join(REALWORLD_DIR, 'misp-json');
    const attributes = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        const e = JSON.parse(readFileSync(join(dir, f), 'utf8'))?.Event;
        return e ? [...((e.Attribute ?? []) as Raw[]), ...((e.Object ?? []) as Array<{ Attribute?: Raw[] }>).flatMap((o) => o.Attribute ?? [])] : [];
      })
      .filter((a) => (RULE_TYPES as readonly string[]).includes(a.type))
      .map((a) => attr(a.type, String(a.value)));
    assert.ok(attributes.length > 100, `${attributes.length} real attributes`);
    for (const engine of ['suricata', 'snort'] as const) {
      const text = write(engine, attributes);
      const rules = ruleLines(text).map(parseRule);
      const skipped = Number(/# \d+ rules written; (\d+) attributes skipped/.exec(text)![1]);
      assert.equal(new Set(rules.map((r) => /misp_attribute (\S+)/.exec(optionValues(r, 'metadata')[0])![1])).size + skipped, attributes.length);
    }
  });
});
