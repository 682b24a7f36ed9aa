import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerAlertGroupOptions } from './alert-group-options.js';
import { register as registerAlertKpiOptions } from './alert-kpi-options.js';
import { register as registerAlertZoneOptions } from './alert-zone-options.js';
import { register as registerDigestGroupOptions } from './digest-group-options.js';
import { register as registerDigestKpiOptions } from './digest-kpi-options.js';
import { register as registerDigestZoneOptions } from './digest-zone-options.js';
import { register as registerKpiPicker } from './kpi-picker-options.js';
import { register as registerKpiFormGroupOptions } from './kpi-form-group-options.js';

export function register(app: App, deps: SlackDeps): void {
  registerKpiPicker(app, deps);
  registerKpiFormGroupOptions(app, deps);
  registerDigestKpiOptions(app, deps);
  registerDigestZoneOptions(app, deps);
  registerDigestGroupOptions(app, deps);
  registerAlertKpiOptions(app, deps);
  registerAlertGroupOptions(app, deps);
  registerAlertZoneOptions(app, deps);
}
