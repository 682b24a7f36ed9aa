/**
 * Every callback_id, action_id and block_id kpibot uses, in one place: listeners match on these,
 * views emit them, and manifest.yml repeats the shortcut's callback id (a test keeps them equal).
 */
export const CallbackIds = {
  /** The global shortcut "Log a KPI value" (manifest.yml). */
  logValueShortcut: 'log_kpi_value_shortcut',
  /** The modal that records a KPI value. */
  logValueModal: 'log_value_modal',
  /** The read-only modal that shows progress and the outcome of a recording. */
  logValueResultModal: 'log_value_result_modal',
} as const;

export const ActionIds = {
  /** *Log value* on a KPI card, the details view, the Home tab or a digest; value: LogButtonValue JSON. */
  logValue: 'kpi_log_value',
  /** *☆ Favorite group* / *★ Unfavorite* on a KPI card; value: `<groupId>`. */
  toggleFavorite: 'kpi_toggle_favorite',
  /** *Details* on a KPI card; value: the KPI id. */
  showDetails: 'kpi_show_details',
  /** The typeahead KPI picker (external select) in the log modal. */
  kpiPicker: 'kpi_picker',
  /** The value input in the log modal. */
  valueInput: 'kpi_value_input',
  /** The period select in the log modal. */
  periodSelect: 'kpi_period_select',
  /** The candidates select shown when a quick `/kpi log` name was ambiguous (static select). */
  candidatePicker: 'kpi_candidate_picker',
} as const;

export const BlockIds = {
  kpiPicker: 'kpi_picker_block',
  value: 'kpi_value_block',
  period: 'kpi_period_block',
  currentValue: 'kpi_current_value_block',
} as const;

/** What a *Log value* button carries: the KPI and, from a digest, the period to preset. */
export interface LogButtonValue {
  kpiId: string;
  period?: string;
}

/**
 * Slack requires action ids to be unique within a block, so several buttons of one kind in one
 * actions block get a suffix (`kpi_show_details:2`); listeners match all of them with `actionPattern`.
 */
export function indexedActionId(actionId: string, index: number): string {
  return index === 0 ? actionId : `${actionId}:${index}`;
}

export function actionPattern(actionId: string): RegExp {
  return new RegExp(`^${actionId}(:\\d+)?$`);
}
