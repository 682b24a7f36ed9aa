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
  /** /kpi connect: the modal where a user pastes their personal Gtmhub token. */
  connectModal: 'connect_gtmhub_modal',
} as const;

export const ActionIds = {
  /** *Log value* on a KPI card, the details view, the Home tab or a digest; value: LogButtonValue JSON. */
  logValue: 'kpi_log_value',
  /**
   * *☆ Favorite group* / *★ Unfavorite* on a KPI card, the details, `/kpi fav` and Home; value:
   * FavoriteControlValue JSON (a bare `<groupId>` from messages posted before it means "flip").
   */
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
  /** The token input of the /kpi connect modal. */
  gtmhubTokenInput: 'gtmhub_token_input',
} as const;

export const BlockIds = {
  kpiPicker: 'kpi_picker_block',
  value: 'kpi_value_block',
  period: 'kpi_period_block',
  currentValue: 'kpi_current_value_block',
  gtmhubToken: 'gtmhub_token_block',
} as const;

/**
 * The format version kpibot's buttons carry from 2026-12-03 on (`v`). A value without one is the
 * format of before, and keeps working; a version above this one comes from a newer kpibot (a
 * rolling deploy) and is answered with the out-of-date sentence instead of being guessed at.
 */
export const BUTTON_FORMAT_VERSION = 1;

/** What a *Log value* button carries: the KPI and, from a digest, the period to preset. */
export interface LogButtonValue {
  /** `BUTTON_FORMAT_VERSION` when written; absent on buttons posted before versions existed. */
  v?: number;
  kpiId: string;
  period?: string;
  /** The value the user already typed (an unknown KPI name in `/kpi log`): prefilled in the modal. */
  value?: number;
}

/** The value of a *Log value* button (what `LogButtonValue` describes), as Slack carries it. */
export function logButtonValue(kpiId: string, period?: string, typed?: number): string {
  const value: LogButtonValue = { v: BUTTON_FORMAT_VERSION, kpiId, ...(period ? { period } : {}), ...(typed !== undefined ? { value: typed } : {}) };
  return JSON.stringify(value);
}

/** What a favorite button or overflow option carries: the group and the state it asks for. */
export interface FavoriteControlValue {
  g: string;
  on: boolean;
}

/** KPI administration: the create/edit modal and the *Edit* / *Delete* buttons on the details card. */
export const KpiAdminIds = {
  /** The KPI form, for creating (`/kpi new`) and editing; its mode is in private_metadata. */
  formModal: 'kpi_form_modal',
  /** *Edit* on the details card; value: the KPI id. */
  editButton: 'kpi_edit',
  /** *Delete* on the details card (with a confirm dialog); value: the KPI id. */
  deleteButton: 'kpi_delete',
  /** The banner at the top of the form that shows why Gtmhub refused the last submission. */
  errorBlock: 'kpi_form_error',
} as const;

/** Each input of the KPI form: block_id (what `response_action: errors` names) and action_id. */
export const KpiFormInputIds = {
  name: { block: 'kpi_form_name', action: 'kpi_form_name_input' },
  description: { block: 'kpi_form_description', action: 'kpi_form_description_input' },
  aggregation: { block: 'kpi_form_aggregation', action: 'kpi_form_aggregation_select' },
  targetOperator: { block: 'kpi_form_target', action: 'kpi_form_target_select' },
  prefix: { block: 'kpi_form_prefix', action: 'kpi_form_prefix_input' },
  suffix: { block: 'kpi_form_suffix', action: 'kpi_form_suffix_input' },
  fractionSize: { block: 'kpi_form_fraction', action: 'kpi_form_fraction_input' },
  groupIds: { block: 'kpi_form_groups', action: 'kpi_form_groups_select' },
  ownerSlackUserIds: { block: 'kpi_form_owners', action: 'kpi_form_owners_select' },
  ownerIdsText: { block: 'kpi_form_owner_ids', action: 'kpi_form_owner_ids_input' },
} as const;

/** Owners as people: the `/kpi link` and `/kpi unlink` modals and their inputs. */
export const PeopleIds = {
  /** `/kpi link`: a people picker and an email-or-Gtmhub-id field. */
  linkModal: 'people_link_modal',
  /** `/kpi unlink`: a people picker. */
  unlinkModal: 'people_unlink_modal',
  person: { block: 'people_person', action: 'people_person_select' },
  gtmhubUser: { block: 'people_gtmhub_user', action: 'people_gtmhub_user_input' },
} as const;

/** Weekly digests: the subscribe/edit modal (`/kpi digest`) and the buttons of `/kpi digest list`. */
export const DigestIds = {
  /** The subscribe/edit modal; the subscription id being edited is in private_metadata. */
  modal: 'digest_modal',
  /** The read-only modal that shows the outcome of a submission. */
  resultModal: 'digest_result_modal',
  /** The KPI typeahead (multi external select) of the modal: its own id, so it answers only here. */
  kpiPicker: 'digest_kpi_picker',
  /** The time zone typeahead (external select): 400+ IANA zones do not fit in a 100-option select. */
  zonePicker: 'digest_zone_picker',
  /** *Edit* in the list; value: the subscription id. */
  editButton: 'digest_edit',
  /** *Pause* / *Resume* in the list; value: the subscription id. */
  pauseButton: 'digest_pause',
  /** *Send now* in the list; value: the subscription id. */
  sendNowButton: 'digest_send_now',
  /** *Remove* in the list (with a confirm dialog); value: the subscription id. */
  removeButton: 'digest_remove',
} as const;

/** Each input of the digest modal: block_id (what `response_action: errors` names) and action_id. */
export const DigestInputIds = {
  channel: { block: 'digest_channel', action: 'digest_channel_select' },
  include: { block: 'digest_include', action: 'digest_include_radio' },
  kpis: { block: 'digest_kpis', action: DigestIds.kpiPicker },
  groups: { block: 'digest_groups', action: 'digest_groups_select' },
  weekday: { block: 'digest_weekday', action: 'digest_weekday_select' },
  time: { block: 'digest_time', action: 'digest_time_picker' },
  zone: { block: 'digest_zone', action: DigestIds.zonePicker },
  options: { block: 'digest_options', action: 'digest_options_checkboxes' },
} as const;

/** Check-in reminders: the form (`/kpi remind`) and the buttons of `/kpi remind list`. */
export const ReminderIds = {
  /** The set-up/edit form; the channel and the reminder id being edited are in private_metadata. */
  modal: 'reminder_modal',
  /** *Edit* in the list; value: the reminder id. */
  editButton: 'reminder_edit',
  /** *Pause* / *Resume* in the list; value: the reminder id. */
  pauseButton: 'reminder_pause',
  /** *Send now* in the list; value: the reminder id. */
  sendNowButton: 'reminder_send_now',
  /** *Remove* in the list (with a confirm dialog); value: the reminder id. */
  removeButton: 'reminder_remove',
} as const;

/**
 * Each input of the reminder form. The KPI, group and zone typeaheads share the digest form's
 * action ids, so the digest's options listeners answer them too (Slack routes options by action id).
 */
export const ReminderInputIds = {
  include: { block: 'reminder_include', action: 'reminder_include_radio' },
  kpis: { block: 'reminder_kpis', action: DigestIds.kpiPicker },
  groups: { block: 'reminder_groups', action: DigestInputIds.groups.action },
  period: { block: 'reminder_period', action: 'reminder_period_radio' },
  weekday: { block: 'reminder_weekday', action: 'reminder_weekday_select' },
  time: { block: 'reminder_time', action: 'reminder_time_picker' },
  zoneMode: { block: 'reminder_zone_mode', action: 'reminder_zone_mode_radio' },
  zone: { block: 'reminder_zone', action: DigestIds.zonePicker },
} as const;

/** Check-in DMs: their buttons and the Check in modal. Button values: `CheckinButtonValue` JSON. */
export const CheckinIds = {
  /** The actions block under the DM's KPIs. */
  actionsBlock: 'checkin_actions',
  /** *Check in*: one modal with a value field per KPI still missing. */
  checkIn: 'checkin_check_in',
  /** *Snooze 1 hour*. */
  snoozeHour: 'checkin_snooze_hour',
  /** *Tomorrow morning*: 09:00 the next day in the person's zone. */
  snoozeMorning: 'checkin_snooze_morning',
  /** The *Not this week…* select; each option's value names the KPI. */
  notThisWeek: 'checkin_not_this_week',
  /** *Stop reminders from #channel* (with a confirm dialog). */
  stop: 'checkin_stop',
  /** The Check in modal; its private_metadata is `CheckinModalMetadata`. */
  modal: 'checkin_modal',
  /** The read-only modal that shows progress and the outcome of a Check in. */
  resultModal: 'checkin_result_modal',
  /** Each value field: block `checkin_value:<kpi id>`, action `checkin_value_input`. */
  valueBlockPrefix: 'checkin_value:',
  valueInput: 'checkin_value_input',
} as const;

/** What the DM's buttons carry: the reminder and period (the person is who clicks), and for *Not this week* the KPI. */
export interface CheckinButtonValue {
  r: string;
  p: string;
  k?: string;
}

export function checkinButtonValue(reminderId: string, period: string, kpiId?: string): string {
  const value: CheckinButtonValue = { r: reminderId, p: period, ...(kpiId !== undefined ? { k: kpiId } : {}) };
  return JSON.stringify(value);
}

/** The block id of a KPI's value field in the Check in modal. */
export function checkinValueBlockId(kpiId: string): string {
  return `${CheckinIds.valueBlockPrefix}${kpiId}`;
}

/** Alerts: the buttons of an alert message, the form (`/kpi alert`) and `/kpi alert list`. */
export const AlertIds = {
  /** *Mute for a week* on an alert message; value: the rule id. */
  muteButton: 'alert_mute',
  /** The create/edit modal; AlertModalMetadata JSON in private_metadata. */
  modal: 'alert_modal',
  /** The KPI typeahead (external select) of the modal. */
  kpiPicker: 'alert_kpi_picker',
  /** The time zone typeahead of the modal. */
  zonePicker: 'alert_zone_picker',
  /** *Edit* in the list; value: the rule id. */
  editButton: 'alert_edit',
  /** *Pause* / *Resume* in the list; value: the rule id. */
  pauseButton: 'alert_pause',
  /** *Remove* in the list (with a confirm dialog); value: the rule id. */
  removeButton: 'alert_remove',
} as const;

/** Each input of the alert modal: block_id (what `response_action: errors` names) and action_id. */
export const AlertInputIds = {
  kpi: { block: 'alert_kpi', action: AlertIds.kpiPicker },
  group: { block: 'alert_group', action: 'alert_group_select' },
  zone: { block: 'alert_zone', action: AlertIds.zonePicker },
  condition: { block: 'alert_condition', action: 'alert_condition_select' },
  amount: { block: 'alert_amount', action: 'alert_amount_input' },
} as const;

/**
 * Slack requires action ids to be unique within a block, so several buttons of one kind in one
 * actions block get a suffix (`kpi_show_details:2`); listeners match all of them with `actionPattern`.
 */
export function indexedActionId(actionId: string, index: number): string {
  return index === 0 ? actionId : `${actionId}:${index}`;
}

/**
 * Workflow Builder steps: the `callback_id` of each function in manifest.yml's `functions`, and the
 * names of its input and output parameters there (test/manifest.test.ts holds the two together).
 */
export const StepIds = {
  logKpiValue: {
    callbackId: 'log_kpi_value',
    inputs: { kpi: 'kpi', value: 'value', period: 'period', user: 'user', timeZone: 'time_zone' },
    outputs: { kpiId: 'kpi_id', kpiName: 'kpi_name', period: 'period', valueBefore: 'value_before', valueAfter: 'value_after' },
  },
  getKpiValue: {
    callbackId: 'get_kpi_value',
    inputs: { kpi: 'kpi', period: 'period', user: 'user', timeZone: 'time_zone' },
    outputs: { value: 'value', formatted: 'formatted', period: 'period', change: 'change', changeText: 'change_text', link: 'link' },
  },
  listKpisNotUpdated: {
    callbackId: 'list_kpis_not_updated',
    inputs: { group: 'group', owner: 'owner', period: 'period', user: 'user', timeZone: 'time_zone' },
    outputs: { text: 'text', count: 'count' },
  },
} as const;

export function actionPattern(actionId: string): RegExp {
  return new RegExp(`^${actionId}(:\\d+)?$`);
}
