import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/log.js';
import type { SlackDeps } from '../../../src/slack/deps.js';
import { ActionIds, CallbackIds, DigestIds, DigestInputIds, indexedActionId, KpiAdminIds, KpiFormInputIds, StepIds } from '../../../src/slack/ids.js';
import { registerListeners } from '../../../src/slack/listeners/index.js';
import { constraintMatches, ListenerRoutes, recordingApp } from '../../../src/slack/listeners/routes.js';
import { requestIdsOf } from '../../../src/slack/listeners/unmatched.js';

describe('constraintMatches, as Bolt matches', () => {
  it('takes a string as an exact id and a RegExp as a pattern', () => {
    expect(constraintMatches('a', { kind: 'action', id: 'a' })).toBe(true);
    expect(constraintMatches('a', { kind: 'action', id: 'ab' })).toBe(false);
    expect(constraintMatches(/^a(:\d+)?$/, { kind: 'action', id: 'a:2' })).toBe(true);
    expect(constraintMatches(/^a(:\d+)?$/, { kind: 'action', id: undefined })).toBe(false);
  });

  it('matches a view string only for view_submission, as app.view does; an object may ask for view_closed', () => {
    expect(constraintMatches('m', { kind: 'view', id: 'm', type: 'view_submission' })).toBe(true);
    expect(constraintMatches('m', { kind: 'view', id: 'm', type: 'view_closed' })).toBe(false);
    expect(constraintMatches({ callback_id: 'm', type: 'view_closed' }, { kind: 'view', id: 'm', type: 'view_closed' })).toBe(true);
  });

  it('takes an object view constraint without a type for both types, as Bolt does', () => {
    expect(constraintMatches({ callback_id: 'm' }, { kind: 'view', id: 'm', type: 'view_submission' })).toBe(true);
    expect(constraintMatches({ callback_id: 'm' }, { kind: 'view', id: 'm', type: 'view_closed' })).toBe(true);
  });

  it('compares an action’s or options request’s type constraint with the request’s own type, as Bolt does', () => {
    expect(constraintMatches({ action_id: 'a', type: 'block_actions' }, { kind: 'action', id: 'a', type: 'button', bodyType: 'block_actions' })).toBe(true);
    expect(constraintMatches({ action_id: 'a', type: 'button' }, { kind: 'action', id: 'a', type: 'button', bodyType: 'block_actions' })).toBe(false);
    expect(constraintMatches({ action_id: 'p', type: 'block_suggestion' }, { kind: 'options', id: 'p', bodyType: 'block_suggestion' })).toBe(true);
    expect(constraintMatches({ action_id: 'p', type: 'dialog_suggestion' }, { kind: 'options', id: 'p', bodyType: 'block_suggestion' })).toBe(false);
  });

  it('matches a /g pattern the same way every time (the unmatched check and the dispatcher both ask)', () => {
    const sticky = /^a/g;
    for (let i = 0; i < 3; i++) expect(constraintMatches(sticky, { kind: 'action', id: 'abc' })).toBe(true);
  });

  it('checks every field an object constraint names', () => {
    expect(constraintMatches({ action_id: 'a', block_id: 'b' }, { kind: 'action', id: 'a', blockId: 'b' })).toBe(true);
    expect(constraintMatches({ action_id: 'a', block_id: 'b' }, { kind: 'action', id: 'a', blockId: 'c' })).toBe(false);
  });
});

describe('requestIdsOf', () => {
  it('reads the ids of each kind of request, and nothing from what is not an object', () => {
    expect(requestIdsOf({ type: 'block_actions', actions: [{ action_id: 'x', block_id: 'b', type: 'button' }] })).toEqual({
      kind: 'action',
      id: 'x',
      blockId: 'b',
      callbackId: undefined,
      type: 'button',
      bodyType: 'block_actions',
    });
    expect(requestIdsOf({ type: 'block_actions', actions: 'nope' })).toMatchObject({ kind: 'action', id: undefined });
    expect(requestIdsOf({ type: 'view_closed', view: { callback_id: 'm' } })).toEqual({ kind: 'view', id: 'm', type: 'view_closed' });
    expect(requestIdsOf({ command: '/kpi' })).toEqual({ kind: 'command', id: '/kpi' });
    expect(requestIdsOf({ type: 'event_callback', event: null })).toEqual({ kind: 'event', id: undefined });
    expect(requestIdsOf({ type: 'event_callback', event: { type: 'function_executed', function: { callback_id: 'log_kpi_value' } } })).toEqual({ kind: 'event', id: 'function_executed', callbackId: 'log_kpi_value' });
    expect(requestIdsOf(null)).toBeUndefined();
    expect(requestIdsOf({ type: 'something_new' })).toBeUndefined();
  });
});

describe('the routes the listeners register', () => {
  // Registration only records closures: no listener runs, so the dependencies are never read.
  const app = new App({ token: 'xoxb-test', signingSecret: 'secret', deferInitialization: true });
  const deps = { logger: createMemoryLogger() } as unknown as SlackDeps;
  const routes: ListenerRoutes = registerListeners(app, deps);

  it('cover every id kpibot puts on a button, form, typeahead, shortcut or command (ids.ts and the listeners cannot drift)', () => {
    const buttons = [
      ActionIds.logValue,
      indexedActionId(ActionIds.logValue, 3),
      ActionIds.toggleFavorite,
      ActionIds.showDetails,
      ActionIds.kpiPicker,
      KpiAdminIds.editButton,
      KpiAdminIds.deleteButton,
      DigestIds.editButton,
      DigestIds.pauseButton,
      DigestIds.sendNowButton,
      DigestIds.removeButton,
    ];
    for (const id of buttons) expect(routes.handles({ kind: 'action', id, type: 'button' }), id).toBe(true);
    const forms = [CallbackIds.logValueModal, CallbackIds.connectModal, KpiAdminIds.formModal, DigestIds.modal];
    for (const id of forms) expect(routes.handles({ kind: 'view', id, type: 'view_submission' }), id).toBe(true);
    const typeaheads = [ActionIds.kpiPicker, DigestIds.kpiPicker, DigestIds.zonePicker, DigestInputIds.groups.action, KpiFormInputIds.groupIds.action];
    for (const id of typeaheads) expect(routes.handles({ kind: 'options', id }), id).toBe(true);
    expect(routes.handles({ kind: 'shortcut', id: CallbackIds.logValueShortcut, type: 'shortcut' })).toBe(true);
    expect(routes.handles({ kind: 'command', id: '/kpi' })).toBe(true);
    expect(routes.handles({ kind: 'event', id: 'app_home_opened' })).toBe(true);
    for (const step of Object.values(StepIds)) expect(routes.handles({ kind: 'event', id: 'function_executed', callbackId: step.callbackId }), step.callbackId).toBe(true);
  });

  it('count app.message and app.function listeners as the events they handle', () => {
    const own = new ListenerRoutes();
    const recording = recordingApp(new App({ token: 'xoxb-test', signingSecret: 'secret', deferInitialization: true }), own);
    recording.message('hello', async () => {});
    recording.function('log_kpi_value', async () => {});
    expect(own.handles({ kind: 'event', id: 'message' })).toBe(true);
    expect(own.handles({ kind: 'event', id: 'function_executed', callbackId: 'log_kpi_value' })).toBe(true);
    expect(own.handles({ kind: 'event', id: 'function_executed', callbackId: 'a_step_of_old' })).toBe(false);
    expect(own.handles({ kind: 'event', id: 'reaction_added' })).toBe(false);
  });

  it('leave what no listener takes to the middleware', () => {
    expect(routes.handles({ kind: 'action', id: 'kpi_log_value_v0' })).toBe(false);
    expect(routes.handles({ kind: 'view', id: CallbackIds.logValueModal, type: 'view_closed' })).toBe(false);
    expect(routes.handles({ kind: 'event', id: 'reaction_added' })).toBe(false);
  });
});
