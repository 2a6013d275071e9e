import { objectVisibilityFilter } from '../../auth/policy';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { MispObject } from '../object/object.entity';
import { clustersOf, visibleReferences } from './export-misp-event';
import { ExportTag, toExportAttribute } from './export-source';
import { EventExtras, ExtraObjectPage } from './export-writer';
import { attributeToStix } from './stix/stix-attribute';
import { StixClusterInput } from './stix/stix-galaxy';
import { mispObjectToStix } from './stix/stix-object';

/**
 * What an event-describing export (STIX) needs beyond the attribute stream, read in bounded pieces:
 * - per chunk, the galaxy clusters its tags (and its event's) carry (`chunkExtras`): clusters are global
 *   reference data; the writer shows one only where a written event or attribute carries its tag, so a
 *   hidden attribute's cluster stays hidden;
 * - after an event's last chunk, its MISP objects by pages (`eventObjectPages`, OBJECT_PAGE objects at a
 *   time, like the MISP JSON export's export-misp-event.ts), each with its attributes that are in the
 *   export, and their references whose target is in the export too (with the target's main STIX id).
 * Reads are under the viewer's rules: objects by policy.objectVisibilityFilter, attributes by the
 * export's `where` (which starts with policy.attributeVisibilityFilter), references by visibleReferences
 * (a target on this hub the reader may not see is left out).
 */
type Where = Record<string, unknown>;

const OBJECT_PAGE = 50;

export async function chunkExtras(scope: Scope, tags: readonly ExportTag[]): Promise<EventExtras> {
  const em = scope.em.fork({ clear: true, useContext: false });
  const clusters = new Map<string, StixClusterInput[]>();
  for (const c of await clustersOf(em, tags)) clusters.set(c.tagName, [...(clusters.get(c.tagName) ?? []), clusterInputOf(c)]);
  return { clusters };
}

/** The event's visible, live objects with an attribute in the export, OBJECT_PAGE at a time. */
export async function* eventObjectPages(scope: Scope, eventId: number, where: readonly Where[]): AsyncGenerator<ExtraObjectPage> {
  for (let after = 0; ; ) {
    const em = scope.em.fork({ clear: true, useContext: false });
    const objects = await em.find(MispObject, { $and: [objectVisibilityFilter(scope.viewer), { event: eventId }, { deleted: false }, { id: { $gt: after } }] } as never, {
      orderBy: { id: 'asc' },
      limit: OBJECT_PAGE,
    });
    if (!objects.length) return;
    after = objects[objects.length - 1].id;
    // A page of objects reads their attributes together (objects hold tens of attributes, not thousands).
    const attributes = await em.find(Attribute, { $and: [...where, { object: { $in: objects.map((o) => o.id) } }] } as never, { orderBy: { id: 'asc' } });
    const attrsOf = new Map<number, Attribute[]>();
    for (const a of attributes) attrsOf.set(a.object!.id, [...(attrsOf.get(a.object!.id) ?? []), a]);
    const kept = objects.filter((o) => attrsOf.has(o.id));
    const refs = kept.length ? await visibleReferences(em, kept.map((o) => o.id)) : new Map();
    const targets = await mainIds(scope, eventId, where, [...new Set([...refs.values()].flat().map((r: { targetUuid: string }) => r.targetUuid.toLowerCase()))]);
    const page: ExtraObjectPage = {
      objects: kept.map((o) => ({ ...objectFields(o), attributes: attrsOf.get(o.id)!.map((a) => toExportAttribute(a, [])) })),
      references: [],
    };
    for (const o of kept) {
      for (const r of (refs.get(o.id) ?? []) as Array<{ uuid: string; targetUuid: string; relationshipType: string; comment?: string | null; timestamp: Date }>) {
        const targetMainId = targets.get(r.targetUuid.toLowerCase());
        if (targetMainId) page.references.push({ uuid: r.uuid, sourceUuid: o.uuid.toLowerCase(), targetMainId, relationshipType: r.relationshipType, comment: r.comment ?? null, timestamp: r.timestamp });
      }
    }
    yield page;
    if (objects.length < OBJECT_PAGE) return;
  }
}

const objectFields = (o: MispObject) => ({ uuid: o.uuid, name: o.name, metaCategory: o.metaCategory, comment: o.comment ?? null, timestamp: o.timestamp, firstSeen: o.firstSeen ?? null, lastSeen: o.lastSeen ?? null });

/** Main STIX ids of reference targets that are in the export: attributes, or objects with an attribute in it. */
async function mainIds(scope: Scope, eventId: number, where: readonly Where[], uuids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!uuids.length) return out;
  const em = scope.em.fork({ clear: true, useContext: false });
  const ctx = { createdByRef: 'identity--00000000-0000-4000-8000-000000000000', markingRefs: [] };
  const attributes = await em.find(Attribute, { $and: [...where, { event: eventId }, { uuid: { $in: uuids } }] } as never, { orderBy: { id: 'asc' } });
  for (const a of attributes) out.set(a.uuid.toLowerCase(), attributeToStix(toExportAttribute(a, []), ctx).main.id);
  const objects = await em.find(MispObject, { $and: [objectVisibilityFilter(scope.viewer), { event: eventId }, { deleted: false }, { uuid: { $in: uuids } }] } as never, { orderBy: { id: 'asc' } });
  if (objects.length) {
    const inner = await em.find(Attribute, { $and: [...where, { object: { $in: objects.map((o) => o.id) } }] } as never, { orderBy: { id: 'asc' } });
    for (const o of objects) {
      const own = inner.filter((a) => a.object!.id === o.id);
      if (own.length) out.set(o.uuid.toLowerCase(), mispObjectToStix({ ...objectFields(o), attributes: own.map((a) => toExportAttribute(a, [])) }, ctx).main.id);
    }
  }
  return out;
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
