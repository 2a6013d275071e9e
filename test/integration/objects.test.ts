import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  AddAttributeDocument,
  AddObjectDocument,
  AddObjectReferenceDocument,
  AttributeObjectDocument,
  ChangesPageDocument,
  CreateEventDocument,
  CreateSharingGroupDocument,
  DeleteObjectDocument,
  DeleteObjectReferenceDocument,
  EventObjectsDocument,
  ObjectDocument,
  PublishEventDocument,
  SearchAttributesDocument,
  UpdateObjectDocument,
  type AddObjectInput,
} from '../../src/generated/graphql';
import { systemEm } from '../../src/auth/visibility-filter';
import { ObjectReference } from '../../src/modules/object/object-reference.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { testDatabases } from '../support/databases';
import { expectError, headCursor, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/**
 * MISP objects through GraphQL: an object with its attributes and references written in one call (and
 * refused as a whole), read back through every field, searched by object name and relation, changed,
 * soft-deleted with its attributes, with the change-log rows a peer or subscriber follows.
 */
for (const database of testDatabases()) {
  describe(`MISP objects (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // owner of the events
    let C: OrgWithUser; // another organisation (community reader)

    before(async () => {
      hub = await startTestHub(database);
      [A, C] = await Promise.all([orgWithUser(hub, 'ORG_ADMIN'), orgWithUser(hub, 'ORG_ADMIN')]);
    });
    after(() => hub?.stop());

    const newEvent = async () => {
      const id = ok(await A.client.request(CreateEventDocument, { input: { info: unique('objects'), distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      const plain = ok(await A.client.request(AddAttributeDocument, { input: { eventId: id, type: 'domain', value: `${unique('c2')}.example.com` } })).addAttribute.id;
      return { id, plain };
    };
    const fileObject = (eventId: string, extra: Partial<AddObjectInput> = {}): AddObjectInput => ({
      eventId,
      name: 'file',
      metaCategory: 'file',
      comment: 'dropped by the loader',
      attributes: [
        { objectRelation: 'filename', type: 'filename', value: 'evil.exe', comment: 'name' },
        { objectRelation: 'sha256', type: 'sha256', value: 'A'.repeat(64), comment: 'hash' },
      ],
      ...extra,
    });
    const counts = async (eventId: string) => {
      const e = ok(await A.client.request(EventObjectsDocument, { id: eventId, includeDeleted: true })).event!;
      return { objects: e.objectCount, attributes: e.attributeCount };
    };

    test('addObject stores the object, its attributes (normalised, with their relation) and its references, in one change set', async () => {
      const { id: eventId, plain } = await newEvent();
      ok(await A.client.request(PublishEventDocument, { id: eventId }));
      const since = await headCursor(hub);
      const o = ok(
        await A.client.request(AddObjectDocument, { input: fileObject(eventId, { references: [{ targetId: plain, relationshipType: 'communicates-with', comment: 'beacon' }] }) }),
      ).addObject;
      assert.equal(o.name, 'file');
      assert.equal(o.metaCategory, 'file');
      assert.equal(o.distribution, 'INHERIT_EVENT');
      assert.equal(o.event.id, eventId);
      assert.deepEqual(
        o.attributes.map((a) => [a.objectRelation, a.type, a.value, a.object?.id, a.object?.name]),
        [
          ['filename', 'filename', 'evil.exe', o.id, 'file'],
          ['sha256', 'sha256', 'a'.repeat(64), o.id, 'file'],
        ],
      );
      assert.deepEqual(o.references.map((r) => [r.targetUuid, r.relationshipType, r.comment, r.object.id]), [[plain, 'communicates-with', 'beacon', o.id]]);
      // The event changed: unpublished, and the change log holds the object, its attributes and the event.
      const changes = ok(await A.client.request(ChangesPageDocument, { since, first: 50 })).changes.changes;
      assert.deepEqual(
        changes.filter((c) => c.eventId === eventId).map((c) => [c.kind, c.op, c.id]),
        [
          ['OBJECT', 'CREATED', o.id],
          ['ATTRIBUTE', 'CREATED', o.attributes[0].id],
          ['ATTRIBUTE', 'CREATED', o.attributes[1].id],
          ['EVENT', 'UPDATED', eventId],
        ],
      );
      const read = ok(await C.client.request(ObjectDocument, { id: o.id })).object!;
      assert.equal(read.attributes.length, 2);
      assert.equal(read.references.length, 1);
      const attr = ok(await C.client.request(AttributeObjectDocument, { id: o.attributes[0].id })).attribute!;
      assert.deepEqual(attr.object, { id: o.id, name: 'file', event: { id: eventId } });
      const plainRead = ok(await C.client.request(AttributeObjectDocument, { id: plain })).attribute!;
      assert.equal(plainRead.object, null);
    });

    test('object attributes are outside the duplicate rule; a reference may target an attribute of the same object', async () => {
      const { id: eventId } = await newEvent();
      const first = ok(await A.client.request(AddObjectDocument, { input: fileObject(eventId) })).addObject;
      const second = ok(
        await A.client.request(AddObjectDocument, {
          input: fileObject(eventId, {
            attributes: [
              { objectRelation: 'filename', type: 'filename', value: 'evil.exe', uuid: randomUUID() },
              { objectRelation: 'sha256', type: 'sha256', value: 'a'.repeat(64) },
            ],
            references: [{ targetId: first.id, relationshipType: 'similar-to' }],
          }),
        }),
      ).addObject;
      assert.equal(second.references[0].targetUuid, first.id);
      assert.deepEqual(await counts(eventId), { objects: 2, attributes: 5 });
    });

    test('Event.objects pages with first/after and objectCount; search by objectName and objectRelation', async () => {
      const { id: eventId } = await newEvent();
      const ids: string[] = [];
      for (const name of ['file', 'file', 'domain-ip']) {
        const input =
          name === 'file'
            ? fileObject(eventId, { attributes: [{ objectRelation: 'filename', type: 'filename', value: `${unique('f')}.exe` }] })
            : { eventId, name, metaCategory: 'network', attributes: [{ objectRelation: 'domain', type: 'domain', value: `${unique('d')}.example.org` }] };
        ids.push(ok(await A.client.request(AddObjectDocument, { input })).addObject.id);
      }
      const page1 = ok(await C.client.request(EventObjectsDocument, { id: eventId, first: 2 })).event!;
      assert.equal(page1.objectCount, 3);
      assert.deepEqual(page1.objects.map((o) => o.id), ids.slice(0, 2));
      const page2 = ok(await C.client.request(EventObjectsDocument, { id: eventId, first: 2, after: ids[1] })).event!;
      assert.deepEqual(page2.objects.map((o) => o.id), ids.slice(2));
      await expectError(C.client.request(EventObjectsDocument, { id: eventId, after: randomUUID() }), 'BAD_USER_INPUT', 'Invalid cursor');
      const byName = ok(await C.client.request(SearchAttributesDocument, { filter: { eventId, objectName: ['domain-ip'] } })).attributes;
      assert.equal(byName.totalCount, 1);
      const byRelation = ok(await C.client.request(SearchAttributesDocument, { filter: { eventId, objectRelation: ['filename'] } })).attributes;
      assert.equal(byRelation.totalCount, 2);
      const both = ok(await C.client.request(SearchAttributesDocument, { filter: { eventId, objectName: ['file'], objectRelation: ['domain'] } })).attributes;
      assert.equal(both.totalCount, 0);
    });

    test('updateObject changes the object and unpublishes the event; deleteObject makes it and its attributes tombstones', async () => {
      const { id: eventId, plain } = await newEvent();
      const o = ok(await A.client.request(AddObjectDocument, { input: fileObject(eventId, { references: [{ targetId: plain, relationshipType: 'related-to' }] }) })).addObject;
      ok(await A.client.request(PublishEventDocument, { id: eventId }));
      const changed = ok(await A.client.request(UpdateObjectDocument, { input: { id: o.id, comment: 'renamed', distribution: 'ORGANISATION_ONLY' } })).updateObject;
      assert.equal(changed.comment, 'renamed');
      assert.equal(changed.distribution, 'ORGANISATION_ONLY');
      // Now invisible to C, and so are its (INHERIT_EVENT) attributes.
      await expectError(C.client.request(ObjectDocument, { id: o.id }), 'NOT_FOUND', o.id);
      await expectError(C.client.request(AttributeObjectDocument, { id: o.attributes[0].id }), 'NOT_FOUND');
      assert.equal(ok(await C.client.request(EventObjectsDocument, { id: eventId })).event!.objectCount, 0);

      const since = await headCursor(hub);
      const gone = ok(await A.client.request(DeleteObjectDocument, { id: o.id })).deleteObject;
      assert.equal(gone.deleted, true);
      const changes = ok(await A.client.request(ChangesPageDocument, { since, first: 50 })).changes.changes.filter((c) => c.eventId === eventId);
      assert.deepEqual(changes.map((c) => [c.kind, c.op, c.id]), [
        ['OBJECT', 'DELETED', o.id],
        ['ATTRIBUTE', 'DELETED', o.attributes[0].id],
        ['ATTRIBUTE', 'DELETED', o.attributes[1].id],
      ]);
      const live = ok(await A.client.request(EventObjectsDocument, { id: eventId })).event!;
      assert.equal(live.objectCount, 0);
      assert.deepEqual(live.attributes.map((a) => a.id), [plain]);
      const all = ok(await A.client.request(EventObjectsDocument, { id: eventId, includeDeleted: true })).event!;
      assert.deepEqual(all.objects.map((x) => [x.id, x.deleted, x.attributes.map((a) => a.deleted)]), [[o.id, true, [true, true]]]);
      assert.deepEqual(all.objects[0].references, [], 'the references of a deleted object are tombstones');
      // Deleting again changes nothing.
      assert.equal(ok(await A.client.request(DeleteObjectDocument, { id: o.id })).deleteObject.deleted, true);
    });

    test('addObjectReference and deleteObjectReference', async () => {
      const { id: eventId, plain } = await newEvent();
      const o = ok(await A.client.request(AddObjectDocument, { input: fileObject(eventId) })).addObject;
      const ref = ok(await A.client.request(AddObjectReferenceDocument, { input: { objectId: o.id, targetId: plain.toUpperCase(), relationshipType: 'drops' } })).addObjectReference;
      assert.equal(ref.targetUuid, plain);
      assert.deepEqual(ok(await C.client.request(ObjectDocument, { id: o.id })).object!.references.map((r) => r.id), [ref.id]);
      await expectError(C.client.request(DeleteObjectReferenceDocument, { id: ref.id }), 'FORBIDDEN');
      ok(await A.client.request(DeleteObjectReferenceDocument, { id: ref.id }));
      assert.deepEqual(ok(await C.client.request(ObjectDocument, { id: o.id })).object!.references, []);
      await expectError(A.client.request(DeleteObjectReferenceDocument, { id: randomUUID() }), 'NOT_FOUND');
    });

    test('references: an invisible target on this hub hides the reference; a target not on this hub is shown by uuid', async () => {
      const { id: eventId } = await newEvent();
      const secret = ok(
        await A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: '198.51.100.9', distribution: 'ORGANISATION_ONLY' } }),
      ).addAttribute.id;
      const o = ok(await A.client.request(AddObjectDocument, { input: fileObject(eventId, { references: [{ targetId: secret, relationshipType: 'connects-to' }] }) })).addObject;
      // A reference as a partner's MISP may send it (to something that is not here): written as the hub.
      const elsewhere = randomUUID();
      const em = systemEm(hub.app.orm.em);
      em.create(ObjectReference, { object: await em.findOneOrFail(MispObject, { uuid: o.id }), targetUuid: elsewhere, relationshipType: 'related-to' } as ObjectReference);
      await em.flush();
      const forOwner = ok(await A.client.request(ObjectDocument, { id: o.id })).object!.references.map((r) => r.targetUuid);
      assert.deepEqual(forOwner, [secret, elsewhere]);
      const forOther = ok(await C.client.request(ObjectDocument, { id: o.id })).object!.references.map((r) => r.targetUuid);
      assert.deepEqual(forOther, [elsewhere]);
    });

    describe('bad input: a clear error naming the part, nothing stored', () => {
      let eventId: string;
      let before: { objects: number; attributes: number };
      const refused = async (input: AddObjectInput, code: string, message: string | RegExp) => {
        before ??= await counts(eventId);
        await expectError(A.client.request(AddObjectDocument, { input }), code, message);
        assert.deepEqual(await counts(eventId), before, 'nothing stored');
      };

      test('a reference to a uuid that is not in the event (MISP: "Target has to be within the same event")', async () => {
        ({ id: eventId } = await newEvent());
        const missing = randomUUID();
        await refused(fileObject(eventId, { references: [{ targetId: missing, relationshipType: 'related-to' }] }), 'BAD_USER_INPUT', `references[0].targetId "${missing}"`);
        const other = await newEvent();
        await refused(fileObject(eventId, { references: [{ targetId: other.plain, relationshipType: 'related-to' }] }), 'BAD_USER_INPUT', other.plain);
      });

      test('a bad attribute value names the attribute, its relation and the value', async () => {
        const input = fileObject(eventId, { attributes: [{ objectRelation: 'filename', type: 'filename', value: 'a.exe' }, { objectRelation: 'sha256', type: 'sha256', value: 'xyz' }] });
        const message = await expectError(A.client.request(AddObjectDocument, { input }), 'BAD_USER_INPUT', 'attributes[1] (sha256)');
        assert.match(message, /xyz/);
        assert.deepEqual(await counts(eventId), before);
      });

      test('malformed objects', async () => {
        await refused(fileObject(eventId, { attributes: [] }), 'BAD_USER_INPUT', 'attributes is empty');
        await refused(fileObject(eventId, { metaCategory: null }), 'BAD_USER_INPUT', 'metaCategory');
        await refused(fileObject(eventId, { attributes: [{ objectRelation: 'x', type: 'no-such-type', value: 'v' }] }), 'BAD_USER_INPUT', 'attributes[0] (x)');
        await refused(fileObject(eventId, { name: '' }), 'BAD_USER_INPUT', /name/);
        await refused(fileObject(eventId, { attributes: [{ objectRelation: '', type: 'filename', value: 'a' }] }), 'BAD_USER_INPUT', /objectRelation/);
        await refused(fileObject(eventId, { distribution: 'SHARING_GROUP' }), 'BAD_USER_INPUT', 'sharingGroupId');
        const sgOfC = ok(await C.client.request(CreateSharingGroupDocument, { input: { name: unique('sgC') } })).createSharingGroup.id;
        await refused(fileObject(eventId, { distribution: 'SHARING_GROUP', sharingGroupId: sgOfC }), 'NOT_FOUND', sgOfC);
      });

      test('uuids already taken', async () => {
        const o = ok(await A.client.request(AddObjectDocument, { input: fileObject(eventId) })).addObject;
        before = await counts(eventId);
        await refused(fileObject(eventId, { uuid: o.id }), 'CONFLICT', o.id);
        await refused(fileObject(eventId, { attributes: [{ objectRelation: 'filename', type: 'filename', value: 'x', uuid: o.attributes[0].id }] }), 'CONFLICT', o.attributes[0].id);
      });
    });
  });
}
