/**
 * Acting as yourself end to end: /kpi connect checks a personal Gtmhub token with one read and stores
 * it encrypted; the user's values then go to Gtmhub with it; /kpi disconnect forgets it; without
 * KPIBOT_SECRET_KEY the command says what the operator must do. The token never leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockIds } from '../../src/slack/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { storeTargets } from '../helpers/stores.js';
import { connect, kpiOnlyIn, nextReply, SECRET_KEY } from './personal-helpers.js';

const USER = 'U0SANDBOX';
const GOOD_TOKEN = 'pt-good-4f1c9a7e-personal';
const BAD_TOKEN = 'pt-bad-0000-not-known-to-gtmhub';
const GTMHUB_USER = 'u-sandra';

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`connecting a personal Gtmhub token ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect, env: { KPIBOT_SECRET_KEY: SECRET_KEY } });
      h.gtmhub.addToken(GOOD_TOKEN, { userId: GTMHUB_USER, name: 'Sandra Box' });
    });
    afterAll(async () => {
      await h?.close();
    });

    const tokenRows = () => h.kpibot.store.db.selectFrom('user_tokens').selectAll().execute();

    it('opens the modal at once, with where Gtmhub issues tokens', async () => {
      const opened = h.slack.views.opened.length;
      const res = await h.driver.command('connect', { userId: 'U0ADMIN' });
      expect(res.status).toBe(200);
      await h.slack.waitFor(() => h.slack.views.opened.length > opened, 10_000);
      const modal = JSON.stringify(h.slack.views.opened.at(-1));
      expect(modal).toContain('Settings');
      expect(modal).toContain('API tokens');
      expect(modal).toContain(h.gtmhub.url.replace(/\/api$/, ''));
    });

    it('refuses a token Gtmhub does not accept, next to the field, and stores nothing', async () => {
      const res = await connect(h, 'U0KOLKATA', BAD_TOKEN);
      expect(res.json).toMatchObject({ response_action: 'errors', errors: { [BlockIds.gtmhubToken]: expect.stringContaining('does not accept this token') } });
      expect((await tokenRows()).filter((r) => r.user_id === 'U0KOLKATA')).toHaveLength(0);
      expect(res.body).not.toContain(BAD_TOKEN);
    });

    it('checks a good token with one read call and stores it encrypted, not as the token', async () => {
      const reads = h.gtmhub.requests.filter((r) => r.userId === GTMHUB_USER).length;
      const res = await connect(h, USER, GOOD_TOKEN);
      expect(res.json).toMatchObject({ response_action: 'update' });
      expect(res.body).not.toContain(GOOD_TOKEN);
      expect(h.gtmhub.requests.filter((r) => r.userId === GTMHUB_USER).slice(reads).map((r) => r.route)).toEqual(['GET /v2/kpis']);
      const [row] = (await tokenRows()).filter((r) => r.user_id === USER);
      expect(row?.encrypted_token).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain(GOOD_TOKEN);
    });

    it('records a connected user’s value in Gtmhub with their own token', async () => {
      const kpi = kpiOnlyIn(h, 'Sales');
      const reply = await nextReply(h, () => h.driver.command(`log "${kpi.name}" 321`, { userId: USER }));
      expect(reply.text).toContain('Recorded');
      const post = h.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots').at(-1)!;
      expect(post.userId).toBe(GTMHUB_USER);
    });

    it('records everyone else’s values with the workspace token', async () => {
      const kpi = kpiOnlyIn(h, 'Sales');
      await nextReply(h, () => h.driver.command(`log "${kpi.name}" 322`, { userId: 'U0ADMIN' }));
      const post = h.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots').at(-1)!;
      expect(post.userId).toBe('u-sandbox');
    });

    it('never shows the token in a log line, a Slack call or a reply', () => {
      for (const secret of [GOOD_TOKEN, BAD_TOKEN]) {
        expect(h.logs.filter((line) => line.includes(secret))).toEqual([]);
        expect(h.slack.calls.filter((call) => JSON.stringify(call).includes(secret))).toEqual([]);
        expect(h.slack.responses.filter((r) => JSON.stringify(r).includes(secret))).toEqual([]);
      }
    });

    it('forgets the token on /kpi disconnect and confirms in one sentence', async () => {
      const reply = await nextReply(h, () => h.driver.command('disconnect', { userId: USER }));
      expect(reply.text).toContain('Disconnected');
      expect((await tokenRows()).filter((r) => r.user_id === USER)).toHaveLength(0);
      const kpi = kpiOnlyIn(h, 'Sales');
      await nextReply(h, () => h.driver.command(`log "${kpi.name}" 323`, { userId: USER }));
      expect(h.gtmhub.requests.filter((r) => r.route === 'POST /v1/kpis/:id/snapshots').at(-1)!.userId).toBe('u-sandbox');
    });
  });

  describe.skipIf(target.skipReason !== undefined)(`/kpi connect without KPIBOT_SECRET_KEY ${target.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dialect: target.dialect });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('explains in one sentence that the operator must set KPIBOT_SECRET_KEY, and how to make one', async () => {
      const opened = h.slack.views.opened.length;
      const reply = await nextReply(h, () => h.driver.command('connect', { userId: USER }));
      expect(reply.text).toContain('KPIBOT_SECRET_KEY');
      expect(reply.text).toContain('openssl rand -base64 32');
      expect(h.slack.views.opened).toHaveLength(opened);
    });
  });
}
