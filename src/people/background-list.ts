/**
 * A list read in the background, as the KPI catalogue is (src/kpis/catalogue.ts), for lists that a
 * request must never wait for: `peek()` answers at once with what was last read (or nothing yet)
 * and, when that is missing or older than `maxAgeMs`, starts one load for everybody (single-flight).
 * A failed load keeps the previous list and is tried again `maxAgeMs` after it started, not on every
 * request, so a Gtmhub or Slack outage costs one call per interval.
 */
import type { Logger } from '../log.js';

/** Lists read every 5 minutes when used, like the catalogue: people join and leave rarely. */
export const PEOPLE_MAX_AGE_MS = 5 * 60_000;

export interface Loaded<T> {
  value: T;
  loadedAt: number;
}

export interface BackgroundListOptions<T> {
  /** What the log calls it (`Gtmhub users`, `Slack members`). */
  name: string;
  load: () => Promise<T>;
  logger: Logger;
  maxAgeMs?: number;
  now?: () => number;
}

export class BackgroundList<T> {
  #loaded: Loaded<T> | undefined;
  #loading: Promise<Loaded<T>> | undefined;
  #attemptedAt: number | undefined;

  constructor(private readonly options: BackgroundListOptions<T>) {}

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** What was last read, never waiting; starts a background load when due. */
  peek(): Loaded<T> | undefined {
    const maxAge = this.options.maxAgeMs ?? PEOPLE_MAX_AGE_MS;
    if (this.#attemptedAt === undefined || this.#now() - this.#attemptedAt >= maxAge) this.refreshInBackground();
    return this.#loaded;
  }

  /** Loads now; concurrent callers share one load. Rejects when the load fails (the old list stays). */
  refresh(): Promise<Loaded<T>> {
    if (this.#loading) return this.#loading;
    this.#attemptedAt = this.#now();
    const loading = this.options.load().then((value) => {
      this.#loaded = { value, loadedAt: this.#now() };
      return this.#loaded;
    });
    this.#loading = loading;
    const clear = (): void => {
      if (this.#loading === loading) this.#loading = undefined;
    };
    loading.then(clear, clear);
    return loading;
  }

  /** Starts a load whose failure is only logged. */
  refreshInBackground(): void {
    this.refresh().catch((error: unknown) =>
      this.options.logger.warn(`${this.options.name} could not be read; keeping the previous list`, { error }),
    );
  }
}
