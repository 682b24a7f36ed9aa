/**
 * The one logger interface every module receives by injection (nothing imports a global logger).
 * Lines are JSON so that Heroku/journald keep them greppable; `redact` runs over every context object.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, context?: Record<string, unknown>): void;
  info(msg: string, context?: Record<string, unknown>): void;
  warn(msg: string, context?: Record<string, unknown>): void;
  error(msg: string, context?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line, whatever object they sit in. */
const SECRET_KEY = /^(authorization|token|access_?token|bot_?token|app_?token|signing_?secret|secret|password|api_?key|x-slack-signature)$/i;
/** Slack tokens and bearer credentials that may hide inside free text (URLs, error messages). */
const SECRET_TEXT = /(xox[abposr]-[0-9A-Za-z-]+|xapp-[0-9A-Za-z-]+|Bearer\s+[^\s"',]+)/g;

/** Returns a copy of `value` with credentials replaced by `[redacted]`; safe on cycles. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return value.replace(SECRET_TEXT, '[redacted]');
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, seen), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, seen);
  return out;
}

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stdout. Tests pass an array collector. */
  write?: (line: string) => void;
  bindings?: Record<string, unknown>;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const bindings = options.bindings ?? {};
  const emit = (level: LogLevel, msg: string, context?: Record<string, unknown>): void => {
    if (ORDER[level] < threshold) return;
    const record = { time: new Date().toISOString(), level, msg: redact(msg), ...(redact({ ...bindings, ...context }) as object) };
    write(JSON.stringify(record));
  };
  return {
    debug: (m, c) => emit('debug', m, c),
    info: (m, c) => emit('info', m, c),
    warn: (m, c) => emit('warn', m, c),
    error: (m, c) => emit('error', m, c),
    child: (b) => createLogger({ ...options, bindings: { ...bindings, ...b } }),
  };
}

/** A logger that keeps lines in memory: for tests that assert what was (not) logged. */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (l) => lines.push(l) });
  return Object.assign(logger, { lines });
}
