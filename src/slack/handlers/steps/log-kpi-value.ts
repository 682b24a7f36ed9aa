/**
 * The "Log a KPI value" step: records a value with the workspace's Gtmhub token (never a personal
 * one: whoever builds a workflow can type any colleague into its user input), through the same
 * pending-then-complete path as every recording, keyed by the step's execution id so that Slack
 * delivering the event twice records once.
 */
import type { webApi } from '@slack/bolt';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import { parseKpiValue } from '../../../kpis/parse-value.js';
import { readPeriodValue } from '../../../kpis/period-values.js';
import { recordValue } from '../../../kpis/record-value.js';
import type { Submission } from '../../../store/submission.js';
import type { SlackDeps } from '../../deps.js';
import { StepIds } from '../../ids.js';
import { stepSentences } from '../../views/steps.js';
import { complete, fail, stepKpiAndWeek, withinStepDeadline, type StepOutputs, type StepResult } from './step-common.js';

export interface LogKpiValueStep {
  executionId: string;
  teamId: string;
  kpiRef: string | undefined;
  valueText: string | undefined;
  periodText: string | undefined;
  /** Whose time zone defines the week (and who the history names); optional. */
  user: string | undefined;
  timeZone: string | undefined;
}

const OUT = StepIds.logKpiValue.outputs;

/** Who a workflow's recording is filed under when no user was given (SubmissionSource 'workflow'). */
export const WORKFLOW_ACTOR = 'workflow';

export function runLogKpiValueStep(deps: SlackDeps, client: webApi.WebClient, step: LogKpiValueStep): Promise<StepResult> {
  return withinStepDeadline(deps, 'recording the value', () => logKpiValue(deps, client, step), stepSentences.tooSlowRecording);
}

function outputsOf(submission: Pick<Submission, 'kpiId' | 'kpiName' | 'period'>, before: number | undefined, after: number | undefined): StepOutputs {
  return {
    [OUT.kpiId]: submission.kpiId,
    [OUT.kpiName]: submission.kpiName,
    [OUT.period]: submission.period,
    ...(before !== undefined ? { [OUT.valueBefore]: before } : {}),
    ...(after !== undefined ? { [OUT.valueAfter]: after } : {}),
  };
}

async function logKpiValue(deps: SlackDeps, client: webApi.WebClient, step: LogKpiValueStep): Promise<StepResult> {
  if (step.valueText === undefined) return fail(stepSentences.missingInput('value', 'Value'));
  const parsed = parseKpiValue(step.valueText);
  if (!parsed.ok) return fail(stepSentences.badValue(parsed.reason));
  const target = await stepKpiAndWeek(deps, client, step);
  if ('error' in target) return fail(target.error);
  const { kpi, place, period } = target;

  let result;
  try {
    result = await recordValue(
      {
        teamId: step.teamId,
        userId: step.user ?? WORKFLOW_ACTOR,
        kpi,
        value: parsed.value,
        rawInput: step.valueText,
        period: period,
        zone: place.zone,
        locale: place.locale,
        source: 'workflow',
        idempotencyKey: `function_execution:${step.executionId}`,
      },
      { gtmhub: deps.gtmhub, submissions: deps.submissions, logger: deps.logger, now: deps.now, onRecorded: (id) => deps.recentValues.invalidate(id) },
    );
  } catch (error) {
    // recordValue throws only before Gtmhub was called (the store's pending row failed).
    deps.logger.error('a workflow step could not prepare a recording', { error, kpiId: kpi.id, period: period });
    return fail(stepSentences.notSent(step.valueText, kpi.name, period));
  }

  switch (result.status) {
    case 'recorded': {
      const event = { teamId: step.teamId, userId: step.user ?? WORKFLOW_ACTOR, kpiId: kpi.id, period: period, zone: place.zone, value: parsed.value, after: result.after, at: deps.now() };
      deps.background.run('telling what follows a recording', () => deps.valueRecorded.publish(event));
      return complete(outputsOf(result.submission, result.before, result.after));
    }
    case 'failed':
    case 'unknown':
      return fail(result.sentence);
    case 'duplicate':
      return answerDuplicate(deps, result.submission);
  }
}

/**
 * Slack delivered the same execution again: nothing is sent to Gtmhub twice. A recording already
 * settled ends the step the way the first delivery did (Slack refuses a second completion, so this
 * only matters when the first delivery could not complete); one still pending is left to the
 * delivery that is running it.
 */
async function answerDuplicate(deps: SlackDeps, submission: Submission): Promise<StepResult> {
  switch (submission.status) {
    case 'recorded': {
      const after = await readPeriodValue(deps.gtmhub, submission.kpiId, submission.period, submission.timeZone, { policy: interactiveWithinTwoSeconds }).catch(() => undefined);
      return complete(outputsOf(submission, submission.previousValue ?? undefined, after));
    }
    case 'failed':
    case 'unknown':
      return fail(submission.error ?? stepSentences.unexpected());
    case 'pending':
      return { kind: 'leave', reason: 'the first delivery of this execution is still recording' };
  }
}

