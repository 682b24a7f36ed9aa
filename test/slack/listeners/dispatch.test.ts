import { App, type AnyMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { Dispatcher } from '../../../src/slack/listeners/dispatch.js';
import { ListenerRoutes, recordingApp } from '../../../src/slack/listeners/routes.js';

/** A Bolt app that is never started: requests go straight to `processEvent`, as its receiver hands them (no auth.test: the token is given). */
function boltApp(): App {
  return new App({ signingSecret: 'secret', authorize: () => Promise.resolve({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'U0BOT' }) });
}

const click = (actionId: string) => ({
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1' },
  actions: [{ action_id: actionId, block_id: 'b', type: 'button', action_ts: '1' }],
  token: 't',
  trigger_id: 'x',
});

const viewRequest = (type: 'view_submission' | 'view_closed', callbackId: string) => ({
  type,
  team: { id: 'T1' },
  user: { id: 'U1' },
  view: { id: 'V1', callback_id: callbackId, type: 'modal', state: { values: {} } },
  token: 't',
});

async function send(app: App, body: object): Promise<void> {
  await app.processEvent({ body, ack: () => Promise.resolve() });
}

describe('actions, views, options and shortcuts reach their listeners through one Bolt listener per kind', () => {
  it('registers one Bolt listener for all the actions, and hands each click to the listener of its id only', async () => {
    const app = boltApp();
    const boltAction = vi.spyOn(app, 'action');
    const dispatcher = new Dispatcher();
    const recording = recordingApp(app, new ListenerRoutes(), dispatcher);
    const ran: string[] = [];
    for (const id of ['a', 'b', 'c']) recording.action(id, () => Promise.resolve(void ran.push(id)));
    recording.action(/^pick:\d+$/, ({ action }: AnyMiddlewareArgs & { action?: { action_id?: string } }) => Promise.resolve(void ran.push(`pattern ${action?.action_id}`)));
    expect(boltAction).not.toHaveBeenCalled();
    dispatcher.install(app);
    expect(boltAction).toHaveBeenCalledTimes(1);
    await send(app, click('b'));
    await send(app, click('pick:7'));
    await send(app, click('nobody'));
    expect(ran).toEqual(['b', 'pattern pick:7']);
  });

  it('runs every listener a request matches, as Bolt does', async () => {
    const app = boltApp();
    const dispatcher = new Dispatcher();
    const recording = recordingApp(app, new ListenerRoutes(), dispatcher);
    const ran: string[] = [];
    recording.action('a', () => Promise.resolve(void ran.push('exact')));
    recording.action({ action_id: /^a/, block_id: 'b' }, () => Promise.resolve(void ran.push('by block')));
    recording.action({ action_id: 'a', block_id: 'other' }, () => Promise.resolve(void ran.push('other block')));
    dispatcher.install(app);
    await send(app, click('a'));
    expect(ran.sort()).toEqual(['by block', 'exact']);
  });

  it('hands a view_submission to app.view(id) and a view_closed only to a listener that asks for it', async () => {
    const app = boltApp();
    const dispatcher = new Dispatcher();
    const recording = recordingApp(app, new ListenerRoutes(), dispatcher);
    const ran: string[] = [];
    recording.view('m', () => Promise.resolve(void ran.push('submitted m')));
    recording.view({ callback_id: 'm', type: 'view_closed' }, () => Promise.resolve(void ran.push('closed m')));
    dispatcher.install(app);
    await send(app, viewRequest('view_submission', 'm'));
    await send(app, viewRequest('view_closed', 'm'));
    await send(app, viewRequest('view_submission', 'other'));
    expect(ran).toEqual(['submitted m', 'closed m']);
  });

  it('leaves a registration with listener middleware to Bolt, as it was', async () => {
    const app = boltApp();
    const boltAction = vi.spyOn(app, 'action');
    const dispatcher = new Dispatcher();
    const recording = recordingApp(app, new ListenerRoutes(), dispatcher);
    const ran: string[] = [];
    recording.action(
      'a',
      async ({ next }) => {
        ran.push('middleware');
        await next();
      },
      () => Promise.resolve(void ran.push('listener')),
    );
    expect(boltAction).toHaveBeenCalledTimes(1);
    dispatcher.install(app);
    expect(boltAction).toHaveBeenCalledTimes(1);
    await send(app, click('a'));
    expect(ran).toEqual(['middleware', 'listener']);
  });

  it('hands typeahead requests, global and message shortcuts, and actions inside a modal to their listeners', async () => {
    const app = boltApp();
    const dispatcher = new Dispatcher();
    const recording = recordingApp(app, new ListenerRoutes(), dispatcher);
    const ran: string[] = [];
    recording.options('picker', async ({ ack }) => {
      ran.push('options picker');
      await ack({ options: [] });
    });
    recording.shortcut('log', async ({ ack, shortcut }) => {
      ran.push(`shortcut ${shortcut.type}`);
      await ack();
    });
    recording.action({ action_id: 'pick', callback_id: 'form' }, () => Promise.resolve(void ran.push('action in form')));
    dispatcher.install(app);
    const base = { team: { id: 'T1' }, user: { id: 'U1' }, token: 't' };
    await send(app, { ...base, type: 'block_suggestion', action_id: 'picker', block_id: 'b', value: 'ch', view: { id: 'V1', callback_id: 'form' } });
    await send(app, { ...base, type: 'shortcut', callback_id: 'log', trigger_id: 'x' });
    await send(app, { ...base, type: 'message_action', callback_id: 'log', trigger_id: 'x', channel: { id: 'C1' }, message: { ts: '1', text: 'hi' } });
    await send(app, { ...click('pick'), view: { id: 'V1', callback_id: 'form', type: 'modal', state: { values: {} } } });
    await send(app, { ...click('pick'), view: { id: 'V2', callback_id: 'another form', type: 'modal', state: { values: {} } } });
    expect(ran).toEqual(['options picker', 'shortcut shortcut', 'shortcut message_action', 'action in form']);
  });

  it('waits for every listener a request matches and reports a failure as Bolt does', async () => {
    const app = boltApp();
    const dispatcher = new Dispatcher();
    const recording = recordingApp(app, new ListenerRoutes(), dispatcher);
    const finished: string[] = [];
    recording.action('a', () => Promise.reject(new Error('the first listener failed')));
    recording.action(/^a$/, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished.push('second');
    });
    dispatcher.install(app);
    // Bolt's own handler would log the error before passing it on; this one only passes it on.
    app.error((error) => Promise.reject(error));
    await expect(send(app, click('a'))).rejects.toThrow('the first listener failed');
    expect(finished).toEqual(['second']);
  });
});
