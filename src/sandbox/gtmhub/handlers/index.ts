/** Every route's handler, by route key. */
import type { RouteKey } from '../routes.js';
import type { Handler } from './context.js';
import { listGroups, setFavorite } from './groups.js';
import { insightUsages } from './insights.js';
import { createKpi, deleteKpi, getKpi, listKpisHandler, patchKpi } from './kpis.js';
import { postSnapshot, readSnapshotsHandler } from './snapshots.js';
import { listUsers } from './users.js';

export const HANDLERS: Record<RouteKey, Handler> = {
  'GET /v1/insights/:id/usages/kpis': insightUsages,
  'GET /v1/kpi-snapshots': readSnapshotsHandler,
  'GET /v1/kpis/snapshots': readSnapshotsHandler,
  'GET /v2/kpis': listKpisHandler,
  'GET /v1/kpis/groups': listGroups,
  'GET /v1/kpis/:id': getKpi,
  'POST /v1/kpis': createKpi,
  'PATCH /v1/kpis/:id': patchKpi,
  'DELETE /v1/kpis/:id': deleteKpi,
  'POST /v1/kpis/:id/snapshots': postSnapshot,
  'PUT /v1/users/kpi-virtual-group/favorite': setFavorite,
  'GET /v2/users': listUsers,
};

export type { Handler, HandlerContext, HandlerResult, SimUser } from './context.js';
