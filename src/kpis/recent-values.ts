import type { RetryPolicy } from '../gtmhub/retry.js';
import type { KpiSnapshot, SnapshotQuery } from '../gtmhub/types.js';
import { isoWeekOf, lastNPeriods, periodStart, previousPeriod } from '../time/periods.js';
import { gtmhubOffset, toDateTime } from '../time/zones.js';

/** What RecentValues reads (the Gtmhub client satisfies it). */
export interface SnapshotSource {
  getKpiSnapshots(query: SnapshotQuery, options?: { policy?: RetryPolicy }): Promise<KpiSnapshot[]>;
}

export interface PeriodValue {
  period: string;
  value: number;
}

/** A KPI's recent weekly values as seen from one time zone. */
export interface KpiHistory {
  kpiId: string;
  /** The last `weeks` ISO weeks, oldest first, ending with the current week; `undefined` = no value. */
  weeks: Array<{ period: string; value: number | undefined }>;
  /** The newest week that has a value. */
  latest?: PeriodValue;
  /** The week before `latest`, when it has a value: what the change is measured against. */
  previous?: PeriodValue;
  /** When `latest`'s value was recorded (its snapshot row's `dateCreated`, ISO-8601), when Gtmhub says. */
  lastUpdate?: string;
}

interface Entry {
  history: Promise<KpiHistory>;
  expiresAt: number;
}

export interface RecentValuesOptions {
  source: SnapshotSource;
  /** How many weeks each history holds (the details card and the sparkline show 8). */
  weeks?: number;
  /** How long a read is shared between lookups; default 60 s. */
  ttlMs?: number;
  now?: () => number;
  /**
   * Resolves when the ids asked for so far should be read: every lookup that asks before then shares
   * that one read. Default: the next turn of the event loop (`setImmediate`). kpibot passes the turn
   * queue its listeners resume in (`takeTurn`), so that a burst of lookups whose turns are already
   * queued reads its values in one batched call instead of one call each.
   */
  gather?: () => Promise<void>;
}

/** What a read in one zone covers during one minute (see `frameOf`). */
interface Frame {
  currentWeek: string;
  offset: string;
  periods: string[];
  from: string;
  to: string;
}

/** The read the missing ids of one (zone offset, dates, retry policy) join until it is sent. */
interface OpenRead {
  ids: string[];
  /** The read's rows by KPI: a shared read holds many lookups' KPIs, sorted out once, not once per KPI. */
  rows: Promise<Map<string, KpiSnapshot[]>>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Recent weekly values of KPIs, read in batched snapshot calls and shared between users for a short
 * while: the search list, the details card and the Home tab of many users ask for the same KPIs in
 * the same week, and must not each cost Gtmhub a request per KPI. Entries are keyed by (UTC offset,
 * current week, KPI) because Gtmhub groups snapshots in the zone it is given. Lookups that ask at
 * about the same moment (see `gather`) share one read: a burst of 32 commands against a Gtmhub
 * answering in 500 ms once queued 32 reads behind the client's 8 connections, and most of them ran
 * out of their 2 s deadline, leaving the replies without values.
 */
export class RecentValues {
  private readonly entries = new Map<string, Entry>();
  private readonly open = new Map<string, OpenRead>();
  private readonly frames = new Map<string, Frame>();

  constructor(private readonly options: RecentValuesOptions) {}

  get weeks(): number {
    return this.options.weeks ?? 8;
  }

  /** Histories of `kpiIds` in `zone`; ids Gtmhub has no snapshots for get an empty history. */
  async forKpis(kpiIds: readonly string[], zone: string, options: { policy?: RetryPolicy } = {}): Promise<Map<string, KpiHistory>> {
    const nowMs = (this.options.now ?? Date.now)();
    const { currentWeek, offset, periods, from, to } = this.frameOf(zone, nowMs);
    const keyOf = (id: string): string => `${offset}|${currentWeek}|${id}`;
    const unique = [...new Set(kpiIds)];
    const missing = unique.filter((id) => {
      const entry = this.entries.get(keyOf(id));
      return entry === undefined || entry.expiresAt <= nowMs;
    });
    if (missing.length > 0) {
      const query: SnapshotQuery = { ids: missing, timeZone: offset, groupBy: 'week', from, to };
      const read = this.join(missing, query, options);
      const expiresAt = nowMs + (this.options.ttlMs ?? 60_000);
      for (const id of missing) {
        const history = read.then((byKpi) => historyOf(id, byKpi.get(id) ?? [], periods));
        this.entries.set(keyOf(id), { history, expiresAt });
        // A failed read must not be served to the next lookup.
        history.catch(() => {
          if (this.entries.get(keyOf(id))?.history === history) this.entries.delete(keyOf(id));
        });
      }
    }
    this.prune(nowMs);
    const histories = await Promise.all(unique.map((id) => this.entries.get(keyOf(id))!.history));
    return new Map(histories.map((h) => [h.kpiId, h] as const));
  }

  /**
   * The weeks and dates a read in `zone` covers at `nowMs`, remembered for the minute: a week starts
   * at a local midnight and an offset changes at a whole minute, so within one UTC minute they are
   * the same, and a burst of lookups need not redo the same calendar arithmetic each.
   */
  private frameOf(zone: string, nowMs: number): Frame {
    const key = `${zone}|${Math.floor(nowMs / 60_000)}`;
    let frame = this.frames.get(key);
    if (frame === undefined) {
      const currentWeek = isoWeekOf(nowMs, zone);
      const periods = lastNPeriods(currentWeek, this.weeks);
      frame = {
        currentWeek,
        offset: gtmhubOffset(zone, nowMs),
        periods,
        from: periodStart(periods[0]!, zone).toISODate()!,
        to: toDateTime(nowMs, zone).toISODate()!,
      };
      if (this.frames.size >= 1_000) this.frames.clear();
      this.frames.set(key, frame);
    }
    return frame;
  }

  /** The rows of the read `ids` join: the open one for the same zone offset, dates and policy, else a new one. */
  private join(ids: readonly string[], query: SnapshotQuery, options: { policy?: RetryPolicy }): Promise<Map<string, KpiSnapshot[]>> {
    const key = `${query.timeZone}|${query.from}|${query.to}|${options.policy?.name ?? ''}`;
    let read = this.open.get(key);
    if (read === undefined) {
      const joined: string[] = [];
      const rows = (this.options.gather ?? nextTurn)().then(() => {
        this.open.delete(key);
        return this.options.source.getKpiSnapshots({ ...query, ids: joined }, options).then(rowsByKpi);
      });
      read = { ids: joined, rows };
      this.open.set(key, read);
    }
    read.ids.push(...ids);
    return read.rows;
  }

  /** Forgets what is cached for a KPI (after a value was recorded or the KPI was edited). */
  invalidate(kpiId: string): void {
    for (const key of this.entries.keys()) if (key.endsWith(`|${kpiId}`)) this.entries.delete(key);
  }

  private prune(nowMs: number): void {
    if (this.entries.size < 50_000) return;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= nowMs) this.entries.delete(key);
  }
}

function rowsByKpi(rows: readonly KpiSnapshot[]): Map<string, KpiSnapshot[]> {
  const byKpi = new Map<string, KpiSnapshot[]>();
  for (const row of rows) {
    const own = byKpi.get(row.kpiId);
    if (own) own.push(row);
    else byKpi.set(row.kpiId, [row]);
  }
  return byKpi;
}

/** Builds one KPI's history from snapshot rows (rows of other KPIs and periods are ignored). */
export function historyOf(kpiId: string, rows: readonly KpiSnapshot[], periods: readonly string[]): KpiHistory {
  const byPeriod = new Map<string, number>();
  const createdIn = new Map<string, string>();
  for (const row of rows) {
    if (row.kpiId !== kpiId) continue;
    byPeriod.set(row.group, row.value);
    if (row.dateCreated !== undefined) createdIn.set(row.group, row.dateCreated);
  }
  const weeks = periods.map((period) => ({ period, value: byPeriod.get(period) }));
  const history: KpiHistory = { kpiId, weeks };
  for (let i = weeks.length - 1; i >= 0; i--) {
    const week = weeks[i]!;
    if (week.value === undefined) continue;
    history.latest = { period: week.period, value: week.value };
    const created = createdIn.get(week.period);
    if (created !== undefined) history.lastUpdate = created;
    const before = byPeriod.get(previousPeriod(week.period));
    if (before !== undefined) history.previous = { period: previousPeriod(week.period), value: before };
    break;
  }
  return history;
}
