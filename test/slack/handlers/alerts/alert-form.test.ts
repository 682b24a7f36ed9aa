import { describe, expect, it } from 'vitest';
import { choiceOf, conditionOf, validateAlertForm } from '../../../../src/slack/handlers/alerts/alert-form.js';
import { AlertInputIds } from '../../../../src/slack/ids.js';

describe('the alert form', () => {
  it.each([
    ['above', '$1.2k', { kind: 'above', threshold: 1200 }],
    ['below', '12%', { kind: 'below', threshold: 12 }],
    ['changed_percent_either', '10%', { kind: 'changed', by: 10, unit: 'percent', direction: 'either' }],
    ['changed_units_bad', '1,500', { kind: 'changed', by: 1500, unit: 'units', direction: 'bad' }],
    ['wrong_way', '3', { kind: 'wrong_way', periods: 3 }],
  ] as const)('reads %s %s', (choice, amount, condition) => {
    expect(conditionOf(choice, amount)).toEqual({ ok: true, condition });
    // Edit shows it back as it reads.
    expect(conditionOf(choiceOf(condition).condition, choiceOf(condition).amount)).toEqual({ ok: true, condition });
  });

  it.each([
    ['changed_percent_bad', '0', 'Type how big a change counts, a number above 0 (e.g. 10 for 10 %).'],
    ['wrong_way', '2.5', 'Type how many weeks in a row, a whole number from 1 to 52 (e.g. 3).'],
    ['wrong_way', '53', 'Type how many weeks in a row, a whole number from 1 to 52 (e.g. 3).'],
  ] as const)('refuses %s %s in one sentence', (choice, amount, reason) => {
    expect(conditionOf(choice, amount)).toEqual({ ok: false, reason });
  });

  it('puts each problem next to its field', () => {
    expect(validateAlertForm({ kpiId: undefined, groupId: undefined, zone: 'UTC+2', condition: undefined, amount: '' })).toEqual({
      ok: false,
      errors: {
        [AlertInputIds.kpi.block]: 'Choose the KPI to watch, or a group below to watch all its KPIs.',
        [AlertInputIds.zone.block]: 'Choose a time zone from the list, e.g. Europe/Berlin.',
        [AlertInputIds.condition.block]: 'Choose when the alert fires.',
      },
    });
    expect(validateAlertForm({ kpiId: undefined, groupId: 'g1', zone: 'Europe/Berlin', condition: 'below', amount: '5' })).toEqual({
      ok: true,
      fields: { target: { kind: 'group', groupId: 'g1' }, zone: 'Europe/Berlin', condition: { kind: 'below', threshold: 5 } },
    });
  });
});
