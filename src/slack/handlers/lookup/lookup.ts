import { GtmhubNotFoundError } from '../../../gtmhub/errors.js';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { CatalogueView } from '../../../kpis/catalogue.js';
import type { KpiHistory } from '../../../kpis/recent-values.js';
import { resolveKpiRefOrFetch } from '../../../kpis/resolve-kpi.js';
import type { SlackDeps } from '../../deps.js';
import type { UserProfile } from '../../user-profiles.js';
import { adminActionsFor } from '../kpi-admin/access.js';
import { ownerLookupFor } from '../common/people.js';
import { takeTurn } from '../common/turns.js';
import { detailsChart } from './details-chart.js';
import { kpiDetailsMessage } from '../../views/kpi-details.js';
import type { KpiCardModel } from '../../views/kpi-card.js';
import { MAX_RESULTS, noMatchMessage, searchResultsMessage } from '../../views/search-results.js';
import type { MessageView } from '../../views/messages.js';

/** Recent values for the cards; a Gtmhub failure leaves the cards without values rather than failing the lookup. */
export async function historiesOf(deps: SlackDeps, kpis: ReadonlyArray<Pick<Kpi, 'id'>>, zone: string): Promise<Map<string, KpiHistory> | undefined> {
  if (kpis.length === 0) return new Map();
  try {
    return await deps.recentValues.forKpis(
      kpis.map((k) => k.id),
      zone,
      { policy: interactiveWithinTwoSeconds },
    );
  } catch (error) {
    deps.logger.warn('recent values unavailable for a lookup', { error });
    return undefined;
  }
}

/** The user's favorite groups, for the ☆/★ labels; a store failure leaves every label ☆ rather than failing the lookup. */
async function favoriteIdsOf(deps: SlackDeps, teamId: string | undefined, userId: string): Promise<ReadonlySet<string> | undefined> {
  if (teamId === undefined) return undefined;
  try {
    return new Set(await deps.favorites.groupIds(teamId, userId));
  } catch (error) {
    deps.logger.warn('favorite groups unavailable for a lookup', { error });
    return undefined;
  }
}

/**
 * Cards for `kpis`; with `teamId`, their favorite controls show the user's real ☆/★ state and their
 * owners show as the workspace's people.
 */
export async function cardsFor(deps: SlackDeps, view: CatalogueView, kpis: readonly Kpi[], profile: UserProfile, teamId?: string): Promise<KpiCardModel[]> {
  const [histories, favoriteGroupIds, ownerOf] = await Promise.all([
    historiesOf(deps, kpis, profile.zone),
    favoriteIdsOf(deps, teamId, profile.id),
    ownerLookupFor(deps, teamId),
  ]);
  // The Gtmhub answers of a burst of lookups come back together: each builds its cards and reply in a turn of its own.
  await takeTurn();
  return kpis.map((kpi) => ({
    kpi,
    groupNames: view.groupNames,
    history: histories === undefined ? undefined : histories.get(kpi.id),
    locale: profile.locale,
    ...(favoriteGroupIds ? { favoriteGroupIds } : {}),
    ...(ownerOf ? { ownerOf } : {}),
  }));
}

/** `/kpi <words>`: the best matches with values and trends, or the closest names. */
export async function findKpis(deps: SlackDeps, query: string, profile: UserProfile, teamId?: string): Promise<MessageView> {
  const view = await deps.catalogue.get();
  const result = view.index.search(query, MAX_RESULTS);
  if (result.total === 0) return noMatchMessage(query, view.index.closest(query, 3));
  const cards = await cardsFor(deps, view, result.matches.map((m) => m.kpi), profile, teamId);
  return searchResultsMessage({ query, cards, total: result.total, closest: [] });
}

/**
 * `/kpi show <ref>` and the *Details* button: the KPI read fresh (plain-text description) with 8
 * weeks, and its chart of the last `options.weeks` (default 12) when it is ready in time.
 */
export async function showKpi(
  deps: SlackDeps,
  ref: { id: string } | { text: string },
  profile: UserProfile,
  teamId?: string,
  options: { weeks?: number } = {},
): Promise<MessageView> {
  const view = await deps.catalogue.get();
  let kpiId: string;
  if ('id' in ref) {
    kpiId = ref.id;
  } else {
    const resolved = await resolveKpiRefOrFetch(view.index, ref.text, kpiFetcher(deps));
    if (resolved.kind === 'unknown') return noMatchMessage(ref.text, resolved.closest);
    if (resolved.kind === 'ambiguous') {
      const cards = await cardsFor(deps, view, resolved.candidates.slice(0, MAX_RESULTS), profile, teamId);
      return searchResultsMessage({ query: ref.text, cards, total: resolved.candidates.length, closest: [] });
    }
    kpiId = resolved.kpi.id;
  }
  const read = deps.gtmhub.getKpi(kpiId, { formatting: 'plainText', policy: interactiveWithinTwoSeconds });
  const charted = detailsChart(deps, { kpiId, kpi: read, userId: profile.id, zone: profile.zone, locale: profile.locale, ...(options.weeks !== undefined ? { weeks: options.weeks } : {}) });
  const [kpi, histories, favoriteGroupIds, ownerOf] = await Promise.all([
    read,
    historiesOf(deps, [{ id: kpiId }], profile.zone),
    favoriteIdsOf(deps, teamId, profile.id),
    ownerLookupFor(deps, teamId),
  ]);
  const chart = await charted;
  return kpiDetailsMessage({
    ...(chart ? { chart } : {}),
    kpi,
    groupNames: view.groupNames,
    history: histories?.get(kpiId),
    locale: profile.locale,
    ...(favoriteGroupIds ? { favoriteGroupIds } : {}),
    ...(ownerOf ? { ownerOf } : {}),
    extraActions: adminActionsFor(deps, profile, kpi),
  });
}

/**
 * Reads a KPI the catalogue does not know yet (created in Gtmhub since the last refresh) and adds
 * it to the catalogue, so the modal's checks and the typeahead know it too; `undefined` when
 * Gtmhub has no such KPI.
 */
export function kpiFetcher(deps: SlackDeps): (id: string) => Promise<Kpi | undefined> {
  return async (id) => {
    try {
      const kpi = await deps.gtmhub.getKpi(id, { policy: interactiveWithinTwoSeconds });
      deps.catalogue.upsert(kpi);
      return kpi;
    } catch (error) {
      if (error instanceof GtmhubNotFoundError) return undefined;
      throw error;
    }
  };
}
