import type { ToggleResult } from '../../../favorites/favorite-groups.js';
import { knownGroups, resolveGroupRef } from '../../../favorites/resolve-group.js';
import type { CatalogueView } from '../../../kpis/catalogue.js';
import { describeFailure } from '../../../kpis/failure-sentences.js';
import type { SlackDeps } from '../../deps.js';
import {
  ambiguousGroupMessage,
  favoriteToggledMessage,
  favoritesListMessage,
  unknownGroupMessage,
  type FavoriteGroupSummary,
} from '../../views/favorites.js';
import type { FavoriteRequest } from '../../payloads/button-values.js';
import { clip } from '../../views/blocks.js';
import type { MessageView } from '../../views/messages.js';

/** `/kpi fav`: the user's favorite groups. */
export async function listFavorites(deps: SlackDeps, teamId: string, userId: string): Promise<MessageView> {
  const [ids, catalogue] = await Promise.all([deps.favorites.groupIds(teamId, userId), deps.catalogue.get()]);
  const counts = new Map<string, number>();
  for (const kpi of catalogue.kpis) for (const id of kpi.groups) counts.set(id, (counts.get(id) ?? 0) + 1);
  const groups: FavoriteGroupSummary[] = ids
    .map((id) => ({ id, name: groupName(catalogue, id), kpiCount: counts.get(id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return favoritesListMessage(groups);
}

/** `/kpi fav <group>`: toggles the group the words name, or says which groups they could mean. */
export async function toggleFavoriteByName(deps: SlackDeps, teamId: string, userId: string, ref: string): Promise<{ message: MessageView; toggled?: ToggleResult }> {
  const catalogue = await deps.catalogue.get();
  const resolved = resolveGroupRef(knownGroups(catalogue), ref);
  if (resolved.kind === 'unknown') return { message: unknownGroupMessage(ref, resolved.closest) };
  if (resolved.kind === 'ambiguous') return { message: ambiguousGroupMessage(ref, resolved.candidates) };
  const toggled = await deps.favorites.toggle(teamId, userId, resolved.group.id);
  return { message: favoriteToggledMessage(resolved.group.name, toggled.favorite, toggled.mirror), toggled };
}

/**
 * A ☆/★ button or overflow option: stores the state it asks for (a bare group id from an older
 * message flips, as it did when that message was posted).
 */
export async function changeFavoriteByControl(deps: SlackDeps, teamId: string, userId: string, request: FavoriteRequest): Promise<{ toggled: ToggleResult; name: string }> {
  const { groupId, favorite } = request;
  const toggled = favorite === undefined ? await deps.favorites.toggle(teamId, userId, groupId) : await deps.favorites.set(teamId, userId, groupId, favorite);
  const name = groupName(deps.catalogue.peek(), groupId);
  return { toggled, name };
}

/** The one sentence a failed favorite change is answered with (in the conversation, or on top of the Home). */
export function favoriteChangeFailure(deps: SlackDeps, groupId: string, error: unknown): string {
  return describeFailure(error, `changing your favorite group “${clip(groupName(deps.catalogue.peek(), groupId), 100)}”`);
}

function groupName(catalogue: CatalogueView | undefined, groupId: string): string {
  return catalogue?.groupNames.get(groupId) ?? groupId;
}
