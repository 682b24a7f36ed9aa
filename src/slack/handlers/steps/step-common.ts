/**
 * What kpibot's three Workflow Builder steps share: how a step ends (outputs, one sentence, or
 * nothing when another delivery of the same execution ends it), the deadline that keeps Gtmhub's
 * slowness from leaving a step hanging, the week's time zone, and the KPI named in an input.
 */
import type { webApi } from '@slack/bolt';
import type { Kpi } from '../../../gtmhub/types.js';
import { describeFailure, operatorHint } from '../../../kpis/failure-sentences.js';
import { parsePeriodInput } from '../../../kpis/period-input.js';
import { resolveKpiRefOrFetch } from '../../../kpis/resolve-kpi.js';
import { systemClock, within } from '../../../time/clock.js';
import { isUsableZone } from '../../../time/zones.js';
import type { SlackDeps } from '../../deps.js';
import { stepSentences } from '../../views/steps.js';
import { kpiFetcher } from '../lookup/lookup.js';

export type StepOutputs = Record<string, string | number>;

export type StepResult =
  | { kind: 'complete'; outputs: StepOutputs }
  | { kind: 'fail'; error: string }
  /** Another delivery of the same execution is still running and will end the step. */
  | { kind: 'leave'; reason: string };

export const complete = (outputs: StepOutputs): StepResult => ({ kind: 'complete', outputs });
export const fail = (error: string): StepResult => ({ kind: 'fail', error });

/**
 * How long a step may take before it fails with the reason. Slack gives a step no fixed limit, but
 * a workflow waits on it: Gtmhub's calls have their own 2 s deadlines, so 10 s only trips when
 * several calls in a row are slow (or Slack's users.info is).
 */
export const STEP_DEADLINE_MS = 10_000;

/**
 * Runs a step's work within the deadline (`deps.clock`): its result, the `late` sentence when the
 * deadline passes first, or — for an unexpected failure — the one sentence `describeFailure` gives,
 * with the details in the log.
 */
export async function withinStepDeadline(deps: Pick<SlackDeps, 'logger' | 'clock' | 'steps'>, doing: string, work: () => Promise<StepResult>, late: (seconds: number) => string): Promise<StepResult> {
  const deadlineMs = deps.steps?.deadlineMs ?? STEP_DEADLINE_MS;
  const guarded = work().catch((error: unknown): StepResult => {
    const hint = operatorHint(error);
    deps.logger.error(`a workflow step failed while ${doing}`, { error, ...(hint ? { hint } : {}) });
    return fail(describeFailure(error, doing));
  });
  return within(deps.clock ?? systemClock, deadlineMs, guarded, () => {
    deps.logger.warn('a workflow step ran out of time', { doing, deadlineMs });
    return fail(late(Math.round(deadlineMs / 1000)));
  });
}

/** The week's zone and the number format of a step. */
export interface StepPlace {
  zone: string;
  locale: string;
}

/**
 * Whose weeks: the `user` input's Slack time zone, else the `time_zone` input (an IANA zone), else
 * UTC — a scheduled workflow has no person. A `time_zone` that is not a zone fails the step.
 */
export async function stepPlace(deps: SlackDeps, client: webApi.WebClient, user: string | undefined, timeZone: string | undefined): Promise<StepPlace | { error: string }> {
  const profile = user === undefined ? undefined : await deps.profiles.get(client, user);
  if (profile?.zoneKnown) return { zone: profile.zone, locale: profile.locale };
  const locale = profile?.locale ?? 'en-US';
  if (timeZone === undefined) return { zone: 'UTC', locale };
  return isUsableZone(timeZone) ? { zone: timeZone, locale } : { error: stepSentences.badZone(timeZone) };
}

/** Where a step's week is read and which week its period input names (this week when empty). */
export interface StepWeek {
  place: StepPlace;
  /** The week label, e.g. `2026-W48`. */
  period: string;
}

export async function stepWeek(deps: SlackDeps, client: webApi.WebClient, input: { periodText: string | undefined; user: string | undefined; timeZone: string | undefined }): Promise<StepWeek | { error: string }> {
  const place = await stepPlace(deps, client, input.user, input.timeZone);
  if ('error' in place) return place;
  const period = parsePeriodInput(input.periodText, new Date(deps.now()), place.zone);
  return period.ok ? { place, period: period.label } : { error: stepSentences.badPeriod(period.reason) };
}

function comparable(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The KPI an input names by its Gtmhub id or its exact name (case aside): a workflow runs unattended
 * for months, so a prefix that happens to be unique today is refused rather than guessed.
 */
export async function stepKpi(deps: SlackDeps, ref: string): Promise<{ kpi: Kpi } | { error: string }> {
  const catalogue = await deps.catalogue.get();
  const resolved = await resolveKpiRefOrFetch(catalogue.index, ref, kpiFetcher(deps), { purpose: 'write' });
  if (resolved.kind === 'unknown') return { error: stepSentences.unknownKpi(ref, resolved.closest) };
  if (resolved.kind === 'ambiguous') return { error: stepSentences.ambiguousKpi(ref, resolved.candidates) };
  const { kpi } = resolved;
  if (kpi.id !== ref.trim() && comparable(kpi.name) !== comparable(ref)) return { error: stepSentences.notExactName(ref, kpi) };
  return { kpi };
}

/** A step's KPI input (required) and the week it reads or writes: both, or the sentence to fail with. */
export async function stepKpiAndWeek(
  deps: SlackDeps,
  client: webApi.WebClient,
  input: { kpiRef: string | undefined; periodText: string | undefined; user: string | undefined; timeZone: string | undefined },
): Promise<(StepWeek & { kpi: Kpi }) | { error: string }> {
  if (input.kpiRef === undefined) return { error: stepSentences.missingInput('KPI', 'KPI') };
  const week = await stepWeek(deps, client, input);
  if ('error' in week) return week;
  const found = await stepKpi(deps, input.kpiRef);
  return 'error' in found ? found : { ...week, kpi: found.kpi };
}
