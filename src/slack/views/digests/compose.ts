/**
 * What a weekly digest says in Slack: a header with the week, one line per KPI (value, change
 * against the week before, a good/bad arrow, an 8-week sparkline), the KPIs nobody updated with a
 * *Log value* button, cut into Slack messages that respect Block Kit's limits. Pure: the report
 * (data) comes from `digests/report.ts`, the posting is the scheduling core's.
 */
import type { KnownBlock } from '@slack/types';
import { blockTextLength, button, clip, context, escapeMrkdwn, header, LIMITS, section } from '../blocks.js';
import type { DigestLine, DigestPost, DigestReport, DigestScope } from '../../../digests/report.js';
import { SPARKLINE_WEEKS } from '../../../digests/report.js';
import type { Kpi } from '../../../gtmhub/types.js';
import { formatKpiValue } from '../../../kpis/format.js';
import { sparkline } from '../../../kpis/sparkline.js';
import { trendText } from '../trend-text.js';
import { formatWeekRange, lastNPeriods, previousPeriod } from '../../../time/periods.js';
import { ActionIds, logButtonValue } from '../../ids.js';
import { kpiOwnersText, type OwnerLookup } from '../owners.js';
import { imageTitle, splitForImages } from '../../../charts/small-multiples.js';
import type { ChartToUpload } from '../../files/chart-to-upload.js';

/** One Slack message of a digest: the first goes to the channel, the rest into its thread. */
export interface DigestMessage {
  text: string;
  blocks: KnownBlock[];
  /** A picture to draw and upload into the thread with this message (the digest's chart). */
  chart?: ChartToUpload;
}

/** A digest as Slack messages, or the reason there is nothing to post. */
export type RenderedDigest = { kind: 'post'; period: string; messages: DigestMessage[] } | { kind: 'skip'; period: string; reason: string };

/** KPI names are clipped so that a pasted essay cannot push a line past Slack's 3,000 characters. */
const NAME_MAX = 200;
/**
 * Block text per message. Besides the 50 blocks, Slack refuses a message whose blocks carry more
 * than about 12–13k characters (`msg_blocks_too_long`, slackapi/bolt-js#2509); 11k leaves room.
 */
export const MESSAGE_TEXT_BUDGET = 11_000;

/** Group names in the scope line, clipped before escaping (escaped, 300 characters stay under 2,000). */
const SCOPE_NAMES_MAX = 300;

export interface ComposeOptions {
  /**
   * Who a KPI owner (a Gtmhub user id) is; default the answers the report carries (`report.owners`,
   * read from the people directory when the digest was built), else the id.
   */
  ownerOf?: OwnerLookup;
}

/** The owners the report knows, as a lookup (an owner it does not know shows as their id). */
function ownerLookupOf(report: DigestPost, options: ComposeOptions): OwnerLookup | undefined {
  if (options.ownerOf) return options.ownerOf;
  const known = report.owners;
  if (known === undefined || known.size === 0) return undefined;
  return (id) => known.get(id) ?? { kind: 'id', gtmhubUserId: id };
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

/** The report as Slack messages; a skip stays a skip. */
export function renderDigest(report: DigestReport, options: ComposeOptions = {}): RenderedDigest {
  return report.kind === 'skip' ? report : { kind: 'post', period: report.period, messages: composeDigest(report, options) };
}

export function composeDigest(report: DigestPost, options: ComposeOptions = {}): DigestMessage[] {
  const { period, locale, updated, notUpdated } = report;
  const title = digestTitle(period, locale);
  const lead: KnownBlock[] = [header(title), context(...leadTexts(report))];
  const items: KnownBlock[] = updated.map((line) => section(updatedLine(line, period, locale)));
  if (updated.length + notUpdated.length === 0) items.push(section(`No KPIs to report: ${emptyHint(report.scope)}.`));
  if (report.listNotUpdated && notUpdated.length > 0) {
    items.push(section(`*Not updated for ${period}*`));
    const ownerOf = ownerLookupOf(report, options);
    for (const line of notUpdated) items.push(notUpdatedLine(line.row.kpi, period, ownerOf, report.skippedByOwner?.has(line.row.kpi.id) ?? false));
  }
  return [...paginate(title, summaryText(title, updated, notUpdated.length), lead, items), ...chartMessages(report, title)];
}

/**
 * The digest's chart, in its thread: one picture of up to 12 KPIs' last 8 weeks per message (more
 * KPIs, more pictures). The post port draws and uploads each; a message says what it shows.
 */
function chartMessages(report: DigestPost, title: string): DigestMessage[] {
  const series = report.chartSeries ?? [];
  const groups = splitForImages(series);
  return groups.map((group, index) => {
    const pictureTitle = imageTitle(title, index, groups.length);
    const text = `${pictureTitle}: the last ${SPARKLINE_WEEKS} weeks of ${group.length === 1 ? '1 KPI' : `${group.length} KPIs`}`;
    return {
      text,
      blocks: [context(escapeMrkdwn(text))],
      chart: { title: pictureTitle, series: group, locale: report.locale, filename: `digest-${report.period}-${index + 1}.png` },
    };
  });
}

/** `Groups: Sales`, `3 chosen KPIs`, `<@U1>'s favorite groups: Sales` (mrkdwn, escaped). */
function scopeText(scope: DigestScope): string {
  if (scope.kind === 'kpis') return `${scope.count} chosen ${scope.count === 1 ? 'KPI' : 'KPIs'}`;
  const names = escapeMrkdwn(clip(scope.names.join(', '), SCOPE_NAMES_MAX));
  if (scope.kind === 'groups') return `Groups: ${names}`;
  return scope.names.length === 0 ? `<@${scope.userId}>'s favorite groups` : `<@${scope.userId}>'s favorite groups: ${names}`;
}

/** Why a digest has no KPI lines at all. */
function emptyHint(scope: DigestScope): string {
  if (scope.kind === 'groups') return 'these groups hold no KPIs';
  if (scope.kind === 'favorites') return scope.names.length === 0 ? `<@${scope.userId}> has no favorite KPI groups` : 'the favorite groups hold no KPIs';
  return 'the selection is empty';
}

function leadTexts(report: DigestPost): string[] {
  const updated = report.updated.length;
  const notUpdated = report.notUpdated.length;
  const counts =
    notUpdated === 0 ? `${updated} ${plural(updated, 'KPI')} updated` : `${updated} of ${updated + notUpdated} KPIs updated`;
  const texts = [`${scopeText(report.scope)} · ${counts}`];
  if (report.missingKpis > 0) texts.push(`:warning: ${missingKpisNote(report.missingKpis)}`);
  return texts;
}

/** `*MRR*  `▁▂▃▅▆▇█▇`\n*$12,500* · 🟢 ▲ +$200 (+1.6%) vs 2026-W47` */
function updatedLine(line: DigestLine, period: string, locale: string): string {
  const { kpi, values } = line.row;
  const weeks = lastNPeriods(period, SPARKLINE_WEEKS).map((w) => values.get(w));
  const value = `*${escapeMrkdwn(formatKpiValue(line.current!, kpi.formatting, locale))}*`;
  const before = previousPeriod(period);
  const change = line.previous === undefined ? `_no value in ${before}_` : `${trendText(line.trend, kpi, locale)} vs ${before}`;
  return `*${escapeMrkdwn(clip(kpi.name, NAME_MAX))}*  \`${sparkline(weeks)}\`\n${value} · ${change}`;
}

function notUpdatedLine(kpi: Kpi, period: string, ownerOf: OwnerLookup | undefined, skippedByOwner: boolean): KnownBlock {
  const owners = kpiOwnersText(kpi, ownerOf);
  return section(`*${escapeMrkdwn(clip(kpi.name, NAME_MAX))}* — ${skippedByOwner ? '_skipped by owner_' : '_not updated_'} · ${owners === undefined ? 'no owner' : `owners: ${owners}`}`, {
    accessory: button('Log value', ActionIds.logValue, logButtonValue(kpi.id, period)),
  });
}

/** The notification text: Slack shows it in push notifications and where blocks cannot be shown. */
function summaryText(title: string, updated: readonly DigestLine[], notUpdated: number): string {
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
