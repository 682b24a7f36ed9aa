import { describe, expect, it } from 'vitest';
import { matchPeople } from '../../src/people/matching.js';
import { gtmhubUser, link, member } from './fixtures.js';

const match = (input: Partial<Parameters<typeof matchPeople>[0]>) => matchPeople({ gtmhubUsers: [], slackMembers: [], links: [], ...input });

describe('matchPeople', () => {
  it('matches a Gtmhub user to the Slack member with the same email, ignoring case and spaces', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'Jane.Doe@Example.com')], slackMembers: [member('U1', ' jane.doe@example.COM ')] });
    expect(m.byGtmhubId.get('g1')).toEqual({ gtmhubUserId: 'g1', slackUserId: 'U1', matchedBy: 'email' });
    expect(m.bySlackId.get('U1')?.gtmhubUserId).toBe('g1');
  });

  it('matches nobody to a deactivated member, and says why', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'a@x.com')], slackMembers: [member('U1', 'a@x.com', { deleted: true })] });
    expect(m.byGtmhubId.size).toBe(0);
    expect(m.noMatch.get('U1')).toBe('not_a_person');
  });

  it('matches nobody to a bot or to Slackbot, even with the email of a Gtmhub user', () => {
    const m = match({
      gtmhubUsers: [gtmhubUser('g1', 'a@x.com'), gtmhubUser('g2', 'b@x.com')],
      slackMembers: [member('B1', 'a@x.com', { bot: true }), member('USLACKBOT', 'b@x.com')],
    });
    expect(m.byGtmhubId.size).toBe(0);
    expect(m.noMatch.get('B1')).toBe('not_a_person');
    expect(m.noMatch.get('USLACKBOT')).toBe('not_a_person');
  });

  it('does not let a deactivated account make its successor’s email ambiguous', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'a@x.com')], slackMembers: [member('UOLD', 'a@x.com', { deleted: true }), member('UNEW', 'A@x.com')] });
    expect(m.byGtmhubId.get('g1')?.slackUserId).toBe('UNEW');
  });

  it('matches nobody when two active Slack members share an email', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'a@x.com')], slackMembers: [member('U1', 'a@x.com'), member('U2', 'A@X.COM')] });
    expect(m.byGtmhubId.size).toBe(0);
    expect([m.noMatch.get('U1'), m.noMatch.get('U2')]).toEqual(['email_shared_in_slack', 'email_shared_in_slack']);
  });

  it('keeps an email shared in Slack ambiguous for the other member when one of the two is linked by hand', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'a@x.com')], slackMembers: [member('U1', 'a@x.com'), member('U2', 'a@x.com')], links: [link('U1', 'g9')] });
    expect(m.bySlackId.get('U1')?.gtmhubUserId).toBe('g9');
    expect(m.byGtmhubId.get('g1')).toBeUndefined();
    expect(m.noMatch.get('U2')).toBe('email_shared_in_slack');
  });

  it('matches nobody when two Gtmhub users share an email', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'a@x.com'), gtmhubUser('g2', 'a@X.com')], slackMembers: [member('U1', 'a@x.com')] });
    expect(m.bySlackId.size).toBe(0);
    expect(m.noMatch.get('U1')).toBe('email_shared_in_gtmhub');
  });

  it('says which members have no email and which have no Gtmhub user', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'a@x.com')], slackMembers: [member('U1', undefined), member('U2', 'b@x.com')] });
    expect(m.noMatch.get('U1')).toBe('no_email');
    expect(m.noMatch.get('U2')).toBe('no_gtmhub_user');
  });

  it('never matches on an empty email', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', '')], slackMembers: [member('U1', '  ')] });
    expect(m.byGtmhubId.size).toBe(0);
  });

  it('lets a manual link win over the email on both of its sides', () => {
    const m = match({
      gtmhubUsers: [gtmhubUser('g1', 'a@x.com'), gtmhubUser('g2', 'b@x.com')],
      // U1 has g1's email but is linked to g2; U2 has g2's email.
      slackMembers: [member('U1', 'a@x.com'), member('U2', 'b@x.com')],
      links: [link('U1', 'g2')],
    });
    expect(m.bySlackId.get('U1')).toEqual({ slackUserId: 'U1', gtmhubUserId: 'g2', matchedBy: 'link' });
    expect(m.byGtmhubId.get('g1')).toBeUndefined();
    expect(m.bySlackId.get('U2')).toBeUndefined();
    expect(m.noMatch.get('U2')).toBe('taken_by_link');
  });

  it('links a person whose emails differ, and one the directories do not know', () => {
    const m = match({ gtmhubUsers: [gtmhubUser('g1', 'kenji@corp.example')], slackMembers: [member('U1', 'kenji@example.org')], links: [link('U1', 'g1'), link('U9', 'g9')] });
    expect(m.byGtmhubId.get('g1')?.slackUserId).toBe('U1');
    expect(m.byGtmhubId.get('g9')).toEqual({ slackUserId: 'U9', gtmhubUserId: 'g9', matchedBy: 'link' });
  });

  it('ignores a link to a member Slack knows as deactivated or a bot', () => {
    const m = match({ slackMembers: [member('U1', 'a@x.com', { deleted: true }), member('B1', undefined, { bot: true })], links: [link('U1', 'g1'), link('B1', 'g2')] });
    expect(m.byGtmhubId.size).toBe(0);
  });
});
