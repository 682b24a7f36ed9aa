import type { webApi } from '@slack/bolt';
import { interactiveWithinTwoSeconds } from '../../../gtmhub/retry.js';
import type { Kpi } from '../../../gtmhub/types.js';
import type { CatalogueView } from '../../../kpis/catalogue.js';
import { normalizeText } from '../../../kpis/search.js';
import type { KpiHistory } from '../../../kpis/recent-values.js';
import { isoWeekOf } from '../../../time/periods.js';
import type { SlackDeps } from '../../deps.js';
import { kpisOwnedBy } from '../../../kpis/kpi-owners.js';
import type { PeopleView } from '../../../people/people.js';
import { peopleViewFor } from '../common/people.js';
import { homeKpiIds, homeUnavailableView, homeView, type HomeGroup } from '../../views/home.js';

/**
 * Refreshes a user's Home in the background (after a toggle, a logged value, app_home_opened): the
 * caller's Slack request is never held up by Gtmhub or by views.publish. `notice`: one sentence
 * shown on top, for what happened on the Home itself (a failed toggle there has no other place to
 * say so).
 */
export function refreshHome(deps: SlackDeps, client: webApi.WebClient, teamId: string, userId: string, notice?: string): void {
  deps.background.run('publishing the Home tab', () =>
    deps.homes.run(`${teamId}|${userId}`, (next) => publishHome(deps, client, teamId, userId, next === undefined ? {} : { notice: next }), notice),
  );
}

/** Builds and publishes the user's Home: their favorite groups with each KPI's latest value, trend and last update. */
export async function publishHome(deps: SlackDeps, client: webApi.WebClient, teamId: string, userId: string, options: { notice?: string } = {}): Promise<void> {
  const [favoriteIds, profile, connected] = await Promise.all([
    deps.favorites.groupIds(teamId, userId),
    deps.profiles.get(client, userId),
    deps.personalTokens.personalClient(teamId, userId).then((c) => c !== undefined),
  ]);
  const notice = options.notice === undefined ? {} : { notice: options.notice };
  let catalogue: CatalogueView;
  try {
    catalogue = await deps.catalogue.get();
  } catch (error) {
    deps.logger.warn('Home published without KPIs: the catalogue could not be loaded', { error });
    await client.views.publish({ user_id: userId, view: homeUnavailableView(notice) });
    return;
  }
  const groups = favoriteGroups(catalogue, favoriteIds);
  const people = await peopleViewFor(deps, teamId);
  const own = { peopleKnown: deps.people !== undefined, mine: people ? ownKpis(catalogue, people, userId) : undefined };
  const histories = await recentValuesOf(deps, homeKpiIds(groups, own), profile.zone);
  const view = homeView({
    groups,
    histories,
    currentWeek: isoWeekOf(deps.now(), profile.zone),
    zone: profile.zone,
    locale: profile.locale,
    connected,
    ...own,
    ...(people ? { ownerOf: (id: string) => people.ownerOf(id) } : {}),
    ...notice,
  });
  await client.views.publish({ user_id: userId, view });
}

/** The KPIs `userId` owns, by name; undefined when kpibot does not know their Gtmhub user. */
export function ownKpis(catalogue: CatalogueView, people: PeopleView, userId: string): Kpi[] | undefined {
  const me = people.gtmhubUserOf(userId);
  if (!me.found) return undefined;
  return kpisOwnedBy(catalogue.kpis, me.gtmhubUserId).sort(byName);
}

const byName = (a: { name: string }, b: { name: string }): number => normalizeText(a.name).localeCompare(normalizeText(b.name));

/** The favorite groups with their KPIs, both in name order. Many users share one catalogue pass each. */
function favoriteGroups(catalogue: CatalogueView, favoriteIds: readonly string[]): HomeGroup[] {
  if (favoriteIds.length === 0) return [];
  const wanted = new Set(favoriteIds);
  const kpisOf = new Map<string, Kpi[]>(favoriteIds.map((id) => [id, []]));
  for (const kpi of catalogue.kpis) for (const id of kpi.groups) if (wanted.has(id)) kpisOf.get(id)!.push(kpi);
  return favoriteIds
    .map((id) => ({ id, name: catalogue.groupNames.get(id) ?? id, kpis: kpisOf.get(id)!.sort(byName) }))
    .sort(byName);
}

/** Shared, batched reads (RecentValues); a Gtmhub failure leaves the Home without values rather than without a Home. */
async function recentValuesOf(deps: SlackDeps, kpiIds: string[], zone: string): Promise<Map<string, KpiHistory> | undefined> {
  if (kpiIds.length === 0) return new Map();
  try {
    return await deps.recentValues.forKpis(kpiIds, zone, { policy: interactiveWithinTwoSeconds });
  } catch (error) {
    deps.logger.warn('Home published without values: Gtmhub did not answer', { error });
    return undefined;
  }
}
