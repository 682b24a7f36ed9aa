import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerCheckinSubmitted } from './checkin-submitted.js';
import { register as registerKpiFormSubmitted } from './kpi-form-submitted.js';
import { register as registerDigestSubmitted } from './digest-submitted.js';
import { register as registerAlertSubmitted } from './alert-submitted.js';
import { register as registerConnectSubmitted } from './connect-submitted.js';
import { register as registerLogValueSubmitted } from './log-value-submitted.js';
import { register as registerLinkSubmitted } from './link-submitted.js';
import { register as registerReminderSubmitted } from './reminder-submitted.js';

export function register(app: App, deps: SlackDeps): void {
  registerLogValueSubmitted(app, deps);
  registerConnectSubmitted(app, deps);
  registerDigestSubmitted(app, deps);
  registerAlertSubmitted(app, deps);
  registerKpiFormSubmitted(app, deps);
  registerLinkSubmitted(app, deps);
  registerReminderSubmitted(app, deps);
  registerCheckinSubmitted(app, deps);
}
