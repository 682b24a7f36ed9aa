import type { SimState } from '../state.js';

/** The Gtmhub user a bearer token acts as. */
export interface SimUser {
  userId: string;
  name?: string;
}

/** What a handler gets: the parsed request, who is asking, and the account. */
export interface HandlerContext {
  params: Record<string, string>;
  query: Record<string, string>;
  /** The body parsed as JSON; throws a 400 when it is missing or not JSON. */
  json: () => unknown;
  user: SimUser;
  state: SimState;
  now: () => Date;
}

export interface HandlerResult {
  status: number;
  /** Omitted for 204. */
  body?: unknown;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;
