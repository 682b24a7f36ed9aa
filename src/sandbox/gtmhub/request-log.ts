import type { Fault } from './faults.js';
import type { RouteKey } from './routes.js';

/** One request as the simulator received it, for tests that assert what a client sent. */
export interface RecordedRequest {
  method: string;
  /** Without the `/api` prefix and the query, e.g. `/v1/kpis/5e8c27e3dcdddaa4addbdee8`. */
  path: string;
  /** The route key, or null when no route matched (404/405). */
  route: RouteKey | null;
  /** Query parameters; a repeated parameter keeps its last value. */
  query: Record<string, string>;
  /** Request headers (lower-case names); the bearer token is replaced by `Bearer [redacted]`. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when there is no body. */
  body: unknown;
  /** The Gtmhub user the token acts as, when the token is known. */
  userId?: string;
  /** The status answered; null while pending or when a fault gave no answer (hang, reset). */
  status: number | null;
  /** When the request arrived, by the simulator's clock. */
  time: Date;
  /** The fault injected into this request, if any. */
  fault?: Fault;
}
