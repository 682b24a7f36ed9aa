/**
 * Reading a whole collection page by page. Gtmhub pages with `skip`/`take` and answers `totalCount`
 * (developer.gtmhub.com/api-reference/paging.html), and warns that without a sort "you risk getting
 * some items more than once and omitting some items entirely": callers send a stable sort on every
 * page (see `stableSort` in assumptions.ts); this file de-duplicates by id and, when `totalCount`
 * still says more exist than distinct ones arrived, reads the collection again (a bounded number of
 * times) instead of handing back a silently short list.
 */
import type { GtmhubLogger } from './logger.js';
import type { Page } from './types.js';

/** Reads one page: `take` items from `skip`. */
export type PageReader<T> = (skip: number, take: number) => Promise<Page<T>>;

export interface ReadAllOptions {
  /** The endpoint, for log lines (`GET /v2/kpis`). */
  endpoint: string;
  /** The `take` of every request; a page shorter than this ends a list that has no total. */
  pageSize: number;
  /** How many passes over the collection at most (1 = no re-read). */
  maxPasses: number;
  logger: GtmhubLogger;
}

interface PassResult {
  /** `totalCount` of the last page, or undefined when Gtmhub gave none. */
  totalCount: number | undefined;
  /** The server repeated a page (ignores `skip`?): reading again would not help. */
  stalled: boolean;
}

/**
 * Every item of the collection once (by `id`), in the order of the first pass that brought it.
 * Stops a pass at `totalCount`, on an empty page, or when a page repeats the previous one.
 */
export async function readAllPages<T extends { id: string }>(read: PageReader<T>, options: ReadAllOptions): Promise<T[]> {
  const all = new Map<string, T>();
  for (let pass = 1; ; pass++) {
    const { totalCount, stalled } = await readOnePass(read, options, all);
    if (totalCount === undefined || all.size >= totalCount) return [...all.values()];
    const context = { endpoint: options.endpoint, totalCount, distinct: all.size, pass };
    if (stalled || pass >= options.maxPasses) {
      options.logger.error('gtmhub paging: fewer distinct items arrived than totalCount says exist; serving those that did', context);
      return [...all.values()];
    }
    options.logger.warn('gtmhub paging: fewer distinct items arrived than totalCount says exist; reading the list again', context);
  }
}

async function readOnePass<T extends { id: string }>(read: PageReader<T>, options: ReadAllOptions, all: Map<string, T>): Promise<PassResult> {
  let totalCount: number | undefined;
  let previousIds = '';
  for (let skip = 0; ; ) {
    const page = await read(skip, options.pageSize);
    if (page.items.length === 0) return { totalCount, stalled: false };
    for (const item of page.items) if (!all.has(item.id)) all.set(item.id, item);
    // The very same page again is a server that ignores `skip`: going on would loop until
    // `totalCount`. (A page of repeats in another order is an unstable sort: the pass goes on.)
    const ids = page.items.map((item) => item.id).join(',');
    if (ids === previousIds) {
      options.logger.warn('gtmhub paging stopped: a page repeated the previous one (skip ignored?)', {
        endpoint: options.endpoint,
        skip,
        totalCount: page.totalCount,
      });
      return { totalCount, stalled: true };
    }
    previousIds = ids;
    skip += page.items.length;
    // Without totalCount/count the envelope reports the page's own length (listEnvelopeOf), which
    // would end the list after one full page: then only a short page ends it. A real total of
    // exactly one full page costs one more request, answered by an empty page.
    const totalUnknown = page.totalCount === page.items.length;
    totalCount = totalUnknown ? undefined : page.totalCount;
    if (totalUnknown ? page.items.length < options.pageSize : skip >= page.totalCount) return { totalCount, stalled: false };
  }
}
