/**
 * What the chart costs a `/kpi show` reply: signed `/kpi show <name>` commands through the real app
 * (kpibot started against both simulators, in this process), timed from sending the command to the
 * reply reaching its response_url, with the chart (read, drawn, uploaded through Slack's three
 * steps) against the same replies without it, round by round. Each command names a KPI not shown
 * before, so no upload is re-used and every chart is drawn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../sandbox/workbench/environment.js';
import { pairedOptionsFor } from './gc.js';
import { measurePaired } from './paired.js';
import { median } from './stats.js';
import { BenchError, type BenchResult, type BenchSettings } from './types.js';

/** `/kpi show` commands per side and round. */
const SHOWS_PER_ROUND = 3;
/** KPIs in the demo account: more than the commands of a run, so each shows a new one. */
const KPIS = 400;

export async function benchDetailsChart(settings: BenchSettings): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpibot-bench-show-'));
  const sandbox = await startSandbox({ kpis: KPIS, weeks: 12, port: 0, sqlitePath: path.join(dir, 'bench.sqlite'), logLevel: 'error' });
  try {
    const catalogue = await sandbox.kpibot.deps.catalogue.get({ waitMs: Infinity });
    const names = catalogue.kpis.map((k) => k.name);
    const charts = sandbox.kpibot.deps.charts;
    if (!charts) throw new BenchError('kpibot started without charts.');
    let next = 0;
    const timed = { with: [] as number[], without: [] as number[] };
    const shows = (withChart: boolean) => async () => {
      sandbox.kpibot.deps.charts = withChart ? charts : undefined;
      for (let i = 0; i < SHOWS_PER_ROUND; i++) {
        const name = names[next++ % names.length]!;
        const before = sandbox.slack.responses.length;
        const start = performance.now();
        const response = await sandbox.driver.command(`show "${name}"`);
        if (response.status !== 200) throw new BenchError(`kpibot answered /kpi show with ${response.status}.`);
        await sandbox.slack.waitFor(() => sandbox.slack.responses.length > before, 10_000);
        (withChart ? timed.with : timed.without).push(performance.now() - start);
        const body = JSON.stringify(sandbox.slack.responses[before]!.body);
        if (withChart !== body.includes('"slack_file"')) throw new BenchError(`a /kpi show reply ${withChart ? 'lacked' : 'had'} its chart: ${body.slice(0, 200)}`);
      }
    };
    const result = await measurePaired(
      { label: '/kpi show with chart', ops: SHOWS_PER_ROUND, run: shows(true) },
      { label: 'without chart', ops: SHOWS_PER_ROUND, run: shows(false) },
      pairedOptionsFor(settings),
    );
    sandbox.kpibot.deps.charts = charts;
    const withMs = median(timed.with);
    const withoutMs = median(timed.without);
    return {
      id: 'charts-show',
      title: '/kpi show reply, with its chart vs without',
      per: 'reply',
      ...result,
      figures: [
        { name: 'reply with chart p50', value: withMs, unit: 'ms' },
        { name: 'reply without chart p50', value: withoutMs, unit: 'ms' },
        { name: 'chart share of the reply', value: Math.round((100 * Math.max(0, withMs - withoutMs)) / withMs), unit: '%' },
      ],
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
