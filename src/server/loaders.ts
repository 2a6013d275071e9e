import { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import {
  canSeeAttribute,
  eventVisibilityFilter,
  sharingGroupVisibilityFilter,
  Viewer,
} from '../auth/policy';
import { Attribute } from '../modules/attribute/attribute.entity';
import { AttributeViewColumn, findAttributeViews } from '../modules/attribute/attribute.views';
import { Event } from '../modules/event/event.entity';
import { correlationLoader, CorrelationSettings, relatedEventsLoader } from '../modules/attribute/correlation';
import { Loaders, SightingCounts } from '../graphql/loaders';
import { eventAccessOf } from '../auth/change-access';
import { Organisation } from '../modules/organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';
import { AttributeTag, EventTag } from '../modules/tag/tag.entity';
import { sightingSummaries } from '../modules/sighting/sighting.service';

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


export function createLoaders(em: EntityManager, viewer: Viewer, correlation: CorrelationSettings): Loaders {
  // Attributes of events the caller already holds (and may see): fetched by event id without joining
  // events again, then filtered with the same pure policy function every read path uses.
  const attributeLoaders = new Map<string, DataLoader<Event, Attribute[], number>>();
  const attributeLoader = (includeDeleted: boolean, columns: readonly AttributeViewColumn[]) =>
    new DataLoader<Event, Attribute[], number>(
      async (events) => {
        const rows = await findAttributeViews(
          em,
          { event: { $in: events.map((e) => e.id) }, ...(includeDeleted ? {} : { deleted: false }) },
          { orderBy: { event: 'asc', id: 'asc' }, columns }, // (event, id) order lets the (event, deleted) index serve it
        );
        const byEvent = new Map<number, Attribute[]>();
        for (const a of rows) {
          const list = byEvent.get(a.event.id);
          if (list) list.push(a);
          else byEvent.set(a.event.id, [a]);
        }
        return events.map((e) => {
          const access = eventAccessOf(e);
          return (byEvent.get(e.id) ?? []).filter((a) =>
            canSeeAttribute(viewer, access, { distribution: a.distribution, sharingGroupId: a.sharingGroup?.id ?? null, deleted: a.deleted }, { includeDeleted }),
          );
        });
      },
      { cacheKeyFn: (e) => e.id },
    );
  const event = byId((ids) => em.find(Event, { $and: [{ id: { $in: ids } }, eventVisibilityFilter(viewer)] }));
  return {
    organisation: byId((ids) => em.find(Organisation, { id: { $in: ids } })),
    event,
    correlations: correlationLoader(em, viewer, correlation, event),
    relatedEvents: relatedEventsLoader(em, viewer, correlation),
    sharingGroup: byId((ids) =>
      em.find(SharingGroup, { $and: [{ id: { $in: ids } }, sharingGroupVisibilityFilter(viewer)] }),
    ),
    attributesOf: ({ includeDeleted, columns }) => {
      const key = `${includeDeleted}:${columns.join(',')}`;
      let loader = attributeLoaders.get(key);
      if (!loader) attributeLoaders.set(key, (loader = attributeLoader(includeDeleted, columns)));
      return loader;
    },
    eventTags: groupBy(
      (t) => t.event.id,
      (ids) => em.find(EventTag, { event: { $in: ids } }, { populate: ['tag'], orderBy: { id: 'asc' } }),
    ),
    attributeTags: groupBy(
      (t) => t.attribute.id,
      (ids) => em.find(AttributeTag, { attribute: { $in: ids } }, { populate: ['tag'], orderBy: { id: 'asc' } }),
    ),
    sharingGroupOrgs: groupBy(
      (m) => m.sharingGroup.id,
      (ids) => em.find(SharingGroupOrg, { sharingGroup: { $in: ids } }, { orderBy: { id: 'asc' } }),
    ),
    sharingGroupServers: groupBy(
      (m) => m.sharingGroup.id,
      (ids) => em.find(SharingGroupServer, { sharingGroup: { $in: ids } }, { orderBy: { id: 'asc' } }),
    ),
    sightingSummary: new DataLoader<number, SightingCounts>((ids) => sightingSummaries(em, viewer, ids)),
  };
}
