import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebClient } from '@slack/web-api';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveUploadsTo, type SlackSimulator } from '../../../src/sandbox/slack/index.js';
import { simulatorWithClient, slackError } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1f0e80000000049454e44ae426082', 'hex');
const image = (id: string) => ({ type: 'image', slack_file: { id }, alt_text: 'a chart' });

describe('Slack simulator: file uploads (getUploadURLExternal, upload, completeUploadExternal)', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    ({ sim, client } = await simulatorWithClient());
  });
  afterEach(async () => {
    await sim.close();
  });

  async function upload(bytes: Buffer = PNG, filename = 'chart.png'): Promise<string> {
    const started = await client.files.getUploadURLExternal({ filename, length: bytes.length, alt_text: 'a chart' });
    const posted = await request(String(started.upload_url), { method: 'POST', body: bytes });
    expect(posted.statusCode).toBe(200);
    await posted.body.text();
    return String(started.file_id);
  }

  it('hands out an upload URL on its own server and a file id', async () => {
    const started = await client.files.getUploadURLExternal({ filename: 'chart.png', length: PNG.length });
    expect(started.upload_url?.startsWith(`${sim.baseUrl}/upload/v1/`)).toBe(true);
    expect(started.file_id).toMatch(/^F[0-9A-Z]+$/);
  });

  it('keeps the uploaded bytes and completes a private upload without any message', async () => {
    const id = await upload();
    const done = await client.files.completeUploadExternal({ files: [{ id, title: 'Revenue' }] });
    expect(done.files?.[0]).toMatchObject({ id, title: 'Revenue', name: 'chart.png' });
    expect(sim.files.byId(id)).toMatchObject({ completed: true, shares: [] });
    expect(Buffer.compare(sim.files.byId(id)?.bytes ?? Buffer.alloc(0), PNG)).toBe(0);
    expect(sim.messages('C0KPIS')).toEqual([]);
  });

  it('shares into a channel, or a thread of it, with the initial comment as the message text', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0KPIS', text: 'Digest' });
    const id = await upload();
    await client.files.completeUploadExternal({ files: [{ id }], channel_id: 'C0KPIS', thread_ts: String(parent.ts), initial_comment: 'The chart' });
    expect(sim.files.byId(id)?.shares).toEqual(['C0KPIS']);
    expect(sim.messages('C0KPIS').at(-1)).toMatchObject({ thread_ts: parent.ts, text: 'The chart', files: [{ id }] });
  });

  it('takes an image in an ephemeral reply (response_url) only when its reader can see the file', async () => {
    const id = await upload();
    await client.files.completeUploadExternal({ files: [{ id }], channel_id: 'G0LEADERS' });
    const post = async (url: string) => {
      const res = await request(url, { method: 'POST', body: JSON.stringify({ text: 'chart', blocks: [image(id)] }), headers: { 'content-type': 'application/json' } });
      return { status: res.statusCode, body: (await res.body.json()) as { ok: boolean; error?: string } };
    };
    // #leadership's members are U0ADMIN, U0OWNER and the bot; U0SANDBOX is not one of them.
    expect(await post(sim.newResponseUrl('U0ADMIN'))).toEqual({ status: 200, body: { ok: true } });
    expect(await post(sim.newResponseUrl('U0SANDBOX'))).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_blocks' } });
  });

  it('refuses to complete a file whose bytes never arrived, or a length that was not kept', async () => {
    const started = await client.files.getUploadURLExternal({ filename: 'chart.png', length: PNG.length + 1 });
    const posted = await request(String(started.upload_url), { method: 'POST', body: PNG });
    expect(posted.statusCode).toBe(400);
    await posted.body.text();
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: String(started.file_id) }] }))).code).toBe('file_not_found');
  });

  it('takes a multipart upload as the Slack SDK sends it (filesUploadV2 end to end)', async () => {
    const result = await client.filesUploadV2({ file: PNG, filename: 'sdk.png', channel_id: 'C0KPIS' });
    expect(sim.files.all().map((f) => [f.name, f.completed, f.bytes?.length])).toEqual([['sdk.png', true, PNG.length]]);
    expect(result.ok).toBe(true);
  });

  it('writes each completed upload to a folder and says where (the sandbox option)', async () => {
    await sim.close();
    const dir = mkdtempSync(join(tmpdir(), 'kpibot-files-'));
    const printed: string[] = [];
    ({ sim, client } = await simulatorWithClient({ onFileUploaded: saveUploadsTo(dir, (path) => printed.push(path)) }));
    const id = await upload();
    await client.files.completeUploadExternal({ files: [{ id }] });
    expect(printed).toEqual([join(dir, `${id}-chart.png`)]);
    expect(Buffer.compare(readFileSync(printed[0] ?? ''), PNG)).toBe(0);
  });

  describe('slack_file references: only where everyone who looks can see the file', () => {
    it('refuses a private file in a channel post with invalid_blocks and the pointer', async () => {
      const id = await upload();
      await client.files.completeUploadExternal({ files: [{ id }] });
      const error = await slackError(client.chat.postMessage({ channel: 'C0KPIS', text: 'chart', blocks: [image(id)] }));
      expect(error.code).toBe('invalid_blocks');
      expect(error.data.errors).toEqual(['invalid slack file [json-pointer:/blocks/0/slack_file]']);
      expect(sim.messages('C0KPIS')).toEqual([]);
    });

    it('accepts a file shared into the channel in a post there, and in a chat.update there', async () => {
      const id = await upload();
      await client.files.completeUploadExternal({ files: [{ id }], channel_id: 'C0KPIS' });
      const posted = await client.chat.postMessage({ channel: 'C0KPIS', text: 'chart', blocks: [image(id)] });
      await client.chat.update({ channel: 'C0KPIS', ts: String(posted.ts), text: 'chart', blocks: [image(id)] });
      expect(sim.messages('C0KPIS').at(-1)?.blocks).toEqual([image(id)]);
    });

    it('refuses a file shared in one channel in a post to a channel with people who are not in the first', async () => {
      const id = await upload();
      await client.files.completeUploadExternal({ files: [{ id }], channel_id: 'C0KPIS' });
      expect((await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'chart', blocks: [image(id)] }))).code).toBe('invalid_blocks');
    });

    it('accepts a file shared in the DM with the user in an ephemeral reply to that user only', async () => {
      const id = await upload();
      const dm = await client.conversations.open({ users: 'U0ADMIN' });
      await client.files.completeUploadExternal({ files: [{ id }], channel_id: String(dm.channel?.id) });
      await client.chat.postEphemeral({ channel: 'C0KPIS', user: 'U0ADMIN', text: 'chart', blocks: [image(id)] });
      expect(sim.ephemerals('C0KPIS')).toHaveLength(1);
      const other = await slackError(client.chat.postEphemeral({ channel: 'C0KPIS', user: 'U0SANDBOX', text: 'chart', blocks: [image(id)] }));
      expect(other.code).toBe('invalid_blocks');
    });

    it('refuses a private file on a Home tab and accepts one shared in that user’s DM', async () => {
      const id = await upload();
      await client.files.completeUploadExternal({ files: [{ id }] });
      const home = { type: 'home' as const, blocks: [image(id)] };
      expect((await slackError(client.views.publish({ user_id: 'U0ADMIN', view: home }))).code).toBe('invalid_arguments');
      const shared = await upload();
      const dm = await client.conversations.open({ users: 'U0ADMIN' });
      await client.files.completeUploadExternal({ files: [{ id: shared }], channel_id: String(dm.channel?.id) });
      await client.views.publish({ user_id: 'U0ADMIN', view: { type: 'home', blocks: [image(shared)] } });
      expect(sim.views.home('U0ADMIN')?.blocks).toEqual([image(shared)]);
    });

    it('refuses a private file in a modal and leaves no view behind', async () => {
      const id = await upload();
      await client.files.completeUploadExternal({ files: [{ id }] });
      const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Chart' }, blocks: [image(id)] };
      const error = await slackError(client.views.open({ trigger_id: sim.issueTriggerId({ userId: 'U0ADMIN' }), view: modal }));
      expect(error.code).toBe('invalid_arguments');
      expect(error.data.response_metadata).toMatchObject({ messages: ['[ERROR] invalid slack file [json-pointer:/view/blocks/0/slack_file]'] });
      expect(sim.views.opened).toEqual([]);
    });

    it('refuses an unknown id, a not-yet-completed file, a non-image and a slack_file with both id and url', async () => {
      const pending = (await client.files.getUploadURLExternal({ filename: 'chart.png', length: PNG.length })).file_id;
      const text = await upload(Buffer.from('hello'), 'notes.txt');
      await client.files.completeUploadExternal({ files: [{ id: text }], channel_id: 'C0KPIS' });
      const shared = await upload();
      const done = await client.files.completeUploadExternal({ files: [{ id: shared }], channel_id: 'C0KPIS' });
      const both = { type: 'image', slack_file: { id: shared, url: String(done.files?.[0]?.url_private) }, alt_text: 'x' };
      for (const block of [image('F0NOPE'), image(String(pending)), image(text), both]) {
        expect((await slackError(client.chat.postMessage({ channel: 'C0KPIS', text: 'x', blocks: [block] }))).code).toBe('invalid_blocks');
      }
      const byUrl = { type: 'image', slack_file: { url: String(done.files?.[0]?.url_private) }, alt_text: 'x' };
      await client.chat.postMessage({ channel: 'C0KPIS', text: 'x', blocks: [byUrl] });
    });
  });

  describe('chat.unfurl', () => {
    const link = 'https://app.gtmhub.com/#/kpis/kpi-1';

    it('records the unfurl of a link in a message, replacing an earlier one for the same message', async () => {
      const posted = await client.chat.postMessage({ channel: 'C0KPIS', text: `look ${link}` });
      const section = { type: 'section', text: { type: 'mrkdwn', text: '*Revenue*' } };
      await client.chat.unfurl({ channel: 'C0KPIS', ts: String(posted.ts), unfurls: { [link]: { blocks: [section] } } });
      await client.chat.unfurl({ channel: 'C0KPIS', ts: String(posted.ts), unfurls: { [link]: { blocks: [section, section] } } });
      expect(sim.files.unfurls).toEqual([expect.objectContaining({ channel: 'C0KPIS', ts: posted.ts, unfurls: { [link]: { blocks: [section, section] } } })]);
    });

    it('refuses a link that is not in the message, an unknown message, and a private chart', async () => {
      const posted = await client.chat.postMessage({ channel: 'C0KPIS', text: `look ${link}` });
      const ts = String(posted.ts);
      expect((await slackError(client.chat.unfurl({ channel: 'C0KPIS', ts, unfurls: { 'https://elsewhere.example/': { blocks: [] } } }))).code).toBe('cannot_unfurl_url');
      expect((await slackError(client.chat.unfurl({ channel: 'C0KPIS', ts: '1.000001', unfurls: { [link]: { blocks: [] } } }))).code).toBe('cannot_find_message');
      const id = await upload();
      await client.files.completeUploadExternal({ files: [{ id }] });
      expect((await slackError(client.chat.unfurl({ channel: 'C0KPIS', ts, unfurls: { [link]: { blocks: [image(id)] } } }))).code).toBe('invalid_blocks');
      expect(sim.files.unfurls).toEqual([]);
    });
  });
});
