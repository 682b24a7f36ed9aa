import { DIFF_FIELDS, type FieldFingerprints } from '../../kpis/kpi-form.js';
import type { ReminderModalMetadata } from '../views/checkins/reminder-modal.js';
import type { AlertModalMetadata } from '../views/alerts/alert-modal.js';
import type { DigestModalMetadata } from '../views/digests/digest-modal.js';
import { invalid, isRecord, jsonObjectIn, nonEmptyString, parsed, type Parsed } from '../../parsing/parsed.js';

/**
 * The `private_metadata` of kpibot's modals: JSON that kpibot wrote and Slack carries back, at most
 * 3,000 characters (Slack's limit). A view opened without metadata sends `''`.
 */
const MAX_METADATA = 3000;

/** What the log modal carries in private_metadata: where it was opened, for a reply there. */
export interface LogModalMetadata {
  channelId?: string;
}

/** What the KPI form carries in private_metadata. */
export interface KpiFormMetadata {
  mode: 'create' | 'edit';
  /** Edit: the KPI being edited. */
  kpiId?: string;
  /** Where the user started (the command's or the button's conversation), for the reply with the card. */
  channelId?: string;
  responseUrl?: string;
  /** Edit: what the form showed, to send only what changed (see kpi-form.ts). */
  shown?: FieldFingerprints;
}

/**
 * What the Check in modal carries: the reminder and period, the KPIs its fields are for, those
 * shown in earlier steps (not asked again), and each field's attempt (a value refused by Gtmhub is
 * sent again under a new idempotency key; one recorded is never in a field again).
 */
export interface CheckinModalMetadata {
  r: string;
  p: string;
  ids: string[];
  seen: string[];
  a: Record<string, number>;
}

export function parseCheckinModalMetadata(text: unknown): Parsed<CheckinModalMetadata> {
  const json = jsonObjectIn(text, 'the Check in form’s metadata', MAX_METADATA);
  if (!json.ok) return json;
  const { r, p, ids, seen, a } = json.value;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (typeof r !== 'string' || typeof p !== 'string' || !strings(ids) || !strings(seen) || !isRecord(a)) return invalid('the Check in form’s metadata is not kpibot’s');
  const attempts: Record<string, number> = {};
  for (const [id, n] of Object.entries(a)) if (typeof n === 'number' && Number.isInteger(n) && n >= 0) attempts[id] = n;
  return parsed({ r, p, ids, seen, a: attempts });
}

export function parseLogModalMetadata(text: unknown): Parsed<LogModalMetadata> {
  if (text === '' || text === undefined) return parsed({});
  const json = jsonObjectIn(text, 'the log form’s metadata', MAX_METADATA);
  if (!json.ok) return json;
  const channelId = nonEmptyString(json.value.channelId);
  return parsed(channelId ? { channelId } : {});
}

export function parseDigestModalMetadata(text: unknown): Parsed<DigestModalMetadata> {
  if (text === '' || text === undefined) return parsed({});
  const json = jsonObjectIn(text, 'the digest form’s metadata', MAX_METADATA);
  if (!json.ok) return json;
  const { subscriptionId } = json.value;
  if (subscriptionId === undefined) return parsed({});
  return typeof subscriptionId === 'string' && subscriptionId !== '' ? parsed({ subscriptionId }) : invalid('the digest form’s subscription id is not text');
}

/**
 * The KPI form's metadata. Unlike the other modals, it has no safe default: without its mode, a
 * form could create a KPI the user meant to edit, so unreadable metadata is an error.
 */
export function parseKpiFormMetadata(text: unknown): Parsed<KpiFormMetadata> {
  const json = jsonObjectIn(text, 'the KPI form’s metadata', MAX_METADATA);
  if (!json.ok) return json;
  const { mode, kpiId, channelId, responseUrl, shown } = json.value;
  if (mode !== 'create' && mode !== 'edit') return invalid('the KPI form’s metadata has no mode');
  const metadata: KpiFormMetadata = { mode };
  const fields = { kpiId: nonEmptyString(kpiId), channelId: nonEmptyString(channelId), responseUrl: nonEmptyString(responseUrl) };
  if (fields.kpiId) metadata.kpiId = fields.kpiId;
  if (fields.channelId) metadata.channelId = fields.channelId;
  if (fields.responseUrl) metadata.responseUrl = fields.responseUrl;
  if (shown !== undefined) {
    const prints = fingerprintsIn(shown);
    if (!prints.ok) return prints;
    metadata.shown = prints.value;
  }
  return parsed(metadata);
}

/** `{ name: "3f2a…", … }`: only the fields kpi-form.ts fingerprints, each a string. */
function fingerprintsIn(value: unknown): Parsed<FieldFingerprints> {
  if (!isRecord(value)) return invalid('the KPI form’s fingerprints are not an object');
  const prints: FieldFingerprints = {};
  for (const field of DIFF_FIELDS) {
    const print = value[field];
    if (print === undefined) continue;
    if (typeof print !== 'string') return invalid(`the KPI form’s fingerprint of ${field} is not text`);
    prints[field] = print;
  }
  return parsed(prints);
}

/** The reminder form's metadata: its channel (required: a reminder belongs to one) and the reminder edited. */
export function parseReminderModalMetadata(text: unknown): Parsed<ReminderModalMetadata> {
  const json = jsonObjectIn(text, 'the reminder form’s metadata', MAX_METADATA);
  if (!json.ok) return json;
  const channelId = nonEmptyString(json.value.channelId);
  if (!channelId) return invalid('the reminder form’s channel is missing');
  const { reminderId } = json.value;
  if (reminderId === undefined) return parsed({ channelId });
  return typeof reminderId === 'string' && reminderId !== '' ? parsed({ channelId, reminderId }) : invalid('the reminder form’s reminder id is not text');
}

/** The alert form's metadata: where the alert posts, and which rule an Edit changes. No safe default. */
export function parseAlertModalMetadata(text: unknown): Parsed<AlertModalMetadata> {
  const json = jsonObjectIn(text, 'the alert form’s metadata', MAX_METADATA);
  if (!json.ok) return json;
  const channelId = nonEmptyString(json.value.channelId);
  const { personal } = json.value;
  const ruleId = nonEmptyString(json.value.ruleId);
  if (channelId === undefined || typeof personal !== 'boolean') return invalid('the alert form’s metadata names no channel');
  if (json.value.ruleId !== undefined && ruleId === undefined) return invalid('the alert form’s rule id is not text');
  return parsed({ channelId, personal, ...(ruleId !== undefined ? { ruleId } : {}) });
}
