import { EntityManager } from '@mikro-orm/core';
import { HubSetting } from './hub-setting.entity';

/**
 * A lease row in hub_settings (`lease:<name>` = `<owner>|<expires ms>`): the database lock that lets one
 * replica at a time run a job, on SQLite and MySQL alike. Compare-and-set updates make taking it atomic;
 * a crashed holder's lease simply expires.
 */
export async function tryLease(em: EntityManager, name: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const key = `lease:${name}`;
  const value = `${owner}|${now + ttlMs}`;
  const row = await em.fork().findOne(HubSetting, { name: key });
  if (!row) {
    try {
      await em.fork().insert(HubSetting, { name: key, value });
      return true;
    } catch {
      return false; // another replica inserted it first
    }
  }
  const [holder, expires] = row.value.split('|');
  if (holder !== owner && Number(expires) > now) return false;
  const changed = await em.fork().nativeUpdate(HubSetting, { name: key, value: row.value }, { value });
  return changed === 1;
}

export async function releaseLease(em: EntityManager, name: string, owner: string): Promise<void> {
  const key = `lease:${name}`;
  const row = await em.fork().findOne(HubSetting, { name: key });
  if (row && row.value.startsWith(`${owner}|`)) await em.fork().nativeDelete(HubSetting, { name: key, value: row.value });
}
