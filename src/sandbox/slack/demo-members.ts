/**
 * Slack members for the Gtmhub simulator's demo people (src/sandbox/gtmhub/demo-catalog.ts,
 * `DEMO_PEOPLE`, whose emails are `first.last@example.com`), with every case owner matching must get
 * right: matching emails (one in other letter case), a mismatched email that needs a manual link, a
 * deactivated member, two members sharing one email, a bot carrying a person's email, Slackbot, and a
 * demo person with no Slack member at all (Tom O'Brien).
 *
 * Not part of `defaultUsers()`: the sandbox gives each default member a Gtmhub token user of the same
 * name, which would give these people a second Gtmhub user with the same email.
 */
import type { SimUser } from './types.js';

function person(id: string, name: string, realName: string, email: string | undefined, extra: Partial<SimUser> = {}): SimUser {
  return {
    id,
    name,
    real_name: realName,
    tz: 'Europe/Paris',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    locale: 'en-GB',
    is_admin: false,
    is_owner: false,
    ...(email !== undefined ? { email } : {}),
    ...extra,
  };
}

/** Slackbot as users.list shows it: not flagged `is_bot`, recognised by its fixed id. */
export const SLACKBOT: SimUser = person('USLACKBOT', 'slackbot', 'Slackbot', undefined);

export function demoSlackMembers(): SimUser[] {
  return [
    person('U0JANE', 'jane', 'Jane Doe', 'jane.doe@example.com'),
    // Slack keeps the letter case people typed: matching ignores it.
    person('U0AMELIE', 'amelie', 'Amélie Laurent', 'Amelie.Laurent@Example.com'),
    // Signed up to Slack with another address: only a manual link (/kpi link) finds her Gtmhub user.
    person('U0KENJI', 'kenji', 'Kenji Watanabe', 'kenji@example.org', { tz: 'Asia/Tokyo', tz_label: 'Japan Standard Time', tz_offset: 32400, locale: 'ja-JP' }),
    person('U0PRIYAN', 'priya.n', 'Priya Natarajan', 'priya.natarajan@example.com', { tz: 'Asia/Kolkata', tz_label: 'India Standard Time', tz_offset: 19800, locale: 'en-IN' }),
    // Left the company: deactivated members are never owners.
    person('U0LARS', 'lars', 'Lars Øberg', 'lars.oberg@example.com', { deleted: true }),
    person('U0CARLOS', 'carlos', 'Carlos Mendoza', 'carlos.mendoza@example.com', { tz: 'America/Mexico_City', tz_label: 'Central Standard Time', tz_offset: -21600, locale: 'es-MX' }),
    // Two accounts with one email: ambiguous, so neither is Fatima's Gtmhub user.
    person('U0FATIMA', 'fatima', 'Fatima Zahra', 'fatima.zahra@example.com'),
    person('U0FATIMA2', 'fatima.z', 'Fatima Zahra (guest)', 'fatima.zahra@example.com'),
    // An integration created with a person's address: bots are never owners.
    person('U0STANDUP', 'standup-bot', 'Standup bot', 'tom.obrien@example.com', { is_bot: true }),
    SLACKBOT,
  ];
}
