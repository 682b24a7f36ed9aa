import { GtmhubNotFoundError } from '../../../gtmhub/errors.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { SlackDeps } from '../../deps.js';
import type { UserProfile } from '../../user-profiles.js';
import { noticeMessage } from '../../views/help.js';
import { insightUsagesMessage } from '../../views/insight-usages.js';
import type { MessageView } from '../../views/messages.js';
import { MAX_RESULTS } from '../../views/search-results.js';
import { cardsFor } from '../lookup/lookup.js';

/**
 * `/kpi insight <insight id>`: the KPIs that use an insight (`GET /v1/insights/{id}/usages/kpis`),
 * with their values. Other failures than an unknown insight are left to the caller's `safely`.
 */
export async function insightUsages(deps: SlackDeps, insightId: string, profile: UserProfile, teamId?: string): Promise<MessageView> {
  let kpis: Kpi[];
  try {
    kpis = await deps.gtmhub.getInsightKpiUsages(insightId);
  } catch (error) {
    if (error instanceof GtmhubNotFoundError) {
      return noticeMessage(`Gtmhub has no insight “${insightId}”: check the insight id (its name in Gtmhub, e.g. weekly-revenue) and try again.`);
    }
    throw error;
  }
  if (kpis.length === 0) return noticeMessage(`No KPI uses the insight “${insightId}”.`);
  const catalogue = await deps.catalogue.get();
  const cards = await cardsFor(deps, catalogue, kpis.slice(0, MAX_RESULTS), profile, teamId);
  return insightUsagesMessage({ insightId, cards, total: kpis.length });
}
