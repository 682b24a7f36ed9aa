/**
 * "A value was recorded from Slack": what follows a recording beyond the reply (an alert checked
 * at once, a check-in DM marked done) subscribes here instead of being wired into every entry
 * point. Whoever records (`/kpi log`, the log modal, a check-in, a workflow step) publishes once
 * per recorded value; a listener that throws is logged and never reaches the person who recorded.
 */
import type { Logger } from '../log.js';

export interface ValueRecorded {
  teamId: string;
  /** The Slack user who recorded it (a workflow step: the workflow's actor, or 'workflow'). */
  userId: string;
  kpiId: string;
  /** The week label, e.g. `2026-W48`. */
  period: string;
  /** The IANA zone that defined the period. */
  zone: string;
  value: number;
  /** The period's value after the write, as Gtmhub read it back (undefined when not read). */
  after: number | undefined;
  /** When it was recorded (epoch ms). */
  at: number;
}

export type ValueRecordedListener = (event: ValueRecorded) => void | Promise<void>;

export class ValueRecordedHub {
  readonly #listeners = new Set<ValueRecordedListener>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: ValueRecordedListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Tells every listener; resolves when all have finished (failures logged, never thrown). */
  async publish(event: ValueRecorded): Promise<void> {
    await Promise.all(
      [...this.#listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.#logger.warn('a listener of recorded values failed', { kpiId: event.kpiId, error });
        }
      }),
    );
  }
}
