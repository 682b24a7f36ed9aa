/**
 * `GET /v1/kpi-snapshots` (and its twin `GET /v1/kpis/snapshots`). The reference leaves the grouping
 * semantics open; ours, which the client may rely on in the sandbox only:
 *
 * - each stored snapshot is dated by the first day of the period it was posted for;
 * - a read labels it with the requested `groupBy` (default: the label it was posted with), and keeps
 *   the periods that overlap the inclusive [`from`, `to`] range;
 * - several snapshots of one KPI in one period are combined with the KPI's `aggregation`:
 *   `last` = the latest `dateCreated`, `sum`, `average`;
 * - a row's `timeZone` is the requested one, else the one its latest snapshot was posted with, and
 *   its `dateCreated` is the latest of the period;
 * - rows come one per KPI and period, sorted by KPI id then period start; unknown ids are absent.
 */
import type { GroupBy, KpiSnapshot } from '../../gtmhub/types.js';
import { periodOf } from '../../time/periods.js';
import { isValidGtmhubOffset } from '../../gtmhub/offsets.js';
import { badRequest } from './errors.js';
import { compareText, type SimState, type StoredSnapshot } from './state.js';

const GROUP_BYS: readonly GroupBy[] = ['day', 'week', 'month', 'quarter'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SnapshotPage {
  items: KpiSnapshot[];
  totalCount: number;
}

interface ReadQuery {
  ids: string[];
  timeZone?: string;
  groupBy?: GroupBy;
  from?: string;
  to?: string;
}

interface Bucket {
  label: string;
  startDate: string;
  snapshots: StoredSnapshot[];
}

export function readSnapshots(state: SimState, query: Record<string, string>): SnapshotPage {
  const read = parseQuery(query);
  const items: KpiSnapshot[] = [];
  for (const kpiId of [...new Set(read.ids)].sort(compareText)) {
    const kpi = state.kpis.get(kpiId);
    if (!kpi) continue;
    const buckets = new Map<string, Bucket>();
    for (const snapshot of state.snapshotsOf(kpiId)) {
      const period = labelOf(state, snapshot, read.groupBy);
      if ((read.from && period.endDate < read.from) || (read.to && period.startDate > read.to)) continue;
      const bucket = buckets.get(period.label);
      if (bucket) bucket.snapshots.push(snapshot);
      else buckets.set(period.label, { label: period.label, startDate: period.startDate, snapshots: [snapshot] });
    }
    const ordered = [...buckets.values()].sort((a, b) => compareText(a.startDate, b.startDate) || compareText(a.label, b.label));
    for (const bucket of ordered) items.push(combine(kpiId, bucket, kpi.aggregation, read.timeZone));
  }
  return { items, totalCount: items.length };
}

function labelOf(
  state: SimState,
  snapshot: StoredSnapshot,
  groupBy: GroupBy | undefined,
): { label: string; startDate: string; endDate: string } {
  if (!groupBy) return state.period(snapshot.group);
  // Relabelling goes through two parses cached in the state: a digest over 20,000 KPIs reads the
  // same couple of dozen dates hundreds of thousands of times.
  return state.period(relabel(snapshot.startDate, groupBy));
}

const relabelled = new Map<string, string>();

/** The label of the `groupBy` period that contains the calendar date `startDate`. */
function relabel(startDate: string, groupBy: GroupBy): string {
  const key = `${startDate}|${groupBy}`;
  let label = relabelled.get(key);
  if (label === undefined) {
    label = periodOf(Date.parse(`${startDate}T00:00:00Z`), 'UTC', groupBy);
    relabelled.set(key, label);
  }
  return label;
}

function combine(kpiId: string, bucket: Bucket, aggregation: string, timeZone: string | undefined): KpiSnapshot {
  // Posting order breaks ties between equal dateCreated: the one posted later wins.
  let latest = bucket.snapshots[0]!;
  let sum = 0;
  for (const s of bucket.snapshots) {
    if (s.dateCreated >= latest.dateCreated) latest = s;
    sum += s.value;
  }
  const value =
    aggregation === 'sum' ? sum : aggregation === 'average' ? sum / bucket.snapshots.length : latest.value;
  return { kpiId, group: bucket.label, value, timeZone: timeZone ?? latest.timeZone, dateCreated: latest.dateCreated };
}

function parseQuery(query: Record<string, string>): ReadQuery {
  const ids = (query.ids ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw badRequest('ids is required: a comma-separated list of KPI ids.');
  const read: ReadQuery = { ids };
  if (query.timeZone !== undefined) {
    if (!isValidGtmhubOffset(query.timeZone)) {
      throw badRequest(`timeZone "${query.timeZone}" is not a UTC offset: write it like UTC+3, UTC-2 or UTC+5:30.`);
    }
    read.timeZone = query.timeZone;
  }
  if (query.groupBy !== undefined) {
    if (!(GROUP_BYS as readonly string[]).includes(query.groupBy)) {
      throw badRequest(`groupBy must be one of ${GROUP_BYS.join(', ')}; got "${query.groupBy}".`);
    }
    read.groupBy = query.groupBy as GroupBy;
  }
  for (const bound of ['from', 'to'] as const) {
    const value = query[bound];
    if (value === undefined) continue;
    if (!isCalendarDate(value)) throw badRequest(`${bound} must be a date written YYYY-MM-DD; got "${value}".`);
    read[bound] = value;
  }
  if (read.from && read.to && read.from > read.to) throw badRequest(`from (${read.from}) is after to (${read.to}).`);
  return read;
}

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
