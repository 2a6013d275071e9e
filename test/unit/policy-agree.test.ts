import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import {
  attributesOfEventsFilter,
  attributeVisibilityFilter,
  AttributeAccess,
  canSeeAttribute,
  canSeeEvent,
  canSeeObject,
  canSeeSharingGroup,
  EventAccess,
  eventVisibilityFilter,
  objectVisibilityFilter,
  sharingGroupVisibilityFilter,
  Viewer,
} from '../../src/auth/policy';
import { createOrm, migrateUp } from '../../src/db/orm';
import { Attribute } from '../../src/modules/attribute/attribute.entity';
import { Event } from '../../src/modules/event/event.entity';
import { MispObject } from '../../src/modules/object/object.entity';
import { Organisation } from '../../src/modules/organisation/organisation.entity';
import { SharingGroup } from '../../src/modules/sharing-group/sharing-group.entity';
import { Distribution as D } from '../../src/shared/enums';
import { ScratchDatabase } from '../support/scratch-database';
import { testDatabases } from '../support/databases';

/**
 * The access rules exist twice in auth/policy.ts: as in-memory predicates (`canSee*`, used for single loads
 * and subscription deliveries) and as SQL filters (`*VisibilityFilter`, used for lists and counts). This
 * table runs both over the same rows in a real database: for every viewer, the rows the filter selects are
 * exactly the rows the predicate passes.
 */

const EVENT_LEVELS = [D.ORGANISATION_ONLY, D.COMMUNITY_ONLY, D.CONNECTED_COMMUNITIES, D.ALL_COMMUNITIES, D.SHARING_GROUP] as const;
const ATTRIBUTE_LEVELS = [...EVENT_LEVELS, D.INHERIT_EVENT] as const;

for (const database of testDatabases()) {
  describe(`policy: the can* predicates and the *VisibilityFilter SQL agree (${database.name})`, () => {
    let db: ScratchDatabase;
    let orm: MikroORM;
    let em: EntityManager;
    let owner: number, member: number, outsider: number;
    let sg1: number, sg2: number;
    const events = new Map<number, EventAccess>();
    const attributes = new Map<number, { eventId: number; facts: AttributeAccess }>();
    const objects = new Map<number, { eventId: number; facts: Omit<AttributeAccess, 'object'> }>();

    before(async () => {
      db = await database.migrated();
      orm = await createOrm({ databaseUrl: db.url });
      await migrateUp(orm);
      em = orm.em.fork();
      const org = (name: string) => em.create(Organisation, { name } as Organisation);
      const [o, m, x] = [org('owner'), org('member'), org('outsider')];
      await em.flush();
      [owner, member, outsider] = [o.id, m.id, x.id];
      const group = (name: string) => em.create(SharingGroup, { name, ownerOrg: o } as SharingGroup);
      const [g1, g2] = [group('sg1'), group('sg2')];
      await em.flush();
      [sg1, sg2] = [g1.id, g2.id];
      // Every event level (the sharing-group level once per group) × published or not × owned by `owner`
      // or by `member`; in each, an attribute at every level (sharing group: both groups) × deleted or not.
      const levels = (all: readonly D[]): Array<{ d: D; sg: SharingGroup | null }> =>
        all.flatMap((d): Array<{ d: D; sg: SharingGroup | null }> => (d === D.SHARING_GROUP ? [{ d, sg: g1 }, { d, sg: g2 }] : [{ d, sg: null }]));
      let n = 0;
      for (const ownerOrg of [o, m]) {
        for (const published of [true, false]) {
          for (const el of levels(EVENT_LEVELS)) {
            const e = em.create(Event, {
              info: `event ${n++}`,
              date: '2026-01-01',
              distribution: el.d,
              sharingGroup: el.sg,
              ownerOrg,
              creatorOrg: ownerOrg,
              published,
            } as Event);
            for (const al of levels(ATTRIBUTE_LEVELS)) {
              for (const deleted of [false, true]) {
                em.create(Attribute, {
                  event: e,
                  type: 'ip-dst',
                  category: 'Network activity',
                  value: `10.0.0.${n}`,
                  valueHash: `h${n++}`,
                  toIds: true,
                  distribution: al.d,
                  sharingGroup: al.sg,
                  deleted,
                } as Attribute);
              }
            }
            // MISP objects at every level (live and tombstones), each with attributes at the levels that
            // matter next to the object's own: an invisible object hides even its INHERIT_EVENT attributes.
            for (const ol of levels(ATTRIBUTE_LEVELS)) {
              for (const deleted of [false, true]) {
                const o = em.create(MispObject, { event: e, name: 'file', metaCategory: 'file', distribution: ol.d, sharingGroup: ol.sg, deleted } as MispObject);
                for (const al of [{ d: D.INHERIT_EVENT, sg: null }, { d: D.COMMUNITY_ONLY, sg: null }, { d: D.ORGANISATION_ONLY, sg: null }, { d: D.SHARING_GROUP, sg: g1 }]) {
                  em.create(Attribute, {
                    event: e,
                    object: o,
                    objectRelation: 'ip',
                    type: 'ip-dst',
                    category: 'Network activity',
                    value: `10.0.1.${n}`,
                    valueHash: `h${n++}`,
                    toIds: true,
                    distribution: al.d,
                    sharingGroup: al.sg,
                    deleted,
                  } as Attribute);
                }
              }
            }
          }
        }
      }
      await em.flush();
      for (const o of await em.fork().find(MispObject, {})) {
        objects.set(o.id, { eventId: o.event.id, facts: { distribution: o.distribution, sharingGroupId: o.sharingGroup?.id ?? null, deleted: o.deleted } });
      }
      for (const e of await em.fork().find(Event, {})) {
        events.set(e.id, { ownerOrgId: e.ownerOrg.id, distribution: e.distribution, sharingGroupId: e.sharingGroup?.id ?? null, published: e.published });
      }
      for (const a of await em.fork().find(Attribute, {})) {
        const o = a.object ? objects.get(a.object.id)!.facts : null;
        attributes.set(a.id, {
          eventId: a.event.id,
          facts: { distribution: a.distribution, sharingGroupId: a.sharingGroup?.id ?? null, deleted: a.deleted, object: o },
        });
      }
      assert.equal(events.size, 2 * 2 * 6);
      assert.equal(objects.size, events.size * 7 * 2);
      assert.equal(attributes.size, events.size * 7 * 2 + objects.size * 4);
    });

    after(async () => {
      await orm?.close(true);
      await db?.drop();
    });

    /** Viewers: every combination that the rules read (org, site admin, sync user, memberships, setting). */
    const viewers = (): Array<[string, Viewer]> => {
      const base = [
        ['no organisation', { orgId: null, siteAdmin: false, syncUser: false, sharingGroupIds: new Set<number>() }],
        ['owner org', { orgId: owner, siteAdmin: false, syncUser: false, sharingGroupIds: new Set<number>() }],
        ['member of sg1', { orgId: member, siteAdmin: false, syncUser: false, sharingGroupIds: new Set([sg1]) }],
        ['member of sg1 and sg2', { orgId: member, siteAdmin: false, syncUser: false, sharingGroupIds: new Set([sg1, sg2]) }],
        ['outsider', { orgId: outsider, siteAdmin: false, syncUser: false, sharingGroupIds: new Set<number>() }],
        ['sync user of the outsider, member of sg2', { orgId: outsider, siteAdmin: false, syncUser: true, sharingGroupIds: new Set([sg2]) }],
        ['site admin of the outsider', { orgId: outsider, siteAdmin: true, syncUser: false, sharingGroupIds: new Set<number>() }],
      ] as const;
      return base.flatMap(([name, v]) => [
        [name, { ...v, unpublishedPrivate: false }],
        [`${name}, UNPUBLISHED_PRIVATE`, { ...v, unpublishedPrivate: true }],
      ]);
    };

    const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

    test('events', async () => {
      const sizes = new Set<number>();
      for (const [name, v] of viewers()) {
        const sql = await em.fork().find(Event, eventVisibilityFilter(v) as object, { fields: ['id'] });
        const memory = [...events].filter(([, e]) => canSeeEvent(v, e)).map(([id]) => id);
        assert.deepEqual(sorted(sql.map((e) => e.id)), sorted(memory), name);
        sizes.add(memory.length);
      }
      assert.ok(sizes.size >= 5, `the viewers see different shares (sizes ${[...sizes].join(', ')})`);
    });

    for (const includeDeleted of [false, true]) {
      test(`attributes${includeDeleted ? ', tombstones included' : ''}`, async () => {
        for (const [name, v] of viewers()) {
          const sql = await em.fork().find(Attribute, attributeVisibilityFilter(v, { includeDeleted }) as object, { fields: ['id'] });
          const memory = [...attributes]
            .filter(([, a]) => canSeeAttribute(v, events.get(a.eventId)!, a.facts, { includeDeleted }))
            .map(([id]) => id);
          assert.deepEqual(sorted(sql.map((a) => a.id)), sorted(memory), name);
        }
      });
    }

    for (const includeDeleted of [false, true]) {
      test(`attributes of events held with their facts${includeDeleted ? ', tombstones included' : ''}`, async () => {
        // Every event (those the viewer may not see must give nothing), and every other event (a batch
        // with only some of them: no attribute of an event outside the batch).
        const all = [...events].map(([id, access]) => ({ id, access }));
        const batches = [all, all.filter((_, i) => i % 2 === 0)];
        const sizes = new Set<number>();
        for (const [name, v] of viewers()) {
          for (const batch of batches) {
            const inBatch = new Set(batch.map((e) => e.id));
            const sql = await em.fork().find(Attribute, attributesOfEventsFilter(v, batch, { includeDeleted }) as object, { fields: ['id'] });
            const memory = [...attributes]
              .filter(([, a]) => inBatch.has(a.eventId) && canSeeAttribute(v, events.get(a.eventId)!, a.facts, { includeDeleted }))
              .map(([id]) => id);
            assert.deepEqual(sorted(sql.map((a) => a.id)), sorted(memory), `${name}, ${batch.length} events`);
            sizes.add(memory.length);
          }
        }
        assert.ok(sizes.size >= 5, `the viewers see different shares (sizes ${[...sizes].join(', ')})`);
      });
    }

    for (const includeDeleted of [false, true]) {
      test(`MISP objects${includeDeleted ? ', tombstones included' : ''}`, async () => {
        const sizes = new Set<number>();
        for (const [name, v] of viewers()) {
          const sql = await em.fork().find(MispObject, objectVisibilityFilter(v, { includeDeleted }) as object, { fields: ['id'] });
          const memory = [...objects].filter(([, o]) => canSeeObject(v, events.get(o.eventId)!, o.facts, { includeDeleted })).map(([id]) => id);
          assert.deepEqual(sorted(sql.map((o) => o.id)), sorted(memory), name);
          sizes.add(memory.length);
        }
        assert.ok(sizes.size >= 5, `the viewers see different shares (sizes ${[...sizes].join(', ')})`);
      });
    }

    test('an invisible object hides its attributes, whatever their own level (in memory and in SQL)', () => {
      const outsider = viewers().find(([name]) => name === 'outsider')![1];
      const hidden = [...attributes.values()].filter(
        (a) => a.facts.object?.distribution === D.ORGANISATION_ONLY && !a.facts.deleted && a.facts.distribution === D.COMMUNITY_ONLY,
      );
      assert.ok(hidden.length > 0);
      for (const a of hidden) {
        const e = events.get(a.eventId)!;
        assert.equal(canSeeAttribute(outsider, e, a.facts), e.ownerOrgId === outsider.orgId, 'a COMMUNITY_ONLY attribute of an ORGANISATION_ONLY object');
      }
    });

    test('sharing groups', async () => {
      for (const [name, v] of viewers()) {
        const sql = await em.fork().find(SharingGroup, sharingGroupVisibilityFilter(v) as object, { fields: ['id'] });
        assert.deepEqual(sorted(sql.map((g) => g.id)), sorted([sg1, sg2].filter((id) => canSeeSharingGroup(v, id))), name);
      }
    });
  });
}
