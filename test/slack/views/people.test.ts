import type { KnownBlock } from '@slack/types';
import { aKpi } from '../../kpis/kpi-fixtures.js';
import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../../src/gtmhub/types.js';
import type { KpiHistory } from '../../../src/kpis/recent-values.js';
import { matchPeople, type NoMatchReason } from '../../../src/people/matching.js';
import type { GtmhubUserAnswer, GtmhubUserLookup } from '../../../src/people/people.js';
import type { PeopleLink } from '../../../src/people/ports.js';
import { checkMessageBlocks, checkView } from '../../../src/sandbox/slack/index.js';
import { PeopleIds } from '../../../src/slack/ids.js';
import {
  linkModal,
  linkOutcomeText,
  lookupRefusal,
  MINE_MAX,
  mineMessage,
  unlinkModal,
  unlinkOutcomeText,
  whoamiMessage,
  whoamiText,
  type MineCard,
  type WhoamiModel,
} from '../../../src/slack/views/people.js';
import { gtmhubUser, link, member } from '../../people/fixtures.js';

const WEEK = '2026-W48';
const ASK_FOR_LINK = 'a KPI admin can link you by hand with /kpi link.';

function whoami(answer: GtmhubUserAnswer, overrides: Partial<WhoamiModel> = {}): WhoamiModel {
  return { userId: 'U0ME', answer, link: undefined, gtmhubUsers: 'loaded', slackMembers: 'loaded', owned: undefined, ...overrides };
}

const notFound = (reason: NoMatchReason | 'gtmhub_users_unknown'): GtmhubUserAnswer => ({ found: false, reason });

function kpi(id: string, fields: Partial<Kpi> = {}): Kpi {
  return aKpi(`KPI ${id}`, { id, ...fields });
}

function card(id: string, updated: boolean | undefined, fields: Partial<Kpi> = {}): MineCard {
  const history: KpiHistory = { kpiId: id, weeks: [{ period: WEEK, value: 7 }], latest: { period: WEEK, value: 7 } };
  return { kpi: kpi(id, fields), groupNames: new Map(), history, locale: 'en-US', updated };
}

const text = (value: unknown): string => JSON.stringify(value);
const contexts = (blocks: readonly KnownBlock[]): string[] =>
  blocks.filter((b) => b.type === 'context').map((b) => ('elements' in b ? b.elements.map((e) => ('text' in e ? e.text : '')).join(' ') : ''));

describe('whoamiText: a user kpibot knows', () => {
  it('names the Gtmhub user (name and id) and says the email matched, without the address', () => {
    const out = whoamiText(whoami({ found: true, gtmhubUserId: '5e8ed44a', matchedBy: 'email', name: 'Jane Doe' }));
    expect(out).toBe('You are the Gtmhub user *Jane Doe* (`5e8ed44a`): your Slack email is the email of that Gtmhub user.');
  });

  it('shows the id alone when Gtmhub gave no name', () => {
    expect(whoamiText(whoami({ found: true, gtmhubUserId: '5e8ed44a', matchedBy: 'email', name: undefined }))).toMatch(/^You are the Gtmhub user `5e8ed44a`: /);
  });

  it('escapes the Gtmhub name', () => {
    expect(whoamiText(whoami({ found: true, gtmhubUserId: 'g1', matchedBy: 'email', name: 'R&D <lead>' }))).toContain('*R&amp;D &lt;lead&gt;*');
  });

  it('says who linked the user by hand, and on which day', () => {
    const made: PeopleLink = { teamId: 'T1', slackUserId: 'U0ME', gtmhubUserId: 'g1', createdBy: 'U0ADMIN', createdAt: new Date(Date.UTC(2026, 0, 5, 23, 0)) };
    const out = whoamiText(whoami({ found: true, gtmhubUserId: 'g1', matchedBy: 'link', name: 'Jane' }, { link: made }));
    expect(out).toContain(': linked by hand by <@U0ADMIN> on 2026-01-05.');
  });

  it('says "linked by hand" when the link itself could not be read', () => {
    expect(whoamiText(whoami({ found: true, gtmhubUserId: 'g1', matchedBy: 'link', name: 'Jane' }))).toContain(': linked by hand.');
  });

  it('counts the KPIs the user owns and points to /kpi mine', () => {
    const answer: GtmhubUserAnswer = { found: true, gtmhubUserId: 'g1', matchedBy: 'email', name: 'Jane' };
    expect(whoamiText(whoami(answer, { owned: 0 }))).toMatch(/ You own no KPIs\.$/);
    expect(whoamiText(whoami(answer, { owned: 1 }))).toMatch(/ You own 1 KPI: \/kpi mine lists them\.$/);
    expect(whoamiText(whoami(answer, { owned: 12 }))).toMatch(/ You own 12 KPIs: \/kpi mine lists them\.$/);
    expect(whoamiText(whoami(answer, { owned: undefined }))).not.toContain('You own');
  });
});

describe('whoamiText: why kpibot does not know the user', () => {
  const PREFIX = 'kpibot does not know your Gtmhub user: ';
  const cases: Array<[string, GtmhubUserAnswer, Partial<WhoamiModel>, RegExp | string]> = [
    ['Gtmhub refuses its users', notFound('gtmhub_users_unknown'), { gtmhubUsers: 'forbidden' }, 'Gtmhub does not let kpibot list its users'],
    ['Gtmhub users still loading', notFound('gtmhub_users_unknown'), { gtmhubUsers: 'loading' }, 'it is still reading Gtmhub’s users. Try again in a minute.'],
    ['a bot or deactivated member', notFound('not_a_person'), {}, 'deactivated members and bots cannot be Gtmhub users: use your own, active Slack account.'],
    ['no email in Slack', notFound('no_email'), {}, 'users:read.email scope'],
    ['an email two members share', notFound('email_shared_in_slack'), {}, 'another Slack member has the same email as you'],
    ['an email two Gtmhub users share', notFound('email_shared_in_gtmhub'), {}, 'several Gtmhub users have your Slack email'],
    ['no Gtmhub user with the email', notFound('no_gtmhub_user'), {}, 'no Gtmhub user has your Slack email'],
    ['the Gtmhub user linked to someone else', notFound('taken_by_link'), {}, 'a KPI admin can change that with /kpi unlink and /kpi link.'],
    ['Slack members turned off', notFound('unknown_member'), { slackMembers: 'off' }, 'kpibot may not read Slack’s member list'],
    ['Slack members still loading', notFound('unknown_member'), { slackMembers: 'loading' }, 'it is still reading Slack’s members. Try again in a minute.'],
    ['a member who joined since the last read', notFound('unknown_member'), { slackMembers: 'loaded' }, 'does not include you yet: try again in a few minutes, or a KPI admin can link you'],
  ];

  it.each(cases)('%s: one sentence with the reason', (_name, answer, overrides, expected) => {
    const out = whoamiText(whoami(answer, overrides));
    expect(out.startsWith(PREFIX)).toBe(true);
    expect(out).toContain(expected as string);
    expect(out.endsWith('.')).toBe(true);
  });

  it('gives every reason its own sentence', () => {
    const all = cases.map(([, answer, overrides]) => whoamiText(whoami(answer, overrides)));
    expect(new Set(all).size).toBe(cases.length);
  });

  it.each([
    ['forbidden Gtmhub users', notFound('gtmhub_users_unknown'), { gtmhubUsers: 'forbidden' as const }],
    ['no email', notFound('no_email'), {}],
    ['an email shared in Slack', notFound('email_shared_in_slack'), {}],
    ['an email shared in Gtmhub', notFound('email_shared_in_gtmhub'), {}],
    ['no Gtmhub user', notFound('no_gtmhub_user'), {}],
    ['Slack members off', notFound('unknown_member'), { slackMembers: 'off' as const }],
  ])('%s: tells the user to ask a KPI admin for /kpi link', (_name, answer, overrides) => {
    expect(whoamiText(whoami(answer, overrides)).endsWith(ASK_FOR_LINK)).toBe(true);
  });

  it('whoamiMessage puts the sentence in one section and a fallback text without mrkdwn stars', () => {
    const message = whoamiMessage(whoami({ found: true, gtmhubUserId: 'g1', matchedBy: 'email', name: 'Jane Doe' }));
    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('*Jane Doe*') } }]);
    expect(message.text).toContain('Gtmhub user Jane Doe (');
    expect(message.text).not.toContain('*');
    expect(checkMessageBlocks(message.blocks)).toEqual([]);
  });
});

describe('people views never show an email address', () => {
  // Every kind of member, matched the way People.forTeam matches them, from people whose emails are known.
  const gtmhubUsers = [
    gtmhubUser('g-jane', 'jane.doe@example.com', 'Jane Doe'),
    gtmhubUser('g-kenji', 'kenji@example.com', 'Kenji Watanabe'),
    gtmhubUser('g-twin1', 'twins@example.com', 'Twin One'),
    gtmhubUser('g-twin2', 'twins@example.com', 'Twin Two'),
    gtmhubUser('g-taken', 'taken@example.com', 'Taken User'),
    gtmhubUser('g-linked', 'linked.person@example.net', 'Linked Person'),
  ];
  const slackMembers = [
    member('U0JANE', 'Jane.Doe@example.com'),
    member('U0NOBODY', 'nobody@example.org'),
    member('U0SHARE1', 'shared@example.org'),
    member('U0SHARE2', 'shared@example.org'),
    member('U0TWIN', 'twins@example.com'),
    member('U0TAKEN', 'taken@example.com'),
    member('U0OTHER', 'other.person@example.org'),
    member('U0LINKED', 'linked.elsewhere@example.org'),
    member('U0NOMAIL', undefined),
    member('U0BOT', 'bot@example.com', { bot: true }),
  ];
  const links = [link('U0LINKED', 'g-linked'), link('U0OTHER', 'g-taken')];
  const matches = matchPeople({ gtmhubUsers, slackMembers, links });
  const names = new Map(gtmhubUsers.map((u) => [u.id, u.name]));
  const answerOf = (slackUserId: string): GtmhubUserAnswer => {
    const match = matches.bySlackId.get(slackUserId);
    if (match) return { found: true, gtmhubUserId: match.gtmhubUserId, matchedBy: match.matchedBy, name: names.get(match.gtmhubUserId) };
    return { found: false, reason: matches.noMatch.get(slackUserId) ?? 'unknown_member' };
  };
  const emails = [...gtmhubUsers.map((u) => u.email), ...slackMembers.flatMap((m) => (m.email ? [m.email] : []))];
  const localParts = [...new Set(emails.map((e) => e.split('@')[0]!.toLowerCase()))];

  function expectNoEmail(output: unknown): void {
    const out = JSON.stringify(output).toLowerCase();
    expect(out).not.toContain('@example');
    for (const local of localParts) expect(out).not.toContain(`${local}@`);
  }

  it('the fixture covers a match by email, a match by link and every reason for no match', () => {
    const reasons = slackMembers.map((m) => {
      const answer = answerOf(m.id);
      return answer.found ? answer.matchedBy : answer.reason;
    });
    expect(new Set(reasons)).toEqual(new Set(['email', 'link', 'no_gtmhub_user', 'email_shared_in_slack', 'email_shared_in_gtmhub', 'taken_by_link', 'no_email', 'not_a_person']));
  });

  it('in /kpi whoami, whatever the answer and the directories’ state', () => {
    for (const m of [...slackMembers, member('U0UNKNOWN', 'unknown@example.org')]) {
      for (const gtmhubStatus of ['loaded', 'forbidden', 'loading'] as const) {
        for (const slackStatus of ['loaded', 'off', 'loading'] as const) {
          const answer = gtmhubStatus === 'loaded' ? answerOf(m.id) : notFound('gtmhub_users_unknown');
          const made = links.find((l) => l.slackUserId === m.id);
          expectNoEmail(whoamiMessage(whoami(answer, { userId: m.id, link: made, gtmhubUsers: gtmhubStatus, slackMembers: slackStatus, owned: 2 })));
        }
      }
    }
  });

  it('in the outcomes of /kpi link and /kpi unlink', () => {
    for (const l of links) {
      expectNoEmail(linkOutcomeText({ status: 'linked', link: l, replaced: 'g-jane' }, names.get(l.gtmhubUserId), true));
      expectNoEmail(linkOutcomeText({ status: 'unchanged', link: l }, names.get(l.gtmhubUserId), false));
      expectNoEmail(unlinkOutcomeText(l.slackUserId, l));
    }
  });
});

describe('mineMessage', () => {
  it('says so when the user owns no KPIs', () => {
    expect(mineMessage({ cards: [], total: 0, currentWeek: WEEK })).toEqual({
      text: 'You own no KPIs in Gtmhub.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'You own no KPIs in Gtmhub.' } }],
    });
  });

  it('marks each KPI ⚠ without a value this week or ✅ updated, and counts the missing ones', () => {
    const message = mineMessage({ cards: [card('a', false, { name: 'MRR' }), card('b', true, { name: 'Churn' })], total: 2, currentWeek: WEEK });
    expect(message.text).toBe(`Your KPIs · 2 KPIs · 1 not updated for ${WEEK}`);
    expect(contexts(message.blocks)).toEqual(expect.arrayContaining([`:warning: no value for ${WEEK} yet`, `:white_check_mark: updated for ${WEEK}`]));
    // Each mark follows its own card: ⚠ after MRR, ✅ after Churn.
    const all = text(message.blocks);
    expect(all.indexOf('*MRR*')).toBeLessThan(all.indexOf(':warning:'));
    expect(all.indexOf(':warning:')).toBeLessThan(all.indexOf('*Churn*'));
    expect(all.indexOf('*Churn*')).toBeLessThan(all.indexOf(':white_check_mark:'));
    expect(checkMessageBlocks(message.blocks)).toEqual([]);
  });

  it('says all are updated when none is missing', () => {
    expect(mineMessage({ cards: [card('a', true)], total: 1, currentWeek: WEEK }).text).toBe(`Your KPIs · 1 KPI · all updated for ${WEEK}`);
  });

  it('puts no mark and says values are unavailable when Gtmhub did not answer', () => {
    const message = mineMessage({ cards: [card('a', undefined), card('b', undefined)], total: 2, currentWeek: WEEK });
    expect(message.text).toBe('Your KPIs · 2 KPIs · values unavailable just now (Gtmhub did not answer)');
    expect(text(message)).not.toContain(':warning:');
    expect(text(message)).not.toContain(':white_check_mark:');
  });

  it('adds "…and N more" when the user owns more KPIs than the cards shown', () => {
    const message = mineMessage({ cards: [card('a', true), card('b', false)], total: 9, currentWeek: WEEK });
    expect(message.text).toBe(`Your KPIs · 9 KPIs · 1 not updated for ${WEEK}`);
    expect(contexts(message.blocks).at(-1)).toBe('…and 7 more: your Home tab in kpibot lists them too.');
  });

  it('has no "…and N more" when every KPI is shown', () => {
    expect(text(mineMessage({ cards: [card('a', true)], total: 1, currentWeek: WEEK }))).not.toContain('…and');
  });

  it('stays within a message’s 50 blocks with MINE_MAX cards', () => {
    const cards = Array.from({ length: MINE_MAX }, (_, i) => card(`k${i}`, i % 2 === 0));
    const message = mineMessage({ cards, total: 40, currentWeek: WEEK });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(checkMessageBlocks(message.blocks)).toEqual([]);
  });

  // BUG (reported, not fixed): a card takes 5 blocks with its mark (divider, card's 3, mark), not 4,
  // so MINE_MAX is chosen for 1 + MINE_MAX × 5 + 1 ≤ 50 blocks: the last card keeps its mark and
  // the "…and N more" line stays.
  it('keeps the last card’s mark and the "…and N more" line with MINE_MAX marked cards', () => {
    const cards = Array.from({ length: MINE_MAX }, (_, i) => card(`k${i}`, false));
    const message = mineMessage({ cards, total: 40, currentWeek: WEEK });
    const lines = contexts(message.blocks);
    expect(lines.filter((l) => l === `:warning: no value for ${WEEK} yet`)).toHaveLength(MINE_MAX);
    expect(lines.at(-1)).toBe(`…and ${40 - MINE_MAX} more: your Home tab in kpibot lists them too.`);
  });
});

describe('the /kpi link and /kpi unlink modals', () => {
  type Input = { type: string; block_id?: string; element?: { type: string; action_id?: string } };
  const inputs = (blocks: readonly unknown[]): Input[] => (blocks as Input[]).filter((b) => b.type === 'input');

  it('link: a people picker and a text field with the ids the handler reads', () => {
    const modal = linkModal();
    expect(modal.callback_id).toBe(PeopleIds.linkModal);
    expect(inputs(modal.blocks).map((b) => [b.block_id, b.element?.type, b.element?.action_id])).toEqual([
      [PeopleIds.person.block, 'users_select', PeopleIds.person.action],
      [PeopleIds.gtmhubUser.block, 'plain_text_input', PeopleIds.gtmhubUser.action],
    ]);
    expect(modal.submit?.text).toBe('Link');
    expect(checkView(modal)).toEqual([]);
  });

  it('unlink: a people picker only, with the same ids', () => {
    const modal = unlinkModal();
    expect(modal.callback_id).toBe(PeopleIds.unlinkModal);
    expect(inputs(modal.blocks).map((b) => [b.block_id, b.element?.type, b.element?.action_id])).toEqual([[PeopleIds.person.block, 'users_select', PeopleIds.person.action]]);
    expect(modal.submit?.text).toBe('Unlink');
    expect(checkView(modal)).toEqual([]);
  });
});

describe('lookupRefusal', () => {
  const reasons: Array<Extract<GtmhubUserLookup, { found: false }>['reason']> = ['empty', 'malformed', 'no_user_with_email', 'email_shared_in_gtmhub', 'no_user_with_id', 'emails_unknown'];

  it('gives each refusal its own sentence', () => {
    const texts = reasons.map((reason) => lookupRefusal({ found: false, reason }));
    expect(new Set(texts).size).toBe(reasons.length);
  });

  it.each([
    ['empty', 'Type their Gtmhub email or Gtmhub user id.'],
    ['malformed', 'a Slack @mention does not work here'],
    ['no_user_with_email', 'type their Gtmhub user id'],
    ['email_shared_in_gtmhub', 'type the Gtmhub user id of the right one'],
    ['no_user_with_id', 'check it in Gtmhub'],
    ['emails_unknown', 'type their Gtmhub user id instead'],
  ] as const)('%s: says what to type instead', (reason, expected) => {
    expect(lookupRefusal({ found: false, reason })).toContain(expected);
  });
});

describe('linkOutcomeText and unlinkOutcomeText', () => {
  const made: PeopleLink = { teamId: 'T1', slackUserId: 'U0JANE', gtmhubUserId: 'g-jane', createdBy: 'U0ADMIN', createdAt: new Date(0) };

  it('names whom it linked to which Gtmhub user', () => {
    expect(linkOutcomeText({ status: 'linked', link: made, replaced: undefined }, 'Jane Doe', true)).toBe(
      'Linked <@U0JANE> to the Gtmhub user *Jane Doe* (`g-jane`). KPIs they own now show them.',
    );
  });

  it('says which Gtmhub user the link replaced', () => {
    expect(linkOutcomeText({ status: 'linked', link: made, replaced: 'g-old' }, 'Jane Doe', true)).toContain('(`g-jane`) (instead of `g-old`).');
  });

  it('warns when the id could not be checked against Gtmhub’s users', () => {
    const out = linkOutcomeText({ status: 'linked', link: made, replaced: undefined }, undefined, false);
    expect(out).toContain('to the Gtmhub user `g-jane`.');
    expect(out).toContain('kpibot could not check this id');
  });

  it('says nothing changed for a link that was already there', () => {
    expect(linkOutcomeText({ status: 'unchanged', link: made }, 'Jane Doe', true)).toBe('<@U0JANE> was already linked to the Gtmhub user *Jane Doe* (`g-jane`): nothing changed.');
  });

  it('escapes the Gtmhub name', () => {
    expect(linkOutcomeText({ status: 'unchanged', link: made }, '<!channel> & co', true)).toContain('*&lt;!channel&gt; &amp; co*');
  });

  it('unlink: names the Gtmhub user it unlinked from, or says there was no link', () => {
    expect(unlinkOutcomeText('U0JANE', made)).toBe('Unlinked <@U0JANE> from the Gtmhub user `g-jane`: they are matched by email again.');
    expect(unlinkOutcomeText('U0JANE', undefined)).toBe('<@U0JANE> had no link made by hand: nothing changed.');
  });
});
