/**
 * A `function_executed` event (Workflow Builder runs one of kpibot's steps) as kpibot uses it:
 * which execution, in which workspace, with which inputs.
 * https://docs.slack.dev/reference/events/function_executed/
 */
import { invalid, isRecord, nonEmptyString, parsed, type Parsed } from '../../parsing/parsed.js';

export interface FunctionExecution {
  /** Slack keeps it when it delivers the event again: the step's idempotency key. */
  executionId: string;
  /**
   * The key kpibot files this step's data under (submissions, people links, favorites, tokens,
   * digests and check-ins are all keyed by it): the workspace the workflow runs in when Slack names
   * one, else — an org-level install whose event names no workspace — the organisation's id.
   */
  teamId: string;
  /** The Enterprise Grid organisation, for an org-level install (`is_enterprise_install`). */
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  /** The values the workflow gave the step's input parameters, as Slack sent them. */
  inputs: Record<string, unknown>;
}

function firstAuthorization(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const list = body.authorizations;
  return Array.isArray(list) && isRecord(list[0]) ? list[0] : undefined;
}

export function parseFunctionExecuted(event: unknown, body: unknown): Parsed<FunctionExecution> {
  if (!isRecord(event) || !isRecord(body)) return invalid('function_executed without an event');
  const executionId = nonEmptyString(event.function_execution_id);
  if (!executionId) return invalid('function_executed names no function_execution_id');
  const authorization = firstAuthorization(body);
  const enterpriseId = nonEmptyString(body.enterprise_id) ?? nonEmptyString(authorization?.enterprise_id);
  // Slack writes `is_enterprise_install` as a boolean in events (and as the string 'true' in commands).
  const flag = body.is_enterprise_install ?? authorization?.is_enterprise_install;
  const isEnterpriseInstall = flag === true || flag === 'true';
  const teamId = nonEmptyString(body.team_id) ?? nonEmptyString(authorization?.team_id) ?? (isEnterpriseInstall ? enterpriseId : undefined);
  if (!teamId) return invalid('function_executed names no workspace and no organisation');
  const inputs = isRecord(event.inputs) ? event.inputs : {};
  return parsed({ executionId, teamId, enterpriseId, isEnterpriseInstall, inputs });
}

/** An input as text (a number is read as its digits), trimmed; undefined when empty or absent. */
export function textInput(inputs: Record<string, unknown>, name: string): string | undefined {
  const value = inputs[name];
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return text === '' ? undefined : text;
}

/** Slack user ids: `U…`, or `W…` on Enterprise Grid. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** A `slack#/types/user_id` input; undefined when empty, absent or not a user id. */
export function userInput(inputs: Record<string, unknown>, name: string): string | undefined {
  const text = textInput(inputs, name);
  return text !== undefined && SLACK_USER_ID.test(text) ? text : undefined;
}
