/**
 * Manual people links, one specification run on every available dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleLinksRepository } from '../../src/store/people-links-repository.js';
import { openTestStore, storeTargets, type TestStore } from '../helpers/stores.js';

const AT = new Date(Date.UTC(2026, 11, 3, 9, 0, 0));

for (const target of storeTargets()) {
  describe.skipIf(target.skipReason !== undefined)(`PeopleLinksRepository ${target.name}`, () => {
    let store: TestStore;
    let links: PeopleLinksRepository;

    beforeAll(async () => {
      store = await openTestStore(target.dialect);
      links = new PeopleLinksRepository(store.db, { now: () => AT });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('stores a link with who made it and when, and lists it for its workspace only', async () => {
      const outcome = await links.link({ teamId: 'T1', slackUserId: 'U1', gtmhubUserId: 'g1', createdBy: 'UADMIN' });
      expect(outcome).toEqual({ status: 'linked', replaced: undefined, link: { teamId: 'T1', slackUserId: 'U1', gtmhubUserId: 'g1', createdBy: 'UADMIN', createdAt: AT } });
      expect(await links.listLinks('T1')).toEqual([outcome.status === 'linked' ? outcome.link : undefined]);
      expect(await links.listLinks('T2')).toEqual([]);
    });

    it('says unchanged when the same link is made again', async () => {
      await links.link({ teamId: 'T1', slackUserId: 'U2', gtmhubUserId: 'g2', createdBy: 'UADMIN' });
      expect((await links.link({ teamId: 'T1', slackUserId: 'U2', gtmhubUserId: 'g2', createdBy: 'UOTHER' })).status).toBe('unchanged');
      expect((await links.linkOf('T1', 'U2'))?.createdBy).toBe('UADMIN');
    });

    it('replaces a member’s link with a new one, and says which it replaced', async () => {
      await links.link({ teamId: 'T1', slackUserId: 'U3', gtmhubUserId: 'g3', createdBy: 'UADMIN' });
      const outcome = await links.link({ teamId: 'T1', slackUserId: 'U3', gtmhubUserId: 'g3b', createdBy: 'UADMIN' });
      expect(outcome).toMatchObject({ status: 'linked', replaced: 'g3', link: { gtmhubUserId: 'g3b' } });
      expect((await links.listLinks('T1')).filter((l) => l.slackUserId === 'U3').map((l) => l.gtmhubUserId)).toEqual(['g3b']);
    });

    it('refuses to link a Gtmhub user already linked to another member, naming that member', async () => {
      await links.link({ teamId: 'T1', slackUserId: 'U4', gtmhubUserId: 'g4', createdBy: 'UADMIN' });
      const outcome = await links.link({ teamId: 'T1', slackUserId: 'U5', gtmhubUserId: 'g4', createdBy: 'UADMIN' });
      expect(outcome).toMatchObject({ status: 'gtmhub_user_taken', by: { slackUserId: 'U4' } });
      expect(await links.linkOf('T1', 'U5')).toBeUndefined();
    });

    it('allows the same Gtmhub user to be linked in another workspace', async () => {
      expect((await links.link({ teamId: 'T2', slackUserId: 'U9', gtmhubUserId: 'g4', createdBy: 'UADMIN' })).status).toBe('linked');
    });

    it('unlinks, giving back the removed link, and then has nothing to remove', async () => {
      await links.link({ teamId: 'T1', slackUserId: 'U6', gtmhubUserId: 'g6', createdBy: 'UADMIN' });
      expect(await links.unlink('T1', 'U6')).toMatchObject({ slackUserId: 'U6', gtmhubUserId: 'g6' });
      expect(await links.unlink('T1', 'U6')).toBeUndefined();
    });

    it('lets the database refuse a second link to one Gtmhub user, whoever writes it', async () => {
      await links.link({ teamId: 'T1', slackUserId: 'U7', gtmhubUserId: 'g7', createdBy: 'UADMIN' });
      const raw = store.db.withTables<{ people_links: { team_id: string; slack_user_id: string; gtmhub_user_id: string; created_by: string; created_at: string } }>();
      await expect(
        raw.insertInto('people_links').values({ team_id: 'T1', slack_user_id: 'U8', gtmhub_user_id: 'g7', created_by: 'X', created_at: AT.toISOString() }).execute(),
      ).rejects.toThrow();
    });

    it('settles two admins linking one Gtmhub user to two members at once: one wins, the other is told who', async () => {
      const [a, b] = await Promise.all([
        links.link({ teamId: 'T3', slackUserId: 'UA', gtmhubUserId: 'gx', createdBy: 'UADMIN' }),
        links.link({ teamId: 'T3', slackUserId: 'UB', gtmhubUserId: 'gx', createdBy: 'UADMIN2' }),
      ]);
      expect([a.status, b.status].sort()).toEqual(['gtmhub_user_taken', 'linked']);
      expect(await links.listLinks('T3')).toHaveLength(1);
    });
  });
}
