/**
 * Acknowledgements first: the work a listener does after its ack (search, week arithmetic,
 * rendering, JSON, posting the reply) waits for a quiet moment, when no request from Slack has
 * arrived for `QUIET_MS`, and then runs one piece per turn of the event loop, in the order queued.
 *
 * Slack gives an app 3 s to acknowledge and 30 minutes to answer through a response_url. When a
 * burst of commands arrives together, or the Gtmhub answers of an earlier burst come back together,
 * running each listener's few milliseconds of work as soon as it could would make the requests
 * arriving meanwhile wait for all of it (the ack benchmark measured p99 × 8.7 against a bare Bolt
 * app that only acks). The HTTP server reports each request as it arrives (`noteRequestArrived`);
 * work never waits longer than `MAX_WAIT_MS` for quiet, so a steady stream of requests cannot starve
 * the replies.
 */
import { performance } from 'node:perf_hooks';

/** A gap between requests this long ends a burst: the work queued behind it may run. */
export const QUIET_MS = 2;
/** Queued work runs after this long even while requests keep arriving. */
export const MAX_WAIT_MS = 100;

/** What the queue reads and waits on: a monotonic clock in milliseconds and a timer. */
export interface TurnClock {
  now(): number;
  after(ms: number, callback: () => void): void;
}

const realTurnClock: TurnClock = {
  now: () => performance.now(),
  after: (ms, callback) => void setTimeout(callback, ms),
};

interface Waiting {
  resume: () => void;
  queuedAt: number;
}

export class TurnQueue {
  readonly #clock: TurnClock;
  readonly #queue: Waiting[] = [];
  #lastArrival = Number.NEGATIVE_INFINITY;
  #scheduled = false;

  constructor(clock: TurnClock = realTurnClock) {
    this.#clock = clock;
  }

  /** Called by the HTTP server for every request, as soon as its headers are read. */
  noteRequestArrived(): void {
    this.#lastArrival = this.#clock.now();
  }

  /** Resolves when this piece of work may run: after the pieces queued before it, at a quiet moment. */
  takeTurn(): Promise<void> {
    return new Promise<void>((resume) => {
      this.#queue.push({ resume, queuedAt: this.#clock.now() });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#tick());
      }
    });
  }

  #tick(): void {
    const head = this.#queue[0];
    if (head === undefined) {
      this.#scheduled = false;
      return;
    }
    const now = this.#clock.now();
    const wait = Math.min(this.#lastArrival + QUIET_MS - now, head.queuedAt + MAX_WAIT_MS - now);
    if (wait > 0) {
      this.#clock.after(Math.ceil(wait), () => this.#tick());
      return;
    }
    this.#queue.shift();
    head.resume();
    // The next piece runs in a later turn, after the loop has read what arrived meanwhile.
    setImmediate(() => this.#tick());
  }
}

/** The process's one queue: every listener's work after its ack takes its turn here. */
const turns = new TurnQueue();

export function takeTurn(): Promise<void> {
  return turns.takeTurn();
}

export function noteRequestArrived(): void {
  turns.noteRequestArrived();
}
