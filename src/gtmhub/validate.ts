/**
 * Cheap checks of what we are about to send, so that a mistake is reported as one sentence before
 * a request is spent on it. Each returns the problem, or `undefined` when the input is fine.
 */
import { isValidGtmhubOffset } from './offsets.js';
import { parsePeriod } from './periods.js';
import {
  FRACTION_SIZE_MAX,
  FRACTION_SIZE_MIN,
  GROUP_BY_VALUES,
  KPI_AGGREGATIONS,
  TARGET_OPERATORS,
} from './assumptions.js';
import type {
  CreateKpiRequest,
  CreateSnapshotRequest,
  KpiFormatting,
  ListKpisQuery,
  SnapshotQuery,
  UpdateKpiRequest,
} from './types.js';
import { isUsablePathSegment } from './url.js';

/** An id that goes into a URL path. */
export function problemWithId(id: unknown, what: string): string | undefined {
  if (typeof id !== 'string' || !isUsablePathSegment(id.trim())) return `${what} ${JSON.stringify(id)} is not an id`;
  return undefined;
}

function problemWithDate(date: string | undefined, what: string): string | undefined {
  if (date === undefined) return undefined;
  try {
    if (parsePeriod(date).groupBy === 'day') return undefined;
  } catch {
    // Reported below in the same words as any other non-date.
  }
  return `${what} "${date}" is not a date like 2026-11-28`;
}

function problemWithTimeZone(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined || isValidGtmhubOffset(timeZone)) return undefined;
  return `timeZone "${timeZone}" is not a UTC offset like UTC+3 or UTC-2`;
}

/** A snapshot read (ids are checked one by one; an empty list never reaches this). */
export function problemWithSnapshotQuery(query: SnapshotQuery): string | undefined {
  const badId = query.ids.find((id) => typeof id !== 'string' || id.trim() === '');
  if (badId !== undefined) return `ids contains ${JSON.stringify(badId)}, which is not an id`;
  if (query.groupBy !== undefined && !(GROUP_BY_VALUES as readonly string[]).includes(query.groupBy)) {
    return `groupBy "${query.groupBy}" is not one of ${GROUP_BY_VALUES.join(', ')}`;
  }
  const problem = problemWithTimeZone(query.timeZone) ?? problemWithDate(query.from, 'from') ?? problemWithDate(query.to, 'to');
  if (problem) return problem;
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    return `from ${query.from} is after to ${query.to}`;
  }
  return undefined;
}

/** `skip`/`take` of any list. */
export function problemWithPage(page: { skip?: number | undefined; take?: number | undefined }): string | undefined {
  for (const key of ['skip', 'take'] as const) {
    const value = page[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) return `${key} ${value} is not a whole number ≥ 0`;
  }
  return undefined;
}

/** `skip`/`take` of a KPI list. */
export function problemWithListQuery(query: ListKpisQuery): string | undefined {
  return problemWithPage(query);
}

/** A value to record. */
export function problemWithSnapshot(body: CreateSnapshotRequest): string | undefined {
  if (typeof body.value !== 'number' || !Number.isFinite(body.value)) return `value ${String(body.value)} is not a finite number`;
  try {
    parsePeriod(body.group);
  } catch (error) {
    return error instanceof Error ? error.message : `group "${body.group}" is not a period label`;
  }
  if (typeof body.timeZone !== 'string') return 'timeZone is required';
  return problemWithTimeZone(body.timeZone);
}

function problemWithFormatting(formatting: KpiFormatting | undefined): string | undefined {
  if (formatting === undefined) return undefined;
  const size = formatting.fractionSize;
  if (!Number.isInteger(size) || size < FRACTION_SIZE_MIN || size > FRACTION_SIZE_MAX) {
    return `formatting.fractionSize ${size} is not a whole number from ${FRACTION_SIZE_MIN} to ${FRACTION_SIZE_MAX}`;
  }
  return undefined;
}

/** Fields common to create and update, each checked only when given. */
function problemWithKpiFields(body: Pick<UpdateKpiRequest, 'name' | 'aggregation' | 'targetOperator' | 'formatting'>): string | undefined {
  if (body.name !== undefined && body.name.trim() === '') return 'name is empty';
  if (body.aggregation !== undefined && !(KPI_AGGREGATIONS as readonly string[]).includes(body.aggregation)) {
    return `aggregation "${body.aggregation}" is not one of ${KPI_AGGREGATIONS.join(', ')}`;
  }
  if (body.targetOperator !== undefined && !(TARGET_OPERATORS as readonly string[]).includes(body.targetOperator)) {
    return `targetOperator "${body.targetOperator}" is not one of ${TARGET_OPERATORS.join(', ')}`;
  }
  return problemWithFormatting(body.formatting);
}

export function problemWithCreateKpi(body: CreateKpiRequest): string | undefined {
  if (typeof body.name !== 'string') return 'name is required';
  if (typeof body.aggregation !== 'string') return 'aggregation is required';
  if (typeof body.targetOperator !== 'string') return 'targetOperator is required';
  return problemWithKpiFields(body);
}

export function problemWithUpdateKpi(body: UpdateKpiRequest): string | undefined {
  if (Object.values(body).every((value) => value === undefined)) return 'the update names no field to change';
  return problemWithKpiFields(body);
}
