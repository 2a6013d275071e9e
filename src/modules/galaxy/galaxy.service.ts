import { EntityManager } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import { onSqlite } from '../../db/dialect';
import { likePattern } from '../../db/query-helpers';
import { decodeCursor, Page, pageSize, toPage } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { notFound } from '../../shared/errors';
import type { SyncGalaxyClusterWire } from '../misp-import/wire.types';
import { findOrCreateTags } from '../tag/tag.service';
import { GalaxyCluster } from './galaxy-cluster.entity';
import { GalaxyClusterFilter } from './galaxy.inputs';
import { clusterView, GalaxyClusterView } from './galaxy.types';

/**
 * Galaxy clusters: MISP's reference data (threat actors, malware families, techniques …). Not shared
 * data in the sense of DESIGN §4 — no owner, no distribution — so, like tag names, every authenticated
 * user may browse them; an event or attribute shows a cluster only where it carries the cluster's tag
 * (under that tag's visibility, see the loaders).
 */

export async function getGalaxyCluster(scope: Scope, uuid: string): Promise<GalaxyClusterView> {
  requireActor(scope);
  const c = await scope.em.findOne(GalaxyCluster, { uuid: String(uuid).toLowerCase() });
  if (!c) throw notFound('Galaxy cluster', uuid);
  return clusterView(c);
}

export async function listGalaxyClusters(
  scope: Scope,
  f: GalaxyClusterFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<GalaxyClusterView>> {
  requireActor(scope);
  const limit = pageSize(first, scope.config.defaultPageSize, scope.config.maxPageSize);
  const afterId = decodeCursor('galaxyCluster', after);
  const sqlite = onSqlite(scope.em);
  const where: Record<string, unknown>[] = [];
  if (f?.type?.length) where.push({ type: { $in: f.type } });
  if (f?.value != null) where.push(f.value.includes('%') ? { value: { $like: likePattern(f.value, { sqlite }) } } : { value: f.value });
  // The galaxy is stored as compact JSON (upsertClusters writes it so): its name is the text `"name":"…"`.
  if (f?.galaxyName != null) where.push({ galaxy: { $like: `%${escapeLike(`"name":${JSON.stringify(f.galaxyName)}`, sqlite)}%` } });
  const rows = await scope.em.find(GalaxyCluster, { $and: afterId === null ? where : [...where, { id: { $gt: afterId } }] }, {
    orderBy: { id: 'asc' },
    limit: limit + 1,
  });
  const page = await toPage('galaxyCluster', rows, limit, () => scope.em.count(GalaxyCluster, { $and: where }), { firstPage: afterId === null });
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: clusterView(e.node) })) };
}

/** Every LIKE metacharacter literal (MariaDB's default escape `\`; SQLite has none: `_`/`%` stay wide, never a miss). */
const escapeLike = (text: string, sqlite: boolean) => (sqlite ? text : text.replace(/[\\%_]/g, (c) => `\\${c}`));

/** What upsertClusters did, per cluster uuid; `refused` names each cluster left out and why. */
export interface UpsertClustersResult {
  created: number;
  updated: number;
  /** Already stored at the same or a newer version. */
  unchanged: number;
  refused: Array<{ id: string; tagName: string; reason: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The identity of a cluster: its uuid; a cluster exported without one (old MISP versions export
 * `"uuid": ""`) gets a name-based uuid (SHA-1 of its tag name, RFC 4122 version 5 layout), so that the
 * same cluster imported twice is one row.
 */
export function clusterUuidOf(w: Pick<SyncGalaxyClusterWire, 'id' | 'tagName'>): string {
  if (w.id && UUID.test(w.id)) return w.id.toLowerCase();
  const h = createHash('sha1').update(`misp-galaxy-cluster:${w.tagName.trim()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const versionOf = (v: string | null | undefined): bigint | null => (v != null && /^\d{1,18}$/.test(String(v).trim()) ? BigInt(String(v).trim()) : null);

/** A newer version replaces: a version where there was none, or a greater one. */
const isNewer = (incoming: bigint | null, stored: bigint | null) => incoming !== null && (stored === null || incoming > stored);

function parseObject(text: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

/**
 * Stores galaxy clusters as MISP exports them (the import, feed and sync paths call this inside their
 * write transaction): identity by uuid (clusterUuidOf), a newer `version` replaces the stored copy, an
 * equal or older one changes nothing; each cluster's tag exists afterwards (created when new). A
 * malformed cluster (no tag name, `galaxy`/`data` not JSON objects, no type or value) is left out and
 * listed in `refused`; the others are stored. Flushes `em`.
 */
export async function upsertClusters(em: EntityManager, wires: readonly SyncGalaxyClusterWire[]): Promise<UpsertClustersResult> {
  const result: UpsertClustersResult = { created: 0, updated: 0, unchanged: 0, refused: [] };
  const valid = new Map<string, { uuid: string; tagName: string; type: string; value: string; description: string | null; galaxy: string; data: string; version: bigint | null }>();
  for (const w of wires) {
    const tagName = String(w.tagName ?? '').trim();
    try {
      if (!tagName || tagName.length > 255) throw new Error(`tag name "${tagName.slice(0, 100)}": expected 1 to 255 characters`);
      const galaxy = parseObject(w.galaxy, 'galaxy');
      const data = parseObject(w.data, 'data');
      const type = typeof data.type === 'string' && data.type ? data.type : typeof galaxy.type === 'string' ? galaxy.type : '';
      const value = typeof data.value === 'string' ? data.value : '';
      if (!type || type.length > 255) throw new Error('the cluster has no type (data.type or galaxy.type)');
      if (!value) throw new Error('the cluster has no value (data.value)');
      const uuid = clusterUuidOf({ id: w.id, tagName });
      const next = { uuid, tagName, type, value, description: typeof data.description === 'string' ? data.description : null, galaxy: JSON.stringify(galaxy), data: JSON.stringify(data), version: versionOf(w.version) };
      const seen = valid.get(uuid);
      // The same cluster twice in one call (two events of a file): the newest version, else the first.
      if (!seen || isNewer(next.version, seen.version)) valid.set(uuid, next);
    } catch (e) {
      result.refused.push({ id: String(w.id ?? ''), tagName, reason: (e as Error).message });
    }
  }
  if (!valid.size) return result;
  const stored = new Map<string, GalaxyCluster>();
  const uuids = [...valid.keys()];
  for (let i = 0; i < uuids.length; i += 500) {
    for (const c of await em.find(GalaxyCluster, { uuid: { $in: uuids.slice(i, i + 500) } })) stored.set(c.uuid, c);
  }
  for (const w of valid.values()) {
    const fields = { tagName: w.tagName, type: w.type, value: w.value, description: w.description, galaxy: w.galaxy, data: w.data, version: w.version?.toString() ?? null };
    const old = stored.get(w.uuid);
    if (!old) {
      em.create(GalaxyCluster, { uuid: w.uuid, ...fields } as GalaxyCluster);
      result.created++;
    } else if (isNewer(w.version, versionOf(old.version))) {
      Object.assign(old, fields);
      result.updated++;
    } else result.unchanged++;
  }
  await findOrCreateTags(em, [...new Set([...valid.values()].map((w) => w.tagName))]);
  await em.flush();
  return result;
}
