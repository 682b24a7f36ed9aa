import { describe, expect, it } from 'vitest';
import { GtmhubDeadlineError, GtmhubInvalidRequestError, GtmhubServerError } from '../../src/gtmhub/errors.js';
import type { CreateSnapshotRequest, KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';
import { createMemoryLogger } from '../../src/log.js';
import { recordValue, type RecordValueRequest, type SnapshotWriter, type SubmissionLog } from '../../src/kpis/record-value.js';
import type { BeginResult, NewSubmission, Submission, SubmissionOutcome } from '../../src/store/submission.js';
import { aKpi } from './kpi-fixtures.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const NPS = aKpi('Net Promoter Score', { aggregation: 'sum' });

/** Gtmhub as far as a recording sees it: stored values per period, and what to fail with. */
class FakeGtmhub implements SnapshotWriter {
  readonly posts: Array<{ kpiId: string; body: CreateSnapshotRequest }> = [];
  stored = new Map<string, number>();
  postFailure: Error | undefined;

  async createSnapshot(kpiId: string, body: CreateSnapshotRequest): Promise<void> {
    this.posts.push({ kpiId, body });
    if (this.postFailure) throw this.postFailure;
    this.stored.set(body.group, (this.stored.get(body.group) ?? 0) + body.value);
  }

  async getKpiSnapshots(query: SnapshotQuery): Promise<KpiSnapshot[]> {
    return [...this.stored].map(([group, value]) => ({ kpiId: query.ids[0]!, group, value }));
  }
}

/** The submissions table in memory; `completeFailure` makes `complete` throw like a store that went away. */
class FakeSubmissions implements SubmissionLog {
  readonly rows = new Map<string, Submission>();
  completeFailure: Error | undefined;

  async begin(input: NewSubmission): Promise<BeginResult> {
    const existing = [...this.rows.values()].find((r) => r.idempotencyKey === input.idempotencyKey);
    if (existing) return { created: false, existing };
    const submission: Submission = { ...input, id: `s${this.rows.size + 1}`, status: 'pending', error: null, previousValue: null, createdAt: new Date(NOW), completedAt: null };
    this.rows.set(submission.id, submission);
    return { created: true, submission };
  }

  async complete(id: string, outcome: SubmissionOutcome): Promise<Submission> {
    if (this.completeFailure) throw this.completeFailure;
    const row = { ...this.rows.get(id)!, status: outcome.status, error: outcome.error ?? null, previousValue: outcome.previousValue ?? null, completedAt: new Date(NOW) };
    this.rows.set(id, row);
    return row;
  }
}

function request(overrides: Partial<RecordValueRequest> = {}): RecordValueRequest {
  return {
    teamId: 'T1',
    userId: 'U1',
    kpi: NPS,
    value: 5,
    rawInput: '5',
    period: '2026-W48',
    zone: 'Europe/Berlin',
    locale: 'en-US',
    source: 'command',
    idempotencyKey: 'command:trigger-1',
    ...overrides,
  };
}

function setup() {
  const gtmhub = new FakeGtmhub();
  const submissions = new FakeSubmissions();
  const logger = createMemoryLogger('debug');
  const recorded: string[] = [];
  const deps = { gtmhub, submissions, logger, now: () => NOW, onRecorded: (id: string) => recorded.push(id) };
  return { gtmhub, submissions, logger, recorded, deps };
}

const POST = { method: 'POST', path: '/v1/kpis/x/snapshots' };

describe('recordValue', () => {
  it('writes a pending row before calling Gtmhub, then completes it as recorded with the values before and after', async () => {
    const { gtmhub, submissions, deps, recorded } = setup();
    gtmhub.stored.set('2026-W48', 10);
    let pendingWhenPosted: string | undefined;
    const post = gtmhub.createSnapshot.bind(gtmhub);
    gtmhub.createSnapshot = async (kpiId, body) => {
      pendingWhenPosted = [...submissions.rows.values()][0]?.status;
      return post(kpiId, body);
    };
    const result = await recordValue(request(), deps);
    expect(pendingWhenPosted).toBe('pending');
    expect(result).toMatchObject({ status: 'recorded', before: 10, after: 15, submission: { status: 'recorded', previousValue: 10 } });
    expect(gtmhub.posts).toEqual([{ kpiId: NPS.id, body: { group: '2026-W48', timeZone: 'UTC+1', value: 5 } }]);
    expect(recorded).toEqual([NPS.id]);
  });

  it('sends nothing again for a submission it has seen', async () => {
    const { gtmhub, deps } = setup();
    await recordValue(request(), deps);
    const again = await recordValue(request(), deps);
    expect(again).toMatchObject({ status: 'duplicate', submission: { status: 'recorded' } });
    expect(gtmhub.posts).toHaveLength(1);
  });

  it('says a value Gtmhub refused was not recorded, with Gtmhub’s reason', async () => {
    const { gtmhub, submissions, deps } = setup();
    gtmhub.postFailure = new GtmhubInvalidRequestError({ ...POST, status: 400, gtmhubMessage: 'value out of range' });
    const result = await recordValue(request(), deps);
    expect(result).toMatchObject({ status: 'failed', sentence: '5 for “Net Promoter Score” (2026-W48) was not recorded. Gtmhub refused the request while recording the value: “value out of range”.' });
    expect([...submissions.rows.values()][0]).toMatchObject({ status: 'failed' });
  });

  it.each([
    ['a 5xx', new GtmhubServerError({ ...POST, status: 503, mayHaveBeenProcessed: true })],
    ['the deadline', new GtmhubDeadlineError({ ...POST, deadlineMs: 2000, mayHaveBeenProcessed: true })],
  ])('says Gtmhub may or may not have stored the value after %s', async (_, error) => {
    const { gtmhub, deps, recorded } = setup();
    gtmhub.postFailure = error;
    const result = await recordValue(request(), deps);
    expect(result).toMatchObject({ status: 'unknown', submission: { status: 'unknown' } });
    expect(result.status === 'unknown' && result.sentence).toContain('may or may not have been recorded, so check /kpi show Net Promoter Score before trying again');
    expect(recorded).toEqual([]);
  });

  it('still reports a value Gtmhub stored as recorded when the store cannot complete the row, and logs it', async () => {
    const { submissions, deps, logger } = setup();
    submissions.completeFailure = new Error('database is locked');
    const result = await recordValue(request(), deps);
    expect(result).toMatchObject({ status: 'recorded', after: 5, submission: { status: 'recorded', value: 5 } });
    expect(logger.lines.join('\n')).toContain('could not store the outcome of a recording');
  });

  it('still reports a refusal when the store cannot complete the row', async () => {
    const { gtmhub, submissions, deps } = setup();
    gtmhub.postFailure = new GtmhubInvalidRequestError({ ...POST, status: 400 });
    submissions.completeFailure = new Error('database is locked');
    await expect(recordValue(request(), deps)).resolves.toMatchObject({ status: 'failed', submission: { status: 'failed' } });
  });
});
