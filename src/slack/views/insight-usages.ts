import { clip, divider, escapeMrkdwn, LIMITS, section } from './blocks.js';
import { kpiCardBlocks, type KpiCardModel } from './kpi-card.js';
import type { MessageView } from './messages.js';

export interface InsightUsagesModel {
  insightId: string;
  /** The first few KPIs, as cards (each with *Details*). */
  cards: KpiCardModel[];
  /** How many KPIs use the insight in all. */
  total: number;
}

/** `/kpi insight <id>`: the KPIs an insight computes, one compact card each. */
export function insightUsagesMessage(model: InsightUsagesModel): MessageView {
  const id = escapeMrkdwn(clip(model.insightId, 100));
  const { cards, total } = model;
  const headline =
    total > cards.length
      ? `*${total} KPIs* use the insight *${id}*; here are the first ${cards.length}. Find the others with /kpi &lt;name&gt;.`
      : total === 1
        ? `1 KPI uses the insight *${id}*:`
        : `${total} KPIs use the insight *${id}*:`;
  const blocks = [section(headline), ...cards.flatMap((card) => [divider(), ...kpiCardBlocks(card)])];
  return {
    text: `${total} KPI${total === 1 ? '' : 's'} use the insight ${model.insightId}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}
