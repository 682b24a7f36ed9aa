/**
 * Validation of `POST /v1/kpis` and `PATCH /v1/kpis/{id}` bodies, with the 400 messages Gtmhub's
 * answers are modelled on. Both share one set of field rules; a patch applies only the fields given.
 */
import type { InsightInput, InsightLink, Kpi, KpiFormatting } from '../../gtmhub/types.js';
import { badRequest } from './errors.js';
import type { SimState } from './state.js';

export const KNOWN_AGGREGATIONS = ['last', 'sum', 'average'] as const;
export const KNOWN_TARGET_OPERATORS = ['should_increase', 'should_decrease'] as const;
const MAX_FRACTION_SIZE = 10;

/** The KPI fields a create or patch body may set, already validated. */
export type KpiChanges = Partial<
  Pick<
    Kpi,
    | 'name'
    | 'description'
    | 'richTextDescription'
    | 'aggregation'
    | 'targetOperator'
    | 'formatting'
    | 'groups'
    | 'ownerId'
    | 'ownerIds'
    | 'insightLink'
  >
>;

/** A create body as KPI fields; `name`, `aggregation` and `targetOperator` are required. */
export function readCreateBody(body: unknown, state: SimState): KpiChanges & { name: string } {
  const input = requireObject(body);
  for (const field of ['name', 'aggregation', 'targetOperator'] as const) {
    if (input[field] === undefined) throw badRequest(`${field} is required.`);
  }
  const changes = readFields(input, state);
  if (input.insight !== undefined) changes.insightLink = readInsight(input.insight, 'insight');
  return changes as KpiChanges & { name: string };
}

/** A patch body as the KPI fields to change; `insight` is Gtmhub's `{ Present, Value }` optional. */
export function readPatchBody(body: unknown, state: SimState): KpiChanges {
  const input = requireObject(body);
  const changes = readFields(input, state);
  if (input.insight !== undefined) {
    const insight = input.insight;
    if (!isObject(insight) || typeof insight.Present !== 'boolean') {
      throw badRequest('insight must be { "Present": true|false, "Value": {…} }: Present false leaves the link unchanged.');
    }
    if (insight.Present) {
      changes.insightLink = insight.Value === undefined || insight.Value === null ? null : readInsight(insight.Value, 'insight.Value');
    }
  }
  return changes;
}

function readFields(input: Record<string, unknown>, state: SimState): KpiChanges {
  const changes: KpiChanges = {};
  if (input.name !== undefined) {
    if (typeof input.name !== 'string' || input.name.trim() === '') throw badRequest('name must be a non-empty string.');
    changes.name = input.name;
  }
  if (input.aggregation !== undefined) {
    changes.aggregation = oneOf('aggregation', input.aggregation, KNOWN_AGGREGATIONS);
  }
  if (input.targetOperator !== undefined) {
    changes.targetOperator = oneOf('targetOperator', input.targetOperator, KNOWN_TARGET_OPERATORS);
  }
  if (input.description !== undefined) changes.description = text('description', input.description);
  if (input.richTextDescription !== undefined) changes.richTextDescription = text('richTextDescription', input.richTextDescription);
  if (input.formatting !== undefined) changes.formatting = readFormatting(input.formatting);
  if (input.groups !== undefined) {
    const groups = stringList('groups', input.groups);
    const unknown = groups.find((id) => !state.groups.has(id));
    if (unknown !== undefined) throw badRequest(`group ${unknown} does not exist.`);
    changes.groups = [...new Set(groups)];
  }
  if (input.ownerId !== undefined) changes.ownerId = text('ownerId', input.ownerId);
  if (input.ownerIds !== undefined) changes.ownerIds = stringList('ownerIds', input.ownerIds);
  return changes;
}

function readFormatting(value: unknown): KpiFormatting {
  if (!isObject(value)) throw badRequest('formatting must be an object { fractionSize, prefix, suffix }.');
  const fractionSize = value.fractionSize ?? 0;
  if (typeof fractionSize !== 'number' || !Number.isInteger(fractionSize) || fractionSize < 0 || fractionSize > MAX_FRACTION_SIZE) {
    throw badRequest(`formatting.fractionSize must be a whole number from 0 to ${MAX_FRACTION_SIZE}.`);
  }
  return {
    fractionSize,
    prefix: value.prefix === undefined ? '' : text('formatting.prefix', value.prefix),
    suffix: value.suffix === undefined ? '' : text('formatting.suffix', value.suffix),
  };
}

/** `insight` on a write becomes `insightLink` on reads; `insightValue` is not kept. */
function readInsight(value: unknown, field: string): InsightLink {
  if (!isObject(value)) throw badRequest(`${field} must be an object { fieldName, insightName, settings }.`);
  const input = value as Partial<InsightInput> & Record<string, unknown>;
  if (typeof input.insightName !== 'string' || input.insightName.trim() === '') {
    throw badRequest(`${field}.insightName must be a non-empty string.`);
  }
  if (input.fieldName !== undefined && typeof input.fieldName !== 'string') throw badRequest(`${field}.fieldName must be a string.`);
  if (input.settings !== undefined && !Array.isArray(input.settings)) throw badRequest(`${field}.settings must be an array.`);
  return { fieldName: input.fieldName ?? '', insightName: input.insightName, settings: input.settings ?? [] };
}

function oneOf<T extends string>(field: string, value: unknown, known: readonly T[]): T {
  if (typeof value !== 'string' || !(known as readonly string[]).includes(value)) {
    throw badRequest(`${field} must be one of ${known.join(', ')}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

function text(field: string, value: unknown): string {
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  return value;
}

function stringList(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`${field} must be an array of strings.`);
  return value;
}

function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object.');
  return body;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
