/**
 * Fault injection: make a route slow, failing, rate limited, hung, reset or garbled, so the client's
 * timeouts, retries and parsing can be exercised against real sockets. The `rate` draw uses a seeded
 * PRNG so that a run with faults is reproducible.
 */
import { mulberry32, type Random } from './random.js';
import type { RouteKey } from './routes.js';

export interface Fault {
  /** Delay before answering (or before applying the other effects). */
  latencyMs?: number;
  /** Answer with this status (and `body`, default `{ message }`) instead of running the route. */
  status?: number;
  /** Share of matching requests the fault applies to, 0..1; default 1. */
  rate?: number;
  /** How many requests the fault applies to before it lifts itself; default unlimited. */
  times?: number;
  /** Sent as `Retry-After` (seconds), meant for status 429. */
  retryAfterSeconds?: number;
  /** Never answer; the request stays open until the simulator closes. */
  hang?: boolean;
  /** Destroy the socket without an answer. */
  reset?: boolean;
  /** Answer 200 with a body that is not valid JSON. */
  malformed?: boolean;
  /** The body to send with `status`. */
  body?: unknown;
}

/** A route key, or `'*'` for every route. */
export type FaultTarget = RouteKey | '*';

export interface FaultController {
  set(target: FaultTarget, fault: Fault): void;
  /** Lifts the fault of one target, or every fault. */
  clear(target?: FaultTarget): void;
  /** The faults currently set (a copy). */
  list(): Partial<Record<FaultTarget, Fault>>;
  /**
   * The fault that applies to one request of `route`, if any: a route's own fault before `'*'`.
   * Consumes one of its `times`.
   */
  draw(route: RouteKey): Fault | undefined;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export function createFaultController(seed = 1): FaultController {
  const random: Random = mulberry32(seed);
  const active = new Map<FaultTarget, ActiveFault>();

  const tryApply = (target: FaultTarget): Fault | undefined => {
    const entry = active.get(target);
    if (!entry) return undefined;
    const rate = entry.fault.rate ?? 1;
    if (rate < 1 && random() >= rate) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) active.delete(target);
    return entry.fault;
  };

  return {
    set(target, fault) {
      validateFault(fault);
      active.set(target, { fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clear(target) {
      if (target === undefined) active.clear();
      else active.delete(target);
    },
    list() {
      return Object.fromEntries([...active].map(([target, entry]) => [target, { ...entry.fault }]));
    },
    draw(route) {
      return tryApply(route) ?? tryApply('*');
    },
  };
}

class FaultSetupError extends Error {
  readonly code = 'fault_setup' as const;
  constructor(message: string) {
    super(message);
    this.name = 'FaultSetupError';
  }
}

function validateFault(fault: Fault): void {
  if (fault.rate !== undefined && !(fault.rate >= 0 && fault.rate <= 1)) {
    throw new FaultSetupError(`fault.rate must be between 0 and 1, got ${fault.rate}.`);
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) {
    throw new FaultSetupError(`fault.times must be a whole number above 0, got ${fault.times}.`);
  }
  if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
    throw new FaultSetupError(`fault.status must be an HTTP status (100-599), got ${fault.status}.`);
  }
  if (fault.latencyMs !== undefined && !(fault.latencyMs >= 0)) {
    throw new FaultSetupError(`fault.latencyMs must be 0 or more, got ${fault.latencyMs}.`);
  }
}
