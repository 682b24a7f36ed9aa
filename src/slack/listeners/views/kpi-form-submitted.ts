import type { App } from '@slack/bolt';
import { Claims } from '../../../kpis/claims.js';
import type { SlackDeps } from '../../deps.js';
import { reviewAnswer, reviewKpiForm } from '../../handlers/kpi-admin/review.js';
import { saveKpiForm } from '../../handlers/kpi-admin/save.js';
import { KpiAdminIds } from '../../ids.js';
import { logUnreadable, readSubmission } from '../unreadable.js';

/**
 * The KPI form (create or edit) was submitted. Permission and input are checked before the ack
 * (errors go next to their fields, nothing is sent); a valid form turns into "Creating…" at once
 * and Gtmhub's answer replaces it.
 */
export function register(app: App, deps: SlackDeps): void {
  // The view ids whose submission is being (or was) sent: one POST per form, whatever Slack delivers.
  const claims = new Claims();
  app.view(KpiAdminIds.formModal, async ({ ack, body, client }) => {
    const submission = await readSubmission(deps, body, 'a submitted KPI form', (answer) => ack(answer));
    if (!submission) return;
    const { actor, view } = submission;
    const review = await reviewKpiForm(deps, client, { teamId: actor.teamId, userId: actor.userId, view }, claims);
    if (review.kind === 'unreadable') logUnreadable(deps, 'a submitted KPI form’s metadata', review.reason);
    await ack(reviewAnswer(review));
    if (review.kind !== 'save') return;
    await saveKpiForm(deps, client, { view, teamId: actor.teamId, userId: actor.userId, review }, claims);
  });
}
