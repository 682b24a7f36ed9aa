/** The Gtmhub API module: client, errors, retry policies, assumptions and types. */
export { GtmhubClient, type CallOptions, type GtmhubClientOptions, type GtmhubTimeouts } from './client.js';
export type { ApiCallOptions, HttpMethod } from './transport.js';
export * from './errors.js';
export {
  interactiveWithinTwoSeconds,
  patientForBackgroundWork,
  noRetries,
  isIdempotent,
  isRetryable,
  type RetryPolicy,
} from './retry.js';
export {
  BATCH_CONCURRENCY,
  DEFAULT_BASE_URL,
  DEFAULT_FORMATTING,
  FRACTION_SIZE_MAX,
  FRACTION_SIZE_MIN,
  GROUP_BY_VALUES,
  IDS_PER_REQUEST,
  KPI_AGGREGATIONS,
  KPI_PAGE_SIZE,
  MAX_URL_CHARS,
  TARGET_OPERATORS,
  type KpiAggregation,
  type TargetOperator,
} from './assumptions.js';
export { ResponseShapeError } from './parse.js';
export type * from './types.js';
