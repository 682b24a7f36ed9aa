/** `GET /v1/insights/{id}/usages/kpis`; `{id}` is the insight's name (our assumption). */
import { notFound } from '../errors.js';
import type { Handler } from './context.js';

export const insightUsages: Handler = ({ state, params }) => {
  const name = params.id!;
  if (!state.insights.has(name)) throw notFound(`Insight ${name} does not exist.`);
  const items = [...state.kpis.values()].filter((kpi) => kpi.insightLink?.insightName === name);
  return { status: 200, body: { items, totalCount: items.length } };
};
