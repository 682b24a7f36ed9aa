import type { Logger } from './log.js';

/**
 * Work that goes on after Slack has been answered (Bolt listeners after `ack()`, home publishes,
 * digest runs). Shutdown waits for it, boundedly, so that a SIGTERM during a recording does not cut
 * off the second half of "write pending → call Gtmhub → complete".
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  /** Tracks `promise` until it settles; returns it unchanged. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = (): void => {
      this.inFlight.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Starts `task` without awaiting it; a failure is logged, never thrown. */
  run(name: string, task: () => Promise<unknown>): void {
    void this.track(
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => this.logger.error(`${name} failed`, { error })),
    );
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Waits for in-flight work, at most `timeoutMs`; true when everything finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    const settle = async (): Promise<true> => {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      return true;
    };
    const done = await Promise.race([settle(), timeout]);
    clearTimeout(timer);
    return done;
  }
}
