import type { Kpi, KpiGroup } from '../gtmhub/types.js';
import type { Logger } from '../log.js';
import { systemClock, within, type Clock } from '../time/clock.js';
import { buildSearchIndex, type SearchIndex } from './search.js';

/** How long a user's request waits for the very first catalogue load. */
export const FIRST_LOAD_WAIT_MS = 8_000;

/** The first load of the KPI list has not finished within the wait a user's request allows. */
export class CatalogueLoadingError extends Error {
  readonly code = 'catalogue_loading';
  constructor() {
    super('The KPI list is still loading from Gtmhub.');
    this.name = 'CatalogueLoadingError';
  }
}

/**
 * What the catalogue reads from Gtmhub (the client satisfies it; tests may pass a fake). Both are
 * whole lists: every page, sorted on every page, each item once (`GtmhubClient.listAllKpis` and
 * `listKpiGroups`), so a group past the first page of `GET /v1/kpis/groups` still has its name.
 */
export interface CatalogueSource {
  listAllKpis(): Promise<Kpi[]>;
  listKpiGroups(): Promise<KpiGroup[]>;
}

/** One consistent view of all KPIs: what search, pickers and names are answered from. */
export interface CatalogueView {
  kpis: readonly Kpi[];
  byId: ReadonlyMap<string, Kpi>;
  /** Group id → name; empty when the groups call failed (ids are shown instead). */
  groupNames: ReadonlyMap<string, string>;
  index: SearchIndex;
  loadedAt: number;
}

export interface KpiCatalogueOptions {
  source: CatalogueSource;
  logger: Logger;
  /** How old the view may get before a lookup starts a background refresh; default 5 minutes. */
  maxAgeMs?: number;
  now?: () => number;
  /** Times the first-load wait of `get` (default `systemClock`). */
  clock?: Clock;
}

/**
 * All KPIs held in memory and refreshed in the background (all pages of `GET /v2/kpis`), so that
 * search and Slack's typeahead — which must answer within 3 s — never wait for Gtmhub: a lookup
 * gets the current view at once and, when it is stale, starts one refresh for everybody
 * (single-flight). Only the very first lookup after start waits, and for at most that one refresh.
 */
export class KpiCatalogue {
  private view: CatalogueView | undefined;
  private refreshing: Promise<CatalogueView> | undefined;
  private generation = 0;

  constructor(private readonly options: KpiCatalogueOptions) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * The current view. When there is none yet, waits for the first load — at most `waitMs`
   * (default 8 s), so that a user is told "still loading" instead of waiting on a Gtmhub that does
   * not answer; the load itself goes on for the next request.
   */
  async get(options: { waitMs?: number } = {}): Promise<CatalogueView> {
    const view = this.view;
    if (view !== undefined) {
      if (this.now() - view.loadedAt > (this.options.maxAgeMs ?? 5 * 60_000)) this.refreshInBackground();
      return view;
    }
    const load = this.refresh();
    const waitMs = options.waitMs ?? FIRST_LOAD_WAIT_MS;
    if (!Number.isFinite(waitMs)) return load;
    return within(this.options.clock ?? systemClock, waitMs, load, () => {
      throw new CatalogueLoadingError();
    });
  }

  /** The current view without waiting (undefined before the first load). */
  peek(): CatalogueView | undefined {
    return this.view;
  }

  /** Loads everything again; concurrent callers share one load. */
  refresh(): Promise<CatalogueView> {
    if (this.refreshing) return this.refreshing;
    const generation = ++this.generation;
    const started = this.now();
    const load = (async () => {
      const [kpis, groups] = await Promise.all([
        this.options.source.listAllKpis(),
        // Group names are a nicety: without them the bot shows group ids (see assumptions.ts).
        this.options.source.listKpiGroups().catch((error: unknown) => {
          this.options.logger.warn('KPI group names unavailable; showing group ids', { error });
          return [] as KpiGroup[];
        }),
      ]);
      const view = makeView(kpis, groups, started);
      // A local change (upsert/remove) made during the load wins over what the load read.
      if (generation === this.generation) this.view = view;
      this.options.logger.info('KPI catalogue loaded', { kpis: kpis.length, groups: groups.length, ms: this.now() - started });
      return this.view ?? view;
    })();
    this.refreshing = load;
    const clear = (): void => {
      if (this.refreshing === load) this.refreshing = undefined;
    };
    load.then(clear, clear);
    return load;
  }

  /** Starts a refresh whose failure is only logged (the old view keeps serving). */
  refreshInBackground(): void {
    this.refresh().catch((error: unknown) => this.options.logger.warn('KPI catalogue refresh failed; serving the previous view', { error }));
  }

  /** Applies a KPI created or edited from Slack at once, without waiting for the next refresh. */
  upsert(kpi: Kpi): void {
    const view = this.view;
    if (!view) return;
    this.generation++;
    const kpis = view.byId.has(kpi.id) ? view.kpis.map((k) => (k.id === kpi.id ? kpi : k)) : [...view.kpis, kpi];
    this.view = makeView(kpis, groupsOf(view), view.loadedAt);
  }

  /** Drops a KPI deleted from Slack at once. */
  remove(kpiId: string): void {
    const view = this.view;
    if (!view?.byId.has(kpiId)) return;
    this.generation++;
    this.view = makeView(view.kpis.filter((k) => k.id !== kpiId), groupsOf(view), view.loadedAt);
  }
}

function makeView(kpis: readonly Kpi[], groups: readonly KpiGroup[], loadedAt: number): CatalogueView {
  const groupNames = new Map(groups.map((g) => [g.id, g.name] as const));
  return {
    kpis,
    byId: new Map(kpis.map((k) => [k.id, k] as const)),
    groupNames,
    index: buildSearchIndex(kpis, groupNames),
    loadedAt,
  };
}

function groupsOf(view: CatalogueView): KpiGroup[] {
  return [...view.groupNames].map(([id, name]) => ({ id, name }));
}
