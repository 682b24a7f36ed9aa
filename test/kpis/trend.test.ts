import { describe, expect, it } from 'vitest';
import { trendOf } from '../../src/kpis/trend.js';

describe('trendOf', () => {
  it.each([
    [120, 100, 'should_increase', 'up', 'good'],
    [80, 100, 'should_increase', 'down', 'bad'],
    [120, 100, 'should_decrease', 'up', 'bad'],
    [80, 100, 'should_decrease', 'down', 'good'],
    [100, 100, 'should_increase', 'flat', 'neutral'],
    [120, 100, 'something_new', 'up', 'neutral'],
    [undefined, 100, 'should_increase', 'unknown', 'neutral'],
    [100, undefined, 'should_decrease', 'unknown', 'neutral'],
    [Number.NaN, 100, 'should_increase', 'unknown', 'neutral'],
  ])('rates %s after %s with %s as %s and %s', (current, previous, operator, direction, verdict) => {
    expect(trendOf(current, previous, operator)).toMatchObject({ direction, verdict });
  });

  it('gives the change and the change in percent', () => {
    expect(trendOf(125, 100, 'should_increase')).toEqual({ direction: 'up', delta: 25, percent: 25, verdict: 'good' });
  });

  it('measures the percent against the size of a negative previous value', () => {
    expect(trendOf(-5, -10, 'should_increase')).toMatchObject({ direction: 'up', delta: 5, percent: 50 });
  });

  it('gives no percent when the previous value is zero', () => {
    expect(trendOf(5, 0, 'should_increase')).toEqual({ direction: 'up', delta: 5, verdict: 'good' });
  });

  it('treats floating-point noise as no change', () => {
    expect(trendOf(0.1 + 0.2, 0.3, 'should_increase')).toEqual({ direction: 'flat', delta: 0, percent: 0, verdict: 'neutral' });
  });

  it('gives no delta when a value is missing', () => {
    expect(trendOf(undefined, 3, 'should_increase')).toEqual({ direction: 'unknown', verdict: 'neutral' });
  });
});
