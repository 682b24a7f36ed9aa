/**
 * Which KPIs a reminder covers now: chosen KPIs, whole groups, every KPI the channel's digests
 * cover, or (a person's own check-in) every KPI that person owns. Read at each run, so a KPI
 * added to a group or to a digest, or a new owner, counts from the next run on.
 */
import type { Kpi } from '../gtmhub/types.js';
import type { CatalogueView } from '../kpis/catalogue.js';
import { ownerIdsOfKpi } from '../kpis/kpi-owners.js';
import type { Reach } from './owed.js';
import type { CheckinReminder } from './types.js';

export interface ReminderKpiSources {
  /** The KPI ids of the channel's digests (for `channel_digests`). */
  channelDigestKpis(teamId: string, channelId: string, view: CatalogueView): Promise<readonly string[]>;
  /** How each Gtmhub owner is reached in the reminder's workspace (for `owned`). */
  reachOf(gtmhubUserId: string): Reach;
}

export async function kpisOfReminder(reminder: CheckinReminder, view: CatalogueView, sources: ReminderKpiSources): Promise<Kpi[]> {
  const { selection } = reminder;
  switch (selection.kind) {
    case 'groups': {
      const wanted = new Set(selection.groupIds);
      return view.kpis.filter((k) => k.groups.some((g) => wanted.has(g))).sort(byName);
    }
    case 'owned': {
      const person = reminder.personalFor;
      const owns = (kpi: Kpi) => ownerIdsOfKpi(kpi).some((id) => {
        const reach = sources.reachOf(id);
        return reach.kind === 'slack' && reach.slackUserId === person;
      });
      return person === null ? [] : view.kpis.filter(owns).sort(byName);
    }
    case 'kpis':
    case 'channel_digests': {
      const ids = selection.kind === 'kpis' ? selection.kpiIds : await sources.channelDigestKpis(reminder.teamId, reminder.channelId, view);
      return [...new Set(ids)].map((id) => view.byId.get(id)).filter((k): k is Kpi => k !== undefined);
    }
  }
}

function byName(a: Kpi, b: Kpi): number {
  return a.name.localeCompare(b.name);
}
