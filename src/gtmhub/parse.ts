/**
 * Validation of Gtmhub's answers at the boundary: after these, the rest of kpibot trusts the types.
 * Unknown fields are ignored; optional fields that are missing get defaults; a missing `id`/`name`
 * or a wrong type throws `ResponseShapeError`, which the transport turns into a
 * `GtmhubBadResponseError` naming the endpoint: `GET /v2/kpis answered items[3].name that is not a string`.
 */
import {
  DEFAULT_FORMATTING,
  SNAPSHOT_ROWS_WITH_NULL_VALUE_ARE_DROPPED,
  SNAPSHOT_VALUES_MAY_BE_NUMERIC_STRINGS,
  listEnvelopeOf,
} from './assumptions.js';
import type { GtmhubUser, InsightLink, InsightSetting, Kpi, KpiFormatting, KpiGroup, KpiSnapshot, Page } from './types.js';

/** A body whose shape is not what the endpoint promises; `message` reads "<where> that is <what>". */
export class ResponseShapeError extends Error {
  readonly code = 'response_shape' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ResponseShapeError';
  }
}

type Json = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(at: string, expected: string, value: unknown): never {
  const where = at === '' ? 'a body' : at;
  throw new ResponseShapeError(
    value === undefined ? `${where} without a value (${expected} expected)` : `${where} that is not ${expected} (${describe(value)})`,
  );
}

const join = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`);

function object(value: unknown, at: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(at, 'an object', value);
  return value as Json;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(at, 'an array', value);
  return value;
}

function requiredString(record: Json, key: string, at: string): string {
  const value = record[key];
  if (typeof value !== 'string') fail(join(at, key), 'a string', value);
  return value;
}

/** A string that may be missing or `null` (→ `fallback`). */
function optionalString<F extends string | undefined>(record: Json, key: string, at: string, fallback: F): string | F {
  const value = record[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') fail(join(at, key), 'a string', value);
  return value;
}

function stringArray(record: Json, key: string, at: string): string[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  return array(value, join(at, key)).map((item, i) => {
    if (typeof item !== 'string') fail(`${join(at, key)}[${i}]`, 'a string', item);
    return item;
  });
}

function finiteNumber(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(at, 'a number', value);
  return value;
}

function formattingOf(value: unknown, at: string): KpiFormatting {
  if (value === undefined || value === null) return { ...DEFAULT_FORMATTING };
  const record = object(value, at);
  const size = record['fractionSize'];
  return {
    fractionSize: size === undefined || size === null ? DEFAULT_FORMATTING.fractionSize : finiteNumber(size, join(at, 'fractionSize')),
    prefix: optionalString(record, 'prefix', at, DEFAULT_FORMATTING.prefix),
    suffix: optionalString(record, 'suffix', at, DEFAULT_FORMATTING.suffix),
  };
}

function insightLinkOf(value: unknown, at: string): InsightLink | null | undefined {
  if (value === undefined || value === null) return value;
  const record = object(value, at);
  const settings = record['settings'];
  return {
    fieldName: optionalString(record, 'fieldName', at, ''),
    insightName: requiredString(record, 'insightName', at),
    settings: settings === undefined || settings === null
      ? []
      : array(settings, join(at, 'settings')).map((s, i) => insightSettingOf(s, `${join(at, 'settings')}[${i}]`)),
  };
}

function insightSettingOf(value: unknown, at: string): InsightSetting {
  const record = object(value, at);
  const setting: InsightSetting = {
    name: requiredString(record, 'name', at),
    // Setting values are strings in the reference; a live account may send numbers: keep them as text.
    value: typeof record['value'] === 'number' ? String(record['value']) : optionalString(record, 'value', at, ''),
  };
  const display = optionalString(record, 'valueDisplayName', at, undefined);
  if (display !== undefined) setting.valueDisplayName = display;
  const dynamics = record['dynamicValues'];
  if (Array.isArray(dynamics)) {
    setting.dynamicValues = dynamics.map((d, i) => {
      const itemAt = `${join(at, 'dynamicValues')}[${i}]`;
      const item = object(d, itemAt);
      return { teamId: optionalString(item, 'teamId', itemAt, ''), type: optionalString(item, 'type', itemAt, '') };
    });
  }
  return setting;
}

/** A KPI (`GET /v1/kpis/{id}`, an item of `GET /v2/kpis`, …); `at` locates it in the body. */
export function parseKpi(json: unknown, at = ''): Kpi {
  const record = object(json, at);
  const kpi: Kpi = {
    id: requiredString(record, 'id', at),
    name: requiredString(record, 'name', at),
    description: optionalString(record, 'description', at, ''),
    // A projection (`fields`) may leave these out; '' means "not loaded", never a valid value.
    aggregation: optionalString(record, 'aggregation', at, ''),
    targetOperator: optionalString(record, 'targetOperator', at, ''),
    formatting: formattingOf(record['formatting'], join(at, 'formatting')),
    groups: stringArray(record, 'groups', at),
    ownerIds: stringArray(record, 'ownerIds', at),
  };
  for (const key of ['accountId', 'richTextDescription', 'ownerId', 'createdById', 'modifiedById', 'dateCreated', 'dateUpdated'] as const) {
    const value = optionalString(record, key, at, undefined);
    if (value !== undefined) kpi[key] = value;
  }
  const link = insightLinkOf(record['insightLink'], join(at, 'insightLink'));
  if (link !== undefined) kpi.insightLink = link;
  return kpi;
}

/** A KPI, or `null` when the body is not one (PATCH answers: the update happened either way). */
export function parseKpiOrNull(json: unknown): Kpi | null {
  try {
    return parseKpi(json);
  } catch (error) {
    if (error instanceof ResponseShapeError) return null;
    throw error;
  }
}

/** Items and total of a list answer (`{ items, totalCount }` or a bare array), each item parsed. */
function listOf<T>(json: unknown, parseItem: (item: unknown, at: string) => T): Page<T> {
  const envelope = listEnvelopeOf(json);
  if (!envelope) fail('', 'a list ({ items, totalCount } or an array)', json);
  const prefix = Array.isArray(json) ? '' : 'items';
  const items = array(envelope.items, prefix === '' ? '' : 'items').map((item, i) => parseItem(item, `${prefix}[${i}]`));
  return { items, totalCount: envelope.totalCount ?? items.length };
}

/** `GET /v2/kpis`: one page. */
export function parseKpiPage(json: unknown): Page<Kpi> {
  return listOf(json, parseKpi);
}

/** `GET /v1/insights/{id}/usages/kpis`: every KPI the insight computes. */
export function parseKpiList(json: unknown): Kpi[] {
  return listOf(json, parseKpi).items;
}

/** `GET /v1/kpis/groups`: one page. */
export function parseKpiGroupPage(json: unknown): Page<KpiGroup> {
  return listOf(json, (item, at): KpiGroup => {
    const record = object(item, at);
    const group: KpiGroup = { id: requiredString(record, 'id', at), name: requiredString(record, 'name', at) };
    const favorite = record['favorite'];
    if (typeof favorite === 'boolean') group.favorite = favorite;
    else if (favorite !== undefined && favorite !== null) fail(join(at, 'favorite'), 'a boolean', favorite);
    return group;
  });
}

/** `GET /v2/users`: one page. A user's id may come as `id` or `_id` (see assumptions.ts). */
export function parseUserPage(json: unknown): Page<GtmhubUser> {
  return listOf(json, (item, at): GtmhubUser => {
    const record = object(item, at);
    const id = typeof record['id'] === 'string' ? record['id'] : requiredString(record, '_id', at);
    const email = optionalString(record, 'email', at, '');
    const firstName = optionalString(record, 'firstName', at, '');
    const lastName = optionalString(record, 'lastName', at, '');
    const fullName = `${firstName} ${lastName}`.trim();
    return { id, email, firstName, lastName, name: fullName || id };
  });
}

/** A snapshot value: a finite number or (see assumptions) a numeric string; `null` = no value. */
function snapshotValueOf(value: unknown, at: string): number | null {
  if (value === null && SNAPSHOT_ROWS_WITH_NULL_VALUE_ARE_DROPPED) return null;
  if (typeof value === 'string' && SNAPSHOT_VALUES_MAY_BE_NUMERIC_STRINGS && value.trim() !== '') {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return finiteNumber(value, at);
}

/** Snapshot reads: one row per KPI and period; rows without a value are dropped. */
export function parseSnapshotRows(json: unknown): KpiSnapshot[] {
  const rows = listOf(json, (item, at): KpiSnapshot | null => {
    const record = object(item, at);
    const value = snapshotValueOf(record['value'], join(at, 'value'));
    if (value === null) return null;
    const row: KpiSnapshot = { kpiId: requiredString(record, 'kpiId', at), group: requiredString(record, 'group', at), value };
    const timeZone = optionalString(record, 'timeZone', at, undefined);
    if (timeZone !== undefined) row.timeZone = timeZone;
    const dateCreated = optionalString(record, 'dateCreated', at, undefined);
    if (dateCreated !== undefined) row.dateCreated = dateCreated;
    return row;
  }).items;
  return rows.filter((row): row is KpiSnapshot => row !== null);
}
