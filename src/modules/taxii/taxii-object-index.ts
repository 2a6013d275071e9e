/**
 * The index behind `GET …/objects/{id}/` for ids that cannot be read back to their source: a
 * Cyber-observable's id is a UUIDv5 of its value (STIX §2.9), an attribute–cluster relationship's a UUIDv5
 * of its ends. Both are pure functions of stored rows (the attribute's type and value, the clusters of its
 * galaxy tags), so the table is a *cache* of that mapping, filled where the mapping is computed: when the
 * TAXII server maps attributes for a page (taxii-sources.expandAttributes). It is not moved to the write
 * side because no write path sees the whole input (a value edit, a tag attached, a cluster imported later
 * each change it) and a stale or missing row is harmless: `locate` re-maps the attribute it names, under
 * the reader's own rules, and an id it cannot find is absent.
 *
 * Why a reader's GET may write here, and why that cannot be amplified:
 * - idempotent: a row is a fact about stored data (this attribute produces this id), the same whoever
 *   reads; (stixId, attribute) is unique and the insert ignores conflicts;
 * - bounded by the data, not by requests: rows ≤ the distinct (id, attribute) pairs of the attributes
 *   mapped; each pair is written once, ever; a page that maps only known pairs writes nothing (one indexed
 *   read) — repeating a GET, or paging the collection again, adds no row and sends no INSERT;
 * - bounded per request: only the attributes of the page being served (at most its limit of sources);
 * - grants nothing: a row only names an attribute to look at, which is then read under the reader's rules;
 * - never fails a read: a failed write is logged and the page is served.
 * Rows go with their attribute (ON DELETE CASCADE).
 */
import { EntityManager } from '@mikro-orm/core';
import { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { Logger } from '../../shared/logger';
import { TaxiiObjectIndex } from './taxii-object-index.entity';

export interface ProducedId {
  stixId: string;
  attribute: number;
}

const INSERT_CHUNK = 500;

/** Records the pairs not yet known (see the contract above); never throws. */
export async function rememberProducers(em: EntityManager, logger: Pick<Logger, 'warn'>, produced: readonly ProducedId[]): Promise<void> {
  if (!produced.length) return;
  const fresh = new Map(produced.map((x) => [`${x.stixId} ${x.attribute}`, x]));
  try {
    const own = em.fork({ clear: true, useContext: false }) as SqlEntityManager;
    const known = await own.find(
      TaxiiObjectIndex,
      { stixId: { $in: [...new Set(produced.map((x) => x.stixId))] }, attribute: { $in: [...new Set(produced.map((x) => x.attribute))] } },
      { fields: ['stixId', 'attribute'] },
    );
    for (const k of known) fresh.delete(`${k.stixId} ${k.attribute.id}`);
    const rows = [...fresh.values()];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await own.createQueryBuilder(TaxiiObjectIndex).insert(rows.slice(i, i + INSERT_CHUNK)).onConflict(['stixId', 'attribute']).ignore().execute();
    }
  } catch (err) {
    logger.warn({ err }, 'TAXII: could not record object ids for lookups');
  }
}

/** Local ids of the attributes recorded as producing `stixId` (at most `limit`, oldest rows first). */
export async function producersOf(em: EntityManager, stixId: string, limit = 20): Promise<number[]> {
  const rows = await em.find(TaxiiObjectIndex, { stixId }, { fields: ['attribute'], orderBy: { id: 'asc' }, limit });
  return rows.map((x) => x.attribute.id);
}
