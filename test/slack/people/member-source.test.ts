import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/log.js';
import { PeopleSourceRefusedError } from '../../../src/people/errors.js';
import { matchPeople } from '../../../src/people/matching.js';
import { readAllMembers, SlackMemberDirectory } from '../../../src/people/slack-members.js';
import { defaultUsers, demoSlackMembers, startSlackSimulator, type SimUser, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { parseMemberPage, slackMemberSource, USERS_LIST_PAGE_SIZE } from '../../../src/slack/people/member-source.js';

let sim: SlackSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function source(options: { users?: SimUser[]; scopes?: string[] } = {}) {
  sim = await startSlackSimulator({ users: options.users ?? [...defaultUsers(), ...demoSlackMembers()], ...(options.scopes ? { scopes: options.scopes } : {}) });
  const client = new WebClient(sim.botToken, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
  return slackMemberSource(client);
}

function crowd(count: number): SimUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `U${String(i).padStart(6, '0')}`,
    name: `person${i}`,
    real_name: `Person ${i}`,
    tz: 'UTC',
    tz_label: 'UTC',
    tz_offset: 0,
    locale: 'en-US',
    is_admin: false,
    is_owner: false,
    email: `person${i}@example.com`,
  }));
}

describe('slackMemberSource: users.list against the Slack simulator over loopback HTTP', () => {
  it('reads every member of a 450-member workspace in pages of 200, with cursors, each once', async () => {
    const members = await readAllMembers(await source({ users: crowd(450) }));
    expect(members).toHaveLength(450);
    expect(new Set(members.map((m) => m.id)).size).toBe(450);
    const calls = sim!.callsTo('users.list');
    expect(calls.map((c) => c.args.limit)).toEqual([String(USERS_LIST_PAGE_SIZE), String(USERS_LIST_PAGE_SIZE), String(USERS_LIST_PAGE_SIZE)]);
    expect(calls[0]!.args).not.toHaveProperty('cursor');
    expect(calls[1]!.args.cursor).toEqual(expect.any(String));
    expect(sim!.callsTo('users.lookupByEmail')).toEqual([]);
  });

  it('reads profile emails, zones, deactivated members, bots and Slackbot as the matching and check-ins need them', async () => {
    const members = new Map((await readAllMembers(await source())).map((m) => [m.id, m]));
    expect(members.get('U0AMELIE')).toEqual({ id: 'U0AMELIE', email: 'Amelie.Laurent@Example.com', deleted: false, bot: false, zone: 'Europe/Paris' });
    expect(members.get('U0PRIYAN')?.zone).toBe('Asia/Kolkata');
    expect(members.get('U0LARS')).toMatchObject({ deleted: true });
    expect(members.get('U0STANDUP')).toMatchObject({ bot: true });
    expect(members.get('USLACKBOT')).toMatchObject({ bot: false, email: undefined });
    expect(members.get('U0KPIBOT')).toMatchObject({ bot: true, email: undefined });
  });

  it('matches the demo members to the demo Gtmhub people by the rules, end to end through users.list', async () => {
    const members = await readAllMembers(await source());
    const gtmhub = [
      { id: 'g-jane', email: 'jane.doe@example.com', name: 'Jane Doe' },
      { id: 'g-amelie', email: 'amelie.laurent@example.com', name: 'Amélie Laurent' },
      { id: 'g-kenji', email: 'kenji.watanabe@example.com', name: 'Kenji Watanabe' },
      { id: 'g-lars', email: 'lars.oberg@example.com', name: 'Lars Øberg' },
      { id: 'g-fatima', email: 'fatima.zahra@example.com', name: 'Fatima Zahra' },
      { id: 'g-tom', email: 'tom.obrien@example.com', name: "Tom O'Brien" },
    ];
    const { byGtmhubId } = matchPeople({ gtmhubUsers: gtmhub, slackMembers: members, links: [] });
    expect(Object.fromEntries([...byGtmhubId].map(([id, m]) => [id, m.slackUserId]))).toEqual({ 'g-jane': 'U0JANE', 'g-amelie': 'U0AMELIE' });
  });

  it('sees no email on an install without users:read.email', async () => {
    const members = await readAllMembers(await source({ scopes: ['users:read'] }));
    expect(members.length).toBeGreaterThan(0);
    expect(members.filter((m) => m.email !== undefined)).toEqual([]);
  });

  it('turns a missing_scope into a refusal the directory logs once and treats as off', async () => {
    const members = await source({ scopes: ['chat:write'] });
    await expect(members.listMembers(undefined)).rejects.toBeInstanceOf(PeopleSourceRefusedError);
    const logger = createMemoryLogger();
    const directory = new SlackMemberDirectory({ source: members, logger });
    expect((await directory.refresh()).value.status).toBe('off');
    expect((await directory.refresh()).value.status).toBe('off');
    expect(logger.lines.filter((l) => l.includes('missing_scope'))).toHaveLength(1);
    expect(logger.lines.join('\n')).not.toContain('@');
  });

  it('passes other Slack failures on, for the directory to keep its previous list', async () => {
    const members = await source();
    sim!.failNext('users.list', { error: 'internal_error' });
    await expect(members.listMembers(undefined)).rejects.not.toBeInstanceOf(PeopleSourceRefusedError);
  });
});

describe('parseMemberPage', () => {
  it('skips members without an id and reads a missing or empty cursor as the end', () => {
    expect(parseMemberPage({ members: [{ name: 'no id' }, { id: 'U1', profile: { email: ' ' } }], response_metadata: { next_cursor: '' } })).toEqual({
      members: [{ id: 'U1', email: undefined, deleted: false, bot: false }],
      nextCursor: undefined,
    });
    expect(parseMemberPage(null)).toEqual({ members: [], nextCursor: undefined });
  });

  it('counts workflow bots as bots', () => {
    expect(parseMemberPage({ members: [{ id: 'U1', is_workflow_bot: true }] }).members[0]?.bot).toBe(true);
  });
});
