import type { BackgroundWork } from '../background-work.js';
import type { GtmhubClient } from '../gtmhub/client.js';
import type { KpiCatalogue } from '../kpis/catalogue.js';
import type { RecentValues } from '../kpis/recent-values.js';
import type { Logger } from '../log.js';
import type { SubmissionsRepository } from '../store/submissions-repository.js';
import type { UserProfiles } from './user-profiles.js';

/** What the Slack listeners work with; built once in the composition root (src/kpibot.ts). */
export interface SlackDeps {
  logger: Logger;
  catalogue: KpiCatalogue;
  recentValues: RecentValues;
  gtmhub: GtmhubClient;
  submissions: SubmissionsRepository;
  profiles: UserProfiles;
  background: BackgroundWork;
  now: () => number;
}
