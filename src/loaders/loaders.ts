import { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import {
  attributeVisibilityFilter,
  eventVisibilityFilter,
  sharingGroupVisibilityFilter,
  Viewer,
} from '../auth/policy';
import { Attribute } from '../modules/attribute/attribute.entity';
import { Event } from '../modules/event/event.entity';
import { Organisation } from '../modules/organisation/organisation.entity';
import { SharingGroup, SharingGroupOrg, SharingGroupServer } from '../modules/sharing-group/sharing-group.entity';
import { AttributeTag, EventTag } from '../modules/tag/tag.entity';

/**
 * Every DataLoader of one request (DESIGN §12.4). Each applies the viewer's visibility, so a field
 * resolver can never return what its caller may not see: an invisible event, attribute or sharing
 * group loads as null / is left out.
 */
export interface Loaders {
  organisation: DataLoader<number, Organisation | null>;
  event: DataLoader<number, Event | null>;
  sharingGroup: DataLoader<number, SharingGroup | null>;
  attributesByEvent: DataLoader<number, Attribute[]>;
  attributesByEventWithDeleted: DataLoader<number, Attribute[]>;
  eventTags: DataLoader<number, EventTag[]>;
  attributeTags: DataLoader<number, AttributeTag[]>;
  sharingGroupOrgs: DataLoader<number, SharingGroupOrg[]>;
  sharingGroupServers: DataLoader<number, SharingGroupServer[]>;
}

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

export function createLoaders(em: EntityManager, viewer: Viewer): Loaders {
  const attributesOf = (includeDeleted: boolean) =>
    groupBy<Attribute>(
      (a) => a.event.id,
      (ids) =>
        em.find(
          Attribute,
          { $and: [{ event: { $in: ids } }, attributeVisibilityFilter(viewer, { includeDeleted })] },
          { orderBy: { id: 'asc' } },
        ),
    );
  return {
    organisation: byId((ids) => em.find(Organisation, { id: { $in: ids } })),
    event: byId((ids) => em.find(Event, { $and: [{ id: { $in: ids } }, eventVisibilityFilter(viewer)] })),
    sharingGroup: byId((ids) =>
      em.find(SharingGroup, { $and: [{ id: { $in: ids } }, sharingGroupVisibilityFilter(viewer)] }),
    ),
    attributesByEvent: attributesOf(false),
    attributesByEventWithDeleted: attributesOf(true),
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
  };
}
