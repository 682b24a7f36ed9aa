import { describe, expect, it } from 'vitest';
import { ValueRecordedHub, type ValueRecorded } from '../../src/kpis/value-recorded.js';
import { createMemoryLogger } from '../../src/log.js';

const event: ValueRecorded = { teamId: 'T1', userId: 'U1', kpiId: 'k1', period: '2026-W48', zone: 'UTC', value: 12, after: 12, at: 0 };

describe('ValueRecordedHub', () => {
  it('tells every listener, and a failing listener neither stops the others nor throws', async () => {
    const logger = createMemoryLogger();
    const hub = new ValueRecordedHub(logger);
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.subscribe(async (e) => {
      await Promise.resolve();
      seen.push(`a:${e.kpiId}`);
    });
    const remove = hub.subscribe((e) => {
      seen.push(`b:${e.value}`);
    });
    await hub.publish(event);
    expect(seen.sort()).toEqual(['a:k1', 'b:12']);
    expect(logger.lines.join('\n')).toContain('a listener of recorded values failed');
    remove();
    await hub.publish({ ...event, kpiId: 'k2' });
    expect(seen).toContain('a:k2');
    expect(seen.filter((s) => s.startsWith('b:'))).toHaveLength(1);
  });
});
