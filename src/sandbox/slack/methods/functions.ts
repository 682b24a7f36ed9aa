import { optionalString, type Args } from '../args.js';
import { SlackMethodError } from '../errors.js';
import type { SimWorkspace } from '../workspace.js';
import { functionCompletionsOf } from './functions-state.js';
import type { MethodHandler } from './handler.js';

/**
 * functions.completeSuccess / functions.completeError: how an app ends a step of a workflow it got
 * as a `function_executed` event (Tier 3, no scope: the event's own token). A second completion of
 * the same execution is refused with `execution_not_in_running_state`. https://docs.slack.dev/reference/methods/functions.completeSuccess/
 * and https://docs.slack.dev/reference/methods/functions.completeError/
 */
function executionId(args: Args, ws: SimWorkspace): string {
  const id = optionalString(args, 'function_execution_id');
  if (id === undefined || id === '') throw new SlackMethodError('function_execution_not_found');
  // A step ends once: Slack refuses a second completion of the same execution.
  if (functionCompletionsOf(ws).some((c) => c.functionExecutionId === id)) throw new SlackMethodError('execution_not_in_running_state');
  return id;
}

function readOutputs(args: Args): Record<string, unknown> {
  let raw = args.outputs;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] outputs must be a JSON object'] } });
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: outputs'] } });
  }
  return Object.fromEntries(Object.entries(raw));
}

function completeSuccess(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const functionExecutionId = executionId(args, ws);
  const outputs = readOutputs(args);
  functionCompletionsOf(ws).push({ functionExecutionId, outcome: 'success', outputs, time: ws.now });
  return {};
}

function completeError(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const functionExecutionId = executionId(args, ws);
  const error = optionalString(args, 'error');
  if (error === undefined || error === '') throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: error'] } });
  functionCompletionsOf(ws).push({ functionExecutionId, outcome: 'error', error, time: ws.now });
  return {};
}

export const functionsMethods: Record<string, MethodHandler> = {
  'functions.completeSuccess': completeSuccess,
  'functions.completeError': completeError,
};
