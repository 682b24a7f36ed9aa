/**
 * What the Gtmhub module logs through: any object with these four methods (kpibot's JSON logger is
 * one). Declared here so that the module stands alone; context objects pass through `redactGtmhub`
 * before they get here, so a logger that prints them as they are leaks no credential.
 */
export interface GtmhubLogger {
  debug(msg: string, context?: Record<string, unknown>): void;
  info(msg: string, context?: Record<string, unknown>): void;
  warn(msg: string, context?: Record<string, unknown>): void;
  error(msg: string, context?: Record<string, unknown>): void;
}

/** The default: says nothing. */
export const silentGtmhubLogger: GtmhubLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
