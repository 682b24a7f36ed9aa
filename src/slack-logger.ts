import { LogLevel as SlackLogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from './log.js';

/**
 * Bolt and the Slack Web API client log through `@slack/logger`'s interface (variadic messages,
 * mutable level and name); this adapter sends their lines through kpibot's logger so that redaction
 * and the JSON format apply to them too. It needs only @slack/web-api, not Bolt, so the digest
 * engine's own WebClient can use it as well.
 */
export function toSlackLogger(logger: Logger, level: SlackLogLevel = SlackLogLevel.INFO): SlackLogger {
  let current = level;
  let target = logger.child({ component: 'bolt' });
  const text = (msgs: unknown[]): string =>
    msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m))).join(' ');
  return {
    debug: (...msgs: unknown[]) => target.debug(text(msgs)),
    info: (...msgs: unknown[]) => target.info(text(msgs)),
    warn: (...msgs: unknown[]) => target.warn(text(msgs)),
    error: (...msgs: unknown[]) => target.error(text(msgs)),
    setLevel: (l: SlackLogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (name: string) => {
      target = logger.child({ component: name });
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
