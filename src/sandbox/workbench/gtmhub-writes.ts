/**
 * What the workbench does behind kpibot's back: a value written straight into the Gtmhub
 * simulator (as Gtmhub's own screens or another integration would), which `due` then finds at
 * once, so that an alert can be created and triggered without waiting for the poll.
 */
import { parseKpiValue } from '../../kpis/parse-value.js';
import { isoWeekOf } from '../../time/periods.js';
import { gtmhubOffset } from '../../time/zones.js';
import type { Sandbox } from './environment.js';

/** Writes `valueText` for the KPI named `kpiRef` (id, or name) for this week in `zone`; false when it cannot. */
export function writeSnapshot(sandbox: Sandbox, kpiRef: string, valueText: string, zone: string, out: string[]): boolean {
  const kpis = [...sandbox.gtmhub.state.kpis.values()];
  const wanted = kpiRef.toLowerCase();
  const kpi = sandbox.gtmhub.state.kpis.get(kpiRef) ?? kpis.find((k) => k.name.toLowerCase() === wanted) ?? kpis.find((k) => k.name.toLowerCase().includes(wanted));
  if (!kpi) {
    out.push(`! Gtmhub has no KPI "${kpiRef}": give its id or a part of its name.`);
    return false;
  }
  const value = parseKpiValue(valueText);
  if (!value.ok) {
    out.push(`! ${value.reason}`);
    return false;
  }
  const at = new Date(sandbox.kpibot.deps.now());
  const week = isoWeekOf(at, zone);
  sandbox.gtmhub.state.addSnapshot({ kpiId: kpi.id, group: week, timeZone: gtmhubOffset(zone, at), value: value.value });
  out.push(`Gtmhub now has ${value.value} for ${kpi.name} in ${week} (written outside Slack: kpibot finds it at its next alert poll, or at once with due).`);
  return true;
}
