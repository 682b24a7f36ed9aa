import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerKpi } from './kpi.js';

export function register(app: App, deps: SlackDeps): void {
  registerKpi(app, deps);
}
