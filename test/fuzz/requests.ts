/**
 * fast-check arbitraries of requests as Slack would sign and send them, built from kpibot's own
 * buttons, forms and typeaheads (seeds.ts) with their ids, values, metadata and state mutated.
 * Every generated request is malformed on purpose: whatever it names, its values are of the wrong
 * type, oversized, or refer to nothing that exists, so none of them may write to Gtmhub.
 */
import fc from 'fast-check';
import type { ClickSeed, FormSeed } from './seeds.js';

export interface FuzzRequest {
  kind: 'click' | 'submit' | 'close' | 'suggestion' | 'command' | 'event' | 'shortcut';
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

const TEAM = { id: 'T0SANDBOX', domain: 'sandbox' };
const FORM = 'application/x-www-form-urlencoded' as const;
const JSON_TYPE = 'application/json' as const;

/** Anything at all, JSON-wise. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.constant('x'.repeat(6000)),
  fc.constant('{"kpiId":'),
);

/** Never a text Slack would send in a field: the wrong type, or longer than any field takes. */
const notText: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant('9'.repeat(6000)),
);

const user: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ id: 'U0SANDBOX', team_id: 'T0SANDBOX' }),
  fc.constant({ id: 'U0ADMIN', team_id: 'T0SANDBOX' }),
  junk,
  fc.record({ id: junk }),
);

function idLike(seed: string): fc.Arbitrary<string> {
  return fc.oneof(fc.constant(seed), fc.string({ maxLength: 6 }).map((s) => `${seed}_v${s}`), fc.string({ maxLength: 30 }));
}

function form(payload: Record<string, unknown>): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function clickRequest(seeds: readonly ClickSeed[], responseUrl: () => string): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...seeds).chain((seed) =>
    fc
      .record({ actionId: idLike(seed.actionId), blockId: fc.oneof(fc.constant(seed.blockId), fc.string({ maxLength: 10 })), value: junk, option: junk, metadata: junk, state: junk, user })
      .map(({ actionId, blockId, value, option, metadata, state, user: who }) => {
        const inView = seed.viewCallbackId !== undefined;
        const payload: Record<string, unknown> = {
          type: 'block_actions',
          team: TEAM,
          user: who,
          api_app_id: 'A0KPIBOT',
          trigger_id: '1.2.3',
          container: inView ? { type: 'view', view_id: 'V0FUZZ' } : { type: 'message', channel_id: 'C0GENERAL', message_ts: '1.0' },
          channel: inView ? undefined : { id: 'C0GENERAL', name: 'general' },
          actions: [{ action_id: actionId, block_id: blockId, type: seed.type, value, selected_option: option, action_ts: '1.0' }],
          ...(inView ? { view: { id: 'V0FUZZ', type: 'modal', callback_id: seed.viewCallbackId, private_metadata: metadata, state, hash: 'h' } } : { response_url: responseUrl() }),
        };
        return { kind: 'click' as const, body: form(payload), contentType: FORM };
      }),
  );
}

function corruptedState(seed: FormSeed): fc.Arbitrary<unknown> {
  const inputs = fc.tuple(...seed.inputs.map(() => fc.record({ value: notText, selected_option: notText, selected_options: notText, selected_conversation: notText, selected_users: notText })));
  return fc.oneof(
    inputs.map((values) => ({ values: Object.fromEntries(seed.inputs.map((input, i) => [input.blockId, { [input.actionId]: { type: input.type, ...values[i] } }])) })),
    junk,
    fc.constant({ values: null }),
  );
}

export function submitRequest(seeds: readonly FormSeed[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...seeds).chain((seed) =>
    fc
      .record({ callbackId: idLike(seed.callbackId), metadata: fc.oneof(fc.constant(seed.privateMetadata), junk), state: corruptedState(seed), user, closing: fc.boolean() })
      .map(({ callbackId, metadata, state, user: who, closing }) => {
        const payload = {
          type: closing ? 'view_closed' : 'view_submission',
          team: TEAM,
          user: who,
          api_app_id: 'A0KPIBOT',
          trigger_id: '1.2.3',
          view: { id: 'V0FUZZ', type: 'modal', callback_id: callbackId, private_metadata: metadata, state, hash: 'h' },
        };
        return { kind: closing ? ('close' as const) : ('submit' as const), body: form(payload), contentType: FORM };
      }),
  );
}

export function suggestionRequest(actionIds: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc.record({ actionId: fc.constantFrom(...actionIds).chain(idLike), value: junk, user, callbackId: junk }).map(({ actionId, value, user: who, callbackId }) => ({
    kind: 'suggestion' as const,
    body: form({ type: 'block_suggestion', team: TEAM, user: who, api_app_id: 'A0KPIBOT', action_id: actionId, block_id: 'b', value, view: { id: 'V0FUZZ', callback_id: callbackId } }),
    contentType: FORM,
  }));
}

export function commandRequest(responseUrl: () => string): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      command: fc.oneof(fc.constant('/kpi'), fc.string({ maxLength: 8 })),
      // Text kpibot cannot act on: not a subcommand followed by a value, or far too long.
      text: fc.oneof(fc.string({ maxLength: 40 }).map((s) => `zz${s}`), fc.constant('x'.repeat(6000)), fc.constant('log'), fc.constant('show')),
      userId: fc.oneof(fc.constant('U0SANDBOX'), fc.string({ maxLength: 12 })),
    })
    .map(({ command, text, userId }) => {
      const fields = { command, text, user_id: userId, team_id: 'T0SANDBOX', channel_id: 'C0GENERAL', response_url: responseUrl(), trigger_id: '1.2.3', api_app_id: 'A0KPIBOT' };
      return { kind: 'command' as const, body: new URLSearchParams(fields).toString(), contentType: FORM };
    });
}

export function eventRequest(): fc.Arbitrary<FuzzRequest> {
  const event = fc.oneof(
    fc.record({ type: fc.constant('app_home_opened'), user: junk, tab: junk, view: junk }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.string({ maxLength: 20 }), user: junk }),
    fc.constant(null),
    junk,
  );
  return fc.record({ event, teamId: fc.oneof(fc.constant('T0SANDBOX'), junk) }).map(({ event: inner, teamId }) => ({
    kind: 'event' as const,
    body: JSON.stringify({ type: 'event_callback', token: 't', team_id: teamId, api_app_id: 'A0KPIBOT', event: inner, event_id: 'Ev0FUZZ', event_time: 1 }),
    contentType: JSON_TYPE,
  }));
}

export function shortcutRequest(callbackIds: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc.record({ callbackId: fc.constantFrom(...callbackIds).chain(idLike), user, type: fc.constantFrom('shortcut', 'message_action') }).map(({ callbackId, user: who, type }) => ({
    kind: 'shortcut' as const,
    body: form({ type, team: TEAM, user: who, api_app_id: 'A0KPIBOT', callback_id: callbackId, trigger_id: '1.2.3' }),
    contentType: FORM,
  }));
}
