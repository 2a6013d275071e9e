import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemEm } from '../../src/auth/visibility-filter';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { AttributePayload } from '../../src/modules/attribute/attribute-payload.entity';
import { Event } from '../../src/modules/event/event.entity';
import { EventReport } from '../../src/modules/event-report/event-report.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { ObjectReference } from '../../src/modules/object/object-reference.entity';
import { Proposal } from '../../src/modules/proposal/proposal.entity';
import { Sighting } from '../../src/modules/sighting/sighting.entity';
import { Change } from '../../src/modules/change/change.entity';
import { testDatabases } from '../support/databases';
import { expectError, ok, orgWithUser, startTestHub, TestHub } from '../support/hub';
import { checkStoredEvent, eventOf, StoredCounts } from '../support/misp-expect';
import { REALWORLD_DIR, realworldSkip } from '../support/paths';

const IMPORT = `mutation($i: ImportEventsInput!) { importEvents(input: $i) {
  created updated skipped failed events { index id info outcome problems } } }`;

type Result = { created: number; updated: number; skipped: number; failed: number; events: Array<{ index: number; id: string | null; outcome: string; problems: string[] }> };

const MISP_DIR = join(REALWORLD_DIR, 'misp-json');

for (const database of testDatabases()) {
  describe(`importEvents: MISP JSON (${database.name})`, () => {
    let hub: TestHub;
    before(async () => {
      hub = await startTestHub(database, { ATTACHMENT_MAX_BYTES: String(1024 * 1024) });
    });
    after(() => hub?.stop());
    const em = () => systemEm(hub.app.orm.em.fork());
    const importData = async (data: string, extra: Record<string, unknown> = {}, client = hub.admin): Promise<Result> =>
      ok(await client.raw<{ importEvents: Result }>(IMPORT, { i: { format: 'MISP_JSON', data, ...extra } })).importEvents;
    const rowCounts = async () => {
      const m = em();
      return Promise.all([Event, Attribute, MispObject, ObjectReference, Sighting, Proposal, EventReport, AttributePayload].map((E) => m.count(E as never, {}, { filters: false })));
    };

    test('every real MISP event: objects, references, galaxy clusters, attachments, sightings, proposals stored as in the file; a re-import adds nothing', { skip: realworldSkip() }, async () => {
      const files = readdirSync(MISP_DIR).filter((f) => f.endsWith('.json')).sort();
      const docs = new Map<string, Record<string, any>>(); // uuid → the version stored (the last created/updated)
      const failed: string[] = [];
      for (const f of files) {
        const text = readFileSync(join(MISP_DIR, f), 'utf8');
        const r = await importData(text);
        assert.equal(r.events.length, 1, f);
        const e = r.events[0];
        if (e.outcome === 'FAILED') {
          failed.push(f);
          assert.ok(e.problems.length, `${f}: a failed event says why`);
          continue;
        }
        assert.notEqual(e.outcome, 'SKIPPED', `${f}: ${JSON.stringify(e.problems)}`);
        if (f === 'pymisp_custom_object.json') {
          // No event uuid (derived, reported); the object's uuid "a" is not one (MISP's validation refuses it too).
          assert.match(e.problems.join('\n'), /Event\.uuid: missing/);
          assert.match(e.problems.join('\n'), /Object\[0\]\.uuid: expected a UUID/);
        }
        const doc = JSON.parse(text);
        eventOf(doc).uuid ??= e.id; // MISP gives an event without uuid one; here it is derived (reported)
        docs.set(e.id!, doc);
      }
      // The PyMISP fragment without `info` is the one MISP itself refuses.
      assert.deepEqual(failed, ['pymisp_event_obj_attr_tag.json']);
      const total: StoredCounts = { objects: 0, references: 0, clusters: 0, attachments: 0, sightingAttributes: 0, sightings: 0, proposals: 0, reports: 0 };
      const m = em();
      for (const doc of docs.values()) {
        const c = await checkStoredEvent(m, doc);
        for (const k of Object.keys(total) as Array<keyof StoredCounts>) total[k] += c[k];
      }
      // The floor: 129 objects, 49 references, 12 clusters, 5 attachments, sightings on 7 attributes, 2 proposals.
      assert.ok(total.objects >= 129, `objects ${total.objects}`);
      assert.ok(total.references >= 49, `references ${total.references}`);
      assert.ok(total.clusters >= 12, `clusters ${total.clusters}`);
      assert.equal(total.attachments, 5);
      assert.equal(total.sightingAttributes, 7);
      assert.equal(total.proposals, 2);
      // An event without attributes is stored too.
      const empty = eventOf(JSON.parse(readFileSync(join(MISP_DIR, 'pymisp_new_misp_event.json'), 'utf8')));
      assert.ok(await m.findOne(Event, { uuid: empty.uuid.toLowerCase() }, { filters: false }));

      const before = await rowCounts();
      // The checks above ran SQLite in this thread for seconds: let the server's keep-alive timers close the
      // idle connections now, before the next request could be written onto one of them.
      await new Promise((r) => setTimeout(r, 100));
      for (const f of files) {
        const text = readFileSync(join(MISP_DIR, f), 'utf8');
        const r = await importData(text);
        if (f === 'pymisp_event_obj_attr_tag.json') assert.equal(r.failed, 1);
        // An event without a timestamp is stamped now (as MISP does): importing it again updates it in place.
        else if (eventOf(JSON.parse(text)).timestamp == null) assert.deepEqual([r.created, r.updated, r.skipped], [0, 1, 0], `${f} again: updated`);
        else assert.deepEqual([r.created, r.updated, r.skipped], [0, 0, 1], `${f} again: skipped`);
      }
      assert.deepEqual(await rowCounts(), before, 'a re-import writes no row');
    });

    test('a list with a bad event stores the good ones; bad parts are reported by path, the rest of their event is stored', async () => {
      const orgc = { uuid: randomUUID(), name: 'Partner CERT' };
      const good = randomUUID();
      const objUuid = randomUUID();
      const attrUuid = randomUUID();
      const refMissing = randomUUID();
      const big = Buffer.alloc(1024 * 1024 + 1, 7).toString('base64');
      const small = Buffer.from('hello').toString('base64');
      const doc = {
        response: [
          {
            Event: {
              uuid: good,
              info: 'good one',
              timestamp: '1700000000',
              Orgc: orgc,
              Attribute: [
                { uuid: randomUUID(), type: 'attachment', category: 'Payload delivery', value: 'big.bin', data: big },
                { uuid: randomUUID(), type: 'attachment', category: 'Payload delivery', value: 'small.txt', data: small },
              ],
              Object: [
                {
                  uuid: objUuid,
                  name: 'domain-ip',
                  'meta-category': 'network',
                  timestamp: '1700000000',
                  Attribute: [
                    { uuid: attrUuid, type: 'domain', object_relation: 'domain', value: 'example.org' },
                    { uuid: randomUUID(), type: 'text', object_relation: 'nonsense-relation', value: 'kept' },
                  ],
                  ObjectReference: [
                    { uuid: randomUUID(), referenced_uuid: attrUuid, relationship_type: 'related-to' },
                    { uuid: randomUUID(), referenced_uuid: refMissing, relationship_type: 'drops' },
                  ],
                },
                'not an object',
                { uuid: randomUUID(), 'meta-category': 'network', Attribute: [] },
              ],
              EventReport: [{ uuid: randomUUID(), name: 'Report', content: '# Title\n\nbody', distribution: '5', timestamp: '1700000000' }],
            },
          },
          { Event: { uuid: 'not-a-uuid', info: 'bad uuid' } },
        ],
      };
      const r = await importData(JSON.stringify(doc));
      assert.deepEqual([r.created, r.failed], [1, 1]);
      const [e, bad] = r.events;
      assert.equal(e.outcome, 'CREATED');
      const has = (re: RegExp) => assert.ok(e.problems.some((p) => re.test(p)), `a problem matching ${re}: ${JSON.stringify(e.problems)}`);
      has(/big\.bin.*1048577 bytes, more than ATTACHMENT_MAX_BYTES \(1048576\)/);
      has(new RegExp(`reference .*names ${refMissing}, which is not in the event`));
      has(/^Object\[1\]: expected an object/);
      has(new RegExp(`Object\\[0\\] ${objUuid}: warning: .*nonsense-relation`)); // unknown relation of a known template: kept, warned
      has(/Object\[2\]\.name: expected a string/);
      assert.match(bad.problems.join(' '), /Event\.uuid: expected a UUID/);
      const m = em();
      const event = await m.findOneOrFail(Event, { uuid: good }, { filters: false });
      assert.equal(await m.count(MispObject, { event: event.id }, { filters: false }), 1);
      assert.equal(await m.count(Attribute, { object: { uuid: objUuid } }, { filters: false }), 2, 'the object keeps its attribute of an unknown relation');
      const refs = await m.find(ObjectReference, { object: { uuid: objUuid } }, { filters: false });
      assert.deepEqual(refs.map((x) => x.targetUuid), [attrUuid]);
      const attachments = await m.find(Attribute, { event: event.id, type: 'attachment' }, { filters: false });
      assert.equal(attachments.length, 2, 'the attribute of an oversized file is kept (as MISP keeps one without data)');
      const payloads = await m.find(AttributePayload, { attribute: { event: event.id } }, { populate: ['attribute'], filters: false });
      assert.deepEqual(payloads.map((p) => [p.attribute.value, p.size]), [['small.txt', 5]]);
      const report = await m.findOneOrFail(EventReport, { event: event.id }, { filters: false });
      assert.equal(report.content, '# Title\n\nbody');
      // Change rows: the object and the report are in the change log with the event.
      const kinds = (await m.find(Change, { eventUuid: good }, { filters: false })).map((c) => String(c.kind)).sort();
      assert.ok(kinds.includes('OBJECT') && kinds.includes('EVENT_REPORT'), kinds.join(','));
    });

    test('who may import: a role that may create events; never over another organisation\'s event; bad documents refused whole', async () => {
      const reader = await orgWithUser(hub, 'READ_ONLY');
      const writer = await orgWithUser(hub, 'USER');
      const other = await orgWithUser(hub, 'USER');
      const uuid = randomUUID();
      const doc = (info: string, ts: number) => JSON.stringify({ Event: { uuid, info, timestamp: String(ts), Attribute: [{ type: 'domain', value: 'a.example' }] } });
      await expectError(hub.client(reader.key).raw(IMPORT, { i: { format: 'MISP_JSON', data: doc('x', 1700000000) } }), 'FORBIDDEN');
      assert.equal(await em().count(Event, { uuid }, { filters: false }), 0);
      const r1 = await importData(doc('mine', 1700000000), {}, hub.client(writer.key));
      assert.equal(r1.created, 1);
      const stored = await em().findOneOrFail(Event, { uuid }, { populate: ['ownerOrg', 'creatorOrg'], filters: false });
      assert.equal(stored.ownerOrg.uuid, writer.orgId.toLowerCase());
      assert.equal(stored.creatorOrg.uuid, writer.orgId.toLowerCase(), 'no Orgc in the file: the importer is the creator');
      const r2 = await importData(doc('theirs', 1800000000), {}, hub.client(other.key));
      assert.equal(r2.skipped, 1);
      assert.match(r2.events[0].problems.join(' '), /belongs to another organisation/);
      assert.equal((await em().findOneOrFail(Event, { uuid }, { filters: false })).info, 'mine');
      await expectError(hub.admin.raw(IMPORT, { i: { format: 'MISP_JSON', data: '{not json' } }), 'BAD_USER_INPUT');
      await expectError(hub.admin.raw(IMPORT, { i: { format: 'MISP_JSON', data: JSON.stringify(Array(201).fill({})) } }), 'BAD_USER_INPUT');
    });
  });
}
