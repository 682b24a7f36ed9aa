/** KPI groups and the token user's favorites. */
import { badRequest, notFound } from '../errors.js';
import type { Handler } from './context.js';

export const listGroups: Handler = ({ state, user }) => {
  const items = state.groupsFor(user.userId);
  return { status: 200, body: { items, totalCount: items.length } };
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
