import type { Button } from '@slack/types';
import type { Kpi } from '../../gtmhub/types.js';
import { formatKpiValue } from '../../kpis/format.js';
import { ActionIds, indexedActionId, logButtonValue } from '../ids.js';
import { actions, button, clip, context, divider, escapeMrkdwn, LIMITS, section } from './blocks.js';
import { kpiCardBlocks, type KpiCardModel } from './kpi-card.js';
import type { MessageView } from './messages.js';

export interface SearchResultsModel {
  query: string;
  cards: KpiCardModel[];
  /** How many KPIs matched in all (cards holds the first few). */
  total: number;
  /** Closest names, shown when nothing matched. */
  closest: Kpi[];
}

/** At most 10 cards (3 blocks each) plus a header and a footer stay well under 50 blocks. */
export const MAX_RESULTS = 10;

export function searchResultsMessage(model: SearchResultsModel): MessageView {
  const query = escapeMrkdwn(clip(model.query, 100));
  if (model.total === 0) return noMatchMessage(model.query, model.closest);
  const cards = model.cards.slice(0, MAX_RESULTS);
  const headline =
    model.total > cards.length
      ? `*${model.total} KPIs* match “${query}”; here are the first ${cards.length}. Add a word to narrow it down, e.g. \`/kpi ${query} emea\`.`
      : model.total === 1
        ? `1 KPI matches “${query}”:`
        : `${model.total} KPIs match “${query}”:`;
  const blocks = [section(headline), ...cards.flatMap((card) => [divider(), ...kpiCardBlocks(card)])];
  return {
    text: model.total === 1 ? `1 KPI matches “${model.query}”` : `${model.total} KPIs match “${model.query}”`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

/** What the user was logging when the KPI name did not resolve: kept on the buttons, so nothing is typed twice. */
export interface PendingLog {
  value: number;
  period: string;
  locale: string;
}

/** At most this many "Log … to …" buttons: one short row. */
const MAX_LOG_CHOICES = 5;

/** "Log 12,500 to Revenue" per KPI: each opens the log modal preset with that KPI, the value and the week. */
export function logChoiceButtons(kpis: readonly Kpi[], log: PendingLog): Button[] {
  return kpis.slice(0, MAX_LOG_CHOICES).map((k, i) => {
    return button(`Log ${formatKpiValue(log.value, k.formatting, log.locale)} to ${k.name}`, indexedActionId(ActionIds.logValue, i), logButtonValue(k.id, log.period, log.value));
  });
}

/**
 * "No KPI matches “revnue”. Did you mean Revenue?" with a Details button per suggestion — or,
 * when the user was logging a value (`log`), a "Log 12,500 to Revenue" button per suggestion.
 */
export function noMatchMessage(query: string, closest: readonly Kpi[], log?: PendingLog): MessageView {
  const q = escapeMrkdwn(clip(query, 100));
  if (closest.length === 0) {
    const text = `No KPI matches “${q}”. Try fewer letters, or /kpi help for what you can search.`;
    return { text, blocks: [section(text)] };
  }
  const names = closest.map((k) => `*${escapeMrkdwn(clip(k.name, 100))}*`).join(', ');
  const text = `No KPI matches “${q}”. Did you mean ${names}?`;
  return {
    text: text.replace(/\*/g, ''),
    blocks: [
      section(text),
      actions(
        undefined,
        log ? logChoiceButtons(closest, log) : closest.slice(0, 5).map((k, i) => button(clip(k.name, 60), indexedActionId(ActionIds.showDetails, i), k.id)),
      ),
      context('Search by any part of a name or group, e.g. `/kpi rev` or `/kpi sales`.'),
    ],
  };
}

/**
 * A quick `/kpi log` whose name matched several KPIs, when the candidates modal could not open
 * (its trigger expired): the names, and a button per KPI that opens the modal preset.
 */
export function candidatesMessage(query: string, candidates: readonly Kpi[], log: PendingLog): MessageView {
  const q = escapeMrkdwn(clip(query, 100));
  const names = candidates.slice(0, 10).map((k) => `*${escapeMrkdwn(clip(k.name, 100))}*`).join(', ');
  const more = candidates.length > MAX_LOG_CHOICES ? ' Or write more of the name, or put it in quotes.' : '';
  const text = `“${q}” matches ${candidates.length} KPIs (${names}): which one?${more}`;
  return { text: text.replace(/\*/g, ''), blocks: [section(text), actions(undefined, logChoiceButtons(candidates, log))] };
}
