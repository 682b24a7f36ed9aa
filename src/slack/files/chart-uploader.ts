import type { WebClient } from '@slack/web-api';
import { request } from 'undici';
import type { ChartImage } from '../../charts/index.js';
import { contentHash } from './content-hash.js';
import { destinationKey, type ChartDestination } from './destination.js';
import { slackFileImageBlock, type SlackFileImageBlock } from './image-block.js';
import { UploadCache } from './upload-cache.js';

/** The part of Bolt's WebClient the uploader uses (files:write; conversations.open for DMs). */
export type SlackFilesClient = Pick<WebClient, 'files' | 'conversations'>;

/** POSTs the bytes to Slack's upload URL; resolves when Slack answered 200. */
export type UploadBytes = (url: string, bytes: Buffer) => Promise<void>;

export interface UploadedChart {
  fileId: string;
  altText: string;
  /** The image block to put in the message, modal, Home tab or unfurl. */
  block: SlackFileImageBlock;
}

/** Why a chart is not in the message: the caller sends the text alone and logs this. */
export type ChartFailure =
  | { reason: 'render_failed'; detail: string; cause?: unknown }
  | { reason: 'upload_failed'; step: 'get_upload_url' | 'upload' | 'complete' | 'open_dm'; detail: string; cause?: unknown };

export type ChartUploadResult = { ok: true; chart: UploadedChart; reused: boolean } | { ok: false; failure: ChartFailure };

export interface ChartRequest {
  /** What the chart is drawn from (the series, the locale, the number of weeks): the re-use key. */
  data: unknown;
  /** Draws the chart; called only when no upload of the same data to the same place exists. */
  render: () => ChartImage;
  destination: ChartDestination;
  /** The file's name in Slack (`revenue-2026-W48.png`). */
  filename: string;
  /** The file's title in Slack and the image block's title. */
  title: string;
}

export interface ChartUploaderOptions {
  client: SlackFilesClient;
  /** Default: an undici POST with a 10 s limit. */
  uploadBytes?: UploadBytes;
  /** How many uploads to remember for re-use. Default 500. */
  cacheSize?: number;
}

export interface ChartUploader {
  /** Renders (unless re-used), uploads through Slack's three steps and returns the image block; never throws. */
  uploadChart(request: ChartRequest): Promise<ChartUploadResult>;
  /** Forgets an upload, e.g. after Slack refused its block (the file was deleted in Slack). */
  forget(data: unknown, destination: ChartDestination): void;
}

const UPLOAD_TIMEOUT_MS = 10_000;

/** Slack answers 200 when it took the bytes ("Slack will return HTTP 200 if the upload is successful"). */
export const postBytes: UploadBytes = async (url, bytes) => {
  const response = await request(url, {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'application/octet-stream' },
    headersTimeout: UPLOAD_TIMEOUT_MS,
    bodyTimeout: UPLOAD_TIMEOUT_MS,
  });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`the upload URL answered HTTP ${response.statusCode}`);
};

class UploadStepError extends Error {
  constructor(
    readonly failure: ChartFailure,
  ) {
    super(failure.detail);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Uploads charts as Slack's current flow wants it (files.getUploadURLExternal → POST → files.
 * completeUploadExternal) and shares each where its audience can see it (ChartDestination).
 */
export function createChartUploader(options: ChartUploaderOptions): ChartUploader {
  const { client } = options;
  const uploadBytes = options.uploadBytes ?? postBytes;
  const cache = new UploadCache<UploadedChart>(options.cacheSize);
  const dms = new Map<string, string>();

  const keyOf = (data: unknown, destination: ChartDestination): string => `${contentHash(data)}|${destinationKey(destination)}`;

  async function step<T>(failureStep: Extract<ChartFailure, { reason: 'upload_failed' }>['step'], run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new UploadStepError({ reason: 'upload_failed', step: failureStep, detail: describe(error), cause: error });
    }
  }

  /** The bot's DM with a person, opened once (conversations.open is idempotent). */
  async function dmWith(userId: string): Promise<string> {
    const known = dms.get(userId);
    if (known !== undefined) return known;
    const opened = await step('open_dm', () => client.conversations.open({ users: userId }));
    const id = opened.channel?.id;
    if (typeof id !== 'string' || id === '') throw new UploadStepError({ reason: 'upload_failed', step: 'open_dm', detail: 'conversations.open gave no channel id' });
    dms.set(userId, id);
    return id;
  }

  async function upload(image: ChartImage, req: ChartRequest): Promise<UploadedChart> {
    const started = await step('get_upload_url', () => client.files.getUploadURLExternal({ filename: req.filename, length: image.png.length, alt_text: image.altText }));
    const { upload_url: url, file_id: fileId } = started;
    if (typeof url !== 'string' || typeof fileId !== 'string' || url === '' || fileId === '') {
      throw new UploadStepError({ reason: 'upload_failed', step: 'get_upload_url', detail: 'files.getUploadURLExternal gave no upload_url or file_id' });
    }
    await step('upload', () => uploadBytes(url, image.png));
    const channel = req.destination.kind === 'person' ? await dmWith(req.destination.userId) : req.destination.channel;
    const threadTs = req.destination.kind === 'conversation' ? req.destination.threadTs : undefined;
    const files: [{ id: string; title: string }] = [{ id: fileId, title: req.title }];
    await step('complete', () =>
      client.files.completeUploadExternal(threadTs !== undefined ? { files, channel_id: channel, thread_ts: threadTs } : { files, channel_id: channel }),
    );
    return { fileId, altText: image.altText, block: slackFileImageBlock(fileId, image.altText, { title: req.title }) };
  }

  return {
    async uploadChart(req) {
      const key = keyOf(req.data, req.destination);
      const cached = cache.get(key);
      if (cached !== undefined) {
        try {
          return { ok: true, chart: await cached, reused: true };
        } catch {
          // The upload this lookup waited on failed (and is forgotten): try once more below.
        }
      }
      let image: ChartImage;
      try {
        image = req.render();
      } catch (error) {
        return { ok: false, failure: { reason: 'render_failed', detail: describe(error), cause: error } };
      }
      const pending = upload(image, req);
      cache.set(key, pending);
      try {
        return { ok: true, chart: await pending, reused: false };
      } catch (error) {
        cache.delete(key);
        if (error instanceof UploadStepError) return { ok: false, failure: error.failure };
        return { ok: false, failure: { reason: 'upload_failed', step: 'complete', detail: describe(error), cause: error } };
      }
    },
    forget(data, destination) {
      cache.delete(keyOf(data, destination));
    },
  };
}

/** One line for the log: why the chart is missing from a message. */
export function describeChartFailure(failure: ChartFailure): string {
  return failure.reason === 'render_failed' ? `the chart could not be drawn: ${failure.detail}` : `the chart upload failed at ${failure.step}: ${failure.detail}`;
}
