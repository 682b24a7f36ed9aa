import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Kpi } from '../../gtmhub/types.js';
import { formatKpiValue } from '../../kpis/format.js';
import type { KpiHistory } from '../../kpis/recent-values.js';
import { trendOf } from '../../kpis/trend.js';
import { trendText } from './trend-text.js';
import { ActionIds, logButtonValue } from '../ids.js';
import { actions, button, clip, context, escapeMrkdwn, LIMITS, option, section } from './blocks.js';
import { favoriteControlValue } from './favorites.js';
import type { MessageView } from './messages.js';
import { kpiOwnersText, type OwnerLookup } from './owners.js';

export interface KpiCardModel {
  kpi: Kpi;
  groupNames: ReadonlyMap<string, string>;
  /** Recent values; undefined when they could not be read (the card says so). */
  history: KpiHistory | undefined;
  locale: string;
  /** The user's favorite groups, to label the favorite button ☆ or ★. */
  favoriteGroupIds?: ReadonlySet<string>;
  /** Who the owners are (a Slack person, a Gtmhub name); without it they show as Gtmhub ids. */
  ownerOf?: OwnerLookup;
}

/** A card's value line when Gtmhub did not answer (a lookup shows the KPI without its values). */
export const VALUES_UNAVAILABLE = 'current value unavailable (Gtmhub did not answer)';

/** The value line of a KPI: `*$1,234* in 2026-W47 · 🟢 ▲ +$200 (+12.5%) vs 2026-W46`. */
export function valueLine(model: Pick<KpiCardModel, 'kpi' | 'history' | 'locale'>): string {
  const { kpi, history, locale } = model;
  if (history === undefined) return `_${VALUES_UNAVAILABLE}_`;
  const latest = history.latest;
  if (!latest) return '_no value recorded in the last 8 weeks_';
  const value = `*${escapeMrkdwn(formatKpiValue(latest.value, kpi.formatting, locale))}* in ${latest.period}`;
  const trend = trendText(trendOf(latest.value, history.previous?.value, kpi.targetOperator), kpi, locale);
  return trend && history.previous ? `${value} · ${trend} vs ${history.previous.period}` : value;
}

export function groupLabels(kpi: Kpi, groupNames: ReadonlyMap<string, string>): string[] {
  return kpi.groups.map((id) => groupNames.get(id) ?? id);
}

/** The favorite control: a button for a KPI in one group, an overflow menu for several. */
export function favoriteControl(model: KpiCardModel): ActionsBlock['elements'][number] | undefined {
  const { kpi, groupNames, favoriteGroupIds } = model;
  if (kpi.groups.length === 0) return undefined;
  const label = (id: string): string => `${favoriteGroupIds?.has(id) ? '★ Unfavorite' : '☆ Favorite'} ${groupNames.get(id) ?? id}`;
  // Each control carries the state a click asks for, so a click on a stale one cannot undo itself.
  const value = (id: string): string => favoriteControlValue(id, !favoriteGroupIds?.has(id));
  if (kpi.groups.length === 1) {
    const id = kpi.groups[0]!;
    return button(favoriteGroupIds?.has(id) ? '★ Unfavorite group' : '☆ Favorite group', ActionIds.toggleFavorite, value(id));
  }
  return {
    type: 'overflow',
    action_id: ActionIds.toggleFavorite,
    options: kpi.groups.slice(0, LIMITS.overflowOptions).map((id) => option(label(id), value(id))),
  };
}

/**
 * The reply in the conversation a KPI form was opened from: what became of the form and, when
 * the KPI could be read back, its card.
 */
export function kpiSavedMessage(outcome: string, card: KpiCardModel | undefined): MessageView {
  return { text: outcome, blocks: [section(escapeMrkdwn(outcome)), ...(card ? kpiCardBlocks(card) : [])] };
}

/** A compact card: name and value line, groups, and the Log value / Favorite / Details controls. */
export function kpiCardBlocks(model: KpiCardModel, options: { details?: boolean } = {}): KnownBlock[] {
  const { kpi, groupNames } = model;
  const groups = groupLabels(kpi, groupNames);
  const controls: ActionsBlock['elements'] = [button('Log value', ActionIds.logValue, logButtonValue(kpi.id), 'primary')];
  const favorite = favoriteControl(model);
  if (favorite) controls.push(favorite);
  if (options.details !== false) controls.push(button('Details', ActionIds.showDetails, kpi.id));
  const owners = kpiOwnersText(kpi, model.ownerOf);
  const groupText = groups.length > 0 ? `Groups: ${escapeMrkdwn(clip(groups.join(', '), 500))}` : 'No group';
  return [
    section(`*${escapeMrkdwn(clip(kpi.name, 200))}*\n${valueLine(model)}`),
    context(owners === undefined ? groupText : `${groupText} · Owners: ${owners}`),
    actions(undefined, controls),
  ];
}
