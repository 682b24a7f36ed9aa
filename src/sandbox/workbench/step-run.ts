/**
 * The workbench's `step` command: Workflow Builder runs one of kpibot's steps. The driver sends the
 * signed function_executed event Slack would; kpibot acknowledges it at once and ends the step later
 * with functions.completeSuccess or functions.completeError, which the Slack simulator records and
 * this prints.
 */
import { randomBytes } from 'node:crypto';
import type { RecordedFunctionCompletion } from '../slack/methods/functions-state.js';
import type { Sandbox } from './environment.js';

/** How one step ended, as the workbench prints it: the outputs one per line, or the error sentence. */
export function describeCompletion(callbackId: string, completion: RecordedFunctionCompletion): string[] {
  if (completion.outcome === 'error') return [`Step ${callbackId} failed: ${completion.error}`];
  const outputs = Object.entries(completion.outputs).map(([name, value]) => `  ${name}: ${typeof value === 'string' && value.includes('\n') ? `\n    ${value.split('\n').join('\n    ')}` : String(value)}`);
  return [`Step ${callbackId} completed with:`, ...(outputs.length > 0 ? outputs : ['  (no outputs)'])];
}

/** Sends the event and waits (up to `waitMs`) for the step to end; false when kpibot did not acknowledge it or end the step. */
export async function runWorkflowStep(sandbox: Sandbox, step: { callbackId: string; inputs: Record<string, string> }, waitMs: number, out: string[]): Promise<boolean> {
  const functionExecutionId = `Fx${randomBytes(5).toString('hex').toUpperCase()}`;
  const response = await sandbox.driver.functionExecuted({ callbackId: step.callbackId, inputs: step.inputs, functionExecutionId, botAccessToken: sandbox.slack.botToken });
  if (response.status < 200 || response.status >= 300) {
    out.push(`! kpibot answered HTTP ${response.status}: ${response.body.slice(0, 300)}`);
    return false;
  }
  const completionOf = (): RecordedFunctionCompletion | undefined => sandbox.slack.functionCompletions.find((c) => c.functionExecutionId === functionExecutionId);
  try {
    await sandbox.slack.waitFor(() => completionOf() !== undefined, waitMs);
  } catch {
    out.push(`! step ${step.callbackId} did not end within ${waitMs / 1000} s (is it one of kpibot's steps? see help; logs shows what kpibot did)`);
    return false;
  }
  // A step kpibot failed with its sentence is an answer, not a failure of the line (use expect).
  out.push(...describeCompletion(step.callbackId, completionOf()!));
  return true;
}
