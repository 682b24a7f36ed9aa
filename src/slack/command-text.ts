import { isWeekToken } from '../kpis/period-input.js';

/**
 * The grammar of `/kpi …`: turns the command's text into what the user asked for. Pure, so every
 * odd input (smart quotes from macOS, a KPI name with spaces, a trailing "last week") is a table test.
 */
export type KpiCommand =
  | { kind: 'help' }
  | { kind: 'find'; query: string }
  | { kind: 'show'; ref: string; weeks?: number }
  | { kind: 'log-modal' }
  | { kind: 'log'; kpiRef: string; valueText: string; periodText: string | undefined }
  | { kind: 'history' }
  | { kind: 'favorites' }
  | { kind: 'favorite-toggle'; group: string }
  | { kind: 'connect' }
  | { kind: 'disconnect' }
  | { kind: 'digest' }
  | { kind: 'digest-list' }
  | { kind: 'new-kpi' }
  | { kind: 'whoami' }
  | { kind: 'mine' }
  | { kind: 'link' }
  | { kind: 'unlink' }
  | { kind: 'insight'; insightId: string }
  | { kind: 'remind-optout'; off: boolean }
  | { kind: 'remind' }
  | { kind: 'remind-list' }
  | { kind: 'remind-me'; weekday: number; time: string }
  | { kind: 'alert'; personal: boolean }
  | { kind: 'alert-list' }
  | { kind: 'usage'; sentence: string };

const REMIND_USAGE =
  'Write /kpi remind to set up check-in reminders for this channel, /kpi remind list to see them, /kpi remind me monday 9:00 for your own, or /kpi remind off (on) to stop (resume) reminder DMs.';
const REMIND_ME_USAGE = 'Write it as /kpi remind me <weekday> <time>, e.g. /kpi remind me monday 9:00 (in your own Slack time zone).';
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `monday 9:00`, `Mon 09:30`, `fri 17:00` → ISO weekday and `HH:mm`. */
function parseRemindMe(text: string): KpiCommand {
  const match = /^([a-z]+)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text);
  if (!match) return { kind: 'usage', sentence: REMIND_ME_USAGE };
  const day = match[1]!.toLowerCase();
  const weekday = day.length >= 3 ? WEEKDAY_NAMES.findIndex((name) => name.startsWith(day)) + 1 : 0;
  let hour = Number(match[2]);
  const minute = Number(match[3] ?? '0');
  const half = match[4]?.toLowerCase();
  if (half !== undefined && (hour < 1 || hour > 12)) return { kind: 'usage', sentence: REMIND_ME_USAGE };
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (weekday === 0) return { kind: 'usage', sentence: `“${match[1]}” is not a day of the week: ${REMIND_ME_USAGE}` };
  if (hour > 23 || minute > 59) return { kind: 'usage', sentence: `${match[2]}:${match[3] ?? '00'} is not a time of day: ${REMIND_ME_USAGE}` };
  return { kind: 'remind-me', weekday, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

const LOG_USAGE = 'Write it as /kpi log <kpi> <value> [period], e.g. /kpi log MRR 12500 or /kpi log "Net Promoter Score" 42 last week.';

/**
 * Splits on spaces, keeping "quoted parts" together: double quotes (straight or curly) anywhere,
 * single quotes ('…' or ‘…’) only around whole words, so that an apostrophe (Women's revenue)
 * stays part of its word.
 */
export function tokenize(text: string): Array<{ text: string; quoted: boolean }> {
  const tokens: Array<{ text: string; quoted: boolean }> = [];
  const re = /["“”]([^"“”]*)["“”]?|['‘]([^'‘’]*)['’](?=\s|$)|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined) tokens.push({ text: quoted.trim(), quoted: true });
    else tokens.push({ text: m[3]!, quoted: false });
  }
  return tokens.filter((t) => t.text !== '');
}

/**
 * Slack sends the command's text escaped as it escapes all text: `&`, `<` and `>` arrive as
 * `&amp;`, `&lt;` and `&gt;` (https://api.slack.com/reference/surfaces/formatting#escaping), so
 * `/kpi R&D` must be read back as "R&D". `&amp;` goes last so that `&amp;lt;` stays "&lt;".
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function parseKpiCommand(text: string): KpiCommand {
  const trimmed = decodeSlackText(text).trim();
  if (trimmed === '') return { kind: 'help' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const sub = first.toLowerCase();
  const remainder = trimmed.slice(first.length).trim();
  switch (sub) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'find':
    case 'search':
      return remainder === '' ? { kind: 'usage', sentence: 'Tell me what to look for, e.g. /kpi find revenue.' } : { kind: 'find', query: unquote(remainder) };
    case 'show':
    case 'details':
      return remainder === '' ? { kind: 'usage', sentence: 'Tell me which KPI to show, e.g. /kpi show MRR.' } : parseShow(remainder);
    case 'history':
      return { kind: 'history' };
    case 'fav':
    case 'favs':
    case 'favorite':
    case 'favorites':
      return remainder === '' ? { kind: 'favorites' } : { kind: 'favorite-toggle', group: unquote(remainder) };
    case 'connect':
    case 'disconnect':
      // Only the bare word acts: `/kpi connect rate` still finds "Connect rate".
      if (remainder !== '') return { kind: 'find', query: unquote(trimmed) };
      return sub === 'connect' ? { kind: 'connect' } : { kind: 'disconnect' };
    case 'new':
      // Only a bare `/kpi new` creates: `/kpi new signups` still finds "New signups".
      return remainder === '' ? { kind: 'new-kpi' } : { kind: 'find', query: unquote(trimmed) };
    case 'whoami':
    case 'mine':
      // Only the bare word acts: `/kpi mine safety` still finds "Mine safety".
      return remainder === '' ? { kind: sub } : { kind: 'find', query: unquote(trimmed) };
    case 'link':
    case 'unlink':
      // The form has a people picker: `/kpi link @jane` arrives as the text "@jane", not a user id.
      return remainder === ''
        ? { kind: sub }
        : { kind: 'usage', sentence: `Write /kpi ${sub} on its own: its form lets you pick the person${sub === 'link' ? ' and type their Gtmhub email or id' : ''}.` };
    case 'remind':
      // Check-ins: `/kpi remind off` / `on` stop or resume every reminder DM to the person.
      if (remainder.toLowerCase() === 'off' || remainder.toLowerCase() === 'on') return { kind: 'remind-optout', off: remainder.toLowerCase() === 'off' };
      if (remainder === '') return { kind: 'remind' };
      if (remainder.toLowerCase() === 'list') return { kind: 'remind-list' };
      if (/^me(\s|$)/i.test(remainder)) return parseRemindMe(remainder.slice(2).trim());
      return { kind: 'usage', sentence: REMIND_USAGE };
    case 'insight':
      return remainder === ''
        ? { kind: 'usage', sentence: 'Tell me which insight, e.g. /kpi insight weekly-revenue.' }
        : { kind: 'insight', insightId: unquote(remainder) };
    case 'digest':
      if (remainder === '') return { kind: 'digest' };
      if (remainder.toLowerCase() === 'list') return { kind: 'digest-list' };
      return { kind: 'usage', sentence: 'Write /kpi digest to set up a weekly digest for this channel, or /kpi digest list to see its digests.' };
    case 'alert':
      // `/kpi alert` (this channel), `/kpi alert me` (a DM), `/kpi alert list`; any other words
      // still find a KPI (`/kpi alert fatigue`).
      if (remainder === '') return { kind: 'alert', personal: false };
      if (remainder.toLowerCase() === 'me') return { kind: 'alert', personal: true };
      if (remainder.toLowerCase() === 'list') return { kind: 'alert-list' };
      return { kind: 'find', query: unquote(trimmed) };
    case 'log':
      return rest.length === 0 ? { kind: 'log-modal' } : parseLog(remainder);
    default:
      return { kind: 'find', query: unquote(trimmed) };
  }
}

/** `<kpi> [<n>w]`: the chart's weeks as a last word like `26w` (a KPI named "Top 10w" can be quoted). */
function parseShow(text: string): KpiCommand {
  const match = /^(.*\S)\s+(\d{1,2})w$/i.exec(text);
  if (match && !/^["“”'‘].*["“”'’]$/s.test(text)) {
    const weeks = Number(match[2]);
    if (weeks < 4 || weeks > 52) return { kind: 'usage', sentence: `Charts show 4 to 52 weeks, e.g. /kpi show ${unquote(match[1]!)} 26w.` };
    return { kind: 'show', ref: unquote(match[1]!), weeks };
  }
  return { kind: 'show', ref: unquote(text) };
}

function unquote(text: string): string {
  return text.replace(/^["“”](.*)["“”]$/s, '$1').replace(/^['‘](.*)['’]$/s, '$1').trim();
}

/** `<kpi> <value> [period]` where the KPI may be quoted or several words, the period one or two words. */
function parseLog(text: string): KpiCommand {
  const tokens = tokenize(text);
  let periodText: string | undefined;
  const last = tokens.at(-1);
  const lastTwo = tokens.slice(-2).map((t) => t.text.toLowerCase()).join(' ');
  if (tokens.length >= 3 && (lastTwo === 'last week' || lastTwo === 'this week')) {
    periodText = lastTwo;
    tokens.splice(-2);
  } else if (tokens.length >= 3 && last && !last.quoted && isWeekToken(last.text)) {
    periodText = last.text;
    tokens.pop();
  }
  const value = tokens.pop();
  if (tokens.length === 0 || value === undefined) return { kind: 'usage', sentence: `I need a KPI and a value. ${LOG_USAGE}` };
  const kpiRef = tokens.map((t) => t.text).join(' ');
  return { kind: 'log', kpiRef, valueText: value.text, periodText };
}
