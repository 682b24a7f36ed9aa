import { describe, expect, it } from 'vitest';
import { ActionIds, BlockIds } from '../../../src/slack/ids.js';
import {
  parseActor,
  parseAppHomeOpened,
  parseClickedMessage,
  parseIdClick,
  parseLogModalView,
  parseOptionsQuery,
  parseSlashCommand,
  parseSubmission,
} from '../../../src/slack/payloads/requests.js';

describe('who acted', () => {
  it('is the user and their workspace', () => {
    expect(parseActor({ user: { id: 'U1' }, team: { id: 'T1' } })).toEqual({ ok: true, value: { teamId: 'T1', userId: 'U1' } });
  });

  it('takes the workspace from the user when Slack sends team: null (org-wide apps)', () => {
    expect(parseActor({ user: { id: 'U1', team_id: 'T2' }, team: null })).toEqual({ ok: true, value: { teamId: 'T2', userId: 'U1' } });
  });

  it.each([null, {}, { user: null, team: { id: 'T1' } }, { user: { id: '' }, team: { id: 'T1' } }, { user: { id: 'U1' } }, { user: 'U1', team: 'T1' }])(
    'is an error, not a throw, for %j',
    (body) => {
      expect(parseActor(body)).toMatchObject({ ok: false });
    },
  );
});

describe('a click on a button carrying an id', () => {
  it('is the actor and the id', () => {
    expect(parseIdClick({ user: { id: 'U1' }, team: { id: 'T1' } }, 'k1', 'Details')).toEqual({ ok: true, value: { teamId: 'T1', userId: 'U1', id: 'k1' } });
  });

  it('is an error without a user or without an id', () => {
    expect(parseIdClick({ team: { id: 'T1' } }, 'k1', 'Details')).toMatchObject({ ok: false });
    expect(parseIdClick({ user: { id: 'U1' }, team: { id: 'T1' } }, undefined, 'Details')).toMatchObject({ ok: false });
  });
});

describe('a view submission', () => {
  const body = (view: unknown) => ({ user: { id: 'U1' }, team: { id: 'T1' }, view });

  it('is the actor, the view id, its parsed state and its metadata', () => {
    const parsed = parseSubmission(body({ id: 'V1', private_metadata: '{"a":1}', state: { values: { b: { a: { value: 'x' } } } } }));
    expect(parsed.ok && parsed.value.view.id).toBe('V1');
    expect(parsed.ok && parsed.value.view.privateMetadata).toBe('{"a":1}');
    expect(parsed.ok && parsed.value.view.state.get('b')?.get('a')?.value).toBe('x');
  });

  it('is an error for a null state (a form Slack never sends, which used to throw in the listener)', () => {
    expect(parseSubmission(body({ id: 'V1', state: null }))).toMatchObject({ ok: false });
    expect(parseSubmission(body({ id: 'V1', state: { values: null } }))).toMatchObject({ ok: false });
  });

  it('is an error without a view or its id', () => {
    expect(parseSubmission(body(undefined))).toMatchObject({ ok: false });
    expect(parseSubmission(body({ state: { values: {} } }))).toMatchObject({ ok: false });
  });

  it('reads missing metadata as none', () => {
    const parsed = parseSubmission(body({ id: 'V1', state: { values: {} } }));
    expect(parsed.ok && parsed.value.view.privateMetadata).toBe('');
  });
});

describe('the log modal, when a KPI was picked in it', () => {
  const view = (extra: Record<string, unknown>) => ({ id: 'V1', hash: 'h1', private_metadata: '{"channelId":"C1"}', state: { values: {} }, blocks: [], ...extra });

  it('carries its id, hash and metadata', () => {
    expect(parseLogModalView(view({}))).toMatchObject({ ok: true, value: { id: 'V1', hash: 'h1', metadata: { channelId: 'C1' }, candidateIds: undefined } });
  });

  it('carries the candidates when the picker was a static select', () => {
    const picker = { type: 'input', block_id: BlockIds.kpiPicker, element: { type: 'static_select', action_id: ActionIds.kpiPicker, options: [{ value: 'k1' }, { value: 2 }, { value: 'k3' }] } };
    expect(parseLogModalView(view({ blocks: [picker] }))).toMatchObject({ ok: true, value: { candidateIds: ['k1', 'k3'] } });
  });

  it('keeps working with unreadable metadata and odd blocks', () => {
    expect(parseLogModalView(view({ private_metadata: '{x', blocks: 'nope', hash: 5 }))).toMatchObject({ ok: true, value: { metadata: {}, hash: '', candidateIds: undefined } });
  });

  it('is an error without a view', () => {
    expect(parseLogModalView(undefined)).toMatchObject({ ok: false });
  });
});

describe('what was typed into a typeahead', () => {
  it('is the value, and empty before anything is typed', () => {
    expect(parseOptionsQuery({ value: 'rev' })).toEqual({ ok: true, value: 'rev' });
    expect(parseOptionsQuery({})).toEqual({ ok: true, value: '' });
  });

  it('is an error when it is not text or longer than anyone types', () => {
    expect(parseOptionsQuery({ value: 5 })).toMatchObject({ ok: false });
    expect(parseOptionsQuery({ value: 'x'.repeat(501) })).toMatchObject({ ok: false });
    expect(parseOptionsQuery(null)).toMatchObject({ ok: false });
  });
});

describe('app_home_opened', () => {
  it('is who opened which tab, in which workspace', () => {
    expect(parseAppHomeOpened({ type: 'app_home_opened', user: 'U1', tab: 'home' }, { team_id: 'T1' })).toEqual({ ok: true, value: { teamId: 'T1', userId: 'U1', tab: 'home' } });
  });

  it('is an error without a user or a tab (Bolt answered 500 to these before)', () => {
    expect(parseAppHomeOpened({ type: 'app_home_opened', tab: 'home' }, { team_id: 'T1' })).toMatchObject({ ok: false, error: 'app_home_opened names no user' });
    expect(parseAppHomeOpened({ type: 'app_home_opened', user: 'U1' }, { team_id: 'T1' })).toMatchObject({ ok: false, error: 'app_home_opened names no tab' });
    expect(parseAppHomeOpened({ user: 'U1', tab: 'home' }, {})).toMatchObject({ ok: false });
  });
});

describe('a slash command', () => {
  const command = { user_id: 'U1', team_id: 'T1', channel_id: 'C1', trigger_id: 't', response_url: 'https://hooks.slack.com/x', text: 'log MRR 5' };

  it('is its text and where it came from', () => {
    expect(parseSlashCommand(command)).toEqual({ ok: true, value: { teamId: 'T1', userId: 'U1', channelId: 'C1', triggerId: 't', responseUrl: 'https://hooks.slack.com/x', text: 'log MRR 5' } });
  });

  it('reads a missing text as a bare /kpi', () => {
    expect(parseSlashCommand({ ...command, text: undefined })).toMatchObject({ ok: true, value: { text: '' } });
  });

  it('is an error without a user, or with text that is not text or too long', () => {
    expect(parseSlashCommand({ ...command, user_id: undefined })).toMatchObject({ ok: false });
    expect(parseSlashCommand({ ...command, text: ['log'] })).toMatchObject({ ok: false });
    expect(parseSlashCommand({ ...command, text: 'x'.repeat(4001) })).toMatchObject({ ok: false });
  });
});

describe('the message a button was clicked in', () => {
  it('is its text and blocks', () => {
    expect(parseClickedMessage({ message: { text: 'hi', blocks: [{ type: 'divider' }] } })).toEqual({ text: 'hi', blocks: [{ type: 'divider' }] });
  });

  it('is undefined when Slack left it out (ephemeral messages) or it has no blocks', () => {
    expect(parseClickedMessage({})).toBeUndefined();
    expect(parseClickedMessage({ message: { text: 'hi', blocks: 'x' } })).toBeUndefined();
  });
});
