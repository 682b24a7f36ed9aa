import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerLogValueShortcut } from './log-value-shortcut.js';

export function register(app: App, deps: SlackDeps): void {
  registerLogValueShortcut(app, deps);
}
