import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PushEventsDocument } from '../../src/generated/graphql';
import { ParsedMispEvent, parseMispEvent, allAttributes } from '../../src/modules/feed/parsers/misp-feed';
import { FeedFormatError } from '../../src/modules/feed/parsers/misp-fields';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub, userIn } from '../support/hub';
import { mispEventToWire } from '../support/misp-import';
import { hasRealworld, REALWORLD_DIR } from '../support/paths';
import { createStixValidator } from '../support/stix21-schemas';
import { stixPatternProblems } from '../support/stix-pattern-grammar';
import { parseRule, ruleLines, suricataCheck } from '../support/ids-rules';
import { stixPattern } from '../../src/modules/export/export-stix';
import { interopProblems, interopSummary, NOT_IN_MISP_DATA } from '../support/stix-interop';


/**
 * Interop with real MISP data (../shared/realworld/misp-json, third-party files): every event is read
 * by the hub's MISP parser, imported through the public API (a sync user's pushEvents), and exported
 * again as MISP JSON; the export keeps every attribute (uuid, type, category, value, object relation), every event (those without attributes too),
 * every tag and every uuid of what was imported.
 */
const DIR = join(REALWORLD_DIR, 'misp-json');
/** A later edit of another file's event (same uuid): importing both would compare against the edit. */
const NOT_EVENTS = new Set(['pymisp_existing_event_edited.json']);

interface ExportedEvent {
  uuid: string;
  Tag: Array<{ name: string }>;
  Orgc: { uuid: string };
  Attribute: ExportedAttribute[];
  Object?: Array<{ Attribute: ExportedAttribute[] }>;
}

interface ExportedAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  object_relation: string | null;
  Tag: Array<{ name: string }>;
}

for (const database of testDatabases()) {
  describe(`MISP JSON interop with real events (${database.name})`, { skip: !hasRealworld() && 'no ../shared/realworld' }, () => {
    let hub: TestHub;
    let R: OrgWithUser;
    let syncKey = '';
    const parsed: Array<{ file: string; event: ParsedMispEvent }> = [];
    const skipped: string[] = [];

    before(async () => {
      hub = await startTestHub(database);
      R = await orgWithUser(hub, 'ORG_ADMIN');
      syncKey = (await userIn(hub, R.orgId, 'SYNC_USER')).key;
      for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
        try {
          parsed.push({ file, event: parseMispEvent(JSON.parse(readFileSync(join(DIR, file), 'utf8'))) });
        } catch (e) {
          // PyMISP test fragments without an event uuid or info cannot be imported by anyone.
          if (!(e instanceof FeedFormatError)) throw e;
          skipped.push(`${file}: ${e.message}`);
        }
      }
      for (let i = parsed.length - 1; i >= 0; i--) if (NOT_EVENTS.has(parsed[i].file)) parsed.splice(i, 1);
    });
    after(() => hub?.stop());

    test('import then export keeps every attribute, tag and uuid', async () => {
      assert.ok(parsed.length >= 12, `${parsed.length} real events; skipped ${skipped.join('; ')}`);
      const wires = parsed.map((p) => mispEventToWire(p.event));
      const pushed = ok(await hub.client(syncKey).request(PushEventsDocument, { hubId: '22222222-2222-4222-8222-222222222222', events: wires })).pushEvents;
      assert.deepEqual([pushed.created, pushed.failed], [wires.length, 0]);

      const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/misp-json`, {
        method: 'POST',
        headers: { authorization: R.key, 'content-type': 'application/json' },
        body: JSON.stringify({ filter: {} }),
      });
      assert.equal(res.status, 200);
      const exported = new Map(((await res.json()) as { response: Array<{ Event: ExportedEvent }> }).response.map((r) => [r.Event.uuid, r.Event]));
      let attributes = 0;
      for (const { file, event } of parsed) {
        const live = [...allAttributes(event)].filter((a) => !a.deleted);
        const out = exported.get(event.uuid);
        assert.ok(out, `${file}: event ${event.uuid} exported`);
        // Tag names are unique case-insensitively on a hub (DESIGN §3): 'Type:OSINT' in one file is the
        // 'type:OSINT' another file created first.
        const tags = (list: Array<{ name: string }>) => list.map((t) => t.name.toLowerCase()).sort().join(',');
        assert.equal(tags(out.Tag), tags(event.tags.filter((t) => !t.local)), `${file}: event tags`);
        if (event.orgc) assert.equal(out.Orgc.uuid, event.orgc.uuid, `${file}: creator org`);
        const want = live.map((a) => `${a.uuid} ${a.type} ${a.category} ${a.value} ${a.objectRelation ?? ''} [${tags(a.tags.filter((t) => !t.local))}]`).sort();
        // Object attributes are inside their object (MISP's shape); plain ones at the top.
        const got = [...out.Attribute, ...(out.Object ?? []).flatMap((o) => o.Attribute)].map((a) => `${a.uuid} ${a.type} ${a.category} ${a.value} ${a.object_relation ?? ''} [${tags(a.Tag)}]`).sort();
        assert.deepEqual(got, want, `${file}: attributes`);
        // And what we export is MISP JSON the parser reads without a problem.
        assert.deepEqual(parseMispEvent({ Event: out }).problems, [], `${file}: re-parse`);
        attributes += got.length;
      }
      assert.ok(attributes > 500, `${attributes} attributes compared`);
    });

    test('the same real events exported as STIX 2.1 validate: every attribute has its object, every event its report, every pattern parses', async (t) => {
      const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/stix2`, { headers: { authorization: R.key } });
      assert.equal(res.status, 200);
      const bundle = (await res.json()) as { objects: Array<{ type: string; id: string; pattern?: string; object_refs?: string[] }> };
      assert.deepEqual(createStixValidator().validateBundle(bundle), []);
      const ids = new Set(bundle.objects.map((o) => o.id));
      for (const o of bundle.objects) if (o.pattern) assert.deepEqual(stixPatternProblems(o.pattern), [], o.id);
      let indicators = 0;
      let counted = 0;
      const missing: string[] = [];
      for (const { event } of parsed) {
        const report = bundle.objects.find((o) => o.id === `report--${event.uuid}`);
        assert.ok(report, `report of ${event.uuid} (${event.info})`);
        for (const a of allAttributes(event)) {
          if (a.deleted || !a.uuid) continue;
          counted++;
          const mine = ['indicator', 'observed-data', 'x-misp-attribute', 'vulnerability', 'campaign'].map((t) => `${t}--${a.uuid}`).filter((id) => ids.has(id));
          if (mine.length !== 1) missing.push(`${a.type} ${a.value}`);
          else assert.ok(report.object_refs!.includes(mine[0]), `report lists ${mine[0]}`);
          if (a.toIds && stixPattern(a.type, a.value)) {
            assert.ok(ids.has(`indicator--${a.uuid}`), `indicator of ${a.type} ${a.value}`);
            indicators++;
          }
        }
      }
      assert.deepEqual(missing, [], `${missing.length} of ${counted} attributes without STIX`);
      assert.ok(counted > 800 && indicators > 200, `${counted} attributes, ${indicators} indicators`);
      t.diagnostic(`STIX: ${counted} attributes, ${missing.length} without a STIX object, ${indicators} indicators, ${bundle.objects.length} objects in the bundle`);
      // The OASIS validator's interoperability mode (test/support/stix-interop.ts).
      const problems = interopProblems(bundle as never);
      const byType = new Map(bundle.objects.map((o) => [o.id, o.type]));
      const allowed = problems.filter((p) => p.rule === 'required' && (NOT_IN_MISP_DATA[byType.get(p.id) ?? ''] ?? []).some((prop) => p.message.startsWith(`'${prop}'`)));
      const errors = problems.filter((p) => !allowed.includes(p));
      assert.deepEqual(errors, [], `interop errors: ${JSON.stringify(interopSummary(errors))}`);
      t.diagnostic(`STIX interop mode: ${errors.length} errors; ${allowed.length} absent properties MISP data does not carry: ${JSON.stringify(interopSummary(allowed))}`);
    });

    test('the same real events exported as Suricata rules load in Suricata 7: every rule, none broken, skips reported', async (t) => {
      for (const filter of [{}, { toIds: false }]) {
        const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/suricata`, {
          method: 'POST',
          headers: { authorization: R.key, 'content-type': 'application/json' },
          body: JSON.stringify({ filter }),
        });
        assert.equal(res.status, 200);
        const text = await res.text();
        const rules = ruleLines(text).map(parseRule);
        const trailer = /^# (\d+) rules written; (\d+) attributes skipped/m.exec(text);
        assert.ok(trailer && Number(trailer[1]) === rules.length, 'the trailer counts the rules');
        assert.ok(rules.length > 20, `${rules.length} rules for ${JSON.stringify(filter)}`);
        const check = suricataCheck(text);
        assert.ok(check.ok && check.failed === 0 && check.loaded === rules.length, `suricata -T: ${check.loaded} loaded, ${check.failed} failed\n${check.output.slice(-3000)}`);
        t.diagnostic(`filter ${JSON.stringify(filter)}: ${rules.length} rules written, ${trailer![2]} attributes skipped; suricata -T: ${check.loaded} loaded, ${check.failed} failed`);
      }
    });
  });
}
