import { describe, expect, it } from 'vitest';
import { trendOf } from '../../../src/kpis/trend.js';
import { trendText } from '../../../src/slack/views/trend-text.js';
import { aKpi } from '../../kpis/kpi-fixtures.js';

const revenue = aKpi('Revenue', { formatting: { fractionSize: 0, prefix: '$', suffix: '' } });
const churn = aKpi('Churn', { targetOperator: 'should_decrease' });

describe('the trend as Slack shows it', () => {
  it('is green with an up arrow, the change and its percentage when a KPI that should rise rose', () => {
    expect(trendText(trendOf(1800, 1600, 'should_increase'), revenue, 'en-US')).toBe(':large_green_circle: ▲ +$200 (+12.5%)');
  });

  it('is red when a KPI that should fall rose', () => {
    expect(trendText(trendOf(12, 10, 'should_decrease'), churn, 'en-US')).toMatch(/^:red_circle: ▲ \+2 /);
  });

  it('says no change in white when the value stayed', () => {
    expect(trendText(trendOf(5, 5, 'should_increase'), revenue, 'en-US')).toBe(':white_circle: ▶ no change');
  });

  it('is empty when a value is missing', () => {
    expect(trendText(trendOf(5, undefined, 'should_increase'), revenue, 'en-US')).toBe('');
  });
});
