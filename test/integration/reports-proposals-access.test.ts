import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddEventReportDocument,
  AttributeProposalsDocument,
  EventProposalsDocument,
  EventReportDocument,
  EventReportsDocument,
  ProposalDocument,
  ProposeAttributeChangeDocument,
  ProposeAttributeDocument,
} from '../../src/generated/graphql';
import { accessEvents, AccessOrgs, accessOrgs, ATTRIBUTE_LEVELS, EVENT_LEVELS, visibleAttributes, visibleEvents } from '../support/access-fixture';
import { testDatabases } from '../support/databases';
import { errorCode, headCursor, ok, startTestHub, TestHub, unique } from '../support/hub';

/**
 * The access matrix (DESIGN §4) for event reports and proposals, on the shared fixture of
 * test/support/access-fixture.ts: A owns an event at every distribution, each with a report at every
 * distribution (named "<eventLevel>/<reportLevel>") and with proposals — one new attribute ("<eventLevel>/new")
 * and one change per attribute ("<eventLevel>/<attributeLevel>"). B (member of SG1) and C (no member)
 * must see exactly their share: reports by the attributes' rule, proposals of visible events, those
 * about an attribute only with the attribute. Invisible is absent: NOT_FOUND, left out of lists and of
 * the change log.
 */
for (const database of testDatabases()) {
  describe(`access matrix: event reports and proposals (${database.name})`, () => {
    let hub: TestHub;
    let fx: AccessOrgs;
    let events: Map<string, string>;
    let attributes: Map<string, string>;
    const reports = new Map<string, string>(); // "eventLevel/reportLevel" -> report uuid
    const proposals = new Map<string, string>(); // "eventLevel/new" or "eventLevel/attributeLevel" -> proposal uuid
    let since: string;

    before(async () => {
      hub = await startTestHub(database);
      fx = await accessOrgs(hub);
      ({ events, attributes } = await accessEvents(fx, unique('rpm')));
      since = await headCursor(hub);
      for (const el of EVENT_LEVELS) {
        const eventId = events.get(el)!;
        for (const rl of ATTRIBUTE_LEVELS) {
          const r = ok(await fx.A.client.request(AddEventReportDocument, { input: { eventId, name: `${el}/${rl}`, content: `report ${el}/${rl}`, ...fx.dist(rl) } }));
          reports.set(`${el}/${rl}`, r.addEventReport.id);
        }
        // A proposes too (MISP: any writer who sees the event), so that every event level has proposals.
        const n = ok(await fx.A.client.request(ProposeAttributeDocument, { input: { eventId, type: 'domain', value: `${el.toLowerCase().replace(/_/g, '-')}.example.org`, comment: `${el}/new` } }));
        proposals.set(`${el}/new`, n.proposeAttribute.id);
        for (const al of ATTRIBUTE_LEVELS) {
          const c = ok(await fx.A.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attributes.get(`${el}/${al}`)!, comment: `${el}/${al}` } }));
          proposals.set(`${el}/${al}`, c.proposeAttributeChange.id);
        }
      }
    });
    after(() => hub?.stop());

    const viewers = () => fx.viewers.map(({ who, org, sees }) => [who, org, sees] as const);

    test('Event.reports and eventReport(id): the attributes\' rule; invisible is NOT_FOUND', async () => {
      for (const [who, v, sees] of viewers()) {
        const expected = new Set(visibleAttributes(sees)); // the same "eventLevel/level" keys
        for (const el of visibleEvents(sees)) {
          const got = ok(await v.client.request(EventReportsDocument, { id: events.get(el)! })).event!.reports.map((r) => r.name).sort();
          assert.deepEqual(got, ATTRIBUTE_LEVELS.filter((rl) => sees(rl)).map((rl) => `${el}/${rl}`).sort(), `${who} ${el}`);
        }
        for (const [key, id] of reports) {
          const res = await v.client.request(EventReportDocument, { id });
          if (expected.has(key)) assert.equal(ok(res).eventReport?.id, id, `${who} ${key}`);
          else {
            assert.equal(errorCode(res), 'NOT_FOUND', `${who} ${key}`);
            assert.equal(res.errors![0].message, `Event report "${id}" was not found`);
          }
        }
      }
    });

    test('Event.proposals, Attribute.proposals and proposal(id): of visible events, with their attribute', async () => {
      for (const [who, v, sees] of viewers()) {
        const visibleKeys = new Set([...visibleEvents(sees).map((el) => `${el}/new`), ...visibleAttributes(sees)]);
        for (const el of visibleEvents(sees)) {
          const ev = ok(await v.client.request(EventProposalsDocument, { id: events.get(el)! })).event!;
          const want = [`${el}/new`, ...ATTRIBUTE_LEVELS.filter((al) => sees(al)).map((al) => `${el}/${al}`)].sort();
          assert.deepEqual(ev.proposals.map((p) => p.comment).sort(), want, `${who} ${el}`);
          for (const a of ev.attributes) assert.deepEqual(a.proposals.map((p) => p.id), [proposals.get(a.comment!)], `${who} ${a.comment}`);
        }
        for (const [key, id] of proposals) {
          const res = await v.client.request(ProposalDocument, { id });
          if (visibleKeys.has(key)) assert.equal(ok(res).proposal?.id, id, `${who} ${key}`);
          else assert.equal(errorCode(res), 'NOT_FOUND', `${who} ${key}`);
        }
        for (const [key, id] of attributes) {
          const res = await v.client.request(AttributeProposalsDocument, { id });
          if (visibleKeys.has(key)) assert.deepEqual(ok(res).attribute!.proposals.map((p) => p.id), [proposals.get(key)], `${who} ${key}`);
          else assert.equal(errorCode(res), 'NOT_FOUND', `${who} ${key}`);
        }
      }
    });

    test('the change log shows each viewer the report and proposal rows of what it may see, nothing else', async () => {
      for (const [who, v, sees] of viewers()) {
        const rows: Array<{ kind: string; id: string }> = [];
        let cursor = since;
        for (;;) {
          const page = ok(
            await v.client.raw<{ changes: { changes: Array<{ kind: string; id: string }>; cursor: string; hasMore: boolean } }>(
              'query($s: String) { changes(since: $s, first: 500) { changes { kind id } cursor hasMore } }',
              { s: cursor },
            ),
          ).changes;
          rows.push(...page.changes);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        const seenReports = rows.filter((r) => r.kind === 'EVENT_REPORT').map((r) => r.id).sort();
        assert.deepEqual(seenReports, visibleAttributes(sees).map((k) => reports.get(k)!).sort(), `${who}: report rows`);
        const seenProposals = new Set(rows.filter((r) => r.kind === 'PROPOSAL').map((r) => r.id));
        // A proposal row carries its event's snapshot and, for a proposal about an attribute, the
        // attribute's: exactly the proposals the viewer may read.
        const visibleKeys = new Set([...visibleEvents(sees).map((el) => `${el}/new`), ...visibleAttributes(sees)]);
        for (const [key, id] of proposals) assert.equal(seenProposals.has(id), visibleKeys.has(key), `${who}: proposal row ${key}`);
      }
    });
  });
}
