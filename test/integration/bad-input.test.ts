import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  AddAttributeDocument,
  AddAttributesDocument,
  AttributesDocument,
  CreateApiKeyDocument,
  CreateEventDocument,
  CreateSharingGroupDocument,
  EventDocument,
  MeDocument,
  PublishEventDocument,
  RevokeApiKeyDocument,
  UpdateEventDocument,
  EventsDocument,
} from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { expectError, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique, userIn } from '../support/hub';
import { TestClock } from '../support/test-clock';

/** Every bad input of the Foundation issue: a clear error naming the value, and nothing changed. */
for (const database of testDatabases()) {
  describe(`bad input (${database.name})`, () => {
    let hub: TestHub;
    const clock = new TestClock();
    let A: OrgWithUser, B: OrgWithUser;
    let eventId: string;
    let sgOfB: string;

    const attributeCount = async () =>
      ok(await A.client.request(EventDocument, { id: eventId, includeDeleted: true })).event!.attributes.length;

    before(async () => {
      hub = await startTestHub(database, {}, { clock });
      A = await orgWithUser(hub, 'ORG_ADMIN');
      B = await orgWithUser(hub, 'ORG_ADMIN');
      eventId = ok(await A.client.request(CreateEventDocument, { input: { info: 'bad input target', distribution: 'COMMUNITY_ONLY' } }))
        .createEvent.id;
      ok(await A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: '192.0.2.1' } }));
      sgOfB = ok(await B.client.request(CreateSharingGroupDocument, { input: { name: unique('sgB') } })).createSharingGroup.id;
    });
    after(() => hub?.stop());

    const add = (type: string, value: string, extra: Record<string, unknown> = {}) =>
      A.client.request(AddAttributeDocument, { input: { eventId, type, value, ...extra } });

    test('unknown type', async () => {
      await expectError(add('ip-dstx', '1.2.3.4'), 'BAD_USER_INPUT', '"ip-dstx"');
      assert.equal(await attributeCount(), 1);
    });

    test('category not allowed for the type', async () => {
      await expectError(add('md5', 'd41d8cd98f00b204e9800998ecf8427e', { category: 'Network activity' }), 'BAD_USER_INPUT', '"Network activity"');
      assert.equal(await attributeCount(), 1);
    });

    test('invalid values for their type', async () => {
      await expectError(add('ip-dst', '999.1.1.1'), 'BAD_USER_INPUT', '"999.1.1.1"');
      await expectError(add('md5', 'd41d8cd98f00b204e9800998ecf8427'), 'BAD_USER_INPUT', '"d41d8cd98f00b204e9800998ecf8427"');
      await expectError(add('domain', 'exa mple.com'), 'BAD_USER_INPUT', '"exa mple.com"');
      assert.equal(await attributeCount(), 1);
    });

    test('a value over the size cap', async () => {
      await expectError(add('text', 'x'.repeat(70_000)), 'BAD_USER_INPUT', /70000/);
      assert.equal(await attributeCount(), 1);
    });

    test('sharing group with a non-SHARING_GROUP distribution, and SHARING_GROUP without one', async () => {
      const sg = ok(await A.client.request(CreateSharingGroupDocument, { input: { name: unique('sgA') } })).createSharingGroup.id;
      await expectError(
        A.client.request(CreateEventDocument, { input: { info: 'x', distribution: 'COMMUNITY_ONLY', sharingGroupId: sg } }),
        'BAD_USER_INPUT',
        sg,
      );
      await expectError(A.client.request(CreateEventDocument, { input: { info: 'x', distribution: 'SHARING_GROUP' } }), 'BAD_USER_INPUT', 'sharingGroupId');
      await expectError(add('ip-dst', '192.0.2.77', { distribution: 'ALL_COMMUNITIES', sharingGroupId: sg }), 'BAD_USER_INPUT', sg);
      assert.equal(ok(await A.client.request(EventsDocument, { filter: { info: 'x', creatorOrgId: [A.orgId] } })).events.totalCount, 0);
      assert.equal(await attributeCount(), 1);
    });

    test('a sharing group the caller is not in is absent', async () => {
      await expectError(
        A.client.request(CreateEventDocument, { input: { info: 'not mine', distribution: 'SHARING_GROUP', sharingGroupId: sgOfB } }),
        'NOT_FOUND',
        sgOfB,
      );
      await expectError(add('ip-dst', '192.0.2.78', { distribution: 'SHARING_GROUP', sharingGroupId: sgOfB }), 'NOT_FOUND', sgOfB);
      assert.equal(await attributeCount(), 1);
    });

    test('duplicate attribute in an event is a CONFLICT', async () => {
      await expectError(add('ip-dst', '192.0.2.1'), 'CONFLICT', '192.0.2.1');
      assert.equal(await attributeCount(), 1);
    });

    test('bulk add with one bad value refuses the whole batch, naming index and value', async () => {
      const res = A.client.request(AddAttributesDocument, {
        eventId,
        attributes: [
          { type: 'ip-dst', value: '198.51.100.1' },
          { type: 'domain', value: 'good.example.com' },
          { type: 'ip-dst', value: '300.0.0.1' },
          { type: 'sha256', value: 'a'.repeat(64) },
        ],
      });
      const message = await expectError(res, 'BAD_USER_INPUT', 'attributes[2]');
      assert.ok(message.includes('300.0.0.1'), message);
      assert.equal(await attributeCount(), 1);
      const dup = await expectError(
        A.client.request(AddAttributesDocument, {
          eventId,
          attributes: [
            { type: 'domain', value: 'dup.example.com' },
            { type: 'domain', value: 'DUP.example.com' },
          ],
        }),
        'CONFLICT',
        'attributes[1]',
      );
      assert.ok(dup.includes('dup.example.com'), dup);
      assert.equal(await attributeCount(), 1);
    });

    test('bulk add: the input rules (uuid, tag count) hold for every item, not only the first', async () => {
      // Items without any ruled field set are not shown to class-validator (argument-validation.ts):
      // the items that do set one still are, wherever they stand in the list.
      const target = ok(await A.client.request(CreateEventDocument, { input: { info: 'input rules target', distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      const count = async () => ok(await A.client.request(EventDocument, { id: target, includeDeleted: true })).event!.attributes.length;
      const plain = (i: number) => ({ type: 'domain', value: `rules-${i}.example.com` });
      const badUuid = await expectError(
        A.client.request(AddAttributesDocument, { eventId: target, attributes: [plain(1), plain(2), { ...plain(3), uuid: 'not-a-uuid' }, plain(4)] }),
        'BAD_USER_INPUT',
        'uuid must be a UUID',
      );
      assert.ok(badUuid.includes('"not-a-uuid"'), badUuid);
      const tooManyTags = Array.from({ length: 101 }, (_, i) => `t${i}`);
      await expectError(
        A.client.request(AddAttributesDocument, { eventId: target, attributes: [plain(5), { ...plain(6), comment: 'ok', tags: tooManyTags }] }),
        'BAD_USER_INPUT',
        'tags must contain no more than 100 elements',
      );
      assert.equal(await count(), 0);
      // The same items with valid values pass.
      const good = { ...plain(8), uuid: randomUUID(), comment: 'c', tags: ['t1'] };
      ok(await A.client.request(AddAttributesDocument, { eventId: target, attributes: [plain(7), good] }));
      assert.equal(await count(), 2);
    });

    test('expired, revoked and unknown keys are UNAUTHENTICATED', async () => {
      const u = await userIn(hub, A.orgId, 'USER');
      ok(await u.client.request(MeDocument, {}));
      const { key, apiKey } = ok(
        await hub.admin.request(CreateApiKeyDocument, { input: { userId: u.userId, expiresAt: new Date(clock.now().getTime() + 60_000).toISOString() } }),
      ).createApiKey;
      const expiring = hub.client(key);
      ok(await expiring.request(MeDocument, {}));
      assert.equal(ok(await hub.client(`Bearer ${key}`).request(MeDocument, {})).me.id, u.userId, 'Bearer form accepted');
      clock.advance(60_000); // the hub's clock reaches the key's own expiry instant
      await expectError(expiring.request(MeDocument, {}), 'UNAUTHENTICATED');
      const second = ok(await hub.admin.request(CreateApiKeyDocument, { input: { userId: u.userId } })).createApiKey;
      ok(await hub.client(second.key).request(MeDocument, {}));
      ok(await hub.admin.request(RevokeApiKeyDocument, { id: second.apiKey.id }));
      await expectError(hub.client(second.key).request(MeDocument, {}), 'UNAUTHENTICATED');
      await expectError(hub.client('no-such-key-0000000000000000000000000').request(MeDocument, {}), 'UNAUTHENTICATED');
      assert.equal(apiKey.id.length, 36);
    });

    test('editing another organisation\'s event: NOT_FOUND when invisible, FORBIDDEN when visible', async () => {
      const hidden = ok(await A.client.request(CreateEventDocument, { input: { info: 'A only', distribution: 'ORGANISATION_ONLY' } }))
        .createEvent.id;
      await expectError(B.client.request(UpdateEventDocument, { input: { id: hidden, info: 'hijack' } }), 'NOT_FOUND', hidden);
      await expectError(B.client.request(UpdateEventDocument, { input: { id: eventId, info: 'hijack' } }), 'FORBIDDEN', eventId);
      await expectError(B.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: '203.0.113.9' } }), 'FORBIDDEN');
      await expectError(B.client.request(PublishEventDocument, { id: eventId }), 'FORBIDDEN');
      const e = ok(await A.client.request(EventDocument, { id: eventId })).event!;
      assert.equal(e.info, 'bad input target');
      assert.equal(await attributeCount(), 1);
    });

    test('capability gates: READ_ONLY writes nothing, USER cannot publish', async () => {
      const ro = await userIn(hub, A.orgId, 'READ_ONLY');
      await expectError(ro.client.request(CreateEventDocument, { input: { info: 'ro', distribution: 'COMMUNITY_ONLY' } }), 'FORBIDDEN', 'event:write');
      const user = await userIn(hub, A.orgId, 'USER');
      await expectError(user.client.request(PublishEventDocument, { id: eventId }), 'FORBIDDEN', 'event:publish');
      await expectError(hub.client().request(MeDocument, {}), 'UNAUTHENTICATED');
    });

    test('bad enum values, page sizes and cursors are BAD_USER_INPUT naming the value', async () => {
      const enumRes = await A.client.raw('mutation { createEvent(input: { info: "x", distribution: EVERYONE }) { id } }');
      assert.equal(enumRes.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.ok(enumRes.errors![0].message.includes('EVERYONE'), enumRes.errors![0].message);
      await expectError(A.client.request(AttributesDocument, { first: 100_000 }), 'BAD_USER_INPUT', '100000');
      await expectError(A.client.request(AttributesDocument, { after: 'bogus' }), 'BAD_USER_INPUT', 'bogus');
      const dateRes = await A.client.raw('mutation { createEvent(input: { info: "x", distribution: COMMUNITY_ONLY, date: "2024-02-30" }) { id } }');
      assert.equal(dateRes.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.ok(dateRes.errors![0].message.includes('2024-02-30'), dateRes.errors![0].message);
      assert.equal(ok(await A.client.request(EventsDocument, { filter: { info: 'x', creatorOrgId: [A.orgId] } })).events.totalCount, 0);
    });
  });
}
