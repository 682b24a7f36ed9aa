/**
 * Loading the whole catalogue from Gtmhub as kpibot does at start and every few minutes
 * (`GtmhubClient.listAllKpis`: pages of 100), against the same number of bare undici GETs of one
 * page: the ratio is what the client adds to the transport (validation, parsing, retry policy,
 * de-duplication across pages).
 */
import { Agent, request } from 'undici';
import { KPI_PAGE_SIZE } from '../gtmhub/assumptions.js';
import { GtmhubClient } from '../gtmhub/client.js';
import { patientForBackgroundWork } from '../gtmhub/retry.js';
import { startGtmhubSimulator } from '../sandbox/gtmhub/index.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

export async function benchCatalogueLoad(settings: BenchSettings): Promise<BenchResult> {
  const sim = await startGtmhubSimulator({ demo: { kpiCount: settings.kpiCount, weeks: 0 } });
  const client = new GtmhubClient({ baseUrl: sim.url, token: sim.token, accountId: sim.accountId });
  // The baseline's own keep-alive pool, as the client has one.
  const agent = new Agent({ connections: 8 });
  const pages = Math.ceil(settings.kpiCount / KPI_PAGE_SIZE);
  // Sorted as the client sorts: an unsorted list request makes the simulator shuffle every KPI.
  const pageUrl = `${sim.url}/v2/kpis?sort=_id&skip=0&take=${KPI_PAGE_SIZE}`;
  const headers = { authorization: `Bearer ${sim.token}`, 'gtmhub-accountId': sim.accountId };
  try {
    const result = await measurePaired(
      {
        label: 'listAllKpis',
        run: async () => {
          const kpis = await client.listAllKpis({}, { policy: patientForBackgroundWork });
          if (kpis.length !== settings.kpiCount) throw new BenchError(`listAllKpis returned ${kpis.length} KPIs instead of ${settings.kpiCount}.`);
        },
      },
      {
        label: `${pages} bare GETs`,
        run: async () => {
          for (let i = 0; i < pages; i++) {
            const response = await request(pageUrl, { headers, dispatcher: agent });
            if (response.statusCode !== 200) throw new BenchError(`The simulator answered a bare GET with ${response.statusCode}.`);
            await response.body.json();
          }
        },
      },
      pairedOptionsFor(settings),
    );
    return {
      id: 'catalogue',
      title: `catalogue load, ${settings.kpiCount.toLocaleString('en-US')} KPIs in ${pages} pages`,
      per: 'load',
      ...result,
      figures: [],
    };
  } finally {
    await Promise.allSettled([client.close(), agent.close(), sim.close()]);
  }
}
