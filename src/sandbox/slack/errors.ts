/**
 * Errors of the Slack sandbox. `SlackMethodError` is not thrown at callers: the simulator turns it
 * into the `{ ok: false, error }` answer Slack gives, so handlers can stop wherever Slack would.
 */

/** A Web API method refusing a call, with Slack's error code and any extra fields Slack adds. */
export class SlackMethodError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`Slack method failed: ${code}`);
    this.name = 'SlackMethodError';
  }
}

/** `waitFor` gave up: the state a test expected never appeared. */
export class SimulatorWaitTimeoutError extends Error {
  readonly code = 'simulator_wait_timeout' as const;
  constructor(readonly timeoutMs: number) {
    super(`The Slack simulator did not reach the expected state within ${timeoutMs} ms.`);
    this.name = 'SimulatorWaitTimeoutError';
  }
}

/** The driver could not reach the app at all (not an HTTP error status, which it returns). */
export class SlackDriverError extends Error {
  readonly code = 'slack_driver_unreachable' as const;
  constructor(
    readonly url: string,
    override readonly cause: unknown,
  ) {
    super(`Could not send a signed Slack request to ${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SlackDriverError';
  }
}

/** A test sent a Socket Mode envelope while no app was connected over the simulator's WebSocket. */
export class SocketModeNotConnectedError extends Error {
  readonly code = 'socket_mode_not_connected' as const;
  constructor() {
    super('No app is connected to the Slack simulator in Socket Mode: start it with SLACK_APP_TOKEN and SLACK_API_URL pointing here first.');
    this.name = 'SocketModeNotConnectedError';
  }
}
