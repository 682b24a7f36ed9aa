/**
 * `GET /v2/users`: the account's users, `{ items: [{ id, email, firstName, lastName }], totalCount }`
 * (the answer's shape is kpibot's assumption, see src/gtmhub/assumptions.ts). `filter` is Mongo
 * syntax, `_id` naming the id (developer.quantive.com/api-reference/results/users.html); an email
 * filter the way the client sends it (`$regex` with `$options: "i"`) matches without case. `fields`
 * projects (the id always comes), `sort`/`skip`/`take`/`limit` page it, at most 100 per page.
 * With `state.usersListForbidden` it answers 403, as Gtmhub does for a token whose user may not
 * list users.
 */
import { forbidden } from '../errors.js';
import { parseFilter } from '../filter.js';
import { orderedItems, pageOf, pageWindow } from '../list-order.js';
import type { UserRecord } from '../state.js';
import type { Handler } from './context.js';

export const listUsers: Handler = ({ state, query }) => {
  if (state.usersListForbidden) throw forbidden("The API token's user does not have permission to list the account's users.");
  const window = pageWindow(query);
  const predicate = query.filter?.trim() ? parseFilter(query.filter) : undefined;
  const { items } = orderedItems(() => [...state.users.values()], query.sort, state, 'id');
  const matching = predicate ? items.filter((u) => predicate({ ...u, _id: u.id })) : items;
  const fields = query.fields?.split(',').map((f) => f.trim()).filter((f) => f !== '');
  return { status: 200, body: pageOf(matching, window, (user) => (fields ? project(user, fields) : { ...user })) };
};

function project(user: UserRecord, fields: string[]): Partial<UserRecord> {
  const out: Record<string, unknown> = { id: user.id };
  for (const field of fields) {
    const value = (user as unknown as Record<string, unknown>)[field === '_id' ? 'id' : field];
    if (value !== undefined) out[field === '_id' ? 'id' : field] = value;
  }
  return out;
}
