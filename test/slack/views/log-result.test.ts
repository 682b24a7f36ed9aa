import { describe, expect, it } from 'vitest';
import type { RecordValueResult } from '../../../src/kpis/record-value.js';
import { LIMITS } from '../../../src/slack/views/blocks.js';
import { recordingOutcomeMessage, recordingOutcomeText } from '../../../src/slack/views/log-result.js';
import type { Submission } from '../../../src/store/submission.js';
import { aKpi } from '../../kpis/kpi-fixtures.js';

const NPS = aKpi('Net Promoter Score', { aggregation: 'sum' });

function submission(overrides: Partial<Submission> = {}): Submission {
  return {
    id: 's1', teamId: 'T1', userId: 'U1', kpiId: NPS.id, kpiName: NPS.name, period: '2026-W48', timeZone: 'UTC+1', value: 5,
    rawInput: '5', source: 'command', idempotencyKey: 'k', status: 'recorded', error: null, previousValue: 10,
    createdAt: new Date('2026-11-26T12:00:00Z'), completedAt: new Date('2026-11-26T12:00:01Z'), ...overrides,
  };
}

describe('the outcome of a recording', () => {
  it('says what was recorded, the value before and after, and why they differ', () => {
    const result: RecordValueResult = { status: 'recorded', submission: submission(), before: 10, after: 15 };
    expect(recordingOutcomeText(result, NPS, 'en-US')).toBe(
      ':white_check_mark: Recorded 5 for *Net Promoter Score* in 2026-W48 (was 10, now 15) (Gtmhub combines values of one week by sum).',
    );
  });

  it('says the week and offset were taken in UTC when Slack did not give the user’s zone', () => {
    const result: RecordValueResult = { status: 'recorded', submission: submission(), before: undefined, after: 5 };
    expect(recordingOutcomeText(result, NPS, 'en-US', { zoneKnown: false })).toContain(
      'The week (2026-W48) and the UTC offset were taken in UTC, because Slack did not give kpibot your time zone.',
    );
  });

  it('says nothing about zones when the user’s zone was known', () => {
    const result: RecordValueResult = { status: 'recorded', submission: submission(), before: undefined, after: 5 };
    expect(recordingOutcomeText(result, NPS, 'en-US', { zoneKnown: true })).not.toContain('UTC');
  });

  it('says a repeated submission was not sent again', () => {
    const result: RecordValueResult = { status: 'duplicate', submission: submission() };
    expect(recordingOutcomeText(result, NPS, 'en-US')).toBe('This value was already submitted: it was recorded. Nothing was sent again.');
  });

  it('stays within one section when the KPI name is very long', () => {
    const long = aKpi('N'.repeat(2000));
    const sentence = `Gtmhub did not confirm 5 for “${long.name}” (2026-W48): it may or may not have been recorded, so check /kpi show ${long.name} before trying again.`;
    const message = recordingOutcomeMessage({ status: 'unknown', submission: submission({ status: 'unknown' }), sentence }, long, 'en-US');
    expect(message.blocks).toHaveLength(1);
    expect((message.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  });
});
