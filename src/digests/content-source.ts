/**
 * The real content source as the runtime builds it for the app and `npm run due`: the workspace Gtmhub
 * client for snapshots, the shared catalogue, and the favorites store for `favorites` selections.
 */
import type { GtmhubClient } from '../gtmhub/client.js';
import type { KpiCatalogue } from '../kpis/catalogue.js';
import type { Logger } from '../log.js';
import type { FavoritesRepository } from '../store/favorites-repository.js';
import { DigestContent, type DigestContentOptions } from './content.js';
import type { DigestContentSource } from './report.js';

export function createDigestContentSource(deps: {
  gtmhub: GtmhubClient;
  catalogue: KpiCatalogue;
  favorites: Pick<FavoritesRepository, 'favoriteGroupIds'>;
  logger: Logger;
  /** The clock the catalogue runs on; default `Date.now`. */
  now?: () => number;
  /** Who KPI owners are in a workspace; without it, owners show as Gtmhub ids. */
  ownersOf?: DigestContentOptions['ownersOf'];
  /** What owners put off (check-ins' *Not this week*). */
  skippedKpis?: DigestContentOptions['skippedKpis'];
}): DigestContentSource {
  return new DigestContent({
    snapshots: deps.gtmhub,
    catalogue: deps.catalogue,
    favoriteGroupsOf: (teamId, userId) => deps.favorites.favoriteGroupIds(teamId, userId),
    logger: deps.logger.child({ component: 'digest-content' }),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.ownersOf ? { ownersOf: deps.ownersOf } : {}),
    ...(deps.skippedKpis ? { skippedKpis: deps.skippedKpis } : {}),
  });
}
