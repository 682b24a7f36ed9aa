import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Kpi } from '../../gtmhub/types.js';
import { formatKpiValue } from '../../kpis/format.js';
import type { KpiHistory } from '../../kpis/recent-values.js';
import { sparkline } from '../../kpis/sparkline.js';
import { ActionIds, logButtonValue } from '../ids.js';
import { actions, button, clip, context, escapeMrkdwn, header, LIMITS, mrkdwn, section } from './blocks.js';
import { favoriteControl, groupLabels, valueLine } from './kpi-card.js';
import type { MessageView } from './messages.js';
import { kpiOwnersText, type OwnerLookup } from './owners.js';

export interface KpiDetailsModel {
  /** The KPI as read with `formatting=plainText`, so the description has no markup. */
  kpi: Kpi;
  groupNames: ReadonlyMap<string, string>;
  history: KpiHistory | undefined;
  locale: string;
  favoriteGroupIds?: ReadonlySet<string>;
  /** Extra controls (Edit/Delete for KPI admins) appended to the actions. */
  extraActions?: ActionsBlock['elements'];
  /** Who the owners are (a Slack person, a Gtmhub name); without it they show as Gtmhub ids. */
  ownerOf?: OwnerLookup;
  /** The chart of the last weeks (an image block of an uploaded file), shown under the value. */
  chart?: KnownBlock;
}

const TARGETS: Record<string, string> = { should_increase: 'should increase ▲', should_decrease: 'should decrease ▼' };

export function kpiDetailsMessage(model: KpiDetailsModel): MessageView {
  const { kpi, history, locale } = model;
  const groups = groupLabels(kpi, model.groupNames);
  const owners = kpiOwnersText(kpi, model.ownerOf, 500);
  const description = kpi.description.trim() === '' ? '_No description._' : escapeMrkdwn(kpi.description.trim());
  const blocks: KnownBlock[] = [
    header(kpi.name),
    section(`${valueLine(model)}\n${clip(description, 2000)}`),
    ...(model.chart ? [model.chart] : []),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Aggregation*\n${escapeMrkdwn(kpi.aggregation || 'n/a')}`, LIMITS.fieldText),
        mrkdwn(`*Target*\n${escapeMrkdwn(TARGETS[kpi.targetOperator] ?? (kpi.targetOperator || 'n/a'))}`, LIMITS.fieldText),
        mrkdwn(`*Groups*\n${groups.length > 0 ? escapeMrkdwn(clip(groups.join(', '), 500)) : 'none'}`, LIMITS.fieldText),
        mrkdwn(`*Owners*\n${owners ?? 'none'}`, LIMITS.fieldText),
      ],
    },
  ];
  if (history) blocks.push(section(historyText(kpi, history, locale)));
  blocks.push(context(insightText(kpi)));
  const controls: ActionsBlock['elements'] = [button('Log value', ActionIds.logValue, logButtonValue(kpi.id), 'primary')];
  const favorite = favoriteControl({ ...model });
  if (favorite) controls.push(favorite);
  controls.push(...(model.extraActions ?? []));
  blocks.push(actions(undefined, controls));
  return { text: `${kpi.name}: details`, blocks };
}

/** `Last 8 weeks ▁▃▅·▇█` then one line per week, newest last. */
export function historyText(kpi: Kpi, history: KpiHistory, locale: string): string {
  const line = sparkline(history.weeks.map((w) => w.value));
  const rows = history.weeks.map(
    (w) => `${w.period}  ${w.value === undefined ? '—' : escapeMrkdwn(formatKpiValue(w.value, kpi.formatting, locale))}`,
  );
  return `*Last ${history.weeks.length} weeks*  \`${line}\`\n\`\`\`${rows.join('\n')}\`\`\``;
}

function insightText(kpi: Kpi): string {
  const link = kpi.insightLink;
  if (!link?.insightName) return 'Values are entered by hand (no insight linked).';
  const field = link.fieldName ? ` · field ${escapeMrkdwn(link.fieldName)}` : '';
  return `Computed by insight *${escapeMrkdwn(link.insightName)}*${field}`;
}
