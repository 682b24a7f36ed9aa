import type { ToggleResult } from '../../favorites/favorite-groups.js';
import { knownGroups, resolveGroupRef } from '../../favorites/resolve-group.js';
import type { CatalogueView } from '../../kpis/catalogue.js';
import type { SlackDeps } from '../deps.js';
import {
  ambiguousGroupMessage,
  favoriteToggledMessage,
  favoritesListMessage,
  unknownGroupMessage,
  type FavoriteGroupSummary,
} from '../views/favorites.js';
import type { MessageView } from '../views/messages.js';

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

/** A ☆/★ button or overflow option: toggles that group. */
export async function toggleFavoriteById(deps: SlackDeps, teamId: string, userId: string, groupId: string): Promise<{ toggled: ToggleResult; name: string }> {
  const toggled = await deps.favorites.toggle(teamId, userId, groupId);
  const name = groupName(deps.catalogue.peek(), groupId);
  return { toggled, name };
}

function groupName(catalogue: CatalogueView | undefined, groupId: string): string {
  return catalogue?.groupNames.get(groupId) ?? groupId;
}
