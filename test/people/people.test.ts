import { describe, expect, it } from 'vitest';
import { GtmhubForbiddenError } from '../../src/gtmhub/errors.js';
import { createMemoryLogger } from '../../src/log.js';
import { PeopleSourceRefusedError } from '../../src/people/errors.js';
import { GtmhubUserDirectory } from '../../src/people/gtmhub-users.js';
import { People, ownerMappingOf } from '../../src/people/people.js';
import type { GtmhubPerson, PeopleLink, SlackMember } from '../../src/people/ports.js';
import { SlackMemberDirectory } from '../../src/people/slack-members.js';
import { gtmhubUser, link, member } from './fixtures.js';

const GTMHUB = [gtmhubUser('g-jane', 'Jane.Doe@example.com', 'Jane Doe'), gtmhubUser('g-kenji', 'kenji.watanabe@example.com', 'Kenji Watanabe'), gtmhubUser('g-tom', 'tom@example.com', 'Tom O’Brien')];
/** These tests read links only; a write would be a bug in the resolver. */
const refusingWrites = {
  linkOf: () => Promise.reject(new Error('the resolver read a single link')),
  link: () => Promise.reject(new Error('the resolver wrote a link')),
  unlink: () => Promise.reject(new Error('the resolver removed a link')),
};
const SLACK = [member('U0JANE', 'jane.doe@EXAMPLE.com'), member('U0KENJI', 'kenji@example.org'), member('U0GONE', 'tom@example.com', { deleted: true })];

interface Setup {
  gtmhub?: () => Promise<GtmhubPerson[]>;
  slack?: SlackMember[][] | (() => Promise<never>);
  links?: PeopleLink[];
  slackEnabled?: boolean;
}

async function people(setup: Setup = {}, { load = true } = {}) {
  const logger = createMemoryLogger();
  const gtmhubUsers = new GtmhubUserDirectory({ source: { listAllUsers: setup.gtmhub ?? (async () => GTMHUB) }, logger });
  const pages = setup.slack ?? [SLACK];
  const slackMembers = new SlackMemberDirectory({
    logger,
    enabled: setup.slackEnabled ?? true,
    source: {
      listMembers: async (cursor) => {
        if (typeof pages === 'function') return pages();
        const index = cursor === undefined ? 0 : Number(cursor);
        return { members: pages[index] ?? [], nextCursor: index + 1 < pages.length ? String(index + 1) : '' };
      },
    },
  });
  const linkReads: string[] = [];
  const links = setup.links ?? [];
  const resolver = new People({ gtmhubUsers, slackMembers, links: { ...refusingWrites, listLinks: async (teamId) => (linkReads.push(teamId), links.filter((l) => l.teamId === teamId)) } });
  if (load) await Promise.all([gtmhubUsers.refresh(), slackMembers.refresh()]);
  return { resolver, logger, linkReads, links };
}

describe('People: owners as Slack people', () => {
  it('answers a Gtmhub owner with the Slack member of the same email, and how it matched', async () => {
    const { resolver } = await people();
    const view = await resolver.forTeam('T1');
    expect(view.ownerOf('g-jane')).toEqual({ kind: 'slack', gtmhubUserId: 'g-jane', slackUserId: 'U0JANE', matchedBy: 'email', name: 'Jane Doe' });
  });

  it('answers the Gtmhub name when no Slack member matches (a mismatched email, a deactivated member)', async () => {
    const view = await (await people()).resolver.forTeam('T1');
    expect(view.ownerOf('g-kenji')).toEqual({ kind: 'gtmhub_name', gtmhubUserId: 'g-kenji', name: 'Kenji Watanabe' });
    expect(view.ownerOf('g-tom')).toEqual({ kind: 'gtmhub_name', gtmhubUserId: 'g-tom', name: 'Tom O’Brien' });
  });

  it('answers the raw id only for an id Gtmhub does not list', async () => {
    const view = await (await people()).resolver.forTeam('T1');
    expect(view.ownerOf('5f2b00000000000000000000')).toEqual({ kind: 'id', gtmhubUserId: '5f2b00000000000000000000' });
  });

  it('lets a link made in one workspace win there, and only there', async () => {
    const { resolver } = await people({ links: [link('U0KENJI', 'g-kenji', 'T1')] });
    expect((await resolver.forTeam('T1')).ownerOf('g-kenji')).toMatchObject({ kind: 'slack', slackUserId: 'U0KENJI', matchedBy: 'link' });
    expect((await resolver.forTeam('T2')).ownerOf('g-kenji')).toMatchObject({ kind: 'gtmhub_name' });
  });

  it('answers the reverse for /kpi whoami: the Gtmhub user and how, or why there is none', async () => {
    const view = await (await people({ links: [link('U0KENJI', 'g-kenji')] })).resolver.forTeam('T1');
    expect(view.gtmhubUserOf('U0JANE')).toEqual({ found: true, gtmhubUserId: 'g-jane', matchedBy: 'email', name: 'Jane Doe' });
    expect(view.gtmhubUserOf('U0KENJI')).toEqual({ found: true, gtmhubUserId: 'g-kenji', matchedBy: 'link', name: 'Kenji Watanabe' });
    expect(view.gtmhubUserOf('U0GONE')).toEqual({ found: false, reason: 'not_a_person' });
    expect(view.gtmhubUserOf('U0NOBODY')).toEqual({ found: false, reason: 'unknown_member' });
  });

  it('reads members from every page of the Slack source', async () => {
    const view = await (await people({ slack: [[member('U0A', 'x@example.com')], [member('U0JANE', 'jane.doe@example.com')]] })).resolver.forTeam('T1');
    expect(view.ownerOf('g-jane')).toMatchObject({ kind: 'slack', slackUserId: 'U0JANE' });
  });

  it('never waits for Gtmhub or Slack: before the first loads it answers ids, and starts the loads', async () => {
    let gtmhubCalls = 0;
    const { resolver } = await people({ gtmhub: () => (gtmhubCalls++, new Promise<never>(() => undefined)) }, { load: false });
    const view = await resolver.forTeam('T1');
    expect(view.ownerOf('g-jane')).toEqual({ kind: 'id', gtmhubUserId: 'g-jane' });
    expect(view.gtmhubUsers).toBe('loading');
    expect(view.gtmhubUserOf('U0JANE')).toEqual({ found: false, reason: 'gtmhub_users_unknown' });
    expect(gtmhubCalls).toBe(1);
  });

  it('warms up by starting both reads once, without waiting for them', async () => {
    let gtmhubCalls = 0;
    let slackCalls = 0;
    const { resolver } = await people({ gtmhub: () => (gtmhubCalls++, new Promise<never>(() => undefined)), slack: () => (slackCalls++, new Promise<never>(() => undefined)) }, { load: false });
    resolver.warmUp();
    resolver.warmUp();
    expect([gtmhubCalls, slackCalls]).toEqual([1, 1]);
  });

  it('falls back to links and ids when Gtmhub refuses the users list (403)', async () => {
    const forbidden = async (): Promise<never> => {
      throw new GtmhubForbiddenError({ method: 'GET', path: '/v2/users', status: 403 });
    };
    const { resolver } = await people({ gtmhub: forbidden, links: [link('U0KENJI', 'g-kenji')] });
    const view = await resolver.forTeam('T1');
    expect(view.gtmhubUsers).toBe('forbidden');
    expect(view.ownerOf('g-jane')).toEqual({ kind: 'id', gtmhubUserId: 'g-jane' });
    expect(view.ownerOf('g-kenji')).toMatchObject({ kind: 'slack', slackUserId: 'U0KENJI', matchedBy: 'link', name: undefined });
  });

  it('matches nobody by email when the Slack member list is off (the install lacks users:read.email), and never calls Slack', async () => {
    const { resolver } = await people({ slackEnabled: false, slack: async () => { throw new Error('must not be called'); } });
    const view = await resolver.forTeam('T1');
    expect(view.slackMembers).toBe('off');
    expect(view.ownerOf('g-jane')).toMatchObject({ kind: 'gtmhub_name', name: 'Jane Doe' });
  });

  it('logs a Slack refusal once and treats the member list as off', async () => {
    const refused = async (): Promise<never> => {
      throw new PeopleSourceRefusedError('Slack refused users.list (missing_scope): reinstall kpibot from manifest.yml');
    };
    const { resolver, logger } = await people({ slack: refused });
    expect((await resolver.forTeam('T1')).slackMembers).toBe('off');
    expect(logger.lines.filter((l) => l.includes('missing_scope'))).toHaveLength(1);
  });

  it('reads the links again after linksChanged, and otherwise reuses them', async () => {
    const { resolver, linkReads, links } = await people();
    await resolver.forTeam('T1');
    await resolver.forTeam('T1');
    expect(linkReads).toEqual(['T1']);
    links.push(link('U0KENJI', 'g-kenji'));
    resolver.linksChanged('T1');
    expect((await resolver.forTeam('T1')).ownerOf('g-kenji')).toMatchObject({ kind: 'slack', matchedBy: 'link' });
    expect(linkReads).toEqual(['T1', 'T1']);
  });

  it('gives the OwnerMapping the KPI form and digests take today', async () => {
    const mapping = ownerMappingOf(await (await people()).resolver.forTeam('T1'));
    expect(mapping.gtmhubIdOf('U0JANE')).toBe('g-jane');
    expect(mapping.slackIdOf('g-jane')).toBe('U0JANE');
    expect(mapping.slackIdOf('g-kenji')).toBeUndefined();
    expect(mapping.knowsSlackUsers).toBe(true);
  });

  it('never writes an email to the log, whatever happens', async () => {
    const { logger, resolver } = await people({ links: [link('U0KENJI', 'g-kenji')] });
    await resolver.forTeam('T1');
    const text = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const email of [...GTMHUB.map((u) => u.email), ...SLACK.map((m) => m.email!)]) expect(text.toLowerCase()).not.toContain(email.toLowerCase());
    expect(text).not.toMatch(/@example\./i);
  });

  describe('findGtmhubUser: what an admin types in /kpi link', () => {
    it('finds a Gtmhub user by email in any case, and by id', async () => {
      const { resolver } = await people();
      expect(resolver.findGtmhubUser('  JANE.doe@example.com ')).toEqual({ found: true, gtmhubUserId: 'g-jane', name: 'Jane Doe', checked: true });
      expect(resolver.findGtmhubUser('g-kenji')).toEqual({ found: true, gtmhubUserId: 'g-kenji', name: 'Kenji Watanabe', checked: true });
    });

    it('says why nothing was found: no such email, no such id, not an id, nothing typed', async () => {
      const { resolver } = await people();
      expect(resolver.findGtmhubUser('nobody@example.com')).toEqual({ found: false, reason: 'no_user_with_email' });
      expect(resolver.findGtmhubUser('5f2b00000000000000000000')).toEqual({ found: false, reason: 'no_user_with_id' });
      expect(resolver.findGtmhubUser('<@U0JANE>')).toEqual({ found: false, reason: 'malformed' });
      expect(resolver.findGtmhubUser('   ')).toEqual({ found: false, reason: 'empty' });
    });

    it('refuses an email two Gtmhub users share', async () => {
      const { resolver } = await people({ gtmhub: async () => [...GTMHUB, gtmhubUser('g-jane2', 'jane.doe@example.com', 'Jane Doe (old)')] });
      expect(resolver.findGtmhubUser('jane.doe@example.com')).toEqual({ found: false, reason: 'email_shared_in_gtmhub' });
    });

    it('takes an id unchecked, and no email, while Gtmhub’s users are unknown', async () => {
      const { resolver } = await people({}, { load: false });
      expect(resolver.findGtmhubUser('g-anyone')).toEqual({ found: true, gtmhubUserId: 'g-anyone', name: undefined, checked: false });
      expect(resolver.findGtmhubUser('jane.doe@example.com')).toEqual({ found: false, reason: 'emails_unknown' });
    });
  });
});
