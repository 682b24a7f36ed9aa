/**
 * The transport's timers run on the clock it is given: the call's deadline, the waits between
 * attempts (backoff and Retry-After, in seconds or as an HTTP date). Over real loopback HTTP, with
 * a fake clock: each outcome is decided by the clock, never by a real timer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GtmhubClient,
  GtmhubDeadlineError,
  interactiveWithinTwoSeconds,
  patientForBackgroundWork,
  type RetryPolicy,
} from '../../src/gtmhub/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

const kpi = { id: 'k1', name: 'Revenue', aggregation: 'last', targetOperator: 'should_increase' };
/** A whole second, so that an HTTP date (whole seconds) names an exact wait. */
const START = '2026-11-25T10:00:00.000Z';
const patient: RetryPolicy = { ...patientForBackgroundWork, name: 'patient' };

let server: ScriptedServer;
let clock: FakeClock;
let client: GtmhubClient | undefined;

function clientOn(policy: RetryPolicy, random = (): number => 0.5): GtmhubClient {
  client = new GtmhubClient({ baseUrl: server.url, token: 'token', accountId: 'acc', retryPolicy: policy, clock, random });
  return client;
}

beforeEach(async () => {
  server = await startScriptedServer();
  clock = new FakeClock(START);
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

describe('the transport on an injected clock', () => {
  it('waits exactly the Retry-After seconds before the retry, on its clock', async () => {
    server.script({ status: 429, headers: { 'retry-after': '7' } }, { status: 200, body: kpi });
    expect(await clientOn(patient).getKpi('k1')).toMatchObject({ id: 'k1' });
    expect(clock.slept).toEqual([7_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads a Retry-After HTTP date against its clock', async () => {
    const inFiveSeconds = new Date(clock.now() + 5_000).toUTCString();
    server.script({ status: 503, headers: { 'retry-after': inFiveSeconds } }, { status: 200, body: kpi });
    await clientOn(patient).getKpi('k1');
    expect(clock.slept).toEqual([5_000]);
  });

  it('waits the jittered backoff between retries on its clock', async () => {
    server.script({ status: 503 }, { status: 502 }, { status: 200, body: kpi });
    await clientOn({ ...patient, baseDelayMs: 100, maxDelayMs: 1_000 }, () => 0.5).getKpi('k1');
    // Full jitter at 0.5: half of 100, then half of 200.
    expect(clock.slept).toEqual([50, 100]);
  });

  it('ends a call the server never answers when its deadline passes on the clock, not before', async () => {
    server.script({ hang: true });
    let settled = false;
    const call = clientOn(interactiveWithinTwoSeconds).getKpi('k1');
    void call.then(
      () => (settled = true),
      () => (settled = true),
    );
    // The deadline is the only thing pending, and nothing ends the call before the clock moves.
    await clock.waiting(interactiveWithinTwoSeconds.deadlineMs);
    expect(settled).toBe(false);
    await clock.advance(interactiveWithinTwoSeconds.deadlineMs - 1);
    expect(settled).toBe(false);
    await clock.advance(1);
    await expect(call).rejects.toBeInstanceOf(GtmhubDeadlineError);
  });
});
