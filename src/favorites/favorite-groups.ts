/**
 * Each Slack user's favorite KPI groups: kept in kpibot's store (what Slack shows) and mirrored to
 * Gtmhub for users who connected their own token, since Gtmhub's favorites belong to the token's user.
 */
import type { FavoriteKey, FavoriteRow, FavoritesRepository } from '../store/favorites-repository.js';
import type { FavoriteMirror, MirrorOutcome, PersonalWriterLookup } from './mirror.js';

export interface ToggleResult {
  groupId: string;
  /** The state the user asked for, now stored. */
  favorite: boolean;
  mirror: MirrorOutcome;
}

export class FavoriteGroups {
  constructor(
    private readonly repository: FavoritesRepository,
    private readonly mirror: FavoriteMirror,
    private readonly personalWriter: PersonalWriterLookup,
  ) {}

  /** The user's favorite group ids. */
  groupIds(teamId: string, userId: string): Promise<string[]> {
    return this.repository.favoriteGroupIds(teamId, userId);
  }

  /** Flips one group for the user (`/kpi fav <group>`), then mirrors the new state to Gtmhub when they are connected. */
  toggle(teamId: string, userId: string, groupId: string): Promise<ToggleResult> {
    return this.#change({ teamId, userId, groupId }, (key, mirror) => this.repository.toggle(key, mirror));
  }

  /** Stores the state a button asked for (see FavoritesRepository.set), then mirrors it like `toggle`. */
  set(teamId: string, userId: string, groupId: string, favorite: boolean): Promise<ToggleResult> {
    return this.#change({ teamId, userId, groupId }, (key, mirror) => this.repository.set(key, favorite, mirror));
  }

  async #change(key: FavoriteKey, write: (key: FavoriteKey, mirror: boolean) => Promise<FavoriteRow>): Promise<ToggleResult> {
    const connected = (await this.personalWriter(key.teamId, key.userId)) !== undefined;
    const row = await write(key, connected);
    const mirror: MirrorOutcome = connected ? await this.mirror.send(key) : { kind: 'slack-only' };
    return { groupId: key.groupId, favorite: row.favorite, mirror };
  }

  /** Retries the Gtmhub mirrors that failed and are due (the loop calls it; tests too, with a moved clock). */
  retryDue(): Promise<number> {
    return this.mirror.retryDue();
  }
}
