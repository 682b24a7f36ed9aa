import { GtmhubError } from '../gtmhub/errors.js';
import { interactiveWithinTwoSeconds, type RetryPolicy } from '../gtmhub/retry.js';
import type { CreateSnapshotRequest, Kpi, KpiSnapshot, SnapshotQuery } from '../gtmhub/types.js';
import type { Logger } from '../log.js';
import type { BeginResult, NewSubmission, Submission, SubmissionOutcome } from '../store/submission.js';
import { gtmhubOffset } from '../time/zones.js';
import { describeFailure, operatorHint } from './failure-sentences.js';
import { formatExactKpiValue } from './format.js';
import { readPeriodValue } from './period-values.js';

/** The Gtmhub calls a recording makes (the client satisfies it; `withToken` gives a user's own). */
export interface SnapshotWriter {
  createSnapshot(kpiId: string, body: CreateSnapshotRequest, options?: { policy?: RetryPolicy }): Promise<void>;
  getKpiSnapshots(query: SnapshotQuery, options?: { policy?: RetryPolicy }): Promise<KpiSnapshot[]>;
}

export interface SubmissionLog {
  begin(input: NewSubmission): Promise<BeginResult>;
  complete(id: string, outcome: SubmissionOutcome): Promise<Submission>;
}

export interface RecordValueRequest {
  teamId: string;
  userId: string;
  kpi: Kpi;
  value: number;
  rawInput: string;
  /** A week label such as `2026-W48` (validated by the caller's parser). */
  period: string;
  /** The user's IANA zone: the `timeZone` sent is its offset now, written as Gtmhub writes it. */
  zone: string;
  locale: string;
  source: NewSubmission['source'];
  /** Same key for the same act of submitting (Slack retries, double clicks): recorded once. */
  idempotencyKey: string;
}

export type RecordValueResult =
  | { status: 'recorded'; submission: Submission; before: number | undefined; after: number | undefined }
  /** Gtmhub said no before storing anything: nothing was recorded. */
  | { status: 'failed'; submission: Submission; sentence: string }
  /** Gtmhub may or may not have stored it (timeout or 5xx after the request left). */
  | { status: 'unknown'; submission: Submission; sentence: string }
  /** This very submission was seen before; nothing was sent again. */
  | { status: 'duplicate'; submission: Submission };

/**
 * Records one KPI value: a pending row in the store *before* Gtmhub is called, the POST (never
 * repeated: see retry.ts), then the row completed with the outcome. The values before and after are
 * read around the write so the reply can say "was 12, now 15" (Gtmhub combines several values of
 * one period by the KPI's aggregation, so "after" is read back rather than assumed).
 */
export async function recordValue(
  request: RecordValueRequest,
  deps: { gtmhub: SnapshotWriter; submissions: SubmissionLog; logger: Logger; now?: () => number; onRecorded?: (kpiId: string) => void },
): Promise<RecordValueResult> {
  const nowMs = (deps.now ?? Date.now)();
  const timeZone = gtmhubOffset(request.zone, nowMs);
  const begun = await deps.submissions.begin({
    teamId: request.teamId,
    userId: request.userId,
    kpiId: request.kpi.id,
    kpiName: request.kpi.name,
    period: request.period,
    timeZone,
    value: request.value,
    rawInput: request.rawInput,
    source: request.source,
    idempotencyKey: request.idempotencyKey,
  });
  if (!begun.created) return { status: 'duplicate', submission: begun.existing };
  const submission = begun.submission;

  const before = await readPeriodValue(deps.gtmhub, request.kpi.id, request.period, timeZone, { policy: interactiveWithinTwoSeconds }).catch(() => undefined);
  try {
    await deps.gtmhub.createSnapshot(
      request.kpi.id,
      { group: request.period, timeZone, value: request.value },
      { policy: interactiveWithinTwoSeconds },
    );
  } catch (error) {
    // The value as sent, not rounded to the KPI's decimals: 2.75 must not read back as "2.8%".
    const shown = formatExactKpiValue(request.value, request.kpi.formatting, request.locale);
    const status = error instanceof GtmhubError && error.mayHaveBeenProcessed ? 'unknown' : 'failed';
    const sentence =
      status === 'unknown'
        ? `Gtmhub did not confirm ${shown} for “${request.kpi.name}” (${request.period}): it may or may not have been recorded, so check /kpi show ${request.kpi.name} before trying again.`
        : error instanceof GtmhubError && error.code === 'gtmhub_not_found'
          ? `${shown} for “${request.kpi.name}” (${request.period}) was not recorded: the KPI no longer exists in Gtmhub (it may have been deleted).`
          : `${shown} for “${request.kpi.name}” (${request.period}) was not recorded. ${describeFailure(error, `recording the value`)}`;
    const hint = operatorHint(error);
    deps.logger.warn('recording a KPI value failed', { kpiId: request.kpi.id, period: request.period, submissionId: submission.id, error, ...(hint ? { hint } : {}) });
    const outcome: SubmissionOutcome = { status, error: sentence, previousValue: before ?? null };
    return { status, submission: await completeOrAssume(deps, submission, outcome), sentence };
  }
  try {
    deps.onRecorded?.(request.kpi.id);
  } catch (error) {
    deps.logger.warn('a follow-up of a recorded value failed', { kpiId: request.kpi.id, error });
  }
  const completed = await completeOrAssume(deps, submission, { status: 'recorded', previousValue: before ?? null });
  const after = await readPeriodValue(deps.gtmhub, request.kpi.id, request.period, timeZone, { policy: interactiveWithinTwoSeconds }).catch(() => undefined);
  return { status: 'recorded', submission: completed, before, after };
}

/**
 * Completes the submission row. Gtmhub has answered by now, so a store failure must not turn the
 * outcome into an error: after a success that would invite the user to send the value again (and
 * with `sum` aggregation, double it). The failure is logged, the row stays `pending` (until the
 * sweeper settles it as not confirmed), and the outcome is returned as Gtmhub gave it.
 */
async function completeOrAssume(deps: { submissions: SubmissionLog; logger: Logger }, submission: Submission, outcome: SubmissionOutcome): Promise<Submission> {
  try {
    return await deps.submissions.complete(submission.id, outcome);
  } catch (error) {
    deps.logger.error('could not store the outcome of a recording', { submissionId: submission.id, kpiId: submission.kpiId, outcome: outcome.status, error });
    return { ...submission, status: outcome.status, error: outcome.error ?? null, previousValue: outcome.previousValue ?? null };
  }
}
