import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { register as registerFunctions } from './functions/index.js';
import { register as registerOptions } from './options/index.js';
import { register as registerShortcuts } from './shortcuts/index.js';
import { register as registerViews } from './views/index.js';
import { ListenerRoutes, recordingApp } from './routes.js';
import { acknowledgeUnmatched } from './unmatched.js';
import { Dispatcher } from './dispatch.js';

/**
 * Every listener kpibot has; each folder's index registers its kind. What they register is
 * recorded, and a global middleware acknowledges at once whatever none of them will handle. Actions,
 * views, options and shortcuts reach their listeners through one Bolt listener per kind (dispatch.ts).
 */
export function registerListeners(app: App, deps: SlackDeps): ListenerRoutes {
  const routes = new ListenerRoutes();
  app.use(acknowledgeUnmatched(routes, deps.logger));
  const dispatcher = new Dispatcher();
  const recording = recordingApp(app, routes, dispatcher);
  registerCommands(recording, deps);
  registerActions(recording, deps);
  registerOptions(recording, deps);
  registerViews(recording, deps);
  registerShortcuts(recording, deps);
  registerEvents(recording, deps);
  registerFunctions(recording, deps);
  dispatcher.install(app);
  return routes;
}
