import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { simulatorWithClient, slackError } from './helpers.js';

/** Slack's limits, exercised through WebClient so tests see what the app would see. */
const x = (n: number) => 'x'.repeat(n);
const section = (text = 'hi') => ({ type: 'section', text: { type: 'mrkdwn', text } });
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value = 'v') => ({ text: plain(text), value });
const select = (options: unknown[]) => ({ type: 'section', text: { type: 'mrkdwn', text: 'Pick' }, accessory: { type: 'static_select', action_id: 'pick', options } });
const modal = (over: Record<string, unknown> = {}) => ({ type: 'modal', callback_id: 'cb', title: plain('KPIs'), blocks: [section()], ...over });

describe('Slack simulator: Block Kit limits on messages', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  const post = (blocks: unknown[]) => client.chat.postMessage({ channel: 'C0KPIS', text: 'fallback', blocks: blocks as never });

  it.each([
    ['more than 50 blocks', Array.from({ length: 51 }, () => section()), '/blocks'],
    ['a section text over 3000 characters', [section(x(3001))], '/blocks/0/text/text'],
    ['a header over 150 characters', [{ type: 'header', text: plain(x(151)) }], '/blocks/0/text/text'],
    ['an option text over 75 characters', [select([option(x(76))])], '/blocks/0/accessory/options/0/text/text'],
    ['more than 100 options in a static select', [select(Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`)))], '/blocks/0/accessory/options'],
    ['an empty section text', [section('')], '/blocks/0/text/text'],
  ])('refuses %s with invalid_blocks naming the place', async (_name, blocks, pointer) => {
    const { code, data } = await slackError(post(blocks));
    expect(code).toBe('invalid_blocks');
    const messages = (data.response_metadata as { messages: string[] }).messages;
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(`[json-pointer:${pointer}]`)]));
  });

  it('accepts a message exactly at the limits', async () => {
    const blocks = [
      { type: 'header', text: plain(x(150)) },
      section(x(3000)),
      select(Array.from({ length: 100 }, (_, i) => option(i === 0 ? x(75) : `o${i}`, `v${i}`))),
      ...Array.from({ length: 47 }, () => section()),
    ];
    await expect(post(blocks)).resolves.toMatchObject({ ok: true });
  });

  it('checks blocks on chat.update too', async () => {
    const posted = await post([section()]);
    const { code } = await slackError(client.chat.update({ channel: 'C0KPIS', ts: posted.ts as string, blocks: [section(x(3001))] as never }));
    expect(code).toBe('invalid_blocks');
  });
});

describe('Slack simulator: Block Kit limits on views', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  const open = (view: Record<string, unknown>) => client.views.open({ trigger_id: sim.issueTriggerId(), view: view as never });

  it.each([
    ['more than 100 blocks', modal({ blocks: Array.from({ length: 101 }, () => section()) }), '/view/blocks'],
    ['a title over 24 characters', modal({ title: plain(x(25)) }), '/view/title/text'],
    ['a submit label over 24 characters', modal({ submit: plain(x(25)) }), '/view/submit/text'],
    ['a close label over 24 characters', modal({ close: plain(x(25)) }), '/view/close/text'],
    ['private_metadata over 3000 characters', modal({ private_metadata: x(3001) }), '/view/private_metadata'],
    ['a callback_id over 255 characters', modal({ callback_id: x(256) }), '/view/callback_id'],
    ['more than 100 options in a static select', modal({ blocks: [select(Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`)))] }), '/view/blocks/0/accessory/options'],
    [
      'input blocks without a submit button',
      modal({ blocks: [{ type: 'input', label: plain('Value'), element: { type: 'plain_text_input', action_id: 'value' } }] }),
      '/view',
    ],
  ])('refuses a modal with %s with invalid_arguments naming the place', async (_name, view, pointer) => {
    const { code, data } = await slackError(open(view));
    expect(code).toBe('invalid_arguments');
    const messages = (data.response_metadata as { messages: string[] }).messages;
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(`[json-pointer:${pointer}]`)]));
  });

  it('accepts a modal exactly at the limits', async () => {
    const view = modal({
      title: plain(x(24)),
      submit: plain(x(24)),
      close: plain(x(24)),
      private_metadata: x(3000),
      callback_id: x(255),
      blocks: Array.from({ length: 100 }, () => section()),
    });
    await expect(open(view)).resolves.toMatchObject({ ok: true });
  });

  it('does not spend the trigger_id on a view it refuses', async () => {
    const trigger = sim.issueTriggerId();
    await slackError(client.views.open({ trigger_id: trigger, view: modal({ title: plain(x(25)) }) as never }));
    await expect(client.views.open({ trigger_id: trigger, view: modal() as never })).resolves.toMatchObject({ ok: true });
  });
});
