import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerCheckinButton } from './checkin-button-clicked.js';
import { register as registerAlertList } from './alert-list-clicked.js';
import { register as registerAlertMute } from './alert-mute-clicked.js';
import { register as registerDetails } from './details-clicked.js';
import { register as registerFavoriteToggled } from './favorite-toggled.js';
import { register as registerDigestList } from './digest-list-clicked.js';
import { register as registerDeleteKpi } from './delete-kpi-clicked.js';
import { register as registerEditKpi } from './edit-kpi-clicked.js';
import { register as registerKpiPicked } from './kpi-picked.js';
import { register as registerLogValue } from './log-value-clicked.js';
import { register as registerReminderList } from './reminder-list-clicked.js';

export function register(app: App, deps: SlackDeps): void {
  registerLogValue(app, deps);
  registerDigestList(app, deps);
  registerAlertList(app, deps);
  registerAlertMute(app, deps);
  registerDetails(app, deps);
  registerFavoriteToggled(app, deps);
  registerKpiPicked(app, deps);
  registerEditKpi(app, deps);
  registerDeleteKpi(app, deps);
  registerReminderList(app, deps);
  registerCheckinButton(app, deps);
}
