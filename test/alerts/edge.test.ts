import { describe, expect, it } from 'vitest';
import { stepEdge } from '../../src/alerts/edge.js';
import { INITIAL_EDGE_STATE, type EdgeState } from '../../src/alerts/types.js';
import { comparePeriods } from '../../src/time/periods.js';

/** Runs a sequence of (period, holds) evaluations and returns which of them fired. */
function fires(steps: [string, boolean][]): { fired: boolean[]; state: EdgeState } {
  let state = INITIAL_EDGE_STATE;
  const fired: boolean[] = [];
  for (const [period, holds] of steps) {
    const step = stepEdge(state, period, holds, comparePeriods);
    fired.push(step.fire);
    state = step.next;
  }
  return { fired, state };
}

describe('stepEdge', () => {
  it('fires once when the condition becomes true, not again while it stays true', () => {
    const { fired, state } = fires([
      ['2026-W48', false],
      ['2026-W48', true],
      ['2026-W48', true],
    ]);
    expect(fired).toEqual([false, true, false]);
    expect(state.crossings).toBe(1);
  });

  it('a value that flaps around the threshold within one period fires once', () => {
    const { fired } = fires([
      ['2026-W48', true],
      ['2026-W48', false],
      ['2026-W48', true],
      ['2026-W48', false],
      ['2026-W48', true],
    ]);
    expect(fired).toEqual([true, false, false, false, false]);
  });

  it('fires again for a new period in which the condition holds, with the next crossing number', () => {
    const { fired, state } = fires([
      ['2026-W48', true],
      ['2026-W49', true],
      ['2026-W50', false],
      ['2026-W51', true],
    ]);
    expect(fired).toEqual([true, true, false, true]);
    expect(state.crossings).toBe(3);
  });

  it('a late evaluation of an earlier period changes nothing', () => {
    const { fired, state } = fires([
      ['2026-W49', false],
      ['2026-W48', true],
    ]);
    expect(fired).toEqual([false, false]);
    expect(state).toEqual({ period: '2026-W49', holds: false, firedInPeriod: false, crossings: 0 });
  });
});
