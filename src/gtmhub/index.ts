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
  GTMHUB_API_BASE_URLS,
  DEFAULT_FORMATTING,
  FRACTION_SIZE_MAX,
  FRACTION_SIZE_MIN,
  GROUP_BY_VALUES,
  IDS_PER_REQUEST,
  KPI_AGGREGATIONS,
  KPI_GROUPS_PAGE_SIZE,
  KPI_PAGE_SIZE,
  MAX_PAGING_PASSES,
  MAX_URL_CHARS,
  TARGET_OPERATORS,
  USERS_PAGE_SIZE,
  type KpiAggregation,
  type TargetOperator,
} from './assumptions.js';
export { ResponseShapeError } from './parse.js';
export type { GtmhubLogger } from './logger.js';
export type * from './types.js';
