/**
 * The SQLite migrations, in order. Listed by hand rather than read from the folder so that they run
 * the same from `dist/` and from vitest. Kysely applies them in the order of their names: keep
 * the zero-padded number first, and keep this list in step with the other dialect's.
 */
import type { Migration } from 'kysely';
import * as submissions from './0001_submissions.js';
import * as favorites from './0002_favorites.js';
import * as userTokens from './0003_user_tokens.js';
import * as digests from './0004_digests.js';
import * as digestRetries from './0005_digest_retries.js';
import * as scheduledDeliveries from './0006_scheduled_deliveries.js';
import * as peopleLinks from './0007_people_links.js';
import * as digestCharts from './0008_digest_charts.js';
import * as alerts from './0009_alerts.js';
import * as checkins from './0010_checkins.js';
import * as alertFirings from './0011_alert_firings.js';
import * as checkinStops from './0012_checkin_stops.js';
import * as checkinDmMerged from './0013_checkin_dm_merged.js';

export const migrations: Record<string, Migration> = {
  '0001_submissions': submissions,
  '0002_favorites': favorites,
  '0003_user_tokens': userTokens,
  '0004_digests': digests,
  '0005_digest_retries': digestRetries,
  '0006_scheduled_deliveries': scheduledDeliveries,
  '0007_people_links': peopleLinks,
  '0008_digest_charts': digestCharts,
  '0009_alerts': alerts,
  '0010_checkins': checkins,
  '0011_alert_firings': alertFirings,
  '0012_checkin_stops': checkinStops,
  '0013_checkin_dm_merged': checkinDmMerged,
};
