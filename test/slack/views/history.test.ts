import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/slack/views/blocks.js';
import { historyMessage } from '../../../src/slack/views/history.js';
import type { Submission } from '../../../src/store/submission.js';

function submission(i: number, overrides: Partial<Submission> = {}): Submission {
  return {
    id: `s${i}`, teamId: 'T1', userId: 'U1', kpiId: `k${i}`, kpiName: `KPI ${i}`, period: '2026-W48', timeZone: 'UTC+1', value: i,
    rawInput: `${i}`, source: 'command', idempotencyKey: `k${i}`, status: 'recorded', error: null, previousValue: null,
    createdAt: new Date('2026-11-26T12:00:00Z'), completedAt: null, ...overrides,
  };
}

const texts = (blocks: unknown[]): string[] =>
  blocks.filter((b) => (b as { type: string }).type === 'section').map((b) => (b as { text: { text: string } }).text.text);

describe('the history message', () => {
  it('shows every entry, each with its outcome, in the user’s zone', () => {
    const message = historyMessage(
      [submission(1), submission(2, { status: 'failed', error: 'Gtmhub refused: “value < 0”.' }), submission(3, { status: 'unknown' }), submission(4, { status: 'pending' })],
      'Europe/Berlin',
      'en-GB',
    );
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('Thu 26 Nov, 13:00 · *KPI 1* · 2026-W48 · `1` · :white_check_mark: recorded');
    expect(all).toContain(':x: not recorded — Gtmhub refused: “value &lt; 0”.');
    expect(all).toContain(':grey_question: not confirmed by Gtmhub');
    expect(all).toContain(':hourglass_flowing_sand: in progress');
  });

  it('keeps all ten long entries, spreading them over sections within Slack’s 3,000 characters', () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      submission(i, { kpiName: `${'K'.repeat(78)}${i}`, status: 'failed', error: `${'E'.repeat(198)}${i}`, rawInput: 'R'.repeat(60) }),
    );
    const sections = texts(historyMessage(rows, 'UTC', 'en-US').blocks);
    expect(sections.length).toBeGreaterThan(1);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(sections.join('\n').split('\n')).toHaveLength(10);
  });

  it('says how to start when there is nothing yet', () => {
    expect(historyMessage([], 'UTC', 'en-US').text).toBe('You have not recorded any KPI value from Slack yet. Try /kpi log, or /kpi help.');
  });
});
