/**
 * Favorite KPI groups end to end: kept in kpibot's store, toggled by command or button, mirrored to
 * Gtmhub with the user's own token when they connected one, retried when Gtmhub fails.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { connect, favoritePuts, groupId, kpiOnlyIn, nextReply, SECRET_KEY } from './personal-helpers.js';

const CONNECTED = 'U0SANDBOX';
const CONNECTED_TOKEN = 'personal-token-of-sandra';
const GTMHUB_USER = 'u-sandra';
const NOT_CONNECTED = 'U0ADMIN';

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`favorite groups ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, env: { KPIBOT_SECRET_KEY: SECRET_KEY } });
      h.gtmhub.addToken(CONNECTED_TOKEN, { userId: GTMHUB_USER, name: 'Sandra Box' });
      expect((await connect(h, CONNECTED, CONNECTED_TOKEN)).json).toMatchObject({ response_action: 'update' });
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(() => {
      h.gtmhub.faults.clear();
    });

    const command = (text: string, user: string) => nextReply(h, () => h.driver.command(text, { userId: user }));

    it('keeps a favorite toggled by command in Slack only, and says how to connect, for a user without a token', async () => {
      const puts = favoritePuts(h).length;
      const reply = await command('fav sales', NOT_CONNECTED);
      expect(reply.text).toContain('is now one of your favorite groups');
      expect(reply.text).toContain('kept in Slack only');
      expect(reply.text).toContain('/kpi connect');
      expect(favoritePuts(h)).toHaveLength(puts);
      expect((await command('fav', NOT_CONNECTED)).text).toContain('*Sales*');
    });

    it('mirrors a toggle to Gtmhub with the user’s own token when they connected one', async () => {
      const id = groupId(h, 'Marketing');
      const reply = await command('fav MARK', CONNECTED);
      expect(reply.text).toContain('in Slack and in Gtmhub');
      const put = favoritePuts(h).at(-1)!;
      expect(put.body).toEqual({ groupId: id, favorite: true });
      expect(put.userId).toBe(GTMHUB_USER);
      expect(h.gtmhub.state.isFavorite(GTMHUB_USER, id)).toBe(true);
    });

    it('unfavorites on the second toggle, in Slack and in Gtmhub', async () => {
      const id = groupId(h, 'Support');
      await command('fav support', CONNECTED);
      const reply = await command('fav support', CONNECTED);
      expect(reply.text).toContain('is no longer one of your favorite groups');
      expect(h.gtmhub.state.isFavorite(GTMHUB_USER, id)).toBe(false);
      expect((await command('fav', CONNECTED)).text).not.toContain('*Support*');
    });

    it('names the closest groups when the words match none, and lists the candidates when they match several', async () => {
      expect((await command('fav Finanse', CONNECTED)).text).toContain('Did you mean *Finance*');
      h.gtmhub.state.addGroup('Sales Ops');
      await h.kpibot.deps.catalogue.refresh();
      expect((await command('fav sal', CONNECTED)).text).toMatch(/matches 2 groups: \*Sales( Ops)?\*, \*Sales( Ops)?\*/);
    });

    it('flips the favorite button in place and shows the real state on the next card', async () => {
      const kpi = kpiOnlyIn(h, 'Finance');
      const id = groupId(h, 'Finance');
      const details = await command(`show ${kpi.name}`, NOT_CONNECTED);
      expect(details.text).toContain('☆ Favorite group');
      const blocks = details.body.blocks as unknown[];

      const before = h.slack.responses.length;
      const res = await h.driver.action({
        actions: [{ action_id: ActionIds.toggleFavorite, value: id }],
        message: { ts: '1700000000.000100', blocks, text: String(details.body.text) },
        channel: { id: 'C0GENERAL' },
        user: NOT_CONNECTED,
      });
      expect(res.status).toBe(200);
      // Two posts: the message replaced in place, then a note that the favorite is kept in Slack only.
      await h.slack.waitFor(() => h.slack.responses.length >= before + 2, 10_000);
      const [replaced, note] = h.slack.responses.slice(before);
      expect(replaced!.body.replace_original).toBe(true);
      expect(JSON.stringify(replaced!.body.blocks)).toContain('★ Unfavorite group');
      expect(JSON.stringify(replaced!.body.blocks)).not.toContain('☆ Favorite group');
      expect(JSON.stringify(note!.body)).toContain('kept in Slack only');

      expect((await command(`show ${kpi.name}`, NOT_CONNECTED)).text).toContain('★ Unfavorite group');
    });

    it('ends favorited after two clicks on the same stale “☆ Favorite group” button', async () => {
      const kpi = kpiOnlyIn(h, 'Finance');
      const id = groupId(h, 'Finance');
      const details = await command(`show ${kpi.name}`, CONNECTED);
      expect(details.text).toContain('☆ Favorite group');
      const blocks = details.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value?: string }> }>;
      const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ActionIds.toggleFavorite)!;
      // Both clicks carry the button as it was first shown: the second lands before the message is replaced.
      const click = async () => {
        const before = h.slack.responses.length;
        await h.driver.action({
          actions: [{ action_id: ActionIds.toggleFavorite, value: button.value! }],
          message: { ts: '1700000000.000200', blocks, text: String(details.body.text) },
          channel: { id: 'C0GENERAL' },
          user: CONNECTED,
        });
        await h.slack.waitFor(() => h.slack.responses.length > before, 10_000);
      };
      await click();
      await click();
      expect(await h.kpibot.deps.favorites.groupIds(h.slack.teamId, CONNECTED)).toContain(id);
      expect(h.gtmhub.state.isFavorite(GTMHUB_USER, id)).toBe(true);
      expect(favoritePuts(h).at(-1)!.body).toEqual({ groupId: id, favorite: true });
    });

    it('toggles from an overflow option, whose value is the group id', async () => {
      const id = groupId(h, 'People');
      await h.driver.action({
        actions: [{ action_id: ActionIds.toggleFavorite, type: 'overflow', selected_option: { text: { type: 'plain_text', text: '☆ Favorite People' }, value: id } }],
        channel: { id: 'C0GENERAL' },
        user: CONNECTED,
      });
      await h.slack.waitFor(() => h.gtmhub.state.isFavorite(GTMHUB_USER, id), 10_000);
      expect((await command('fav', CONNECTED)).text).toContain('*People*');
    });

    it('ends in the state last asked for when two toggles race and the first PUT is slow', async () => {
      const id = groupId(h, 'Engineering');
      h.gtmhub.faults.set('PUT /v1/users/kpi-virtual-group/favorite', { latencyMs: 400, times: 1 });
      const toggle = () => h.kpibot.deps.favorites.toggle(h.slack.teamId, CONNECTED, id);
      const puts = favoritePuts(h).length;
      const firstToggle = toggle();
      // The first PUT (favorite: true) is on the wire and slow when the user toggles again.
      await h.slack.waitFor(() => favoritePuts(h).length > puts, 10_000);
      const second = await toggle();
      const first = await firstToggle;
      expect([first.favorite, second.favorite]).toEqual([true, false]);
      expect(second.mirror.kind).toBe('mirrored');
      expect(h.gtmhub.state.isFavorite(GTMHUB_USER, id)).toBe(false);
      expect(await h.kpibot.deps.favorites.groupIds(h.slack.teamId, CONNECTED)).not.toContain(id);
      expect(favoritePuts(h).at(-1)!.body).toEqual({ groupId: id, favorite: false });
    });

    it('keeps the Slack state when Gtmhub fails, says so, and mirrors it on a later retry', async () => {
      const id = groupId(h, 'Product');
      h.gtmhub.faults.set('PUT /v1/users/kpi-virtual-group/favorite', { status: 500, times: 1 });
      const reply = await command('fav product', CONNECTED);
      expect(reply.text).toContain('saved in Slack; Gtmhub will be updated when it answers');
      expect(await h.kpibot.deps.favorites.groupIds(h.slack.teamId, CONNECTED)).toContain(id);
      expect(h.gtmhub.state.isFavorite(GTMHUB_USER, id)).toBe(false);

      // Not due yet: nothing is sent again before the backoff has passed.
      const puts = favoritePuts(h).length;
      await h.kpibot.deps.favorites.retryDue();
      expect(favoritePuts(h)).toHaveLength(puts);

      await h.clock.advance(10 * 60_000);
      expect(await h.kpibot.deps.favorites.retryDue()).toBeGreaterThanOrEqual(1);
      expect(h.gtmhub.state.isFavorite(GTMHUB_USER, id)).toBe(true);
      expect(await h.kpibot.deps.favorites.retryDue()).toBe(0);
    });

    it('keeps the reason and stops retrying when Gtmhub refuses the user’s token', async () => {
      const id = groupId(h, 'Customer Success');
      h.gtmhub.faults.set('PUT /v1/users/kpi-virtual-group/favorite', { status: 401, times: 1 });
      const reply = await command('fav customer', CONNECTED);
      expect(reply.text).toContain('saved in Slack, but Gtmhub was not updated');
      expect(await h.kpibot.deps.favorites.groupIds(h.slack.teamId, CONNECTED)).toContain(id);
      await h.clock.advance(60 * 60_000);
      const puts = favoritePuts(h).length;
      await h.kpibot.deps.favorites.retryDue();
      expect(favoritePuts(h)).toHaveLength(puts);
    });
  });
}
