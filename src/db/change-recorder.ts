import { DeadlockException, EntityManager, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { onSqlite } from './dialect';
import { HubSetting } from './hub-setting.entity';
import { columnOf, tableOf } from './names';
import { insertRowsReturningIds } from './insert-rows';
import type { Clock } from '../shared/clock';
import { ChangeKind, ChangeOp } from '../shared/enums';
import type { Logger } from '../shared/logger';
import { Attribute } from '../modules/attribute/attribute.entity';
import { Event } from '../modules/event/event.entity';
import { Change } from '../modules/change/change.entity';
import { wrap } from '@mikro-orm/core';

/** What a change row snapshots of a thing inside an event: its distribution and, for attributes, its object's. */
type InEvent = Pick<Attribute, 'distribution' | 'sharingGroup'> & { object?: Attribute['object'] };

/** Where a write transaction announces itself (live delivery gives way meanwhile) and hands what it wrote. */
export interface ChangeSink {
  /** A write transaction starts; call the returned function when it has ended (committed or not). */
  writeStarted(): () => void;
  /** A transaction committed change rows up to `lastSeq`; `objects` are the rows it wrote, by uuid. */
  committed(lastSeq: number, rows: number, objects: ReadonlyMap<string, Attribute | Event | null>): void;
}

/** What a write transaction needs of its caller's scope. */
export interface WriteScope {
  readonly em: EntityManager;
  readonly changeLog: ChangeSink;
  /** Wakes the replicas' change-log readers ("seq N happened"). */
  readonly bus: { publish(seq: number): void };
  readonly clock: Clock;
  readonly logger: Logger;
}

export type ChangeRow = Omit<Change, 'seq'>;

export interface AttributeTally {
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Collects the change-log rows of one write. Rows are built from the entities' final state just before
 * the commit (unless taken `now`), so the visibility snapshot is what was committed.
 */
export class ChangeRecorder {
  private readonly pending: Array<() => ChangeRow> = [];
  /** The op of each pending attribute row, by its place in `pending` (counted without building rows). */
  private readonly attributeOps = new Map<number, ChangeOp>();
  /**
   * The attributes and events the rows are about, by uuid, as this write leaves them (null: deleted),
   * handed to this replica's change feed after the commit so that it need not load them again.
   */
  readonly objects = new Map<string, Attribute | Event | null>();
  constructor(private readonly clock: () => Date) {}

  /** `now`: snapshot the event as it is at this moment (e.g. just before it is removed). */
  event(op: ChangeOp, e: Event, opts: { now?: boolean } = {}): void {
    this.add(() => this.row(ChangeKind.EVENT, op, e.uuid, e, null), opts.now);
    this.keep(e.uuid, op === ChangeOp.DELETED ? null : e);
  }

  attribute(op: ChangeOp, a: Attribute, e: Event, opts: { now?: boolean } = {}): void {
    this.attributeOps.set(this.pending.length, op);
    this.add(() => this.row(ChangeKind.ATTRIBUTE, op, a.uuid, e, a), opts.now);
    this.keep(a.uuid, op === ChangeOp.DELETED ? null : a);
    this.keep(e.uuid, e);
  }

  /** A sighting of `a` (the snapshot is the attribute's and its event's; the reporting org is read from the sighting). */
  sighting(op: ChangeOp, uuid: string, a: InEvent, e: Event, opts: { now?: boolean } = {}): void {
    this.add(() => this.row(ChangeKind.SIGHTING, op, uuid, e, a), opts.now);
  }

  /** A MISP object, event report or proposal of event `e` (`x`: its own distribution; a proposal has the event's). */
  inEvent(kind: ChangeKind.OBJECT | ChangeKind.EVENT_REPORT | ChangeKind.PROPOSAL, op: ChangeOp, uuid: string, e: Event, x: InEvent | null, opts: { now?: boolean } = {}): void {
    this.add(() => this.row(kind, op, uuid, e, x), opts.now);
    this.keep(e.uuid, e);
  }

  other(kind: ChangeKind, op: ChangeOp, uuid: string, ownerOrgId: number | null = null): void {
    this.add(() => ({ kind, op, uuid, ownerOrgId, at: this.clock() }) as ChangeRow);
  }

  get size() {
    return this.pending.length;
  }

  /** Attribute rows recorded since the recorder held `from` rows, by what happened to the attribute. */
  attributeTally(from: number): AttributeTally {
    const tally = { created: 0, updated: 0, deleted: 0 };
    for (let i = from; i < this.pending.length; i++) {
      const op = this.attributeOps.get(i);
      if (op === ChangeOp.CREATED) tally.created++;
      else if (op === ChangeOp.DELETED) tally.deleted++;
      else if (op !== undefined) tally.updated++;
    }
    return tally;
  }

  rows(): ChangeRow[] {
    return this.pending.map((f) => f());
  }

  private keep(uuid: string, o: Attribute | Event | null) {
    if (this.objects.get(uuid) !== null) this.objects.set(uuid, o); // once deleted in this write, it stays so
  }

  private add(make: () => ChangeRow, now = false) {
    if (now) {
      const row = make();
      this.pending.push(() => row);
    } else this.pending.push(make);
  }

  private row(kind: ChangeKind, op: ChangeOp, uuid: string, e: Event, a: InEvent | null): ChangeRow {
    const o = a?.object ?? null;
    // The object's distribution is part of the snapshot: a writer must hand the attribute with its object
    // loaded (an unloaded one would snapshot as "no object", i.e. wider than the truth).
    if (o && !wrap(o).isInitialized()) throw new Error(`change row for ${uuid}: its object ${o.uuid} is not loaded`);
    return {
      kind,
      op,
      uuid,
      eventUuid: e.uuid,
      ownerOrgId: e.ownerOrg.id,
      eventDistribution: e.distribution,
      eventSharingGroupId: e.sharingGroup?.id ?? null,
      distribution: a ? a.distribution : null,
      sharingGroupId: a ? (a.sharingGroup?.id ?? null) : null,
      objectDistribution: o ? o.distribution : null,
      objectSharingGroupId: o ? (o.sharingGroup?.id ?? null) : null,
      published: e.published,
      at: this.clock(),
    };
  }
}



/** The columns of a change row (every row is written with all of them; what a row lacks is null). */
// prettier-ignore
const CHANGE_PROPS: ReadonlyArray<keyof ChangeRow> = [
  'kind', 'op', 'uuid', 'eventUuid', 'ownerOrgId', 'eventDistribution', 'eventSharingGroupId',
  'distribution', 'sharingGroupId', 'objectDistribution', 'objectSharingGroupId', 'published', 'at',
];

/**
 * Appends change rows at the end of a write transaction. On MySQL-family servers the append first takes
 * the row lock of the log's sequence (hub_settings 'change_seq'): appends are serialised until commit,
 * so change seqs become visible in commit order and a reader that has seen seq N never later finds a
 * smaller one (the resume guarantee of DESIGN §5). SQLite serialises writers already.
 */
export async function appendChanges(em: EntityManager, rows: ChangeRow[]): Promise<number> {
  if (!rows.length) return 0;
  const conn = em.getConnection();
  if (!onSqlite(em)) {
    const [table, name, value] = [tableOf(em, HubSetting), columnOf(em, HubSetting, 'name'), columnOf(em, HubSetting, 'value')];
    await conn.execute(`select ${value} from ${table} where ${name} = ? for update`, ['change_seq'], 'all', em.getTransactionContext());
  }
  // Plain multi-row INSERTs (no entities, no per-row ORM work). Appends are serialised (lock above, or
  // SQLite's single writer), so the largest seq in the table is this write's last one: the last id the
  // INSERTs gave, or where the database cannot say (insertRowsReturningIds), read back.
  const seqs = await insertRowsReturningIds(em, Change, rows, CHANGE_PROPS);
  if (seqs?.length) return seqs[seqs.length - 1];
  const seq = `select max(${columnOf(em, Change, 'seq')}) as last from ${tableOf(em, Change)}`;
  const [{ last }] = (await conn.execute(seq, [], 'all', em.getTransactionContext())) as Array<{ last: number }>;
  return Number(last);
}

/**
 * Runs one write in a transaction, appends its change-log rows in the same transaction, and after the
 * commit announces the last change seq on the bus (DESIGN §5: publish after commit, ids only).
 */
export async function writeTransaction<T>(
  scope: WriteScope,
  work: (em: EntityManager, changes: ChangeRecorder) => Promise<T>,
): Promise<T> {
  let lastSeq = 0;
  let recorded: ChangeRecorder | null = null;
  const ended = scope.changeLog.writeStarted(); // live delivery on this replica gives way meanwhile
  try {
    const result = await scope.em.transactional(async (em) => {
      const changes = new ChangeRecorder(() => scope.clock.now());
      recorded = changes;
      const out = await work(em, changes);
      await em.flush();
      lastSeq = await appendChanges(em, changes.rows());
      return out;
    });
    if (lastSeq) {
      scope.changeLog.committed(lastSeq, recorded!.size, recorded!.objects);
      scope.bus.publish(lastSeq);
    }
    return result;
  } finally {
    ended();
  }
}

/**
 * Like writeTransaction, retried (up to `attempts` times) when the database reports a deadlock, a lock
 * wait timeout or a unique-key race (e.g. two writers creating the same tag or organisation at once):
 * the transaction was rolled back as a whole, so running it again is safe. For background work such as
 * applying synced events, where a transient conflict must not count as a failure.
 */
export async function writeTransactionRetrying<T>(
  scope: WriteScope,
  work: (em: EntityManager, changes: ChangeRecorder) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await writeTransaction(scope, work);
    } catch (e) {
      const transient =
        e instanceof DeadlockException || e instanceof LockWaitTimeoutException || e instanceof UniqueConstraintViolationException;
      if (!transient || i >= attempts) throw e;
      scope.logger.debug({ err: e, attempt: i }, 'transient write conflict, retrying');
    }
  }
}
