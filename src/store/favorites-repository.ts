/**
 * Each Slack user's favorite KPI groups: the source of truth for what Slack shows. A toggle or a
 * set is one atomic statement (new state + version bump), so two that race never both read the same
 * state: two quick flips end where two flips end, two quick sets end in the last one asked for. The mirror to Gtmhub is bookkept per version, so
 * the answer for an older version never marks a newer one as sent.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { toStoredInstant } from './instant.js';
import type { Database, FavoriteGroupsTable } from './schema.js';

export type MirrorStatus = FavoriteGroupsTable['mirror_status'];

export interface FavoriteKey {
  teamId: string;
  userId: string;
  groupId: string;
}

export interface FavoriteRow extends FavoriteKey {
  favorite: boolean;
  version: number;
  mirrorStatus: MirrorStatus;
  mirroredVersion: number;
  mirrorAttempts: number;
  mirrorError: string | null;
  nextAttemptAt: Date | null;
}

export interface FavoritesRepositoryOptions {
  now?: () => Date;
}

export class FavoritesRepository {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: FavoritesRepositoryOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Flips the desired state (a new row starts favorited) and bumps the version. `mirror`: whether
   * the new state should be sent to Gtmhub (the user has a personal token); the mirror bookkeeping
   * restarts for the new version. For `/kpi fav <group>`, whose words carry no state.
   */
  toggle(key: FavoriteKey, mirror: boolean): Promise<FavoriteRow> {
    return this.#write(key, mirror, 1, sql<number>`1 - favorite_groups.favorite`);
  }

  /**
   * Stores the state the user asked for and bumps the version, whatever the state was: a button
   * carries the state it offers, so two clicks on one stale "☆ Favorite group" both mean "favorite"
   * and end favorited (a flip would end unfavorited). The version moves even when the state does
   * not, so the mirror sends it again (the user asked again).
   */
  set(key: FavoriteKey, favorite: boolean, mirror: boolean): Promise<FavoriteRow> {
    const value = favorite ? 1 : 0;
    return this.#write(key, mirror, value, value);
  }

  async #write(key: FavoriteKey, mirror: boolean, inserted: number, updated: number | RawBuilder<number>): Promise<FavoriteRow> {
    const now = toStoredInstant(this.#now());
    const mirrorFields = {
      mirror_status: mirror ? ('pending' as const) : ('none' as const),
      mirror_attempts: 0,
      mirror_error: null,
      next_attempt_at: mirror ? now : null,
      updated_at: now,
    };
    const row = await this.#db
      .insertInto('favorite_groups')
      .values({ team_id: key.teamId, user_id: key.userId, group_id: key.groupId, favorite: inserted, version: 1, ...mirrorFields })
      .onConflict((conflict) =>
        conflict.columns(['team_id', 'user_id', 'group_id']).doUpdateSet({
          favorite: updated,
          version: sql<number>`favorite_groups.version + 1`,
          ...mirrorFields,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRow(row);
  }

  async get(key: FavoriteKey): Promise<FavoriteRow | undefined> {
    const row = await this.#db
      .selectFrom('favorite_groups')
      .selectAll()
      .where('team_id', '=', key.teamId)
      .where('user_id', '=', key.userId)
      .where('group_id', '=', key.groupId)
      .executeTakeFirst();
    return row ? toRow(row) : undefined;
  }

  /** The user's favorite group ids, in the order they were last changed (oldest first). */
  async favoriteGroupIds(teamId: string, userId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('favorite_groups')
      .select('group_id')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .where('favorite', '=', 1)
      .orderBy('updated_at', 'asc')
      .orderBy('group_id', 'asc')
      .execute();
    return rows.map((r) => r.group_id);
  }

  /** Gtmhub confirmed `version`: done if it is still the latest, else only remembered as sent. */
  async markMirrored(key: FavoriteKey, version: number): Promise<void> {
    await this.#db
      .updateTable('favorite_groups')
      .set({ mirror_status: 'done', mirror_error: null, next_attempt_at: null, mirrored_version: version })
      .where('team_id', '=', key.teamId)
      .where('user_id', '=', key.userId)
      .where('group_id', '=', key.groupId)
      .where('version', '=', version)
      .execute();
    await this.#db
      .updateTable('favorite_groups')
      .set({ mirrored_version: version })
      .where('team_id', '=', key.teamId)
      .where('user_id', '=', key.userId)
      .where('group_id', '=', key.groupId)
      .where('mirrored_version', '<', version)
      .execute();
  }

  /**
   * Sending `version` failed. Only the row still at that version is touched (a newer toggle has its
   * own attempt): `retryAt` undefined means give up (`failed`), else try again then.
   */
  async markMirrorFailed(key: FavoriteKey, version: number, reason: string, retryAt: Date | undefined): Promise<void> {
    await this.#db
      .updateTable('favorite_groups')
      .set({
        mirror_status: retryAt ? 'pending' : 'failed',
        mirror_attempts: sql<number>`mirror_attempts + 1`,
        mirror_error: reason,
        next_attempt_at: retryAt ? toStoredInstant(retryAt) : null,
      })
      .where('team_id', '=', key.teamId)
      .where('user_id', '=', key.userId)
      .where('group_id', '=', key.groupId)
      .where('version', '=', version)
      .execute();
  }

  /**
   * Hands `version` to the retry loop, due at `at`: the mirror stops re-sending in one go after a
   * few rounds (the state kept moving under it), and the loop finishes the job.
   */
  async markMirrorDue(key: FavoriteKey, version: number, at: Date): Promise<void> {
    await this.#db
      .updateTable('favorite_groups')
      .set({ mirror_status: 'pending', next_attempt_at: toStoredInstant(at) })
      .where('team_id', '=', key.teamId)
      .where('user_id', '=', key.userId)
      .where('group_id', '=', key.groupId)
      .where('version', '=', version)
      .where('mirror_status', '!=', 'none')
      .execute();
  }

  /** Nothing to send for `version` (the user disconnected meanwhile). */
  async markMirrorSkipped(key: FavoriteKey, version: number): Promise<void> {
    await this.#db
      .updateTable('favorite_groups')
      .set({ mirror_status: 'none', next_attempt_at: null })
      .where('team_id', '=', key.teamId)
      .where('user_id', '=', key.userId)
      .where('group_id', '=', key.groupId)
      .where('version', '=', version)
      .execute();
  }

  /** Pending mirrors whose next attempt is due, oldest first: the retry loop's work list. */
  async mirrorsDue(instant: Date, limit = 50): Promise<FavoriteRow[]> {
    const rows = await this.#db
      .selectFrom('favorite_groups')
      .selectAll()
      .where('mirror_status', '=', 'pending')
      .where('next_attempt_at', '<=', toStoredInstant(instant))
      .orderBy('next_attempt_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }
}

function toRow(row: Selectable<FavoriteGroupsTable>): FavoriteRow {
  return {
    teamId: row.team_id,
    userId: row.user_id,
    groupId: row.group_id,
    favorite: Number(row.favorite) === 1,
    version: Number(row.version),
    mirrorStatus: row.mirror_status,
    mirroredVersion: Number(row.mirrored_version),
    mirrorAttempts: Number(row.mirror_attempts),
    mirrorError: row.mirror_error,
    nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at),
  };
}
