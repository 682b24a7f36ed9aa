import { describe, expect, it } from 'vitest';
import type { AlertContent } from '../../../../src/alerts/kind.js';
import type { AlertCondition, AlertRule } from '../../../../src/alerts/types.js';
import type { Kpi } from '../../../../src/gtmhub/types.js';
import { AlertIds, ActionIds, logButtonValue } from '../../../../src/slack/ids.js';
import { renderAlert } from '../../../../src/slack/views/alerts/message.js';
import { conditionText } from '../../../../src/slack/views/alerts/rule-text.js';

const KPI: Kpi = {
  id: 'k1',
  name: 'Monthly <recurring> revenue',
  description: '',
  aggregation: 'last',
  targetOperator: 'should_increase',
  formatting: { fractionSize: 0, prefix: '$', suffix: '' },
  groups: [],
  ownerIds: [],
};

function content(condition: AlertCondition, value: number | undefined, previous: number | undefined): AlertContent {
  const rule = { id: 'r1', teamId: 'T1', channelId: 'C1', personal: false, ownerUserId: 'U1', target: { kind: 'kpi', kpiId: 'k1' }, zone: 'Europe/Berlin', condition } as AlertRule;
  return {
    kpi: KPI,
    firing: { id: 'r1/k1/2026-W49/1', ruleId: 'r1', kpiId: 'k1', period: '2026-W49', crossing: 1, value, previous, recordedAt: '2026-12-03T08:00:00.000Z', detectedAt: new Date(0), rule },
  };
}

describe('the alert message', () => {
  it('says the KPI, its value, when it was recorded, the rule in words and the change, with Details, Log value and Mute for a week', () => {
    const message = renderAlert(content({ kind: 'below', threshold: 1200 }, 900, 1500));
    const text = JSON.stringify(message.blocks);
    expect(message.text).toBe('Monthly <recurring> revenue went below $1,200: $900');
    expect(text).toContain('Monthly &lt;recurring&gt; revenue');
    expect(text).toContain('went below $1,200');
    expect(text).toContain('The week before: $1,500');
    expect(text).toContain('Recorded <!date^1796284800^');
    expect(text).toContain('Alert set up by <@U1>');
    const actions = message.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [ActionIds.showDetails, 'k1'],
      [ActionIds.logValue, logButtonValue('k1')],
      [AlertIds.muteButton, 'r1'],
    ]);
  });

  it('says when there was no value the week before', () => {
    expect(JSON.stringify(renderAlert(content({ kind: 'above', threshold: 1 }, 5, undefined)).blocks)).toContain('No value the week before.');
  });
});

describe('a condition in words', () => {
  it.each<[AlertCondition, string]>([
    [{ kind: 'above', threshold: 1200 }, 'went above $1,200'],
    [{ kind: 'changed', by: 10, unit: 'percent', direction: 'either' }, 'changed by more than 10% against the week before'],
    [{ kind: 'changed', by: 500, unit: 'units', direction: 'bad' }, 'changed by more than $500 against the week before, the wrong way for its target'],
    [{ kind: 'wrong_way', periods: 1 }, 'went the wrong way for its target'],
    [{ kind: 'wrong_way', periods: 3 }, 'went the wrong way for its target 3 weeks in a row'],
  ])('%j', (condition, words) => {
    expect(conditionText(condition, KPI.formatting)).toBe(words);
  });
});
