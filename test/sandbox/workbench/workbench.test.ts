import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/workbench/environment.js';
import { runWorkbench } from '../../../src/sandbox/workbench/run.js';

describe('the workbench against the real kpibot and both simulators', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kpibot-workbench-'));
    sandbox = await startSandbox({ port: 0, sqlitePath: path.join(dir, 'sandbox.sqlite'), logLevel: 'warn' });
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(lines: string[]) {
    const output: string[] = [];
    const result = await runWorkbench({ sandbox, lines, write: (text) => output.push(text), echo: true });
    return { ...result, output: output.join('\n') };
  }

  it('looks up a KPI, shows its details, and records a value through the modal’s typeahead', async () => {
    const posts = () => sandbox.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots');
    const before = posts().length;
    const result = await run([
      '/kpi churn',
      'expect Churn rate',
      'click Details',
      'expect should decrease',
      '/kpi log',
      'suggest chu',
      'expect Churn rate',
      'type KPI churn',
      'type Value 2.75',
      'submit',
      'expect Recorded',
    ]);
    expect(result.failures).toEqual([]);
    expect(result.output).toContain('Last 8 weeks');
    expect(result.output).toContain('Current value');
    expect(result.output).toMatch(/Recorded .* for \*Churn rate\*/);
    expect(posts()).toHaveLength(before + 1);
    expect(posts().at(-1)?.body).toMatchObject({ value: 2.75 });
  });

  it('sends a check-in DM now, checks in from it, and re-sends a snoozed one when its time comes', async () => {
    const result = await run([
      'as U0PRIYAN',
      'checkin',
      'expect Time to check in',
      'click Check in',
      'type Net Promoter Score 42',
      'submit',
      'expect still to log',
      'click Snooze 1 hour',
      'expect Snoozed',
      'due +2h',
      'expect checkin_snooze: 1 sent',
      'as U0SANDBOX',
    ]);
    expect(result.failures).toEqual([]);
    expect(result.output).toContain('✅ *Net Promoter Score* — 42');
  });

  it('creates an alert with the form, then triggers it with a value written into Gtmhub from elsewhere', async () => {
    const result = await run([
      'in #kpis',
      '/kpi alert',
      'expect KPI alert',
      'type KPI Churn rate',
      'type Condition Value goes above…',
      'type Amount 90%',
      'submit',
      'expect Alert created',
      // Above the line whatever Gtmhub's aggregation of the week makes of it with the value logged before.
      'gtmhub snapshot Churn rate 400%',
      'expect Gtmhub now has',
      'due',
      'expect alert poll: 1 crossing',
    ]);
    expect(result.failures).toEqual([]);
    const posted = sandbox.slack.messages('C0KPIS').filter((m) => m.metadata?.event_type === 'kpibot_alert');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain('Churn rate went above');
  });

  it('makes Gtmhub fail on request and shows what kpibot says about it', async () => {
    const result = await run(['gtmhub fault GET /v1/kpi-snapshots 500', '/kpi show Churn rate', 'expect current value unavailable', 'gtmhub clear']);
    expect(result.failures).toEqual([]);
  });

  it('runs Workflow Builder steps as Slack does and prints how each ended', async () => {
    const posts = () => sandbox.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots');
    const before = posts().length;
    const result = await run([
      'step log_kpi_value kpi="Support backlog" value=1.2k time_zone=Europe/Berlin',
      'expect completed with',
      'expect kpi_name: Support backlog',
      'expect value_after: 1200',
      'step get_kpi_value kpi="Support backlog" time_zone=Europe/Berlin',
      'expect formatted: 1,200',
      'step log_kpi_value kpi="Churn rate" value=lots',
      'expect failed: The value is not a number kpibot can record',
      'step list_kpis_not_updated group=Sales',
      'expect count:',
    ]);
    expect(result.failures).toEqual([]);
    expect(posts()).toHaveLength(before + 1);
    expect(posts().at(-1)?.body).toMatchObject({ value: 1200 });
    expect(result.output).toContain('Step list_kpis_not_updated completed with:');
  });

  it('reports the lines that failed and still runs the ones after them', async () => {
    const result = await run(['click 99', 'expect a text that is nowhere', '/kpi help', 'expect /kpi log']);
    expect(result.failures).toEqual([
      { line: 1, text: 'click 99' },
      { line: 2, text: 'expect a text that is nowhere' },
    ]);
    expect(result.output).toContain('/kpi history');
  });

  it('stops at quit', async () => {
    const result = await run(['help', 'quit', '/kpi help']);
    expect(result).toMatchObject({ lines: 2, quit: true, failures: [] });
  });
});
