import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateKey } from '../../src/auth/authenticate';
import { Scope } from '../../src/graphql/scope';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { findAttributeViews } from '../../src/modules/attribute/attribute.views';
import { Event } from '../../src/modules/event/event.entity';
import { exportChunks, exportEvents } from '../../src/modules/export/export-source';
import { SharingGroup, SharingGroupOrg } from '../../src/modules/sharing-group/sharing-group.entity';
import { Sighting } from '../../src/modules/sighting/sighting.entity';
import { AttributeTag, EventTag } from '../../src/modules/tag/tag.entity';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/**
 * Issue 11 "Structure" item 2 (DESIGN §4 "Safe by construction"): visibility is on by default.
 * An EntityManager with no viewer reads nothing of the shared tables (it throws); a scope's
 * EntityManager reads only what its viewer may see whatever the `where`; exports apply the viewer's
 * rules themselves (a crafted `where` cannot widen them); the tag and member loaders follow their
 * parent's visibility.
 */

const CREATE_EVENT = 'mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }';
const ADD_ATTRIBUTE = 'mutation A($input: AddAttributeInput!) { addAttribute(input: $input) { id } }';
const CREATE_SG = 'mutation S($input: CreateSharingGroupInput!) { createSharingGroup(input: $input) { id } }';
const NO_VIEWER = /No arguments provided for filter 'visible'/;

for (const database of testDatabases()) {
  describe(`visibility on by default (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let B: OrgWithUser;
    let scopeA: Scope;
    let scopeB: Scope;
    /** A's COMMUNITY_ONLY event with one open and one ORGANISATION_ONLY attribute, and A's ORGANISATION_ONLY event. */
    let openEvent: string;
    let privateEvent: string;
    let openAttribute: string;
    let privateAttribute: string;
    let privateGroup: string;

    const scopeOf = async (who: OrgWithUser): Promise<Scope> =>
      hub.app.hub.openScope(await authenticateKey(hub.app.hub.em.fork(), who.key, hub.app.hub.clock), 'test');

    before(async () => {
      hub = await startTestHub(database);
      A = await orgWithUser(hub, 'ORG_ADMIN');
      B = await orgWithUser(hub, 'PUBLISHER');
      openEvent = ok(await A.client.raw<{ createEvent: { id: string } }>(CREATE_EVENT, {
        input: { info: 'open', distribution: 'COMMUNITY_ONLY', tags: ['open-event-tag'] },
      })).createEvent.id;
      privateEvent = ok(await A.client.raw<{ createEvent: { id: string } }>(CREATE_EVENT, {
        input: { info: 'private', distribution: 'ORGANISATION_ONLY', tags: ['private-event-tag'] },
      })).createEvent.id;
      openAttribute = ok(await A.client.raw<{ addAttribute: { id: string } }>(ADD_ATTRIBUTE, {
        input: { eventId: openEvent, type: 'ip-dst', value: '10.9.0.1', tags: ['open-attribute-tag'] },
      })).addAttribute.id;
      privateAttribute = ok(await A.client.raw<{ addAttribute: { id: string } }>(ADD_ATTRIBUTE, {
        input: { eventId: openEvent, type: 'ip-dst', value: '10.9.0.2', distribution: 'ORGANISATION_ONLY', tags: ['private-attribute-tag'] },
      })).addAttribute.id;
      privateGroup = ok(await A.client.raw<{ createSharingGroup: { id: string } }>(CREATE_SG, { input: { name: 'A only' } })).createSharingGroup.id;
      const SIGHT = 'mutation S($id: ID!) { addSighting(input: { attributeId: $id, type: SIGHTING }) { id } }';
      ok(await A.client.raw(SIGHT, { id: privateAttribute }));
      ok(await A.client.raw(SIGHT, { id: openAttribute }));
      ok(await B.client.raw(SIGHT, { id: openAttribute }));
      scopeA = await scopeOf(A);
      scopeB = await scopeOf(B);
    });
    after(async () => hub?.stop());

    test('an EntityManager without a viewer fails closed on every shared table', async () => {
      const em = hub.app.orm.em.fork();
      await assert.rejects(em.find(Event, {}), NO_VIEWER);
      await assert.rejects(em.count(Event, {}), NO_VIEWER);
      await assert.rejects(em.findOne(Attribute, { uuid: openAttribute }), NO_VIEWER);
      await assert.rejects(em.find(SharingGroup, {}), NO_VIEWER);
      await assert.rejects(em.find(Sighting, {}), NO_VIEWER);
      await assert.rejects(em.find(EventTag, {}), NO_VIEWER);
      await assert.rejects(em.find(AttributeTag, {}), NO_VIEWER);
      await assert.rejects(em.find(SharingGroupOrg, {}), NO_VIEWER);
      // The QueryBuilder read of attribute rows takes the viewer from the EntityManager as well.
      await assert.rejects(findAttributeViews(em, {}, { orderBy: { id: 'asc' } }), NO_VIEWER);
    });

    test('a scope reads only what its viewer may see, whatever the where', async () => {
      const uuids = (rows: Array<{ uuid: string }>) => new Set(rows.map((r) => r.uuid));
      const fresh = (s: Scope) => s.em.fork();
      // A (the owner) sees everything: the checks below are not vacuous.
      assert.ok(uuids(await fresh(scopeA).find(Event, {})).has(privateEvent));
      assert.ok(uuids(await fresh(scopeA).find(Attribute, {})).has(privateAttribute));
      assert.equal(await fresh(scopeA).count(SharingGroup, { uuid: privateGroup }), 1);
      assert.equal(await fresh(scopeA).count(Sighting, {}), 3, 'A (event owner): every sighting');

      const events = uuids(await fresh(scopeB).find(Event, {}));
      assert.ok(events.has(openEvent) && !events.has(privateEvent), 'B: events');
      assert.equal(await fresh(scopeB).count(Event, { uuid: privateEvent }), 0);
      const attributes = uuids(await fresh(scopeB).find(Attribute, {}));
      assert.ok(attributes.has(openAttribute) && !attributes.has(privateAttribute), 'B: attributes');
      assert.equal(await fresh(scopeB).findOne(Attribute, { uuid: privateAttribute }), null);
      assert.equal(await fresh(scopeB).count(SharingGroup, { uuid: privateGroup }), 0);
      assert.equal(await fresh(scopeB).count(SharingGroupOrg, { sharingGroup: { uuid: privateGroup } }), 0);
      // policy.canSeeSighting: B sees its own sighting of the open attribute, not A's, nor any of the private one.
      const sightings = await fresh(scopeB).find(Sighting, {}, { populate: ['attribute'] });
      assert.deepEqual(sightings.map((x) => x.attribute.uuid), [openAttribute], 'B: sightings');
      const eventTags = (await fresh(scopeB).find(EventTag, {}, { populate: ['tag'] })).map((l) => l.tag.name);
      assert.deepEqual(eventTags, ['open-event-tag']);
      const attributeTags = (await fresh(scopeB).find(AttributeTag, {}, { populate: ['tag'] })).map((l) => l.tag.name);
      assert.deepEqual(attributeTags, ['open-attribute-tag']);
    });

    test('tag and member loaders follow their parent\'s visibility', async () => {
      const idOf = async (uuid: string) => (await hub.app.hub.em.fork().findOneOrFail(Attribute, { uuid })).id;
      const groupId = (await hub.app.hub.em.fork().findOneOrFail(SharingGroup, { uuid: privateGroup })).id;
      const eventId = (await hub.app.hub.em.fork().findOneOrFail(Event, { uuid: privateEvent })).id;
      const fresh = async (who: OrgWithUser) => (await scopeOf(who)).loaders;
      assert.equal((await (await fresh(A)).attributeTags.load(await idOf(privateAttribute))).length, 1);
      assert.equal((await (await fresh(B)).attributeTags.load(await idOf(privateAttribute))).length, 0);
      assert.equal((await (await fresh(A)).eventTags.load(eventId)).length, 1);
      assert.equal((await (await fresh(B)).eventTags.load(eventId)).length, 0);
      assert.equal((await (await fresh(A)).sharingGroupOrgs.load(groupId)).length, 1);
      assert.equal((await (await fresh(B)).sharingGroupOrgs.load(groupId)).length, 0);
      assert.equal((await (await fresh(B)).sharingGroupServers.load(groupId)).length, 0);
    });

    test('an export with a crafted where cannot widen visibility', async () => {
      const exported = async (s: Scope) => {
        const out = new Set<string>();
        // No condition at all (no visibility, no deleted: false): what a careless caller would pass.
        for await (const c of exportChunks(s, [{}])) for (const a of c.attributes) out.add(a.uuid);
        return out;
      };
      const mine = await exported(scopeA);
      assert.ok(mine.has(openAttribute) && mine.has(privateAttribute), 'A exports its own attributes');
      const theirs = await exported(scopeB);
      assert.ok(theirs.has(openAttribute), 'B exports the open attribute');
      assert.ok(!theirs.has(privateAttribute), 'B never exports A\'s ORGANISATION_ONLY attribute');

      const events = new Set<string>();
      for await (const batch of exportEvents(scopeB, [{}])) for (const e of batch) events.add(e.uuid);
      assert.ok(events.has(openEvent) && !events.has(privateEvent), 'B: manifest events');
    });
  });
}
