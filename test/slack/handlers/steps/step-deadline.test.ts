import { describe, expect, it } from 'vitest';
import { GtmhubServerError } from '../../../../src/gtmhub/errors.js';
import { createMemoryLogger } from '../../../../src/log.js';
import { complete, STEP_DEADLINE_MS, withinStepDeadline, type StepResult } from '../../../../src/slack/handlers/steps/step-common.js';
import { FakeClock } from '../../../helpers/fake-clock.js';

const late = (seconds: number): string => `late after ${seconds} s`;

function depsWith(clock: FakeClock, deadlineMs?: number) {
  return { logger: createMemoryLogger('debug'), clock, ...(deadlineMs === undefined ? {} : { steps: { gtmhubAppUrl: 'https://app.gtmhub.com', deadlineMs } }) };
}

describe('withinStepDeadline', () => {
  it('answers with the work’s result when it finishes in time', async () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const result = await withinStepDeadline(depsWith(clock), 'reading', () => Promise.resolve(complete({ value: 1 })), late);
    expect(result).toEqual({ kind: 'complete', outputs: { value: 1 } });
    expect(clock.pending()).toEqual([]);
  });

  it('fails with the reason once 10 s pass on the clock, however long the work still takes', async () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const deps = depsWith(clock);
    const answer = withinStepDeadline(deps, 'reading', () => new Promise<StepResult>(() => {}), late);
    let settled: StepResult | undefined;
    void answer.then((r) => (settled = r));
    await clock.advance(STEP_DEADLINE_MS - 1);
    expect(settled).toBeUndefined();
    await clock.advance(1);
    expect(await answer).toEqual({ kind: 'fail', error: 'late after 10 s' });
    expect(deps.logger.lines.some((line) => line.includes('a workflow step ran out of time'))).toBe(true);
  });

  it('takes its deadline from the deps when one is set', async () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const answer = withinStepDeadline(depsWith(clock, 3_000), 'reading', () => new Promise<StepResult>(() => {}), late);
    await clock.advance(3_000);
    expect(await answer).toEqual({ kind: 'fail', error: 'late after 3 s' });
  });

  it('turns a failure of the work into one sentence, with the details in the log', async () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const deps = depsWith(clock);
    const error = new GtmhubServerError({ method: 'GET', path: '/v1/kpi-snapshots', status: 500 });
    const result = await withinStepDeadline(deps, 'reading the KPI’s value', () => Promise.reject(error), late);
    expect(result).toEqual({ kind: 'fail', error: 'Gtmhub had a server error while reading the KPI’s value: please try again in a minute.' });
    expect(deps.logger.lines.some((line) => line.includes('a workflow step failed while reading the KPI’s value'))).toBe(true);
  });
});
