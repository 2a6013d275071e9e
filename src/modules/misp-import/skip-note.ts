import { SyncSkipReason } from '../../auth/policy';

/** One refusal noted while applying an event (folded into the result once its transaction commits). */
export interface SyncSkipNote {
  reason: SyncSkipReason;
  eventUuid: string;
  count: number;
  /** The part refused and why (e.g. `attribute <uuid>: …`), for results that list parts (MISP JSON imports). */
  detail?: string;
}
