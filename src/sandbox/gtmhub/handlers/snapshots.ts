/** `POST /v1/kpis/{id}/snapshots` and the two snapshot reads. */
import { isValidGtmhubOffset } from '../../../gtmhub/offsets.js';
import { badRequest } from '../errors.js';
import { readSnapshots } from '../snapshot-read.js';
import type { Handler } from './context.js';
import { existingKpi } from './kpis.js';

export const readSnapshotsHandler: Handler = ({ state, query }) => ({ status: 200, body: readSnapshots(state, query) });

export const postSnapshot: Handler = ({ state, params, json }) => {
  const kpi = existingKpi(state, params.id!);
  const body = json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object { group, timeZone, value }.');
  }
  const { group, timeZone, value } = body as Record<string, unknown>;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badRequest(`value must be a number; got ${value === undefined ? 'nothing' : JSON.stringify(value)}.`);
  }
  if (typeof group !== 'string') throw badRequest('group is required: a period label such as 2026-W48.');
  let period;
  try {
    period = state.period(group);
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  if (typeof timeZone !== 'string' || !isValidGtmhubOffset(timeZone)) {
    throw badRequest(
      `timeZone ${timeZone === undefined ? 'is required' : `"${String(timeZone)}" is not a UTC offset`}: write it like UTC+3, UTC-2 or UTC+5:30.`,
    );
  }
  const snapshot = state.addSnapshot({ kpiId: kpi.id, group: period.label, timeZone, value });
  const { startDate: _startDate, ...answer } = snapshot;
  return { status: 201, body: answer };
};
