import { optionalBoolean, requiredString, type Args } from '../args.js';
import type { SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';
import { memberObject } from './users-directory.js';

/** users.info: `locale` only when asked with `include_locale=true`, as Slack does; the member as users.list shows it. */
function info(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const user = ws.findUser(requiredString(args, 'user', 'user_not_found'));
  return { user: memberObject(user, ws, { includeLocale: optionalBoolean(args, 'include_locale') }) };
}

export const usersMethods: Record<string, MethodHandler> = {
  'users.info': info,
};
