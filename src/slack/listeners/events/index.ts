import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerAppHomeOpened } from './app-home-opened.js';
import { register as registerLinkShared } from './link-shared.js';

export function register(app: App, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
  registerLinkShared(app, deps);
}
