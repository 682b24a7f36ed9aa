/** KPI groups and the token user's favorites. */
import { badRequest, notFound } from '../errors.js';
import { orderedItems, pageOf, pageWindow } from '../list-order.js';
import type { Handler } from './context.js';

/**
 * `GET /v1/kpis/groups`: `{ items: [{ id, name, favorite }], totalCount }`, paged like every list
 * (`skip`, `take`, at most 100) and sorted by `sort` (without one: see `orderedItems`).
 */
export const listGroups: Handler = ({ state, user, query }) => {
  const window = pageWindow(query);
  const { items } = orderedItems(() => [...state.groups.values()], query.sort, state, 'name');
  const { items: page, totalCount } = pageOf(items, window, (g) => ({ id: g.id, name: g.name, favorite: state.isFavorite(user.userId, g.id) }));
  return { status: 200, body: { items: page, totalCount } };
};

export const setFavorite: Handler = ({ state, user, json }) => {
  const body = json();
  const { groupId, favorite } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof groupId !== 'string' || groupId === '' || typeof favorite !== 'boolean') {
    throw badRequest('The body must be { "groupId": "<group id>", "favorite": true|false }.');
  }
  if (!state.groups.has(groupId)) throw notFound(`KPI group ${groupId} does not exist.`);
  state.setFavorite(user.userId, groupId, favorite);
  return { status: 200, body: {} };
};
