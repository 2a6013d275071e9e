import { EntityManager } from '@mikro-orm/core';
import { Scope } from '../../graphql/scope';
import { ChangeKind, ChangeOp } from '../../shared/enums';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { Change } from './change.entity';

/**
 * Collects the change-log rows of one write. Rows are built from the entities' final state just before
 * the commit, so the visibility snapshot is what was committed.
 */
export class ChangeRecorder {
  private readonly pending: Array<() => Change> = [];
  constructor(private readonly clock: () => Date) {}

  /** `now`: snapshot the event as it is at this moment (e.g. just before it is removed). */
  event(op: ChangeOp, e: Event, opts: { now?: boolean } = {}): void {
    if (opts.now) {
      const row = this.row(ChangeKind.EVENT, op, e.uuid, e, null);
      this.pending.push(() => row);
    } else this.pending.push(() => this.row(ChangeKind.EVENT, op, e.uuid, e, null));
  }

  attribute(op: ChangeOp, a: Attribute, e: Event): void {
    this.pending.push(() => this.row(ChangeKind.ATTRIBUTE, op, a.uuid, e, a));
  }

  other(kind: ChangeKind, op: ChangeOp, uuid: string, ownerOrgId: number | null = null): void {
    this.pending.push(() => Object.assign(new Change(), { kind, op, uuid, ownerOrgId, at: this.clock() }));
  }

  /** Creates the rows in the given EntityManager; returns them (their seq is set by the flush). */
  materialise(em: EntityManager): Change[] {
    const rows = this.pending.map((f) => f());
    for (const r of rows) em.persist(r);
    return rows;
  }

  private row(kind: ChangeKind, op: ChangeOp, uuid: string, e: Event, a: Attribute | null): Change {
    return Object.assign(new Change(), {
      kind,
      op,
      uuid,
      eventUuid: e.uuid,
      ownerOrgId: e.ownerOrg.id,
      eventDistribution: e.distribution,
      eventSharingGroupId: e.sharingGroup?.id ?? null,
      distribution: a ? a.distribution : null,
      sharingGroupId: a ? (a.sharingGroup?.id ?? null) : null,
      published: e.published,
      at: this.clock(),
    });
  }
}

/**
 * Runs one write in a transaction, appends its change-log rows in the same transaction, and after the
 * commit announces the last change seq on the bus (DESIGN §5: publish after commit, ids only).
 */
export async function writeTransaction<T>(
  scope: Scope,
  work: (em: EntityManager, changes: ChangeRecorder) => Promise<T>,
): Promise<T> {
  let lastSeq = 0;
  const result = await scope.em.transactional(async (em) => {
    const changes = new ChangeRecorder(() => scope.clock.now());
    const out = await work(em, changes);
    await em.flush();
    const rows = changes.materialise(em);
    await em.flush();
    for (const r of rows) lastSeq = Math.max(lastSeq, r.seq);
    return out;
  });
  if (lastSeq) scope.bus.publish(lastSeq);
  return result;
}
