import { DateTime } from 'luxon';
import { resolveLocale } from '../../time/locale.js';
import { clip, context, escapeMrkdwn, header, section, sectionsOf } from './blocks.js';
import type { MessageView } from './messages.js';

const STATUS = {
  recorded: ':white_check_mark: recorded',
  failed: ':x: not recorded',
  unknown: ':grey_question: not confirmed by Gtmhub',
  pending: ':hourglass_flowing_sand: in progress',
} as const;

/** A value recorded from Slack as the history shows it (what the store keeps of a submission). */
export interface HistoryEntry {
  createdAt: Date;
  kpiName: string;
  period: string;
  rawInput: string;
  status: keyof typeof STATUS;
  /** Why it was not (or may not have been) recorded. */
  error: string | null;
}

/** The user's last submissions, newest first, each with its outcome and, when it failed, why. */
export function historyMessage(submissions: readonly HistoryEntry[], zone: string, locale: string): MessageView {
  if (submissions.length === 0) {
    const text = 'You have not recorded any KPI value from Slack yet. Try /kpi log, or /kpi help.';
    return { text, blocks: [section(text)] };
  }
  const loc = resolveLocale(locale);
  const lines = submissions.map((s) => {
    const when = DateTime.fromJSDate(s.createdAt, { zone }).setLocale(loc).toFormat('ccc d LLL, HH:mm');
    const why = s.error && s.status !== 'recorded' ? ` — ${escapeMrkdwn(clip(s.error, 200))}` : '';
    return `• ${when} · *${escapeMrkdwn(clip(s.kpiName, 80))}* · ${s.period} · \`${escapeMrkdwn(clip(s.rawInput, 40))}\` · ${STATUS[s.status]}${why}`;
  });
  return {
    text: `Your last ${submissions.length} KPI values`,
    // Several sections when the lines do not fit one section's 3,000 characters: none is cut off.
    blocks: [header(`Your last ${submissions.length} KPI values`), ...sectionsOf(lines), context(`Times in ${zone}.`)],
  };
}
