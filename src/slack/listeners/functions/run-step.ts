import type { StepResult } from '../../handlers/steps/step-common.js';
import type { SlackDeps } from '../../deps.js';
import { parseFunctionExecuted, type FunctionExecution } from '../../payloads/function-executed.js';
import { stepSentences } from '../../views/steps.js';
import { logUnreadable } from '../unreadable.js';

/** What every step listener gets from Bolt that kpibot uses (the event, the envelope, the two endings). */
export interface StepArgs {
  event: unknown;
  body: unknown;
  /** Bolt's `complete` (functions.completeSuccess); Bolt does not export its type. */
  complete: (params: { outputs: Record<string, string | number> }) => Promise<unknown>;
  /** Bolt's `fail` (functions.completeError). */
  fail: (params: { error: string }) => Promise<unknown>;
}

/**
 * Runs one step's handler on the parsed event and ends the step with what it answered: the step's
 * outputs (functions.completeSuccess) or its one sentence (functions.completeError). An event kpibot
 * cannot read fails at once rather than leaving the workflow waiting. Slack refuses a second ending
 * of the same execution (a redelivered event whose first delivery ended it): logged, nothing else.
 */
export async function runStep(deps: SlackDeps, callbackId: string, args: StepArgs, handle: (execution: FunctionExecution) => Promise<StepResult>): Promise<void> {
  const execution = parseFunctionExecuted(args.event, args.body);
  let result: StepResult;
  if (execution.ok) {
    result = await handle(execution.value);
  } else {
    logUnreadable(deps, `a ${callbackId} step`, execution.error);
    result = { kind: 'fail', error: stepSentences.unexpected() };
  }
  const context = { step: callbackId, ...(execution.ok ? { functionExecutionId: execution.value.executionId, teamId: execution.value.teamId } : {}) };
  try {
    if (result.kind === 'complete') await args.complete({ outputs: result.outputs });
    else if (result.kind === 'fail') await args.fail({ error: result.error });
    else deps.logger.info('a redelivered workflow step left to its first delivery', { ...context, reason: result.reason });
  } catch (error) {
    deps.logger.warn('Slack did not take the end of a workflow step', { ...context, outcome: result.kind, error });
  }
}
