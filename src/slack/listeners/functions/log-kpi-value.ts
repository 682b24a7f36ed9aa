import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { runLogKpiValueStep } from '../../handlers/steps/log-kpi-value.js';
import { StepIds } from '../../ids.js';
import { textInput, userInput } from '../../payloads/function-executed.js';
import { runStep } from './run-step.js';

const { callbackId, inputs: IN } = StepIds.logKpiValue;

/** Workflow Builder's "Log a KPI value" step; Bolt acknowledges the event at once (autoAcknowledge). */
export function register(app: App, deps: SlackDeps): void {
  app.function(callbackId, { autoAcknowledge: true }, async ({ event, body, client, complete, fail }) => {
    await runStep(deps, callbackId, { event, body, complete, fail }, (execution) =>
      runLogKpiValueStep(deps, client, {
        executionId: execution.executionId,
        teamId: execution.teamId,
        kpiRef: textInput(execution.inputs, IN.kpi),
        valueText: textInput(execution.inputs, IN.value),
        periodText: textInput(execution.inputs, IN.period),
        user: userInput(execution.inputs, IN.user),
        timeZone: textInput(execution.inputs, IN.timeZone),
      }),
    );
  });
}
