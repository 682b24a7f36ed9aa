import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkbenchLine, resolveRoute } from '../../src/sandbox/workbench/commands.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/workbench/environment.js';
import { formState } from '../../src/sandbox/workbench/modal-state.js';
import { renderBlocks, renderMrkdwn, renderView } from '../../src/sandbox/workbench/render.js';
import { runWorkbench } from '../../src/sandbox/workbench/run.js';

describe('rendering Block Kit as text', () => {
  it('shows a header, a section with its fields and a context line', () => {
    const { lines } = renderBlocks([
      { type: 'header', text: { type: 'plain_text', text: 'Churn rate' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*3.0%* in 2026-W47' }, fields: [{ type: 'mrkdwn', text: '*Target*\nshould decrease' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Groups: Finance' }, { type: 'image', image_url: 'https://x/y.png', alt_text: 'logo' }] },
      { type: 'divider' },
    ]);
    expect(lines).toEqual(['== Churn rate ==', '*3.0%* in 2026-W47', '  · *Target* — should decrease', '  Groups: Finance  [logo]', '────────────────────────']);
  });

  it('numbers buttons in actions blocks and accessories, from the number it is given', () => {
    const { lines, controls } = renderBlocks(
      [
        { type: 'section', text: { type: 'mrkdwn', text: 'Finance' }, accessory: { type: 'button', action_id: 'fav', text: { type: 'plain_text', text: '★ Unfavorite' }, value: 'g1' } },
        {
          type: 'actions',
          block_id: 'b1',
          elements: [
            { type: 'button', action_id: 'log', text: { type: 'plain_text', text: 'Log value' }, value: '{"kpiId":"k1"}' },
            { type: 'button', action_id: 'details', text: { type: 'plain_text', text: 'Details' }, value: 'k1' },
          ],
        },
      ],
      { firstControl: 4 },
    );
    expect(lines).toEqual(['Finance  [4] ★ Unfavorite', '[5] Log value  [6] Details']);
    expect(controls.map((c) => [c.number, c.actionId, c.blockId, c.value])).toEqual([
      [4, 'fav', undefined, 'g1'],
      [5, 'log', 'b1', '{"kpiId":"k1"}'],
      [6, 'details', 'b1', 'k1'],
    ]);
  });

  it('lists a menu’s choices so that one can be named', () => {
    const { lines, controls } = renderBlocks([
      {
        type: 'actions',
        elements: [{ type: 'overflow', action_id: 'fav', options: [{ text: { type: 'plain_text', text: '☆ Favorite Sales' }, value: 'g1' }, { text: { type: 'plain_text', text: '☆ Favorite Finance' }, value: 'g2' }] }],
      },
    ]);
    expect(lines).toEqual(['[1] ⋯ (1) ☆ Favorite Sales  2) ☆ Favorite Finance)']);
    expect(controls[0]?.options).toEqual([
      { text: '☆ Favorite Sales', value: 'g1' },
      { text: '☆ Favorite Finance', value: 'g2' },
    ]);
  });

  it('shows an input with its label, block id, kind and current value', () => {
    const blocks = [
      { type: 'input', block_id: 'value_block', label: { type: 'plain_text', text: 'Value' }, element: { type: 'number_input', action_id: 'value', is_decimal_allowed: true } },
      { type: 'input', block_id: 'kpi_block', optional: true, label: { type: 'plain_text', text: 'KPI' }, element: { type: 'external_select', action_id: 'kpi' } },
    ];
    const { lines, inputs } = renderBlocks(blocks, { state: { value_block: { value: { type: 'number_input', value: '2.75' } } } });
    expect(lines).toEqual(['✎ Value [value_block] ‹number›: 2.75', '✎ KPI (optional) [kpi_block] ‹typeahead: suggest <letters>›: —']);
    expect(inputs.map((i) => [i.blockId, i.actionId, i.type])).toEqual([
      ['value_block', 'value', 'number_input'],
      ['kpi_block', 'kpi', 'external_select'],
    ]);
  });

  it('frames a modal with its title, id and buttons', () => {
    const { lines } = renderView({
      id: 'V1',
      type: 'modal',
      title: { type: 'plain_text', text: 'Log a KPI value' },
      submit: { type: 'plain_text', text: 'Record' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello' } }],
    });
    expect(lines).toEqual(['┌ Log a KPI value (V1)', '│ Hello', '└ ‹submit: Record›  ‹close: Cancel›']);
  });

  it('resolves links, mentions, emoji and escapes in mrkdwn', () => {
    expect(renderMrkdwn('<https://x.io|Gtmhub> <@U1> <#C1|general> :large_green_circle: a &lt;b&gt; &amp; c')).toBe('Gtmhub (https://x.io) @U1 #general 🟢 a <b> & c');
  });
});

describe('a modal’s state', () => {
  it('starts from the inputs’ initial values and takes what was typed instead', () => {
    const { inputs } = renderBlocks([
      {
        type: 'input',
        block_id: 'week',
        label: { type: 'plain_text', text: 'Week' },
        element: { type: 'static_select', action_id: 'w', initial_option: { text: { type: 'plain_text', text: 'This week' }, value: '2026-W48' }, options: [] },
      },
      { type: 'input', block_id: 'value', label: { type: 'plain_text', text: 'Value' }, element: { type: 'number_input', action_id: 'v', is_decimal_allowed: true } },
    ]);
    expect(formState(inputs, { value: { v: { type: 'number_input', value: '3' } } })).toEqual({
      week: { w: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'This week', emoji: true }, value: '2026-W48' } } },
      value: { v: { type: 'number_input', value: '3' } },
    });
  });
});

describe('workbench commands', () => {
  it('reads a Gtmhub fault whose route has a space, with several effects', () => {
    expect(parseWorkbenchLine('gtmhub fault GET /v1/kpi-snapshots 503 latency=200 times=2')).toEqual({
      kind: 'fault',
      target: 'GET /v1/kpi-snapshots',
      fault: { status: 503, latencyMs: 200, times: 2 },
    });
  });

  it('finds the route of a concrete request path', () => {
    expect(resolveRoute('POST /v1/kpis/5e8c27e3dcdddaa4addbdee8/snapshots')).toBe('POST /v1/kpis/:id/snapshots');
  });

  it('refuses a word that is not a command, saying where the list is', () => {
    expect(() => parseWorkbenchLine('frobnicate')).toThrow(/not a workbench command; type help/);
  });
});

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

  it('makes Gtmhub fail on request and shows what kpibot says about it', async () => {
    const result = await run(['gtmhub fault GET /v1/kpi-snapshots 500', '/kpi show Churn rate', 'expect current value unavailable', 'gtmhub clear']);
    expect(result.failures).toEqual([]);
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
