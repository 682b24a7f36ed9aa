/**
 * Edge-triggering: an alert fires when its condition becomes true for a period, at most once per
 * period, so a value that flaps around a threshold within one period posts once; a new period in
 * which the condition holds fires again. Pure: the caller stores the returned state.
 */
import type { EdgeState } from './types.js';

export interface EdgeStep {
  fire: boolean;
  next: EdgeState;
}

/**
 * One evaluation of `period` (comparable labels via `compare`, negative when the first comes
 * first). A period older than the last one evaluated changes nothing: a late value for last week
 * never re-opens it.
 */
export function stepEdge(state: EdgeState, period: string, holds: boolean, compare: (a: string, b: string) => number): EdgeStep {
  if (state.period !== null && state.period !== period && compare(period, state.period) < 0) return { fire: false, next: state };
  const samePeriod = state.period === period;
  const alreadyFired = samePeriod && state.firedInPeriod;
  const fire = holds && !alreadyFired;
  return {
    fire,
    next: {
      period,
      holds,
      firedInPeriod: alreadyFired || fire,
      crossings: fire ? state.crossings + 1 : state.crossings,
    },
  };
}
