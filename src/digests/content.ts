/**
 * The reads behind the digests due at one moment. Gtmhub groups snapshots by week in the UTC offset
 * it is given, so subscriptions whose zones have the same offset at that moment (and therefore the
 * same last complete week) share one snapshot read of the union of their KPIs — never one read per
 * subscription or per KPI. KPI definitions come from the shared catalogue, read again from Gtmhub
 * only when its view is older than a few minutes: runs, Send now clicks and retry ticks that come
 * close together share one `GET /v2/kpis` instead of each listing every KPI again.
 */
import type { OwnerAnswer } from '../people/people.js';
import { ownerIdsOfKpi } from '../kpis/kpi-owners.js';
import type { Kpi } from '../gtmhub/types.js';
import { patientForBackgroundWork, type RetryPolicy } from '../gtmhub/retry.js';
import type { CatalogueView, KpiCatalogue } from '../kpis/catalogue.js';
import type { SnapshotSource } from '../kpis/recent-values.js';
import type { Logger } from '../log.js';
import { parsePeriod, shiftPeriod } from '../gtmhub/periods.js';
import { gtmhubOffset } from '../time/zones.js';
import { digestReport, WEEKS_READ, type DigestContentSource, type DigestKpiRow, type DigestReport, type DigestScope } from './report.js';
import { periodForRun } from './schedule.js';
import type { DigestSubscription } from './types.js';

export interface DigestContentOptions {
  /** The workspace Gtmhub client (it batches ids into URL-sized requests itself). */
  snapshots: SnapshotSource;
  catalogue: Pick<KpiCatalogue, 'refresh' | 'peek'>;
  /** The group ids a Slack user has starred (the favorites store of /kpi favorites). */
  favoriteGroupsOf(teamId: string, userId: string): Promise<readonly string[]>;
  /** The locale numbers are written in; default `en-US` for every subscription. */
  localeOf?(subscription: DigestSubscription): Promise<string> | string;
  /** Who KPI owners are in a workspace (`People.forTeam`); without it, owners show as Gtmhub ids. */
  ownersOf?(teamId: string): Promise<(gtmhubUserId: string) => OwnerAnswer>;
  /** The KPIs their owners put off for a period (*Not this week* on a check-in): *skipped by owner*. */
  skippedKpis?(teamId: string, period: string): Promise<ReadonlySet<string>>;
  /** How old the catalogue's view may be for a digest to use it as is; default `CATALOGUE_MAX_AGE_MS`. */
  catalogueMaxAgeMs?: number;
  /** The clock the catalogue stamps its views with (`loadedAt`); default `Date.now`. */
  now?: () => number;
  logger: Logger;
  /** Default `patientForBackgroundWork`: nobody waits on a digest, so it may take Gtmhub's time. */
  policy?: RetryPolicy;
}

/** A subscription's selection resolved against the catalogue. */
interface Resolved {
  subscription: DigestSubscription;
  kpis: Kpi[];
  missing: number;
  scope: DigestScope;
}

/** Subscriptions that share one snapshot read. */
interface ReadGroup {
  offset: string;
  period: string;
  ids: Set<string>;
  members: Resolved[];
}

/** A digest accepts a KPI list this old: a KPI deleted in Gtmhub in the last 5 minutes may still show. */
export const CATALOGUE_MAX_AGE_MS = 5 * 60_000;

export class DigestContent implements DigestContentSource {
  constructor(private readonly options: DigestContentOptions) {}

  async build(subscriptions: readonly DigestSubscription[], at: Date): Promise<Map<string, DigestReport>> {
    if (subscriptions.length === 0) return new Map();
    const view = await this.catalogueView();
    const favorites = await this.favoritesOf(subscriptions);
    const groups = new Map<string, ReadGroup>();
    for (const subscription of subscriptions) {
      const resolved = resolveSelection(subscription, view, favorites);
      const period = periodForRun(at, subscription.zone);
      const offset = gtmhubOffset(subscription.zone, at);
      const key = `${offset}|${period}`;
      let group = groups.get(key);
      if (!group) {
        group = { offset, period, ids: new Set(), members: [] };
        groups.set(key, group);
      }
      for (const kpi of resolved.kpis) group.ids.add(kpi.id);
      group.members.push(resolved);
    }
    const contents = new Map<string, DigestReport>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const values = await this.readValues(group);
        for (const member of group.members) contents.set(member.subscription.id, await this.report(member, group.period, values));
      }),
    );
    return contents;
  }

  /**
   * The catalogue's view when it is recent enough, else a fresh load (shared with any load already
   * under way), so that KPIs deleted in Gtmhub are left out; the last view when Gtmhub fails.
   */
  private async catalogueView(): Promise<CatalogueView> {
    const current = this.options.catalogue.peek();
    const now = (this.options.now ?? Date.now)();
    if (current && now - current.loadedAt <= (this.options.catalogueMaxAgeMs ?? CATALOGUE_MAX_AGE_MS)) return current;
    try {
      return await this.options.catalogue.refresh();
    } catch (error) {
      const stale = this.options.catalogue.peek();
      if (!stale) throw error;
      this.options.logger.warn('digest: KPI list refresh failed; using the one loaded before', { error });
      return stale;
    }
  }

  /** Favorite groups of every subscriber who subscribed favorites, read once per person. */
  private async favoritesOf(subscriptions: readonly DigestSubscription[]): Promise<Map<string, readonly string[]>> {
    const people = new Map<string, { teamId: string; userId: string }>();
    for (const s of subscriptions) {
      if (s.selection.kind === 'favorites') people.set(personKey(s.teamId, s.ownerUserId), { teamId: s.teamId, userId: s.ownerUserId });
    }
    const entries = await Promise.all(
      [...people].map(async ([key, p]) => [key, await this.options.favoriteGroupsOf(p.teamId, p.userId)] as const),
    );
    return new Map(entries);
  }

  /**
   * Week label → value, per KPI, for the 9 weeks ending with the period. A failed read rejects the
   * whole build with the Gtmhub error itself (the engine turns it into one sentence and retries).
   */
  private async readValues(group: ReadGroup): Promise<Map<string, Map<string, number>>> {
    const rows = await this.options.snapshots.getKpiSnapshots(
      {
        ids: [...group.ids],
        timeZone: group.offset,
        groupBy: 'week',
        from: parsePeriod(shiftPeriod(group.period, -(WEEKS_READ - 1))).startDate,
        to: parsePeriod(group.period).endDate,
      },
      { policy: this.options.policy ?? patientForBackgroundWork },
    );
    const byKpi = new Map<string, Map<string, number>>();
    for (const row of rows) {
      let values = byKpi.get(row.kpiId);
      if (!values) {
        values = new Map();
        byKpi.set(row.kpiId, values);
      }
      values.set(row.group, row.value);
    }
    return byKpi;
  }

  private async report(member: Resolved, period: string, values: Map<string, Map<string, number>>): Promise<DigestReport> {
    const { subscription } = member;
    const locale = (await this.options.localeOf?.(subscription)) ?? 'en-US';
    const rows: DigestKpiRow[] = member.kpis.map((kpi) => ({ kpi, values: values.get(kpi.id) ?? new Map() }));
    const report = digestReport({
      period,
      scope: member.scope,
      kpis: rows,
      missingKpis: member.missing,
      skipWhenUnchanged: subscription.skipWhenUnchanged,
      listNotUpdated: subscription.listNotUpdated,
      includeChart: subscription.includeChart,
      locale,
    });
    if (report.kind === 'skip' || !report.listNotUpdated || report.notUpdated.length === 0) return report;
    const [owners, skippedByOwner] = await Promise.all([
      this.ownersOf(subscription.teamId, report.notUpdated.map((line) => line.row.kpi)),
      this.skippedOf(subscription.teamId, period),
    ]);
    return { ...report, owners, ...(skippedByOwner.size > 0 ? { skippedByOwner } : {}) };
  }

  /** What owners put off for the period; a store failure shows them as not updated, never fails the digest. */
  private async skippedOf(teamId: string, period: string): Promise<ReadonlySet<string>> {
    try {
      return (await this.options.skippedKpis?.(teamId, period)) ?? new Set();
    } catch (error) {
      this.options.logger.warn('digest: KPIs put off by their owners shown as not updated, the store failed', { error });
      return new Set();
    }
  }

  /** The people behind the owners of `kpis`; a directory failure leaves them as ids, never fails the digest. */
  private async ownersOf(teamId: string, kpis: readonly Kpi[]): Promise<Map<string, OwnerAnswer>> {
    const answers = new Map<string, OwnerAnswer>();
    if (!this.options.ownersOf) return answers;
    try {
      const ownerOf = await this.options.ownersOf(teamId);
      for (const kpi of kpis) for (const id of ownerIdsOfKpi(kpi)) if (!answers.has(id)) answers.set(id, ownerOf(id));
    } catch (error) {
      this.options.logger.warn('digest: owners shown as Gtmhub ids, the people directory failed', { error });
    }
    return answers;
  }
}

function personKey(teamId: string, userId: string): string {
  return `${teamId}|${userId}`;
}

/**
 * The KPIs a subscription covers now: chosen KPIs in the order chosen (those deleted in Gtmhub
 * counted as missing), or the KPIs of its groups — named or the subscriber's favorites — by name.
 */
function resolveSelection(subscription: DigestSubscription, view: CatalogueView, favorites: ReadonlyMap<string, readonly string[]>): Resolved {
  const { selection } = subscription;
  if (selection.kind === 'kpis') {
    const ids = [...new Set(selection.kpiIds)];
    const kpis = ids.map((id) => view.byId.get(id)).filter((k): k is Kpi => k !== undefined);
    return { subscription, kpis, missing: ids.length - kpis.length, scope: { kind: 'kpis', count: ids.length } };
  }
  const groupIds = selection.kind === 'groups' ? selection.groupIds : (favorites.get(personKey(subscription.teamId, subscription.ownerUserId)) ?? []);
  const wanted = new Set(groupIds);
  const kpis = view.kpis.filter((k) => k.groups.some((g) => wanted.has(g))).sort((a, b) => a.name.localeCompare(b.name));
  const names = groupIds.map((id) => view.groupNames.get(id) ?? id);
  if (selection.kind === 'groups') return { subscription, kpis, missing: 0, scope: { kind: 'groups', names } };
  return { subscription, kpis, missing: 0, scope: { kind: 'favorites', userId: subscription.ownerUserId, names } };
}
