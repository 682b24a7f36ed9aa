/**
 * The scheduler as the app runs it: the engine and the heartbeat — unless another process already
 * runs the scheduler on the same SQLite file (the single-runner lock), or the heartbeat is off
 * (`KPIBOT_SCHEDULER=off`: `npm run due` runs from cron instead).
 */
import type { Logger } from '../log.js';
import { resolveStoreLocation } from '../store/location.js';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import { acquireSchedulerLock, SchedulerLockedError, type SchedulerLock } from './single-runner-lock.js';

export interface SchedulerOptions<E> {
  /** Where the store is (what `openStore` was given): on SQLite the lock lives next to the file. */
  location: { url?: string | undefined; sqlitePath?: string | undefined };
  logger: Logger;
  /** False: build the engine (Send now works) but run no heartbeat and take no lock. Default true. */
  heartbeat?: boolean;
  /** Builds the engine; `soleEngine` is true when the SQLite lock is held (no other engine can run). */
  createEngine(soleEngine: boolean): E;
}

export interface RunningScheduler<E> {
  /** Always there: Send now goes through it even where the heartbeat does not run. */
  engine: E;
  /** Whether this process runs the heartbeat. */
  scheduling: boolean;
  /** Stops the heartbeat (waiting for a run in progress) and gives up the SQLite lock. */
  stop(): Promise<void>;
}

/**
 * Builds the engine and starts the heartbeat. The first tick runs at once, so work whose slot
 * passed while kpibot was down goes out (under 24 h late) or is recorded missed right at start.
 */
export function startScheduler<E extends { runDue(): Promise<unknown>; instanceId: string }>(options: SchedulerOptions<E>): RunningScheduler<E> {
  const logger = options.logger.child({ component: 'scheduler' });
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
  const engine = options.createEngine(lock !== undefined);

  let heartbeat: Heartbeat | undefined;
  let first: Promise<unknown> | undefined;
  if (scheduling) {
    const tick = async (): Promise<void> => {
      await engine.runDue();
    };
    first = tick().catch((error: unknown) => logger.error('catch-up at start failed', { error }));
    heartbeat = startHeartbeat(async () => {
      await first;
      await tick();
    }, logger);
    logger.info('scheduler started', { instanceId: engine.instanceId });
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
