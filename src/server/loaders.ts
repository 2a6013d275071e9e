import { EntityManager, raw } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { columnOf } from '../db/names';
import {
  attributesOfEventsFilter,
  attributeVisibilityFilter,
  eventVisibilityFilter,
  objectVisibilityFilter,
  proposalVisibilityFilter,
  sharingGroupVisibilityFilter,
  Viewer,
} from '../auth/policy';
import { Attribute } from '../modules/attribute/attribute.entity';
import { findAttributeViews } from '../modules/attribute/attribute.views';
import { Event } from '../modules/event/event.entity';
import { isEventRead } from '../modules/event/event-view';
import { eventAccessOf } from '../auth/change-access';
import { correlationLoader, CorrelationSettings, relatedEventsLoader } from '../modules/attribute/correlation';
import { AttributePageOptions, Loaders, SightingCounts } from '../graphql/loaders';
import { Organisation } from '../modules/organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';
import { AttributeTag, EventTag } from '../modules/tag/tag.entity';
import { sightingSummaries } from '../modules/sighting/sighting.service';
import { EventReport } from '../modules/event-report/event-report.entity';
import { GalaxyCluster } from '../modules/galaxy/galaxy-cluster.entity';
import { Proposal } from '../modules/proposal/proposal.entity';
import { badInput } from '../shared/errors';
import { objectLoaderMakers } from '../modules/object/object.loaders';
import { lazily, once, perKey } from '../shared/lazily';

function byId<T extends { id: number }>(load: (ids: number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function groupBy<T>(key: (row: T) => number, load: (ids: number[]) => Promise<T[]>) {
  return new DataLoader<number, T[]>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map<number, T[]>();
    for (const r of rows) {
      const k = key(r);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return ids.map((id) => map.get(id) ?? []);
  });
}


/** A request's loaders, each made when a resolver first reads it. */
const requestLoaders = lazily<Loaders>();

/** `listCap`: the most items a nested list under an event or attribute returns (MAX_PAGE_SIZE). */
export function createLoaders(em: EntityManager, viewer: Viewer, correlation: CorrelationSettings, listCap: number): Loaders {
  // Attributes of events the caller already holds (and may see), under the same access rule as every list
  // read (attributesOfEvents). A batch of events is one plain read when their pages hold all their attributes; else
  // each event's page is cut in SQL (row_number per event), so an event with 100,000 attributes costs
  // one page, not 100,000 rows.
  const sql = em as SqlEntityManager;
  /**
   * "an attribute of one of the events `ids`", with the ids bounding the joined events as well
   * (`event.id`, under the event's own visibility so that the ORM joins rather than reads the foreign
   * key): the visibility join then has a range on both tables. With only `a.event_id in (…)`, MariaDB
   * with stale index statistics (right after a bulk load) started from every visible event and probed
   * attributes for each: 2-3x the time of the plain attribute read.
   */
  const ofEvents = (ids: number[]) => ({ $and: [{ event: { $in: ids } }, { event: { ...eventVisibilityFilter(viewer), id: { $in: ids } } }] });
  /**
   * The viewer's attributes of `events`. Events read whole in this request (a page, `event(id)`, a
   * mutation's answer) carry their visibility facts, read under the event visibility: each event's part
   * of the rule is decided by them (attributesOfEventsFilter), and the read needs no join to events
   * (on MariaDB the join took a fifth of the 5,000-row read of bench:read). Events known by id only go
   * through the visibility join.
   */
  const attributesOfEvents = (events: readonly Event[], includeDeleted: boolean) =>
    events.every((e) => isEventRead(e))
      ? attributesOfEventsFilter(viewer, events.map((e) => ({ id: e.id, access: eventAccessOf(e) })), { includeDeleted })
      : { $and: [attributeVisibilityFilter(viewer, { includeDeleted }), ofEvents(events.map((e) => e.id))] };
  const attributeLoader = ({ includeDeleted, columns, first, after }: AttributePageOptions) =>
    new DataLoader<Event, Attribute[], number>(
      async (events) => {
        // `after` is an attribute the caller may see (deleted ones too where the caller may see those: a
        // page's last attribute deleted meanwhile still continues the listing).
        const [from] =
          after === null
            ? [null]
            : await findAttributeViews(
                em,
                { $and: [attributeVisibilityFilter(viewer, { includeDeleted: true }), { uuid: after.toLowerCase() }] },
                { orderBy: { id: 'asc' }, columns: ['id', 'event'] },
              );
        const wrongCursor = (e: Event) => after !== null && from?.event.id !== e.id;
        const listed = events.filter((e) => !wrongCursor(e));
        const ids = listed.map((e) => e.id);
        const visible = () => ({ $and: [attributesOfEvents(listed, includeDeleted), from ? { id: { $gt: from.id } } : {}] });
        // Usually every event has at most `first` attributes: one plain read of them all, in event and id
        // order, bounded by what the pages could hold (`ids × first`, plus one to tell "more"). Only when
        // that many arrive (some event may be longer, and may have crowded others out) is each event's page
        // cut in SQL instead.
        const bound = ids.length * first + 1;
        // `visible` is the viewer's attribute visibility.
        const plain = ids.length ? await findAttributeViews(em, visible() as never, { orderBy: { event: 'asc', id: 'asc' }, columns, visibilityApplied: true, limit: bound }) : [];
        let rows = plain;
        if (plain.length >= bound) {
          const ranked = sql
            .createQueryBuilder(Attribute, 'r')
            .select(['r.id', raw(`row_number() over (partition by r.${columnOf(em, Attribute, 'event')} order by r.id) as rn`)])
            .where(visible() as never);
          const page = sql.getKnex().select('ranked.id').from(ranked.getKnexQuery().as('ranked')).where('ranked.rn', '<=', first);
          // `page` is the ranked read above, already under the viewer's attribute visibility; the rows by id
          // need no second join to events.
          rows = await findAttributeViews(em, { id: { $in: page } } as never, { orderBy: { event: 'asc', id: 'asc' }, columns, visibilityApplied: true });
        }
        const byEvent = new Map<number, Attribute[]>();
        for (const a of rows) {
          const list = byEvent.get(a.event.id);
          if (!list) byEvent.set(a.event.id, [a]);
          else if (list.length < first) list.push(a);
        }
        return events.map((e) =>
          wrongCursor(e) ? badInput(`Invalid cursor after="${after}": not an attribute of event ${e.uuid} that you may see`) : (byEvent.get(e.id) ?? []),
        );
      },
      { cacheKeyFn: (e) => e.id },
    );
  const attributeCounter = (includeDeleted: boolean) =>
    new DataLoader<Event, number, number>(
      async (events) => {
        const rows = (await sql
          .createQueryBuilder(Attribute, 'c')
          .select([raw(`c.${columnOf(em, Attribute, 'event')} as event_ref`), raw('count(*) as n')])
          .where(attributesOfEvents(events, includeDeleted) as never)
          .groupBy(raw(`c.${columnOf(em, Attribute, 'event')}`))
          .execute('all', true)) as unknown as Array<{ event_ref: number | string; n: number | string }>;
        const counts = new Map(rows.map((r) => [Number(r.event_ref), Number(r.n)]));
        return events.map((e) => counts.get(e.id) ?? 0);
      },
      { cacheKeyFn: (e) => e.id },
    );
  const event = once(() => byId((ids) => em.find(Event, { $and: [{ id: { $in: ids } }, eventVisibilityFilter(viewer)] })));
  /**
   * At most `cap` rows of `entity` per value of `partition`, oldest first, among those matching `where`
   * (which must carry the viewer's visibility: a QueryBuilder read is not narrowed by the ORM filter),
   * as an id sub-query for an ORM read: one statement per batch, each parent's list cut in SQL.
   */
  const ranked = <T extends object>(entity: new () => T, partition: keyof T & string, where: Record<string, unknown>) => {
    const qb = sql
      .createQueryBuilder(entity, 'r')
      .select(['r.id', raw(`row_number() over (partition by r.${columnOf(em, entity, partition)} order by r.id) as rn`)])
      .where(where as never);
    const { sql: text, bindings } = sql.getKnex().select('ranked.id').from(qb.getKnexQuery().as('ranked')).where('ranked.rn', '<=', cap).toSQL();
    return sql.getKnex().raw(text, [...bindings]);
  };
  const cap = listCap;
  /** Uuids of the attributes of `eventIds` the viewer may see (live ones): proposals about others are left out. */
  const visibleAttributeUuids = (cond: Record<string, unknown>) => {
    const { sql: text, bindings } = sql
      .createQueryBuilder(Attribute, 'va')
      .select('va.uuid')
      .where({ $and: [attributeVisibilityFilter(viewer), cond] } as never)
      .getKnexQuery()
      .toSQL();
    return sql.getKnex().raw(text, [...bindings]);
  };
  const openProposals = (parent: Record<string, unknown>, attributes: Record<string, unknown>) => ({
    $and: [
      proposalVisibilityFilter(viewer),
      parent,
      { deleted: false },
      { $or: [{ attributeUuid: null }, { attributeUuid: { $in: visibleAttributeUuids(attributes) } }] },
    ],
  });
  const eventProposals = () =>
    groupBy(
      (p: Proposal) => p.event.id,
      (ids) =>
        em.find(Proposal, { id: { $in: ranked(Proposal, 'event', openProposals({ event: { $in: ids } }, { event: { $in: ids } })) } } as never, {
          orderBy: { id: 'asc' },
        }),
    );
  const attributeProposals = () => new DataLoader<number, Proposal[]>(async (ids) => {
    const attributes = await em.find(Attribute, { id: { $in: [...ids] } }, { fields: ['id', 'uuid'] });
    const uuidOf = new Map(attributes.map((a) => [a.id, a.uuid]));
    const uuids = [...uuidOf.values()];
    const rows = uuids.length
      ? await em.find(Proposal, { id: { $in: ranked(Proposal, 'attributeUuid', openProposals({ attributeUuid: { $in: uuids } }, { uuid: { $in: uuids } })) } } as never, {
          orderBy: { id: 'asc' },
        })
      : [];
    return ids.map((id) => rows.filter((p) => p.attributeUuid === uuidOf.get(id)));
  });
  // Each loader (and each per-option-set map of them) is made when a resolver first asks for it (most
  // requests use two or three).
  // The object module's makers are spread last: in V8 (Node 20) every property written after a spread
  // goes through the slow path (measured: this literal cost 20 us per request with the spread first,
  // 0.2 us with it last).
  return requestLoaders({
    organisation: () => byId((ids) => em.find(Organisation, { id: { $in: ids } })),
    event,
    correlations: () => correlationLoader(em, viewer, correlation, event),
    relatedEvents: () => relatedEventsLoader(em, viewer, correlation),
    sharingGroup: () =>
      byId((ids) => em.find(SharingGroup, { $and: [{ id: { $in: ids } }, sharingGroupVisibilityFilter(viewer)] })),
    attributesOf: () => perKey((o: AttributePageOptions) => JSON.stringify([o.includeDeleted, o.columns, o.first, o.after]), attributeLoader),
    attributeCount: () => perKey((includeDeleted: boolean) => includeDeleted, attributeCounter),
    eventTags: () =>
      groupBy(
        (t) => t.event.id,
        (ids) => em.find(EventTag, { event: { $in: ids } }, { populate: ['tag'], orderBy: { id: 'asc' } }),
      ),
    attributeTags: () =>
      groupBy(
        (t) => t.attribute.id,
        (ids) => em.find(AttributeTag, { attribute: { $in: ids } }, { populate: ['tag'], orderBy: { id: 'asc' } }),
      ),
    sharingGroupOrgs: () =>
      groupBy(
        (m) => m.sharingGroup.id,
        (ids) => em.find(SharingGroupOrg, { sharingGroup: { $in: ids } }, { orderBy: { id: 'asc' } }),
      ),
    sharingGroupServers: () =>
      groupBy(
        (m) => m.sharingGroup.id,
        (ids) => em.find(SharingGroupServer, { sharingGroup: { $in: ids } }, { orderBy: { id: 'asc' } }),
      ),
    sightingSummary: () => new DataLoader<number, SightingCounts>((ids) => sightingSummaries(em, viewer, ids)),
    eventReports: () =>
      groupBy(
        (r: EventReport) => r.event.id,
        (ids) =>
          em.find(
            EventReport,
            { id: { $in: ranked(EventReport, 'event', { $and: [objectVisibilityFilter(viewer), { event: { $in: ids } }, { deleted: false }] }) } } as never,
            { orderBy: { id: 'asc' } },
          ),
      ),
    eventProposals,
    attributeProposals,
    // Clusters are reference data (no visibility of their own): the caller reached them through a tag it sees.
    galaxyClustersByTag: () =>
      new DataLoader<string, GalaxyCluster[]>(async (names) => {
        const rows = await em.find(GalaxyCluster, { tagName: { $in: [...new Set(names)] } }, { orderBy: { id: 'asc' } });
        return names.map((n) => rows.filter((c) => c.tagName === n));
      }),
    ...objectLoaderMakers(em, viewer),
  });
}
