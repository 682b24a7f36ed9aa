import { LogLevel as BoltLogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../log.js';

/**
 * Bolt and the Web API client log through `@slack/logger`'s interface (variadic messages, mutable
 * level and name); this adapter sends their lines through kpibot's logger so that redaction and
 * the JSON format apply to them too.
 */
export function toBoltLogger(logger: Logger, level: BoltLogLevel = BoltLogLevel.INFO): BoltLogger {
  let current = level;
  let target = logger.child({ component: 'bolt' });
  const text = (msgs: unknown[]): string =>
    msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m))).join(' ');
  return {
    debug: (...msgs: unknown[]) => target.debug(text(msgs)),
    info: (...msgs: unknown[]) => target.info(text(msgs)),
    warn: (...msgs: unknown[]) => target.warn(text(msgs)),
    error: (...msgs: unknown[]) => target.error(text(msgs)),
    setLevel: (l: BoltLogLevel) => {
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
