import { describe, expect, it } from 'vitest';
import {
  appHomeOpened,
  blockActions,
  blockSuggestion,
  globalShortcut,
  slashCommand,
  urlVerification,
  viewClosed,
  viewSubmission,
} from '../../../src/sandbox/slack/payloads.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const payloadOf = (body: string) => JSON.parse(new URLSearchParams(body).get('payload') as string) as Record<string, unknown>;

describe('Slack payload builders', () => {
  it("builds a slash command with every field of Slack's form, all strings", () => {
    const fields = form(slashCommand({ text: 'search revenue', triggerId: 't.1', responseUrl: 'http://r', now: NOW }));
    expect(fields).toEqual({
      token: expect.any(String),
      team_id: 'T0SANDBOX',
      team_domain: 'sandbox',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: 'U0SANDBOX',
      user_name: 'sandbox.user',
      command: '/kpi',
      text: 'search revenue',
      api_app_id: 'A0KPIBOT',
      is_enterprise_install: 'false',
      response_url: 'http://r',
      trigger_id: 't.1',
    });
  });

  it('gives a well-formed placeholder trigger_id and response_url when none is supplied', () => {
    const fields = form(slashCommand());
    expect(fields.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(fields.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/commands\/T0SANDBOX\//);
  });

  it('builds block_actions from a modal with a view container and no response_url', () => {
    const payload = payloadOf(blockActions({ actions: [{ action_id: 'pick', block_id: 'b', type: 'static_select' }], view: { id: 'V1', callback_id: 'cb' }, triggerId: 't', now: NOW }));
    expect(payload).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', callback_id: 'cb', root_view_id: 'V1', state: { values: {} } },
      user: { id: 'U0SANDBOX', username: 'sandbox.user', team_id: 'T0SANDBOX' },
      team: { id: 'T0SANDBOX', domain: 'sandbox' },
      actions: [{ action_id: 'pick', block_id: 'b', type: 'static_select', action_ts: '1767603600.000000' }],
    });
    expect(payload).not.toHaveProperty('response_url');
  });

  it('builds block_actions from a message with a message container, the channel and a response_url', () => {
    const payload = payloadOf(blockActions({ actions: [{ action_id: 'go' }], message: { ts: '1.000001', channel: 'C0KPIS', text: 'Digest' }, responseUrl: 'http://r' }));
    expect(payload).toMatchObject({
      container: { type: 'message', message_ts: '1.000001', channel_id: 'C0KPIS', is_ephemeral: false },
      channel: { id: 'C0KPIS' },
      message: { ts: '1.000001', text: 'Digest' },
      response_url: 'http://r',
      actions: [{ action_id: 'go', type: 'button' }],
    });
    expect(payload.message).not.toHaveProperty('channel');
  });

  it('builds block_suggestion with what the user typed', () => {
    expect(payloadOf(blockSuggestion({ actionId: 'a', blockId: 'b', value: 'rev', view: { id: 'V1' } }))).toMatchObject({
      type: 'block_suggestion',
      action_id: 'a',
      block_id: 'b',
      value: 'rev',
      container: { type: 'view', view_id: 'V1' },
    });
  });

  it('builds view_submission with the view state, hash and private_metadata as given', () => {
    const values = { value_block: { value: { type: 'plain_text_input', value: '42' } } };
    const payload = payloadOf(viewSubmission({ view: { id: 'V1', callback_id: 'log', private_metadata: '{"k":1}', hash: '1.abc', state: { values } }, triggerId: 't' }));
    expect(payload).toMatchObject({ type: 'view_submission', trigger_id: 't', response_urls: [], view: { id: 'V1', callback_id: 'log', private_metadata: '{"k":1}', hash: '1.abc', state: { values } } });
  });

  it('does not leak the simulator-only user_id into a view payload', () => {
    const payload = payloadOf(viewClosed({ view: { id: 'V1', user_id: 'U0SANDBOX' } }));
    expect(payload).toMatchObject({ type: 'view_closed', is_cleared: false });
    expect(payload.view).not.toHaveProperty('user_id');
  });

  it('builds a global shortcut with its callback_id and trigger_id', () => {
    expect(payloadOf(globalShortcut({ callbackId: 'log_kpi', triggerId: 't' }))).toMatchObject({ type: 'shortcut', callback_id: 'log_kpi', trigger_id: 't' });
  });

  it('wraps app_home_opened in an event_callback envelope with the bot authorization', () => {
    const envelope = JSON.parse(appHomeOpened({ user: 'U0ADMIN', now: NOW, eventId: 'Ev1' })) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: 'T0SANDBOX',
      api_app_id: 'A0KPIBOT',
      event_id: 'Ev1',
      event_time: NOW / 1000,
      event: { type: 'app_home_opened', user: 'U0ADMIN', channel: 'D0ADMIN', tab: 'home' },
      authorizations: [{ team_id: 'T0SANDBOX', user_id: 'U0KPIBOT', is_bot: true }],
    });
  });

  it('builds url_verification', () => {
    expect(JSON.parse(urlVerification('c-1'))).toMatchObject({ type: 'url_verification', challenge: 'c-1' });
  });
});
