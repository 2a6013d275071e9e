import type { BatchOutcome } from '../misp-import/apply-batch';
import { addSyncSkips, SyncResult } from './sync.types';

/**
 * One received event counted into a sync result (pull, push, MISP-server pull): its outcome and what the
 * rules refused, or `failed` (`onFailure` logs it). True when the event was applied.
 */
export function countApplied(result: SyncResult, o: BatchOutcome, onFailure: (error: unknown) => void): o is Extract<BatchOutcome, { ok: true }> {
  if (!o.ok) {
    onFailure(o.error);
    result.failed++;
    return false;
  }
  result[o.outcome === 'skipped' ? 'skipped' : o.outcome]++;
  addSyncSkips(result, o.skips);
  return true;
}
