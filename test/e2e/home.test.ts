/**
 * The App Home tab end to end: published on app_home_opened (favorites, or a welcome), within
 * Slack's 100 blocks, republished after a toggle or a logged value, never holding up the event's
 * acknowledgement, and sharing Gtmhub reads between users.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimUser } from '../../src/sandbox/slack/index.js';
import { interactiveWithinTwoSeconds } from '../../src/gtmhub/retry.js';
import { ActionIds } from '../../src/slack/ids.js';
import { isoWeekOf, periodStart, previousPeriod } from '../../src/time/periods.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { groupId, kpiOnlyIn, nextReply } from './personal-helpers.js';

function slackUser(id: string, tz: string, tzOffset: number): SimUser {
  return { id, name: id.toLowerCase(), real_name: id, tz, tz_label: tz, tz_offset: tzOffset, locale: 'en-US', is_admin: false, is_owner: false };
}

const publishesFor = (h: Harness, user: string) => h.slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.ok);
const homeText = (h: Harness, user: string) => JSON.stringify(h.slack.views.home(user)?.blocks ?? []);

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`the Home tab ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
      await h.kpibot.deps.catalogue.get();
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(() => {
      h.gtmhub.faults.clear();
    });

    const favorite = (user: string, group: string) => h.kpibot.deps.favorites.toggle(h.slack.teamId, user, groupId(h, group));
    async function openHome(user: string): Promise<string> {
      const before = publishesFor(h, user).length;
      const res = await h.driver.appHomeOpened({ user });
      expect(res.status).toBe(200);
      await h.slack.waitFor(() => publishesFor(h, user).length > before, 10_000);
      return homeText(h, user);
    }

    it('welcomes a user without favorites and shows how to find, star and log KPIs', async () => {
      const home = await openHome('U0OWNER');
      expect(home).toContain('Welcome to kpibot');
      expect(home).toContain('☆ Favorite group');
      expect(home).toContain('/kpi log');
    });

    it('shows the favorite groups with their KPIs, latest values, trends and a Log value button each', async () => {
      const user = 'U0KOLKATA';
      await favorite(user, 'Finance');
      const kpi = kpiOnlyIn(h, 'Finance');
      const home = await openHome(user);
      expect(home).toContain('*Finance*');
      expect(home).toContain(kpi.name);
      expect(home).toMatch(/in \d{4}-W\d{2}/);
      expect(home).toContain(`{\\"v\\":1,\\"kpiId\\":\\"${kpi.id}\\"}`);
      expect(home).toContain('★ Unfavorite');
    });

    it('is published again after the user toggles a favorite', async () => {
      const user = 'U0SANDBOX';
      await openHome(user);
      expect(homeText(h, user)).not.toContain('*Support*');
      const before = publishesFor(h, user).length;
      const reply = await nextReply(h, () => h.driver.command('fav support', { userId: user }));
      expect(reply.text).toContain('is now one of your favorite groups');
      await h.slack.waitFor(() => publishesFor(h, user).length > before, 10_000);
      expect(homeText(h, user)).toContain('*Support*');
      expect(homeText(h, user)).toContain('★ Unfavorite');
    });

    it('is published again after the user logs a value', async () => {
      const user = 'U0SANDBOX';
      const kpi = kpiOnlyIn(h, 'Support');
      const before = publishesFor(h, user).length;
      const reply = await nextReply(h, () => h.driver.command(`log "${kpi.name}" 42`, { userId: user }));
      expect(reply.text).toContain('Recorded');
      await h.slack.waitFor(() => publishesFor(h, user).length > before, 10_000);
      expect(homeText(h, user)).toContain(kpi.name);
    });

    it('shows when each KPI was last updated: the latest snapshot’s date, in the user’s zone', async () => {
      const user = 'U0TOKYO';
      h.slack.addUser(slackUser(user, 'Asia/Tokyo', 32400));
      const group = h.gtmhub.state.addGroup('Audit');
      const kpi = h.gtmhub.state.addKpi({ name: 'Audit findings', groups: [group.id] });
      await h.kpibot.deps.catalogue.refresh();
      // Last week, recorded on its Monday at 02:00 in Tokyo: still Sunday in UTC.
      const week = previousPeriod(isoWeekOf(h.clock.now(), 'Asia/Tokyo'));
      const recorded = periodStart(week, 'Asia/Tokyo').plus({ hours: 2 });
      h.gtmhub.state.addSnapshot({ kpiId: kpi.id, group: week, timeZone: '+09:00', value: 3, dateCreated: recorded.toUTC().toISO()! });
      await h.kpibot.deps.favorites.toggle(h.slack.teamId, user, group.id);

      const home = await openHome(user);
      expect(home).toContain(`last update ${recorded.setLocale('en-US').toLocaleString(DateTime.DATE_MED)}`);
      expect(home).not.toContain(`last update ${recorded.toUTC().setLocale('en-US').toLocaleString(DateTime.DATE_MED)}`);
    });

    it('says so on top of the Home when a toggle there fails, instead of only logging it', async () => {
      const user = 'U0NOTICE';
      h.slack.addUser(slackUser(user, 'Europe/Paris', 3600));
      await favorite(user, 'Support');
      await openHome(user);
      const home = h.slack.views.home(user)!;
      const unfavorite = home.blocks.flatMap((b) => {
        const accessory = (b as { accessory?: { action_id?: string; value?: string } }).accessory;
        return accessory?.action_id === ActionIds.toggleFavorite ? [accessory] : [];
      })[0]!;
      const failing = vi.spyOn(h.kpibot.deps.favorites, 'set').mockRejectedValueOnce(new Error('the database is locked'));
      const before = publishesFor(h, user).length;
      await h.driver.action({ actions: [{ action_id: ActionIds.toggleFavorite, value: unfavorite.value! }], view: home, user });
      await h.slack.waitFor(() => publishesFor(h, user).length > before, 10_000);
      failing.mockRestore();
      const top = JSON.stringify(h.slack.views.home(user)!.blocks[0]);
      expect(top).toContain(':warning: Something went wrong while changing your favorite group');
      expect(homeText(h, user)).toContain('★ Unfavorite');
    });

    it('answers app_home_opened at once while Gtmhub hangs, and publishes when Gtmhub gives up', async () => {
      // A zone nobody else uses: its values are not cached yet, so the Home has to ask Gtmhub.
      const user = 'U0AUCKLAND';
      h.slack.addUser(slackUser(user, 'Pacific/Auckland', 46800));
      await favorite(user, 'Sales');
      h.gtmhub.faults.set('GET /v1/kpi-snapshots', { hang: true });

      await h.driver.appHomeOpened({ user });
      // Bolt acknowledges events before any listener runs, so the status proves nothing; what does:
      // the answer came back before the Home could be built (the snapshot read is still hanging).
      expect(publishesFor(h, user)).toHaveLength(0);
      await h.slack.waitFor(() => h.gtmhub.requests.some((r) => r.route === 'GET /v1/kpi-snapshots' && r.status === null), 10_000);
      expect(publishesFor(h, user)).toHaveLength(0);

      // Gtmhub still hangs; the read's deadline passes on kpibot's clock.
      await h.clock.runOut(interactiveWithinTwoSeconds.deadlineMs);
      await h.slack.waitFor(() => publishesFor(h, user).length > 0, 10_000);
      expect(homeText(h, user)).toContain('current value unavailable');
    });

    it('serves 20 users of one zone opening Home at once with one or two snapshot reads, not 20', async () => {
      const users = Array.from({ length: 20 }, (_, i) => `U0SAO${String(i).padStart(2, '0')}`);
      for (const user of users) {
        h.slack.addUser(slackUser(user, 'America/Sao_Paulo', -10800));
        await favorite(user, 'Marketing');
      }
      const before = h.gtmhub.requests.length;
      await Promise.all(users.map((user) => h.driver.appHomeOpened({ user })));
      await h.slack.waitFor(() => users.every((user) => publishesFor(h, user).length > 0), 15_000);
      const snapshotReads = h.gtmhub.requests.slice(before).filter((r) => r.route === 'GET /v1/kpi-snapshots');
      expect(snapshotReads.length).toBeGreaterThanOrEqual(1);
      expect(snapshotReads.length).toBeLessThanOrEqual(2);
      for (const user of users) expect(homeText(h, user)).toContain('*Marketing*');
    });

    // Last: it puts every demo KPI into 40 more groups.
    it('stays within 100 blocks with many favorite groups, and says what it left out', async () => {
      const user = 'U0MANY';
      h.slack.addUser(slackUser(user, 'Europe/Berlin', 3600));
      // 40 more groups, every demo KPI in each of them.
      const extra = Array.from({ length: 40 }, (_, i) => h.gtmhub.state.addGroup(`Region ${String(i).padStart(2, '0')}`));
      for (const kpi of [...h.gtmhub.state.kpis.values()]) h.gtmhub.state.kpis.set(kpi.id, { ...kpi, groups: [...kpi.groups, ...extra.map((g) => g.id)] });
      await h.kpibot.deps.catalogue.refresh();
      for (const group of extra) await h.kpibot.deps.favorites.toggle(h.slack.teamId, user, group.id);

      await openHome(user);
      const blocks = h.slack.views.home(user)!.blocks;
      expect(blocks.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(blocks)).toMatch(/…and \d+ more in \*Region 00\*/);
      expect(JSON.stringify(blocks)).toMatch(/…and \d+ more groups/);
    });
  });
}
