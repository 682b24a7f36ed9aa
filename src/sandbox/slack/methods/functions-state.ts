import type { SimWorkspace } from '../workspace.js';

/**
 * How Workflow Builder steps ended: each functions.completeSuccess / functions.completeError call
 * Slack accepted, in order. Kept beside the workspace (one state per workspace, in a WeakMap) like
 * files-state.ts, so the simulator's core stays as it is.
 */
export type RecordedFunctionCompletion =
  | { functionExecutionId: string; outcome: 'success'; outputs: Record<string, unknown>; time: number }
  | { functionExecutionId: string; outcome: 'error'; error: string; time: number };

const states = new WeakMap<SimWorkspace, RecordedFunctionCompletion[]>();

/** The workspace's recorded step completions (created on first use). */
export function functionCompletionsOf(ws: SimWorkspace): RecordedFunctionCompletion[] {
  let state = states.get(ws);
  if (state === undefined) {
    state = [];
    states.set(ws, state);
  }
  return state;
}
