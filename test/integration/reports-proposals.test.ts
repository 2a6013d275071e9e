import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AcceptProposalDocument,
  AddAttributesDocument,
  AddEventReportDocument,
  AttributeProposalsDocument,
  CreateEventDocument,
  DeleteEventReportDocument,
  DiscardProposalDocument,
  EventProposalsDocument,
  EventReportDocument,
  EventReportsDocument,
  ProposalDocument,
  ProposeAttributeChangeDocument,
  ProposeAttributeDeletionDocument,
  ProposeAttributeDocument,
  PublishEventDocument,
  UpdateEventReportDocument,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { errorCode, expectError, headCursor, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/**
 * Event reports and proposals end to end (issue 12 part 6): report writes and their effects on the
 * event, proposals accepted and discarded through the attribute write path (the accepted change is on the
 * attribute, the change log has its rows, the proposal leaves the list), and bad input that changes nothing.
 * The access tables are in reports-proposals-access.test.ts, the write rules in the write matrix.
 */
for (const database of testDatabases()) {
  describe(`event reports and proposals (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // owns and edits the events
    let B: OrgWithUser; // another organisation: proposes

    before(async () => {
      hub = await startTestHub(database, { EVENT_REPORT_MAX_BYTES: '2048' });
      [A, B] = await Promise.all([orgWithUser(hub, 'PUBLISHER'), orgWithUser(hub, 'USER')]);
    });
    after(() => hub?.stop());

    async function publishedEvent(values: string[] = ['192.0.2.10']) {
      const e = ok(await A.client.request(CreateEventDocument, { input: { info: unique('rp'), distribution: 'COMMUNITY_ONLY' } })).createEvent;
      const attrs = ok(await A.client.request(AddAttributesDocument, { eventId: e.id, attributes: values.map((value) => ({ type: 'ip-dst', value, comment: 'original' })) })).addAttributes;
      ok(await A.client.request(PublishEventDocument, { id: e.id }));
      return { e: e.id, attrs: attrs.map((a) => a.id) };
    }
    const reportsOf = async (c: GraphqlClient, id: string) => ok(await c.request(EventReportsDocument, { id })).event!;
    const proposalsOf = async (c: GraphqlClient, id: string) => ok(await c.request(EventProposalsDocument, { id })).event!;
    /** Change-log rows (kind, op, id) after `since`, as the site admin reads them. */
    const changesSince = async (since: string) => {
      const page = ok(
        await hub.admin.raw<{ changes: { changes: Array<{ kind: string; op: string; id: string }> } }>(
          'query($s: String) { changes(since: $s, first: 500) { changes { kind op id } } }',
          { s: since },
        ),
      );
      return page.changes.changes.map((c) => `${c.kind} ${c.op} ${c.id}`);
    };

    test('reports: add, update, delete; the event is bumped and unpublished; change-log rows of kind EVENT_REPORT', async () => {
      const { e } = await publishedEvent();
      const before = await reportsOf(A.client, e);
      assert.equal(before.published, true);
      const since = await headCursor(hub);
      const content = '# Findings\n\n| host | port |\n|---|---|\n| a\tb | 443 |\r\n';
      const r = ok(await A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'Findings', content } })).addEventReport;
      assert.deepEqual([r.name, r.content, r.distribution, r.deleted, r.event.id], ['Findings', content, 'INHERIT_EVENT', false, e]);
      let ev = await reportsOf(A.client, e);
      assert.equal(ev.published, false, 'a report write unpublishes, like an attribute write');
      assert.ok(Date.parse(ev.timestamp) >= Date.parse(before.timestamp));
      assert.deepEqual(ev.reports.map((x) => x.id), [r.id]);
      assert.equal(ok(await B.client.request(EventReportsDocument, { id: e })).event!.reports.length, 1, 'another org sees an INHERIT_EVENT report of a community event');

      const upd = ok(await A.client.request(UpdateEventReportDocument, { input: { id: r.id, name: 'Findings v2', distribution: 'ORGANISATION_ONLY' } })).updateEventReport;
      assert.deepEqual([upd.name, upd.content, upd.distribution], ['Findings v2', content, 'ORGANISATION_ONLY']);
      assert.equal(errorCode(await B.client.request(EventReportDocument, { id: r.id })), 'NOT_FOUND', 'now private to A');
      assert.deepEqual(ok(await B.client.request(EventReportsDocument, { id: e })).event!.reports, []);

      const del = ok(await A.client.request(DeleteEventReportDocument, { id: r.id })).deleteEventReport;
      assert.equal(del.deleted, true);
      ev = await reportsOf(A.client, e);
      assert.deepEqual(ev.reports, [], 'a tombstone is left out of Event.reports');
      assert.equal(errorCode(await A.client.request(EventReportDocument, { id: r.id })), 'NOT_FOUND');
      assert.deepEqual(
        (await changesSince(since)).filter((c) => c.startsWith('EVENT_REPORT')),
        [`EVENT_REPORT CREATED ${r.id}`, `EVENT_REPORT UPDATED ${r.id}`, `EVENT_REPORT DELETED ${r.id}`],
      );
    });

    test('reports: bad input (oversized, control characters, empty name, unusable group) is refused naming the problem; nothing is stored', async () => {
      const { e } = await publishedEvent();
      const state = async () => JSON.stringify(await reportsOf(A.client, e));
      const before = await state();
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'big', content: 'x'.repeat(2049) } }), 'BAD_USER_INPUT', 'at most 2048 bytes (EVENT_REPORT_MAX_BYTES)');
      // Multi-byte text counts in bytes: 683 × "€" (3 bytes each) is 2,049 bytes in 683 characters.
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'big', content: '€'.repeat(683) } }), 'BAD_USER_INPUT', 'is 2049 bytes');
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'two\nlines', content: 'ok' } }), 'BAD_USER_INPUT', 'U+000A');
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'nul', content: 'a\u0000b' } }), 'BAD_USER_INPUT', 'U+0000');
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'bell', content: 'a\u0007b' } }), 'BAD_USER_INPUT', 'content contains a control character (U+0007)');
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: '   ', content: 'ok' } }), 'BAD_USER_INPUT', 'expected 1 to 255 characters');
      await expectError(A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'n', content: 'ok', distribution: 'SHARING_GROUP' } }), 'BAD_USER_INPUT', 'requires a sharingGroupId');
      assert.equal(await state(), before, 'nothing stored, the event untouched');
      const r = ok(await A.client.request(AddEventReportDocument, { input: { eventId: e, name: 'fits', content: 'x'.repeat(2048) } })).addEventReport;
      const mid = await state();
      await expectError(A.client.request(UpdateEventReportDocument, { input: { id: r.id, content: 'y'.repeat(3000) } }), 'BAD_USER_INPUT', 'EVENT_REPORT_MAX_BYTES');
      assert.equal(await state(), mid, 'a refused update changes nothing');
    });

    test('a proposed change, accepted: on the attribute, change-log rows, the proposal gone from the lists', async () => {
      const { e, attrs } = await publishedEvent(['192.0.2.20']);
      const since = await headCursor(hub);
      const p = ok(await B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0], value: '192.0.2.21', comment: 'typo in the last octet' } })).proposeAttributeChange;
      assert.deepEqual([p.attributeUuid, p.type, p.value, p.comment, p.toIds, p.proposalToDelete, p.organisation.id], [attrs[0], 'ip-dst', '192.0.2.21', 'typo in the last octet', true, false, B.orgId]);
      let ev = await proposalsOf(A.client, e);
      assert.equal(ev.timestamp, (await proposalsOf(A.client, e)).timestamp);
      assert.deepEqual(ev.proposals.map((x) => x.id), [p.id]);
      assert.deepEqual(ev.attributes[0].proposals.map((x) => x.id), [p.id], 'Attribute.proposals');
      assert.equal((await reportsOf(A.client, e)).published, true, 'proposing does not unpublish the event');
      assert.equal(ok(await B.client.request(AttributeProposalsDocument, { id: attrs[0] })).attribute!.proposals.length, 1);

      const accepted = ok(await A.client.request(AcceptProposalDocument, { id: p.id })).acceptProposal;
      assert.deepEqual([accepted.id, accepted.value, accepted.comment], [attrs[0], '192.0.2.21', 'typo in the last octet']);
      ev = await proposalsOf(A.client, e);
      assert.deepEqual(ev.proposals, [], 'accepted: gone from Event.proposals');
      assert.deepEqual(ev.attributes[0].proposals, [], 'and from Attribute.proposals');
      assert.deepEqual([ev.attributes[0].value, ev.attributes[0].comment], ['192.0.2.21', 'typo in the last octet'], 'the change is on the attribute');
      assert.equal((await reportsOf(A.client, e)).published, false, 'accepting changes the event: unpublished (MISP)');
      assert.equal(errorCode(await A.client.request(ProposalDocument, { id: p.id })), 'NOT_FOUND', 'a closed proposal is absent');
      assert.equal(errorCode(await A.client.request(AcceptProposalDocument, { id: p.id })), 'NOT_FOUND', 'and cannot be accepted twice');
      const rows = await changesSince(since);
      assert.deepEqual(
        rows.filter((r) => r.startsWith('PROPOSAL') || r.startsWith('ATTRIBUTE')),
        [`PROPOSAL CREATED ${p.id}`, `ATTRIBUTE UPDATED ${attrs[0]}`, `PROPOSAL DELETED ${p.id}`],
      );
    });

    test('a proposed new attribute and a proposed deletion, accepted', async () => {
      const { e, attrs } = await publishedEvent(['192.0.2.30']);
      const add = ok(await B.client.request(ProposeAttributeDocument, { input: { eventId: e, type: 'domain', value: 'Evil.Example.COM', comment: 'seen in our logs' } })).proposeAttribute;
      assert.deepEqual([add.attributeUuid, add.value, add.category], [null, 'evil.example.com', 'Network activity'], 'normalised like an attribute');
      const del = ok(await B.client.request(ProposeAttributeDeletionDocument, { attributeId: attrs[0] })).proposeAttributeDeletion;
      assert.equal(del.proposalToDelete, true);
      assert.deepEqual((await proposalsOf(A.client, e)).proposals.map((x) => x.id), [add.id, del.id]);

      const created = ok(await A.client.request(AcceptProposalDocument, { id: add.id })).acceptProposal;
      assert.deepEqual([created.value, created.distribution, created.comment], ['evil.example.com', 'INHERIT_EVENT', 'seen in our logs']);
      const removed = ok(await A.client.request(AcceptProposalDocument, { id: del.id })).acceptProposal;
      assert.deepEqual([removed.id, removed.deleted], [attrs[0], true]);
      const ev = await proposalsOf(A.client, e);
      assert.deepEqual(ev.proposals, []);
      assert.deepEqual(ev.attributes.map((a) => [a.value, a.deleted]).sort(), [['192.0.2.30', true], ['evil.example.com', false]]);
    });

    test('discard: by the proposing organisation or the event\'s editors; nothing else changes', async () => {
      const { e, attrs } = await publishedEvent(['192.0.2.40']);
      const p1 = ok(await B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0], toIds: false } })).proposeAttributeChange;
      const p2 = ok(await B.client.request(ProposeAttributeDocument, { input: { eventId: e, type: 'ip-src', value: '198.51.100.1' } })).proposeAttribute;
      const before = await proposalsOf(A.client, e);
      const gone1 = ok(await B.client.request(DiscardProposalDocument, { id: p1.id })).discardProposal;
      assert.equal(gone1.deleted, true, 'the proposer discards its own');
      ok(await A.client.request(DiscardProposalDocument, { id: p2.id }));
      const after = await proposalsOf(A.client, e);
      assert.deepEqual(after.proposals, []);
      assert.deepEqual(after.attributes, before.attributes.map((a) => ({ ...a, proposals: [] })), 'the attributes are as they were');
      assert.equal(after.timestamp, before.timestamp, 'discarding does not touch the event');
    });

    test('accepting what no longer fits is refused with the attribute write\'s error, and nothing changes', async () => {
      const { e, attrs } = await publishedEvent(['192.0.2.50', '192.0.2.51']);
      const p = ok(await B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0], value: '192.0.2.52' } })).proposeAttributeChange;
      // Meanwhile the owner adds the proposed value itself: accepting would now be a duplicate.
      ok(await A.client.request(AddAttributesDocument, { eventId: e, attributes: [{ type: 'ip-dst', value: '192.0.2.52' }] }));
      const before = await proposalsOf(A.client, e);
      await expectError(A.client.request(AcceptProposalDocument, { id: p.id }), 'CONFLICT', '192.0.2.52');
      assert.deepEqual(await proposalsOf(A.client, e), before, 'the proposal is still open, the attribute unchanged');
    });

    test('proposals: bad input (unknown type, bad value, control characters, nothing proposed) is refused; nothing stored', async () => {
      const { e, attrs } = await publishedEvent(['192.0.2.60']);
      const before = await proposalsOf(A.client, e);
      await expectError(B.client.request(ProposeAttributeDocument, { input: { eventId: e, type: 'no-such-type', value: 'x' } }), 'BAD_USER_INPUT', 'Unknown attribute type "no-such-type"');
      await expectError(B.client.request(ProposeAttributeDocument, { input: { eventId: e, type: 'ip-dst', value: 'not an ip' } }), 'BAD_USER_INPUT', 'not an ip');
      await expectError(B.client.request(ProposeAttributeDocument, { input: { eventId: e, type: 'domain', value: 'a.example.com', category: 'Payload delivery-nope' } }), 'BAD_USER_INPUT');
      await expectError(B.client.request(ProposeAttributeDocument, { input: { eventId: e, type: 'malware-sample', value: 'a.exe|0123456789abcdef0123456789abcdef' } }), 'BAD_USER_INPUT', 'carry a file');
      await expectError(B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0], comment: 'bad\u0001' } }), 'BAD_USER_INPUT', 'U+0001');
      await expectError(B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0] } }), 'BAD_USER_INPUT', 'Nothing to propose');
      await expectError(B.client.request(ProposeAttributeChangeDocument, { input: { attributeId: attrs[0], value: '999.1.1.1' } }), 'BAD_USER_INPUT', '999.1.1.1');
      assert.deepEqual(await proposalsOf(A.client, e), before);
    });
  });
}
