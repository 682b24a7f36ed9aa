import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionExecuted, startSlackSimulator, type SlackDriver, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { clientFor, slackError, startBoltAgainst } from './helpers.js';

/**
 * Workflow Builder steps in the sandbox: the driver's `function_executed` event reaches a real Bolt
 * `app.function` listener, and its `complete` / `fail` land in the simulator's record. Bolt checks
 * timestamps against the real clock, so this suite uses it too.
 */
const SECRET = 'functions-sandbox-secret';

describe('Slack sandbox: function_executed events and functions.completeSuccess / completeError', () => {
  let sim: SlackSimulator;
  let app: App;
  let driver: SlackDriver;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    ({ app, driver } = await startBoltAgainst(sim, SECRET, (bolt) =>
      bolt.function('double', async ({ inputs, complete, fail }) => {
        const n = Number(inputs.n);
        if (Number.isNaN(n)) await fail({ error: `"${String(inputs.n)}" is not a number: give the step a number.` });
        else await complete({ outputs: { doubled: n * 2 } });
      }),
    ));
  });

  afterAll(async () => {
    await app.stop();
    await sim.close();
  });

  it('delivers the inputs to app.function and records the outputs it completes with', async () => {
    const response = await driver.functionExecuted({ callbackId: 'double', inputs: { n: 21 }, functionExecutionId: 'Fx0DOUBLE1', botAccessToken: sim.botToken });
    expect(response.status).toBe(200);
    await sim.waitFor(() => sim.functionCompletions.some((c) => c.functionExecutionId === 'Fx0DOUBLE1'));
    expect(sim.functionCompletions.find((c) => c.functionExecutionId === 'Fx0DOUBLE1')).toMatchObject({ outcome: 'success', outputs: { doubled: 42 } });
  });

  it('records the error sentence of a step that fails', async () => {
    await driver.functionExecuted({ callbackId: 'double', inputs: { n: 'lots' }, functionExecutionId: 'Fx0DOUBLE2' });
    await sim.waitFor(() => sim.functionCompletions.some((c) => c.functionExecutionId === 'Fx0DOUBLE2'));
    expect(sim.functionCompletions.find((c) => c.functionExecutionId === 'Fx0DOUBLE2')).toMatchObject({ outcome: 'error', error: '"lots" is not a number: give the step a number.' });
  });

  it('refuses a second completion of the same execution, and a completion without an execution', async () => {
    const client = clientFor(sim);
    await client.functions.completeSuccess({ function_execution_id: 'Fx0ONCE', outputs: { a: 1 } });
    expect((await slackError(client.functions.completeError({ function_execution_id: 'Fx0ONCE', error: 'late' }))).code).toBe('execution_not_in_running_state');
    expect((await slackError(client.functions.completeSuccess({ function_execution_id: '', outputs: {} }))).code).toBe('function_execution_not_found');
    expect(sim.functionCompletions.filter((c) => c.functionExecutionId === 'Fx0ONCE')).toHaveLength(1);
  });

  it('builds the event envelope Slack sends, naming the organisation for an org-level install', () => {
    const body = JSON.parse(functionExecuted({ callbackId: 'double', inputs: { n: 1 }, functionExecutionId: 'Fx1', enterpriseId: 'E0ORG', teamId: 'T0ONE', now: Date.UTC(2026, 0, 5) })) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'event_callback',
      team_id: 'T0ONE',
      enterprise_id: 'E0ORG',
      is_enterprise_install: true,
      event: { type: 'function_executed', function: { callback_id: 'double' }, inputs: { n: 1 }, function_execution_id: 'Fx1' },
      authorizations: [{ enterprise_id: 'E0ORG', is_enterprise_install: true }],
    });
    expect(JSON.parse(functionExecuted({ callbackId: 'double' }))).not.toHaveProperty('enterprise_id');
  });
});
