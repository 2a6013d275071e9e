/**
 * Galaxy clusters arriving with events (MISP JSON imports, MISP feeds, sync): global reference data by
 * uuid. A new cluster is stored; a stored one is replaced only by a newer MISP `version` (what MISP does
 * when it updates its galaxies), so an event carrying an old copy never rolls a cluster back.
 */
import { EntityManager } from '@mikro-orm/core';
import { GalaxyCluster } from '../galaxy/galaxy-cluster.entity';
import { clusterUuidOf } from '../feed/parsers/misp-event-parts';
import { isWireUuid } from './apply-objects';
import { SyncGalaxyClusterWire } from './wire.types';

type Json = Record<string, unknown>;

const parseObject = (text: string, what: string): Json => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what} is not a JSON object`);
  return v as Json;
};

/** The stored columns of a cluster as sent, or an error naming what cannot be stored. */
function columnsOf(w: SyncGalaxyClusterWire) {
  if (!isWireUuid(w.id)) throw new Error(`"${String(w.id).slice(0, 60)}" is not a uuid`);
  const tagName = w.tagName?.trim() ?? '';
  if (!tagName || tagName.length > 255) throw new Error('tag name must be 1–255 characters');
  if (w.version != null && !/^\d{1,18}$/.test(w.version)) throw new Error(`version "${String(w.version).slice(0, 30)}" is not a whole number`);
  const data = parseObject(w.data, 'data');
  const galaxy = parseObject(w.galaxy, 'galaxy');
  const type = String(data.type ?? galaxy.type ?? '').trim();
  if (!type || type.length > 255) throw new Error('type (of the cluster or its galaxy) must be 1–255 characters');
  if (typeof data.value !== 'string' || !data.value) throw new Error('the cluster has no value');
  const description = typeof data.description === 'string' ? data.description : null;
  return { tagName, type, value: data.value, description, galaxy: w.galaxy, data: w.data, version: w.version ?? null };
}

/**
 * Stores new clusters and newer versions of stored ones, in the caller's transaction. Returns the clusters
 * not stored (uuid and why); the others are stored or already current.
 */
export async function upsertClusters(em: EntityManager, wires: readonly SyncGalaxyClusterWire[]): Promise<Array<{ uuid: string; problem: string }>> {
  const refused: Array<{ uuid: string; problem: string }> = [];
  const valid = new Map<string, ReturnType<typeof columnsOf>>();
  for (const w of wires) {
    try {
      valid.set(w.id.toLowerCase(), columnsOf(w));
    } catch (e) {
      refused.push({ uuid: String(w.id), problem: (e as Error).message });
    }
  }
  if (!valid.size) return refused;
  const find = async (uuids: string[]) => new Map((await em.find(GalaxyCluster, { uuid: { $in: uuids } })).map((c) => [c.uuid, c]));
  let stored = await find([...valid.keys()]);
  // A uuid stored here for another tag is not this cluster's identity (older MISP exports reuse a
  // collection uuid across clusters, across events too): such a cluster is identified by its tag name.
  const clashing = [...valid].filter(([uuid, c]) => stored.has(uuid) && stored.get(uuid)!.tagName !== c.tagName);
  for (const [uuid, c] of clashing) {
    valid.delete(uuid);
    valid.set(clusterUuidOf(c.tagName), c);
  }
  if (clashing.length) stored = await find([...valid.keys()]);
  for (const [uuid, columns] of valid) {
    const current = stored.get(uuid);
    if (!current) em.create(GalaxyCluster, { uuid, ...columns } as GalaxyCluster);
    else if (columns.version !== null && (current.version === null || current.version === undefined || BigInt(columns.version) > BigInt(current.version))) {
      Object.assign(current, columns);
    }
  }
  await em.flush();
  return refused;
}
