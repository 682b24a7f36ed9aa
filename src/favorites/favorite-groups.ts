/**
 * Each Slack user's favorite KPI groups: kept in kpibot's store (what Slack shows) and mirrored to
 * Gtmhub for users who connected their own token, since Gtmhub's favorites belong to the token's user.
 */
import type { FavoritesRepository } from '../store/favorites-repository.js';
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

  /** Flips one group for the user, then mirrors the new state to Gtmhub when they are connected. */
  async toggle(teamId: string, userId: string, groupId: string): Promise<ToggleResult> {
    const key = { teamId, userId, groupId };
    const connected = (await this.personalWriter(teamId, userId)) !== undefined;
    const row = await this.repository.toggle(key, connected);
    const mirror: MirrorOutcome = connected ? await this.mirror.send(key) : { kind: 'slack-only' };
    return { groupId, favorite: row.favorite, mirror };
  }

  /** Retries the Gtmhub mirrors that failed and are due (the loop calls it; tests too, with a moved clock). */
  retryDue(): Promise<number> {
    return this.mirror.retryDue();
  }
}
