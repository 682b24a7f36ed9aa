/**
 * The KPI and group typeaheads the digest and reminder forms share (answered by the options
 * listeners from the in-memory catalogue). Pure.
 */
import type { MultiExternalSelect } from '@slack/types';
import { LIMITS, option, plain } from './blocks.js';

type Named = ReadonlyArray<{ id: string; name: string }>;

/** Chosen KPIs, typed for by name; the chosen ones (at most 100 shown) are preselected. */
export function kpiPicker(actionId: string, chosen: Named): MultiExternalSelect {
  return {
    type: 'multi_external_select',
    action_id: actionId,
    min_query_length: 1,
    placeholder: plain('Type a few letters of a KPI name'),
    ...(chosen.length > 0 ? { initial_options: chosen.slice(0, LIMITS.options).map((k) => option(k.name, k.id)) } : {}),
  };
}

/**
 * Whole groups. A typeahead, not a static select: a static select holds 100 options, so groups
 * past the first 100 could be neither chosen nor kept.
 */
export function groupPicker(actionId: string, chosen: Named): MultiExternalSelect {
  return {
    type: 'multi_external_select',
    action_id: actionId,
    min_query_length: 0,
    placeholder: plain('Type a few letters of a group name'),
    ...(chosen.length > 0 ? { initial_options: chosen.slice(0, LIMITS.options).map((g) => option(g.name, g.id)) } : {}),
  };
}
