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

/**
 * The state of a rule whose condition was edited: nothing judged yet, as if new, but each KPI's
 * crossing count kept, so the next crossing's claim key is a new one (a key already posted would
 * never post again).
 */
export function restartEdges(state: Readonly<Record<string, EdgeState>>): Record<string, EdgeState> {
  return Object.fromEntries(Object.entries(state).map(([kpiId, s]) => [kpiId, { period: null, holds: false, firedInPeriod: false, crossings: s.crossings }]));
}
