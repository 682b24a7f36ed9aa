/**
 * The in-process heartbeat: node-cron only wakes the scheduling engine once a minute, in UTC. It decides
 * nothing — what is due comes from the store — so a missed or doubled tick costs nothing, and
 * the kinds' own zones (a digest's) never meet cron's (no DST edge cases here).
 */
import cron from 'node-cron';
import type { Logger } from '../log.js';

export interface Heartbeat {
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/** Calls `tick` at the start of every UTC minute; a tick still running makes the next one skip (`noOverlap`). */
export function startHeartbeat(tick: () => Promise<void>, logger: Logger): Heartbeat {
  let running: Promise<void> | undefined;
  const task = cron.schedule(
    '* * * * *',
    () => {
      running = tick().catch((error: unknown) => logger.error('scheduler heartbeat failed', { error }));
      return running;
    },
    {
      timezone: 'UTC',
      noOverlap: true,
      name: 'kpibot-scheduler-heartbeat',
      // node-cron's own notices (missed or overlapping ticks) go through kpibot's logger, not the console.
      logger: {
        info: (message) => logger.debug(message),
        warn: (message) => logger.warn(message),
        error: (message, error) => logger.error(String(message), { error }),
        debug: (message) => logger.debug(String(message)),
      },
    },
  );
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
