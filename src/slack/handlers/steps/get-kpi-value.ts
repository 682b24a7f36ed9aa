/**
 * The "Get a KPI's value" step: a KPI's value in a week (this week by default), as a number and
 * with its units, with the change against the week before and the KPI's Gtmhub link, so that a
 * later step can post it or branch on it. Read with the workspace's Gtmhub token.
 */
import type { webApi } from '@slack/bolt';
import { DEFAULT_BASE_URL, kpiWebLink, webAppUrlOf } from '../../../gtmhub/assumptions.js';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import { readPeriodValues } from '../../../kpis/period-values.js';
import { previousPeriod } from '../../../time/periods.js';
import { gtmhubOffset } from '../../../time/zones.js';
import type { SlackDeps } from '../../deps.js';
import { StepIds } from '../../ids.js';
import { changeText, formattedValue, stepSentences } from '../../views/steps.js';
import { complete, fail, stepKpiAndWeek, withinStepDeadline, type StepResult } from './step-common.js';

export interface GetKpiValueStep {
  kpiRef: string | undefined;
  periodText: string | undefined;
  user: string | undefined;
  timeZone: string | undefined;
}

const OUT = StepIds.getKpiValue.outputs;

export function runGetKpiValueStep(deps: SlackDeps, client: webApi.WebClient, step: GetKpiValueStep): Promise<StepResult> {
  return withinStepDeadline(deps, 'reading the KPI’s value', () => getKpiValue(deps, client, step), stepSentences.tooSlow);
}

async function getKpiValue(deps: SlackDeps, client: webApi.WebClient, step: GetKpiValueStep): Promise<StepResult> {
  const target = await stepKpiAndWeek(deps, client, step);
  if ('error' in target) return fail(target.error);
  const { kpi, place, period } = target;

  const before = previousPeriod(period);
  const values = await readPeriodValues(deps.gtmhub, [kpi.id], [before, period], gtmhubOffset(place.zone, deps.now()), { policy: interactiveWithinTwoSeconds });
  const value = values.get(kpi.id)?.get(period);
  if (value === undefined) return fail(stepSentences.noValue(kpi, period));
  const previous = values.get(kpi.id)?.get(before);
  return complete({
    [OUT.value]: value,
    [OUT.formatted]: formattedValue(kpi, value, place.locale),
    [OUT.period]: period,
    ...(previous !== undefined ? { [OUT.change]: value - previous } : {}),
    [OUT.changeText]: changeText(kpi, value, previous, before, place.locale),
    [OUT.link]: kpiWebLink(deps.steps?.gtmhubAppUrl ?? webAppUrlOf(DEFAULT_BASE_URL), kpi.id),
  });
}
