import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderKpiLineChart, type ChartImage } from '../../../src/charts/index.js';
import type { SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { createChartUploader, type ChartRequest, type ChartUploader } from '../../../src/slack/files/index.js';
import { REVENUE, weeklySeries } from '../../charts/series.js';
import { simulatorWithClient } from '../../sandbox/slack/helpers.js';

const uploadCalls = (sim: SlackSimulator): string[] => sim.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'conversations.open');

describe('chart uploader (against the Slack simulator over loopback)', () => {
  let sim: SlackSimulator;
  let client: WebClient;
  let uploader: ChartUploader;
  let renders: number;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
    uploader = createChartUploader({ client });
    renders = 0;
  });
  afterEach(async () => {
    await sim.close();
  });

  function chart(destination: ChartRequest['destination'], values = REVENUE): ChartRequest {
    const series = weeklySeries(values);
    return {
      data: { series, locale: 'en-US' },
      render: (): ChartImage => {
        renders++;
        return renderKpiLineChart(series, 'en-US');
      },
      destination,
      filename: 'monthly-recurring-revenue.png',
      title: 'Monthly recurring revenue',
    };
  }

  it('uploads through the three steps into a channel, and the channel accepts the image block', async () => {
    const result = await uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS' }));
    if (!result.ok) throw new Error(`upload failed: ${result.failure.detail}`);
    expect(uploadCalls(sim)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    const file = sim.files.byId(result.chart.fileId);
    expect(file).toMatchObject({ completed: true, shares: ['C0KPIS'], title: 'Monthly recurring revenue', altText: result.chart.altText });
    expect(file?.bytes?.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(result.chart.block).toEqual({
      type: 'image',
      slack_file: { id: result.chart.fileId },
      alt_text: expect.stringContaining('rose from $1,200'),
      title: { type: 'plain_text', text: 'Monthly recurring revenue' },
    });
    await client.chat.postMessage({ channel: 'C0KPIS', text: 'Revenue', blocks: [result.chart.block] });
  });

  it("shares into the thread it is given", async () => {
    const parent = await client.chat.postMessage({ channel: 'C0KPIS', text: 'Digest' });
    const result = await uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS', threadTs: String(parent.ts) }));
    expect(result.ok).toBe(true);
    expect(sim.messages('C0KPIS').at(-1)).toMatchObject({ subtype: 'file_share', thread_ts: parent.ts });
  });

  it("shares a chart for one person into the bot's DM with them, so an ephemeral reply and their Home tab may show it", async () => {
    const result = await uploader.uploadChart(chart({ kind: 'person', userId: 'U0ADMIN' }));
    if (!result.ok) throw new Error(`upload failed: ${result.failure.detail}`);
    expect(uploadCalls(sim)).toEqual(['files.getUploadURLExternal', 'conversations.open', 'files.completeUploadExternal']);
    await client.chat.postEphemeral({ channel: 'C0KPIS', user: 'U0ADMIN', text: 'Revenue', blocks: [result.chart.block] });
    await client.views.publish({ user_id: 'U0ADMIN', view: { type: 'home', blocks: [result.chart.block] } });
    // Nobody else may be shown it: the simulator refuses, as Slack does.
    await expect(client.chat.postMessage({ channel: 'C0KPIS', text: 'Revenue', blocks: [result.chart.block] })).rejects.toThrow(/invalid_blocks/);
  });

  it('re-uses an upload while the data and the destination are unchanged, without drawing it again', async () => {
    const first = await uploader.uploadChart(chart({ kind: 'person', userId: 'U0ADMIN' }));
    const again = await uploader.uploadChart(chart({ kind: 'person', userId: 'U0ADMIN' }));
    expect(again).toEqual({ ...first, reused: true });
    expect(renders).toBe(1);
    expect(sim.callsTo('files.getUploadURLExternal')).toHaveLength(1);

    await uploader.uploadChart(chart({ kind: 'person', userId: 'U0SANDBOX' }));
    await uploader.uploadChart(chart({ kind: 'person', userId: 'U0ADMIN' }, [...REVENUE.slice(0, 11), 1500]));
    expect(sim.callsTo('files.getUploadURLExternal')).toHaveLength(3);
  });

  it('uploads once for two lookups of the same chart at the same time', async () => {
    const [a, b] = await Promise.all([uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS' })), uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS' }))]);
    expect(a.ok && b.ok && a.chart.fileId === b.chart.fileId).toBe(true);
    expect(sim.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('uploads again after forget (Slack refused the block: the file was deleted)', async () => {
    const request = chart({ kind: 'conversation', channel: 'C0KPIS' });
    await uploader.uploadChart(request);
    uploader.forget(request.data, request.destination);
    const again = await uploader.uploadChart(request);
    expect(again.ok && again.reused).toBe(false);
    expect(sim.callsTo('files.getUploadURLExternal')).toHaveLength(2);
  });

  it('returns a render failure without calling Slack', async () => {
    const result = await uploader.uploadChart({ ...chart({ kind: 'conversation', channel: 'C0KPIS' }), render: () => { throw new Error('no font'); } });
    expect(result).toEqual({ ok: false, failure: expect.objectContaining({ reason: 'render_failed', detail: 'no font' }) });
    expect(sim.calls).toEqual([]);
  });

  it('returns the failing step, and tries again on the next lookup', async () => {
    sim.failNext('files.getUploadURLExternal', { error: 'ratelimited' });
    const failed = await uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS' }));
    expect(failed).toEqual({ ok: false, failure: expect.objectContaining({ reason: 'upload_failed', step: 'get_upload_url' }) });
    const retried = await uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS' }));
    expect(retried.ok && retried.reused).toBe(false);
  });

  it('says which step failed: the byte upload, and the completion', async () => {
    const failingPost = createChartUploader({ client, uploadBytes: async () => { throw new Error('the upload URL answered HTTP 500'); } });
    const upload = await failingPost.uploadChart(chart({ kind: 'conversation', channel: 'C0KPIS' }));
    expect(upload).toEqual({ ok: false, failure: expect.objectContaining({ step: 'upload', detail: 'the upload URL answered HTTP 500' }) });

    const complete = await uploader.uploadChart(chart({ kind: 'conversation', channel: 'C0NOPE' }));
    expect(complete).toEqual({ ok: false, failure: expect.objectContaining({ step: 'complete', detail: expect.stringContaining('channel_not_found') }) });
  });
});
