import { SyncSkipReason } from '../../auth/policy';

/** One refusal noted while applying an event (folded into the result once its transaction commits). */
export interface SyncSkipNote {
  reason: SyncSkipReason;
  eventUuid: string;
  count: number;
}
