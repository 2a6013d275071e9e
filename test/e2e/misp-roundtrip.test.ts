import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPARED_PARTS, compareMispEvent, comparisonTable, EventComparison, innerEvent } from '../../src/modules/export/misp-compare';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';
import { buildMispModelEvent } from '../support/misp-model-fixture';
import { hasRealworld, REALWORLD_DIR } from '../support/paths';

/**
 * THE round trip of issue 12: every real MISP event of ../shared/realworld/misp-json imported
 * (importEvents), exported through /export/misp-json, and compared field by field with the original
 * (src/modules/export/misp-compare.ts), the per-event counts printed as a table (t.diagnostic). Before
 * that, the comparison itself is shown to catch what it claims to (a value, an object, a reference, a
 * sighting, a proposal or an attachment changed or lost), on an event built in the database.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DIR = join(REALWORLD_DIR, 'misp-json');
/** A later edit of another file's event (same uuid): importing both would compare the first against the edit. */
const NOT_EVENTS = new Set(['pymisp_existing_event_edited.json', 'README.md']);
/**
 * Known, explained differences (prefixes of the comparison's lines), each refused on the way in and reported
 * by the import: PyMISP's custom-object fixture names its object `"uuid": "a"`, which is not a uuid (MISP's
 * own validation refuses it too), and its two attributes have no uuid to compare by.
 */
const EXPLAINED: Record<string, string[]> = {
  'pymisp_custom_object.json': ['object a (test_object_template):', 'attribute  (text): missing from the export'],
};
const explained = (file: string, d: string) => (EXPLAINED[file] ?? []).some((p) => d.startsWith(p));
const IMPORT = 'mutation($d: String!) { importEvents(input: { format: MISP_JSON, data: $d }) { created updated skipped failed events { id } } }';

for (const database of testDatabases()) {
  describe(`MISP JSON round trip (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let B: OrgWithUser;
    let base = '';

    before(async () => {
      hub = await startTestHub(database);
      base = hub.url.replace(/\/graphql$/, '');
      [A, B] = await Promise.all([orgWithUser(hub, 'ORG_ADMIN'), orgWithUser(hub, 'USER')]);
    });
    after(() => hub?.stop());

    const exported = async (eventId: string): Promise<Json | null> => {
      const res = await fetch(`${base}/export/misp-json`, {
        method: 'POST',
        headers: { authorization: A.key, 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { eventId } }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { response: Array<{ Event: Json }> }).response[0]?.Event ?? null;
    };

    test('the comparison catches a changed or lost value, object, reference, sighting, proposal and attachment', async () => {
      const m = await buildMispModelEvent(hub, A, B);
      const original = await exported(m.eventId);
      assert.ok(original);
      const same = compareMispEvent({ Event: original }, { Event: structuredClone(original) });
      assert.deepEqual(same.differences, []);
      for (const p of ['attributes', 'objects', 'references', 'clusters', 'sightings', 'attachments', 'reports', 'proposals'] as const) {
        assert.ok(same.counts[p].expected > 0, `${p} compared`);
        assert.equal(same.counts[p].matched, same.counts[p].expected, p);
      }
      const broken = structuredClone(original);
      const ip = broken.Attribute.find((a: Json) => a.uuid === m.ip);
      ip.value = '198.51.100.99';
      ip.Sighting.pop();
      ip.ShadowAttribute = [];
      broken.Attribute.find((a: Json) => a.uuid === m.attachment).data = Buffer.from('other').toString('base64');
      broken.Object[0].ObjectReference.pop();
      broken.Object.pop();
      broken.EventReport[0].content += ' edited';
      const diff = compareMispEvent({ Event: original }, { Event: broken });
      const said = diff.differences.join('\n');
      for (const expected of [`attribute ${m.ip} (ip-dst): value`, `sighting`, `proposal on ${m.ip}`, `attribute ${m.attachment} (attachment) data`, 'reference', 'object', 'report']) {
        assert.ok(said.includes(expected), `differences name "${expected}":\n${said}`);
      }
      for (const p of ['attributes', 'objects', 'references', 'sightings', 'attachments', 'reports', 'proposals'] as const) {
        assert.ok(diff.counts[p].matched < diff.counts[p].expected, `${p}: a loss is counted`);
      }
    });

    test('every real MISP event imported, exported and compared field by field', { skip: !hasRealworld() && 'no ../shared/realworld' }, async (t) => {
      const schema = ok(await A.client.raw<{ __type: { fields: Array<{ name: string }> } }>('query { __type(name: "Mutation") { fields { name } } }')).__type.fields.map((f) => f.name);
      // TODO(lead): importEvents is the `import` helper's mutation; this suite runs once its branch is merged
      // with this one (the skip names what is missing, it never hides a failure of the round trip itself).
      if (!schema.includes('importEvents')) return t.skip('importEvents is not in this hub\'s schema yet (the import helper\'s branch)');
      const rows: EventComparison[] = [];
      const unexplained: string[] = [];
      const failedImports: string[] = [];
      for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && !NOT_EVENTS.has(f)).sort()) {
        const text = readFileSync(join(DIR, file), 'utf8');
        const original = innerEvent(JSON.parse(text));
        const res = await A.client.raw<{ importEvents: { created: number; failed: number; events: Array<{ id: string | null }> } }>(IMPORT, { d: text });
        if (res.errors?.length || !res.data || res.data.importEvents.failed) {
          failedImports.push(`${file}: ${JSON.stringify(res.errors ?? res.data)}`);
          continue;
        }
        // An event without a uuid (PyMISP's custom-object fixture) gets one derived from its content.
        const out = await exported(String(res.data.importEvents.events[0]?.id ?? original.uuid));
        assert.ok(out, `${file}: exported`);
        const row = compareMispEvent(original, out);
        rows.push(row);
        unexplained.push(...row.differences.filter((d) => !explained(file, d)).map((d) => `${file}: ${d}`));
        for (const d of row.differences) t.diagnostic(`${file}: ${d}`);
      }
      t.diagnostic(`\n${comparisonTable(rows)}`);
      for (const f of failedImports) t.diagnostic(`not imported: ${f}`);
      // PyMISP's fragment without `info` is the one file no MISP accepts (README of the data set).
      assert.ok(failedImports.every((f) => f.startsWith('pymisp_event_obj_attr_tag.json')), failedImports.join('\n'));
      assert.ok(rows.length >= 16, `${rows.length} events compared`);
      const total = (p: (typeof COMPARED_PARTS)[number]) => rows.reduce((n, r) => n + r.counts[p].expected, 0);
      // The floor: 129 objects, 49 references, 12 clusters, 5 attachments, sightings, 2 proposals.
      for (const [p, floor] of [['objects', 129], ['references', 49], ['clusters', 12], ['attachments', 5], ['sightings', 7], ['proposals', 2], ['attributes', 875]] as const) {
        assert.ok(total(p) >= floor, `${p}: ${total(p)} compared, at least ${floor} expected`);
      }
      assert.deepEqual(unexplained, [], 'every compared field equal (but the explained refusals)');
    });
  });
}
