import type { SimUser } from '../slack/index.js';
import type { Sandbox } from './environment.js';
import type { Rendered } from './render.js';

/** A mistake in what the developer asked for (no such button, no modal open): printed as `! …`. */
export class WorkbenchError extends Error {
  readonly code = 'workbench' as const;
  constructor(message: string) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/** Slack shows the user an error when an app takes longer than this to acknowledge. */
export const SLACK_ACK_DEADLINE_MS = 3_000;

/** What a driver call answers. */
export type DriverAnswer = { status: number; body: string; json: unknown };

/** What the workbench's parts (modal, clicks) act through: the sandbox, who acts, and the one way to send a request. */
export interface WorkbenchPort {
  readonly sandbox: Sandbox;
  readonly user: SimUser;
  /**
   * Sends one request, waits for kpibot's work and renders what it did into `out`; `render` shows
   * the HTTP answer itself first (a view_submission's response_action). False when the line failed.
   */
  request(out: string[], send: () => Promise<DriverAnswer>, render?: (json: unknown, rendered: Rendered[]) => void): Promise<boolean>;
}
