/**
 * The digest scheduler as the app runs it: one delivery WebClient, one engine, and the heartbeat
 * — unless another process already runs the scheduler on the same SQLite file.
 */
import { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';
import { toSlackLogger } from '../slack-logger.js';
import type { Store } from '../store/database.js';
import { resolveStoreLocation } from '../store/location.js';
import { DigestDeliveriesRepository } from '../store/digest-deliveries-repository.js';
import { DigestSubscriptionsRepository } from '../store/digest-subscriptions-repository.js';
import { DigestSlack } from './digest-slack.js';
import { DigestEngine } from './engine.js';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import { acquireSchedulerLock, SchedulerLockedError, type SchedulerLock } from './scheduler-lock.js';
import type { DigestContentSource } from './types.js';

/**
 * How long one Slack call of a delivery may take. Well under the claim lease (5 minutes): a post
 * still hanging when another instance takes the claim over could land after that instance found
 * nothing in the channel and posted, i.e. twice. A timed-out post counts as an unknown outcome.
 */
export const DIGEST_SLACK_TIMEOUT_MS = 30_000;

export interface DigestSchedulerOptions {
  store: Store;
  /** Where the store is (what `openStore` was given): on SQLite the scheduler lock lives next to the file. */
  location: { url?: string | undefined; sqlitePath?: string | undefined };
  /** `timeoutMs`: how long one Slack call may take; default `DIGEST_SLACK_TIMEOUT_MS`. */
  slack: { botToken: string; apiUrl: string; timeoutMs?: number };
  content: DigestContentSource;
  logger: Logger;
  now?: () => number;
  /** Waits between posts to one channel and after a 429; tests pass one that advances their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** False: build the engine (Send now works) but run no heartbeat, e.g. when `npm run digest` runs from cron. Default true. */
  heartbeat?: boolean;
}

export interface RunningDigestScheduler {
  /** Always there: Send now goes through it even where the heartbeat does not run. */
  engine: DigestEngine;
  /** Whether this process runs the heartbeat. */
  scheduling: boolean;
  /** Stops the heartbeat (waiting for a run in progress) and gives up the SQLite lock. */
  stop(): Promise<void>;
}

/**
 * Builds the engine and starts the heartbeat. The first tick runs at once, so digests whose slot
 * passed while kpibot was down go out (under 24 h late) or are recorded missed right at start.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): RunningDigestScheduler {
  const logger = options.logger.child({ component: 'digest-scheduler' });
  let lock: SchedulerLock | undefined;
  let scheduling = options.heartbeat ?? true;
  const location = resolveStoreLocation(options.location.url, options.location.sqlitePath);
  if (scheduling && location.dialect === 'sqlite') {
    try {
      lock = acquireSchedulerLock(location.path);
    } catch (error) {
      if (!(error instanceof SchedulerLockedError)) throw error;
      logger.warn(error.message, { pid: error.pid });
      scheduling = false;
    }
  }
  const engine = createDigestEngine({ ...options, soleEngine: lock !== undefined });

  let heartbeat: Heartbeat | undefined;
  let first: Promise<unknown> | undefined;
  if (scheduling) {
    const tick = async (): Promise<void> => {
      await engine.runDue();
    };
    first = tick().catch((error: unknown) => logger.error('digest catch-up at start failed', { error }));
    heartbeat = startHeartbeat(async () => {
      await first;
      await tick();
    }, logger);
    logger.info('digest scheduler started', { instanceId: engine.instanceId });
  }
  let stopping: Promise<void> | undefined;
  return {
    engine,
    scheduling,
    stop() {
      stopping ??= (async () => {
        await heartbeat?.stop();
        await first;
        lock?.release();
      })();
      return stopping;
    },
  };
}

/** The engine with its repositories and a delivery WebClient; also what `npm run digest` uses. */
export function createDigestEngine(
  options: Pick<DigestSchedulerOptions, 'store' | 'slack' | 'content' | 'logger' | 'now' | 'sleep'> & { soleEngine?: boolean },
): DigestEngine {
  const now = options.now ?? Date.now;
  const client = new WebClient(options.slack.botToken, {
    slackApiUrl: options.slack.apiUrl,
    // We see every 429 ourselves (and pace by channel), and never let the client re-send a post
    // whose outcome it does not know: recovery looks for it in the channel first.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.slack.timeoutMs ?? DIGEST_SLACK_TIMEOUT_MS,
    logger: toSlackLogger(options.logger.child({ component: 'digest-slack' })),
  });
  return new DigestEngine({
    subscriptions: new DigestSubscriptionsRepository(options.store.db, { now: () => new Date(now()) }),
    deliveries: new DigestDeliveriesRepository(options.store.db),
    content: options.content,
    slack: new DigestSlack({ client, logger: options.logger, now, sleep: options.sleep ?? realSleep }),
    logger: options.logger,
    now,
    ...(options.soleEngine !== undefined ? { soleEngine: options.soleEngine } : {}),
  });
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
