/**
 * The database as Kysely sees it: one row interface per table, named `XxxTable`, and one entry
 * per table in `Database`. Column names are snake_case, exactly as in the migrations.
 *
 * Adding a table (favorites, personal tokens, digest subscriptions, deliveries, …):
 *   1. a migration in BOTH `migrations/sqlite/` and `migrations/postgres/`, with the same next
 *      number and name (`0002_favorites.ts`), listed in each folder's `index.ts`;
 *   2. its `XxxTable` interface here and an entry in `Database`;
 *   3. a repository next to `submissions-repository.ts`, tested by the suite that runs on both
 *      dialects (`test/helpers/stores.ts`).
 * Instants are ISO text (see `instant.ts`), ids are text UUIDs made by the application, numbers
 * that fit a double are `real`/`double precision`: no column type differs in what it returns
 * between the dialects, so repositories never branch on the dialect.
 */
import type { Generated } from 'kysely';
import type { StoredInstant } from './instant.js';
import type { SubmissionSource, SubmissionStatus } from './submission.js';
import type { ClaimStatus } from '../scheduling/claims.js';

export interface Database {
  submissions: SubmissionsTable;
  favorite_groups: FavoriteGroupsTable;
  user_tokens: UserTokensTable;
  digest_subscriptions: DigestSubscriptionsTable;
  scheduled_deliveries: ScheduledDeliveriesTable;
}

export interface SubmissionsTable {
  id: string;
  team_id: string;
  user_id: string;
  kpi_id: string;
  kpi_name: string;
  period: string;
  time_zone: string;
  value: number;
  raw_input: string;
  source: SubmissionSource;
  status: SubmissionStatus;
  error: string | null;
  previous_value: number | null;
  idempotency_key: string;
  created_at: StoredInstant;
  completed_at: StoredInstant | null;
}

/** A user's favorite group: desired state (0/1), its version, and its mirror to Gtmhub; see `favorites-repository.ts`. */
export interface FavoriteGroupsTable {
  team_id: string;
  user_id: string;
  group_id: string;
  favorite: number;
  version: number;
  /** `none` (nothing to send: not connected), `pending`, `done` or `failed` (gave up; `mirror_error` says why). */
  mirror_status: 'none' | 'pending' | 'done' | 'failed';
  mirrored_version: Generated<number>;
  mirror_attempts: Generated<number>;
  mirror_error: string | null;
  next_attempt_at: StoredInstant | null;
  updated_at: StoredInstant;
}

/** A personal Gtmhub token, encrypted (`token-cipher.ts`); see `user-tokens-repository.ts`. */
export interface UserTokensTable {
  team_id: string;
  user_id: string;
  encrypted_token: string;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/** `selection` is the JSON of a `DigestSelection`; booleans are 0/1; see `digest-subscriptions-repository.ts`. */
export interface DigestSubscriptionsTable {
  id: string;
  team_id: string;
  channel_id: string;
  owner_user_id: string;
  selection: string;
  weekday: number;
  time: string;
  zone: string;
  skip_when_unchanged: number;
  list_not_updated: number;
  /** 1: the digest carries a chart of its KPIs (0008; 1 by default). */
  include_chart: Generated<number>;
  status: 'active' | 'paused';
  paused_reason: string | null;
  next_run_at: StoredInstant;
  consecutive_failures: number;
  last_error: string | null;
  created_at: StoredInstant;
  updated_at: StoredInstant;
}

/**
 * One row per (kind, claim_key), UNIQUE: the exactly-once claim of every kind of scheduled work
 * (0006; digest deliveries were moved here from `digest_deliveries`); see `scheduled-deliveries-repository.ts`.
 */
export interface ScheduledDeliveriesTable {
  id: string;
  /** `digest`, … */
  kind: string;
  /** The subscription (or other subject) the work belongs to. */
  subject_id: string;
  /** Unique within the kind; a digest's is `<subscription id>/<ISO week>/<schedule|manual>`. */
  claim_key: string;
  /** Where it posts (a channel id). */
  lane: string;
  status: ClaimStatus;
  claimed_at: StoredInstant;
  claimed_by: string;
  attempts: number;
  last_error: string | null;
  /** The first message's reference (Slack's ts). */
  message_ref: string | null;
  parts_posted: number;
  sent_at: StoredInstant | null;
  /** Non-null: whether the post reached Slack is unknown; search the lane from here before posting. */
  needs_lookup_since: StoredInstant | null;
  /** A `retrying` claim waits until then. */
  next_attempt_at: StoredInstant | null;
}
