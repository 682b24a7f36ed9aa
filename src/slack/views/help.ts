import { context, escapeMrkdwn, header, section, sectionsOf } from './blocks.js';
import type { MessageView } from './messages.js';

/** Every subcommand with an example; kept in one list so /kpi help and README stay in step. */
export const SUBCOMMANDS: ReadonlyArray<{ usage: string; example: string; what: string }> = [
  { usage: '/kpi <words>', example: '/kpi revenue', what: 'find KPIs by name or group, with their current value and trend' },
  { usage: '/kpi find <words>', example: '/kpi find churn', what: 'the same, spelled out' },
  { usage: '/kpi show <name or id>', example: '/kpi show Net Promoter Score', what: 'details, the last 8 weeks and a sparkline' },
  { usage: '/kpi log <kpi> <value> [period]', example: '/kpi log "MRR" $12.5k last week', what: 'record a value (period: this week, last week or 2026-W47; default this week)' },
  { usage: '/kpi log', example: '/kpi log', what: 'open the form with a KPI picker' },
  { usage: '/kpi digest', example: '/kpi digest', what: "set up a weekly digest of last week's KPI values for this channel" },
  { usage: '/kpi digest list', example: '/kpi digest list', what: "this channel's digests, to edit, pause, send now or remove" },
  { usage: '/kpi alert', example: '/kpi alert', what: 'tell this channel when a KPI crosses a line, moves sharply or keeps going the wrong way' },
  { usage: '/kpi alert me', example: '/kpi alert me', what: 'the same for you alone, by direct message' },
  { usage: '/kpi alert list', example: '/kpi alert list', what: "this channel's alerts (in a DM: yours), to edit, pause or remove" },
  { usage: '/kpi history', example: '/kpi history', what: 'your last 10 recorded values and what became of them' },
  { usage: '/kpi fav', example: '/kpi fav', what: 'your favorite KPI groups (their KPIs are on the Home tab)' },
  { usage: '/kpi fav <group>', example: '/kpi fav sales', what: 'star or unstar a KPI group (name or a unique prefix); also ☆ Favorite group on a card' },
  { usage: '/kpi mine', example: '/kpi mine', what: 'the KPIs you own in Gtmhub, with this week’s status and Log value buttons' },
  { usage: '/kpi remind', example: '/kpi remind', what: 'remind the owners of this channel’s KPIs, each in one DM, of the values they still owe' },
  { usage: '/kpi remind list', example: '/kpi remind list', what: "this channel's check-in reminders, to edit, pause, send now or remove" },
  { usage: '/kpi remind me <weekday> <time>', example: '/kpi remind me monday 9:00', what: 'your own weekly check-in for the KPIs you own, in your time zone' },
  { usage: '/kpi remind off|on', example: '/kpi remind off', what: 'stop, or resume, every check-in reminder DM to you' },
  { usage: '/kpi whoami', example: '/kpi whoami', what: 'which Gtmhub user kpibot takes you for, and how it knows (or why it does not)' },
  { usage: '/kpi link', example: '/kpi link', what: 'link a Slack person to their Gtmhub user when their emails differ (KPI admins)' },
  { usage: '/kpi unlink', example: '/kpi unlink', what: 'remove such a link; the person is matched by email again (KPI admins)' },
  { usage: '/kpi connect', example: '/kpi connect', what: 'use your own Gtmhub API token, so values and favorites are made as you' },
  { usage: '/kpi disconnect', example: '/kpi disconnect', what: 'forget your Gtmhub token and use the shared one again' },
  { usage: '/kpi new', example: '/kpi new', what: 'create a KPI in Gtmhub (workspace admins and owners, and KPIBOT_ADMINS; they also get Edit and Delete on the details)' },
  { usage: '/kpi insight <insight id>', example: '/kpi insight weekly-revenue', what: 'the KPIs an insight computes, with their current values' },
  { usage: '/kpi help', example: '/kpi help', what: 'this message' },
];

export function helpMessage(extra: ReadonlyArray<{ usage: string; example: string; what: string }> = []): MessageView {
  // The example is left out where it would only repeat the usage (`/kpi log`).
  const lines = [...SUBCOMMANDS, ...extra].map(
    // Escaped: Slack reads `<words>` as a link or mention even inside backticks.
    (c) => `• \`${escapeMrkdwn(c.usage)}\` — ${escapeMrkdwn(c.what)}${c.example === c.usage ? '' : `, e.g. \`${escapeMrkdwn(c.example)}\``}`,
  );
  return {
    text: 'kpibot: find Gtmhub KPIs and record their values with /kpi',
    blocks: [
      header('kpibot — Gtmhub KPIs in Slack'),
      ...sectionsOf(lines),
      context('Values accept 1234.5, 1,234.5, 12%, $1.2k or 3M. Weeks are ISO weeks in your Slack time zone.'),
    ],
  };
}

/**
 * A one-sentence reply (errors, refusals, confirmations without a card). The sentence may quote
 * what the user typed, so Slack's control characters are escaped: `<!channel>` stays text.
 */
export function noticeMessage(sentence: string): MessageView {
  return { text: sentence, blocks: [section(escapeMrkdwn(sentence))] };
}

/**
 * The answer to a click or a form kpibot cannot read: a forged request, or a message or form from
 * an older version of kpibot whose buttons carry what this version no longer understands.
 */
export const UNREADABLE_REQUEST = 'kpibot could not read that: it may come from an older message or form. Run /kpi help to see how to do it now.';

export function unreadableRequestMessage(): MessageView {
  return noticeMessage(UNREADABLE_REQUEST);
}

/** Next to a field whose content Slack would never send (longer than the field takes). */
export const UNREADABLE_FIELD = 'kpibot could not read what this field sent: shorten it and submit again.';

/** The answer to a button, form or shortcut that no part of this version of kpibot handles. */
export const OUT_OF_DATE = 'This message or form is out of date: kpibot no longer has what it asked for. Run /kpi help to see how to do it now.';

/** The error of a Workflow Builder step this version of kpibot does not offer (manifest.yml `functions`). */
export const STEP_OUT_OF_DATE = 'kpibot no longer offers this workflow step: open the workflow in Workflow Builder and replace the step with one of kpibot’s current steps.';

export function outOfDateMessage(): MessageView {
  return noticeMessage(OUT_OF_DATE);
}
