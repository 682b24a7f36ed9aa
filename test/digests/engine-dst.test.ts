/**
 * A New York digest across the 2026-03-08 spring-forward, driven through `runDue` by a heartbeat
 * on an injected clock: it goes out at 09:00 local on both sides of the change.
 * Real store (both dialects), real Slack simulator over HTTP.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { describeOnEveryStore, digestMessages } from './engine-fixture.js';

/** The heartbeat's step here: coarse enough to be quick, fine enough to tell 08:00, 09:00 and 10:00 apart. */
const STEP_MS = 15 * 60_000;

describeOnEveryStore('a digest across a DST change', ({ world }) => {
  it('posts a Monday 09:00 America/New_York digest at 09:00 local the week before and the week after 2026-03-08', async () => {
    await world().subscribe({ zone: 'America/New_York', weekday: 1, time: '09:00' });
    const engine = world().engine();
    const end = Date.parse('2026-03-10T05:00:00.000Z');
    for (let ms = world().clock.ms; ms <= end; ms += STEP_MS) {
      world().clock.ms = ms;
      await engine.runDue();
    }

    const posts = digestMessages(world().slack, 'C0KPIS').map((m) => ({
      local: DateTime.fromSeconds(Number(m.ts), { zone: 'America/New_York' }).toFormat("ccc yyyy-MM-dd HH:mm ZZZZ"),
      period: m.metadata?.event_payload.period,
    }));
    expect(posts).toEqual([
      { local: 'Mon 2026-03-02 09:00 EST', period: '2026-W09' },
      { local: 'Mon 2026-03-09 09:00 EDT', period: '2026-W10' },
    ]);
  });
}, '2026-03-01T05:00:00.000Z'); // Sunday 2026-03-01, 00:00 EST
