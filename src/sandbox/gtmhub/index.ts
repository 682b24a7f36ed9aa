/**
 * A local stand-in for Gtmhub's KPI API: a real HTTP server with in-memory state, used by the tests,
 * the benchmarks and `npm run sandbox`. Routes, contract and assumptions: see `routes.ts`,
 * `snapshot-read.ts`, `kpi-input.ts` and the README next to this file.
 */
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../log.js';
import { DEFAULT_DEMO, demoPerson, generateDemoData, loadDemoData, type DemoOptions } from './demo-data.js';
import { createFaultController, type FaultController } from './faults.js';
import type { SimUser } from './handlers/index.js';
import type { UnsortedListOrder } from './list-order.js';
import type { RecordedRequest } from './request-log.js';
import { createSimServer } from './server.js';
import { SimState } from './state.js';

export interface GtmhubSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default `acc-sandbox`. */
  accountId?: string;
  /**
   * Bearer tokens accepted, each acting as a Gtmhub user; the first is the workspace token.
   * Default `{ 'gtmhub-sandbox-token': { userId: 'u-sandbox', name: 'Sandbox Admin' } }`.
   */
  tokens?: Record<string, SimUser>;
  /** Demo account to load; default `{ seed: 42, kpiCount: 24, weeks: 26 }`; `false` = empty account. */
  demo?: DemoOptions | false;
  /** Clock for `dateCreated`/`dateUpdated`, the request log, and "the last N weeks" of demo history. */
  now?: () => Date;
  /**
   * What list endpoints answer without `sort`: `unstable` (default) gives every request its own
   * order, as Gtmhub's paging page warns (developer.gtmhub.com/api-reference/paging.html); `stable`
   * sorts KPIs and groups by name, users by id. Seeded by `listOrderSeed` (default 7).
   */
  unsortedListOrder?: UnsortedListOrder;
  listOrderSeed?: number;
  /** Seeds the PRNG of fault `rate` draws; default 1. */
  faultSeed?: number;
  /**
   * How many requests `requests` keeps; the oldest are dropped beyond it, so a long `npm run sandbox`
   * session or a benchmark does not grow without bound. Default 10,000.
   */
  requestLogLimit?: number;
  logger?: Logger;
}

export interface GtmhubSimulator {
  /** Base URL for the client, e.g. `http://127.0.0.1:54321/api` (the client appends `/v1/…`, `/v2/…`). */
  url: string;
  accountId: string;
  /** The first (workspace) token. */
  token: string;
  state: SimState;
  faults: FaultController;
  /** Every request received, oldest first (faulty ones too). */
  requests: RecordedRequest[];
  clearRequests(): void;
  addToken(token: string, user: SimUser): void;
  /** Closes the server and destroys open sockets (hung requests too). */
  close(): Promise<void>;
}

export const DEFAULT_TOKENS: Record<string, SimUser> = {
  'gtmhub-sandbox-token': { userId: 'u-sandbox', name: 'Sandbox Admin' },
};

export async function startGtmhubSimulator(options: GtmhubSimulatorOptions = {}): Promise<GtmhubSimulator> {
  const now = options.now ?? (() => new Date());
  const accountId = options.accountId ?? 'acc-sandbox';
  const tokenEntries = Object.entries(options.tokens ?? DEFAULT_TOKENS);
  const firstToken = tokenEntries[0];
  if (!firstToken) throw new SimulatorSetupError('tokens must contain at least one token: the workspace token.');
  const tokens = new Map(tokenEntries);
  const logger = options.logger ?? silentLogger;

  const state = new SimState({
    accountId,
    now,
    ...(options.unsortedListOrder ? { unsortedListOrder: options.unsortedListOrder } : {}),
    ...(options.listOrderSeed !== undefined ? { listOrderSeed: options.listOrderSeed } : {}),
  });
  if (options.demo !== false) {
    loadDemoData(state, generateDemoData({ ...DEFAULT_DEMO, ...options.demo, now: now(), accountId }));
  }
  // Token users with a name are users of the account too (the sandbox admin creates KPIs it owns).
  for (const user of tokens.values()) {
    if (user.name && !state.users.has(user.userId)) {
      const person = demoPerson(user.userId, user.name);
      state.addUser({ id: person.id, email: person.email, firstName: person.firstName, lastName: person.lastName });
    }
  }
  const faults = createFaultController(options.faultSeed);
  const requests: RecordedRequest[] = [];
  const sim = createSimServer({
    state,
    faults,
    tokens,
    accountId,
    now,
    logger,
    requests,
    requestLogLimit: options.requestLogLimit ?? 10_000,
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(options.port ?? 0, host, () => {
      sim.server.off('error', reject);
      resolve();
    });
  });
  const { port } = sim.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/api`;
  logger.info('gtmhub simulator listening', { url, accountId, kpis: state.kpis.size });

  let closed: Promise<void> | undefined;
  return {
    url,
    accountId,
    token: firstToken[0],
    state,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    addToken: (token, user) => {
      tokens.set(token, user);
    },
    close: () => (closed ??= sim.close()),
  };
}

export class SimulatorSetupError extends Error {
  readonly code = 'simulator_setup' as const;
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorSetupError';
  }
}

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

export type { Fault, FaultController, FaultTarget } from './faults.js';
export type { RecordedRequest } from './request-log.js';
export type { RouteKey } from './routes.js';
export { ROUTE_KEYS } from './routes.js';
export { SimState, type Insight, type StoredSnapshot, type GroupRecord, type UserRecord } from './state.js';
export type { UnsortedListOrder } from './list-order.js';
export type { SimUser } from './handlers/index.js';
export { demoEmailOf, generateDemoData, type DemoData, type DemoOptions, type DemoPerson } from './demo-data.js';
