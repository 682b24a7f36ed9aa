import type { SimChannel, SimUser } from './types.js';
import { SANDBOX_BOT_USER_ID, SANDBOX_USER_ID } from './defaults.js';

/**
 * The default sandbox workspace: a few people spread over time zones (one with a half-hour offset,
 * one deleted), an admin and an owner, and channels the bot is in and is not in — the cases kpibot
 * has to get right. Profile emails are `first.last@example.com`, the form the Gtmhub simulator gives
 * its users, so each person matches the Gtmhub user the sandbox gives them; the bot has none. `tz_offset` is the offset Slack reports today (seconds), fixed here on purpose.
 */
export function defaultUsers(): SimUser[] {
  return [
    { id: SANDBOX_USER_ID, name: 'sandbox.user', real_name: 'Sandra Box', tz: 'Europe/Berlin', tz_label: 'Central European Time', tz_offset: 3600, locale: 'en-GB', email: 'sandra.box@example.com', is_admin: false, is_owner: false },
    { id: 'U0ADMIN', name: 'ada.admin', real_name: 'Ada Admin', tz: 'America/New_York', tz_label: 'Eastern Standard Time', tz_offset: -18000, locale: 'en-US', email: 'ada.admin@example.com', is_admin: true, is_owner: false },
    { id: 'U0OWNER', name: 'otto.owner', real_name: 'Otto Owner', tz: 'Asia/Tokyo', tz_label: 'Japan Standard Time', tz_offset: 32400, locale: 'ja-JP', email: 'otto.owner@example.com', is_admin: true, is_owner: true },
    { id: 'U0KOLKATA', name: 'priya', real_name: 'Priya Raman', tz: 'Asia/Kolkata', tz_label: 'India Standard Time', tz_offset: 19800, locale: 'en-IN', email: 'priya.raman@example.com', is_admin: false, is_owner: false },
    { id: 'U0GONE', name: 'former.colleague', real_name: 'Former Colleague', tz: 'Europe/London', tz_label: 'Greenwich Mean Time', tz_offset: 0, locale: 'en-GB', email: 'former.colleague@example.com', is_admin: false, is_owner: false, deleted: true },
    { id: SANDBOX_BOT_USER_ID, name: 'kpibot', real_name: 'kpibot', tz: 'America/Los_Angeles', tz_label: 'Pacific Standard Time', tz_offset: -28800, locale: 'en-US', is_admin: false, is_owner: false, is_bot: true },
  ];
}

export function defaultChannels(): SimChannel[] {
  const everyone = [SANDBOX_USER_ID, 'U0ADMIN', 'U0OWNER', 'U0KOLKATA'];
  return [
    { id: 'C0GENERAL', name: 'general', is_private: false, is_archived: false, members: [...everyone, SANDBOX_BOT_USER_ID] },
    { id: 'C0KPIS', name: 'kpis', is_private: false, is_archived: false, members: [SANDBOX_USER_ID, 'U0ADMIN', SANDBOX_BOT_USER_ID] },
    { id: 'C0RANDOM', name: 'random', is_private: false, is_archived: false, members: everyone },
    { id: 'G0LEADERS', name: 'leadership', is_private: true, is_archived: false, members: ['U0ADMIN', 'U0OWNER', SANDBOX_BOT_USER_ID] },
    { id: 'G0SECRET', name: 'secret-project', is_private: true, is_archived: false, members: ['U0OWNER', SANDBOX_USER_ID] },
    { id: 'C0ARCHIVED', name: 'old-kpis', is_private: false, is_archived: true, members: [SANDBOX_USER_ID, SANDBOX_BOT_USER_ID] },
  ];
}
