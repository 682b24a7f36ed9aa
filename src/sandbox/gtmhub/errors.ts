/**
 * The one error the simulator's handlers throw: the HTTP answer Gtmhub would give. The body is
 * `{ "message": … }`: the reference documents no error body, so that shape is our assumption.
 */
export type SimErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large';

const STATUS: Record<SimErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
};

export class SimHttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: SimErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SimHttpError';
    this.status = STATUS[code];
  }
}

export const badRequest = (message: string): SimHttpError => new SimHttpError('bad_request', message);
export const notFound = (message: string): SimHttpError => new SimHttpError('not_found', message);
export const forbidden = (message: string): SimHttpError => new SimHttpError('forbidden', message);
