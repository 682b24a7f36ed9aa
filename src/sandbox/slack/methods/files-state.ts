import { randomBytes } from 'node:crypto';
import type { SimWorkspace } from '../workspace.js';

/**
 * Uploaded files and recorded unfurls. Kept beside the workspace (one state per workspace, in a
 * WeakMap) rather than in it, so the simulator's core stays as it is: these methods only add.
 */
export interface SimFile {
  id: string;
  name: string;
  title: string;
  /** `alt_txt` given to files.getUploadURLExternal. */
  altText?: string;
  /** The `length` promised to files.getUploadURLExternal. */
  declaredLength: number;
  /** The uploaded bytes; absent until the upload URL received them. */
  bytes?: Buffer;
  /** The secret part of the upload URL. */
  uploadToken: string;
  /** Who uploaded it: the bot. An uploader always sees its own file. */
  user: string;
  created: number;
  /** files.completeUploadExternal was called: only then is it a file Slack shows. */
  completed: boolean;
  /** Conversations (channel or DM ids) the file was shared to; empty = private to the uploader. */
  shares: string[];
}

/** One chat.unfurl call that Slack accepted. */
export interface RecordedUnfurl {
  channel?: string;
  ts?: string;
  unfurlId?: string;
  source?: string;
  /** URL → the unfurl (blocks or attachment) the app gave for it. */
  unfurls: Record<string, unknown>;
  time: number;
}

export interface FilesStateOptions {
  /** The simulator's own base URL: upload URLs point there. */
  baseUrl: string;
  /** Called once per completed upload (the sandbox writes the image to a folder and prints where). */
  onCompleted?: (file: SimFile) => void;
}

export class SimFiles {
  readonly files = new Map<string, SimFile>();
  readonly unfurls: RecordedUnfurl[] = [];
  options: FilesStateOptions = { baseUrl: 'http://127.0.0.1' };

  newUploadToken(): string {
    return randomBytes(12).toString('hex');
  }

  byUploadToken(token: string): SimFile | undefined {
    for (const file of this.files.values()) if (file.uploadToken === token) return file;
    return undefined;
  }

  /** `https://files.slack.com/upload/v1/…` in Slack; here a path on the simulator's own server. */
  uploadUrl(file: SimFile): string {
    return `${this.options.baseUrl}${UPLOAD_PATH_PREFIX}${file.uploadToken}`;
  }
}

/** Where the simulator takes uploads: `POST /upload/v1/<token>`. */
export const UPLOAD_PATH_PREFIX = '/upload/v1/';

const states = new WeakMap<SimWorkspace, SimFiles>();

/** The file state of a workspace, created on first use. */
export function filesOf(ws: SimWorkspace): SimFiles {
  let state = states.get(ws);
  if (state === undefined) {
    state = new SimFiles();
    states.set(ws, state);
  }
  return state;
}

/** Whether `userId` can see `file`: its uploader, or a member of a conversation it was shared to. */
export function canSeeFile(ws: SimWorkspace, file: SimFile, userId: string): boolean {
  if (userId === file.user) return true;
  return file.shares.some((conversationId) => {
    try {
      return ws.resolve(conversationId).members.includes(userId);
    } catch {
      return false;
    }
  });
}

/** Slack shows png, jpg, jpeg and gif files in image blocks; nothing else. */
export function isBlockImage(file: SimFile): boolean {
  return /\.(png|jpe?g|gif)$/i.test(file.name);
}
