/**
 * What a weekly digest says: a header with the week, one line per KPI (value, change against the
 * week before, a good/bad arrow, an 8-week sparkline), the KPIs nobody updated with a *Log value*
 * button, cut into Slack messages that respect Block Kit's limits. Pure: the reads happen in
 * `content.ts`, the posting in the engine.
 */
import type { KnownBlock } from '@slack/types';
import { blockTextLength, button, clip, context, escapeMrkdwn, header, LIMITS, section } from '../slack/views/blocks.js';
import type { Kpi } from '../gtmhub/types.js';
import { formatKpiValue } from '../kpis/format.js';
import { sparkline } from '../kpis/sparkline.js';
import { trendOf, type Trend } from '../kpis/trend.js';
import { trendText } from '../slack/views/trend-text.js';
import { ActionIds, logButtonValue } from '../slack/ids.js';
import { formatWeekRange, lastNPeriods, previousPeriod } from '../time/periods.js';
import type { DigestContent, DigestMessage } from './types.js';

/** How many weeks the sparkline shows, the period included. */
export const SPARKLINE_WEEKS = 8;
/** How many weeks a digest reads: the sparkline's 8 and the week before its first. */
export const WEEKS_READ = SPARKLINE_WEEKS + 1;

/** KPI names are clipped so that a pasted essay cannot push a line past Slack's 3,000 characters. */
const NAME_MAX = 200;
/** Owners are listed until their labels take this many characters; the rest are counted ("and 3 more"). */
const OWNERS_MAX = 300;
/**
 * Block text per message. Besides the 50 blocks, Slack refuses a message whose blocks carry more
 * than about 12–13k characters (`msg_blocks_too_long`, slackapi/bolt-js#2509); 11k leaves room.
 */
export const MESSAGE_TEXT_BUDGET = 11_000;

/** One KPI of a digest and its weekly values (week label → value) around the period. */
export interface DigestKpiRow {
  kpi: Kpi;
  values: ReadonlyMap<string, number>;
}

export interface ComposeDigestInput {
  /** The ISO week the digest reports on (`2026-W48`): `periodForRun` in schedule.ts. */
  period: string;
  /**
   * What the digest covers, shown under the header (mrkdwn, escaped by the caller, who also keeps it
   * short: it is not clipped here, where a cut could split an `&amp;` or a `<@U…>`): `Groups: Sales`.
   */
  scope: string;
  /** The KPIs that exist, in the order to show them. */
  kpis: readonly DigestKpiRow[];
  /** How many selected KPIs no longer exist in Gtmhub (left out, with a note). */
  missingKpis: number;
  skipWhenUnchanged: boolean;
  listNotUpdated: boolean;
  /** Number formatting; default `en-US`. */
  locale?: string;
  /**
   * How to name a KPI owner (a Gtmhub user id), as mrkdwn: a mention `<@U…>` where the Slack user
   * is known (`ownerLabelFrom`), else the escaped id; default the escaped id.
   */
  ownerLabel?: (ownerId: string) => string;
  /** Said instead of KPI lines when there are none (mrkdwn), e.g. "<@U123> has no favorite KPI groups". */
  emptyHint?: string;
}

/**
 * Owners as the digest names them: `<@U123>` for a Gtmhub user the owner mapping knows (Slack shows
 * the person's name and notifies nobody but them), the Gtmhub id otherwise.
 */
export function ownerLabelFrom(owners: { slackIdOf(gtmhubUserId: string): string | undefined }): (ownerId: string) => string {
  return (ownerId) => {
    const slackId = owners.slackIdOf(ownerId);
    return slackId ? `<@${slackId}>` : escapeMrkdwn(ownerId);
  };
}

/** `Weekly KPIs — 2026-W48 · Nov 23–29` */
export function digestTitle(period: string, locale = 'en-US'): string {
  return `Weekly KPIs — ${period} · ${formatWeekRange(period, locale)}`;
}

/** The one-line note for KPIs deleted in Gtmhub since they were chosen. */
export function missingKpisNote(count: number): string {
  return count === 1
    ? '1 KPI in this digest no longer exists in Gtmhub and was left out.'
    : `${count} KPIs in this digest no longer exist in Gtmhub and were left out.`;
}

interface Line {
  row: DigestKpiRow;
  current: number | undefined;
  previous: number | undefined;
  trend: Trend;
}

export function composeDigest(input: ComposeDigestInput): DigestContent {
  const { period } = input;
  const locale = input.locale ?? 'en-US';
  const before = previousPeriod(period);
  const lines: Line[] = input.kpis.map((row) => {
    const current = row.values.get(period);
    const previous = row.values.get(before);
    return { row, current, previous, trend: trendOf(current, previous, row.kpi.targetOperator) };
  });
  const updated = lines.filter((l) => l.current !== undefined);
  const notUpdated = lines.filter((l) => l.current === undefined);

  if (input.skipWhenUnchanged && !updated.some(changed)) {
    return { kind: 'skip', period, reason: `No KPI changed in ${period} against the week before.` };
  }

  const title = digestTitle(period, locale);
  const lead: KnownBlock[] = [header(title), context(...leadTexts(input, updated.length, notUpdated.length))];
  const items: KnownBlock[] = updated.map((line) => section(updatedLine(line, period, locale)));
  if (lines.length === 0) items.push(section(`No KPIs to report: ${input.emptyHint ?? 'the selection is empty'}.`));
  if (input.listNotUpdated && notUpdated.length > 0) {
    items.push(section(`*Not updated for ${period}*`));
    for (const line of notUpdated) items.push(notUpdatedLine(line.row.kpi, period, input.ownerLabel));
  }
  return { kind: 'post', period, messages: paginate(title, summaryText(title, updated, notUpdated.length), lead, items) };
}

/** A KPI moved, or got a value where the week before had none. */
function changed(line: Line): boolean {
  return line.previous === undefined || line.trend.direction === 'up' || line.trend.direction === 'down';
}

function leadTexts(input: ComposeDigestInput, updated: number, notUpdated: number): string[] {
  const counts =
    notUpdated === 0 ? `${updated} ${plural(updated, 'KPI')} updated` : `${updated} of ${updated + notUpdated} KPIs updated`;
  const texts = [`${input.scope} · ${counts}`];
  if (input.missingKpis > 0) texts.push(`:warning: ${missingKpisNote(input.missingKpis)}`);
  return texts;
}

/** `*MRR*  `▁▂▃▅▆▇█▇`\n*$12,500* · 🟢 ▲ +$200 (+1.6%) vs 2026-W47` */
function updatedLine(line: Line, period: string, locale: string): string {
  const { kpi, values } = line.row;
  const weeks = lastNPeriods(period, SPARKLINE_WEEKS).map((w) => values.get(w));
  const value = `*${escapeMrkdwn(formatKpiValue(line.current!, kpi.formatting, locale))}*`;
  const before = previousPeriod(period);
  const change = line.previous === undefined ? `_no value in ${before}_` : `${trendText(line.trend, kpi, locale)} vs ${before}`;
  return `*${escapeMrkdwn(clip(kpi.name, NAME_MAX))}*  \`${sparkline(weeks)}\`\n${value} · ${change}`;
}

function notUpdatedLine(kpi: Kpi, period: string, ownerLabel: ((id: string) => string) | undefined): KnownBlock {
  const ids = kpi.ownerIds.length > 0 ? kpi.ownerIds : kpi.ownerId ? [kpi.ownerId] : [];
  const owners = ids.length === 0 ? 'no owner' : `owners: ${ownerList(ids, ownerLabel ?? escapeMrkdwn)}`;
  return section(`*${escapeMrkdwn(clip(kpi.name, NAME_MAX))}* — _not updated_ · ${owners}`, {
    accessory: button('Log value', ActionIds.logValue, logButtonValue(kpi.id, period)),
  });
}

/** Whole labels only (a clipped `<@U12…` or `&am…` would show as garbage), then how many were left out. */
function ownerList(ids: readonly string[], label: (id: string) => string): string {
  const shown: string[] = [];
  let length = 0;
  for (const id of ids) {
    const text = clip(label(id), OWNERS_MAX);
    if (shown.length > 0 && length + 2 + text.length > OWNERS_MAX) break;
    shown.push(text);
    length += (shown.length > 1 ? 2 : 0) + text.length;
  }
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** The notification text: Slack shows it in push notifications and where blocks cannot be shown. */
function summaryText(title: string, updated: readonly Line[], notUpdated: number): string {
  const good = updated.filter((l) => l.trend.verdict === 'good').length;
  const bad = updated.filter((l) => l.trend.verdict === 'bad').length;
  const parts = [`${updated.length} ${plural(updated.length, 'KPI')} updated`];
  if (good > 0) parts.push(`${good} improved`);
  if (bad > 0) parts.push(`${bad} worsened`);
  if (notUpdated > 0) parts.push(`${notUpdated} not updated`);
  return `${title}: ${parts.join(', ')}`;
}

/**
 * Cuts the digest into messages of at most 50 blocks and `MESSAGE_TEXT_BUDGET` characters of block
 * text: the first has the header, the others go into its thread, each opening with a context line
 * saying which part it is (that line's room is kept in every later part).
 */
function paginate(title: string, text: string, lead: KnownBlock[], items: KnownBlock[]): DigestMessage[] {
  const partLine = (i: number, total: number): string => `${title} (continued, part ${i + 1} of ${total})`;
  // A part line is at most the title and "(continued, part 999 of 999)"; reserve that much text.
  const partRoom = blockTextLength(context(escapeMrkdwn(partLine(998, 999))));
  const chunks: KnownBlock[][] = [[]];
  let blocks = lead.length;
  let chars = lead.reduce((sum, b) => sum + blockTextLength(b), 0);
  for (const item of items) {
    const length = blockTextLength(item);
    const chunk = chunks[chunks.length - 1]!;
    if (chunk.length > 0 && (blocks + 1 > LIMITS.messageBlocks || chars + length > MESSAGE_TEXT_BUDGET)) {
      chunks.push([item]);
      blocks = 2;
      chars = partRoom + length;
    } else {
      chunk.push(item);
      blocks += 1;
      chars += length;
    }
  }
  const total = chunks.length;
  return chunks.map((chunk, i) => {
    if (i === 0) return { text, blocks: [...lead, ...chunk] };
    const part = partLine(i, total);
    return { text: part, blocks: [context(escapeMrkdwn(part)), ...chunk] };
  });
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
