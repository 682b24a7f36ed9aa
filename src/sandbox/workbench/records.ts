/**
 * How the workbench shows records (people, Web API calls, Gtmhub requests, log lines) as text.
 * Pure, apart from reading the sandbox's records it is given.
 */
import type { SimUser } from '../slack/index.js';
import type { Sandbox } from './environment.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A typed record (a simulator view) as the plain JSON object the renderers read. */
export function jsonOf(value: object): Json {
  return Object.fromEntries(Object.entries(value));
}

export function describeUser(u: SimUser): string {
  const roles = [u.is_owner ? 'owner' : u.is_admin ? 'admin' : '', u.is_bot ? 'bot' : '', u.deleted ? 'deactivated' : ''].filter(Boolean);
  return `${u.id} ${u.name} (${u.real_name}, ${u.tz}, ${u.locale}${roles.length ? `, ${roles.join(', ')}` : ''})`;
}

/** What an input now holds, as `type` echoes it: the chosen options' texts, or the typed value. */
export function describeTyped(state: Json): string {
  const option = (o: unknown): string => (isObject(o) && isObject(o.text) ? String(o.text.text) : '');
  if (isObject(state.selected_option)) return option(state.selected_option);
  if (Array.isArray(state.selected_options)) return state.selected_options.map(option).join(', ');
  const value = Object.entries(state).find(([k]) => k !== 'type')?.[1];
  return value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
}

/** The Web API's JSON-valued arguments arrive as strings when WebClient sends a form. */
export function decodeArgs(args: Record<string, unknown>): Json {
  const out: Json = { ...args };
  for (const key of ['blocks', 'view', 'attachments', 'metadata']) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    try {
      out[key] = JSON.parse(value);
    } catch {
      // shown as it came
    }
  }
  return out;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** A JSON log line as `12:00:01.234 warn message {context}`. */
export function compactLogLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (!isObject(entry)) return line;
  const { time, level, msg, ...rest } = entry;
  const context = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${String(time).slice(11, 23)} ${String(level)} ${String(msg)}${context}`;
}

/** `calls [n]`: the last Slack Web API calls and Gtmhub requests, one line each. */
export function listCalls(sandbox: Pick<Sandbox, 'slack' | 'gtmhub'>, count: number): string[] {
  const { slack, gtmhub } = sandbox;
  const out = [`Slack Web API calls (last ${count} of ${slack.calls.length}):`];
  for (const c of slack.calls.slice(-count)) {
    const args = decodeArgs(c.args);
    const keys = ['channel', 'user', 'user_id', 'view_id', 'trigger_id'].filter((k) => args[k] !== undefined).map((k) => `${k}=${String(args[k]).slice(0, 24)}`);
    const callback = isObject(args.view) && args.view.callback_id ? [`callback_id=${String(args.view.callback_id)}`] : [];
    out.push(`  ${clock(c.time)} ${c.method} ${c.ok ? 'ok' : `error=${c.error}`} ${[...keys, ...callback].join(' ')}`.trimEnd());
  }
  out.push(`Gtmhub requests (last ${count}):`);
  for (const r of gtmhub.requests.slice(-count)) {
    const query = Object.keys(r.query).length > 0 ? `?${new URLSearchParams(r.query).toString()}` : '';
    out.push(`  ${clock(r.time.getTime())} ${r.method} ${r.path}${query.length > 80 ? `${query.slice(0, 77)}…` : query} → ${r.status ?? 'no answer'}${r.userId ? ` as ${r.userId}` : ''}${r.fault ? ` (fault ${JSON.stringify(r.fault)})` : ''}`);
  }
  return out;
}
