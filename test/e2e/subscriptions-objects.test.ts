import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddAttributeDocument,
  AddObjectDocument,
  ChangesDocument,
  CreateEventDocument,
  DeleteObjectDocument,
  ObjectAttributeAddedDocument,
} from '../../src/generated/graphql';
import { accessOrgs, AccessOrgs, ATTRIBUTE_LEVELS } from '../support/access-fixture';
import { testDatabases } from '../support/databases';
import { headCursor, ok, startTestHub, TestHub, unique } from '../support/hub';
import { connectWs, WsTestClient } from '../support/ws-client';

/**
 * The live stream with MISP objects (DESIGN §4, §5): attributeAdded delivers an object's attributes only
 * to who may see the object (an ORGANISATION_ONLY object hides its INHERIT_EVENT attributes), with their
 * object; `changes` streams OBJECT changes under the same rule; objectName / objectRelation filter; the
 * same from the live window and when resuming from the database.
 */
for (const database of testDatabases()) {
  describe(`subscriptions with objects (${database.name})`, { timeout: 120_000 }, () => {
    let hub: TestHub;
    let fx: AccessOrgs;
    const open: WsTestClient[] = [];
    const ws = (key: string) => {
      const c = connectWs(hub.url, key);
      open.push(c);
      return c;
    };

    before(async () => {
      hub = await startTestHub(database);
      fx = await accessOrgs(hub);
    });
    afterEach(async () => void (await Promise.all(open.splice(0).map((c) => c.dispose()))));
    after(() => hub?.stop());

    test('each organisation receives exactly the object attributes and object changes it may see', async () => {
      const run = unique('so');
      const eventId = ok(await fx.A.client.request(CreateEventDocument, { input: { info: `${run}`, distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      const since = await headCursor(hub);
      const live = fx.viewers.map((v) => {
        const c = ws(v.org.key);
        return {
          ...v,
          attrs: c.subscribe(ObjectAttributeAddedDocument, { since }, `${v.who} attributeAdded`),
          changes: c.subscribe(ChangesDocument, { since }, `${v.who} changes`),
          named: c.subscribe(ObjectAttributeAddedDocument, { since, filter: { objectName: [`${run}-b`], objectRelation: ['ip'] } }, `${v.who} filtered`),
        };
      });
      const objects = new Map<string, { id: string; attribute: string }>();
      for (const level of ATTRIBUTE_LEVELS) {
        const o = ok(
          await fx.A.client.request(AddObjectDocument, {
            input: {
              eventId,
              name: level === 'COMMUNITY_ONLY' ? `${run}-b` : `${run}-a`,
              metaCategory: 'network',
              ...fx.dist(level),
              attributes: [
                { objectRelation: 'ip', type: 'ip-dst', value: `172.20.${ATTRIBUTE_LEVELS.indexOf(level)}.1`, comment: `obj/${level}` },
                { objectRelation: 'domain', type: 'domain', value: `${ATTRIBUTE_LEVELS.indexOf(level)}.${run}.example`, comment: `obj/${level}/domain` },
              ],
            },
          }),
        ).addObject;
        objects.set(level, { id: o.id, attribute: o.attributes[0].id });
      }
      const addMarker = async (n: number) =>
        ok(await fx.A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: `192.0.2.${n}`, comment: `${run} marker ${n}` } })).addAttribute.id;
      const first = await addMarker(1);
      // Delivered before the deletions (a delivery shows the attribute as it is then: a tombstone only to the owner).
      for (const v of live) await v.attrs.waitForItem((i) => i.attributeAdded.id === first, 10_000, 'the first marker');
      const DELETED = ['ORGANISATION_ONLY', 'COMMUNITY_ONLY'] as const;
      for (const l of DELETED) ok(await fx.A.client.request(DeleteObjectDocument, { id: objects.get(l)!.id }));
      const second = await addMarker(2);

      type Level = (typeof ATTRIBUTE_LEVELS)[number];
      type Live = (typeof live)[number];
      /**
       * attributeAdded delivers what the viewer may see at delivery time: tombstones only to the owner
       * (`afterDeletes`: the deletions were committed before the delivery, as when resuming).
       */
      const check = async (who: string, sees: (l: Level) => boolean, owner: boolean, attrs: Live['attrs'], changes: Live['changes'], afterDeletes: boolean) => {
        await attrs.waitForItem((i) => i.attributeAdded.id === second, 10_000, 'the last marker');
        await changes.waitForItem((i) => i.changes.id === second, 10_000, 'the last marker');
        const got = attrs.items.map((i) => i.attributeAdded).filter((a) => a.id !== first && a.id !== second);
        const delivered = ATTRIBUTE_LEVELS.filter((l) => sees(l) && (owner || !afterDeletes || !(DELETED as readonly string[]).includes(l)));
        assert.deepEqual(got.map((a) => a.comment).sort(), delivered.flatMap((l) => [`obj/${l}`, `obj/${l}/domain`]).sort(), `${who}: attributeAdded`);
        for (const a of got) {
          const level = a.comment!.split('/')[1] as Level;
          assert.equal(a.object?.id, objects.get(level)!.id, `${who}: the object of ${a.comment}`);
          assert.equal(a.objectRelation, a.comment!.endsWith('/domain') ? 'domain' : 'ip');
        }
        const entries = changes.items.map((i) => i.changes).filter((c) => c.kind === 'OBJECT');
        const levels = ATTRIBUTE_LEVELS.filter(sees);
        const want = [...levels.map((l) => `CREATED ${objects.get(l)!.id}`), ...DELETED.filter(sees).map((l) => `DELETED ${objects.get(l)!.id}`)];
        assert.deepEqual(entries.map((c) => `${c.op} ${c.id}`).sort(), want.sort(), `${who}: OBJECT changes`);
        const tombstones = changes.items.map((i) => i.changes).filter((c) => c.kind === 'ATTRIBUTE' && c.op === 'DELETED').length;
        assert.equal(tombstones, DELETED.filter(sees).length * 2, `${who}: attribute tombstones`);
      };
      for (const v of live) {
        await check(v.who, v.sees, v.org === fx.A, v.attrs, v.changes, false);
        assert.deepEqual(v.named.items.map((i) => i.attributeAdded.comment), v.sees('COMMUNITY_ONLY') ? ['obj/COMMUNITY_ONLY'] : [], `${v.who}: objectName + objectRelation filter`);
      }
      // Resuming after the fact, read from the database (no live reader is left, so the replica's window
      // is gone): the attributes as they are now, by the same rule.
      await Promise.all(open.splice(0).map((c) => c.dispose()));
      for (const v of fx.viewers) {
        const c = ws(v.org.key);
        await check(`${v.who} resumed`, v.sees, v.org === fx.A, c.subscribe(ObjectAttributeAddedDocument, { since }, 'resumed'), c.subscribe(ChangesDocument, { since }, 'resumed changes'), true);
      }
    });
  });
}
