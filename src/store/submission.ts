/**
 * A KPI value someone submitted from Slack, as the rest of kpibot sees it (camelCase, `Date`s).
 * The row shape is in `schema.ts`; `submissions-repository.ts` converts between the two.
 */

/** Where the value was typed: the `/kpi` command, the log-value modal, a digest's button, a Workflow Builder step, or a check-in's form. */
export type SubmissionSource = 'command' | 'modal' | 'digest' | 'workflow' | 'checkin';

/**
 * `pending` is written before Gtmhub is called and completed after it. `unknown` means Gtmhub may
 * or may not have recorded the value (a timeout after the request left, or a process that died
 * mid-call and left the row pending for the sweeper).
 */
export type SubmissionStatus = 'pending' | 'recorded' | 'failed' | 'unknown';

export interface NewSubmission {
  teamId: string;
  userId: string;
  kpiId: string;
  kpiName: string;
  /** The period label the value is for, e.g. `2026-W48`. */
  period: string;
  /** The Gtmhub offset the period was read in, e.g. `UTC+1`. */
  timeZone: string;
  value: number;
  /** What the user typed, kept verbatim for support questions ("I typed 1,5 and got 15"). */
  rawInput: string;
  source: SubmissionSource;
  /**
   * The same key for the same act of submitting, so Slack's retries and double clicks are seen
   * as one submission: e.g. the modal's view id plus a hash of its values.
   */
  idempotencyKey: string;
}

export interface Submission extends NewSubmission {
  id: string;
  status: SubmissionStatus;
  /** One sentence saying why the value was not (or may not have been) recorded. */
  error: string | null;
  /** The KPI's value before this one, when Gtmhub told us; lets a reply say "was 12, now 15". */
  previousValue: number | null;
  createdAt: Date;
  completedAt: Date | null;
}

export type CompletedStatus = Exclude<SubmissionStatus, 'pending'>;

export interface SubmissionOutcome {
  status: CompletedStatus;
  error?: string;
  /** Left as it is when omitted; `null` clears it. */
  previousValue?: number | null;
}

export type BeginResult = { created: true; submission: Submission } | { created: false; existing: Submission };
