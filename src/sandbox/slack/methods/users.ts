import { optionalBoolean, requiredString, type Args } from '../args.js';
import type { SimWorkspace } from '../workspace.js';
import type { MethodHandler } from './handler.js';

/** users.info: `locale` only when asked with `include_locale=true`, as Slack does. */
function info(args: Args, ws: SimWorkspace): Record<string, unknown> {
  const user = ws.findUser(requiredString(args, 'user', 'user_not_found'));
  const { locale, ...rest } = user;
  return {
    user: {
      ...rest,
      team_id: ws.options.teamId,
      deleted: user.deleted ?? false,
      is_bot: user.is_bot ?? false,
      is_app_user: false,
      profile: { real_name: user.real_name, display_name: user.name, team: ws.options.teamId },
      ...(optionalBoolean(args, 'include_locale') ? { locale } : {}),
    },
  };
}

export const usersMethods: Record<string, MethodHandler> = {
  'users.info': info,
};
