/**
 * Catalogue memory: kpibot's resident memory with a catalogue of `memoryKpis` KPIs and the Gtmhub
 * user directory of `memoryUsers` users loaded, against the same process at rest after start (a
 * Gtmhub with no KPI and no user). Each is a fresh kpibot process of its own (`child.ts`) started as
 * `npm start` starts it, measured after two full garbage collections, in alternating order round by
 * round. Target: what is loaded adds at most 150 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGtmhubSimulator, type GtmhubSimulator } from '../sandbox/gtmhub/index.js';
import { startSlackSimulator, type SlackSimulator } from '../sandbox/slack/index.js';
import { appEnvironment, startAppProcess } from './child-protocol.js';
import { summarizeRatios } from './paired.js';
import { median } from './stats.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

const MB = 1024 * 1024;

interface Measured {
  rssMb: number;
  heapMb: number;
}

async function measureKpibot(gtmhub: GtmhubSimulator, slack: SlackSimulator, sqlitePath: string, expectedKpis: number, compiledBenchDir: string | undefined): Promise<Measured> {
  const app = await startAppProcess('kpibot', appEnvironment({ slack, gtmhub, signingSecret: 'bench-memory-signing-secret', sqlitePath }), compiledBenchDir);
  try {
    const loaded = await app.ask({ kind: 'catalogue' }, 'catalogue');
    if (loaded.kpis !== expectedKpis) throw new BenchError(`kpibot loaded ${loaded.kpis} KPIs instead of ${expectedKpis}.`);
    if (loaded.gtmhubUsers !== 'loaded') throw new BenchError(`kpibot's Gtmhub users are ${loaded.gtmhubUsers}, not loaded.`);
    const measured = await app.ask({ kind: 'measure' }, 'measured');
    return { rssMb: measured.rssBytes / MB, heapMb: measured.heapUsedBytes / MB };
  } finally {
    await app.stop();
  }
}

export async function benchCatalogueMemory(settings: BenchSettings): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-bench-memory-'));
  const empty = await startGtmhubSimulator({ demo: { kpiCount: 0, weeks: 0 } });
  const full = await startGtmhubSimulator({ demo: { kpiCount: settings.memoryKpis, weeks: 0 } });
  for (let i = 0; i < settings.memoryUsers; i += 1) {
    full.state.addUser({ id: `5f${String(i).padStart(22, '0')}`, email: `person.${i}@example.com`, firstName: 'Person', lastName: String(i) });
  }
  const slack = await startSlackSimulator();
  try {
    const rest: Measured[] = [];
    const loaded: Measured[] = [];
    let n = 0;
    const measure = async (which: 'rest' | 'loaded') => {
      const sqlite = path.join(dir, `kpibot-${n++}.sqlite`);
      if (which === 'rest') rest.push(await measureKpibot(empty, slack, sqlite, 0, settings.compiledBenchDir));
      else loaded.push(await measureKpibot(full, slack, sqlite, settings.memoryKpis, settings.compiledBenchDir));
    };
    for (let round = 0; round < settings.memoryRounds; round++) {
      if (round % 2 === 0) {
        await measure('loaded');
        await measure('rest');
      } else {
        await measure('rest');
        await measure('loaded');
      }
    }
    const rss = { loaded: loaded.map((m) => m.rssMb), rest: rest.map((m) => m.rssMb) };
    const added = rss.loaded.map((mb, i) => mb - rss.rest[i]!);
    const kpis = settings.memoryKpis.toLocaleString('en-US');
    return {
      id: 'memory',
      title: `catalogue memory, ${kpis} KPIs and ${settings.memoryUsers.toLocaleString('en-US')} users (RSS)`,
      per: 'process',
      unit: 'MB',
      rounds: settings.memoryRounds,
      subject: { label: `${kpis} KPIs + users loaded`, perOpMs: rss.loaded, medianMs: median(rss.loaded) },
      baseline: { label: 'at rest after start', perOpMs: rss.rest, medianMs: median(rss.rest) },
      ratio: summarizeRatios(rss.loaded, rss.rest),
      figures: [
        { name: 'catalogue adds (RSS, median)', value: median(added), unit: 'MB' },
        { name: 'least added', value: Math.min(...added), unit: 'MB' },
        { name: 'most added', value: Math.max(...added), unit: 'MB' },
        { name: 'heap at rest', value: median(rest.map((m) => m.heapMb)), unit: 'MB' },
        { name: 'heap loaded', value: median(loaded.map((m) => m.heapMb)), unit: 'MB' },
      ],
    };
  } finally {
    await Promise.allSettled([empty.close(), full.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
