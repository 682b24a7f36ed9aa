import type { Args } from '../args.js';
import type { SimWorkspace } from '../workspace.js';

/**
 * One Web API method: decoded arguments in, the fields of Slack's `{ ok: true, … }` answer out.
 * A refusal is a thrown `SlackMethodError`, which the server turns into `{ ok: false, error }`.
 */
export type MethodHandler = (args: Args, ws: SimWorkspace) => Record<string, unknown>;
