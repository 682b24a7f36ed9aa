/**
 * Types of Gtmhub's KPI API, taken from the sample bodies in the public API reference
 * (developer.gtmhub.com/api-reference/kpis.html, kpigroups.html, users.html). Fields the reference
 * shows on every sample are required; everything a live account may leave out is optional. Values
 * Gtmhub controls (aggregation, target operator) are typed as `string` on reads so that an unknown
 * value from a live account never breaks parsing; the sets we *send* are narrowed in `assumptions.ts`.
 */

/** How a KPI value is displayed: `prefix` + number with `fractionSize` decimals + `suffix`. */
export interface KpiFormatting {
  fractionSize: number;
  prefix: string;
  suffix: string;
}

export interface InsightDynamicValue {
  teamId: string;
  type: string;
}

export interface InsightSetting {
  name: string;
  value: string;
  valueDisplayName?: string;
  dynamicValues?: InsightDynamicValue[];
}

/** On a KPI read: which insight (Gtmhub's saved query) computes the KPI. */
export interface InsightLink {
  fieldName: string;
  insightName: string;
  settings: InsightSetting[];
}

/** On a create/update: the insight to link, with the value it currently has. */
export interface InsightInput {
  fieldName: string;
  insightName: string;
  insightValue?: number;
  settings?: InsightSetting[];
}

/** A KPI as `GET /v1/kpis/{id}` and `GET /v2/kpis` return it. */
export interface Kpi {
  id: string;
  accountId?: string;
  name: string;
  /** Plain text or `mentionsMarkup`, depending on the `formatting` query parameter. */
  description: string;
  richTextDescription?: string;
  /** `last`, `sum`, `average`, … (see KPI_AGGREGATIONS). */
  aggregation: string;
  /** `should_increase` or `should_decrease` (see TARGET_OPERATORS). */
  targetOperator: string;
  formatting: KpiFormatting;
  /** KPI group ids (names come from `GET /v1/kpis/groups`). */
  groups: string[];
  ownerId?: string;
  ownerIds: string[];
  insightLink?: InsightLink | null;
  createdById?: string;
  modifiedById?: string;
  dateCreated?: string;
  dateUpdated?: string;
}

/** A KPI group, as `GET /v1/kpis/groups` returns it (developer.gtmhub.com/api-reference/kpigroups.html). */
export interface KpiGroup {
  id: string;
  name: string;
  /** Whether the token's user has starred it. */
  favorite?: boolean;
}

/** A Gtmhub user, as `GET /v2/users` returns it (the shape is an assumption: see assumptions.ts). */
export interface GtmhubUser {
  id: string;
  /** '' when Gtmhub sent none. Personal data: never log it. */
  email: string;
  firstName: string;
  lastName: string;
  /** `firstName lastName`, or the email's local part when both are empty, or the id. */
  name: string;
}

/** Query of `GET /v2/users`. */
export interface ListUsersQuery {
  /** Only the user with this email (case-insensitive). */
  email?: string;
  skip?: number;
  take?: number;
}

/** One row of a snapshot read: the KPI's value in one period (`group`), e.g. `2026-W48`. */
export interface KpiSnapshot {
  kpiId: string;
  group: string;
  value: number;
  timeZone?: string;
  dateCreated?: string;
}

/** A list answer: the items of one page and how many exist in all. */
export interface Page<T> {
  items: T[];
  totalCount: number;
}

/** Body of `POST /v1/kpis`. */
export interface CreateKpiRequest {
  name: string;
  aggregation: string;
  targetOperator: string;
  description?: string;
  richTextDescription?: string;
  formatting?: KpiFormatting;
  groups?: string[];
  insight?: InsightInput;
  ownerId?: string;
  ownerIds?: string[];
}

/**
 * Body of `PATCH /v1/kpis/{id}`: only the fields given are changed. The reference shows `insight`
 * wrapped as `{ Present, Value }` (a Go optional): `Present: false` leaves the link alone.
 */
export interface UpdateKpiRequest {
  name?: string;
  aggregation?: string;
  targetOperator?: string;
  description?: string;
  richTextDescription?: string;
  formatting?: KpiFormatting;
  groups?: string[];
  insight?: { Present: boolean; Value?: InsightInput };
  ownerId?: string;
  ownerIds?: string[];
}

/** Body of `POST /v1/kpis/{id}/snapshots`: `group` is the period label, `timeZone` like `UTC+3`. */
export interface CreateSnapshotRequest {
  group: string;
  timeZone: string;
  value: number;
}

/** Query of `GET /v1/kpi-snapshots` and `GET /v1/kpis/snapshots`. */
export interface SnapshotQuery {
  ids: string[];
  /** Gtmhub's offset notation, e.g. `UTC-2`, `UTC+5:30`. */
  timeZone?: string;
  groupBy?: GroupBy;
  /** Inclusive, `YYYY-MM-DD`. */
  from?: string;
  /** Inclusive, `YYYY-MM-DD`. */
  to?: string;
}

/** Period granularity of snapshot reads (an assumption: see assumptions.ts). */
export type GroupBy = 'day' | 'week' | 'month' | 'quarter';

/** Query of `GET /v2/kpis`. */
export interface ListKpisQuery {
  /** Gtmhub's Mongo-like filter, sent as JSON, e.g. `{ "name": { "$regex": "rev" } }`. */
  filter?: Record<string, unknown>;
  /** A field name, `-` in front for descending, e.g. `-dateUpdated`. */
  sort?: string;
  /** Projection: the fields to return (`id` is always returned). */
  fields?: string[];
  skip?: number;
  take?: number;
}

/** Body of `PUT /v1/users/kpi-virtual-group/favorite` (an assumption: see assumptions.ts). */
export interface FavoriteGroupRequest {
  groupId: string;
  favorite: boolean;
}
