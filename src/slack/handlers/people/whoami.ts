/**
 * `/kpi whoami` and `/kpi mine`: who kpibot thinks you are in Gtmhub, and the KPIs you own with
 * this week's status. Both answer from what the directories last read: never a wait for Gtmhub's
 * user list or Slack's member list.
 */
import type { webApi } from '@slack/bolt';
import { isoWeekOf } from '../../../time/periods.js';
import type { SlackDeps } from '../../deps.js';
import { noticeMessage } from '../../views/help.js';
import type { MessageView } from '../../views/messages.js';
import { MINE_MAX, mineMessage, whoamiMessage, type MineCard } from '../../views/people.js';
import { ownKpis } from '../home/publish-home.js';
import { cardsFor, historiesOf } from '../lookup/lookup.js';

/** When `deps.people` is unset (a test app, a deployment without it). */
export const PEOPLE_UNAVAILABLE = 'kpibot is not set up to know who is who in Gtmhub here, so it cannot answer this.';

export async function whoamiAnswer(deps: SlackDeps, teamId: string, userId: string): Promise<MessageView> {
  if (!deps.people) return noticeMessage(PEOPLE_UNAVAILABLE);
  const [view, link] = await Promise.all([deps.people.forTeam(teamId), deps.people.linkOf(teamId, userId)]);
  const answer = view.gtmhubUserOf(userId);
  const catalogue = deps.catalogue.peek();
  const owned = catalogue && answer.found ? (ownKpis(catalogue, view, userId)?.length ?? 0) : undefined;
  return whoamiMessage({ userId, answer, link: answer.found && answer.matchedBy === 'link' ? link : undefined, gtmhubUsers: view.gtmhubUsers, slackMembers: view.slackMembers, owned });
}

/** `/kpi mine`: up to MINE_MAX owned KPIs, those without a value this week first. */
export async function mineAnswer(deps: SlackDeps, client: webApi.WebClient, teamId: string, userId: string): Promise<MessageView> {
  if (!deps.people) return noticeMessage(PEOPLE_UNAVAILABLE);
  const [view, catalogue, profile] = await Promise.all([deps.people.forTeam(teamId), deps.catalogue.get(), deps.profiles.get(client, userId)]);
  const mine = ownKpis(catalogue, view, userId);
  if (mine === undefined) return whoamiAnswer(deps, teamId, userId);
  const currentWeek = isoWeekOf(deps.now(), profile.zone);
  const histories = await historiesOf(deps, mine, profile.zone);
  const updated = (kpiId: string): boolean | undefined => (histories === undefined ? undefined : histories.get(kpiId)?.latest?.period === currentWeek);
  // Not updated first (what needs a value), then by name (ownKpis' order).
  const ordered = [...mine].sort((a, b) => Number(updated(a.id) ?? false) - Number(updated(b.id) ?? false));
  const shown = ordered.slice(0, MINE_MAX);
  const cards = await cardsFor(deps, catalogue, shown, profile, teamId);
  const withStatus: MineCard[] = cards.map((card) => ({ ...card, history: histories?.get(card.kpi.id) ?? card.history, updated: updated(card.kpi.id) }));
  return mineMessage({ cards: withStatus, total: mine.length, currentWeek });
}
