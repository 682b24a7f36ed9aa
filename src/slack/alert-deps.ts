import type { AlertRulesRepository } from '../store/alert-rules-repository.js';

/** What the `/kpi alert` listeners need besides the common SlackDeps (wired in src/kpibot.ts). */
export interface AlertSlackDeps {
  rules: Pick<AlertRulesRepository, 'create' | 'update' | 'get' | 'listByChannel' | 'listByTeam' | 'pause' | 'resume' | 'remove' | 'mute'>;
}
