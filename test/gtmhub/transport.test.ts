/**
 * The transport over real loopback HTTP, against a server whose answers each test scripts:
 * headers, retries and what is never repeated, deadlines, error mapping, body handling, secrets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { createMemoryLogger } from '../../src/log.js';
import {
  GtmhubAbortedError,
  GtmhubBadResponseError,
  GtmhubClient,
  GtmhubDeadlineError,
  GtmhubError,
  GtmhubForbiddenError,
  GtmhubInvalidArgumentError,
  GtmhubInvalidRequestError,
  GtmhubNetworkError,
  GtmhubNotFoundError,
  GtmhubPaymentRequiredError,
  GtmhubRateLimitedError,
  GtmhubServerError,
  GtmhubUnauthorizedError,
  interactiveWithinTwoSeconds,
  noRetries,
  patientForBackgroundWork,
  type RetryPolicy,
} from '../../src/gtmhub/index.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

// JWT-shaped, like a real Gtmhub token, so that the JWT redaction is exercised too.
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2VjcmV0LXNpZ25hdHVyZQ';
const ACCOUNT = 'acc-123';

const kpi = (id: string, name = `KPI ${id}`) => ({ id, name, aggregation: 'last', targetOperator: 'should_increase' });
const snapshot = { group: '2026-W48', timeZone: 'UTC+3', value: 5 };
/** Patient enough for a 1 s Retry-After, with short backoff so tests stay quick. */
const quickPatient: RetryPolicy = { ...patientForBackgroundWork, name: 'quickPatient', baseDelayMs: 10, maxDelayMs: 50 };

let server: ScriptedServer;
let clients: GtmhubClient[];

function client(options: Partial<ConstructorParameters<typeof GtmhubClient>[0]> = {}): GtmhubClient {
  const c = new GtmhubClient({ baseUrl: server.url, token: TOKEN, accountId: ACCOUNT, retryPolicy: noRetries, ...options });
  clients.push(c);
  return c;
}

async function failureOf(promise: Promise<unknown>): Promise<GtmhubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GtmhubError);
  return error as GtmhubError;
}

beforeEach(async () => {
  server = await startScriptedServer();
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

describe('requests', () => {
  it('sends the bearer token, the account id and JSON accept headers', async () => {
    server.script({ status: 200, body: kpi('k1') });
    await client().getKpi('k1');
    const [req] = server.requests;
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['gtmhub-accountid']).toBe(ACCOUNT);
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['content-type']).toBeUndefined();
  });

  it('sends a JSON body with a JSON content type', async () => {
    server.script({ status: 201, body: {} });
    await client().createSnapshot('k1', snapshot);
    const [req] = server.requests;
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual(snapshot);
  });

  it('joins a base URL that carries a path, with or without a trailing slash', async () => {
    server.script({ status: 200, body: kpi('k1') });
    await client({ baseUrl: `${server.origin}/results/api` }).getKpi('k1');
    await client({ baseUrl: `${server.origin}/results/api/` }).getKpi('k1');
    expect(server.requests.map((r) => r.path)).toEqual(['/results/api/v1/kpis/k1', '/results/api/v1/kpis/k1']);
  });

  it('encodes ids so that they cannot leave their path segment', async () => {
    server.script({ status: 200, body: kpi('../x') });
    await client().getKpi('../x?y#z');
    expect(server.requests[0]?.url).toBe('/api/v1/kpis/..%2Fx%3Fy%23z');
  });

  it('refuses an id of "." or ".." without sending anything', async () => {
    const error = await failureOf(client().getKpi('..'));
    expect(error).toBeInstanceOf(GtmhubInvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries a GET that fails twice with 503 and returns the third answer', async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 200, body: kpi('k1') });
    const result = await client({ retryPolicy: interactiveWithinTwoSeconds }).getKpi('k1');
    expect(result.id).toBe('k1');
    expect(server.requests).toHaveLength(3);
  });

  it('retries a GET whose connection is reset', async () => {
    server.script({ reset: true }, { status: 200, body: kpi('k1') });
    await client({ retryPolicy: interactiveWithinTwoSeconds }).getKpi('k1');
    expect(server.requests).toHaveLength(2);
  });

  it('sends a POST that gets 503 exactly once and says it may have been processed', async () => {
    server.script({ status: 503 });
    const error = await failureOf(client({ retryPolicy: quickPatient }).createSnapshot('k1', snapshot));
    expect(error).toBeInstanceOf(GtmhubServerError);
    expect(error.mayHaveBeenProcessed).toBe(true);
    expect(error.message).toContain('may or may not have been processed');
    expect(server.requests).toHaveLength(1);
  });

  it('sends a PATCH whose connection is reset exactly once', async () => {
    server.script({ reset: true });
    const error = await failureOf(client({ retryPolicy: quickPatient }).updateKpi('k1', { name: 'New' }));
    expect(error).toBeInstanceOf(GtmhubNetworkError);
    expect(error.mayHaveBeenProcessed).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a POST refused with 429 only after its Retry-After', async () => {
    server.script({ status: 429, headers: { 'retry-after': '1' } }, { status: 201, body: {} });
    await client({ retryPolicy: quickPatient }).createSnapshot('k1', snapshot);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    // A lower bound only; 2 ms of slack for timer rounding between the two clocks' readings.
    expect(second!.arrivedAt - first!.arrivedAt).toBeGreaterThanOrEqual(1_000 - 2);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    server.script({ status: 429, headers: { 'retry-after': inTwoSeconds } }, { status: 200, body: kpi('k1') });
    await client({ retryPolicy: quickPatient }).getKpi('k1');
    const [first, second] = server.requests;
    // HTTP dates have whole seconds: the wait is at least 1 s of the 2 asked.
    expect(second!.arrivedAt - first!.arrivedAt).toBeGreaterThanOrEqual(1_000 - 2);
  });

  it('fails at once with the rate-limited error when Retry-After passes the deadline', async () => {
    server.script({ status: 429, headers: { 'retry-after': '30' }, body: { message: 'Slow down' } });
    const error = await failureOf(client({ retryPolicy: interactiveWithinTwoSeconds }).getKpi('k1'));
    expect(error).toBeInstanceOf(GtmhubRateLimitedError);
    expect((error as GtmhubRateLimitedError).retryAfterMs).toBe(30_000);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    server.script({ status: 404 });
    await failureOf(client({ retryPolicy: interactiveWithinTwoSeconds }).getKpi('k1'));
    expect(server.requests).toHaveLength(1);
  });
});

describe('deadlines and cancellation', () => {
  it('gives a deadline error when the server never answers within the interactive deadline', async () => {
    server.script({ hang: true });
    const error = await failureOf(client({ retryPolicy: interactiveWithinTwoSeconds }).getKpi('k1'));
    expect(error).toBeInstanceOf(GtmhubDeadlineError);
    expect(error).toBeInstanceOf(GtmhubNetworkError);
    expect((error as GtmhubNetworkError).timeout).toBe(true);
    expect(error.code).toBe('gtmhub_deadline_exceeded');
  });

  it("gives an aborted error when the caller's signal fires", async () => {
    server.script({ hang: true });
    const controller = new AbortController();
    const call = client().getKpi('k1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failureOf(call)).toBeInstanceOf(GtmhubAbortedError);
  });

  it('reports a refused connection as a network error that cannot have been processed', async () => {
    const closed = await startScriptedServer();
    await closed.close();
    const error = await failureOf(client({ baseUrl: closed.url }).createSnapshot('k1', snapshot));
    expect(error).toBeInstanceOf(GtmhubNetworkError);
    expect(error.mayHaveBeenProcessed).toBe(false);
    expect(error.message).toContain('connection refused');
  });
});

describe('error statuses', () => {
  const cases = [
    [401, GtmhubUnauthorizedError, 'gtmhub_unauthorized'],
    [402, GtmhubPaymentRequiredError, 'gtmhub_payment_required'],
    [403, GtmhubForbiddenError, 'gtmhub_forbidden'],
    [404, GtmhubNotFoundError, 'gtmhub_not_found'],
    [400, GtmhubInvalidRequestError, 'gtmhub_invalid_request'],
    [422, GtmhubInvalidRequestError, 'gtmhub_invalid_request'],
  ] as const;

  it.each(cases)('maps %i to %o with Gtmhub’s message', async (status, errorClass, code) => {
    server.script({ status, body: { message: 'KPI abc is archived' } });
    const error = await failureOf(client().getKpi('abc'));
    expect(error).toBeInstanceOf(errorClass);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toContain('Gtmhub GET /v1/kpis/abc');
    expect(error.message).toContain('KPI abc is archived');
  });

  it('says both meanings of 402: payment required or account suspended', async () => {
    server.script({ status: 402, raw: '' });
    const error = await failureOf(client().getKpi('abc'));
    expect(error.message).toBe('Gtmhub GET /v1/kpis/abc: payment required or the account is suspended (402)');
  });

  it('names method, path and status in the message', async () => {
    server.script({ status: 404, raw: '' });
    const error = await failureOf(client().getKpi('abc'));
    expect(error.message).toBe('Gtmhub GET /v1/kpis/abc: not found (404)');
  });

  it('reads a plain-text error body as the message', async () => {
    server.script({ status: 400, raw: 'groupBy is invalid', headers: { 'content-type': 'text/plain' } });
    const error = await failureOf(client().getKpi('abc'));
    expect(error.message).toContain('groupBy is invalid');
  });
});

describe('bad responses', () => {
  it('reports malformed JSON as a bad response naming the endpoint', async () => {
    server.script({ status: 200, raw: '{"items": [' });
    const error = await failureOf(client().listKpis());
    expect(error).toBeInstanceOf(GtmhubBadResponseError);
    expect(error.message).toBe('Gtmhub GET /v2/kpis: answered a body that is not JSON');
  });

  it('reports a KPI without a name as a bad response naming the field', async () => {
    server.script({ status: 200, body: { items: [kpi('a'), { id: 'b' }], totalCount: 2 } });
    const error = await failureOf(client().listKpis());
    expect(error).toBeInstanceOf(GtmhubBadResponseError);
    expect(error.message).toContain('GET /v2/kpis');
    expect(error.message).toContain('items[1].name');
  });

  it('does not turn an odd answer to a recorded value into a failure', async () => {
    server.script({ status: 200, raw: 'OK' });
    await expect(client().createSnapshot('k1', snapshot)).resolves.toBeUndefined();
  });

  it('returns null from an update whose answer is not a KPI', async () => {
    server.script({ status: 200, raw: '' });
    await expect(client().updateKpi('k1', { name: 'New' })).resolves.toBeNull();
  });
});

describe('secrets', () => {
  it('keeps the token out of errors and log lines, even when the server echoes it', async () => {
    server.script((req) => ({ status: 400, body: { message: `bad header ${req.headers.authorization}` } }), {
      status: 401,
      raw: `token ${TOKEN} expired`,
    });
    const logger = createMemoryLogger('debug');
    const c = client({ logger });
    const errors = [await failureOf(c.getKpi('k1')), await failureOf(c.createSnapshot('k1', snapshot))];
    for (const error of errors) {
      expect(error.message).not.toContain(TOKEN);
      expect(String(error)).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(error.stack ?? '').not.toContain(TOKEN);
    }
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line).not.toContain(TOKEN);
    // The secret part alone (a JWT's signature) must not leak either.
    expect(logger.lines.join('\n')).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ');
  });

  it('logs each attempt at debug with method, path, status, duration and attempt number', async () => {
    server.script({ status: 503 }, { status: 200, body: kpi('k1') });
    const logger = createMemoryLogger('debug');
    await client({ logger, retryPolicy: interactiveWithinTwoSeconds }).getKpi('k1');
    const calls = logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'gtmhub call');
    expect(calls.map((c) => [c.method, c.path, c.status, c.attempt])).toEqual([
      ['GET', '/v1/kpis/k1', 503, 1],
      ['GET', '/v1/kpis/k1', 200, 2],
    ]);
    expect(calls.every((c) => typeof c.ms === 'number')).toBe(true);
  });
});

describe('connections', () => {
  it('does not pin the only connection after many failures in a row', async () => {
    const dispatcher = new Agent({ connections: 1 });
    const bigError = { message: 'x'.repeat(64 * 1024) };
    server.script(...Array.from({ length: 30 }, (_, i) => ({ status: [500, 404, 400][i % 3]!, body: bigError })), {
      status: 200,
      body: kpi('k1'),
    });
    const c = client({ dispatcher });
    for (let i = 0; i < 30; i++) await failureOf(c.getKpi('k1'));
    await expect(c.getKpi('k1')).resolves.toMatchObject({ id: 'k1' });
    await dispatcher.close();
  });

  it('does not pin the only connection after bad responses and ignored bodies', async () => {
    const dispatcher = new Agent({ connections: 1 });
    server.script(
      ...Array.from({ length: 10 }, () => ({ status: 200, raw: 'not json' })),
      ...Array.from({ length: 10 }, () => ({ status: 201, raw: 'y'.repeat(64 * 1024) })),
      { status: 200, body: kpi('k1') },
    );
    const c = client({ dispatcher });
    for (let i = 0; i < 10; i++) await failureOf(c.getKpi('k1'));
    for (let i = 0; i < 10; i++) await c.createSnapshot('k1', snapshot);
    await expect(c.getKpi('k1')).resolves.toMatchObject({ id: 'k1' });
    await dispatcher.close();
  });

  it('leaves an injected dispatcher open on close', async () => {
    const dispatcher = new Agent();
    server.script({ status: 200, body: kpi('k1') });
    await client({ dispatcher }).close();
    await expect(client({ dispatcher }).getKpi('k1')).resolves.toMatchObject({ id: 'k1' });
    await dispatcher.close();
  });
});
