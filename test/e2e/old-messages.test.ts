/**
 * Messages posted before a change keep working after it: a digest and a Home view rendered by the
 * code of 2026-12-03 (before buttons carried a format version) are kept as fixtures, and their
 * *Log value* buttons must still open the log form, preset to the KPI (and the digest's week).
 * The demo catalogue's KPI ids are deterministic, so the fixtures name KPIs the simulator has.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIds, CallbackIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/messages');
const USER = 'U0SANDBOX';

interface Button {
  action_id: string;
  value: string;
}

function logButtonsIn(file: string): Button[] {
  const found: Button[] = [];
  JSON.parse(readFileSync(path.join(fixtures, file), 'utf8'), (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && 'action_id' in value && 'value' in value && value.action_id === ActionIds.logValue && typeof value.value === 'string') {
      found.push({ action_id: value.action_id, value: value.value });
    }
    return value;
  });
  return found;
}

describe('messages posted by an earlier kpibot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function clickOpensLogForm(button: Button, where: { channel?: { id: string }; view?: { id: string; type: 'home'; callback_id?: string } }): Promise<string> {
    const opened = h.slack.views.opened.length;
    const res = await h.driver.action({ user: USER, actions: [{ action_id: button.action_id, value: button.value }], ...where });
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.views.opened.length > opened, 10_000);
    const id = h.slack.views.opened.at(-1)!.id;
    await h.slack.waitFor(() => h.slack.views.byId(id)?.callback_id === CallbackIds.logValueModal, 10_000);
    return JSON.stringify(h.slack.views.byId(id));
  }

  it('a digest’s Log value button (no format version) opens the log form for its KPI and week', async () => {
    const [button] = logButtonsIn('digest-2026-12-03.json');
    expect(button?.value).not.toContain('"v"');
    const { kpiId, period } = JSON.parse(button!.value) as { kpiId: string; period: string };
    const form = await clickOpensLogForm(button!, { channel: { id: 'C0GENERAL' } });
    expect(form).toContain(h.gtmhub.state.kpis.get(kpiId)!.name);
    expect(form).toContain(period);
  });

  it('a Home tab’s Log value buttons (no format version) open the log form', async () => {
    const buttons = logButtonsIn('home-2026-12-03.json');
    expect(buttons.length).toBeGreaterThan(0);
    const { kpiId } = JSON.parse(buttons[0]!.value) as { kpiId: string };
    const form = await clickOpensLogForm(buttons[0]!, { view: { id: 'V0HOME', type: 'home' } });
    expect(form).toContain(h.gtmhub.state.kpis.get(kpiId)!.name);
  });
});
