/**
 * The KPI form (create and edit) as plain data: what the user filled in → the Gtmhub request, with
 * the checks Gtmhub makes done first so that a mistake shows next to its field and nothing is sent.
 * No Slack and no HTTP here: the Slack side reads the modal into `KpiFormValues` and renders errors.
 */
import { createHash } from 'node:crypto';
import { FRACTION_SIZE_MAX, FRACTION_SIZE_MIN, KPI_AGGREGATIONS, TARGET_OPERATORS } from '../gtmhub/assumptions.js';
import type { CreateKpiRequest, Kpi, KpiFormatting, UpdateKpiRequest } from '../gtmhub/types.js';

/** The reference states no maximum; a name longer than this is a paste accident, not a KPI name. */
export const NAME_MAX_CHARS = 200;
/** Slack's plain_text_input holds at most 3,000 characters. */
export const DESCRIPTION_MAX_CHARS = 3000;
/** `$`, `€`, ` months`: a unit, never a sentence (it is repeated next to every value). */
export const AFFIX_MAX_CHARS = 16;
/** More owners than this is not an owner list any more. */
export const OWNERS_MAX = 50;
/** Gtmhub ids are Mongo ObjectIds (24 hex); we accept any plain token so other id forms still pass. */
export const GTMHUB_USER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The form as the user filled it in, every input as text (Slack sends numbers as strings). */
export interface KpiFormValues {
  name: string;
  description: string;
  /** '' when nothing is chosen. */
  aggregation: string;
  targetOperator: string;
  prefix: string;
  suffix: string;
  fractionSize: string;
  /** Chosen group ids; undefined when the form had no groups input (Gtmhub gave no group names). */
  groupIds: string[] | undefined;
  /** Slack users chosen as owners, mapped to Gtmhub users with `OwnerMapping`. */
  ownerSlackUserIds: string[];
  /** Gtmhub user ids typed in, comma or space separated. */
  ownerIdsText: string;
}

export type KpiFormInput = keyof KpiFormValues;
/** One error sentence per input that needs fixing. */
export type KpiFormErrors = Partial<Record<KpiFormInput, string>>;

/**
 * Who is who. The API reference has no user lookup, so a Slack user becomes a Gtmhub owner only
 * through a configured mapping (Slack user id → Gtmhub user id); anyone else is typed in by id.
 */
export interface OwnerMapping {
  gtmhubIdOf(slackUserId: string): string | undefined;
  slackIdOf(gtmhubUserId: string): string | undefined;
  /** Whether any Slack user is mapped: without one, a Slack people picker could only fail. */
  readonly knowsSlackUsers: boolean;
}

export function ownerMappingFrom(pairs: ReadonlyMap<string, string>): OwnerMapping {
  const reverse = new Map([...pairs].map(([slack, gtmhub]) => [gtmhub, slack] as const));
  return { gtmhubIdOf: (id) => pairs.get(id), slackIdOf: (id) => reverse.get(id), knowsSlackUsers: pairs.size > 0 };
}

/** What an edit compares: each is sent as one field of the PATCH (the formatting as one object). */
export const DIFF_FIELDS = ['name', 'description', 'aggregation', 'targetOperator', 'formatting', 'groups', 'owners'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/**
 * Fingerprints of the fields as the edit form showed them. The form must remember what it showed
 * to send only what the user changed, and Slack's private_metadata holds 3,000 characters — less
 * than one description may take — so it remembers a short hash per field instead of the values.
 */
export type FieldFingerprints = Partial<Record<DiffField, string>>;

export function emptyFormValues(): KpiFormValues {
  return {
    name: '',
    description: '',
    aggregation: '',
    targetOperator: '',
    prefix: '',
    suffix: '',
    fractionSize: String(FRACTION_SIZE_MIN),
    groupIds: [],
    ownerSlackUserIds: [],
    ownerIdsText: '',
  };
}

/** The edit form's initial values: owners known to the mapping as Slack users, the others as ids. */
export function formValuesOf(kpi: Kpi, owners: OwnerMapping): KpiFormValues {
  const ownerIds = kpi.ownerIds.length > 0 ? kpi.ownerIds : kpi.ownerId ? [kpi.ownerId] : [];
  const slackUsers: string[] = [];
  const typed: string[] = [];
  for (const id of ownerIds) {
    const slackId = owners.slackIdOf(id);
    if (slackId) slackUsers.push(slackId);
    else typed.push(id);
  }
  return {
    name: kpi.name,
    description: clipped(kpi.description, DESCRIPTION_MAX_CHARS),
    aggregation: kpi.aggregation,
    targetOperator: kpi.targetOperator,
    prefix: kpi.formatting.prefix,
    suffix: kpi.formatting.suffix,
    fractionSize: String(kpi.formatting.fractionSize),
    groupIds: [...kpi.groups],
    ownerSlackUserIds: slackUsers,
    ownerIdsText: typed.join(', '),
  };
}

/** Fingerprints of what `values` would send, field by field (see `FieldFingerprints`). */
export function fingerprintsOf(values: KpiFormValues, owners: OwnerMapping): FieldFingerprints {
  const canonical = canonicalFields(values, owners);
  const prints: FieldFingerprints = {};
  for (const field of DIFF_FIELDS) {
    const value = canonical[field];
    if (value !== undefined) prints[field] = fingerprint(value);
  }
  return prints;
}

export type CreatePlan = { ok: true; request: CreateKpiRequest } | { ok: false; errors: KpiFormErrors };
export type UpdatePlan = { ok: true; request: UpdateKpiRequest; changed: DiffField[] } | { ok: false; errors: KpiFormErrors };

/** A new KPI: every field is checked; empty optional fields are left out (Gtmhub's defaults apply). */
export function planCreate(values: KpiFormValues, owners: OwnerMapping): CreatePlan {
  const errors: KpiFormErrors = {};
  checkName(values, errors);
  checkDescription(values, errors);
  checkChoices(values, errors);
  const formatting = checkFormatting(values, errors);
  const ownerIds = checkOwners(values, owners, errors);
  if (Object.keys(errors).length > 0 || formatting === undefined || ownerIds === undefined) return { ok: false, errors };
  const request: CreateKpiRequest = {
    name: values.name.trim(),
    aggregation: values.aggregation,
    targetOperator: values.targetOperator,
    formatting,
  };
  const description = values.description.trim();
  if (description !== '') request.description = description;
  const groups = unique(values.groupIds ?? []);
  if (groups.length > 0) request.groups = groups;
  // No owner chosen: Gtmhub makes the token's user the owner (the person creating it, with a personal token).
  if (ownerIds.length > 0) Object.assign(request, ownersBody(ownerIds));
  return { ok: true, request };
}

/**
 * An edit: only the fields whose fingerprint differs from what the form showed are checked and
 * sent. An unchanged field is never re-sent, so a value Gtmhub has that we would not send (an
 * aggregation we do not know) survives an edit of the name. No change → an empty request.
 */
export function planUpdate(values: KpiFormValues, shown: FieldFingerprints, owners: OwnerMapping): UpdatePlan {
  const canonical = canonicalFields(values, owners);
  const changed = DIFF_FIELDS.filter((field) => canonical[field] !== undefined && fingerprint(canonical[field]) !== shown[field]);
  const errors: KpiFormErrors = {};
  const request: UpdateKpiRequest = {};
  for (const field of changed) {
    switch (field) {
      case 'name':
        if (checkName(values, errors)) request.name = values.name.trim();
        break;
      case 'description':
        if (checkDescription(values, errors)) request.description = values.description.trim();
        break;
      case 'aggregation':
      case 'targetOperator':
        if (checkChoice(values, field, errors)) request[field] = values[field];
        break;
      case 'formatting': {
        const formatting = checkFormatting(values, errors);
        if (formatting) request.formatting = formatting;
        break;
      }
      case 'groups':
        request.groups = unique(values.groupIds ?? []);
        break;
      case 'owners': {
        const ownerIds = checkOwners(values, owners, errors);
        if (ownerIds?.length === 0) errors.ownerIdsText = 'A KPI needs at least one owner: choose someone or type a Gtmhub user id.';
        else if (ownerIds) Object.assign(request, ownersBody(ownerIds));
        break;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request, changed };
}

/** The Gtmhub owner ids the form names: mapped Slack users first, then the typed ids, no repeats. */
export function ownerIdsOf(values: KpiFormValues, owners: OwnerMapping): { ids: string[]; unmapped: string[]; malformed: string[] } {
  const mapped = values.ownerSlackUserIds.map((slackId) => ({ slackId, gtmhubId: owners.gtmhubIdOf(slackId) }));
  const typed = values.ownerIdsText.split(/[\s,;]+/).filter((t) => t !== '');
  const ids = [...mapped.flatMap((m) => (m.gtmhubId ? [m.gtmhubId] : [])), ...typed.filter((t) => GTMHUB_USER_ID.test(t))];
  return {
    ids: [...new Set(ids)],
    unmapped: mapped.filter((m) => !m.gtmhubId).map((m) => m.slackId),
    malformed: typed.filter((t) => !GTMHUB_USER_ID.test(t)),
  };
}

// ---------------------------------------------------------------------------------------------

/** Each diff field as the value it would send, in one canonical form (sorted ids, trimmed text). */
function canonicalFields(values: KpiFormValues, owners: OwnerMapping): Partial<Record<DiffField, unknown>> {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    aggregation: values.aggregation,
    targetOperator: values.targetOperator,
    // Prefix and suffix are not trimmed: ` months` keeps its space between number and unit.
    formatting: [values.fractionSize.trim(), values.prefix, values.suffix],
    groups: values.groupIds === undefined ? undefined : uniqueSorted(values.groupIds),
    owners: [...ownerIdsOf(values, owners).ids].sort(),
  };
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

function checkName(values: KpiFormValues, errors: KpiFormErrors): boolean {
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the KPI a name.';
  else if ([...name].length > NAME_MAX_CHARS) errors.name = `Keep the name under ${NAME_MAX_CHARS + 1} characters.`;
  return errors.name === undefined;
}

function checkDescription(values: KpiFormValues, errors: KpiFormErrors): boolean {
  if ([...values.description.trim()].length > DESCRIPTION_MAX_CHARS) errors.description = `Keep the description under ${DESCRIPTION_MAX_CHARS + 1} characters.`;
  return errors.description === undefined;
}

const CHOICES = {
  aggregation: { known: KPI_AGGREGATIONS as readonly string[], what: 'how values of a period are combined' },
  targetOperator: { known: TARGET_OPERATORS as readonly string[], what: 'whether the KPI should increase or decrease' },
} as const;

function checkChoice(values: KpiFormValues, field: 'aggregation' | 'targetOperator', errors: KpiFormErrors): boolean {
  const { known, what } = CHOICES[field];
  if (values[field] === '') errors[field] = `Choose ${what}.`;
  else if (!known.includes(values[field])) errors[field] = `Choose one of ${known.join(', ')}.`;
  return errors[field] === undefined;
}

function checkChoices(values: KpiFormValues, errors: KpiFormErrors): void {
  checkChoice(values, 'aggregation', errors);
  checkChoice(values, 'targetOperator', errors);
}

function checkFormatting(values: KpiFormValues, errors: KpiFormErrors): KpiFormatting | undefined {
  const text = values.fractionSize.trim();
  const fractionSize = text === '' ? FRACTION_SIZE_MIN : Number(text);
  if (!/^\d*$/.test(text) || !Number.isInteger(fractionSize) || fractionSize < FRACTION_SIZE_MIN || fractionSize > FRACTION_SIZE_MAX) {
    errors.fractionSize = `Decimals must be a whole number from ${FRACTION_SIZE_MIN} to ${FRACTION_SIZE_MAX}.`;
  }
  for (const field of ['prefix', 'suffix'] as const) {
    if ([...values[field]].length > AFFIX_MAX_CHARS) errors[field] = `Keep the ${field} under ${AFFIX_MAX_CHARS + 1} characters, e.g. $ or %.`;
  }
  if (errors.fractionSize || errors.prefix || errors.suffix) return undefined;
  return { fractionSize, prefix: values.prefix, suffix: values.suffix };
}

function checkOwners(values: KpiFormValues, owners: OwnerMapping, errors: KpiFormErrors): string[] | undefined {
  const { ids, unmapped, malformed } = ownerIdsOf(values, owners);
  if (unmapped.length > 0) {
    errors.ownerSlackUserIds =
      unmapped.length === 1
        ? 'The person chosen has no Gtmhub user kpibot knows (no Gtmhub user has their Slack email): a KPI admin can connect them with /kpi link, or type their Gtmhub user id below.'
        : `${unmapped.length} of the people chosen have no Gtmhub user kpibot knows (no Gtmhub user has their Slack email): a KPI admin can connect them with /kpi link, or type their Gtmhub user ids below.`;
  }
  if (malformed.length > 0) {
    errors.ownerIdsText = `“${clipped(malformed[0]!, 40)}” is not a Gtmhub user id: separate ids with commas, e.g. 5e8ed44adcddda0da9eab365.`;
  } else if (ids.length > OWNERS_MAX) {
    errors.ownerIdsText = `A KPI can have at most ${OWNERS_MAX} owners here.`;
  }
  return errors.ownerSlackUserIds || errors.ownerIdsText ? undefined : ids;
}

/** `ownerId` is the first (main) owner, as in the reference's sample bodies. */
function ownersBody(ownerIds: string[]): { ownerId: string; ownerIds: string[] } {
  return { ownerId: ownerIds[0]!, ownerIds };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function uniqueSorted(ids: readonly string[]): string[] {
  return unique(ids).sort();
}

function clipped(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
