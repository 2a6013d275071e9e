import { objectVisibilityFilter } from '../../auth/policy';
import { Scope } from '../../graphql/scope';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { MispObject } from '../object/object.entity';
import { AttributeTag } from '../tag/tag.entity';
import { clustersOf, visibleReferences } from './export-misp-event';
import { ExportEvent } from './export-source';
import { EventExtras } from './export-writer';
import { StixClusterInput } from './stix/stix-galaxy';

/**
 * What an event-describing export (STIX) needs beyond the attribute stream: the event's MISP objects,
 * their references and the galaxy clusters its tags can carry. Reads reuse the MISP JSON export's
 * (export-misp-event.ts) under the viewer's rules: objects by policy.objectVisibilityFilter, references
 * by visibleReferences (a target on this hub the reader may not see is left out). Clusters are global
 * reference data read for every galaxy tag used in the event; the writer shows a cluster only where a
 * visible event or attribute it writes carries the tag, so a hidden attribute's cluster stays hidden.
 */
const GALAXY_PREFIX = 'misp-galaxy:';

export async function loadEventExtras(scope: Scope, event: ExportEvent): Promise<EventExtras> {
  const em = scope.em.fork({ clear: true, useContext: false });
  const objects = await em.find(MispObject, { $and: [objectVisibilityFilter(scope.viewer), { event: event.id }, { deleted: false }] } as never, { orderBy: { id: 'asc' } });
  const [refs, links] = await Promise.all([
    objects.length ? visibleReferences(em, objects.map((o) => o.id)) : Promise.resolve(new Map()),
    em.find(AttributeTag, { attribute: { event: event.id }, local: false, tag: { exportable: true, name: { $like: `${GALAXY_PREFIX}%` } } }, { populate: ['tag'] }),
  ]);
  const tags = [...event.tags, ...links.map((l) => ({ name: l.tag.name, colour: l.tag.colour }))];
  const clusters = new Map<string, StixClusterInput[]>();
  for (const c of await clustersOf(em, tags)) {
    const input = clusterInputOf(c);
    clusters.set(c.tagName, [...(clusters.get(c.tagName) ?? []), input]);
  }
  const byId = new Map(objects.map((o) => [o.id, o.uuid.toLowerCase()]));
  return {
    objects: new Map(
      objects.map((o) => [
        o.uuid.toLowerCase(),
        { uuid: o.uuid, name: o.name, metaCategory: o.metaCategory, comment: o.comment ?? null, timestamp: o.timestamp, firstSeen: o.firstSeen ?? null, lastSeen: o.lastSeen ?? null },
      ]),
    ),
    references: [...refs.entries()].flatMap(([objectId, list]) =>
      (list as Array<{ uuid: string; targetUuid: string; relationshipType: string; comment?: string | null; timestamp: Date }>).map((r) => ({
        uuid: r.uuid,
        sourceUuid: byId.get(objectId)!,
        targetUuid: r.targetUuid.toLowerCase(),
        relationshipType: r.relationshipType,
        comment: r.comment ?? null,
        timestamp: r.timestamp,
      })),
    ),
    clusters,
  };
}

/** A stored galaxy cluster as the STIX mapping reads it. */
export function clusterInputOf(c: GalaxyCluster): StixClusterInput {
  const galaxy = parseJson(c.galaxy);
  const data = parseJson(c.data);
  return {
    uuid: c.uuid,
    tagName: c.tagName,
    type: c.type,
    value: c.value,
    description: c.description ?? null,
    galaxy: { name: str(galaxy.name), type: str(galaxy.type), namespace: str(galaxy.namespace) },
    meta: (data.meta && typeof data.meta === 'object' ? data.meta : {}) as Record<string, unknown>,
    createdAt: c.createdAt,
  };
}

const parseJson = (s: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
