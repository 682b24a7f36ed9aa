/** `/v2/kpis` and `/v1/kpis/{id}`: list, read, create, patch, delete. */
import type { Kpi } from '../../../gtmhub/types.js';
import { badRequest, notFound } from '../errors.js';
import { readCreateBody, readPatchBody, type KpiChanges } from '../kpi-input.js';
import { listKpis } from '../kpi-list.js';
import { toPlainText } from '../markup.js';
import type { SimState } from '../state.js';
import type { Handler } from './context.js';

const FORMATTINGS = ['mentionsMarkup', 'plainText'];

export const listKpisHandler: Handler = ({ state, query }) => ({ status: 200, body: listKpis(state, query) });

export const getKpi: Handler = ({ state, params, query }) => {
  const formatting = query.formatting ?? 'mentionsMarkup';
  if (!FORMATTINGS.includes(formatting)) {
    throw badRequest(`formatting must be mentionsMarkup or plainText; got "${formatting}".`);
  }
  const kpi = existingKpi(state, params.id!);
  return {
    status: 200,
    body: formatting === 'plainText' ? { ...kpi, description: toPlainText(kpi.description) } : kpi,
  };
};

export const createKpi: Handler = ({ state, json, user }) => {
  const changes = readCreateBody(json(), state);
  registerInsight(state, changes);
  const kpi = state.addKpi(
    {
      ...changes,
      ownerId: changes.ownerId ?? changes.ownerIds?.[0] ?? user.userId,
      ownerIds: changes.ownerIds ?? [changes.ownerId ?? user.userId],
    },
    user.userId,
  );
  return { status: 201, body: kpi };
};

export const patchKpi: Handler = ({ state, params, json, user, now }) => {
  const kpi = existingKpi(state, params.id!);
  const changes = readPatchBody(json(), state);
  registerInsight(state, changes);
  const updated: Kpi = { ...kpi, ...changes, modifiedById: user.userId, dateUpdated: now().toISOString() };
  state.kpis.set(updated.id, updated);
  return { status: 200, body: updated };
};

export const deleteKpi: Handler = ({ state, params }) => {
  existingKpi(state, params.id!);
  state.removeKpi(params.id!);
  return { status: 204 };
};

export function existingKpi(state: SimState, id: string): Kpi {
  const kpi = state.kpis.get(id);
  if (!kpi) throw notFound(`KPI ${id} does not exist.`);
  return kpi;
}

/**
 * Linking a KPI to an insight the simulator has not heard of adds it to the registry, so that
 * `GET /v1/insights/{name}/usages/kpis` finds the KPI (a live account only links existing insights).
 */
function registerInsight(state: SimState, changes: KpiChanges): void {
  const name = changes.insightLink?.insightName;
  if (name !== undefined && !state.insights.has(name)) state.addInsight(name);
}
