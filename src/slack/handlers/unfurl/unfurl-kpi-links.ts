/**
 * Link unfurls: a Gtmhub link to a KPI posted in a conversation becomes the KPI's card (value,
 * trend, owners, *Log value*) with its chart, through `chat.unfurl`. The chart is shared into that
 * conversation, in the thread of the message with the link (docs/slack-files.md), so everyone who
 * sees the unfurl can see the picture. Values read with the workspace token must not leave the
 * company: nothing is unfurled in a conversation shared with another organisation (Slack Connect),
 * nor anywhere with KPIBOT_UNFURL=off. Runs after Bolt acknowledged the event; never throws.
 */
import type { webApi } from '@slack/bolt';
import { kpiIdOfLink } from '../../../gtmhub/assumptions.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { SlackDeps } from '../../deps.js';
import type { LinkShared } from '../../payloads/link-shared.js';
import { kpiCardBlocks } from '../../views/kpi-card.js';
import { cardsFor, kpiFetcher } from '../lookup/lookup.js';
import { detailsChart } from '../lookup/details-chart.js';

/** Cards per message: Slack shows a few unfurls per message; more links are left as links. */
export const MAX_UNFURLS = 3;

export async function unfurlKpiLinks(deps: SlackDeps, client: webApi.WebClient, shared: LinkShared): Promise<void> {
  if (!deps.unfurl) return;
  if (shared.externallyShared) {
    deps.logger.info('KPI links not unfurled: the conversation is shared with another organisation', { channel: shared.channel });
    return;
  }
  const byId = new Map<string, string>();
  for (const url of shared.urls) {
    const id = kpiIdOfLink(url);
    if (id !== undefined && !byId.has(id) && byId.size < MAX_UNFURLS) byId.set(id, url);
  }
  if (byId.size === 0) return;
  try {
    const [catalogue, profile] = await Promise.all([deps.catalogue.get(), deps.profiles.get(client, shared.userId)]);
    const fetch = kpiFetcher(deps);
    const found: Array<{ kpi: Kpi; url: string }> = [];
    for (const [id, url] of byId) {
      const kpi = catalogue.index.byId(id) ?? (await fetch(id));
      if (kpi) found.push({ kpi, url });
    }
    if (found.length === 0) return;
    const cards = await cardsFor(deps, catalogue, found.map((f) => f.kpi), profile, shared.teamId);
    // In the thread of the message with the link: its readers see the picture, the channel gets no extra message.
    const inConversation = shared.channel !== 'COMPOSER';
    const unfurls: Record<string, { blocks: unknown[] }> = {};
    await Promise.all(
      cards.map(async (card, i) => {
        const chart = inConversation
          ? await detailsChart(deps, {
              kpiId: card.kpi.id,
              kpi: Promise.resolve(card.kpi),
              userId: shared.userId,
              zone: profile.zone,
              locale: profile.locale,
              destination: { kind: 'conversation', channel: shared.channel, threadTs: shared.messageTs },
            })
          : undefined;
        const blocks: unknown[] = kpiCardBlocks(card);
        if (chart) blocks.splice(1, 0, chart);
        unfurls[found[i]!.url] = { blocks };
      }),
    );
    const target = shared.unfurlId !== undefined && shared.source !== undefined ? { unfurl_id: shared.unfurlId, source: shared.source } : { channel: shared.channel, ts: shared.messageTs };
    await client.chat.unfurl({ ...target, unfurls } as unknown as Parameters<webApi.WebClient['chat']['unfurl']>[0]);
  } catch (error) {
    deps.logger.warn('KPI links could not be unfurled', { channel: shared.channel, error });
  }
}
