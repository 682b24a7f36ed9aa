/**
 * Owners as people in Slack: `/kpi whoami` (who kpibot thinks you are in Gtmhub, and how, or why
 * not), `/kpi mine` (the KPIs you own, with this week's status) and the `/kpi link` / `/kpi unlink`
 * forms of KPI admins. Pure. Emails never appear: they are personal data, and the sentences say
 * "your Slack email" instead of the address.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { GtmhubUserAnswer, GtmhubUserLookup, GtmhubUsersStatus, SlackMembersStatus } from '../../people/people.js';
import type { LinkOutcome, PeopleLink } from '../../people/ports.js';
import { PeopleIds } from '../ids.js';
import { clip, context, divider, escapeMrkdwn, LIMITS, plain, section } from './blocks.js';
import { kpiCardBlocks, type KpiCardModel } from './kpi-card.js';
import type { MessageView } from './messages.js';

/** KPIs listed by `/kpi mine`: a divider, the card's 3 blocks and its status each (5), with the headline and "…and N more" within 50. */
export const MINE_MAX = 9;

const ASK_FOR_LINK = 'a KPI admin can link you by hand with /kpi link.';

export interface WhoamiModel {
  userId: string;
  answer: GtmhubUserAnswer;
  /** The manual link, when there is one (who made it, when). */
  link: PeopleLink | undefined;
  gtmhubUsers: GtmhubUsersStatus;
  slackMembers: SlackMembersStatus;
  /** How many KPIs the user owns, when known. */
  owned: number | undefined;
}

/** The sentence of `/kpi whoami`. */
export function whoamiText(model: WhoamiModel): string {
  const { answer } = model;
  if (answer.found) {
    const who = gtmhubUserText(answer.gtmhubUserId, answer.name);
    const how =
      answer.matchedBy === 'link'
        ? model.link
          ? `linked by hand by <@${model.link.createdBy}> on ${model.link.createdAt.toISOString().slice(0, 10)}`
          : 'linked by hand'
        : 'your Slack email is the email of that Gtmhub user';
    const owned = model.owned === undefined ? '' : model.owned === 0 ? ' You own no KPIs.' : ` You own ${model.owned === 1 ? '1 KPI' : `${model.owned} KPIs`}: /kpi mine lists them.`;
    return `You are the Gtmhub user ${who}: ${how}.${owned}`;
  }
  return `kpibot does not know your Gtmhub user: ${whyUnknown(model)}`;
}

function whyUnknown(model: WhoamiModel): string {
  switch (model.answer.found ? undefined : model.answer.reason) {
    case 'gtmhub_users_unknown':
      return model.gtmhubUsers === 'forbidden'
        ? `Gtmhub does not let kpibot list its users (its API token may not), so it can only know people linked by hand; ${ASK_FOR_LINK}`
        : 'it is still reading Gtmhub’s users. Try again in a minute.';
    case 'not_a_person':
      return 'deactivated members and bots cannot be Gtmhub users: use your own, active Slack account.';
    case 'no_email':
      return `Slack does not give kpibot your email (your profile has none, or kpibot lacks the users:read.email scope), so it cannot match you by email; ${ASK_FOR_LINK}`;
    case 'email_shared_in_slack':
      return `another Slack member has the same email as you, so kpibot cannot tell which of you is the Gtmhub user; ${ASK_FOR_LINK}`;
    case 'email_shared_in_gtmhub':
      return `several Gtmhub users have your Slack email, so kpibot cannot tell which one is you; ${ASK_FOR_LINK}`;
    case 'no_gtmhub_user':
      return `no Gtmhub user has your Slack email; ${ASK_FOR_LINK}`;
    case 'taken_by_link':
      return 'the Gtmhub user with your Slack email is linked by hand to another Slack member; a KPI admin can change that with /kpi unlink and /kpi link.';
    case 'unknown_member':
    case undefined:
      return model.slackMembers === 'off'
        ? `kpibot may not read Slack’s member list (see its log: the install may need the users:read.email scope), so it only knows people linked by hand; ${ASK_FOR_LINK}`
        : model.slackMembers === 'loading'
          ? 'it is still reading Slack’s members. Try again in a minute.'
          : `the member list kpibot last read (it reads it every few minutes) does not include you yet: try again in a few minutes, or ${ASK_FOR_LINK}`;
  }
}

/** `*Jane Doe* (`5f2b…`)`, or the id alone when Gtmhub gave no name. */
function gtmhubUserText(id: string, name: string | undefined): string {
  const code = `\`${escapeMrkdwn(clip(id, 64))}\``;
  return name ? `*${escapeMrkdwn(clip(name, 100))}* (${code})` : code;
}

export function whoamiMessage(model: WhoamiModel): MessageView {
  const text = whoamiText(model);
  return { text: text.replace(/\*/g, ''), blocks: [section(text)] };
}

/** One own KPI with this week's status. */
export interface MineCard extends KpiCardModel {
  /** Whether the KPI has a value for `currentWeek`; undefined when values could not be read. */
  updated: boolean | undefined;
}

export interface MineModel {
  cards: readonly MineCard[];
  /** How many KPIs the user owns (more than `cards` when cut at MINE_MAX). */
  total: number;
  currentWeek: string;
}

/** `/kpi mine`: the KPIs not updated this week first, each with its value, status and Log value. */
export function mineMessage(model: MineModel): MessageView {
  const { cards, total, currentWeek } = model;
  if (total === 0) return { text: 'You own no KPIs in Gtmhub.', blocks: [section('You own no KPIs in Gtmhub.')] };
  const missing = cards.filter((c) => c.updated === false).length;
  const status = cards.some((c) => c.updated === undefined)
    ? 'values unavailable just now (Gtmhub did not answer)'
    : missing === 0
      ? `all updated for ${currentWeek}`
      : `${missing} not updated for ${currentWeek}`;
  const headline = `*Your KPIs* · ${total === 1 ? '1 KPI' : `${total} KPIs`} · ${status}`;
  const blocks: KnownBlock[] = [section(headline)];
  for (const card of cards) {
    const mark = card.updated === false ? `:warning: no value for ${currentWeek} yet` : card.updated ? `:white_check_mark: updated for ${currentWeek}` : undefined;
    blocks.push(divider(), ...kpiCardBlocks(card), ...(mark ? [context(mark)] : []));
  }
  if (total > cards.length) blocks.push(context(`…and ${total - cards.length} more: your Home tab in kpibot lists them too.`));
  return { text: headline.replace(/\*/g, ''), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

/** `/kpi link`: whom to link (a people picker) to which Gtmhub user (an email or a Gtmhub user id). */
export function linkModal(): ModalView {
  return {
    type: 'modal',
    callback_id: PeopleIds.linkModal,
    title: plain('Link a person', LIMITS.viewTitle),
    submit: plain('Link', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    blocks: [
      section('For a person whose Slack email differs from their Gtmhub email. A link made here wins over the email match.'),
      {
        type: 'input',
        block_id: PeopleIds.person.block,
        label: plain('Slack person'),
        element: { type: 'users_select', action_id: PeopleIds.person.action, placeholder: plain('Choose a person') },
      },
      {
        type: 'input',
        block_id: PeopleIds.gtmhubUser.block,
        label: plain('Their Gtmhub email or user id'),
        element: { type: 'plain_text_input', action_id: PeopleIds.gtmhubUser.action, max_length: 254, placeholder: plain('jane@example.com or 5e8ed44adcddda0da9eab365') },
      },
      context('kpibot keeps the link in its database; `/kpi unlink` removes it.'),
    ],
  };
}

/** `/kpi unlink`: whose link to remove. */
export function unlinkModal(): ModalView {
  return {
    type: 'modal',
    callback_id: PeopleIds.unlinkModal,
    title: plain('Unlink a person', LIMITS.viewTitle),
    submit: plain('Unlink', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    blocks: [
      {
        type: 'input',
        block_id: PeopleIds.person.block,
        label: plain('Slack person'),
        element: { type: 'users_select', action_id: PeopleIds.person.action, placeholder: plain('Choose a person') },
      },
      context('Removes the link made by hand; the person is then matched by email again.'),
    ],
  };
}

/** What a link form turns into once done. */
export function peopleResultModal(title: string, mrkdwn: string): ModalView {
  return {
    type: 'modal',
    title: plain(title, LIMITS.viewTitle),
    close: plain('Done', LIMITS.viewTitle),
    blocks: [section(mrkdwn)],
  };
}

/** Why what the admin typed names no Gtmhub user (shown next to the field). */
export function lookupRefusal(lookup: Extract<GtmhubUserLookup, { found: false }>): string {
  switch (lookup.reason) {
    case 'empty':
      return 'Type their Gtmhub email or Gtmhub user id.';
    case 'malformed':
      return 'Type an email (jane@example.com) or a Gtmhub user id (5e8ed44adcddda0da9eab365); a Slack @mention does not work here.';
    case 'no_user_with_email':
      return 'No Gtmhub user has this email: check it, or type their Gtmhub user id.';
    case 'email_shared_in_gtmhub':
      return 'Several Gtmhub users have this email: type the Gtmhub user id of the right one.';
    case 'no_user_with_id':
      return 'No Gtmhub user has this id: check it in Gtmhub (Settings → Users).';
    case 'emails_unknown':
      return 'kpibot cannot look up Gtmhub emails just now (it cannot list Gtmhub’s users): type their Gtmhub user id instead.';
  }
}

/** The link's outcome, in the modal. */
export function linkOutcomeText(outcome: Exclude<LinkOutcome, { status: 'gtmhub_user_taken' }>, name: string | undefined, checked: boolean): string {
  const who = `<@${outcome.link.slackUserId}>`;
  const user = gtmhubUserText(outcome.link.gtmhubUserId, name);
  if (outcome.status === 'unchanged') return `${who} was already linked to the Gtmhub user ${user}: nothing changed.`;
  const replaced = outcome.replaced ? ` (instead of \`${escapeMrkdwn(outcome.replaced)}\`)` : '';
  const unchecked = checked ? '' : ' kpibot could not check this id, since it cannot list Gtmhub’s users: owners show it once Gtmhub does.';
  return `Linked ${who} to the Gtmhub user ${user}${replaced}. KPIs they own now show them.${unchecked}`;
}

/** The sentence when the Gtmhub user is linked to someone else (next to the field). */
export function takenText(): string {
  return 'This Gtmhub user is linked by hand to another Slack person: unlink them first with /kpi unlink.';
}

/** The unlink outcome, in the modal. */
export function unlinkOutcomeText(slackUserId: string, removed: PeopleLink | undefined): string {
  return removed
    ? `Unlinked <@${slackUserId}> from the Gtmhub user \`${escapeMrkdwn(removed.gtmhubUserId)}\`: they are matched by email again.`
    : `<@${slackUserId}> had no link made by hand: nothing changed.`;
}
