import type { Logger } from '../log.js';
import type { CompletedStatus, Submission, SubmissionOutcome } from '../store/submission.js';

export interface PendingSubmissions {
  pendingOlderThan(instant: Date): Promise<Submission[]>;
  complete(id: string, outcome: SubmissionOutcome & { status: CompletedStatus }): Promise<Submission>;
}

/** A recording takes seconds; a row still pending after this was cut off by a crash or a deploy. */
export const STALE_PENDING_MS = 5 * 60_000;

/**
 * Settles submissions left `pending` by a process that stopped mid-recording: Gtmhub may or may
 * not have the value, so they become `unknown` with a sentence /kpi history shows — never silently
 * dropped, never re-sent (that could record the value twice).
 */
export async function settleStalePending(repo: PendingSubmissions, nowMs: number, logger: Logger): Promise<number> {
  const stale = await repo.pendingOlderThan(new Date(nowMs - STALE_PENDING_MS));
  for (const submission of stale) {
    await repo.complete(submission.id, {
      status: 'unknown',
      error: `kpibot stopped while recording ${submission.rawInput} for “${submission.kpiName}” (${submission.period}): Gtmhub may or may not have it, so check with /kpi show before recording it again.`,
    });
  }
  if (stale.length > 0) logger.warn('settled submissions left pending by an earlier run', { count: stale.length });
  return stale.length;
}
