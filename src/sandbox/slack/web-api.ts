import { decodeFormBody, decodeJsonFields, type Args } from './args.js';
import { SlackMethodError } from './errors.js';
import { methods } from './methods/index.js';
import { RateLimiter } from './rate-limiter.js';
import { POST_METHOD } from './rate-model.js';
import type { InjectedFailure, RecordedCall } from './types.js';
import type { SimWorkspace } from './workspace.js';

/**
 * The Web API's request handling, apart from HTTP plumbing: decode, authenticate, apply injected
 * failures, run the method, record the call. Slack answers HTTP 200 for every outcome except rate
 * limiting (429 with Retry-After), and so does this.
 */
export interface ApiRequest {
  method: string;
  contentType: string;
  authorization: string | undefined;
  rawBody: string;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Hold the answer back this long (an injected `latencyMs`). */
  delayMs?: number;
}

export class WebApi {
  readonly calls: RecordedCall[] = [];
  private readonly failures = new Map<string, InjectedFailure[]>();

  constructor(
    private readonly ws: SimWorkspace,
    private readonly botToken: string,
    /** Slack's rate limits; by default one that admits everything. */
    private readonly limiter: RateLimiter = new RateLimiter({}, () => ws.now),
  ) {}

  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  handle(request: ApiRequest): ApiAnswer {
    let args: Args = {};
    let token: string | undefined;
    try {
      ({ args, token } = this.decode(request));
      return this.answer(request.method, args, token);
    } catch (error) {
      const code = error instanceof SlackMethodError ? error.code : 'internal_error';
      const extra = error instanceof SlackMethodError ? error.extra : {};
      return this.finish(request.method, args, { status: 200, headers: {}, body: { ok: false, error: code, ...extra } });
    }
  }

  /** Form bodies may carry the token as a field; JSON bodies must use the Authorization header. */
  private decode(request: ApiRequest): { args: Args; token: string | undefined } {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
    let raw: Args;
    if (request.contentType.startsWith('application/json')) {
      try {
        const parsed: unknown = request.rawBody === '' ? {} : JSON.parse(request.rawBody);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackMethodError('invalid_json');
        raw = parsed as Args;
      } catch {
        throw new SlackMethodError('invalid_json');
      }
      const { token: _ignored, ...rest } = raw;
      return { args: decodeJsonFields(rest), token: bearer };
    }
    raw = decodeFormBody(request.rawBody);
    const { token: field, ...rest } = raw;
    return { args: decodeJsonFields(rest), token: bearer ?? (typeof field === 'string' ? field : undefined) };
  }

  private answer(method: string, args: Args, token: string | undefined): ApiAnswer {
    const handler = methods[method];
    if (handler === undefined) return this.finish(method, args, { status: 200, headers: {}, body: { ok: false, error: 'unknown_method', req_method: method } });
    if (token === undefined) return this.finish(method, args, { status: 200, headers: {}, body: { ok: false, error: 'not_authed' } });
    if (token !== this.botToken) return this.finish(method, args, { status: 200, headers: {}, body: { ok: false, error: 'invalid_auth' } });
    const limited = this.rateLimited(method, args);
    if (limited !== undefined) return limited;
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined && 'latencyMs' in failure) {
      return { ...this.finish(method, args, { status: 200, headers: {}, body: { ok: true, ...handler(args, this.ws) } }), delayMs: failure.latencyMs };
    }
    if (failure !== undefined) {
      if ('status' in failure) {
        return this.finish(method, args, { status: 429, headers: { 'retry-after': String(failure.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } });
      }
      return this.finish(method, args, { status: 200, headers: {}, body: { ok: false, error: failure.error } });
    }
    return this.finish(method, args, { status: 200, headers: {}, body: { ok: true, ...handler(args, this.ws) } });
  }

  /** Slack's 429 when a limit refuses the call (after authentication, before the method runs). */
  private rateLimited(method: string, args: Args): ApiAnswer | undefined {
    if (!this.limiter.enabled) return undefined;
    const admission = this.limiter.admit(method, method === POST_METHOD ? this.postChannel(args) : undefined);
    if (admission.admitted) return undefined;
    return this.finish(method, args, { status: 429, headers: { 'retry-after': String(admission.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } });
  }

  /** The conversation id a post goes to, so `#general`, `general` and `C0GENERAL` share one limit. */
  private postChannel(args: Args): string | undefined {
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    return channel === undefined ? undefined : (this.ws.conversationIdOf(channel) ?? channel);
  }

  private finish(method: string, args: Args, answer: ApiAnswer): ApiAnswer {
    const ok = answer.body.ok === true;
    const channelId = method === POST_METHOD ? this.postChannel(args) : undefined;
    this.calls.push({ method, args, ok, ...(ok ? {} : { error: String(answer.body.error) }), time: this.ws.now, ...(channelId !== undefined ? { channelId } : {}) });
    return answer;
  }
}
