import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerGetKpiValue } from './get-kpi-value.js';
import { register as registerListKpisNotUpdated } from './list-kpis-not-updated.js';
import { register as registerLogKpiValue } from './log-kpi-value.js';

/** kpibot's Workflow Builder steps (manifest.yml `functions`), one `app.function` each. */
export function register(app: App, deps: SlackDeps): void {
  registerLogKpiValue(app, deps);
  registerGetKpiValue(app, deps);
  registerListKpisNotUpdated(app, deps);
}
