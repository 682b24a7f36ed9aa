/**
 * Two kpibot app instances — each its own composition root, PostgreSQL pool and scheduling engine —
 * against one PostgreSQL schema, one Gtmhub and one Slack: one check-in reminder over KPIs owned by
 * 200 people, set up through the form, sends each of them exactly one DM at their own 09:00 when
 * both replicas run the due work at once; a DM snoozed through one replica is re-sent once when both
 * run at the snooze's time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKpibot } from '../../src/kpibot.js';
import { startGtmhubSimulator, type GtmhubSimulator } from '../../src/sandbox/gtmhub/index.js';
import { createSlackDriver, defaultUsers, startSlackSimulator, type SimUser, type SlackSimulator } from '../../src/sandbox/slack/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startReplicas } from '../helpers/replicas.js';
import { HARNESS_START } from '../helpers/harness.js';
import { freshStorePlace, storeTargets, type StorePlace } from '../helpers/stores.js';
import { submitReminderForm } from './reminder-helpers.js';
import { CheckinIds } from '../../src/slack/ids.js';

const postgres = storeTargets().find((t) => t.dialect === 'postgres')!;
const PEOPLE = 200;
const KPIS = 20;
const SECRET = 'checkin-replicas-secret';
/** Half of them work from Berlin, half from Kolkata. */
const ZONES = ['Europe/Berlin', 'Asia/Kolkata'];

function person(i: number): SimUser {
  const n = String(i).padStart(3, '0');
  return { id: `U0P${n}`, name: `person.${n}`, real_name: `Person ${n}`, email: `person.${n}@example.com`, tz: ZONES[i % 2]!, tz_label: ZONES[i % 2]!, tz_offset: 0, locale: 'en-GB', is_admin: false, is_owner: false };
}

describe.skipIf(postgres.skipReason !== undefined)(`check-ins from two app instances sharing one database ${postgres.name}`, () => {
  let gtmhub: GtmhubSimulator;
  let slack: SlackSimulator;
  let place: StorePlace;
  let apps: RunningKpibot[] = [];
  const clock = new FakeClock(HARNESS_START);
  const people = Array.from({ length: PEOPLE }, (_, i) => person(i));
  let kpiIds: string[] = [];

  beforeAll(async () => {
    [gtmhub, slack] = await Promise.all([startGtmhubSimulator({ now: () => new Date(clock.now()) }), startSlackSimulator({ users: [...defaultUsers(), ...people] })]);
    // 20 KPIs with no values, each owned by 10 of the 200 people (matched to Slack by email).
    for (const p of people) gtmhub.state.addUser({ id: `g_${p.id}`, email: p.email!, firstName: 'Person', lastName: p.id });
    kpiIds = [...gtmhub.state.kpis.keys()].slice(0, KPIS);
    kpiIds.forEach((id, k) => {
      gtmhub.state.kpis.set(id, { ...gtmhub.state.kpis.get(id)!, ownerIds: people.filter((_, i) => i % KPIS === k).map((p) => `g_${p.id}`) });
      gtmhub.state.snapshots.delete(id);
    });
    place = await freshStorePlace('postgres');
    apps = await startReplicas({ gtmhub, slack, place, clock, signingSecret: SECRET });
    // Both replicas know the people (Gtmhub's users and Slack's members load in the background).
    const deadline = Date.now() + 20_000;
    for (const app of apps) {
      for (;;) {
        const view = await app.deps.people!.forTeam(slack.teamId);
        if (view.gtmhubUsers === 'loaded' && view.slackMembers === 'loaded') break;
        if (Date.now() > deadline) throw new Error('people did not load');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop({ drainMs: 5_000 })));
    await Promise.all([gtmhub?.close(), slack?.close()]);
    await place?.remove();
  });

  it('sends each of 200 owners one DM, once, when both replicas run the due reminder at once', async () => {
    const driver = createSlackDriver({ appUrl: `http://127.0.0.1:${apps[0]!.port}/slack/events`, signingSecret: SECRET, slack });
    const saved = await submitReminderForm(slack, driver, 'C0KPIS', 'U0SANDBOX', { include: 'kpis', kpiIds });
    expect(JSON.stringify(saved.json)).toContain(`the owners of ${KPIS} KPIs get a check-in DM every Monday at 09:00 in each owner’s own time zone, for this week. ${PEOPLE} people are reminded.`);

    // Monday 2026-11-30 09:00 UTC: past both 09:00s (Kolkata 03:30 UTC, Berlin 08:00 UTC).
    const at = new Date('2026-11-30T09:00:00Z');
    gtmhub.clearRequests();
    const summaries = await Promise.all(apps.map((app) => app.scheduler.engine.engine.runDue(at)));

    const dms = people.map((p) => slack.messages(p.id).filter((m) => m.metadata?.event_type === 'kpibot_checkin').length);
    expect(dms.filter((n) => n === 1)).toHaveLength(PEOPLE);
    expect(dms.reduce((a, b) => a + b, 0)).toBe(PEOPLE);
    expect(summaries.reduce((n, s) => n + (s.get('checkin')?.sent ?? 0), 0)).toBe(PEOPLE);
    // Batched: one snapshot read per (UTC offset, period) per replica and slot, never one per person.
    const snapshotReads = gtmhub.requests.filter((r) => r.route === 'GET /v1/kpi-snapshots' || r.route === 'GET /v1/kpis/snapshots');
    expect(snapshotReads.length).toBeGreaterThan(0);
    expect(snapshotReads.length).toBeLessThanOrEqual(4);
  });

  it('re-sends a snoozed DM once when both replicas run at the snooze’s time', async () => {
    await clock.set(Date.parse('2026-11-30T09:05:00Z'));
    const who = people[1]!;
    const dm = slack.messages(who.id).find((m) => m.metadata?.event_type === 'kpibot_checkin')!;
    const value = (dm.blocks ?? [])
      .flatMap((b) => (b as { elements?: { action_id?: string; value?: string }[] }).elements ?? [])
      .find((e) => e.action_id === CheckinIds.snoozeHour)?.value;
    expect(value).toBeDefined();
    // The click reaches the second replica; the snooze is stored in the shared database.
    const driver = createSlackDriver({ appUrl: `http://127.0.0.1:${apps[1]!.port}/slack/events`, signingSecret: SECRET, slack });
    const before = slack.responses.length;
    await driver.action({ user: who.id, actions: [{ action_id: CheckinIds.snoozeHour, type: 'button', value: value! }], message: dm });
    await slack.waitFor(() => slack.responses.slice(before).some((r) => JSON.stringify(r.body).includes('Snoozed')), 10_000);

    const at = new Date(Date.parse('2026-11-30T10:06:00Z'));
    await clock.set(at.getTime());
    await Promise.all(apps.map((app) => app.scheduler.engine.engine.runDue(at)));
    await Promise.all(apps.map((app) => app.scheduler.engine.engine.runDue(new Date(at.getTime() + 60_000))));
    const resent = slack.messages(who.id).filter((m) => m.metadata?.event_type === 'kpibot_checkin' && Number(m.ts) > Number(dm.ts));
    expect(resent).toHaveLength(1);
  });
});
