import { describe, expect, it } from 'vitest';
import { interactiveWithinTwoSeconds, patientForBackgroundWork, type RetryPolicy } from '../../src/gtmhub/retry.js';
import type { KpiSnapshot, SnapshotQuery } from '../../src/gtmhub/types.js';
import { RecentValues, type SnapshotSource } from '../../src/kpis/recent-values.js';

// Thursday 2026-11-26 12:00 UTC: week 2026-W48 in Berlin and in New York.
const NOW = Date.parse('2026-11-26T12:00:00Z');

/** A Gtmhub that records each read and answers when told, with a value for every KPI in 2026-W48. */
function recordingSource() {
  const reads: Array<{ query: SnapshotQuery; policy: RetryPolicy | undefined; answer: () => void; fail: (error: Error) => void }> = [];
  const source: SnapshotSource = {
    getKpiSnapshots: (query, options) =>
      new Promise<KpiSnapshot[]>((resolve, reject) => {
        reads.push({
          query,
          policy: options?.policy,
          answer: () => resolve(query.ids.map((kpiId, i) => ({ kpiId, group: '2026-W48', value: i + 1 }))),
          fail: reject,
        });
      }),
  };
  return { source, reads };
}

/** A gather the test opens by hand: every lookup before `open()` joins the same read. */
function manualGather() {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  return {
    gather: () => gate,
    open() {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('recent values asked for at about the same moment', () => {
  it('are read once for all the lookups that asked before the read was sent, each answered with its own KPIs', async () => {
    const { source, reads } = recordingSource();
    const turn = manualGather();
    const values = new RecentValues({ source, now: () => NOW, gather: turn.gather });
    const first = values.forKpis(['a', 'b'], 'Europe/Berlin');
    const second = values.forKpis(['b', 'c'], 'Europe/Berlin');
    const third = values.forKpis(['d'], 'Europe/Berlin');
    await settle();
    expect(reads).toHaveLength(0);
    turn.open();
    await settle();
    expect(reads.map((r) => r.query.ids)).toEqual([['a', 'b', 'c', 'd']]);
    reads[0]!.answer();
    expect([...(await first).keys()]).toEqual(['a', 'b']);
    expect([...(await second).keys()]).toEqual(['b', 'c']);
    expect((await third).get('d')?.latest).toEqual({ period: '2026-W48', value: 4 });
  });

  it('start a new read once the gathered one is sent', async () => {
    const { source, reads } = recordingSource();
    const turn = manualGather();
    const values = new RecentValues({ source, now: () => NOW, gather: turn.gather });
    const early = values.forKpis(['a'], 'UTC');
    turn.open();
    await settle();
    const late = values.forKpis(['b'], 'UTC');
    turn.open();
    await settle();
    expect(reads.map((r) => r.query.ids)).toEqual([['a'], ['b']]);
    for (const read of reads) read.answer();
    expect((await early).get('a')?.latest?.value).toBe(1);
    expect((await late).get('b')?.latest?.value).toBe(1);
  });

  it('are read apart for zones of other offsets and for other retry policies, since each read names its zone and deadline', async () => {
    const { source, reads } = recordingSource();
    const turn = manualGather();
    const values = new RecentValues({ source, now: () => NOW, gather: turn.gather });
    const lookups = [
      values.forKpis(['a'], 'Europe/Berlin', { policy: interactiveWithinTwoSeconds }),
      values.forKpis(['b'], 'Europe/Paris', { policy: interactiveWithinTwoSeconds }),
      values.forKpis(['c'], 'America/New_York', { policy: interactiveWithinTwoSeconds }),
      values.forKpis(['d'], 'Europe/Berlin', { policy: patientForBackgroundWork }),
    ];
    turn.open();
    await settle();
    const seen = reads.map((r) => ({ ids: r.query.ids, zone: r.query.timeZone, policy: r.policy?.name }));
    expect(seen).toEqual([
      { ids: ['a', 'b'], zone: 'UTC+1', policy: 'interactiveWithinTwoSeconds' },
      { ids: ['c'], zone: 'UTC-5', policy: 'interactiveWithinTwoSeconds' },
      { ids: ['d'], zone: 'UTC+1', policy: 'patientForBackgroundWork' },
    ]);
    for (const read of reads) read.answer();
    await Promise.all(lookups);
  });

  it('fail together when the shared read fails, and are read again by the next lookup', async () => {
    const { source, reads } = recordingSource();
    const turn = manualGather();
    const values = new RecentValues({ source, now: () => NOW, gather: turn.gather });
    const first = values.forKpis(['a'], 'UTC');
    const second = values.forKpis(['b'], 'UTC');
    turn.open();
    await settle();
    reads[0]!.fail(new Error('Gtmhub is down'));
    await expect(first).rejects.toThrow('Gtmhub is down');
    await expect(second).rejects.toThrow('Gtmhub is down');
    const again = values.forKpis(['a', 'b'], 'UTC');
    turn.open();
    await settle();
    expect(reads.map((r) => r.query.ids)).toEqual([['a', 'b'], ['a', 'b']]);
    reads[1]!.answer();
    expect([...(await again).keys()]).toEqual(['a', 'b']);
  });

  it('are not read again while shared: a KPI asked for twice within the minute costs one read', async () => {
    const { source, reads } = recordingSource();
    const values = new RecentValues({ source, now: () => NOW });
    const first = values.forKpis(['a'], 'UTC');
    await settle();
    reads[0]!.answer();
    await first;
    await values.forKpis(['a'], 'UTC');
    expect(reads).toHaveLength(1);
  });

  it('move to the new week at the local midnight that starts it, read again for that week', async () => {
    const { source, reads } = recordingSource();
    let now = Date.parse('2026-11-29T22:59:30Z'); // Sunday 23:59:30 in Berlin: still 2026-W48
    const values = new RecentValues({ source, now: () => now });
    const sunday = values.forKpis(['a'], 'Europe/Berlin');
    await settle();
    now = Date.parse('2026-11-29T23:00:10Z'); // Monday 00:00:10 in Berlin: 2026-W49
    const monday = values.forKpis(['a'], 'Europe/Berlin');
    await settle();
    expect(reads.map((r) => [r.query.from, r.query.to])).toEqual([
      ['2026-10-05', '2026-11-29'],
      ['2026-10-12', '2026-11-30'],
    ]);
    for (const read of reads) read.answer();
    expect((await sunday).get('a')?.weeks.at(-1)?.period).toBe('2026-W48');
    expect((await monday).get('a')?.weeks.at(-1)?.period).toBe('2026-W49');
  });
});
