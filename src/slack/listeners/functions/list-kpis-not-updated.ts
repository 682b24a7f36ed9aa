import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { runListKpisNotUpdatedStep } from '../../handlers/steps/list-kpis-not-updated.js';
import { StepIds } from '../../ids.js';
import { textInput, userInput } from '../../payloads/function-executed.js';
import { runStep } from './run-step.js';

const { callbackId, inputs: IN } = StepIds.listKpisNotUpdated;

/** Workflow Builder's "List KPIs not updated this period" step; Bolt acknowledges the event at once (autoAcknowledge). */
export function register(app: App, deps: SlackDeps): void {
  app.function(callbackId, { autoAcknowledge: true }, async ({ event, body, client, complete, fail }) => {
    await runStep(deps, callbackId, { event, body, complete, fail }, (execution) =>
      runListKpisNotUpdatedStep(deps, client, {
        teamId: execution.teamId,
        groupRef: textInput(execution.inputs, IN.group),
        owner: userInput(execution.inputs, IN.owner),
        periodText: textInput(execution.inputs, IN.period),
        user: userInput(execution.inputs, IN.user),
        timeZone: textInput(execution.inputs, IN.timeZone),
      }),
    );
  });
}
