/**
 * The workbench's little language, one command per line. Parsing is pure; `workbench.ts` runs
 * what comes out. Blank lines and `#` comments do nothing, so scripts can explain themselves.
 */
import type { Fault, FaultTarget } from '../gtmhub/index.js';
import { matchRoute, ROUTE_KEYS } from '../gtmhub/routes.js';

export type WorkbenchCommand =
  | { kind: 'nothing' }
  | { kind: 'slash'; command: string; text: string }
  | { kind: 'click'; number: number; choice?: string }
  | { kind: 'click'; label: string }
  | { kind: 'type'; rest: string }
  | { kind: 'submit' }
  | { kind: 'close' }
  | { kind: 'suggest'; text: string }
  | { kind: 'home' }
  | { kind: 'as'; user: string }
  | { kind: 'users' }
  | { kind: 'in'; channel: string }
  | { kind: 'fault'; target: FaultTarget; fault: Fault }
  | { kind: 'clear-faults' }
  | { kind: 'list-faults' }
  | { kind: 'snapshot'; kpi: string; value: string }
  | { kind: 'calls'; count: number }
  | { kind: 'logs'; count: number }
  | { kind: 'expect'; text: string; absent: boolean }
  | { kind: 'checkin' }
  | { kind: 'due'; offsetMs: number }
  | { kind: 'step'; callbackId: string; inputs: Record<string, string> }
  | { kind: 'help' }
  | { kind: 'quit' };

export class WorkbenchUsageError extends Error {
  readonly code = 'workbench_usage' as const;
  constructor(message: string) {
    super(message);
    this.name = 'WorkbenchUsageError';
  }
}

export const WORKBENCH_HELP = `Commands (you act as one Slack user; kpibot answers as it would in Slack):
  /kpi <text>                  run the slash command, e.g. /kpi revenue, /kpi log, /kpi help
  click <n> [choice]           press button [n] of the last output (a choice for menus and selects)
  click <label>                press the first button of the last output with that label
  type <block> <value>         fill an input of the open modal (by label or block id); selects take
                               a choice's number, text or value; a typeahead asks kpibot and picks
  suggest <letters>            ask the open modal's typeahead and list its options
  submit | close               submit or close the open modal
  home                         open the Home tab
  as <user> | users            act as another member (id or name) | list the members
  in <channel>                 run commands in another channel (id or #name)
  gtmhub fault <route> <effect…>  make Gtmhub misbehave; effects: 500 (any status), hang, reset,
                               malformed, latency=<ms>, times=<n>, rate=<0..1>, retry-after=<s>
                               route: "GET /v1/kpi-snapshots", a path such as /v2/kpis, or *
  gtmhub clear | gtmhub faults clear every fault | list them
  gtmhub snapshot <kpi> <value>  write a value into Gtmhub as if from elsewhere (not through
                               Slack), for this week in your zone; <kpi>: its id or name
  calls [n]                    the last Slack Web API calls and Gtmhub requests
  logs [n]                     kpibot's last log lines
  checkin                      set up a check-in reminder here for every KPI and send its DM to you now
  due [+30m|+1h|+1d]           run the alert poll and all scheduled work due now (or that much
                               later: a snooze's re-send)
  expect <text> | expect no <text>   fail (in a script) unless the last output has / lacks <text>
  step <callback_id> name=value…   run a Workflow Builder step as Slack does (function_executed) and
                               print how it ended; quote values with spaces: kpi="Churn rate".
                               Steps: log_kpi_value kpi= value= [period=] [user=] [time_zone=],
                               get_kpi_value kpi= [period=], list_kpis_not_updated group= | owner=
  help | quit`;

const DEFAULT_LISTED = 10;

export function parseWorkbenchLine(line: string): WorkbenchCommand {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'nothing' };
  if (text.startsWith('/')) {
    const [command = ''] = text.split(/\s+/);
    return { kind: 'slash', command, text: text.slice(command.length).trim() };
  }
  const [word = '', ...args] = text.split(/\s+/);
  const rest = text.slice(word.length).trim();
  switch (word.toLowerCase()) {
    case 'click': {
      if (args.length === 0) throw new WorkbenchUsageError('Say which button: click <n>, with n as shown in [n], or click <label>.');
      const number = Number(args[0]);
      // A label (click Details) keeps scripts working when the buttons before it change.
      if (!/^\d+$/.test(args[0]!)) return { kind: 'click', label: rest };
      if (number < 1) throw new WorkbenchUsageError('Buttons are numbered from [1].');
      const choice = rest.slice(args[0]!.length).trim();
      return choice ? { kind: 'click', number, choice } : { kind: 'click', number };
    }
    case 'type':
      if (args.length === 0) throw new WorkbenchUsageError('Say which input and what to type: type <block> <value>.');
      return { kind: 'type', rest };
    case 'submit':
      return { kind: 'submit' };
    case 'close':
      return { kind: 'close' };
    case 'suggest':
      return { kind: 'suggest', text: rest };
    case 'home':
      return { kind: 'home' };
    case 'as':
      if (!rest) throw new WorkbenchUsageError('Say whom to act as: as <user id or name> (see users).');
      return { kind: 'as', user: rest };
    case 'users':
      return { kind: 'users' };
    case 'in':
      if (!rest) throw new WorkbenchUsageError('Say which channel: in <channel id or #name>.');
      return { kind: 'in', channel: rest };
    case 'gtmhub':
      return parseGtmhub(args);
    case 'calls':
      return { kind: 'calls', count: countArg(args[0]) };
    case 'logs':
      return { kind: 'logs', count: countArg(args[0], 20) };
    case 'expect': {
      const absent = args[0]?.toLowerCase() === 'no' && args.length > 1;
      const wanted = absent ? rest.slice(args[0]!.length).trim() : rest;
      if (!wanted) throw new WorkbenchUsageError('Say what the last output should contain: expect <text>.');
      return { kind: 'expect', text: wanted, absent };
    }
    case 'checkin':
      return { kind: 'checkin' };
    case 'due':
      return { kind: 'due', offsetMs: offsetArg(args[0]) };
    case 'step':
      return parseStep(rest);
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    default:
      throw new WorkbenchUsageError(`"${word}" is not a workbench command; type help for the list.`);
  }
}

/** `+30m`, `+1h`, `+1d` as milliseconds; nothing is now. */
function offsetArg(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const match = /^\+(\d+)([mhd])$/.exec(raw);
  if (!match) throw new WorkbenchUsageError(`"${raw}" is not a time from now: write +30m, +1h or +1d.`);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
}

/** One `name=value` input: the value bare, or in double or single quotes (which may hold spaces). */
const STEP_INPUT = /^([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|(\S*))(?:\s+|$)/;

/** `step <callback_id> name=value…`: the step's callback id and its inputs, as strings (Workflow Builder's form answers are). */
export function parseStep(rest: string): WorkbenchCommand {
  const [callbackId = ''] = rest.split(/\s+/);
  if (!/^[a-z][a-z0-9_]*$/i.test(callbackId)) throw new WorkbenchUsageError('Say which step and its inputs: step log_kpi_value kpi="Churn rate" value=2.5%.');
  const inputs: Record<string, string> = {};
  let remaining = rest.slice(callbackId.length).trim();
  while (remaining !== '') {
    const input = STEP_INPUT.exec(remaining);
    if (!input) throw new WorkbenchUsageError(`"${remaining.split(/\s+/)[0] ?? ''}" is not an input: write name=value, with quotes around a value that has spaces.`);
    inputs[input[1]!] = input[2] ?? input[3] ?? input[4] ?? '';
    remaining = remaining.slice(input[0].length);
  }
  return { kind: 'step', callbackId, inputs };
}

function countArg(raw: string | undefined, fallback = DEFAULT_LISTED): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new WorkbenchUsageError(`"${raw}" is not a count: give a whole number above 0.`);
  return n;
}

function parseGtmhub(args: string[]): WorkbenchCommand {
  const [sub = '', ...rest] = args;
  if (sub === 'clear') return { kind: 'clear-faults' };
  if (sub === 'faults' || sub === '') return { kind: 'list-faults' };
  if (sub === 'snapshot') {
    // The value is the last word, so that the KPI's name may have spaces (Churn rate 3.5%).
    if (rest.length < 2) throw new WorkbenchUsageError('Give a KPI and a value: gtmhub snapshot "Churn rate" 3.5%.');
    return { kind: 'snapshot', kpi: rest.slice(0, -1).join(' '), value: rest.at(-1)! };
  }
  if (sub !== 'fault') throw new WorkbenchUsageError('Use gtmhub fault <route> <effect…>, gtmhub snapshot <kpi> <value>, gtmhub clear or gtmhub faults.');
  // Effects are read from the end, so that the route may contain a space ("GET /v2/kpis").
  const fault: Fault = {};
  let end = rest.length;
  while (end > 0 && applyEffect(fault, rest[end - 1]!)) end--;
  const route = rest.slice(0, end).join(' ');
  if (!route || end === rest.length) {
    throw new WorkbenchUsageError('Give a route and at least one effect: gtmhub fault "GET /v2/kpis" 500 (or hang, latency=1500, …).');
  }
  return { kind: 'fault', target: resolveRoute(route), fault };
}

/** Reads one effect word into `fault`; false when the word is not an effect. */
function applyEffect(fault: Fault, word: string): boolean {
  const w = word.toLowerCase();
  if (/^[1-5]\d\d$/.test(w)) fault.status = Number(w);
  else if (w === 'hang') fault.hang = true;
  else if (w === 'reset') fault.reset = true;
  else if (w === 'malformed') fault.malformed = true;
  else if (/^latency=\d+$/.test(w)) fault.latencyMs = Number(w.slice('latency='.length));
  else if (/^times=\d+$/.test(w)) fault.times = Number(w.slice('times='.length));
  else if (/^rate=(0(\.\d+)?|1(\.0+)?)$/.test(w)) fault.rate = Number(w.slice('rate='.length));
  else if (/^retry-after=\d+$/.test(w)) fault.retryAfterSeconds = Number(w.slice('retry-after='.length));
  else return false;
  return true;
}

/**
 * A route key from what a developer types: `*`, a key (`GET /v1/kpi-snapshots`), a concrete
 * request (`PATCH /v1/kpis/5e8c…`), or a path alone when only one method serves it.
 */
export function resolveRoute(text: string): FaultTarget {
  const t = text.trim().replace(/^["']|["']$/g, '').replace(/^\/api(?=\/)/, '');
  if (t === '*') return '*';
  const withMethod = /^([a-z]+)\s+(\S+)$/i.exec(t);
  const tries = withMethod ? [[withMethod[1]!.toUpperCase(), withMethod[2]!] as const] : ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].map((m) => [m, t] as const);
  const keys = new Set<FaultTarget>();
  for (const [method, path] of tries) {
    const exact = ROUTE_KEYS.find((k) => k === `${method} ${path}`);
    if (exact) {
      keys.add(exact);
      continue;
    }
    try {
      keys.add(matchRoute(method, path).key);
    } catch {
      // not a route for this method
    }
  }
  if (keys.size === 1) return [...keys][0]!;
  if (keys.size > 1) throw new WorkbenchUsageError(`"${t}" is served by several routes; name one: ${[...keys].join(', ')}.`);
  throw new WorkbenchUsageError(`"${t}" is not a Gtmhub simulator route; routes: ${ROUTE_KEYS.join(', ')} (or * for all).`);
}
