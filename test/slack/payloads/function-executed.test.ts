import { describe, expect, it } from 'vitest';
import { functionExecuted } from '../../../src/sandbox/slack/payloads.js';
import { parseFunctionExecuted, textInput, userInput } from '../../../src/slack/payloads/function-executed.js';

/** The event and its envelope as Bolt hands them to an app.function listener. */
function delivered(body: string): { event: unknown; body: unknown } {
  const parsedBody = JSON.parse(body) as { event: unknown };
  return { event: parsedBody.event, body: parsedBody };
}

describe('parseFunctionExecuted', () => {
  it('reads the execution id, the workspace and the inputs of a workspace install', () => {
    const { event, body } = delivered(functionExecuted({ callbackId: 'log_kpi_value', inputs: { kpi: 'Churn rate' }, functionExecutionId: 'Fx1', teamId: 'T0ONE' }));
    expect(parseFunctionExecuted(event, body)).toEqual({
      ok: true,
      value: { executionId: 'Fx1', teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false, inputs: { kpi: 'Churn rate' } },
    });
  });

  it('files an org-level event under the workspace it names', () => {
    const { event, body } = delivered(functionExecuted({ callbackId: 'x', functionExecutionId: 'Fx2', teamId: 'T0ONE', enterpriseId: 'E0ORG' }));
    expect(parseFunctionExecuted(event, body)).toMatchObject({ ok: true, value: { teamId: 'T0ONE', enterpriseId: 'E0ORG', isEnterpriseInstall: true } });
  });

  it('files an org-level event that names no workspace under the organisation', () => {
    const { event, body } = delivered(functionExecuted({ callbackId: 'x', functionExecutionId: 'Fx3', enterpriseId: 'E0ORG', withoutTeam: true }));
    expect(parseFunctionExecuted(event, body)).toMatchObject({ ok: true, value: { teamId: 'E0ORG', enterpriseId: 'E0ORG', isEnterpriseInstall: true } });
  });

  it('reads is_enterprise_install written as the string "true"', () => {
    const body = { enterprise_id: 'E0ORG', is_enterprise_install: 'true', authorizations: [] };
    expect(parseFunctionExecuted({ function_execution_id: 'Fx4', inputs: {} }, body)).toMatchObject({ ok: true, value: { teamId: 'E0ORG', isEnterpriseInstall: true } });
  });

  it('refuses an event without an execution id, or without a workspace or an org-level install', () => {
    expect(parseFunctionExecuted({ inputs: {} }, { team_id: 'T1' })).toEqual({ ok: false, error: 'function_executed names no function_execution_id' });
    expect(parseFunctionExecuted({ function_execution_id: 'Fx5' }, { enterprise_id: 'E0ORG' })).toEqual({ ok: false, error: 'function_executed names no workspace and no organisation' });
    expect(parseFunctionExecuted(null, {})).toMatchObject({ ok: false });
  });

  it('takes inputs that are not an object as no inputs', () => {
    expect(parseFunctionExecuted({ function_execution_id: 'Fx6', inputs: 'kpi' }, { team_id: 'T1' })).toMatchObject({ ok: true, value: { inputs: {} } });
  });
});

describe('step inputs', () => {
  it('reads text trimmed, a number as its digits, and empty or other values as absent', () => {
    const inputs = { kpi: '  Churn rate ', value: 12.5, empty: '  ', list: ['a'], flag: true };
    expect(textInput(inputs, 'kpi')).toBe('Churn rate');
    expect(textInput(inputs, 'value')).toBe('12.5');
    expect(textInput(inputs, 'empty')).toBeUndefined();
    expect(textInput(inputs, 'list')).toBeUndefined();
    expect(textInput(inputs, 'flag')).toBeUndefined();
    expect(textInput(inputs, 'missing')).toBeUndefined();
  });

  it('reads a user id (U… or W… on Enterprise Grid) and nothing else as a user', () => {
    expect(userInput({ user: 'U0KOLKATA' }, 'user')).toBe('U0KOLKATA');
    expect(userInput({ user: 'W012ABC' }, 'user')).toBe('W012ABC');
    expect(userInput({ user: '<@U0KOLKATA>' }, 'user')).toBeUndefined();
    expect(userInput({ user: 'jane' }, 'user')).toBeUndefined();
  });
});
