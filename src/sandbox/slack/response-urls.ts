import { randomBytes } from 'node:crypto';
import { checkMessageBlocks, problemMessages, type BlockKitProblem } from './block-kit-limits.js';
import type { RecordedResponse } from './types.js';

/**
 * response_url webhooks: each accepts up to five posts within thirty minutes of being issued, as
 * Slack's do, and every post is recorded for tests to read.
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseUrlAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface Issued {
  issuedAt: number;
  uses: number;
  /** Who made the request: the one person its ephemeral replies show to. */
  userId: string;
}

/** Problems of the blocks for one viewer beyond Block Kit's limits (an image of a file they cannot see). */
export type ViewerCheck = (blocks: unknown, userId: string) => BlockKitProblem[];

export class ResponseUrls {
  readonly recorded: RecordedResponse[] = [];
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly now: () => number,
    private readonly viewerCheck: ViewerCheck = () => [],
  ) {}

  /** A new URL under `baseUrl`, shaped like Slack's `/commands/<team>/<id>/<secret>`, for a request of `userId`. */
  issue(baseUrl: string, teamId: string, userId: string): string {
    const path = `/commands/${teamId}/${100000000000 + this.issued.size}/${randomBytes(12).toString('base64url')}`;
    this.issued.set(path, { issuedAt: this.now(), uses: 0, userId });
    return `${baseUrl}${path}`;
  }

  accepts(path: string): boolean {
    return this.issued.has(path);
  }

  post(url: string, path: string, body: Record<string, unknown>): ResponseUrlAnswer {
    const issued = this.issued.get(path);
    if (issued === undefined) return { status: 404, body: { ok: false, error: 'no_such_url' } };
    if (this.now() - issued.issuedAt > LIFETIME_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (issued.uses >= MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    if (body.blocks !== undefined) {
      const problems = [...checkMessageBlocks(body.blocks), ...this.viewerCheck(body.blocks, issued.userId)];
      if (problems.length > 0) return { status: 400, body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problemMessages(problems) } } };
    }
    issued.uses += 1;
    this.recorded.push({ url, body, time: this.now() });
    return { status: 200, body: { ok: true } };
  }
}
