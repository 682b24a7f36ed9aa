import { describe, expect, it } from 'vitest';
import type { CheckinContent } from '../../src/checkins/content.js';
import { mergeByPerson } from '../../src/checkins/merge.js';
import type { CheckinReminder } from '../../src/checkins/types.js';
import { aKpi } from '../kpis/kpi-fixtures.js';

const revenue = aKpi('Revenue', { id: 'k1' });
const churn = aKpi('Churn', { id: 'k2' });

function reminder(id: string, personalFor: string | null = null): CheckinReminder {
  return { id, teamId: 'T1', channelId: `C_${id}`, createdBy: 'U_BOSS', personalFor, selection: { kind: 'kpis', kpiIds: [] }, period: 'this_week', weekday: 1, time: '09:00', zone: null, status: 'active', createdAt: new Date(0) };
}

function content(r: CheckinReminder, person: string, kpis: (typeof revenue)[], period = '2026-W49'): [string, CheckinContent] {
  return [`${r.id}/${person}`, { reminder: r, slackUserId: person, period, owed: kpis.map((kpi) => ({ kpi, previous: undefined })) }];
}

describe('mergeByPerson', () => {
  it('puts every KPI of the reminders due for one person in one DM, led by their own check-in, each KPI once', () => {
    const merged = mergeByPerson(new Map([content(reminder('a'), 'U_ANA', [revenue]), content(reminder('z', 'U_ANA'), 'U_ANA', [churn, revenue])]));
    const lead = merged.get('z/U_ANA')!;
    expect(lead.owed.map((o) => o.kpi.id)).toEqual(['k2', 'k1']);
    expect(lead.mergedFrom?.map((r) => r.id)).toEqual(['a']);
    expect(merged.get('a/U_ANA')?.mergedInto).toBe('z');
  });

  it('leaves alone other people, other weeks, and reminders with nothing to log', () => {
    const input = new Map([
      content(reminder('a'), 'U_ANA', [revenue]),
      content(reminder('b'), 'U_RAJ', [churn]),
      content(reminder('c'), 'U_ANA', [churn], '2026-W48'),
      content(reminder('d'), 'U_ANA', []),
    ]);
    const merged = mergeByPerson(input);
    for (const [id, before] of input) expect(merged.get(id)).toEqual(before);
  });
});
