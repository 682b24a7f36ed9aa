import { describe, expect, it } from 'vitest';
import { conditionHolds, periodsNeeded } from '../../src/alerts/condition.js';

const up = 'should_increase';
const down = 'should_decrease';

describe('conditionHolds', () => {
  it('above and below are strict and never hold for an unknown value', () => {
    expect(conditionHolds({ kind: 'above', threshold: 1200 }, { values: [1200.5], targetOperator: up })).toBe(true);
    expect(conditionHolds({ kind: 'above', threshold: 1200 }, { values: [1200], targetOperator: up })).toBe(false);
    expect(conditionHolds({ kind: 'below', threshold: 0.12 }, { values: [0.1], targetOperator: up })).toBe(true);
    expect(conditionHolds({ kind: 'below', threshold: 0.12 }, { values: [undefined], targetOperator: up })).toBe(false);
    expect(conditionHolds({ kind: 'above', threshold: 0 }, { values: [], targetOperator: up })).toBe(false);
  });

  it('changed by more than N percent, either way, against |previous|', () => {
    const rule = { kind: 'changed', by: 10, unit: 'percent', direction: 'either' } as const;
    expect(conditionHolds(rule, { values: [100, 111], targetOperator: up })).toBe(true);
    expect(conditionHolds(rule, { values: [100, 89], targetOperator: up })).toBe(true);
    expect(conditionHolds(rule, { values: [100, 110], targetOperator: up })).toBe(false);
    expect(conditionHolds(rule, { values: [0, 5], targetOperator: up })).toBe(false);
    expect(conditionHolds(rule, { values: [undefined, 5], targetOperator: up })).toBe(false);
  });

  it('changed by more than N units, only in the bad direction for the target', () => {
    const rule = { kind: 'changed', by: 5, unit: 'units', direction: 'bad' } as const;
    expect(conditionHolds(rule, { values: [20, 10], targetOperator: up })).toBe(true);
    expect(conditionHolds(rule, { values: [10, 20], targetOperator: up })).toBe(false);
    expect(conditionHolds(rule, { values: [10, 20], targetOperator: down })).toBe(true);
    expect(conditionHolds(rule, { values: [10, 20], targetOperator: 'none' })).toBe(false);
  });

  it('wrong way N periods in a row needs N bad moves, none flat or unknown', () => {
    const rule = { kind: 'wrong_way', periods: 2 } as const;
    expect(conditionHolds(rule, { values: [30, 20, 10], targetOperator: up })).toBe(true);
    expect(conditionHolds(rule, { values: [5, 30, 20, 10], targetOperator: up })).toBe(true);
    expect(conditionHolds(rule, { values: [30, 30, 10], targetOperator: up })).toBe(false);
    expect(conditionHolds(rule, { values: [undefined, 20, 10], targetOperator: up })).toBe(false);
    expect(conditionHolds(rule, { values: [20, 10], targetOperator: up })).toBe(false);
    expect(conditionHolds(rule, { values: [10, 20, 30], targetOperator: down })).toBe(true);
  });
});

describe('periodsNeeded', () => {
  it('reads one period for thresholds, two for a change, N + 1 for N wrong moves', () => {
    expect(periodsNeeded({ kind: 'above', threshold: 1 })).toBe(1);
    expect(periodsNeeded({ kind: 'changed', by: 1, unit: 'units', direction: 'either' })).toBe(2);
    expect(periodsNeeded({ kind: 'wrong_way', periods: 3 })).toBe(4);
  });
});
