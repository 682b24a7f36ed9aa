import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerKpiPicker } from './kpi-picker-options.js';

export function register(app: App, deps: SlackDeps): void {
  registerKpiPicker(app, deps);
}
