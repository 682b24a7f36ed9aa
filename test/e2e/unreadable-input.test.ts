/**
 * Requests kpibot cannot read — forged, fuzzed, or from an older version — are answered over real
 * HTTP with a 200 and a sentence (or nothing, for an event), never a 500 from a throwing listener.
 * The codecs themselves are unit-tested in test/slack/payloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds, BlockIds, CallbackIds } from '../../src/slack/ids.js';
import { UNREADABLE_REQUEST } from '../../src/slack/views/help.js';
import { BOLT_COULD_NOT_PROCESS } from '../../src/slack/receiver-errors.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const USER = 'U0SANDBOX';

/** An interaction payload as Slack posts it (form-encoded), signed by the driver, with whatever `fields` say. */
function sendInteraction(h: Harness, fields: Record<string, unknown>) {
  const payload = { team: { id: 'T0SANDBOX', domain: 'sandbox' }, user: { id: USER, team_id: 'T0SANDBOX' }, api_app_id: 'A0KPIBOT', ...fields };
  return h.driver.send(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}

describe('requests kpibot cannot read', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers an app_home_opened event without a user with a 200, publishes nothing and logs why', async () => {
    const publishes = h.slack.calls.filter((c) => c.method === 'views.publish').length;
    const res = await h.driver.event({ type: 'app_home_opened', tab: 'home', channel: 'D0SANDBOX' });
    expect(res.status).toBe(200);
    await h.kpibot.deps.background.drain(5_000);
    expect(h.slack.calls.filter((c) => c.method === 'views.publish')).toHaveLength(publishes);
    expect(h.logs.some((line) => line.includes('app_home_opened names no user'))).toBe(true);
  });

  it('answers an event whose user is null (Bolt itself cannot route it) with a 200, not a 500, and logs why', async () => {
    const res = await h.driver.event({ type: 'app_home_opened', user: null, tab: 'home' });
    expect(res.status).toBe(200);
    expect(h.logs.some((line) => line.includes(BOLT_COULD_NOT_PROCESS))).toBe(true);
  });

  it('answers a log form submitted with a null state with the sentence, recording nothing', async () => {
    const submissions = await h.kpibot.store.db.selectFrom('submissions').select('id').execute();
    const res = await sendInteraction(h, {
      type: 'view_submission',
      view: { id: 'V0FORGED', type: 'modal', callback_id: CallbackIds.logValueModal, private_metadata: '', state: null, hash: 'h' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(res.json)).toContain(UNREADABLE_REQUEST.slice(0, 40));
    expect(await h.kpibot.store.db.selectFrom('submissions').select('id').execute()).toHaveLength(submissions.length);
  });

  it('answers an oversized value next to its field', async () => {
    const res = await h.driver.submitView({
      user: USER,
      view: {
        callback_id: CallbackIds.logValueModal,
        state: { values: { [BlockIds.value]: { [ActionIds.valueInput]: { type: 'number_input', value: '9'.repeat(5000) } } } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [BlockIds.value]: expect.stringContaining('could not read') } });
  });

  it('answers a typeahead request whose value is not text with no options', async () => {
    const res = await sendInteraction(h, { type: 'block_suggestion', action_id: ActionIds.kpiPicker, block_id: BlockIds.kpiPicker, value: { nested: true } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ options: [] });
  });
});
