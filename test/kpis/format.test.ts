import { describe, expect, it } from 'vitest';
import { formatDelta, formatExactKpiValue, formatKpiValue, formatPercentChange } from '../../src/kpis/format.js';

const dollars = { prefix: '$', suffix: '', fractionSize: 2 };
const percent = { prefix: '', suffix: '%', fractionSize: 1 };
const euros = { prefix: '', suffix: ' €', fractionSize: 2 };
const plain = { prefix: '', suffix: '', fractionSize: 0 };

describe('formatKpiValue', () => {
  it.each([
    [1234.5, dollars, 'en-US', '$1,234.50'],
    [1234.5, dollars, 'de-DE', '$1.234,50'],
    [12.5, percent, 'en-US', '12.5%'],
    [12.5, percent, 'de-DE', '12,5%'],
    [1234.5, euros, 'de-DE', '1.234,50 €'],
    [1234567, plain, 'en-US', '1,234,567'],
    [2.5, plain, 'en-US', '3'],
    [-3, dollars, 'en-US', '−$3.00'],
    [-0.001, dollars, 'en-US', '$0.00'],
    [1234.5, dollars, 'not-a-locale!', '$1,234.50'],
    [1234.5, dollars, 'en_US', '$1,234.50'],
    [1234.5, { prefix: '', suffix: '', fractionSize: 25 }, 'en-US', '1,234.5000000000'],
    [1234.5, { prefix: '', suffix: '', fractionSize: -2 }, 'en-US', '1,235'],
    [1234.567, undefined, 'en-US', '1,234.57'],
    [1234, undefined, 'en-US', '1,234'],
    [Number.NaN, dollars, 'en-US', 'n/a'],
  ])('shows %d with %j in %s as %s', (value, formatting, locale, text) => {
    expect(formatKpiValue(value, formatting, locale)).toBe(text);
  });

  it('uses en-US when no locale is given', () => {
    expect(formatKpiValue(1234.5, dollars)).toBe('$1,234.50');
  });
});

describe('formatDelta', () => {
  it.each([
    [200, dollars, 'en-US', '+$200.00'],
    [-3, plain, 'en-US', '−3'],
    [-1234.5, euros, 'de-DE', '−1.234,50 €'],
    [0, dollars, 'en-US', '$0.00'],
    [0.004, dollars, 'en-US', '$0.00'],
  ])('shows a change of %d with %j in %s as %s', (delta, formatting, locale, text) => {
    expect(formatDelta(delta, formatting, locale)).toBe(text);
  });
});

describe('formatPercentChange', () => {
  it.each([
    [0.125, 'en-US', '+12.5%'],
    [-0.03, 'en-US', '−3%'],
    [12, 'en-US', '+1,200%'],
    [0.125, 'de-DE', '+12,5%'],
    [0, 'en-US', '0%'],
    [0.0001, 'en-US', '0%'],
    [undefined, 'en-US', 'n/a'],
    [Number.POSITIVE_INFINITY, 'en-US', 'n/a'],
  ])('shows the ratio %d in %s as %s', (ratio, locale, text) => {
    expect(formatPercentChange(ratio, locale)).toBe(text);
  });
});

describe('formatExactKpiValue', () => {
  it.each([
    [2.75, { fractionSize: 1, prefix: '', suffix: '%' }, '2.75%'],
    [2.5, { fractionSize: 1, prefix: '', suffix: '%' }, '2.5%'],
    [1200, { fractionSize: 0, prefix: '$', suffix: '' }, '$1,200'],
    [3, { fractionSize: 2, prefix: '', suffix: '' }, '3.00'],
  ])('shows %s with every decimal it has (%o) as %s', (value, formatting, expected) => {
    expect(formatExactKpiValue(value, formatting, 'en-US')).toBe(expected);
  });
});
