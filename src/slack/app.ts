import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import type { BackgroundWork } from '../background-work.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { slackErrorCode } from './payloads/slack-errors.js';
import { httpProcessEventErrorHandler, socketModeProcessEventErrorHandler } from './receiver-errors.js';
import { toSlackLogger } from '../slack-logger.js';
import { noteRequestArrived } from './handlers/common/turns.js';

export interface SlackAppOptions {
  config: Pick<Config, 'slack' | 'logLevel' | 'port'>;
  logger: Logger;
  background: BackgroundWork;
  /** What GET /healthz reports besides `ok`. */
  health: () => Record<string, unknown>;
}

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the port actually bound (PORT=0 picks a free one). */
  start(): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
}

/** Slack did not accept the bot token at start (auth.test failed): the operator must fix the setting. */
export class SlackStartError extends Error {
  readonly code = 'slack_start_failed';
  constructor(apiUrl: string, cause: unknown) {
    const reason = slackErrorCode(cause) ?? (cause instanceof Error ? cause.message : String(cause));
    super(`Slack did not accept SLACK_BOT_TOKEN (${reason}) at ${apiUrl}: copy the Bot User OAuth Token (xoxb-…) from your Slack app's "OAuth & Permissions" page, and check SLACK_API_URL.`, { cause });
    this.name = 'SlackStartError';
  }
}

const BOLT_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

/**
 * The Bolt app: HTTP mode (POST /slack/events for commands, interactions, options and events;
 * GET /healthz) by default, Socket Mode when an app token is configured.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger, background } = options;
  const boltLogger = toSlackLogger(logger, BOLT_LEVELS[config.logLevel]);
  const healthz: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...options.health() }));
    },
  };
  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    // Interactive calls (views.open with a 3 s trigger) must not sit in long retry loops.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
  };

  const socketMode = config.slack.appToken !== undefined;
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken!,
        logger: boltLogger,
        customRoutes: [healthz],
        // Bolt hands installerOptions.clientOptions to the SocketModeClient's own WebClient, which
        // calls apps.connections.open: without it SLACK_API_URL would not apply to Socket Mode. Only
        // the URL: that client keeps its own patient retries, since reconnecting must not give up.
        installerOptions: { port: config.port, clientOptions: { slackApiUrl: config.slack.apiUrl } },
        processEventErrorHandler: socketModeProcessEventErrorHandler(logger),
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        endpoints: '/slack/events',
        customRoutes: [healthz],
        logger: boltLogger,
        // Answer Slack as soon as a listener acks; the listener's slow work goes on after.
        processBeforeResponse: false,
        processEventErrorHandler: httpProcessEventErrorHandler(logger),
      });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    // Bolt checks the token with auth.test; deferred to start() so that a refused token stops the
    // start with one clear sentence instead of an unhandled rejection after "started".
    deferInitialization: true,
  });

  // Every listener's promise is tracked so that shutdown can let in-flight work finish.
  app.use(async ({ next }) => {
    await background.track(next());
  });

  app.error((error) => {
    logger.error('unhandled error in a Slack listener', { error: error.original ?? error });
    return Promise.resolve();
  });

  let server: Server | undefined;
  return {
    app,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw new SlackStartError(config.slack.apiUrl, error);
      }
      const started = (await app.start(config.port)) as unknown;
      if (!socketMode) {
        server = started as Server;
        // Work queued after acks waits while requests are arriving (see turns.ts).
        server.on('request', noteRequestArrived);
      }
      const address = server?.address();
      const port = typeof address === 'object' && address !== null ? address.port : socketMode ? config.port : undefined;
      return { port };
    },
    async stop() {
      await app.stop();
    },
  };
}
