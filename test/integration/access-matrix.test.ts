import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddObjectDocument,
  AddObjectReferenceDocument,
  AttributeDocument,
  AttributeObjectDocument,
  EventObjectsDocument,
  ObjectDocument,
  SearchAttributesDocument,
  AttributesDocument,
  EventDocument,
  EventsDocument,
  RemoveSharingGroupOrganisationDocument,
  TagsDocument,
} from '../../src/generated/graphql';
import { accessEvents, AccessOrgs, accessOrgs, ATTRIBUTE_LEVELS, EVENT_LEVELS, visibleAttributes, visibleEvents } from '../support/access-fixture';
import { testDatabases } from '../support/databases';
import { errorCode, ok, startTestHub, TestHub, unique } from '../support/hub';

/**
 * The access matrix of DESIGN §4 end to end (the shared fixture of test/support/access-fixture.ts): org A
 * owns events at every distribution, each with attributes at every distribution; org B is a member of
 * sharing group SG1, org C is not; SG_ALL lists this hub with allOrgs. Every read path must show B and C
 * exactly their share.
 */
for (const database of testDatabases()) {
  describe(`access matrix through GraphQL (${database.name})`, () => {
    let hub: TestHub;
    let fx: AccessOrgs;
    let events: Map<string, string>; // level -> event uuid
    let attributes: Map<string, string>; // "eventLevel/attrLevel" -> attribute uuid
    let tagOf: (level: string) => string;

    before(async () => {
      hub = await startTestHub(database);
      fx = await accessOrgs(hub);
      ({ events, attributes, tagOf } = await accessEvents(fx, unique('m')));
    });
    after(() => hub?.stop());

    const viewers = () => fx.viewers.map(({ who, org, sees }) => [who, org, sees] as const);
    const expectedEvents = visibleEvents;
    const expectedAttributes = visibleAttributes;

    test('event(id): visible or NOT_FOUND, exactly like an absent uuid', async () => {
      for (const [who, v, sees] of viewers()) {
        for (const el of EVENT_LEVELS) {
          const res = await v.client.request(EventDocument, { id: events.get(el)! });
          if (sees(el)) assert.equal(ok(res).event?.id, events.get(el), `${who} ${el}`);
          else {
            assert.equal(errorCode(res), 'NOT_FOUND', `${who} ${el}`);
            assert.equal(res.errors![0].message, `Event "${events.get(el)}" was not found`);
          }
        }
      }
      const absent = await fx.C.client.request(EventDocument, { id: '00000000-0000-4000-8000-000000000000' });
      assert.equal(errorCode(absent), 'NOT_FOUND');
    });

    test('events connection and totalCount', async () => {
      for (const [who, v, sees] of viewers()) {
        const res = ok(await v.client.request(EventsDocument, { filter: { creatorOrgId: [fx.A.orgId] }, first: 100 })).events;
        const got = res.edges.map((e) => e.node.info.split(' ')[1]).sort();
        assert.deepEqual(got, [...expectedEvents(sees)].sort(), who);
        assert.equal(res.totalCount, expectedEvents(sees).length, `${who} totalCount`);
      }
    });

    test('nested event.attributes', async () => {
      for (const [who, v, sees] of viewers()) {
        for (const el of expectedEvents(sees)) {
          const e = ok(await v.client.request(EventDocument, { id: events.get(el)! })).event!;
          const got = e.attributes.map((a) => a.comment).sort();
          const want = ATTRIBUTE_LEVELS.filter((al) => sees(al)).map((al) => `${el}/${al}`).sort();
          assert.deepEqual(got, want, `${who} ${el}`);
        }
      }
    });

    test('attributes connection, totalCount and attribute(id)', async () => {
      for (const [who, v, sees] of viewers()) {
        const res = ok(await v.client.request(AttributesDocument, { filter: { creatorOrgId: [fx.A.orgId] }, first: 500 })).attributes;
        assert.deepEqual(res.edges.map((e) => e.node.comment).sort(), expectedAttributes(sees).sort(), who);
        assert.equal(res.totalCount, expectedAttributes(sees).length, `${who} totalCount`);
        const visible = new Set(expectedAttributes(sees));
        for (const [key, uuid] of attributes) {
          const one = await v.client.request(AttributeDocument, { id: uuid });
          if (visible.has(key)) assert.equal(ok(one).attribute?.id, uuid, `${who} ${key}`);
          else assert.equal(errorCode(one), 'NOT_FOUND', `${who} ${key}`);
        }
      }
    });

    test('tag lookups: filters by tag and the tag list reveal nothing invisible', async () => {
      for (const [who, v, sees] of viewers()) {
        for (const el of EVENT_LEVELS) {
          const byTag = ok(await v.client.request(EventsDocument, { filter: { tags: [tagOf(el)] } })).events;
          assert.equal(byTag.totalCount, sees(el) ? 1 : 0, `${who} events tagged ${el}`);
        }
        const attrByTag = ok(
          await v.client.request(AttributesDocument, { filter: { tags: [tagOf('SG1/SG1'), tagOf('COMMUNITY_ONLY/SG1')] } }),
        ).attributes;
        assert.equal(attrByTag.totalCount, ['SG1/SG1', 'COMMUNITY_ONLY/SG1'].filter((k) => expectedAttributes(sees).includes(k)).length, who);
        const names = new Set(ok(await v.client.request(TagsDocument, {})).tags.map((t) => t.name));
        for (const el of EVENT_LEVELS) assert.equal(names.has(tagOf(el)), sees(el), `${who} tag list ${el}`);
        for (const key of attributes.keys()) {
          assert.equal(names.has(tagOf(key)), expectedAttributes(sees).includes(key), `${who} tag list ${key}`);
        }
      }
    });

    test('value search and filters never reach invisible data', async () => {
      // 10.4.4.1 is the SG1 attribute of the SG1 event; 10.0.1.1 is in the ORGANISATION_ONLY event.
      for (const [who, v, sees] of viewers()) {
        const sgHit = ok(await v.client.request(AttributesDocument, { filter: { value: '10.4.4.1' } })).attributes.totalCount;
        assert.equal(sgHit, sees('SG1') ? 1 : 0, who);
        const orgHit = ok(await v.client.request(AttributesDocument, { filter: { value: '10.0.%' } })).attributes.totalCount;
        assert.equal(orgHit, sees('ORGANISATION_ONLY') ? ATTRIBUTE_LEVELS.length : 0, who);
      }
    });

    test('MISP objects: Event.objects, object(id), their attributes (search, attribute(id), event view) and references', async () => {
      // In every event, one object per level, each with one INHERIT_EVENT attribute and a reference to the
      // event's ORGANISATION_ONLY object (added last: it references itself too) and to the event's
      // COMMUNITY_ONLY attribute. An invisible object hides its INHERIT_EVENT attribute.
      const name = unique('acc-obj');
      const objects = new Map<string, { id: string; attribute: string }>();
      for (const [ei, el] of EVENT_LEVELS.entries()) {
        const levels = [...ATTRIBUTE_LEVELS.filter((l) => l !== 'ORGANISATION_ONLY'), 'ORGANISATION_ONLY' as const];
        for (const ol of levels) {
          const orgOnly = objects.get(`${el}/ORGANISATION_ONLY`);
          const o = ok(
            await fx.A.client.request(AddObjectDocument, {
              input: {
                eventId: events.get(el)!,
                name,
                metaCategory: 'network',
                comment: `${el}/${ol}`,
                ...fx.dist(ol),
                attributes: [{ objectRelation: 'ip', type: 'ip-dst', value: `172.16.${ei}.${ATTRIBUTE_LEVELS.indexOf(ol)}`, comment: `object ${el}/${ol}` }],
                references: [{ targetId: attributes.get(`${el}/COMMUNITY_ONLY`)!, relationshipType: 'related-to' }],
              },
            }),
          ).addObject;
          objects.set(`${el}/${ol}`, { id: o.id, attribute: o.attributes[0].id });
        }
        // Every other object references the ORGANISATION_ONLY one.
        for (const ol of ATTRIBUTE_LEVELS.filter((l) => l !== 'ORGANISATION_ONLY')) {
          ok(
            await fx.A.client.request(AddObjectReferenceDocument, {
              input: { objectId: objects.get(`${el}/${ol}`)!.id, targetId: objects.get(`${el}/ORGANISATION_ONLY`)!.id, relationshipType: 'connected-to' },
            }),
          );
        }
      }
      for (const [who, v, sees] of viewers()) {
        const visibleKeys = expectedAttributes(sees); // "event/object level" keys of visible objects
        const search = ok(await v.client.request(SearchAttributesDocument, { filter: { objectName: [name] }, first: 500 })).attributes;
        assert.deepEqual(search.edges.map((e) => e.node.id).sort(), visibleKeys.map((k) => objects.get(k)!.attribute).sort(), `${who} objectName search`);
        assert.equal(search.totalCount, visibleKeys.length, `${who} totalCount`);
        for (const [key, o] of objects) {
          const one = await v.client.request(ObjectDocument, { id: o.id });
          const attr = await v.client.request(AttributeObjectDocument, { id: o.attribute });
          if (visibleKeys.includes(key)) {
            const got = ok(one).object!;
            assert.deepEqual(got.attributes.map((a) => a.id), [o.attribute], `${who} ${key} attributes`);
            const [el] = key.split('/');
            const targets = got.references.map((r) => r.targetUuid).sort();
            const want = [attributes.get(`${el}/COMMUNITY_ONLY`)!, ...(sees('ORGANISATION_ONLY') && !key.endsWith('/ORGANISATION_ONLY') ? [objects.get(`${el}/ORGANISATION_ONLY`)!.id] : [])];
            assert.deepEqual(targets, want.sort(), `${who} ${key} references`);
            assert.equal(ok(attr).attribute?.object?.id, o.id, `${who} ${key} attribute.object`);
          } else {
            assert.equal(errorCode(one), 'NOT_FOUND', `${who} ${key} object(id)`);
            assert.equal(errorCode(attr), 'NOT_FOUND', `${who} ${key} attribute(id)`);
          }
        }
        for (const el of expectedEvents(sees)) {
          const e = ok(await v.client.request(EventObjectsDocument, { id: events.get(el)! })).event!;
          const want = ATTRIBUTE_LEVELS.filter((ol) => sees(ol)).map((ol) => `${el}/${ol}`).sort();
          assert.deepEqual(e.objects.map((o) => o.comment).sort(), want, `${who} ${el} Event.objects`);
          assert.equal(e.objectCount, want.length, `${who} ${el} objectCount`);
          const objectAttrs = e.attributes.filter((a) => a.object).map((a) => a.id).sort();
          assert.deepEqual(objectAttrs, want.map((k) => objects.get(k)!.attribute).sort(), `${who} ${el} Event.attributes of objects`);
          assert.equal(e.attributeCount, ATTRIBUTE_LEVELS.filter((al) => sees(al)).length + want.length, `${who} ${el} attributeCount`);
        }
      }
    });

    test('removing an organisation from a sharing group hides the group\'s data at once', async () => {
      ok(await fx.A.client.request(RemoveSharingGroupOrganisationDocument, { sharingGroupId: fx.sg1, organisationId: fx.B.orgId }));
      const res = await fx.B.client.request(EventDocument, { id: events.get('SG1')! });
      assert.equal(errorCode(res), 'NOT_FOUND');
      const attr = await fx.B.client.request(AttributeDocument, { id: attributes.get('COMMUNITY_ONLY/SG1')! });
      assert.equal(errorCode(attr), 'NOT_FOUND');
    });
  });
}
