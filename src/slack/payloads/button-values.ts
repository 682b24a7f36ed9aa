import { isValidPeriod } from '../../gtmhub/periods.js';
import { BUTTON_FORMAT_VERSION, type CheckinButtonValue, type FavoriteControlValue, type LogButtonValue } from '../ids.js';
import { invalid, jsonObjectIn, nonEmptyString, parsed, type Parsed } from '../../parsing/parsed.js';

/**
 * The `value` of kpibot's buttons and menu options, as Slack sends it back on a click. Slack caps a
 * button's value at 2,000 characters (an option's at 150): anything longer is not from Slack.
 */
const MAX_BUTTON_VALUE = 2000;

/** A button whose value is one id (*Details*, *Edit*, *Delete*, the digest list's buttons). */
export function parseIdValue(value: unknown, what: string): Parsed<string> {
  if (typeof value !== 'string' || value.trim() === '') return invalid(`the ${what} button carries no id`);
  if (value.length > MAX_BUTTON_VALUE) return invalid(`the ${what} button’s value is longer than Slack allows`);
  return parsed(value);
}

/**
 * *Log value*: `LogButtonValue` as JSON. Buttons posted before it was JSON carry the bare KPI id,
 * and still work. A period that is not a real period, or a value that is not a finite number, is
 * dropped (the form then offers this week, empty), never passed on.
 */
export function parseLogButtonValue(value: unknown): Parsed<LogButtonValue> {
  if (typeof value !== 'string' || value.trim() === '') return invalid('the Log value button carries no KPI');
  if (!value.startsWith('{')) {
    const id = parseIdValue(value, 'Log value');
    return id.ok ? parsed({ kpiId: id.value }) : id;
  }
  const json = jsonObjectIn(value, 'the Log value button’s value', MAX_BUTTON_VALUE);
  if (!json.ok) return json;
  const version = json.value.v;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) return invalid('the Log value button carries no readable version');
  if (typeof version === 'number' && version > BUTTON_FORMAT_VERSION) return invalid(`the Log value button comes from a newer kpibot (format ${version})`);
  const kpiId = nonEmptyString(json.value.kpiId);
  if (!kpiId) return invalid('the Log value button names no KPI');
  const { period, value: typed } = json.value;
  return parsed({
    kpiId,
    ...(typeof period === 'string' && isValidPeriod(period) ? { period } : {}),
    ...(typeof typed === 'number' && Number.isFinite(typed) ? { value: typed } : {}),
  });
}

/** What a click on a favorite control asks for: a state, or a flip (`favorite` undefined) for a bare group id. */
export interface FavoriteRequest {
  groupId: string;
  favorite?: boolean;
}

/**
 * A favorite button or overflow option: `FavoriteControlValue` as JSON. Messages posted before the
 * value carried a state hold the bare group id: those still flip, as they did when they were posted.
 */
export function parseFavoriteControlValue(value: unknown): Parsed<FavoriteRequest> {
  if (typeof value !== 'string' || value === '') return invalid('the favorite control carries no group');
  if (value.length > MAX_BUTTON_VALUE) return invalid('the favorite control’s value is longer than Slack allows');
  if (value.startsWith('{')) {
    const json = jsonObjectIn(value, 'the favorite control’s value', MAX_BUTTON_VALUE);
    const control: Partial<Record<keyof FavoriteControlValue, unknown>> = json.ok ? json.value : {};
    if (json.ok && typeof control.g === 'string' && control.g !== '' && typeof control.on === 'boolean') return parsed({ groupId: control.g, favorite: control.on });
    // Not kpibot's JSON after all: a group id that starts with a brace.
  }
  return parsed({ groupId: value });
}


/** A check-in DM's button or *Not this week…* option: `CheckinButtonValue` JSON (reminder, period, KPI). */
export function parseCheckinButtonValue(value: unknown): Parsed<CheckinButtonValue> {
  const json = jsonObjectIn(value, 'the check-in button’s value', MAX_BUTTON_VALUE);
  if (!json.ok) return json;
  const r = nonEmptyString(json.value.r);
  const p = json.value.p;
  if (!r || typeof p !== 'string' || !isValidPeriod(p)) return invalid('the check-in button names no reminder and period');
  const k = nonEmptyString(json.value.k);
  return parsed({ r, p, ...(k ? { k } : {}) });
}
