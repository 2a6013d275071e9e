import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddAttributesDocument,
  AttributeDocument,
  AttributesDocument,
  CreateEventDocument,
  CreateSharingGroupDocument,
  Distribution,
  EventDocument,
  EventsDocument,
  RemoveSharingGroupOrganisationDocument,
  TagsDocument,
} from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { errorCode, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/**
 * The access matrix of DESIGN §4 end to end: org A owns events at every distribution, each with
 * attributes at every distribution; org B is a member of sharing group SG1, org C is not; SG_ALL lists
 * this hub with allOrgs. Every read path must show B and C exactly their share.
 */
const EVENT_LEVELS = ['ORGANISATION_ONLY', 'COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'SG1', 'SG_ALL'] as const;
const ATTRIBUTE_LEVELS = ['ORGANISATION_ONLY', 'COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'SG1', 'INHERIT_EVENT'] as const;
type Level = (typeof EVENT_LEVELS)[number] | (typeof ATTRIBUTE_LEVELS)[number];

/** DESIGN §4 written as data: which levels an organisation that is not the owner passes. */
const passes = (level: Level, memberOfSg1: boolean) =>
  ['COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'INHERIT_EVENT', 'SG_ALL'].includes(level) ||
  (level === 'SG1' && memberOfSg1);

for (const database of testDatabases()) {
  describe(`access matrix through GraphQL (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser, B: OrgWithUser, C: OrgWithUser;
    let sg1: string, sgAll: string;
    const events = new Map<string, string>(); // level -> event uuid
    const attributes = new Map<string, string>(); // "eventLevel/attrLevel" -> attribute uuid
    let tagOf: (level: string) => string;

    before(async () => {
      hub = await startTestHub(database);
      [A, B, C] = [await orgWithUser(hub, 'ORG_ADMIN'), await orgWithUser(hub, 'USER'), await orgWithUser(hub, 'USER')];
      sg1 = ok(await A.client.request(CreateSharingGroupDocument, { input: { name: unique('sg1'), organisationIds: [B.orgId] } }))
        .createSharingGroup.id;
      sgAll = ok(await A.client.request(CreateSharingGroupDocument, { input: { name: unique('sgall'), thisHubAllOrgs: true } }))
        .createSharingGroup.id;
      const run = unique('m');
      tagOf = (level) => `${run}:${level}`.toLowerCase();
      const dist = (level: Level): { distribution: Distribution; sharingGroupId?: string } =>
        level === 'SG1'
          ? { distribution: 'SHARING_GROUP', sharingGroupId: sg1 }
          : level === 'SG_ALL'
            ? { distribution: 'SHARING_GROUP', sharingGroupId: sgAll }
            : { distribution: level };
      for (const el of EVENT_LEVELS) {
        const e = ok(await A.client.request(CreateEventDocument, { input: { info: `${run} ${el}`, tags: [tagOf(el)], ...dist(el) } }))
          .createEvent;
        events.set(el, e.id);
        const added = ok(
          await A.client.request(AddAttributesDocument, {
            eventId: e.id,
            attributes: ATTRIBUTE_LEVELS.map((al, i) => ({
              type: 'ip-dst',
              value: `10.${EVENT_LEVELS.indexOf(el)}.${i}.1`,
              comment: `${el}/${al}`,
              tags: [tagOf(`${el}/${al}`)],
              ...dist(al),
            })),
          }),
        ).addAttributes;
        ATTRIBUTE_LEVELS.forEach((al, i) => attributes.set(`${el}/${al}`, added[i].id));
      }
    });
    after(() => hub?.stop());

    const viewers = () =>
      [
        ['A (owner)', A, (_: Level) => true],
        ['B (member of SG1)', B, (l: Level) => passes(l, true)],
        ['C (not a member)', C, (l: Level) => passes(l, false)],
      ] as const;

    const expectedEvents = (sees: (l: Level) => boolean) => EVENT_LEVELS.filter((el) => sees(el));
    const expectedAttributes = (sees: (l: Level) => boolean) =>
      EVENT_LEVELS.filter((el) => sees(el)).flatMap((el) => ATTRIBUTE_LEVELS.filter((al) => sees(al)).map((al) => `${el}/${al}`));

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
      const absent = await C.client.request(EventDocument, { id: '00000000-0000-4000-8000-000000000000' });
      assert.equal(errorCode(absent), 'NOT_FOUND');
    });

    test('events connection and totalCount', async () => {
      for (const [who, v, sees] of viewers()) {
        const res = ok(await v.client.request(EventsDocument, { filter: { creatorOrgId: [A.orgId] }, first: 100 })).events;
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
        const res = ok(await v.client.request(AttributesDocument, { filter: { creatorOrgId: [A.orgId] }, first: 500 })).attributes;
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

    test('removing an organisation from a sharing group hides the group\'s data at once', async () => {
      ok(await A.client.request(RemoveSharingGroupOrganisationDocument, { sharingGroupId: sg1, organisationId: B.orgId }));
      const res = await B.client.request(EventDocument, { id: events.get('SG1')! });
      assert.equal(errorCode(res), 'NOT_FOUND');
      const attr = await B.client.request(AttributeDocument, { id: attributes.get('COMMUNITY_ONLY/SG1')! });
      assert.equal(errorCode(attr), 'NOT_FOUND');
    });
  });
}
