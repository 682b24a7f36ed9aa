/**
 * The "List KPIs not updated this period" step: the KPIs of a group, or owned by a Slack user, that
 * have no value for the week yet, as a message a later step can post or DM, and their count. One
 * batched snapshot read with the workspace's Gtmhub token.
 */
import type { webApi } from '@slack/bolt';
import { knownGroups, resolveGroupRef } from '../../../favorites/resolve-group.js';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { CatalogueView } from '../../../kpis/catalogue.js';
import { kpisOwnedBy } from '../../../kpis/kpi-owners.js';
import { readPeriodValues, withoutValueIn } from '../../../kpis/period-values.js';
import { gtmhubOffset } from '../../../time/zones.js';
import type { SlackDeps } from '../../deps.js';
import { StepIds } from '../../ids.js';
import { notUpdatedText, stepSentences, type NotUpdatedScope } from '../../views/steps.js';
import { complete, fail, stepWeek, withinStepDeadline, type StepResult } from './step-common.js';

export interface ListKpisNotUpdatedStep {
  teamId: string;
  groupRef: string | undefined;
  /** A Slack user whose KPIs (as a Gtmhub owner) to list. */
  owner: string | undefined;
  periodText: string | undefined;
  user: string | undefined;
  timeZone: string | undefined;
}

const OUT = StepIds.listKpisNotUpdated.outputs;

export function runListKpisNotUpdatedStep(deps: SlackDeps, client: webApi.WebClient, step: ListKpisNotUpdatedStep): Promise<StepResult> {
  return withinStepDeadline(deps, 'listing the KPIs not updated', () => listKpisNotUpdated(deps, client, step), stepSentences.tooSlow);
}

type Scoped = { scope: NotUpdatedScope; kpis: Kpi[] } | { error: string };

function groupScope(view: CatalogueView, ref: string): Scoped {
  const resolved = resolveGroupRef(knownGroups(view), ref);
  if (resolved.kind === 'unknown') return { error: stepSentences.unknownGroup(ref, resolved.closest) };
  if (resolved.kind === 'ambiguous') return { error: stepSentences.ambiguousGroup(ref, resolved.candidates) };
  const { group } = resolved;
  return { scope: { kind: 'group', name: group.name }, kpis: view.kpis.filter((k) => k.groups.includes(group.id)) };
}

/** The owner's KPIs: the Slack user's Gtmhub user (matched by email or linked by hand in this workspace). */
async function ownerScope(deps: SlackDeps, view: CatalogueView, teamId: string, owner: string): Promise<Scoped> {
  if (!deps.people) return { error: stepSentences.ownerUnknown(owner) };
  const answer = (await deps.people.forTeam(teamId)).gtmhubUserOf(owner);
  if (!answer.found) return { error: answer.reason === 'gtmhub_users_unknown' ? stepSentences.ownerNotReady() : stepSentences.ownerUnknown(owner) };
  return { scope: { kind: 'owner', slackUserId: owner }, kpis: kpisOwnedBy(view.kpis, answer.gtmhubUserId) };
}

async function listKpisNotUpdated(deps: SlackDeps, client: webApi.WebClient, step: ListKpisNotUpdatedStep): Promise<StepResult> {
  const { groupRef, owner } = step;
  if ((groupRef === undefined) === (owner === undefined)) return fail(stepSentences.groupOrOwner());
  const week = await stepWeek(deps, client, step);
  if ('error' in week) return fail(week.error);
  const { place, period } = week;
  const view = await deps.catalogue.get();
  const scoped = groupRef !== undefined ? groupScope(view, groupRef) : owner !== undefined ? await ownerScope(deps, view, step.teamId, owner) : { error: stepSentences.groupOrOwner() };
  if ('error' in scoped) return fail(scoped.error);

  const values = await readPeriodValues(deps.gtmhub, scoped.kpis.map((k) => k.id), [period], gtmhubOffset(place.zone, deps.now()), { policy: interactiveWithinTwoSeconds });
  const missing = withoutValueIn(scoped.kpis, values, period);
  return complete({ [OUT.text]: notUpdatedText(scoped.scope, period, missing, scoped.kpis.length), [OUT.count]: missing.length });
}
