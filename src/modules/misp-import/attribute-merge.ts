/** The per-attribute merge rule of an incoming event (peers and MISP feeds alike): newer wins. */

export interface AttributeMergePlan {
  /** Incoming uuids unknown in the existing event (tombstones included: the receiver stores them deleted). */
  readonly create: string[];
  /** Incoming uuids strictly newer than the existing attribute (a newer tombstone deletes it). */
  readonly update: string[];
  /** Incoming uuids equal or older than the existing attribute. */
  readonly ignore: string[];
}

/**
 * Per-attribute newer-wins merge of an incoming event into the existing copy. Uuids are compared and
 * returned lower-case; an incoming uuid listed twice counts once, at its newest timestamp. Existing
 * attributes absent from the incoming list are left alone (absence is not deletion: deletions arrive as
 * tombstones).
 */
export function mergeAttributes(
  existing: readonly { uuid: string; timestamp: number }[],
  incoming: readonly { uuid: string; timestamp: number }[],
): AttributeMergePlan {
  const have = new Map<string, number>();
  for (const a of existing) {
    const k = a.uuid.toLowerCase();
    have.set(k, Math.max(a.timestamp, have.get(k) ?? -Infinity));
  }
  const newest = new Map<string, number>();
  for (const a of incoming) {
    const k = a.uuid.toLowerCase();
    newest.set(k, Math.max(a.timestamp, newest.get(k) ?? -Infinity));
  }
  const plan: AttributeMergePlan = { create: [], update: [], ignore: [] };
  for (const [uuid, ts] of newest) {
    const current = have.get(uuid);
    if (current === undefined) plan.create.push(uuid);
    else if (ts > current) plan.update.push(uuid);
    else plan.ignore.push(uuid);
  }
  return plan;
}
