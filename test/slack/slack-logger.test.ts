import { LogLevel } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { toSlackLogger } from '../../src/slack-logger.js';

describe('the logger Bolt and the WebClient write through', () => {
  it('passes their lines on at its level and above, formatted as one line', () => {
    const logger = createMemoryLogger('debug');
    const slack = toSlackLogger(logger, LogLevel.INFO);
    slack.info('apiCall', { method: 'users.info' });
    slack.warn('rate limited');
    expect(logger.lines.map((l) => JSON.parse(l) as { level: string; msg: string })).toEqual([
      expect.objectContaining({ level: 'info', msg: 'apiCall {"method":"users.info"}' }),
      expect.objectContaining({ level: 'warn', msg: 'rate limited' }),
    ]);
  });

  it('does not even format a line below its level (Bolt logs debug lines on every request)', () => {
    const logger = createMemoryLogger('debug');
    const slack = toSlackLogger(logger, LogLevel.INFO);
    let formatted = 0;
    const body = { toJSON: () => (formatted += 1) };
    slack.debug('request body', body);
    expect(formatted).toBe(0);
    expect(logger.lines).toEqual([]);
    slack.setLevel(LogLevel.DEBUG);
    slack.debug('request body', body);
    expect(formatted).toBe(1);
    expect(logger.lines).toHaveLength(1);
  });
});
