import type { PlainTextOption } from '@slack/types';
import type { GroupRef } from '../../favorites/resolve-group.js';
import { option } from './blocks.js';
import { groupOption } from './kpi-form.js';
import { kpiOptionText } from './log-modal.js';

/**
 * What the typeaheads answer (block_suggestion): options cut to Slack's limits by `option` (75
 * characters of text, 150 of value); the caller asks the search for at most `LIMITS.options`.
 */

/** The log modal's KPI picker: `Revenue — Sales`, so that KPIs of the same name can be told apart. */
export function kpiPickerOptions(kpis: ReadonlyArray<{ id: string; name: string; groups: readonly string[] }>, groupNames: ReadonlyMap<string, string>): PlainTextOption[] {
  return kpis.map((kpi) => option(kpiOptionText(kpi, groupNames), kpi.id));
}

/** The digest modal's KPI picker: the names alone. */
export function kpiNameOptions(kpis: ReadonlyArray<{ id: string; name: string }>): PlainTextOption[] {
  return kpis.map((kpi) => option(kpi.name, kpi.id));
}

/** Every group picker (the KPI form's and the digest modal's). */
export function groupOptions(groups: readonly GroupRef[]): PlainTextOption[] {
  return groups.map(groupOption);
}
