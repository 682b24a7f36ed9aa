/**
 * Helpers of the favorites, Home and personal-token suites: replies, the demo account's groups and
 * KPIs, and connecting a personal Gtmhub token through the real /kpi connect modal.
 */
import { randomBytes } from 'node:crypto';
import type { RecordedRequest } from '../../src/sandbox/gtmhub/index.js';
import { ActionIds, BlockIds, CallbackIds } from '../../src/slack/ids.js';
import type { Harness } from '../helpers/harness.js';

export const SECRET_KEY = randomBytes(32).toString('base64');

/** Sends something and resolves with the first reply posted to a response_url after it. */
export async function nextReply(h: Harness, send: () => Promise<unknown>): Promise<{ text: string; body: Record<string, unknown> }> {
  const before = h.slack.responses.length;
  await send();
  await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
  const body = h.slack.responses[before]!.body;
  return { text: JSON.stringify(body), body };
}

export function groupId(h: Harness, name: string): string {
  const group = [...h.gtmhub.state.groups.values()].find((g) => g.name === name);
  if (!group) throw new Error(`demo data has no group named ${name}`);
  return group.id;
}

/** A KPI of the demo account that is in exactly one group, that group. */
export function kpiOnlyIn(h: Harness, group: string) {
  const id = groupId(h, group);
  const kpi = [...h.gtmhub.state.kpis.values()].find((k) => k.groups.length === 1 && k.groups[0] === id);
  if (!kpi) throw new Error(`demo data has no KPI only in ${group}`);
  return kpi;
}

export function favoritePuts(h: Harness): RecordedRequest[] {
  return h.gtmhub.requests.filter((r) => r.route === 'PUT /v1/users/kpi-virtual-group/favorite');
}

export function tokenState(token: string) {
  return { values: { [BlockIds.gtmhubToken]: { [ActionIds.gtmhubTokenInput]: { type: 'plain_text_input', value: token } } } };
}

/** Runs /kpi connect as `user`, pastes `token` into the modal and submits it; resolves with the submission's answer. */
export async function connect(h: Harness, user: string, token: string) {
  const opened = h.slack.views.opened.length;
  await h.driver.command('connect', { userId: user });
  await h.slack.waitFor(() => h.slack.views.opened.length > opened, 10_000);
  const view = h.slack.views.opened.at(-1)!;
  if (view.callback_id !== CallbackIds.connectModal) throw new Error(`expected the connect modal, got ${view.callback_id}`);
  return h.driver.submitView({ view: { ...view, state: tokenState(token) }, user });
}
